/**
 * `<baseName>-<suffix>` names, checked against the service's naming rules when the
 * construct is created, so that a bad name fails at `cdk synth` with the fix, not at
 * deploy time with a CloudFormation error.
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { appendSuffix } from '../../core/environment-suffix';
import { constructError, describeValue } from '../../core/errors';
import { CFN_NAME_SPECS } from '../../core/rules/physical-names';
import { EnvironmentSuffix } from '../environment-suffix';

/** S3 rules beyond length and characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
const S3_RESERVED: ReadonlyArray<[RegExp, string]> = [
  [/\.\./, 'must not contain two adjacent dots'],
  [/^\d{1,3}(\.\d{1,3}){3}$/, 'must not be formatted as an IP address'],
  [/^(xn--|sthree-|amzn-s3-demo-)/, 'must not start with the reserved prefixes xn--, sthree- or amzn-s3-demo-'],
  [/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/, 'must not end with the reserved suffixes -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3'],
];

/**
 * Builds `<baseName>-<suffix>` and validates it for `resourceType` (a CloudFormation type in
 * the physical-name table). Names holding tokens are returned unvalidated.
 *
 * @param scope the construct whose path errors name
 * @param prop the prop that holds the base name, for the fix
 */
export function suffixedName(scope: IConstruct, suffix: EnvironmentSuffix, baseName: string, resourceType: string, prop: string): string {
  // Built here, not with suffix.withSuffix, so an empty base name is reported on this construct.
  const name = appendSuffix(scope.node.path, baseName, suffix.value);
  if (Token.isUnresolved(name)) {
    return name;
  }
  const spec = CFN_NAME_SPECS[resourceType];
  const suffixPart = `-${suffix.value}`;
  if (name.length < spec.min || name.length > spec.max) {
    const room = spec.max - suffixPart.length;
    throw constructError(
      scope.node.path,
      `The ${spec.service} name ${describeValue(name)} is ${name.length} characters long; ${spec.service} names must be ${spec.min}-${spec.max}.`,
      `${prop}=${describeValue(baseName)} with the suffix ${describeValue(suffix.value)}`,
      room > 0 ? `shorten ${prop} to at most ${room} characters (the suffix takes ${suffixPart.length})` : 'use a shorter environment suffix',
    );
  }
  const problems = spec.pattern.test(name) ? [] : [`must be ${spec.describe}`];
  if (resourceType === 'AWS::S3::Bucket') {
    problems.push(...S3_RESERVED.filter(([pattern]) => pattern.test(name)).map(([, rule]) => rule));
  }
  if (problems.length > 0) {
    throw constructError(
      scope.node.path,
      `The ${spec.service} name ${describeValue(name)} is not valid: it ${problems.join(' and ')}.`,
      `${prop}=${describeValue(baseName)}`,
      `choose a ${prop} that makes "<${prop}>${suffixPart}" valid, e.g. ${describeValue(example(baseName))}`,
    );
  }
  return name;
}

/** A best-effort corrected base name for the error message. */
function example(baseName: string): string {
  const cleaned = baseName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^(xn--|sthree-|amzn-s3-demo-)/, '')
    .replace(/^-|-$/g, '');
  return cleaned === '' ? 'data' : cleaned;
}
