#!/usr/bin/env bash
# simulate across processes: four shards (--shard K/N, as four processes at once) merged with
# `tracksim merge` print exactly the dashboard of one process (all but the lines that time it);
# the shard indexes GoogleTest runners and Kubernetes Indexed Jobs set write the same shard files;
# a missing or repeated shard is refused.
# Usage: tests/simulate/merge_shards.sh TRACKSIM
set -euo pipefail
tracksim=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "merge_shards: $*" >&2; exit 1; }
run=(simulate --orders 20000 --seed 1 --faults all=0.03 --jobs 1)

"$tracksim" "${run[@]}" >"$dir/one.txt"
pids=()
for k in 1 2 3 4; do
  "$tracksim" "${run[@]}" --shard "$k/4" --json "$dir/$k.json" >"$dir/$k.txt" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a shard process ($pid) failed"; done
"$tracksim" merge "$dir"/{1,2,3,4}.json >"$dir/merged.txt"

head -n -2 "$dir/one.txt" >"$dir/one.dashboard"
head -n -1 "$dir/merged.txt" >"$dir/merged.dashboard"
if ! cmp -s "$dir/one.dashboard" "$dir/merged.dashboard"; then
  echo "first difference (one process < > merged shards):" >&2
  diff "$dir/one.dashboard" "$dir/merged.dashboard" | head -5 >&2
  fail "the merged dashboard differs from one process's"
fi

GTEST_SHARD_INDEX=1 GTEST_TOTAL_SHARDS=4 "$tracksim" "${run[@]}" --json "$dir/gtest.json" >/dev/null
cmp -s "$dir/gtest.json" "$dir/2.json" || fail "GTEST_SHARD_INDEX=1 did not write shard 2/4"
JOB_COMPLETION_INDEX=2 TRACKSIM_TOTAL_SHARDS=4 "$tracksim" "${run[@]}" --json "$dir/job.json" \
  >/dev/null
cmp -s "$dir/job.json" "$dir/3.json" || fail "JOB_COMPLETION_INDEX=2 did not write shard 3/4"

set +e
"$tracksim" merge "$dir"/{1,2,4}.json >/dev/null 2>"$dir/err.txt"
rc=$?
set -e
[[ $rc == 2 ]] && grep -q "shards missing from the run.*: 3 of 4" "$dir/err.txt" ||
  fail "a missing shard: exit $rc, $(cat "$dir/err.txt")"
echo "merge_shards: 4 shards merged into one process's dashboard ($(grep -c . "$dir/one.dashboard") lines)"
