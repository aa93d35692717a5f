"""Every tf construct from the wheel: typed props in, the right cdk.tf.json out, no hand-written nested dicts.

One stack holds all six constructs, synthesized through a real cdktf App with tf.SafePatternsChecks applied;
the assertions read the synthesized JSON. No AWS provider package is installed: the constructs write their
resources on cdktf's core classes, and the function beside them is a cdktf TerraformResource.
"""
import json
import os

import cdktf
import pytest

from cdk_safe_patterns import tf

HERE = os.path.dirname(os.path.abspath(__file__))


def only(json_doc, resource_type, kind="resource"):
    blocks = list(json_doc[kind][resource_type].values())
    assert len(blocks) == 1, f"expected one {resource_type}, found {len(blocks)}"
    return {k: v for k, v in blocks[0].items() if k != "//"}


def test_every_construct_from_python(tmp_path):
    # GIVEN a stack with every construct, configured through typed props (structs and enums)
    app = cdktf.App(outdir=str(tmp_path), context={"environmentSuffix": "pr123"})
    tf.SafePatternsChecks.apply_to(app)
    stack = cdktf.TerraformStack(app, "orders")
    # The AWS provider configured and constrained without its Python package (see README, "Provider range").
    stack.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws", "version": ">= 5.0, < 7.0"})
    stack.add_override("provider", {"aws": [{"region": "us-east-1"}]})
    tf.S3BackendWithLockfile(stack, "State", bucket="tf-state-pr123")
    bucket = tf.SuffixedBucket(
        stack,
        "Data",
        base_name="orders-data",
        versioned=True,
        lifecycle_rules=[
            tf.BucketLifecycleRule(
                transitions=[tf.BucketTransition(days=30, storage_class=tf.BucketStorageClass.STANDARD_IA)],
                expiration_days=365,
            )
        ],
    )
    config = tf.ConfigRecorderWithCorrectRole(
        stack,
        "Config",
        managed_rules=[tf.ConfigManagedRule(base_name="bucket-versioning", source_identifier="S3_BUCKET_VERSIONING_ENABLED")],
    )
    oncall = cdktf.TerraformResource(stack, "Oncall", terraform_resource_type="aws_sns_topic")
    oncall.add_override("name", "orders-oncall-pr123")
    alarm = tf.P99Alarm(
        stack,
        "Latency",
        alarm_actions=[oncall.get_string_attribute("arn")],
        base_name="orders-latency",
        namespace="AWS/Lambda",
        metric_name="Duration",
        threshold=1000,
        dimensions={"FunctionName": "orders-fn-pr123"},
        comparison=tf.AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    )
    # In Python the calling file's directory is given as base_directory: jsii cannot see the caller.
    code = tf.LambdaZipAsset(
        stack, "Code", path="../tf/constructs/fixtures/node-handler", base_directory=HERE, handler="index.handler"
    )
    role = cdktf.TerraformResource(stack, "FunctionRole", terraform_resource_type="aws_iam_role")
    role.add_override("name", "orders-fn-pr123")
    role.add_override("assume_role_policy", json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }))
    # The function's own log group in the stack (log-retention): else Lambda makes one that never expires.
    function_logs = cdktf.TerraformResource(stack, "FunctionLogs", terraform_resource_type="aws_cloudwatch_log_group")
    function_logs.add_override("name", "/aws/lambda/orders-fn-pr123")
    function_logs.add_override("retention_in_days", 7)
    function = cdktf.TerraformResource(stack, "Function", terraform_resource_type="aws_lambda_function")
    for key, value in {
        "function_name": "orders-fn-pr123",
        "role": role.get_string_attribute("arn"),
        "runtime": "nodejs22.x",
        "handler": code.handler,
        "filename": code.path,
        "source_code_hash": code.source_code_hash,
    }.items():
        function.add_override(key, value)
    network = tf.SingleNatVpc(stack, "Network", availability_zones=3)

    cdktf.TerraformOutput(stack, "config_role_arn", value=config.role_arn)
    # The escape hatch: the constructs' resources are cdktf TerraformResources.
    assert isinstance(bucket.bucket, cdktf.TerraformResource)
    bucket.bucket.add_override("tags", {"team": "orders"})

    # WHEN synthesizing (the checks fail synth on any error finding)
    app.synth()

    # THEN the JSON holds what each construct promises
    doc = json.loads((tmp_path / "stacks" / "orders" / "cdk.tf.json").read_text())
    assert doc["terraform"]["backend"] == {
        "s3": {"bucket": "tf-state-pr123", "key": "pr123/orders.tfstate", "encrypt": True, "use_lockfile": True}
    }
    assert bucket.bucket_name == "orders-data-pr123"
    data_bucket = next(b for b in doc["resource"]["aws_s3_bucket"].values() if b["bucket"] == "orders-data-pr123")
    assert data_bucket["tags"] == {"team": "orders"}
    data_bucket_id = next(k for k, b in doc["resource"]["aws_s3_bucket"].items() if b["bucket"] == "orders-data-pr123")
    assert only(doc, "aws_s3_bucket_versioning")["bucket"] == "${aws_s3_bucket.%s.id}" % data_bucket_id
    lifecycle = only(doc, "aws_s3_bucket_lifecycle_configuration")
    assert lifecycle["rule"] == [{
        "id": "rule-0",
        "status": "Enabled",
        "filter": [{"prefix": ""}],
        "expiration": [{"days": 365}],
        "transition": [{"days": 30, "storage_class": "STANDARD_IA"}],
    }]
    assert {b["bucket"] for b in doc["resource"]["aws_s3_bucket"].values()} == {"orders-data-pr123", "config-delivery-pr123"}
    assert len(doc["resource"]["aws_s3_bucket_server_side_encryption_configuration"]) == 2
    assert len(doc["resource"]["aws_s3_bucket_public_access_block"]) == 2
    assert len(doc["resource"]["aws_s3_bucket_policy"]) == 2

    partition = next(iter(doc["data"]["aws_partition"]))
    assert only(doc, "aws_iam_role_policy_attachment")["policy_arn"] == (
        "arn:${data.aws_partition.%s.partition}:iam::aws:policy/service-role/AWS_ConfigRole" % partition
    )
    assert config.recorder_name == "config-recorder-pr123"
    assert only(doc, "aws_config_config_rule")["source"] == {"owner": "AWS", "source_identifier": "S3_BUCKET_VERSIONING_ENABLED"}

    alarm_block = only(doc, "aws_cloudwatch_metric_alarm")
    assert alarm_block["extended_statistic"] == "p99"
    assert "statistic" not in alarm_block
    assert alarm_block["comparison_operator"] == "GreaterThanOrEqualToThreshold"
    assert alarm_block["dimensions"] == {"FunctionName": "orders-fn-pr123"}
    assert alarm.alarm_name == "orders-latency-pr123"
    assert alarm_block["alarm_actions"] == ["${aws_sns_topic.Oncall.arn}"]
    assert doc["output"]["config_role_arn"]["value"] == "${aws_iam_role.%s.arn}" % next(k for k in doc["resource"]["aws_iam_role"] if "Config" in k)

    function = only(doc, "aws_lambda_function")
    assert function["filename"].startswith("assets/Code_Asset_") and function["filename"].endswith("/archive.zip")
    assert function["source_code_hash"] == '${filebase64sha256("%s")}' % function["filename"]
    assert code.source_directory == os.path.join(os.path.dirname(HERE), "tf", "constructs", "fixtures", "node-handler")

    assert function["role"] == "${aws_iam_role.FunctionRole.arn}"
    assert function["runtime"] == "nodejs22.x"

    nat = next(iter(doc["resource"]["aws_nat_gateway"]))
    assert len(doc["resource"]["aws_nat_gateway"]) == 1
    private_route = next(r for r in doc["resource"]["aws_route"].values() if "nat_gateway_id" in r)
    assert private_route["nat_gateway_id"] == "${aws_nat_gateway.%s.id}" % nat
    assert len(network.private_subnet_ids) == 3 and len(network.public_subnet_ids) == 3
    # Typed string attributes for other resources: references, resolved by cdktf at synth.
    for reference in [bucket.bucket_arn, bucket.bucket_id, config.role_arn, alarm.alarm_arn, network.vpc_id, network.nat_gateway_id,
                      *network.private_subnet_ids]:
        assert cdktf.Token.is_unresolved(reference), reference
    vpc = next(iter(doc["resource"]["aws_vpc"]))
    assert {s["vpc_id"] for s in doc["resource"]["aws_subnet"].values()} == {"${aws_vpc.%s.id}" % vpc}
    assert sorted(s["cidr_block"] for s in doc["resource"]["aws_subnet"].values()) == [
        "10.0.0.0/20", "10.0.128.0/20", "10.0.144.0/20", "10.0.16.0/20", "10.0.160.0/20", "10.0.32.0/20",
    ]
    assert network.subnet_cidr_blocks[0] == "10.0.0.0/20"
    # the VPC's flow-log group (the construct's default retention) beside the function's own
    assert sorted((g["name"], g["retention_in_days"]) for g in doc["resource"]["aws_cloudwatch_log_group"].values())[0] == (
        "/aws/lambda/orders-fn-pr123", 7)
    flow_logs = [g for g in doc["resource"]["aws_cloudwatch_log_group"].values() if g["name"] != "/aws/lambda/orders-fn-pr123"]
    assert [g["retention_in_days"] for g in flow_logs] == [7]

    # and the checks found nothing but the acknowledged Config singletons
    report = json.loads((tmp_path / "stacks" / "orders" / "safe-patterns-report.json").read_text())
    assert [(f["ruleId"], f["path"], "acknowledgement" in f) for f in report["findings"]] == [
        ("account-singleton", "orders/Config/Recorder", True),
        ("account-singleton", "orders/Config/DeliveryChannel", True),
    ]


def test_bad_input_reaches_python_as_one_line(tmp_path):
    app = cdktf.App(outdir=str(tmp_path), context={"environmentSuffix": "pr123"})
    stack = cdktf.TerraformStack(app, "orders")
    with pytest.raises(RuntimeError, match=r"orders/Code: path is relative and no baseDirectory is given.*os\.path\.dirname\(__file__\)"):
        tf.LambdaZipAsset(stack, "Code", path="lambda")
    with pytest.raises(RuntimeError, match=r'orders/Data: The S3 bucket name must be 3-63 characters.*Received: "Data-pr123"'):
        tf.SuffixedBucket(stack, "Data", base_name="Data")
