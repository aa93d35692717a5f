"""A real aws-cdk-lib app in Python, as `cdk synth` would run it (CDK_OUTDIR set by the caller)."""
import aws_cdk as cdk_lib
from aws_cdk import aws_s3 as s3
from constructs import Construct

from cdk_safe_patterns import cdk


class DataStack(cdk_lib.Stack):
    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        suffix = cdk.EnvironmentSuffix(self, "Suffix")
        s3.Bucket(self, "Data", bucket_name=suffix.with_suffix("data"))
        cdk_lib.CfnOutput(self, "SuffixSource", value=suffix.source.name)


app = cdk_lib.App()
DataStack(app, "PyDataStack")
app.synth()
