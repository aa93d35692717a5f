import { NOT_APPLICABLE, RuleDefinition } from './model';

/** GuardDuty allows one detector per account and region: a stack that creates one collides with the account's. */
export const guarddutyDetector: RuleDefinition = {
  metadata: {
    id: 'guardduty-detector',
    title: 'No GuardDuty detector in a stack',
    lesson: '000 "AWS GuardDuty - Account-Level Resource Constraint"',
    why:
      'GuardDuty allows one detector per account and region. Deploying a stack that creates one fails with ' +
      '"a detector already exists for the current account" wherever GuardDuty is already on, and deleting the ' +
      'stack switches it off for the whole account.',
    fix:
      'Remove the detector from the stack and enable GuardDuty once per account (console, Organizations ' +
      'delegated admin, or a separate account-baseline stack); look up an existing detector where you need its ID.',
    notReported: [
      'Looking up an existing detector (a data source, an imported ID): only creating one collides with the account\'s.',
    ],
    defaultSeverity: 'error',
    examples: {
      cloudformation: {
        nonCompliant: { resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } } } },
        compliant: { resources: { Findings: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'guardduty-findings-pr123' } } } },
      },
      terraform: {
        nonCompliant: { resource: { aws_guardduty_detector: { main: { enable: true } } } },
        compliant: { resource: { aws_sns_topic: { findings: { name: 'guardduty-findings-pr123' } } } },
      },
    },
  },
  cloudformation: (resource) =>
    resource.type === 'AWS::GuardDuty::Detector'
      ? [{ message: 'The stack creates a GuardDuty detector (AWS::GuardDuty::Detector), an account-level singleton.' }]
      : NOT_APPLICABLE,
  terraform: (resource) =>
    resource.type === 'aws_guardduty_detector'
      ? [{ message: 'The stack creates a GuardDuty detector (aws_guardduty_detector), an account-level singleton.' }]
      : NOT_APPLICABLE,
};
