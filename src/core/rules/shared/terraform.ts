/** Reading cdktf's `${...}` references the same way in every Terraform evaluator. */

/** A whole-string reference to one attribute of a resource or data source. */
export interface TfReference {
  /** True for `${data.<type>...}`: a data source, which looks up something that already exists. */
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

/** `${[data.]<type>.<name>[index].<attribute>}`: the index (`[0]`, `[each.key]`) is allowed and ignored. */
const TF_REFERENCE = /^\$\{(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([\w-]+)\}$/;

/** The reference a value is, when it is exactly one `${<type>.<name>.<attribute>}`; undefined for anything else. */
export function tfReference(text: string): TfReference | undefined {
  const match = TF_REFERENCE.exec(text);
  return match ? { data: match[1] !== undefined, type: match[2], name: match[3], attribute: match[4] } : undefined;
}
