import { IConstruct } from 'constructs';
import { constructError, describeValue } from '../errors';
import { Acknowledgement } from './evaluate';

/** Construct metadata type written by `SafePatterns.acknowledge`. */
export const ACK_METADATA_KEY = 'cdk-safe-patterns:acknowledgement';
/** Metadata type written by aws-cdk-lib's `Validations.of(scope).acknowledge`. */
export const NATIVE_ACK_METADATA_KEY = 'aws:cdk:acknowledged-rules';
/** Plugin name; native acknowledgement ids are `SafePatterns::<rule-id>`. */
export const PLUGIN_NAME = 'SafePatterns';

const NATIVE_PREFIX = `${PLUGIN_NAME}::`;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Checks an acknowledgement before it is recorded, so a bad one fails where it is written. */
export function validateAcknowledgement(path: string, ruleId: unknown, reason: unknown): { ruleId: string; reason: string } {
  const id = typeof ruleId === 'string' && ruleId.startsWith(NATIVE_PREFIX) ? ruleId.slice(NATIVE_PREFIX.length) : ruleId;
  if (typeof id !== 'string' || !RULE_ID.test(id)) {
    throw constructError(
      path,
      'An acknowledgement needs the id of the rule it silences.',
      describeValue(ruleId),
      'pass a rule id from RULES.md, e.g. "retain-on-delete"',
    );
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw constructError(
      path,
      `The acknowledgement of "${id}" has no reason: a finding may only be accepted for a stated reason, which the reports show.`,
      describeValue(reason),
      'say why the finding is acceptable here, e.g. "audit bucket: kept on purpose after stack deletion"',
    );
  }
  return { ruleId: id, reason: reason.trim() };
}

/** Called after an acknowledgement is recorded on `scope`. */
export type AcknowledgementListener = (scope: IConstruct) => void;

const listeners: AcknowledgementListener[] = [];

/**
 * Lets an adapter act on each acknowledgement: cdktf writes no construct metadata to its output,
 * so the cdktf adapter records acknowledgements in cdk.tf.json for the command line to read.
 */
export function onAcknowledgement(listener: AcknowledgementListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

/** Validates and records an acknowledgement as construct metadata on `scope`. */
export function recordAcknowledgement(scope: IConstruct, ruleId: unknown, reason: unknown): void {
  const valid = validateAcknowledgement(scope.node.path, ruleId, reason);
  scope.node.addMetadata(ACK_METADATA_KEY, valid);
  for (const listener of listeners) listener(scope);
}

/** Acknowledgements recorded in one construct's metadata entries (either kind). */
export function acknowledgementsFromMetadata(path: string, entries: ReadonlyArray<{ type: string; data?: unknown }>): Acknowledgement[] {
  const found = new Map<string, Acknowledgement>();
  for (const entry of entries) {
    if (entry.type === ACK_METADATA_KEY && isRecord(entry.data)) {
      const { ruleId, reason } = entry.data;
      if (typeof ruleId === 'string' && typeof reason === 'string') {
        found.set(`safe-patterns:${ruleId}`, { scope: path, ruleId, reason, source: 'safe-patterns' });
      }
    } else if (entry.type === NATIVE_ACK_METADATA_KEY && isRecord(entry.data)) {
      // aws-cdk-lib rewrites the whole map on each acknowledge(): later entries repeat earlier ids.
      for (const [id, reason] of Object.entries(entry.data)) {
        if (id.startsWith(NATIVE_PREFIX) && typeof reason === 'string') {
          const ruleId = id.slice(NATIVE_PREFIX.length);
          found.set(`native:${ruleId}`, { scope: path, ruleId, reason, source: 'native' });
        }
      }
    }
  }
  return [...found.values()];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
