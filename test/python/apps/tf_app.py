"""A real cdktf app in Python, as `cdktf synth` would run it (CDKTF_OUTDIR set by the caller).

It loads no AWS provider package: the bucket is a cdktf TerraformResource, the way the library's own
constructs write theirs.
"""
from cdktf import App, TerraformOutput, TerraformResource, TerraformStack
from constructs import Construct

from cdk_safe_patterns import tf


class DataStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.add_override("provider", {"aws": [{"region": "us-east-1"}]})
        suffix = tf.EnvironmentSuffix(self, "suffix")
        bucket = TerraformResource(self, "data", terraform_resource_type="aws_s3_bucket")
        bucket.add_override("bucket", suffix.with_suffix("data"))
        TerraformOutput(self, "suffix_source", value=suffix.source.name)


app = App()
DataStack(app, "py-data")
app.synth()
