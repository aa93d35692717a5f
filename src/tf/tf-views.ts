import * as path from 'path';
import { TerraformAsset, TerraformStack } from 'cdktf';
import { terraformStackView } from '../core/engine/terraform-json';
import { StackView } from '../core/rules/model';

/**
 * The rules core's view of a cdktf stack, built from `toTerraform()`: exactly what cdk.tf.json
 * will hold, overrides applied, with `${...}` references kept as strings. The command line builds
 * the same view from the written cdk.tf.json (core/engine/terraform-json).
 */
export function stackViewOf(stack: TerraformStack): StackView {
  const assets = assetSources(stack);
  return terraformStackView(stack.toTerraform() as Record<string, any>, {
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
