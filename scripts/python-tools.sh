#!/usr/bin/env bash
# Installs the Python command-line tools that tests and benchmarks run on synthesized
# output (cfn-lint, checkov), and moto's server for the preflight tests (pinned in
# scripts/requirements-tools.txt), into .cache/tools-venv.
# The venv is rebuilt whenever that file changes and kept otherwise: the tools are
# inputs to tests, not the thing under test, and checkov takes minutes to install.
# Prints nothing when the venv is already current, so it is cheap to call from every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

export PIP_DISABLE_PIP_VERSION_CHECK=1
requirements=scripts/requirements-tools.txt
venv=.cache/tools-venv
stamp="$venv/.requirements.sha256"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && [ -x "$venv/bin/cfn-lint" ] && [ -x "$venv/bin/checkov" ] && [ -x "$venv/bin/moto_server" ]; then
  exit 0
fi
echo "python-tools: installing $requirements into $venv"
rm -rf "$venv"
python3 -m venv "$venv"
# pip.conf here lists local indexes that do not exist; their warnings are noise.
"$venv/bin/pip" install --quiet --requirement "$requirements" 2> >(grep -v "is ignored: it is neither" >&2)
"$venv/bin/cfn-lint" --version
"$venv/bin/checkov" --version
"$venv/bin/python" -c "import moto; print('moto', moto.__version__)"
echo "$wanted" > "$stamp"
