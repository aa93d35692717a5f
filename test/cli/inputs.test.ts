import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Stage, aws_sqs as sqs } from 'aws-cdk-lib';
import { BuiltApp, copyDir, tfApp } from './apps';
import { lines, requireCompiledCli, runCli, tempDir, writeFile } from './helpers';
import { JsonReport } from '../../src/core/engine/reports';
import { newApp, synthWithChecks } from '../cdk/helpers';

// What the CLI reads: directories, single files, YAML with CloudFormation's short forms, the
// default ./cdk.out and ./cdktf.out, and bad input, which is one line per file, never a stack trace.

/** A template with one finding (guardduty-detector), to prove the good input is still checked. */
const DETECTOR_TEMPLATE = { Resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } } } };

let cdkOut: string;
let tf: BuiltApp;

beforeAll(() => {
  requireCompiledCli();
  const app: App = newApp();
  new sqs.Queue(new Stack(app, 'Clean'), 'Queue');
  app.synth();
  cdkOut = app.outdir;
  tf = tfApp();
});

describe('bad input: one line naming the file and the problem; the other inputs are still checked', () => {
  let cwd: string;
  let run: { code: number; stdout: string; stderr: string };
  const cases: Array<[string, string]> = [];

  beforeAll(async () => {
    // GIVEN a good template among every kind of bad input
    cwd = tempDir();
    writeFile(cwd, 'good.template.json', DETECTOR_TEMPLATE);
    const inputs: Array<[string, string]> = [
      [writeFile(cwd, 'broken.template.json', '{\n  "Resources": {\n    "A": \n'), 'broken.template.json: is not valid JSON ('],
      [writeFile(cwd, 'broken.yaml', 'Resources:\n  A: {Type: AWS::SQS::Queue\n  B: 1\n'), 'broken.yaml: is not valid YAML ('],
      [writeFile(cwd, 'package.json', { name: 'not-a-template' }), 'package.json: is not a CloudFormation template (no "Resources" object nor AWSTemplateFormatVersion) nor Terraform JSON'],
      [writeFile(cwd, 'list.yaml', '- a\n- b\n'), 'list.yaml: is not a CloudFormation template (no "Resources" object nor AWSTemplateFormatVersion)'],
      [path.join(cwd, 'missing.template.json'), 'missing.template.json: does not exist'],
    ];
    fs.mkdirSync(path.join(cwd, 'empty'));
    inputs.push([path.join(cwd, 'empty'), 'empty: holds nothing to check: no manifest.json (cdk.out, cdktf.out), no *.template.json or *.yaml template, no cdk.tf.json']);
    // A cloud assembly whose template cannot be read (a directory where the file should be).
    copyDir(cdkOut, path.join(cwd, 'unreadable.out'));
    fs.rmSync(path.join(cwd, 'unreadable.out', 'Clean.template.json'));
    fs.mkdirSync(path.join(cwd, 'unreadable.out', 'Clean.template.json'));
    inputs.push([path.join(cwd, 'unreadable.out'), 'unreadable.out/Clean.template.json: is a directory, expected a file']);
    // A cloud assembly whose template is not CloudFormation.
    copyDir(cdkOut, path.join(cwd, 'wrong.out'));
    writeFile(cwd, 'wrong.out/Clean.template.json', '[1, 2, 3]');
    inputs.push([path.join(cwd, 'wrong.out'), 'wrong.out/Clean.template.json: is not a CloudFormation template: it has no "Resources" object (nor AWSTemplateFormatVersion)']);
    // A corrupt manifest.
    writeFile(cwd, 'corrupt.out/manifest.json', '{"version": "53.0.0", "artifacts": ');
    inputs.push([path.join(cwd, 'corrupt.out'), 'corrupt.out/manifest.json: is not valid JSON (']);
    // A cdktf output whose stack file is not Terraform JSON.
    copyDir(tf.outdir, path.join(cwd, 'wrong.tf.out'));
    writeFile(cwd, 'wrong.tf.out/stacks/main/cdk.tf.json', { hello: 'world' });
    inputs.push([path.join(cwd, 'wrong.tf.out'), 'wrong.tf.out/stacks/main/cdk.tf.json: is not Terraform JSON: it has none of the blocks "resource", "terraform", "provider", "data", "module"']);
    cases.push(...inputs);

    // WHEN checking all of them at once
    run = await runCli(['check', 'good.template.json', ...inputs.map(([p]) => path.relative(cwd, p)), '--suffix', 'dev'], { cwd });
  });

  test('THEN the exit code is 2 (input errors) and there is no stack trace', () => {
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('THEN stderr holds exactly one line per bad input, naming the file and the problem', () => {
    const errors = lines(run.stderr);
    expect(errors).toHaveLength(cases.length);
    for (const [index, [, expected]] of cases.entries()) {
      expect(errors[index].startsWith(`cdk-safe-patterns: ${expected}`)).toBe(true);
    }
  });

  test('THEN invalid JSON and YAML are located by line and column', () => {
    const errors = lines(run.stderr);
    expect(errors[0]).toMatch(/^cdk-safe-patterns: broken\.template\.json: is not valid JSON \(.*line 4 column 1\)$/);
    expect(errors[1]).toMatch(/^cdk-safe-patterns: broken\.yaml: is not valid YAML \(.* at line \d+, column \d+\)$/);
  });

  test('THEN the good template is still checked and reported', () => {
    expect(run.stdout).toMatch(/^good {2}good\.template\.json\n {2}error +guardduty-detector good\/Detector\n/);
    expect(lines(run.stdout).pop()).toBe('1 error, 0 warnings, 0 acknowledged in 1 stack (1 resource); 10 input problems: failed (--fail-on error)');
  });

  test('WHEN the report is JSON or SARIF THEN the problems are in it too, and the SARIF stays valid', async () => {
    const args = ['check', 'good.template.json', 'package.json', 'missing.template.json', '--suffix', 'dev'];
    const [asJson, asSarif] = await Promise.all([runCli([...args, '--format', 'json'], { cwd }), runCli([...args, '--format', 'sarif'], { cwd })]);
    const report = JSON.parse(asJson.stdout) as JsonReport;
    expect(report.problems).toEqual([
      { file: 'package.json', problem: 'is not a CloudFormation template (no "Resources" object nor AWSTemplateFormatVersion) nor Terraform JSON' },
      { file: 'missing.template.json', problem: 'does not exist' },
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['guardduty-detector']);
    const sarif = JSON.parse(asSarif.stdout);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text)).toEqual([
      'package.json: is not a CloudFormation template (no "Resources" object nor AWSTemplateFormatVersion) nor Terraform JSON',
      'missing.template.json: does not exist',
    ]);
    expect([asJson.code, asSarif.code]).toEqual([2, 2]);
  });

  test('WHEN a cloud assembly lists no stack THEN that is a problem of its own', async () => {
    writeFile(cwd, 'nostacks.out/manifest.json', { version: '53.0.0', artifacts: { Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } } });
    const empty = await runCli(['check', 'nostacks.out'], { cwd });
    expect(lines(empty.stderr)).toEqual(['cdk-safe-patterns: nostacks.out/manifest.json: lists no CloudFormation stack: the app synthesized no stacks, so there is nothing to check']);
    expect(empty.stdout).toBe('0 errors, 0 warnings, 0 acknowledged in 0 stacks (0 resources); 1 input problem: incomplete\n');
    expect(empty.code).toBe(2);
  });
});

