import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack, Validations, aws_sqs as sqs } from 'aws-cdk-lib';
import { readCloudAssembly } from '../../src/core/engine/cloud-assembly';
import * as inputFiles from '../../src/core/engine/input-files';
import { newApp } from '../cdk/helpers';

// The construct metadata file (<artifact>.metadata.json) is megabytes on a large app. Paths come from
// the templates' aws:cdk:path where `cdk synth` wrote it; the file is parsed when it holds an entry the
// run keeps, or when a resource's path is not in its template. The findings must not tell the difference.

/** The context the cdk CLI passes by default: aws:cdk:path on every resource. */
const CDK_SYNTH_CONTEXT = { 'aws:cdk:enable-path-metadata': true };

function synth(pathMetadata: boolean, acknowledge = false): string {
  const app: App = newApp(pathMetadata ? { context: CDK_SYNTH_CONTEXT } : {});
  const stack = new Stack(app, 'Main');
  new sqs.Queue(stack, 'Orders');
  const nested = new NestedStack(stack, 'Network');
  // The same construct id in the nested stack: its logical ID repeats the parent's.
  new sqs.Queue(nested, 'Orders');
  if (acknowledge) Validations.of(stack).acknowledge({ id: 'SafePatterns::retain-on-delete', reason: 'queues outlive the stack' });
  app.synth();
  return app.outdir;
}

function paths(outdir: string): string[][] {
  return readCloudAssembly(outdir).stacks.map((s) => [s.name, ...s.resources.map((r) => `${r.logicalId} ${r.path}`)]);
}

function metadataParses(outdir: string): number {
  const parse = jest.spyOn(inputFiles, 'parseJson');
  try {
    readCloudAssembly(outdir);
    return parse.mock.calls.filter(([file]) => file.endsWith('.metadata.json')).length;
  } finally {
    parse.mockRestore();
  }
}

describe('construct paths with and without aws:cdk:path in the templates', () => {
  test('GIVEN the same app synthesized as `cdk synth` does and without path metadata WHEN read THEN every resource has the same path', () => {
    // GIVEN
    const withPathMetadata = synth(true);
    const without = synth(false);
    // WHEN / THEN
    expect(paths(withPathMetadata)).toEqual(paths(without));
    expect(paths(without)).toContainEqual(expect.arrayContaining(['Main/Network', expect.stringMatching(/^Orders[0-9A-F]{8} Main\/Network\/Orders\/Resource$/)]));
  });

  test('GIVEN aws:cdk:path on every resource and no acknowledgement WHEN read THEN the metadata file is not parsed', () => {
    expect(metadataParses(synth(true))).toBe(0);
  });

  test('GIVEN templates without aws:cdk:path WHEN read THEN the metadata file is parsed for the paths', () => {
    expect(metadataParses(synth(false))).toBe(1);
  });

  test('GIVEN aws:cdk:path everywhere and an acknowledgement WHEN read THEN the metadata file is parsed and the acknowledgement kept', () => {
    // GIVEN
    const outdir = synth(true, true);
    // WHEN
    const read = readCloudAssembly(outdir);
    // THEN
    expect(metadataParses(outdir)).toBe(1);
    expect(read.metadata.map((m) => [m.path, m.entries.map((e) => e.type)])).toEqual([['Main', ['aws:cdk:acknowledged-rules']]]);
  });

  test('GIVEN one resource without aws:cdk:path WHEN read THEN its path comes from the metadata file, the same path', () => {
    // GIVEN the nested stack's queue loses its aws:cdk:path (a hand-edited template)
    const outdir = synth(true);
    const expected = paths(outdir);
    const nestedFile = fs.readdirSync(outdir).find((f) => f.endsWith('.nested.template.json'))!;
    const template = JSON.parse(fs.readFileSync(path.join(outdir, nestedFile), 'utf8'));
    const [logicalId] = Object.keys(template.Resources).filter((id) => template.Resources[id].Type === 'AWS::SQS::Queue');
    delete template.Resources[logicalId].Metadata['aws:cdk:path'];
    fs.writeFileSync(path.join(outdir, nestedFile), JSON.stringify(template));
    // WHEN / THEN
    expect(metadataParses(outdir)).toBe(1);
    expect(paths(outdir)).toEqual(expected);
  });

  test('GIVEN a corrupt metadata file and templates without aws:cdk:path WHEN read THEN one problem names the file and the rest is read', () => {
    // GIVEN
    const outdir = synth(false);
    fs.writeFileSync(path.join(outdir, 'Main.metadata.json'), '{"/Main": [');
    // WHEN
    const read = readCloudAssembly(outdir);
    // THEN
    expect(read.problems).toEqual([
      { file: path.join(outdir, 'Main.metadata.json'), problem: expect.stringMatching(/^is not valid JSON \(.*\); checked without its construct metadata \(paths, acknowledgements\)$/) },
    ]);
    expect(read.stacks.map((s) => s.resources.length)).toEqual([2, 1]);
  });
});
