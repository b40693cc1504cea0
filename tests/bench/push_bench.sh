#!/bin/sh
# Pushes delivered per second from `tracksim serve` to a loopback receiver (docs/push.md).
# Usage: tests/bench/push_bench.sh [BUILD_DIR] [NUMBERS] [RUNS]   (defaults build/release 10000 5)
# Goal: at least 5,000 pushes/s on 2 cores. Prints its own command, each run and the median.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/release}
numbers=${2:-10000}
runs=${3:-5}
echo "command: $0 $build $numbers $runs"
exec python3 "$here/push_bench.py" "$build/tracksim" "$numbers" "$runs"