describe('YAML templates', () => {
  const yaml = [
    'Parameters:',
    '  ProdName: {Type: String}',
    'Resources:',
    '  Joined:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: !Join ["-", [prod, logs]]',
    '  Substituted:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: !Sub "prod-logs-${AWS::AccountId}"',
    '  # A name from a parameter is a reference, not the literal name "ProdName".',
    '  FromParameter:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    '      BucketName: !Ref ProdName',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}',
    '      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccesss"]',
    '      Policies:',
    '        - PolicyName: send',
    '          PolicyDocument:',
    '            Statement:',
    '              - {Effect: Allow, Action: "sqs:SendMessage", Resource: !Sub "arn:aws:sqs:us-east-1:${AWS::AccountId}:q"}',
    '              - {Effect: Allow, Action: "*", Resource: !GetAtt Role.Arn}',
    '',
  ].join('\n');
  const longForm = {
    Parameters: { ProdName: { Type: 'String' } },
    Resources: {
      Joined: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Join': ['-', ['prod', 'logs']] } } },
      Substituted: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'prod-logs-${AWS::AccountId}' } } },
      FromParameter: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'ProdName' } } },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccesss' }],
          Policies: [
            {
              PolicyName: 'send',
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::Sub': 'arn:aws:sqs:us-east-1:${AWS::AccountId}:q' } },
                  { Effect: 'Allow', Action: '*', Resource: { 'Fn::GetAtt': ['Role', 'Arn'] } },
                ],
              },
            },
          ],
        },
      },
    },
  };

  test('GIVEN a YAML template with short-form tags WHEN checking THEN it reads as the long-form JSON template does', async () => {
    // GIVEN
    const dir = tempDir();
    writeFile(dir, 'app.yaml', yaml);
    writeFile(dir, 'app.template.json', longForm);
    // WHEN
    const [fromYaml, fromJson] = await Promise.all(
      ['app.yaml', 'app.template.json'].map(
        async (f) => JSON.parse((await runCli(['check', f, '--suffix', 'dev', '--format', 'json', '--rule', 'encryption-at-rest=off', '--rule', 'retain-on-delete=off'], { cwd: dir })).stdout) as JsonReport,
      ),
    );
    // THEN
    const found = (r: JsonReport) => r.findings.map((f) => `${f.ruleId} ${f.logicalId} ${f.location} ${f.message}`).sort();
    expect(found(fromYaml)).toEqual(found(fromJson));
    expect(fromYaml.findings.map((f) => [f.stack, f.ruleId, f.logicalId])).toEqual([
      ['app', 'physical-name-suffix', 'Joined'],
      ['app', 'hardcoded-environment-name', 'Joined'],
      ['app', 'hardcoded-environment-name', 'Substituted'],
      ['app', 'unknown-managed-policy', 'Role'],
      ['app', 'hardcoded-region', 'Role'],
    ]);
    // !Join and !Sub became Fn::Join / Fn::Sub, judged on their literal parts
    expect(fromYaml.findings[0].message).toBe('BucketName "prod-logs" does not contain the environment suffix "dev".');
    expect(fromYaml.findings[2].message).toContain('"prod-logs-${AWS::AccountId}"');
  });

  test('GIVEN a directory of loose templates WHEN checking it THEN each template is a stack named after its file', async () => {
    const dir = tempDir();
    writeFile(dir, 'templates/network.yaml', yaml);
    writeFile(dir, 'templates/baseline.template.json', DETECTOR_TEMPLATE);
    const report = JSON.parse((await runCli(['check', 'templates', '--suffix', 'dev', '--format', 'json', '--rule', 'encryption-at-rest=off', '--rule', 'retain-on-delete=off'], { cwd: dir })).stdout) as JsonReport;
    expect([...new Set(report.findings.map((f) => `${f.stack} ${f.file}`))].sort()).toEqual(['baseline templates/baseline.template.json', 'network templates/network.yaml']);
  });
});

