import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformAsset, TerraformStack } from 'cdktf';
import { terraformStackView } from '../core/engine/terraform-json';
import { StackView } from '../core/rules/model';

/**
 * The rules core's view of a cdktf stack, built from `toTerraform()`: exactly what cdk.tf.json
 * will hold, overrides applied, with `${...}` references kept as strings. The command line builds
 * the same view from the written cdk.tf.json (core/engine/terraform-json).
 */
export function stackViewOf(stack: TerraformStack, preferWritten = false): StackView {
  const assets = assetSources(stack);
  const json = (preferWritten ? writtenJson(stack) : undefined) ?? (stack.toTerraform() as Record<string, any>);
  return terraformStackView(json, {
    id: stack.node.path,
    name: stack.node.id,
    assetPathOf: (value) => (assets.size === 0 ? undefined : assets.get(value) ?? assets.get(value.replace(/^\$\{path\.module\}\//, ''))),
  });
}

/** Where each TerraformAsset's `path` (as written into attributes) comes from on disk. */
function assetSources(stack: TerraformStack): Map<string, string> {
  const sources = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof TerraformAsset) {
      // sourcePath is relative to the working directory (or absolute); the rules want it absolute.
      const source = (construct as unknown as { sourcePath?: string }).sourcePath;
      if (typeof source === 'string') sources.set(construct.path, path.resolve(source));
    }
  }
  return sources;
}

/**
 * The stack's cdk.tf.json as this App's synthesis just wrote it: the same object as `toTerraform()`
 * (cdktf serializes exactly that), read back instead of resolved a second time, which cost as much as
 * the synthesis itself on large stacks. Only when this App has synthesized the stack (its in-memory
 * manifest lists it) and wrote JSON; otherwise undefined, and the caller renders the stack.
 */
function writtenJson(stack: TerraformStack): Record<string, any> | undefined {
  const app = App.of(stack);
  const entry = Object.values(app.manifest.stacks).find((s) => s.constructPath === stack.node.path);
  if (!entry || app.manifest.hclOutput || !entry.synthesizedStackPath.endsWith('.json')) return undefined;
  try {
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, entry.synthesizedStackPath), 'utf8'));
    return json !== null && typeof json === 'object' ? json : undefined;
  } catch {
    return undefined;
  }
}
