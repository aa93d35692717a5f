"""cdk.SafePatternsChecks from Python: catalogue findings, acknowledgements, and a rule written in Python."""
import json
import typing

import aws_cdk as cdk_lib
import jsii
import pytest
from aws_cdk import aws_guardduty as guardduty
from aws_cdk import aws_sqs as sqs

from cdk_safe_patterns import (
    CheckEngine,
    IRule,
    RuleResource,
    RuleResult,
    RuleSeverity,
    SafePatterns,
    cdk,
)


@jsii.implements(IRule)
class QueueNeedsDeadLetterQueue:
    """A team rule, written in Python, run by the checks beside the catalogue."""

    @property
    def id(self) -> str:
        return "queue-needs-dlq"

    @property
    def title(self) -> str:
        return "Queues have a dead-letter queue"

    @property
    def fix(self) -> str:
        return "Pass dead_letter_queue to the queue."

    @property
    def default_severity(self) -> RuleSeverity:
        return RuleSeverity.ERROR

    @property
    def engines(self) -> typing.List[CheckEngine]:
        return [CheckEngine.CLOUDFORMATION]

    def evaluate(self, resource: RuleResource) -> RuleResult:
        if resource.type != "AWS::SQS::Queue":
            return RuleResult.not_applicable()
        if "RedrivePolicy" in resource.properties:
            return RuleResult.compliant()
        return RuleResult.non_compliant(f"Queue {resource.logical_id} has no RedrivePolicy.", "Properties/RedrivePolicy")


def only(*rule_ids: str) -> typing.Dict[str, RuleSeverity]:
    """Severities that switch every catalogue rule off except the given ones."""
    return {rule_id: RuleSeverity.OFF for rule_id in SafePatterns.rule_ids() if rule_id not in rule_ids}


def test_python_rule_fails_synth_and_is_reported(tmp_path):
    # GIVEN a queue without a dead-letter queue and the Python rule
    app = cdk_lib.App(outdir=str(tmp_path))
    stack = cdk_lib.Stack(app, "Stack")
    sqs.Queue(stack, "Orders", queue_name="orders-pr123")
    cdk_lib.Aspects.of(app).add(
        cdk.SafePatternsChecks(environment_suffix="pr123", additional_rules=[QueueNeedsDeadLetterQueue()], rule_severities=only())
    )
    # WHEN
    with pytest.raises(RuntimeError) as error:
        app.synth()
    # THEN
    assert "[Stack/Orders/Resource] [queue-needs-dlq] Queue Orders" in str(error.value)
    report = json.loads((tmp_path / "safe-patterns-report.json").read_text())
    assert [(f["ruleId"], f["path"], f["location"]) for f in report["findings"]] == [
        ("queue-needs-dlq", "Stack/Orders/Resource", "Properties/RedrivePolicy")
    ]


def test_python_rule_passes_a_compliant_queue(tmp_path):
    app = cdk_lib.App(outdir=str(tmp_path))
    stack = cdk_lib.Stack(app, "Stack")
    dlq = sqs.Queue(stack, "Dlq", queue_name="orders-dlq-pr123")
    sqs.Queue(stack, "Orders", queue_name="orders-pr123", dead_letter_queue=sqs.DeadLetterQueue(queue=dlq, max_receive_count=3))
    SafePatterns.acknowledge(dlq, "queue-needs-dlq", "a dead-letter queue needs no dead-letter queue")
    cdk_lib.Aspects.of(app).add(
        cdk.SafePatternsChecks(environment_suffix="pr123", additional_rules=[QueueNeedsDeadLetterQueue()], rule_severities=only())
    )
    app.synth()
    report = json.loads((tmp_path / "safe-patterns-report.json").read_text())
    assert report["summary"] == {"errors": 0, "warnings": 0, "acknowledged": 1, "failed": False}


def test_catalogue_finding_fails_then_passes_once_acknowledged(tmp_path):
    # GIVEN a GuardDuty detector in a stack
    def build(outdir, acknowledge: bool):
        app = cdk_lib.App(outdir=str(outdir))
        stack = cdk_lib.Stack(app, "Stack")
        detector = guardduty.CfnDetector(stack, "Detector", enable=True)
        if acknowledge:
            SafePatterns.acknowledge(detector, "guardduty-detector", "the security account's baseline stack owns it")
        cdk_lib.Aspects.of(app).add(cdk.SafePatternsChecks(environment_suffix="pr123", rule_severities=only("guardduty-detector")))
        return app

    # WHEN / THEN: fails without the acknowledgement ...
    with pytest.raises(RuntimeError, match=r"\[Stack/Detector\] \[guardduty-detector\]"):
        build(tmp_path / "a", acknowledge=False).synth()
    # ... and passes with it, the reason kept in the report
    build(tmp_path / "b", acknowledge=True).synth()
    report = json.loads((tmp_path / "b" / "safe-patterns-report.json").read_text())
    assert report["findings"][0]["acknowledgement"]["reason"] == "the security account's baseline stack owns it"


def test_empty_acknowledgement_reason_is_refused():
    stack = cdk_lib.Stack(cdk_lib.App(), "Stack")
    # jsii may prefix the error's name (SafePatternsError) to the message.
    with pytest.raises(RuntimeError, match=r'^(SafePatternsError: )?Stack: The acknowledgement of "guardduty-detector" has no reason'):
        SafePatterns.acknowledge(stack, "guardduty-detector", " ")