describe('YAML that CloudFormation accepts and strict YAML 1.2 refuses', () => {
  // GIVEN a template with a key given twice (CloudFormation keeps the last) and quoted scalars continued at
  // their key's indentation (PyYAML, like CloudFormation, reads them; the yaml package alone refuses them)
  const lenient = [
    'Resources:',
    '  Detector:',
    '    Type: AWS::SQS::Queue',
    '    Type: AWS::GuardDuty::Detector',
    '    Properties:',
    '      Enable: true',
    '      Tags:',
    '        - Key: purpose',
    '          Value: "account baseline,',
    '          kept by the security team"',
    "      Description: 'one",
    "      two'",
    '',
  ].join('\n');
  const strict = {
    Resources: {
      Detector: {
        Type: 'AWS::GuardDuty::Detector',
        Properties: { Enable: true, Tags: [{ Key: 'purpose', Value: 'account baseline, kept by the security team' }], Description: 'one two' },
      },
    },
  };

  test('GIVEN such a template WHEN checking THEN it reads as CloudFormation reads it, with one note line and the exit code of its findings', async () => {
    // GIVEN
    const dir = tempDir();
    writeFile(dir, 'lenient.yaml', lenient);
    writeFile(dir, 'strict.template.json', strict);
    // WHEN
    const [fromYaml, fromJson, asText] = await Promise.all([
      runCli(['check', 'lenient.yaml', '--suffix', 'dev', '--format', 'json'], { cwd: dir }),
      runCli(['check', 'strict.template.json', '--suffix', 'dev', '--format', 'json'], { cwd: dir }),
      runCli(['check', 'lenient.yaml', '--suffix', 'dev'], { cwd: dir }),
    ]);
    // THEN the same findings as the strict JSON template (the detector, not the queue the first Type named)
    const found = (r: JsonReport) => r.findings.map((f) => `${f.ruleId} ${f.logicalId} ${f.resourceType} ${f.message}`).sort();
    const yamlReport = JSON.parse(fromYaml.stdout) as JsonReport;
    expect(found(yamlReport)).toEqual(found(JSON.parse(fromJson.stdout) as JsonReport));
    expect(yamlReport.findings.map((f) => [f.ruleId, f.resourceType])).toEqual([['guardduty-detector', 'AWS::GuardDuty::Detector']]);
    expect(yamlReport.problems ?? []).toEqual([]);
    // one note naming what was lenient, and the exit code the findings alone give
    expect(lines(fromYaml.stderr)).toEqual([
      'cdk-safe-patterns: note: lenient.yaml: read as CloudFormation reads it, though strict YAML 1.2 refuses a mapping key given twice ' +
        '("Type" at line 4: the last value wins) and a quoted scalar continued at its key\'s indentation (line 9, line 11)',
    ]);
    expect([fromYaml.code, fromJson.code, asText.code]).toEqual([1, 1, 1]);
    expect(lines(asText.stdout).pop()).toBe('1 error, 0 warnings, 0 acknowledged in 1 stack (1 resource): failed (--fail-on error)');
  });

  test.each([
    ['a quoted scalar never closed', 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: "jobs\n      more\n', /is not valid YAML \(Missing closing "quote at line \d+, column \d+\)$/],
    ['a key given twice in a broken template', 'Resources:\n  Q:\n    Type: A\n    Type: B\n    Properties: [\n', /is not valid YAML \(.* at line \d+, column \d+\)$/],
    ['a tab-indented mapping', 'Resources:\n\tQ:\n\t\tType: AWS::SQS::Queue\n', /is not valid YAML \(.* at line \d+, column \d+\)$/],
  ])('GIVEN %s WHEN checking THEN it is still refused: one line, exit code 2', async (_what, text, expected) => {
    const dir = tempDir();
    writeFile(dir, 'broken.yaml', text);
    const run = await runCli(['check', 'broken.yaml', '--suffix', 'dev'], { cwd: dir });
    expect(lines(run.stderr)).toHaveLength(1);
    expect(lines(run.stderr)[0]).toMatch(expected);
    expect(run.code).toBe(2);
  });
});

