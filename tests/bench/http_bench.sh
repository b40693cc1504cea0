#!/usr/bin/env bash
# HTTP throughput of the mock carrier against nginx and WireMock serving the very same body.
#
#   tests/bench/http_bench.sh [--quick] [--duration S] [--warmup S] [--reps N]
#                             [--wiremock-warmup S] [--connections C] [--threads T]
#
# tracksim serve loads tests/bench/bench_parcel.yaml (one parcel, 8 scans), its clock is advanced
# until every scan is visible and the JSON of GET /track/sf/SF1234567890123 (~1.5 KB) is captured.
# nginx (one worker, the body as a static file) and WireMock 3.13.2 (one stub) then serve that
# exact body (WireMock as an inline stub body), and each of the three gets `wrk -tT -cC -dS` with keep-alive after a warm-up run,
# REPS times, round-robin so that noise from other work on the machine spreads over all three.
# Prints each run, the medians and the ratios tracksim/WireMock (goal >= 3) and tracksim/nginx
# (goal >= 0.6). Installs wrk, nginx-light (apt) and WireMock (npm) when missing. Not a CI test.
set -euo pipefail
source "$(dirname "$0")/bench_lib.sh"

DURATION=30 WARMUP=5 WM_WARMUP=30 REPS=3 CONNECTIONS=32 THREADS=1
while (($#)); do
  case $1 in
    --quick) DURATION=3 WARMUP=1 WM_WARMUP=10 ;;
    --wiremock-warmup) WM_WARMUP=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --reps) REPS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done

need_apt wrk wrk
need_apt nginx nginx-light
command -v java >/dev/null || die "WireMock needs a JDK (java) on PATH"
JAR=$(wiremock_jar)
TRACK_PATH=/track/sf/SF1234567890123

# --- tracksim -------------------------------------------------------------------------------
start_tracksim --scenario "$BENCH_DIR/bench_parcel.yaml"
curl -sf -XPOST "$TRACKSIM_URL/__admin/clock" -d '{"advance":"3d"}' >/dev/null
curl -sf "$TRACKSIM_URL$TRACK_PATH" -o "$WORK/body.json"
scans=$(jq '.data | length' "$WORK/body.json")
[[ $scans == 8 ]] || die "expected 8 visible scans, got $scans"
echo "body: $(wc -c <"$WORK/body.json") bytes, $scans scans"

# --- nginx: one worker, the body as a static file ---------------------------------------------
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/root/track/sf" "$WORK/nginx/tmp"
cp "$WORK/body.json" "$WORK/nginx/root$TRACK_PATH"
chmod -R a+rX "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/root;
    default_type "application/json; charset=utf-8";
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" 2>"$WORK/nginx/stderr" &
NGINX_PID=$!
BENCH_PIDS+=("$NGINX_PID")
NGINX_URL=http://127.0.0.1:$NGINX_PORT
wait_http "$NGINX_URL$TRACK_PATH"

# --- WireMock: one stub mapping with the body -------------------------------------------------
WM_PORT=$(free_port)
mkdir -p "$WORK/wiremock/mappings" "$WORK/wiremock/__files"
cp "$WORK/body.json" "$WORK/wiremock/__files/body.json"
jq -n --arg url "$TRACK_PATH" --rawfile body "$WORK/body.json" '{request: {method: "GET", url: $url},
  response: {status: 200, body: $body,
             headers: {"Content-Type": "application/json; charset=utf-8"}}}' \
  >"$WORK/wiremock/mappings/track.json"
# The journal is bounded like tracksim's (100,000 entries) so that neither grows without limit.
java -jar "$JAR" --port "$WM_PORT" --bind-address 127.0.0.1 --disable-banner \
  --root-dir "$WORK/wiremock" --max-request-journal-entries 100000 \
  >"$WORK/wiremock/stdout" 2>&1 &
WM_PID=$!
BENCH_PIDS+=("$WM_PID")
WM_URL=http://127.0.0.1:$WM_PORT
wait_http "$WM_URL/__admin/mappings" 120

for target in NGINX WM; do
  url_var=${target}_URL
  curl -sf "${!url_var}$TRACK_PATH" -o "$WORK/$target.body"
  cmp -s "$WORK/body.json" "$WORK/$target.body" || die "$target serves a different body"
done
echo "all three serve the same body; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s," \
  "warm-up ${WARMUP}s (WireMock ${WM_WARMUP}s), $REPS repetitions (round-robin)"

declare -A RPS=([tracksim]="" [nginx]="" [wiremock]="")
declare -A URL=([tracksim]=$TRACKSIM_URL [nginx]=$NGINX_URL [wiremock]=$WM_URL)
NAMES=(tracksim nginx wiremock)

# WireMock's JIT needs far longer than the others to reach its pace (measured here: ~60 req/s in
# the first seconds, still climbing after 30 s on a loaded 2-core machine).
for name in "${NAMES[@]}"; do
  w=$WARMUP
  [[ $name == wiremock ]] && w=$WM_WARMUP
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${w}s" "${URL[$name]}$TRACK_PATH" >/dev/null
done
for rep in $(seq "$REPS"); do
  for name in "${NAMES[@]}"; do
    out=$WORK/wrk.$name.$rep
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${URL[$name]}$TRACK_PATH" >"$out"
    rps=$(wrk_rps "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    bad=$(wrk_non2xx "$out")
    printf 'rep %d %-9s %10s req/s  p99 %-8s non-2xx %s %s\n' "$rep" "$name" "$rps" "$p99" \
      "${bad:-0}" "$(wrk_errors "$out" | tr -s ' ')"
    [[ -z $bad ]] || die "$name answered non-2xx responses"
    RPS[$name]+="$rps "
  done
done

# shellcheck disable=SC2086
{
  t=$(median ${RPS[tracksim]}) n=$(median ${RPS[nginx]}) w=$(median ${RPS[wiremock]})
}
echo
echo "medians (req/s): tracksim $t  nginx $n  wiremock $w"
echo "tracksim/wiremock $(ratio "$t" "$w")x (goal >= 3)  tracksim/nginx $(ratio "$t" "$n")x (goal >= 0.6)"
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); other work on it disturbs absolute numbers)"
