"""One measured Python (jsii) synthesis, in its own process.

    python bench/python/app.py <variant> <units> <outdir> <report.json>

variant: plain       aws_cdk constructs only
         checks      the same app, with cdk_safe_patterns' SafePatternsChecks aspect
         constructs  the same app built with cdk_safe_patterns.cdk constructs (SuffixedBucket, P99Alarm)
Each unit is a bucket, a queue, a table, a role, a function and an alarm.
"""
import json
import sys
import time

variant, units, outdir, report_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
SUFFIX = "bench"

t0 = time.perf_counter()
import aws_cdk as cdk  # noqa: E402
from aws_cdk import aws_cloudwatch as cloudwatch  # noqa: E402
from aws_cdk import aws_dynamodb as dynamodb  # noqa: E402
from aws_cdk import aws_iam as iam  # noqa: E402
from aws_cdk import aws_lambda as lambda_  # noqa: E402
from aws_cdk import aws_logs as logs  # noqa: E402
from aws_cdk import aws_s3 as s3  # noqa: E402
from aws_cdk import aws_sqs as sqs  # noqa: E402

safe = None
if variant in ("checks", "constructs"):
    import cdk_safe_patterns  # noqa: E402

    safe = cdk_safe_patterns.cdk
import_ms = (time.perf_counter() - t0) * 1000

if variant not in ("plain", "checks", "constructs"):
    sys.exit(f"bench/python/app.py: unknown variant '{variant}'. Fix: use plain, checks or constructs.")

t1 = time.perf_counter()
app = cdk.App(outdir=outdir)
stack = cdk.Stack(app, "BenchPy")
for i in range(units):
    if variant == "constructs":
        safe.SuffixedBucket(stack, f"bucket{i}", base_name=f"bk-{i}", environment_suffix=SUFFIX)
    else:
        # What SuffixedBucket declares, written out by hand.
        s3.Bucket(
            stack,
            f"bucket{i}",
            bucket_name=f"bk-{i}-{SUFFIX}",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            removal_policy=cdk.RemovalPolicy.DESTROY,
        )
    sqs.Queue(stack, f"queue{i}", queue_name=f"q-{i}-{SUFFIX}", removal_policy=cdk.RemovalPolicy.DESTROY)
    dynamodb.Table(
        stack,
        f"table{i}",
        table_name=f"t-{i}-{SUFFIX}",
        partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    role = iam.Role(stack, f"role{i}", role_name=f"r-{i}-{SUFFIX}", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    fn = lambda_.Function(
        stack,
        f"function{i}",
        function_name=f"f-{i}-{SUFFIX}",
        runtime=lambda_.Runtime.NODEJS_22_X,
        handler="index.handler",
        code=lambda_.Code.from_inline("exports.handler = async (event) => ({ statusCode: 200 });"),
        role=role,
        # A log group named in LoggingConfig (log-retention), imported so that the resource count stays the same.
        log_group=logs.LogGroup.from_log_group_name(stack, f"function{i}Logs", f"/bench/{SUFFIX}/functions"),
    )
    if variant == "constructs":
        safe.P99Alarm(stack, f"alarm{i}", metric=fn.metric_duration(), threshold=1000, base_name=f"a-{i}", environment_suffix=SUFFIX)
    else:
        cloudwatch.Alarm(
            stack,
            f"alarm{i}",
            alarm_name=f"a-{i}-{SUFFIX}",
            metric=fn.metric_duration(statistic="p99"),
            threshold=1000,
            evaluation_periods=3,
        )
if variant == "checks":
    cdk.Aspects.of(app).add(safe.SafePatternsChecks(environment_suffix=SUFFIX))
assembly = app.synth()
synth_ms = (time.perf_counter() - t1) * 1000

template = assembly.get_stack_by_name("BenchPy").template
resources = len(template.get("Resources", {}))
with open(report_file, "w") as f:
    json.dump({"variant": variant, "units": units, "importMs": import_ms, "synthMs": synth_ms, "resources": resources}, f)
