#!/usr/bin/env bash
# The headline figures of docs/benchmarks.md in one run, each measured as a user runs it (the
# load of the scenario file included), with the command behind it:
#
#   tests/bench/headline.sh [--reps N] [--baseline PATH] [--big] [--http] [--simulate-orders N]
#
# - validate, judge --json and run --json on a generated 10,000-order file (18 MB): median wall
#   time, peak resident memory (/usr/bin/time), run's orders/s end to end, and run's report
#   compared byte for byte with judge's;
# - simulate on one process, and (when this build has `tracksim merge`) four --shard processes
#   merged, compared byte for byte with the one process;
# - --big: a 1,000,000-order file (1.8 GB, written to a temp dir) validated: wall and peak memory;
# - --http: tests/bench/http_bench.sh --quick, its tracksim/nginx line;
# - --baseline PATH: the same 10k commands with another tracksim binary (e.g. a build of main),
#   and the ratios baseline/this.
# Prints the goals of issue 14 beside the figures. Not a CI test; needs a release build.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
TRACKSIM=${TRACKSIM:-$REPO_DIR/build/release/tracksim}
REPS=3
BASELINE=""
BIG=0
HTTP=0
SIM_ORDERS=1000000
while (($#)); do
  case $1 in
    --reps) REPS=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --big) BIG=1; shift ;;
    --http) HTTP=1; shift ;;
    --simulate-orders) SIM_ORDERS=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "headline.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -x $TRACKSIM ]] || { echo "headline.sh: no binary at $TRACKSIM (build the release preset)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "headline.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

WORK=$(mktemp -d -t tracksim-headline.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Runs a command, appending "wall-seconds peak-kilobytes cpu-seconds" of it to $WORK/$1.times;
# its stdout is dropped. CPU time (user + system) moves far less than wall time with the load.
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/one.time" "$@" >/dev/null 2>"$WORK/$name.err" || {
    local rc=$?
    ((rc == 1)) || { echo "headline.sh: '$*' exited $rc:" >&2; cat "$WORK/$name.err" >&2; exit 2; }
  }
  awk '{print $1, $2, $3 + $4}' "$WORK/one.time" >>"$WORK/$name.times"
}
median_s() { sort -n "$WORK/$1.times" | awk '{t[NR]=$1} END {print t[int((NR+1)/2)]}'; }
median_cpu() { sort -n -k3 "$WORK/$1.times" | awk '{t[NR]=$3} END {print t[int((NR+1)/2)]}'; }
peak_mb() { awk '$2>m {m=$2} END {printf "%.0f", m/1024}' "$WORK/$1.times"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work disturbs absolute numbers)"
echo "binary: $TRACKSIM"

FILE=$WORK/p10k.yaml
echo "\$ tracksim generate --seed 77 --orders 10000 --faults all=0.03 -o p10k.yaml"
"$TRACKSIM" generate --seed 77 --orders 10000 --faults all=0.03 -o "$FILE" >/dev/null
echo "file: $(du -m "$FILE" | cut -f1) MB, 10000 orders; $REPS repetitions, round-robin, medians"

bins=(this)
[[ -n $BASELINE ]] && bins+=(base)
for ((rep = 1; rep <= REPS; rep++)); do
  for b in "${bins[@]}"; do
    bin=$TRACKSIM
    [[ $b == base ]] && bin=$BASELINE
    timed "$b.validate" "$bin" validate "$FILE"
    timed "$b.judge" "$bin" judge "$FILE" --json "$WORK/$b.judge.json"
    timed "$b.run" "$bin" run "$FILE" --json "$WORK/$b.run.json"
  done
done

