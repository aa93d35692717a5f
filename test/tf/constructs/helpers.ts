import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { newTfApp } from '../helpers';

export const SUFFIX = 'pr123';

/** A stack with an AWS provider, in an app whose context holds `context` (e.g. the environment suffix). */
export function newStack(context: Record<string, unknown> = {}, id = 'stack'): { app: App; stack: TerraformStack } {
  const app = context && Object.keys(context).length > 0 ? Testing.app({ context }) : newTfApp();
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { app, stack };
}

/** The stack's cdk.tf.json, parsed. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** The blocks of one resource type, without cdktf's `//` metadata, in document order. */
export function blocksOf(json: any, type: string, kind: 'resource' | 'data' = 'resource'): any[] {
  return Object.values<any>(json[kind]?.[type] ?? {}).map(({ '//': _, ...rest }) => rest);
}

/** The single block of a type; fails when there is not exactly one. */
export function onlyBlock(json: any, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const blocks = blocksOf(json, type, kind);
  if (blocks.length !== 1) throw new Error(`expected one ${kind} ${type}, found ${blocks.length}`);
  return blocks[0];
}

/** `${<type>.<logical id>.<attribute>}` for the one block of `type` (its logical id read from the JSON). */
export function refTo(json: any, type: string, attribute: string, kind: 'resource' | 'data' = 'resource'): string {
  const names = Object.keys(json[kind]?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected one ${kind} ${type}, found ${names.length}`);
  return `\${${kind === 'data' ? 'data.' : ''}${type}.${names[0]}.${attribute}}`;
}

/** The cdktf warning annotations on a construct and below. */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
}
