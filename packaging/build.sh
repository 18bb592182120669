#!/usr/bin/env bash
# Shared by run.sh and test.sh: installs what is missing, then configures and builds.
# Usage: packaging/build.sh BUILD_DIR [extra cmake arguments...]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$here")
build_dir=$1
shift
"$here/install-deps.sh"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" -j"${CORSCOPE_JOBS:-2}"