same=$(cmp -s "$WORK/this.judge.json" "$WORK/this.run.json" && echo yes || echo NO)
row() { printf '%-34s %8s %8s %8s   %s\n' "$@"; }
row "command (10k-order file)" "wall s" "CPU s" "peak MB" "goal"
row "tracksim validate p10k.yaml" "$(median_s this.validate)" "$(median_cpu this.validate)" "$(peak_mb this.validate)" ""
row "tracksim judge p10k.yaml --json F" "$(median_s this.judge)" "$(median_cpu this.judge)" "$(peak_mb this.judge)" "<= 1 s, <= 200 MB"
row "tracksim run p10k.yaml --json F" "$(median_s this.run)" "$(median_cpu this.run)" "$(peak_mb this.run)" ""
echo "run end to end: $(awk -v t="$(median_s this.run)" 'BEGIN {printf "%.0f", 10000 / t}') orders/s wall," \
  "$(awk -v t="$(median_cpu this.run)" 'BEGIN {printf "%.0f", 10000 / t}') orders per CPU-second" \
  "(goal >= 5000/s); run's report = judge's: $same"
if [[ -n $BASELINE ]]; then
  base_same=$(cmp -s "$WORK/this.judge.json" "$WORK/base.judge.json" && echo yes || echo NO)
  for c in validate judge run; do
    row "baseline: $c" "$(median_s base.$c)" "$(median_cpu base.$c)" "$(peak_mb base.$c)" ""
  done
  echo "speed-up baseline/this: validate $(ratio "$(median_s base.validate)" "$(median_s this.validate)")x" \
    "judge $(ratio "$(median_s base.judge)" "$(median_s this.judge)")x" \
    "run $(ratio "$(median_s base.run)" "$(median_s this.run)")x (CPU: validate" \
    "$(ratio "$(median_cpu base.validate)" "$(median_cpu this.validate)")x judge" \
    "$(ratio "$(median_cpu base.judge)" "$(median_cpu this.judge)")x run" \
    "$(ratio "$(median_cpu base.run)" "$(median_cpu this.run)")x); same judge report as baseline: $base_same"
fi

# simulate: one process, and four shards merged when this build can merge.
echo "\$ tracksim simulate --orders $SIM_ORDERS --seed 1 --faults all=0.03"
timed sim "$TRACKSIM" simulate --orders "$SIM_ORDERS" --seed 1 --faults all=0.03
echo "simulate one process: $(median_s sim) s ($(median_cpu sim) s CPU), $(peak_mb sim) MB," \
  "$(awk -v n="$SIM_ORDERS" -v t="$(median_s sim)" 'BEGIN {printf "%.0f", n / t}') orders/s"
if "$TRACKSIM" --help | grep -qE '^ +merge '; then
  "$TRACKSIM" simulate --orders "$SIM_ORDERS" --seed 1 --faults all=0.03 >"$WORK/one.txt"
  start=$(date +%s.%N)
  for k in 1 2 3 4; do
    "$TRACKSIM" simulate --orders "$SIM_ORDERS" --seed 1 --faults all=0.03 --shard "$k/4" \
      --json "$WORK/shard$k.json" >/dev/null &
  done
  wait
  "$TRACKSIM" merge "$WORK"/shard{1,2,3,4}.json >"$WORK/merged.txt"
  end=$(date +%s.%N)
  echo "simulate 4 shards + merge: $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') s;" \
    "merged = one process: $(cmp -s "$WORK/one.txt" "$WORK/merged.txt" && echo yes || echo NO)"
else
  echo "simulate shards: this build has no 'tracksim merge' (issue 14, deliverable 4)"
fi

if ((BIG)); then
  echo "\$ tracksim generate --seed 77 --orders 1000000 --faults all=0.03 -o p1m.yaml; tracksim validate p1m.yaml"
  "$TRACKSIM" generate --seed 77 --orders 1000000 --faults all=0.03 -o "$WORK/p1m.yaml" >/dev/null
  timed big "$TRACKSIM" validate "$WORK/p1m.yaml"
  echo "1M-order file ($(du -m "$WORK/p1m.yaml" | cut -f1) MB): validate $(median_s big) s ($(median_cpu big) s CPU)," \
    "peak $(peak_mb big) MB (goal < 2048 MB)"
  rm -f "$WORK/p1m.yaml"
fi

if ((HTTP)); then
  echo "\$ tests/bench/http_bench.sh --quick"
  "$BENCH_DIR/http_bench.sh" --quick | grep -E "medians|tracksim/nginx" || true
fi
