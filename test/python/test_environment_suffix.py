"""The environment-suffix helpers, used from Python through the wheel jsii-pacmak built."""
import json

import aws_cdk as cdk_lib
import cdktf
import pytest
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Template

from cdk_safe_patterns import EnvironmentSuffixSource, cdk, tf


def test_cdk_suffix_from_context_names_the_bucket():
    # GIVEN
    app = cdk_lib.App(context={"environmentSuffix": "pr42"})
    stack = cdk_lib.Stack(app, "Stack")
    # WHEN
    suffix = cdk.EnvironmentSuffix(stack, "Suffix")
    s3.Bucket(stack, "Data", bucket_name=suffix.with_suffix("data"))
    # THEN
    assert suffix.value == "pr42"
    assert suffix.source == EnvironmentSuffixSource.CONTEXT
    Template.from_stack(stack).has_resource_properties("AWS::S3::Bucket", {"BucketName": "data-pr42"})


def test_cdk_prop_wins_over_context():
    stack = cdk_lib.Stack(cdk_lib.App(context={"environmentSuffix": "ctx"}), "Stack")
    assert cdk.EnvironmentSuffix.resolve(stack, "explicit") == "explicit"


def test_cdk_missing_suffix_raises_a_clear_error():
    # GIVEN no prop, no context, and (in this interpreter) no ENVIRONMENT_SUFFIX
    stack = cdk_lib.Stack(cdk_lib.App(), "Stack")
    # WHEN / THEN
    with pytest.raises(RuntimeError) as error:
        cdk.EnvironmentSuffix(stack, "Suffix")
    message = str(error.value)
    assert message.startswith("Stack/Suffix: No environment suffix is set")
    assert 'context key "environmentSuffix"' in message
    assert "ENVIRONMENT_SUFFIX" in message


def test_cdk_invalid_suffix_shows_the_value():
    stack = cdk_lib.Stack(cdk_lib.App(), "Stack")
    with pytest.raises(RuntimeError, match=r'Received: "Prod_1"'):
        cdk.EnvironmentSuffix(stack, "Suffix", environment_suffix="Prod_1")


def test_tf_suffix_from_context_names_the_bucket(tmp_path):
    # GIVEN
    app = cdktf.App(outdir=str(tmp_path), context={"environmentSuffix": "pr7"})
    stack = cdktf.TerraformStack(app, "stack")
    # WHEN
    suffix = tf.EnvironmentSuffix(stack, "suffix")
    bucket = cdktf.TerraformResource(stack, "data", terraform_resource_type="aws_s3_bucket")
    bucket.add_override("bucket", suffix.with_suffix("data"))
    app.synth()
    # THEN
    synthesized = json.loads((tmp_path / "stacks" / "stack" / "cdk.tf.json").read_text())
    assert synthesized["resource"]["aws_s3_bucket"]["data"]["bucket"] == "data-pr7"
    assert suffix.source == EnvironmentSuffixSource.CONTEXT


def test_tf_missing_suffix_raises_a_clear_error():
    stack = cdktf.TerraformStack(cdktf.Testing.app(), "stack")
    with pytest.raises(RuntimeError, match=r"^stack/suffix: No environment suffix is set"):
        tf.EnvironmentSuffix(stack, "suffix")
