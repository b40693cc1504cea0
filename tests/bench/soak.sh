#!/usr/bin/env bash
# Soak of the mock carrier under HTTP faults.
#
#   tests/bench/soak.sh [--minutes M] [--seconds S] [--connections C] [--threads T]
#                       [--warmup S] [--tolerance PCT]
#
# Starts tracksim serve (clock x3600, so the seeded per-second fault draws change between
# requests) with 100 parcels of 8 scans, switches on 5% server_error, 2% rate_limit and
# 1% truncate, and runs wrk at c=64 for M minutes (default 5) over the 100 numbers, sampling
# VmRSS every 10 s. Checks at the end, exit 1 when one fails:
#   - the server is alive and still answers;
#   - RSS is stable: the last sample within PCT% (default 10) of the first sample after warm-up
#     (default: a fifth of the run, at most 60 s);
#   - every request is in the journal: its total counter (GET /__admin/requests "total", which
#     counts entries the bounded ring dropped) equals wrk's completed requests, plus at most the
#     C requests wrk had in flight when it stopped (answered by the server, not counted by wrk);
#   - the faults did fire (5xx and 429 seen in the journal's last entries) and wrk saw no
#     socket timeouts.
# Installs wrk when missing. Not a CI test.
set -euo pipefail
source "$(dirname "$0")/bench_lib.sh"

SECONDS_RUN=300 CONNECTIONS=64 THREADS=2 WARMUP="" TOLERANCE=10 SAMPLE=10
while (($#)); do
  case $1 in
    --minutes) SECONDS_RUN=$(($2 * 60)); shift ;;
    --seconds) SECONDS_RUN=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --tolerance) TOLERANCE=$2; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
[[ -n $WARMUP ]] || WARMUP=$((SECONDS_RUN / 5 < 60 ? SECONDS_RUN / 5 : 60))
need_apt wrk wrk

# 100 parcels, the bench parcel's timeline under 100 numbers.
{
  sed -n '/^name:/,/^parcels:/p' "$BENCH_DIR/bench_parcel.yaml" | sed 's/^name:.*/name: soak parcels/'
  for i in $(seq 0 99); do
    printf -v number 'SF%013d' $((1000000000000 + i))
    sed -n '/^  - carrier:/,$p' "$BENCH_DIR/bench_parcel.yaml" | sed "s/SF1234567890123/$number/"
  done
} >"$WORK/soak.yaml"
cat >"$WORK/soak.lua" <<'EOF'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", string.format("/track/sf/SF%013d", 1000000000000 + i % 100))
end
EOF

start_tracksim --scenario "$WORK/soak.yaml" --clock x3600 --seed 7
curl -sf -XPOST "$TRACKSIM_URL/__admin/clock" -d '{"advance":"3d"}' >/dev/null
curl -sf -XPOST "$TRACKSIM_URL/__admin/faults" -d '[
  {"kind": "server_error", "probability": 0.05, "status": 503},
  {"kind": "rate_limit", "probability": 0.02, "retry_after": "1s"},
  {"kind": "truncate", "probability": 0.01}]' >/dev/null
curl -sf -XDELETE "$TRACKSIM_URL/__admin/requests" >/dev/null
echo "soak: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s against $TRACKSIM_URL (100 numbers," \
  "faults 5% server_error, 2% rate_limit, 1% truncate); RSS every ${SAMPLE}s, warm-up ${WARMUP}s"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" -s "$WORK/soak.lua" "$TRACKSIM_URL/" \
  >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!
BENCH_PIDS+=("$WRK_PID")
start=$SECONDS
samples=() baseline=""
while kill -0 "$WRK_PID" 2>/dev/null; do
  elapsed=$((SECONDS - start))
  kill -0 "$TRACKSIM_PID" 2>/dev/null || break
  rss=$(rss_kb "$TRACKSIM_PID" VmRSS)
  samples+=("$rss")
  [[ -z $baseline && $elapsed -ge $WARMUP ]] && baseline=$rss
  printf 't=%4ds  VmRSS %7d kB\n' "$elapsed" "$rss"
  next=$((start + (elapsed / SAMPLE + 1) * SAMPLE))  # on the wall, not on loop iterations
  while ((SECONDS < next)) && kill -0 "$WRK_PID" 2>/dev/null; do sleep 0.5; done
done
wait "$WRK_PID" || true
BENCH_PIDS=("${BENCH_PIDS[@]/$WRK_PID/}")
cat "$WORK/wrk.out"

fail=0
check() {  # check OK MESSAGE
  if [[ $1 == 1 ]]; then echo "PASS $2"; else echo "FAIL $2"; fail=1; fi
}
alive=0
kill -0 "$TRACKSIM_PID" 2>/dev/null && curl -sf "$TRACKSIM_URL/__admin/clock" >/dev/null && alive=1
check $alive "server alive and answering after the soak"
if ((alive)); then
  last=$(rss_kb "$TRACKSIM_PID" VmRSS)
  hwm=$(rss_kb "$TRACKSIM_PID" VmHWM)
  [[ -n $baseline ]] || baseline=${samples[-1]:-$last}
  ok=$(awk -v a="$baseline" -v b="$last" -v t="$TOLERANCE" 'BEGIN {print (b <= a * (1 + t / 100)) ? 1 : 0}')
  check "$ok" "RSS stable: ${baseline} kB after warm-up, ${last} kB at the end (VmHWM ${hwm} kB, tolerance ${TOLERANCE}%)"
  curl -sf "$TRACKSIM_URL/__admin/requests" -o "$WORK/journal.json"
  journal=$(jq '.total' "$WORK/journal.json")
  total=$(wrk_total "$WORK/wrk.out")
  ok=$(( journal >= total && journal - total <= CONNECTIONS ? 1 : 0 ))
  check $ok "journal total $journal vs wrk's $total completed requests (in flight at stop: $((journal - total)), at most $CONNECTIONS)"
  read -r n s5 s429 s200 < <(jq -r '[.requests | length, (map(select(.status >= 500)) | length),
    (map(select(.status == 429)) | length), (map(select(.status == 200)) | length)] | @tsv' \
    "$WORK/journal.json")
  ok=$(( s5 > 0 && s429 > 0 ? 1 : 0 ))
  check $ok "faults fired in the last $n journal entries: 5xx $s5, 429 $s429, 200 $s200"
fi
timeouts=$(awk '/Socket errors/ {for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i + 1)}' "$WORK/wrk.out")
ok=$(( ${timeouts:-0} == 0 ? 1 : 0 ))
check $ok "no socket timeouts (wrk: $(wrk_errors "$WORK/wrk.out" | tr -s ' ' || true))"
exit $fail
