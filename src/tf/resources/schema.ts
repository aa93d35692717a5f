// Which attributes of the AWS types the tf constructs write are nested blocks, and their own nested
// blocks: the provider writes arguments before blocks, and HCL output renders blocks as blocks.
// Taken from the AWS provider's schema (5.x and 6.x agree on these); types not listed have no blocks used here.

/** Block name to the blocks nested in it. */
export interface BlockSchema {
  readonly [block: string]: BlockSchema;
}

export const AWS_BLOCKS: { readonly [type: string]: BlockSchema } = {
  'aws_s3_bucket_server_side_encryption_configuration': { rule: { apply_server_side_encryption_by_default: {} } },
  'aws_s3_bucket_ownership_controls': { rule: {} },
  'aws_s3_bucket_versioning': { versioning_configuration: {} },
  'aws_s3_bucket_lifecycle_configuration': {
    rule: {
      abort_incomplete_multipart_upload: {},
      expiration: {},
      filter: { and: {}, tag: {} },
      noncurrent_version_expiration: {},
      noncurrent_version_transition: {},
      transition: {},
    },
  },
  'aws_config_configuration_recorder': { recording_group: { exclusion_by_resource_types: {}, recording_strategy: {} }, recording_mode: { recording_mode_override: {} } },
  'aws_config_config_rule': { evaluation_mode: {}, source: { custom_policy_details: {}, source_detail: {} } },
  'data.aws_iam_policy_document': { statement: { condition: {}, not_principals: {}, principals: {} } },
};
