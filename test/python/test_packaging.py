"""The installed package as pip sees it: its requirements hold no AWS provider package, and none is installed.

The wheel once required cdktf-cdktf-provider-aws, whose import alone took 16 s and 590 MB; the tf constructs
now write their resources on cdktf's core classes.
"""
import importlib.metadata
import importlib.util
import re
import subprocess
import sys


def test_pip_show_lists_no_provider_among_the_requirements():
    # GIVEN the wheel installed in this venv; WHEN pip describes it
    shown = subprocess.run([sys.executable, "-m", "pip", "show", "cdk-safe-patterns"], capture_output=True, text=True, check=True).stdout
    requires = next(line for line in shown.splitlines() if line.startswith("Requires:"))
    names = {name.strip().lower() for name in requires.removeprefix("Requires:").split(",") if name.strip()}
    # THEN cdktf and aws-cdk-lib are there, and no provider
    assert {"aws-cdk-lib", "cdktf", "constructs"} <= names, requires
    assert [n for n in names if "provider" in n] == []


def test_wheel_metadata_has_no_provider_requirement():
    requirements = importlib.metadata.requires("cdk-safe-patterns") or []
    assert requirements, "the wheel declares its requirements"
    assert [r for r in requirements if re.match(r"cdktf[-_.]cdktf[-_.]provider", r, re.IGNORECASE)] == []


def test_no_provider_package_is_installed():
    # The tests and the library run without it: nothing pulled it in.
    assert importlib.util.find_spec("cdktf_cdktf_provider_aws") is None
