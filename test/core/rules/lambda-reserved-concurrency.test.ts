import { cfnFindings, tfFindings } from './helpers';
import { lambdaReservedConcurrency } from '../../../src/core/rules/lambda-reserved-concurrency';
import { CfnExample, TfExample } from '../../../src/core/rules/model';

const examples = lambdaReservedConcurrency.metadata.examples;

function cfnFunction(reserved: unknown): CfnExample {
  return {
    resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { ZipFile: 'exports.handler = async () => 1;' }, Handler: 'index.handler', Runtime: 'nodejs20.x', ReservedConcurrentExecutions: reserved },
      },
    },
  };
}

function tfFunction(reserved: unknown): TfExample {
  return { resource: { aws_lambda_function: { fn: { function_name: 'fn-pr123', reserved_concurrent_executions: reserved } } } };
}

describe('lambda-reserved-concurrency (CloudFormation)', () => {
  test('GIVEN the non-compliant example (100 reserved) WHEN evaluated THEN one error names the value, the maximum and the property', () => {
    // GIVEN
    const example = examples.cloudformation!.nonCompliant;
    // WHEN
    const findings = cfnFindings(lambdaReservedConcurrency, example);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'lambda-reserved-concurrency',
      severity: 'error',
      path: 'Stack/OrdersHandler',
      location: 'Properties/ReservedConcurrentExecutions',
    });
    expect(findings[0].message).toBe('ReservedConcurrentExecutions 100 reserves more than the maximum of 5 concurrent executions this app allows.');
  });

  test('GIVEN the compliant example (no reservation) WHEN evaluated THEN nothing is reported', () => {
    expect(cfnFindings(lambdaReservedConcurrency, examples.cloudformation!.compliant)).toEqual([]);
  });

  test.each([
    [5, 0],
    [6, 1],
    [0, 0],
    ['10', 1],
    [' 3 ', 0],
    [5.5, 1],
  ])('GIVEN ReservedConcurrentExecutions %p WHEN evaluated with the default maximum 5 THEN %p findings', (value, count) => {
    expect(cfnFindings(lambdaReservedConcurrency, cfnFunction(value))).toHaveLength(count);
  });

  test('GIVEN a numeric string above the maximum WHEN evaluated THEN the message shows the value as received', () => {
    const findings = cfnFindings(lambdaReservedConcurrency, cfnFunction('10'));
    expect(findings[0].message).toContain('ReservedConcurrentExecutions "10"');
  });

  test('GIVEN a reference (parameter) WHEN evaluated THEN nothing is reported (not provable)', () => {
    expect(cfnFindings(lambdaReservedConcurrency, cfnFunction({ Ref: 'Concurrency' }))).toEqual([]);
    expect(cfnFindings(lambdaReservedConcurrency, cfnFunction({ 'Fn::If': ['Prod', 100, 1] }))).toEqual([]);
  });

  test('GIVEN a raised maximum through limits WHEN the example reserves 100 THEN it passes at 100 and fails at 99', () => {
    const example = examples.cloudformation!.nonCompliant;
    expect(cfnFindings(lambdaReservedConcurrency, example, { limits: { reservedConcurrencyMaximum: 100 } })).toEqual([]);
    const findings = cfnFindings(lambdaReservedConcurrency, example, { limits: { reservedConcurrencyMaximum: 99 } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('maximum of 99')]);
  });

  test('GIVEN a maximum of 0 through limits WHEN a function reserves 1 THEN it is reported', () => {
    expect(cfnFindings(lambdaReservedConcurrency, cfnFunction(1), { limits: { reservedConcurrencyMaximum: 0 } })).toHaveLength(1);
  });

  test('GIVEN another resource type with the same property name WHEN evaluated THEN it is not applicable', () => {
    const example = { resources: { Fn: { Type: 'AWS::Lambda::Alias', Properties: { ReservedConcurrentExecutions: 100 } } } };
    expect(cfnFindings(lambdaReservedConcurrency, example)).toEqual([]);
  });
});

describe('lambda-reserved-concurrency (Terraform)', () => {
  test('GIVEN the non-compliant example WHEN evaluated THEN one error on reserved_concurrent_executions', () => {
    const findings = tfFindings(lambdaReservedConcurrency, examples.terraform!.nonCompliant);
    expect(findings.map((f) => [f.ruleId, f.path, f.location])).toEqual([
      ['lambda-reserved-concurrency', 'stack/orders_handler', 'reserved_concurrent_executions'],
    ]);
    expect(findings[0].message).toContain('reserved_concurrent_executions 100');
  });

  test('GIVEN the compliant example (-1, unreserved) WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaReservedConcurrency, examples.terraform!.compliant)).toEqual([]);
  });

  test.each([
    [-1, 0],
    ['-1', 0],
    [5, 0],
    [6, 1],
    ['50', 1],
  ])('GIVEN reserved_concurrent_executions %p WHEN evaluated THEN %p findings', (value, count) => {
    expect(tfFindings(lambdaReservedConcurrency, tfFunction(value))).toHaveLength(count);
  });

  test('GIVEN a reference WHEN evaluated THEN nothing is reported', () => {
    expect(tfFindings(lambdaReservedConcurrency, tfFunction('${var.reserved_concurrency}'))).toEqual([]);
  });

  test('GIVEN a lowered maximum through limits WHEN 3 are reserved THEN it is reported', () => {
    expect(tfFindings(lambdaReservedConcurrency, tfFunction(3), { limits: { reservedConcurrencyMaximum: 2 } })).toHaveLength(1);
    expect(tfFindings(lambdaReservedConcurrency, tfFunction(3))).toEqual([]);
  });
});

describe('lambda-reserved-concurrency (odd input)', () => {
  const junk: unknown[] = [null, '', 'lots', [], [100], {}, { a: [null] }, true, Number.NaN, Infinity, '${', -5, 1e308];

  test.each(junk.map((j) => [j]))('GIVEN %p WHEN evaluated by both engines THEN no rule error, and nothing beyond a provable finding', (value) => {
    const findings = [...cfnFindings(lambdaReservedConcurrency, cfnFunction(value)), ...tfFindings(lambdaReservedConcurrency, tfFunction(value))];
    expect(findings.filter((f) => f.message.includes('could not evaluate'))).toEqual([]);
    // Only a real number above 5 is provable.
    expect(findings.length).toBe(value === 1e308 ? 2 : 0);
  });

  test('GIVEN properties that are not an object WHEN evaluated THEN no rule error', () => {
    const example = { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: 'oops' as any } } };
    expect(cfnFindings(lambdaReservedConcurrency, example)).toEqual([]);
  });
});
