"""tf.SafePatternsChecks from Python: a cdktf app fails synth on a violation and passes once it is acknowledged."""
import json

import cdktf
import pytest

from cdk_safe_patterns import RuleSeverity, SafePatterns, tf


def build(outdir, acknowledge: bool) -> cdktf.App:
    app = cdktf.App(outdir=str(outdir))
    tf.SafePatternsChecks.apply_to(app, environment_suffix="pr123", rule_severities={
        rule_id: RuleSeverity.OFF for rule_id in SafePatterns.rule_ids() if rule_id != "guardduty-detector"
    })
    # The stack is created after apply_to: the checks still cover it.
    stack = cdktf.TerraformStack(app, "stack")
    # Any resource the checks read, whatever class wrote it: here cdktf's own, without a provider package.
    detector = cdktf.TerraformResource(stack, "detector", terraform_resource_type="aws_guardduty_detector")
    detector.add_override("enable", True)
    if acknowledge:
        SafePatterns.acknowledge(detector, "guardduty-detector", "the security account's baseline stack owns it")
    return app


def test_violation_fails_synth(tmp_path):
    # GIVEN a cdktf app with a GuardDuty detector
    app = build(tmp_path, acknowledge=False)
    # WHEN / THEN
    with pytest.raises(RuntimeError, match=r"stack/detector \[guardduty-detector\] The stack creates a GuardDuty detector"):
        app.synth()


def test_acknowledged_violation_passes_with_its_reason(tmp_path):
    # GIVEN the same app with the finding acknowledged
    app = build(tmp_path, acknowledge=True)
    # WHEN
    app.synth()
    # THEN
    report = json.loads((tmp_path / "stacks" / "stack" / "safe-patterns-report.json").read_text())
    assert [(f["ruleId"], f["acknowledgement"]["reason"]) for f in report["findings"]] == [
        ("guardduty-detector", "the security account's baseline stack owns it")
    ]
    assert report["summary"]["failed"] is False


def test_stack_aspect_fails_synth_with_every_failing_stack(tmp_path):
    # GIVEN two stacks, each with a detector and the checks as an Aspect on the stack
    app = cdktf.App(outdir=str(tmp_path))
    checks = tf.SafePatternsChecks(environment_suffix="pr123", rule_severities={
        rule_id: RuleSeverity.OFF for rule_id in SafePatterns.rule_ids() if rule_id != "guardduty-detector"
    })
    for name in ("one", "two"):
        stack = cdktf.TerraformStack(app, name)
        detector = cdktf.TerraformResource(stack, "detector", terraform_resource_type="aws_guardduty_detector")
        detector.add_override("enable", True)
        cdktf.Aspects.of(stack).add(checks)
    # WHEN
    with pytest.raises(RuntimeError) as raised:
        app.synth()
    # THEN both stacks were written and judged after the write, in one stack-validation message
    message = str(raised.value)
    assert "Validation failed with the following errors:" in message
    assert "[one] one/detector [guardduty-detector]" in message
    assert "[two] two/detector [guardduty-detector]" in message
    assert (tmp_path / "stacks" / "two" / "cdk.tf.json").exists()
