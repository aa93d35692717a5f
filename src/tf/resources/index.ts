// Internal: not exported from the package (the constructs expose cdktf's TerraformResource and TerraformDataSource).
export * from './aws-resource';
