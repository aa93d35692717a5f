"""Runs every Python example of README.md that jsii-rosetta translated, against the built wheel.

rosetta compiles the TypeScript examples in the build; this proves the Python it wrote next
to them runs too. Each example runs where its TypeScript fixture (```ts fixture=...) puts it:
inside a Stack (default), inside a TerraformStack (tf), or as a program (app). No AWS provider package is
installed: the library's tf constructs do not need one, and the README's Python runs without it.
"""
import os
import re
from pathlib import Path

import pytest

README = Path(__file__).parents[2] / "README.md"
BY_HAND = "<!-- rosetta:python-by-hand -->"


def readme_examples():
    """(line, fixture, python source) for every generated Python block, in README order."""
    lines = README.read_text().split("\n")
    examples = []
    i = 0
    while i < len(lines):
        match = re.match(r"^```(ts|typescript)\b(.*)$", lines[i])
        if not match:
            i += 1
            continue
        by_hand = i > 0 and lines[i - 1].strip() == BY_HAND
        fixture = re.search(r"fixture=(\S+)", match.group(2))
        i += 1
        while lines[i] != "```":
            i += 1
        i += 1
        while i < len(lines) and lines[i].strip() == "":
            i += 1
        if by_hand or i >= len(lines) or lines[i] != "```python":
            continue
        start = i + 1
        end = lines.index("```", start)
        examples.append((start + 1, fixture.group(1) if fixture else "default", "\n".join(lines[start:end])))
        i = end + 1
    return examples


def declared_values(stack, source):
    """Values for the names a TypeScript example only declares (`declare const fn: lambda.IFunction`),
    which rosetta renders as a comment (`# fn: lambda.IFunction`)."""
    import aws_cdk.aws_lambda as lambda_
    import aws_cdk.aws_sns as sns

    factories = {
        "fn": lambda: lambda_.Function(stack, "DeclaredFn", runtime=lambda_.Runtime.NODEJS_22_X, handler="index.handler",
                                      code=lambda_.Code.from_inline("exports.handler = async () => {};")),
        "topic": lambda: sns.Topic(stack, "DeclaredTopic"),
        "function_role_arn": lambda: "arn:aws:iam::123456789012:role/orders",
    }
    declared = re.findall(r"^# (\w+): [\w.]+$", source, flags=re.MULTILINE)
    missing = [name for name in declared if name not in factories]
    assert not missing, f"add a value for the declared names {missing} to declared_values"
    return {name: factories[name]() for name in declared}


def run_example(fixture, source, outdir):
    import aws_cdk
    import cdktf

    namespace = {}
    # The suffix comes as context, as `cdk synth -c environmentSuffix=readme` gives it: the jsii kernel
    # (a Node process started at import) does not see environment variables set later.
    context = {"environmentSuffix": "readme"}
    if fixture == "default":
        app = aws_cdk.App(outdir=str(outdir), context=context)
        namespace["self"] = aws_cdk.Stack(app, "Fixture")
        namespace.update(declared_values(namespace["self"], source))
        exec(compile(source, "README.md", "exec"), namespace)
        app.synth()
    elif fixture == "tf":
        app = cdktf.App(outdir=str(outdir), context=context)
        stack = cdktf.TerraformStack(app, "fixture")
        namespace["self"] = stack
        namespace.update(declared_values(stack, source))
        exec(compile(source, "README.md", "exec"), namespace)
        app.synth()
    elif fixture == "app":
        # A program makes its own App: give it the same context, and an outdir (the jsii kernel's working
        # directory is the one pytest started in: os.chdir does not reach it).
        program = re.sub(r"\bApp\(\)", f"App(context={context!r}, outdir={str(outdir)!r})", source)
        exec(compile(program, "README.md", "exec"), namespace)
    else:
        raise AssertionError(f"unknown rosetta fixture {fixture!r}: add it to run_example")


def test_readme_python_examples_run(tmp_path):
    # GIVEN every Python example rosetta wrote into README.md
    examples = readme_examples()
    assert len(examples) >= 8, "README.md should hold rosetta's Python translations; run 'npx projen compile'"
    failures = []
    for index, (line, fixture, source) in enumerate(examples):
        workdir = tmp_path / f"example-{index}"
        workdir.mkdir()
        # WHEN it runs in its fixture
        try:
            run_example(fixture, source, workdir / "out")
        except Exception as error:  # collect all, so one run names every broken example
            failures.append(f"README.md:{line} (fixture {fixture}): {type(error).__name__}: {error}")
    # THEN none fails
    assert failures == []
