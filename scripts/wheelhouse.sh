#!/usr/bin/env bash
# Downloads the Python test dependencies (test/python/requirements.txt: aws-cdk-lib, constructs, cdktf,
# pytest) into .cache/wheelhouse, once per version of that file: pip's HTTP cache does not fill on this
# machine, and aws-cdk-lib's wheel alone is large. Used by test-python.sh and bench/run.sh.
#
#   bash scripts/wheelhouse.sh [requirements file] [wheelhouse directory]
# (defaults: test/python/requirements.txt, .cache/wheelhouse; the benchmark passes its own pair)
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
requirements=${1:-test/python/requirements.txt}
wheelhouse=${2:-.cache/wheelhouse}
stamp="$wheelhouse/.requirements.sha256"
# The stamp covers the files a requirements file includes with -r, too.
wanted=$(cat "$requirements" $(sed -n 's/^-r *//p' "$requirements" | sed "s#^#$(dirname "$requirements")/#") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "wheelhouse: downloading $requirements into $wheelhouse" >&2
  rm -rf "$wheelhouse"
  mkdir -p "$wheelhouse"
  python3 -m pip download --quiet --dest "$wheelhouse" --requirement "$requirements"
  echo "$wanted" > "$stamp"
fi
