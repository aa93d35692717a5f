/** Literal AWS regions inside ARNs and endpoints. */

/**
 * An AWS region name: commercial, GovCloud, China and the isolated partitions
 * (us-east-1, eu-west-3, ap-southeast-2, us-gov-west-1, cn-north-1, us-isob-east-1, il-central-1...).
 */
const REGION = '(?:us-gov|us-iso[bef]?|eu-iso[e]?|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d{1,2}';
// A partition or service may itself be a reference (`${AWS::Partition}` holds colons).
const ARN_PART = '(?:\\$\\{[^}]*\\}|[A-Za-z0-9-]+)';
const PATTERNS: ReadonlyArray<{ kind: string; regex: RegExp }> = [
  // arn:<partition>:<service>:<region>:
  { kind: 'ARN', regex: new RegExp(`arn:${ARN_PART}:${ARN_PART}:(${REGION}):`, 'g') },
  // <service>.<region>.amazonaws.com(.cn), also with a prefix (bucket.s3., 123.dkr.ecr.) and vpce. hosts
  { kind: 'endpoint', regex: new RegExp(`[A-Za-z0-9-]\\.(${REGION})\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?\\b`, 'g') },
  // legacy dash-style S3 endpoints: s3-us-west-2.amazonaws.com, s3-website-eu-west-1.amazonaws.com
  { kind: 'endpoint', regex: new RegExp(`\\bs3(?:-website)?-(${REGION})\\.amazonaws\\.com\\b`, 'g') },
  // VPC endpoint service names: com.amazonaws.<region>.<service>
  { kind: 'endpoint service name', regex: new RegExp(`\\bcom\\.amazonaws\\.(${REGION})\\.`, 'g') },
];
// To show the whole ARN or host found, a match is widened over these characters (no regex
// backtracking over long strings): host characters to the left, anything but a separator to the right.
const HOST_CHAR = /[A-Za-z0-9.-]/;
const VALUE_CHAR = /[^\s"',[\]]/;

/** The literal regions a string names in an ARN or endpoint: the region, the ARN/host it is in, and which kind. */
export function literalRegions(text: string): Array<{ region: string; value: string; kind: string }> {
  const found: Array<{ region: string; value: string; kind: string }> = [];
  // Every pattern needs "arn:" or "amazonaws": most strings have neither (checked for every string of every resource).
  if (!text.includes('arn:') && !text.includes('amazonaws')) return found;
  for (const { kind, regex } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      let start = match.index;
      let end = match.index + match[0].length;
      if (kind !== 'ARN') while (start > 0 && HOST_CHAR.test(text[start - 1])) start--;
      while (end < text.length && VALUE_CHAR.test(text[end])) end++;
      found.push({ region: match[1], value: text.slice(start, end), kind });
    }
  }
  return found;
}