describe('Stages', () => {
  test('GIVEN an app whose stack is in a Stage WHEN checking cdk.out THEN the nested cloud assembly is read, with the in-app stack name and path', async () => {
    // GIVEN the same app twice: with the in-app checks, and synthesized for the CLI
    const build = (app: App) => new CfnResource(new Stack(new Stage(app, 'Prod'), 'Api'), 'Detector', { type: 'AWS::GuardDuty::Detector', properties: { Enable: true } });
    const checked = newApp();
    build(checked);
    const inApp = synthWithChecks(checked).report.findings;
    const app = newApp();
    build(app);
    app.synth();
    // WHEN
    const report = JSON.parse((await runCli(['check', app.outdir, '--suffix', 'pr123', '--format', 'json'])).stdout) as JsonReport;
    // THEN
    const found = (findings: JsonReport['findings']) => findings.map((f) => [f.ruleId, f.stack, f.path, f.severity]);
    expect(found(report.findings)).toEqual([['guardduty-detector', 'Prod-Api', 'Prod/Api/Detector', 'error']]);
    expect(found(report.findings)).toEqual(found(inApp));
    expect(report.findings[0].file).toMatch(/assembly-Prod\/ProdApi[0-9A-F]+\.template\.json$/);
  });
});

describe('cdktf inputs', () => {
  test('GIVEN a single cdk.tf.json or its stack directory WHEN checking THEN it is read as the cdktf output is', async () => {
    const stackFile = path.join(tf.outdir, 'stacks', 'main', 'cdk.tf.json');
    const [whole, single, directory] = await Promise.all(
      [tf.outdir, stackFile, path.dirname(stackFile)].map(async (p) => JSON.parse((await runCli(['check', p, '--format', 'json'])).stdout) as JsonReport),
    );
    const found = (r: JsonReport) => r.findings.map((f) => `${f.ruleId} ${f.stack} ${f.path} ${f.message} ${f.acknowledgement?.reason}`).sort();
    expect(found(single)).toEqual(found(whole));
    expect(found(directory)).toEqual(found(whole));
    expect(whole.findings.length).toBeGreaterThan(0);
  });
});

