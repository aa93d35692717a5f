"""One measured cdktf Python synthesis with the AWS provider package, in its own process.

    python bench/python/tf_app.py <variant> <units> <outdir> <report.json>

variant: provider       cdktf with cdktf-cdktf-provider-aws classes only (what a cdktf Python user has today)
         provider-safe  the same app with cdk_safe_patterns: tf.SuffixedBucket and tf.P99Alarm in place of the
                        hand-written bucket resources and alarm, and tf.SafePatternsChecks applied
Each unit is a bucket (with encryption, public access block, ownership controls and TLS-only policy),
a queue and a p99 alarm.
"""
import json
import os
import sys
import time

variant, units, outdir, report_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if variant not in ("provider", "provider-safe"):
    sys.exit(f"bench/python/tf_app.py: unknown variant '{variant}'. Fix: use provider or provider-safe.")
SUFFIX = "bench"

t0 = time.perf_counter()
import cdktf  # noqa: E402
# Deep imports, as cdktf's documentation advises (the package root imports every resource module).
from cdktf_cdktf_provider_aws.cloudwatch_metric_alarm import CloudwatchMetricAlarm  # noqa: E402
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (  # noqa: E402
    DataAwsIamPolicyDocument,
    DataAwsIamPolicyDocumentStatement,
    DataAwsIamPolicyDocumentStatementCondition,
    DataAwsIamPolicyDocumentStatementPrincipals,
)
from cdktf_cdktf_provider_aws.provider import AwsProvider  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import S3BucketOwnershipControls, S3BucketOwnershipControlsRule  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock  # noqa: E402
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (  # noqa: E402
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketServerSideEncryptionConfigurationRuleA,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA,
)
from cdktf_cdktf_provider_aws.sqs_queue import SqsQueue  # noqa: E402

tf = None
if variant == "provider-safe":
    from cdk_safe_patterns import tf  # noqa: E402
import_ms = (time.perf_counter() - t0) * 1000

t1 = time.perf_counter()
app = cdktf.App(outdir=outdir, context={"environmentSuffix": SUFFIX})
if tf:
    tf.SafePatternsChecks.apply_to(app)
stack = cdktf.TerraformStack(app, "bench-py-tf")
AwsProvider(stack, "aws", region="us-east-1")
for i in range(units):
    if tf:
        tf.SuffixedBucket(stack, f"bucket{i}", base_name=f"bk-{i}")
    else:
        # What SuffixedBucket writes, by hand with the provider's classes.
        bucket = S3Bucket(stack, f"bucket{i}", bucket=f"bk-{i}-{SUFFIX}", force_destroy=True)
        S3BucketServerSideEncryptionConfigurationA(stack, f"bucket{i}-sse", bucket=bucket.id, rule=[
            S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(sse_algorithm="AES256"))
        ])
        block = S3BucketPublicAccessBlock(stack, f"bucket{i}-pab", bucket=bucket.id, block_public_acls=True, block_public_policy=True,
                                          ignore_public_acls=True, restrict_public_buckets=True)
        S3BucketOwnershipControls(stack, f"bucket{i}-own", bucket=bucket.id, rule=S3BucketOwnershipControlsRule(object_ownership="BucketOwnerEnforced"))
        document = DataAwsIamPolicyDocument(stack, f"bucket{i}-tls", statement=[DataAwsIamPolicyDocumentStatement(
            sid="DenyInsecureTransport", effect="Deny", actions=["s3:*"], resources=[bucket.arn, f"{bucket.arn}/*"],
            principals=[DataAwsIamPolicyDocumentStatementPrincipals(type="*", identifiers=["*"])],
            condition=[DataAwsIamPolicyDocumentStatementCondition(test="Bool", variable="aws:SecureTransport", values=["false"])],
        )])
        S3BucketPolicy(stack, f"bucket{i}-policy", bucket=bucket.id, policy=document.json, depends_on=[block])
    queue = SqsQueue(stack, f"queue{i}", name=f"q-{i}-{SUFFIX}", sqs_managed_sse_enabled=True)
    if tf:
        tf.P99Alarm(stack, f"alarm{i}", base_name=f"a-{i}", namespace="AWS/SQS", metric_name="ApproximateAgeOfOldestMessage",
                    dimensions={"QueueName": queue.name}, threshold=300)
    else:
        CloudwatchMetricAlarm(stack, f"alarm{i}", alarm_name=f"a-{i}-{SUFFIX}", namespace="AWS/SQS", metric_name="ApproximateAgeOfOldestMessage",
                              dimensions={"QueueName": queue.name}, extended_statistic="p99", period=60, evaluation_periods=3,
                              threshold=300, comparison_operator="GreaterThanThreshold", treat_missing_data="notBreaching")
app.synth()
synth_ms = (time.perf_counter() - t1) * 1000

with open(os.path.join(outdir, "stacks", "bench-py-tf", "cdk.tf.json")) as f:
    doc = json.load(f)
resources = sum(len(v) for v in doc.get("resource", {}).values()) + sum(len(v) for v in doc.get("data", {}).values())
with open(report_file, "w") as f:
    json.dump({"variant": variant, "units": units, "importMs": import_ms, "synthMs": synth_ms, "resources": resources}, f)
