"""The aws-cdk-lib constructs, used from Python through the wheel jsii-pacmak built."""
import aws_cdk as cdk_lib
import pytest
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_lambda as lambda_
from aws_cdk.assertions import Match, Template

from cdk_safe_patterns import cdk


def test_every_construct_from_python_synthesizes_its_defaults(tmp_path):
    # GIVEN a code directory and an app with the suffix in context
    (tmp_path / "index.py").write_text("def handler(event, context):\n    return {'statusCode': 200}\n")
    app = cdk_lib.App(context={"environmentSuffix": "pr42"})
    stack = cdk_lib.Stack(app, "Stack")

    # WHEN every construct is used with its defaults
    data = cdk.SuffixedBucket(stack, "Data", base_name="orders-data")
    config = cdk.ConfigRecorderWithCorrectRole(stack, "Config")
    alarm = cdk.P99Alarm(
        stack,
        "Latency",
        base_name="api-latency",
        threshold=1000,
        metric=cloudwatch.Metric(namespace="AWS/ApiGateway", metric_name="Latency", dimensions_map={"ApiName": "orders"}),
    )
    code = cdk.LambdaZipAsset(stack, "Code", path=str(tmp_path), runtime=lambda_.Runtime.PYTHON_3_13, handler="index.handler")
    function = code.add_function("Handler", base_name="orders")
    network = cdk.SingleNatVpc(stack, "Network")

    # THEN the exposed names and resources are the suffixed ones
    assert data.bucket_name == "orders-data-pr42"
    assert config.recorder_name == "config-pr42"
    assert alarm.alarm_name == "api-latency-pr42"
    assert alarm.extended_statistic == "p99"
    assert code.path == str(tmp_path)
    assert function.runtime.name == "python3.13"
    assert network.vpc_name == "vpc-pr42"

    template = Template.from_stack(stack)
    template.has_resource(
        "AWS::S3::Bucket",
        {
            "DeletionPolicy": "Delete",
            "Properties": {
                "BucketName": "orders-data-pr42",
                "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
            },
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": Match.object_like(
                {"Statement": [Match.object_like({"Principal": {"Service": "config.amazonaws.com"}})]}
            ),
            "ManagedPolicyArns": [
                {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/service-role/AWS_ConfigRole"]]}
            ],
        },
    )
    template.has_resource_properties("AWS::Config::ConfigurationRecorder", {"Name": "config-pr42"})
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {"AlarmName": "api-latency-pr42", "ExtendedStatistic": "p99", "Statistic": Match.absent()},
    )
    template.has_resource_properties(
        "AWS::Lambda::Function", {"FunctionName": "orders-pr42", "Handler": "index.handler", "Runtime": "python3.13"}
    )
    template.resource_count_is("AWS::EC2::NatGateway", 1)
    template.resource_count_is("AWS::EC2::VPCEndpoint", 2)
    template.has_resource_properties("AWS::Logs::LogGroup", {"RetentionInDays": 7})


def test_bad_input_from_python_raises_the_one_line_error(tmp_path):
    stack = cdk_lib.Stack(cdk_lib.App(context={"environmentSuffix": "pr42"}), "Stack")
    with pytest.raises(RuntimeError, match=r'^Stack/Data: The S3 bucket name "Orders-pr42" is not valid.*Received: baseName="Orders"'):
        cdk.SuffixedBucket(stack, "Data", base_name="Orders")
    with pytest.raises(RuntimeError, match=r"^Stack/Code: path is relative.*os\.path\.join\(os\.path\.dirname\(__file__\)"):
        cdk.LambdaZipAsset(stack, "Code", path="lambda", runtime=lambda_.Runtime.PYTHON_3_13)
    with pytest.raises(RuntimeError, match=r"^Stack/Code2: The handler's file is not in the code directory"):
        cdk.LambdaZipAsset(stack, "Code2", path=str(tmp_path), runtime=lambda_.Runtime.PYTHON_3_13, handler="missing.handler")
