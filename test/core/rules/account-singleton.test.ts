import { cfnFindings, tfFindings } from './helpers';
import { accountSingleton } from '../../../src/core/rules/account-singleton';

const examples = accountSingleton.metadata.examples;

function cfn(type: string, properties: Record<string, any> = {}) {
  return { resources: { Res: { Type: type, Properties: properties } } };
}

function tf(type: string, attributes: Record<string, any> = {}) {
  return { resource: { [type]: { res: attributes } } };
}

describe('account-singleton metadata', () => {
  test('GIVEN the rule WHEN its metadata is read THEN it is the catalogue\'s warning rule pointing at ConfigRecorderWithCorrectRole', () => {
    expect(accountSingleton.metadata).toMatchObject({ id: 'account-singleton', defaultSeverity: 'warning' });
    expect(accountSingleton.metadata.lesson).toContain('000 "AWS GuardDuty');
    expect(accountSingleton.metadata.fix).toContain('ConfigRecorderWithCorrectRole');
    expect(accountSingleton.metadata.fix).toContain('reuse');
  });
});

describe('account-singleton (CloudFormation)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the Config recorder is reported as a warning', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(accountSingleton, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'account-singleton',
      severity: 'warning',
      path: 'Stack/ConfigRecorder',
      resourceType: 'AWS::Config::ConfigurationRecorder',
      message:
        'The stack creates AWS::Config::ConfigurationRecorder, an account-level singleton: ' +
        'AWS Config allows one customer managed configuration recorder per account and Region.',
    });
  });

  test('GIVEN the compliant example (a Config rule only) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(accountSingleton, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    ['AWS::Config::DeliveryChannel', 'one delivery channel'],
    ['AWS::SecurityHub::Hub', 'Security Hub is enabled once'],
    ['AWS::Macie::Session', 'Macie is enabled once'],
    ['AWS::Detective::Graph', 'one behavior graph'],
    ['AWS::ApiGateway::Account', 'CloudWatch role setting'],
    ['AWS::ResourceExplorer2::Index', 'one index'],
  ])('GIVEN a %s WHEN evaluated THEN it is reported with what AWS allows', (type, limit) => {
    const findings = cfnFindings(accountSingleton, cfn(type));
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(limit)]);
    expect(findings[0].message).toContain(type);
  });

  test.each(['AWS::GuardDuty::Detector', 'AWS::Config::ConfigRule', 'AWS::SecurityHub::Standard', 'AWS::EC2::EBSEncryptionByDefault', 'AWS::S3::Bucket'])(
    'GIVEN a %s WHEN evaluated THEN nothing is reported (not a singleton, or another rule\'s)',
    (type) => {
      expect(cfnFindings(accountSingleton, cfn(type))).toEqual([]);
    },
  );

  test('GIVEN two singletons in one stack WHEN evaluated THEN each is reported once', () => {
    const example = { resources: { Recorder: { Type: 'AWS::Config::ConfigurationRecorder' }, Channel: { Type: 'AWS::Config::DeliveryChannel' } } };
    expect(cfnFindings(accountSingleton, example).map((f) => f.path)).toEqual(['Stack/Recorder', 'Stack/Channel']);
  });
});

describe('account-singleton (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN the recorder is reported', () => {
    // GIVEN
    const example = examples.terraform!.nonCompliant;
    // WHEN
    const findings = tfFindings(accountSingleton, example);
    // THEN
    expect(findings.map((f) => [f.ruleId, f.severity, f.path])).toEqual([['account-singleton', 'warning', 'stack/main']]);
    expect(findings[0].message).toContain('aws_config_configuration_recorder, an account-level singleton');
  });

  test('GIVEN the compliant example WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(accountSingleton, examples.terraform!.compliant)).toEqual([]);
  });

  test.each([
    'aws_config_delivery_channel',
    'aws_securityhub_account',
    'aws_macie2_account',
    'aws_detective_graph',
    'aws_api_gateway_account',
    'aws_ebs_encryption_by_default',
    'aws_iam_account_password_policy',
  ])('GIVEN a %s WHEN evaluated THEN it is reported', (type) => {
    expect(tfFindings(accountSingleton, tf(type)).map((f) => f.message)).toEqual([expect.stringContaining(`The stack creates ${type}, an account-level singleton: `)]);
  });

  test('GIVEN an account setting WHEN evaluated THEN the message says destroy resets it for the account', () => {
    expect(tfFindings(accountSingleton, tf('aws_ebs_encryption_by_default', { enabled: true }))[0].message).toContain('resets it for every workload');
  });

  test.each(['aws_guardduty_detector', 'aws_config_config_rule', 'aws_securityhub_standards_subscription', 'aws_iam_role'])(
    'GIVEN a %s WHEN evaluated THEN nothing is reported',
    (type) => {
      expect(tfFindings(accountSingleton, tf(type))).toEqual([]);
    },
  );
});

describe('account-singleton robustness', () => {
  test('GIVEN odd types and properties WHEN evaluated THEN no evaluator throws', () => {
    const odd = {
      resources: {
        A: { Type: '__proto__', Properties: null as any },
        B: { Type: 7 as any, Properties: [] as any },
        C: { Type: 'AWS::Macie::Session', Properties: 'x' as any },
      },
    };
    const findings = cfnFindings(accountSingleton, odd);
    expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    expect(findings.map((f) => f.path)).toEqual(['Stack/C']);
    expect(tfFindings(accountSingleton, { resource: { constructor: { x: { a: null } }, toString: { y: {} } } })).toEqual([]);
  });
});
