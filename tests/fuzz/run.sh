#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, one at a time (nice -n 10), on seed corpora built
# from scenarios/, scenarios/disputes/replay/ and tests/data/real_traces/, and prints each run's
# last status line (executions per second, cov, ft). A finding stops the script with exit 1 and
# leaves crash-* in build/fuzz/findings/TARGET/.
# FUZZ_SEED=N fixes libFuzzer's seed (CI uses 1, so that a red smoke reruns the same mutations);
# the default 0 lets libFuzzer pick one.
# usage: tests/fuzz/run.sh SECONDS [TARGET...]   (build first: cmake --preset fuzz &&
#        cmake --build --preset fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}"
shift
bin=build/fuzz/tests/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(scenario_loader ruleset_loader time dump push_body admin_bodies engine_answer
           http_request)
fi

# Seeds: copied (not linked) so that libFuzzer may add to the corpus folders freely.
seed() {
  local dir="build/fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" 2>/dev/null || true; done
}
seed scenario_loader scenarios/*/*.yaml tests/schema/cases/*/*.yaml tests/fuzz/seeds/scenario_loader/*
seed ruleset_loader harness/rules/rulesets/*.yaml tests/fuzz/seeds/ruleset_loader/*
seed dump scenarios/disputes/replay/*.json tests/data/real_traces/*/* tests/data/zto_dump.json \
  tests/fuzz/seeds/dump/*
seed push_body tests/data/real_traces/*/*push* scenarios/disputes/replay/*.json
seed engine_answer tests/fuzz/seeds/engine_answer/*
seed admin_bodies tests/fuzz/seeds/admin_bodies/*
seed time tests/fuzz/seeds/time/*
seed http_request tests/fuzz/seeds/http_request/*

status=0
for t in "${targets[@]}"; do
  mkdir -p "build/fuzz/findings/$t"
  log="build/fuzz/findings/$t/last.log"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  if ! nice -n 10 "$bin/${t}_fuzz" "build/fuzz/corpus/$t" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -seed="${FUZZ_SEED:-0}" \
      -artifact_prefix="build/fuzz/findings/$t/" "${dict[@]}" >"$log" 2>&1; then
    echo "FINDING $t: see $log"
    grep -E "ERROR|invariant broken|SUMMARY" "$log" | head -5
    status=1
    continue
  fi
  last=$(grep -E "^#[0-9]+" "$log" | tail -1)
  execs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
  echo "ok $t: ${seconds}s, ${execs:-?} executions ($(( ${execs:-0} / seconds ))/s); last: $last"
done
exit $status
