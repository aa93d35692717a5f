"""Real Python apps of both frameworks, each run in its own interpreter as a user would run it."""
import json


def test_cdk_app_takes_the_suffix_from_the_environment(run_app, tmp_path):
    # GIVEN a CDK app and ENVIRONMENT_SUFFIX in its environment
    outdir = tmp_path / "cdk.out"
    # WHEN
    result = run_app("cdk_app.py", {"ENVIRONMENT_SUFFIX": "py-ci", "CDK_OUTDIR": str(outdir)})
    # THEN
    assert result.returncode == 0, result.stderr
    template = json.loads((outdir / "PyDataStack.template.json").read_text())
    buckets = [r for r in template["Resources"].values() if r["Type"] == "AWS::S3::Bucket"]
    assert [b["Properties"]["BucketName"] for b in buckets] == ["data-py-ci"]
    assert template["Outputs"]["SuffixSource"]["Value"] == "ENVIRONMENT_VARIABLE"


def test_tf_app_takes_the_suffix_from_the_environment(run_app, tmp_path):
    # GIVEN a cdktf app and ENVIRONMENT_SUFFIX in its environment
    outdir = tmp_path / "cdktf.out"
    # WHEN
    result = run_app("tf_app.py", {"ENVIRONMENT_SUFFIX": "py-ci", "CDKTF_OUTDIR": str(outdir)})
    # THEN
    assert result.returncode == 0, result.stderr
    synthesized = json.loads((outdir / "stacks" / "py-data" / "cdk.tf.json").read_text())
    assert synthesized["resource"]["aws_s3_bucket"]["data"]["bucket"] == "data-py-ci"
    assert synthesized["output"]["suffix_source"]["value"] == "ENVIRONMENT_VARIABLE"
