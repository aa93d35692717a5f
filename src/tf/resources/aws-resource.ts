// The AWS resources and data sources the tf constructs write, on cdktf's core classes alone: importing
// @cdktf/provider-aws would load its 131 MB jsii assembly (2,200 Python modules) into every user's process.
// Internal: the constructs expose these as cdktf TerraformResource / TerraformDataSource.
import { ITerraformDependable, TerraformDataSource, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { AWS_BLOCKS, BlockSchema } from './schema';

/** Attributes as Terraform names them (snake_case), nested blocks as objects or lists of objects. */
export type TfAttributes = { readonly [name: string]: unknown };

/** Meta-arguments the constructs use. */
export interface TfMeta {
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The attributes in the order the provider's generated classes write them (arguments, then blocks,
 * each alphabetical) with unset ones left out, so the JSON is the provider classes' byte for byte.
 */
function ordered(attributes: TfAttributes, blocks: BlockSchema): Record<string, unknown> {
  const keys = Object.keys(attributes).filter((k) => attributes[k] !== undefined);
  const args = keys.filter((k) => !(k in blocks)).sort();
  const nested = keys.filter((k) => k in blocks).sort();
  const result: Record<string, unknown> = {};
  for (const k of args) result[k] = attributes[k];
  for (const k of nested) {
    const value = attributes[k];
    result[k] = Array.isArray(value)
      ? value.map((v) => (isPlainObject(v) ? ordered(v, blocks[k]) : v))
      : isPlainObject(value) ? ordered(value, blocks[k]) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is TfAttributes {
  return value !== null && typeof value === 'object' && (value as object).constructor === Object;
}

/** One attribute or block in the typed form cdktf's HCL renderer reads. */
function hclValue(value: unknown, block: BlockSchema | undefined): unknown {
  if (block !== undefined) {
    const asHcl = (v: unknown) => (isPlainObject(v) ? hclAttributes(v, block) : v);
    return { value: Array.isArray(value) ? value.map(asHcl) : asHcl(value), isBlock: true, type: 'list', storageClassType: 'list' };
  }
  if (Array.isArray(value)) {
    const kind = value.every((v) => typeof v === 'number') && value.length > 0 ? 'numberList' : 'stringList';
    return { value, isBlock: false, type: 'list', storageClassType: kind };
  }
  if (isPlainObject(value)) return { value, isBlock: false, type: 'map', storageClassType: 'stringMap' };
  const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  return { value, isBlock: false, type: 'simple', storageClassType: kind };
}

function hclAttributes(attributes: TfAttributes, blocks: BlockSchema): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ordered(attributes, blocks))) result[k] = hclValue(v, blocks[k]);
  return result;
}

function blocksOf(type: string): BlockSchema {
  return AWS_BLOCKS[type] ?? {};
}

/** An AWS resource of the given type, written from Terraform-named attributes. */
export class AwsResource extends TerraformResource {
  private readonly attributes: TfAttributes;

  public constructor(scope: Construct, id: string, type: string, attributes: TfAttributes, meta: TfMeta = {}) {
    // No terraformGeneratorMetadata: cdktf would then demand a provider construct, and a stack may
    // configure the AWS provider any way it likes (an AwsProvider class, an override, or none at all).
    super(scope, id, { terraformResourceType: type, dependsOn: meta.dependsOn });
    this.attributes = attributes;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return ordered(this.attributes, blocksOf(this.terraformResourceType));
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    return hclAttributes(this.attributes, blocksOf(this.terraformResourceType));
  }
}

/** An AWS data source of the given type, written from Terraform-named attributes. */
export class AwsDataSource extends TerraformDataSource {
  private readonly attributes: TfAttributes;

  public constructor(scope: Construct, id: string, type: string, attributes: TfAttributes = {}) {
    super(scope, id, { terraformResourceType: type });
    this.attributes = attributes;
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return ordered(this.attributes, blocksOf(`data.${this.terraformResourceType}`));
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    return hclAttributes(this.attributes, blocksOf(`data.${this.terraformResourceType}`));
  }
}
