#!/bin/sh
# Runs a command against the example engine served over HTTP: starts ENGINE --http [ARGS...],
# reads the URL it prints, runs COMMAND with every {URL} replaced by it, stops the engine by its
# pid and exits with COMMAND's status.
# Usage: with_http_engine.sh ENGINE [ENGINE_ARGS...] -- COMMAND...
set -u
engine=$1
shift
engine_args=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do engine_args="$engine_args $1"; shift; done
[ $# -gt 0 ] && shift
dir=$(mktemp -d)
mkfifo "$dir/in" "$dir/out"
# The engine exits when its stdin (a fifo we hold open) closes; its first line is its URL.
# shellcheck disable=SC2086
"$engine" --http $engine_args <"$dir/in" >"$dir/out" &
pid=$!
exec 3>"$dir/in" 4<"$dir/out"
read -r url <&4
if [ -z "$url" ]; then
  echo "with_http_engine.sh: the engine printed no URL" >&2
  kill "$pid" 2>/dev/null
  exit 2
fi
cmd=""
for a in "$@"; do
  a=$(printf '%s' "$a" | sed "s|{URL}|$url|g")
  cmd="$cmd '$a'"
done
eval "$cmd"
rc=$?
exec 3>&- 4<&-
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rm -rf "$dir"
exit $rc