describe('cdktf.out without manifest.json (what a failed in-app check leaves)', () => {
  test('GIVEN the stacks/*/cdk.tf.json but no manifest WHEN checking THEN the stacks are checked as with the manifest, and one note says so', async () => {
    // GIVEN
    const cwd = tempDir();
    copyDir(tf.outdir, path.join(cwd, 'cdktf.out'));
    fs.rmSync(path.join(cwd, 'cdktf.out', 'manifest.json'));
    // WHEN
    const [withManifest, without] = await Promise.all([runCli(['check', tf.outdir, '--format', 'json']), runCli(['check', 'cdktf.out', '--format', 'json'], { cwd })]);
    // THEN
    // Messages naming an asset name it under the directory read: compare them with that directory taken out.
    const found = (r: JsonReport, root: string) => r.findings.map((f) => `${f.ruleId} ${f.stack} ${f.path} ${f.message.split(root).join('<out>')} ${f.acknowledgement?.reason}`).sort();
    expect(found(JSON.parse(without.stdout), path.join(cwd, 'cdktf.out'))).toEqual(found(JSON.parse(withManifest.stdout), tf.outdir));
    expect(JSON.parse(without.stdout).findings.length).toBeGreaterThan(0);
    expect(lines(without.stderr)).toEqual([
      'cdk-safe-patterns: note: cdktf.out: has no manifest.json (cdktf writes it last: a failed in-app check or synth stops before it); checked the 1 stacks/*/cdk.tf.json it holds',
    ]);
    expect(without.code).toBe(withManifest.code);
  });
});

describe('no PATH: ./cdk.out and ./cdktf.out, whichever exist', () => {
  test.each([
    [['cdk.out'], 'cdk-safe-patterns: no PATH given: checking ./cdk.out (no ./cdktf.out)', 'in 1 stack (1 resource)'],
    [['cdktf.out'], 'cdk-safe-patterns: no PATH given: checking ./cdktf.out (no ./cdk.out)', 'in 1 stack (6 resources)'],
    [['cdk.out', 'cdktf.out'], 'cdk-safe-patterns: no PATH given: checking ./cdk.out and ./cdktf.out', 'in 2 stacks (7 resources)'],
  ])('GIVEN a working directory with %j WHEN checking without PATH THEN stderr says which are checked', async (present, message, checked) => {
    // GIVEN
    const cwd = tempDir();
    if (present.includes('cdk.out')) copyDir(cdkOut, path.join(cwd, 'cdk.out'));
    if (present.includes('cdktf.out')) copyDir(tf.outdir, path.join(cwd, 'cdktf.out'));
    // WHEN
    const run = await runCli(['check', '--suffix', 'dev', '--fail-on', 'none'], { cwd });
    // THEN
    expect(lines(run.stderr)).toEqual([message]);
    expect(lines(run.stdout).pop()).toContain(` ${checked}: passed`);
    expect(run.code).toBe(0);
  });

  test('GIVEN a working directory with neither WHEN checking without PATH THEN exit code 2 and one line saying what to do', async () => {
    const cwd = tempDir();
    const run = await runCli(['check'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      `cdk-safe-patterns: no PATH given and neither ./cdk.out nor ./cdktf.out exists in ${fs.realpathSync(cwd)}. ` +
        'Fix: run "cdk synth" or "cdktf synth" first, or pass the output to check, e.g. cdk-safe-patterns check path/to/cdk.out',
    ]);
  });
});
