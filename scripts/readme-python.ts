/**
 * Puts jsii-rosetta's Python translation of every TypeScript example in README.md right
 * after it, so the two languages cannot drift apart.
 *
 * The build runs `jsii-rosetta extract --strict` first: it compiles every ```ts block of the
 * README (in the fixtures of rosetta/) against the compiled assembly, fails on any error,
 * and writes the translations into the tablet `.jsii.tabl.json`. This script reads that tablet.
 *
 * - Locally it rewrites README.md.
 * - With CI set it only checks, and fails naming the stale examples: CI must test the
 *   committed README, not one it just regenerated.
 *
 * A ```ts block preceded by `<!-- rosetta:python-by-hand -->` keeps the hand-written Python
 * block after it (rosetta cannot translate everything, e.g. a class implementing a jsii
 * interface); the TypeScript is still compiled.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const BY_HAND = '<!-- rosetta:python-by-hand -->';

interface TabletSnippet {
  readonly translations: Record<string, { readonly source: string }>;
  readonly location: { readonly api: { readonly api: string } };
  readonly didCompile?: boolean;
}

/** TypeScript source (as rosetta records it) -> Python translation, for README snippets. */
export function readmeTranslations(tabletFile: string): Map<string, string> {
  if (!fs.existsSync(tabletFile)) {
    throw new Error(`${tabletFile} not found. Fix: run 'npx projen compile' (post-compile runs jsii-rosetta extract).`);
  }
  const tablet = JSON.parse(fs.readFileSync(tabletFile, 'utf8')) as { snippets: Record<string, TabletSnippet> };
  const result = new Map<string, string>();
  for (const snippet of Object.values(tablet.snippets)) {
    if (snippet.location.api.api !== 'moduleReadme') continue;
    const ts = snippet.translations.$?.source;
    const py = snippet.translations.python?.source;
    if (ts !== undefined && py !== undefined) {
      result.set(ts.trim(), fixProviderModules(py.trim()));
    }
  }
  return result;
}

/**
 * Rosetta names a deep-path provider import (`@cdktf/provider-aws/lib/s3-bucket`) after the jsii submodule
 * (`s3Bucket`), but the Python package's module is snake_case (`cdktf_cdktf_provider_aws.s3_bucket`).
 */
export function fixProviderModules(python: string): string {
  return python.replace(/\bcdktf_cdktf_provider_aws\.([A-Za-z0-9]+)/g, (_m, name: string) =>
    `cdktf_cdktf_provider_aws.${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
  );
}

/** Returns README.md with a generated ```python block after every ```ts block. */
export function renderReadme(readme: string, translations: Map<string, string>): string {
  const lines = readme.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!/^```(ts|typescript)\b/.test(line)) {
      out.push(line);
      i++;
      continue;
    }
    const byHand = out.length > 0 && out[out.length - 1].trim() === BY_HAND;
    const start = i;
    i++;
    while (i < lines.length && lines[i] !== '```') i++;
    if (i >= lines.length) {
      throw new Error(`README.md:${start + 1}: a \`\`\`ts block has no closing fence.`);
    }
    const source = lines.slice(start + 1, i).join('\n').trim();
    out.push(...lines.slice(start, i + 1));
    i++;
    if (byHand) continue;

    const python = translations.get(source);
    if (python === undefined) {
      throw new Error(
        `README.md:${start + 1}: no rosetta translation for this example (README changed after the last compile?). ` +
          "Fix: run 'npx projen compile', then 'npx projen docs:readme'.",
      );
    }
    // Drop the previous generated block: a ```python block separated from the ts block only by blank lines.
    let j = i;
    while (j < lines.length && lines[j].trim() === '') j++;
    if (j < lines.length && lines[j] === '```python') {
      let end = j + 1;
      while (end < lines.length && lines[end] !== '```') end++;
      i = end + 1;
    }
    out.push('', '```python', python, '```');
  }
  return out.join('\n');
}

function main(): void {
  const readmeFile = path.join(ROOT, 'README.md');
  const committed = fs.readFileSync(readmeFile, 'utf8');
  const rendered = renderReadme(committed, readmeTranslations(path.join(ROOT, '.jsii.tabl.json')));
  if (rendered === committed) return;
  if (process.env.CI && process.env.CI !== 'false') {
    process.stderr.write(
      "README.md: the Python examples differ from jsii-rosetta's translations of the TypeScript ones. " +
        "Fix: run 'npx projen compile' locally and commit README.md.\n",
    );
    process.exit(1);
  }
  fs.writeFileSync(readmeFile, rendered);
  process.stdout.write('README.md: Python examples updated from jsii-rosetta\n');
}

if (require.main === module) {
  main();
}
