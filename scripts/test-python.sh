#!/usr/bin/env bash
# Tests the Python binding as users get it: the wheel jsii-pacmak built, installed
# into a fresh venv with aws-cdk-lib, constructs and cdktf from PyPI (test/python/requirements.txt).
#
# Cached between runs, inside git-ignored .cache/: the downloaded wheels
# (.cache/wheelhouse, refreshed whenever test/python/requirements.txt changes).
# The venv itself is made anew every run.
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
wheels=(dist/python/*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "test-python: expected exactly one wheel in dist/python, found ${#wheels[@]}. Fix: run 'npx projen package:python' first." >&2
  exit 2
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
requirements=test/python/requirements.txt
wheelhouse=.cache/wheelhouse
bash scripts/wheelhouse.sh

venv=.cache/py-venv
rm -rf "$venv"
python3 -m venv "$venv"
echo "test-python: installing ${wheels[0]} into a fresh $venv"
# This machine (like many CI images) sets PYTHONDONTWRITEBYTECODE=1, which makes every test process
# compile aws_cdk and cdktf again: pip compiles the venv once, at install, and the tests read the result.
unset PYTHONDONTWRITEBYTECODE
"$venv/bin/pip" install --quiet --no-index --find-links "$wheelhouse" --requirement "$requirements" "${wheels[0]}"

mkdir -p test-reports
# The jsii kernel runs on this machine's Node; its end-of-life banner is noise in test output.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
unset ENVIRONMENT_SUFFIX
exec "$venv/bin/python" -m pytest test/python -ra --junitxml=test-reports/pytest.xml "$@"
