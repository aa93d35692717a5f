#!/usr/bin/env bash
# `npm run bench` / `npx projen bench`: builds what the benchmarks need when it is missing or
# stale, runs them (bench/main.js) and writes bench/results/latest.json, the SVG chart and
# BENCHMARKS.md (bench/report.js). Assumes `npm ci` has run, like every projen task.
#
# Environment (all optional): BENCH_SIZES=500,2000,8000  BENCH_REPEATS=<n>  BENCH_ONLY=cdk,tf,cli,python,preflight
#   BENCH_CHECKOV_MAX_S=300  BENCH_PY_UNITS=40  BENCH_PY_REPEATS=2  BENCH_OUT=bench/results/latest.json
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
only="${BENCH_ONLY:-cdk,tf,cli,python,preflight}"
started=$(date +%s)

# checkov and cfn-lint (pinned in scripts/requirements-tools.txt) into .cache/tools-venv; no-op when current.
# The Python part alone (BENCH_ONLY=python) does not use them.
if [ "$only" != "python" ]; then
  bash scripts/python-tools.sh
fi

# lib/ is what the measured child processes load: compile when src/ is newer.
if [ ! -f .jsii ] || [ ! -f lib/index.js ] || [ -n "$(find src -newer .jsii -print -quit)" ]; then
  echo "bench: compiling src/ into lib/ (npx projen compile)"
  npx projen compile
fi

if [[ ",$only," == *",python,"* ]]; then
  shopt -s nullglob
  wheels=(dist/python/*.whl)
  if [ "${#wheels[@]}" -ne 1 ] || [ .jsii -nt "${wheels[0]}" ]; then
    echo "bench: building the Python wheel (npx projen package:python)"
    rm -rf dist/python
    npx projen package:python
    wheels=(dist/python/*.whl)
  fi
  # The pinned aws-cdk-lib / constructs / cdktf wheels of scripts/test-python.sh, plus the AWS provider package
  # for the cdktf app (bench/python/requirements.txt), downloaded once into their own wheelhouse.
  requirements=bench/python/requirements.txt
  wheelhouse=.cache/wheelhouse-bench
  bash scripts/wheelhouse.sh "$requirements" "$wheelhouse"
  # Kept between runs, rebuilt when the wheel or the requirements change.
  venv=.cache/bench-venv
  venv_wanted=$(cat "$requirements" test/python/requirements.txt "${wheels[0]}" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$venv_wanted" ]; then
    echo "bench: installing ${wheels[0]} into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    # pip byte-compiles the venv at install (PYTHONDONTWRITEBYTECODE, set on many machines, would
    # make every measured process compile aws_cdk again): the measured imports read bytecode, as users' do.
    (unset PYTHONDONTWRITEBYTECODE; "$venv/bin/pip" install --quiet --no-index --find-links "$wheelhouse" --requirement "$requirements" "${wheels[0]}")
    echo "$venv_wanted" > "$venv/.stamp"
  fi
fi

node bench/main.js
out="${BENCH_OUT:-bench/results/latest.json}"

# preflight of 200 named resources against moto on 127.0.0.1, beside `check` of the same template
# (bench/preflight/run.js); its result joins the JSON that bench/main.js wrote.
if [[ ",$only," == *",preflight,"* ]]; then
  [ -d preflight/node_modules ] || npm ci --prefix preflight --no-audit --no-fund --loglevel=error
  npm run build --prefix preflight --silent
  node bench/preflight/run.js 200 5 | tail -n 1 > .cache/bench-preflight.json
  node -e 'const fs = require("fs"); const [out, add] = process.argv.slice(1); const r = JSON.parse(fs.readFileSync(out, "utf8")); r.results.preflight = JSON.parse(fs.readFileSync(add, "utf8")); fs.writeFileSync(out, JSON.stringify(r, undefined, 2) + "\n");' "$out" .cache/bench-preflight.json
fi

node bench/report.js "$out"
echo "bench: done in $(( $(date +%s) - started )) s"
