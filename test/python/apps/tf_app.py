"""A real cdktf app in Python, as `cdktf synth` would run it (CDKTF_OUTDIR set by the caller)."""
from cdktf import App, TerraformOutput, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from constructs import Construct

from cdk_safe_patterns import tf


class DataStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        AwsProvider(self, "aws", region="us-east-1")
        suffix = tf.EnvironmentSuffix(self, "suffix")
        S3Bucket(self, "data", bucket=suffix.with_suffix("data"))
        TerraformOutput(self, "suffix_source", value=suffix.source.name)


app = App()
DataStack(app, "py-data")
app.synth()
