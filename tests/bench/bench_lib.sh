# shellcheck shell=bash
# Shared helpers of the HTTP benchmarks (sourced, not run): tool installation, process
# bookkeeping (every process started here is stopped by its own pid, also on failure), tracksim
# start-up, wrk parsing and medians. Loopback only.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/../.." && pwd)
TRACKSIM=${TRACKSIM:-$REPO_DIR/build/release/tracksim}
CACHE_DIR=${TRACKSIM_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracksim-bench}
WIREMOCK_VERSION=3.13.2

BENCH_PIDS=()
WORK=$(mktemp -d -t tracksim-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers may run as another user

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# Stops every process this script started, each by its own pid, then removes the temp dir.
bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null || true
    fi
  done
  BENCH_PIDS=()
  [[ -n ${KEEP_WORK:-} ]] || rm -rf "$WORK"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# Stops one process started here (by pid) and forgets it.
stop_pid() {
  local pid=$1 kept=() p
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  for p in "${BENCH_PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

need_apt() {  # need_apt COMMAND PACKAGE
  command -v "$1" >/dev/null && return
  echo "installing $2 (apt-get)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; } ||
    die "cannot install $2"
}

# Prints the path of the WireMock standalone jar, installing the npm package into the cache.
wiremock_jar() {
  local jar=$CACHE_DIR/wiremock/node_modules/wiremock/build/wiremock-standalone-$WIREMOCK_VERSION.jar
  if [[ ! -f $jar ]]; then
    command -v npm >/dev/null || die "npm is needed to fetch WireMock"
    mkdir -p "$CACHE_DIR/wiremock"
    echo "installing wiremock@$WIREMOCK_VERSION (npm) into $CACHE_DIR/wiremock" >&2
    (cd "$CACHE_DIR/wiremock" &&
      npm install --no-audit --no-fund --ignore-scripts "wiremock@$WIREMOCK_VERSION" >/dev/null) ||
      die "npm install wiremock failed"
  fi
  [[ -f $jar ]] || die "no jar at $jar"
  echo "$jar"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_http URL [SECONDS]: until URL answers at all.
wait_http() {
  local deadline=$((SECONDS + ${2:-30}))
  until curl -s -o /dev/null "$1"; do
    ((SECONDS < deadline)) || die "no answer from $1"
    sleep 0.2
  done
}

# start_tracksim ARGS...: starts `tracksim serve --port 0 ARGS`, sets TRACKSIM_PID and TRACKSIM_URL.
start_tracksim() {
  [[ -x $TRACKSIM ]] || die "no tracksim at $TRACKSIM (build it, or set TRACKSIM=)"
  local out=$WORK/tracksim.$RANDOM.out
  "$TRACKSIM" serve --host 127.0.0.1 --port 0 "$@" >"$out" 2>"$out.err" &
  TRACKSIM_PID=$!
  BENCH_PIDS+=("$TRACKSIM_PID")
  local deadline=$((SECONDS + 600))  # a million parcels take a while to load
  until [[ -s $out ]]; do
    kill -0 "$TRACKSIM_PID" 2>/dev/null || die "tracksim serve exited: $(cat "$out.err")"
    ((SECONDS < deadline)) || die "tracksim serve printed no URL"
    sleep 0.1
  done
  TRACKSIM_URL=$(head -1 "$out")
  TRACKSIM_URL=${TRACKSIM_URL%/}
}

# rss_kb PID FIELD: VmRSS or VmHWM of a process, in kB.
rss_kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }

# wrk_rps FILE: Requests/sec of a wrk report.
wrk_rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
wrk_total() { awk '/requests in/ {print $1}' "$1"; }
wrk_non2xx() { awk '/Non-2xx or 3xx responses:/ {print $NF} END {}' "$1" | tail -1; }
wrk_errors() { grep -E '^ *Socket errors' "$1" || true; }

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
