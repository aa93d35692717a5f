import * as path from 'path';
import { TerraformAsset, TerraformStack } from 'cdktf';
import { ResourceView, StackView } from '../core/rules/model';

/** Terraform meta-arguments: rules see them as options, not attributes. */
const META_ARGUMENTS = new Set(['lifecycle', 'provider', 'count', 'for_each', 'depends_on', 'connection', 'provisioner']);

/**
 * The rules core's view of a cdktf stack, built from `toTerraform()`: exactly what cdk.tf.json
 * will hold, overrides applied, with `${...}` references kept as strings.
 */
export function stackViewOf(stack: TerraformStack): StackView {
  const json = stack.toTerraform() as Record<string, any>;
  const assets = assetSources(stack);
  const resources: ResourceView[] = [];
  for (const [type, byName] of Object.entries<any>(json.resource ?? {})) {
    for (const [name, block] of Object.entries<any>(byName ?? {})) {
      const properties: Record<string, any> = {};
      const options: Record<string, any> = {};
      let constructPath: string | undefined;
      for (const [key, value] of Object.entries<any>(block ?? {})) {
        if (key === '//') {
          constructPath = typeof value?.metadata?.path === 'string' ? value.metadata.path : undefined;
        } else {
          (META_ARGUMENTS.has(key) ? options : properties)[key] = value;
        }
      }
      resources.push({
        engine: 'terraform',
        type,
        logicalId: name,
        path: constructPath ?? `${stack.node.path}/${name}`,
        properties,
        options,
        assetPath: assetPathOf(properties, assets),
      });
    }
  }
  return {
    id: stack.node.path,
    name: stack.node.id,
    resources,
    terraform: {
      backend: json.terraform?.backend,
      requiredProviders: json.terraform?.required_providers,
      providers: json.provider,
    },
  };
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

/** A function's code asset: an attribute whose value is a TerraformAsset path (filename, source...). */
function assetPathOf(properties: Record<string, any>, assets: Map<string, string>): string | undefined {
  if (assets.size === 0) return undefined;
  for (const key of ['filename', 'source', 'source_file', 'source_dir']) {
    const value = properties[key];
    if (typeof value === 'string') {
      const found = assets.get(value) ?? assets.get(value.replace(/^\$\{path\.module\}\//, ''));
      if (found) return found;
    }
  }
  return undefined;
}
