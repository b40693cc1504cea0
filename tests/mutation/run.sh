#!/usr/bin/env bash
# Mutation check of the rule engine: for each mutant of tests/mutation/mutants.tsv (one-line
# plausible bugs; the real source never holds them), apply it to a copy of the source tree, build
# it (Release, only the engine's consumers), run the unit tests, the property tests and
# `tracksim judge scenarios/`, and report whether any of them failed (killed) or all passed
# (survived). Every step runs under a time and a memory limit: a mutant that hangs or explodes
# is killed by the limit and the table says so. Exits non-zero unless every mutant is killed.
#
#   tests/mutation/run.sh           all mutants (~1 min each after a first full build)
#   tests/mutation/run.sh --fast    4 mutants, for CI
#   JOBS=2 tests/mutation/run.sh    build parallelism (default 1: the machines are shared)
#   STEP_SECONDS=300 STEP_MEMORY_MB=4096 tests/mutation/run.sh    the limits of each step
#
# The copy (build/mutant/src, tracked files only) and its build dir (build/mutant/build) are kept
# between mutants: applying one changes one file, so ninja recompiles it and relinks instead of
# building a tree per mutant. Logs: build/mutant/logs/<NAME>.*.log.
set -uo pipefail
cd "$(dirname "$0")/../.."

table=tests/mutation/mutants.tsv
mapfile -t all < <(grep -v '^#' "$table" | cut -f1 | awk 'NF && !seen[$0]++')
fast=(DEADLINE_EXCLUSIVE VIOLATED_AT_DEADLINE UTC_DAY_BOUNDARY ROUND_DOWN)
mutants=("${all[@]}")
[[ "${1:-}" == "--fast" ]] && mutants=("${fast[@]}")

root=build/mutant
src="$root/src"
build="$root/build"
logs="$root/logs"
jobs="${JOBS:-1}"
step_seconds="${STEP_SECONDS:-300}"
step_memory_mb="${STEP_MEMORY_MB:-4096}"
mkdir -p "$logs" "$src"
# Counterexamples of failing properties land here, not in the shared TMPDIR.
export TMPDIR="$PWD/$root/tmp"
mkdir -p "$TMPDIR"

# A fresh copy of the tracked sources (files that are the same are not rewritten, so ninja keeps
# its work between runs).
git ls-files -z | xargs -0 cp --parents -u -t "$src"

# Runs "$@" under the step limits; prints "timeout" or "memory" when a limit stopped it.
limited() {
  local log=$1 rc
  shift
  (ulimit -v $((step_memory_mb * 1024)) && exec timeout -k 5 "$step_seconds" "$@") >"$log" 2>&1
  rc=$?
  if ((rc == 124 || rc == 137)); then
    echo "timeout"
  elif grep -q "std::bad_alloc\|out of memory\|Cannot allocate memory" "$log"; then
    echo "memory"
  fi
  return $rc
}

# Applies mutant $1 ("baseline" = none) and builds; returns non-zero on a failure.
build_with() {
  local name=$1
  python3 tests/mutation/apply.py "$table" . "$src" "$name" >"$logs/$name.apply.log" 2>&1 &&
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRACKSIM_BUILD_BENCH=OFF \
      >"$logs/$name.configure.log" 2>&1 &&
    cmake --build "$build" -j"$jobs" --target tracksim_unit_tests tracksim_property_tests tracksim \
      >"$logs/$name.build.log" 2>&1
}

# Runs the three suites; prints those that failed, each with the limit that stopped it if any
# ("unit(timeout)"); empty: all passed.
run_suites() {
  local name=$1 failed=() why
  why=$(limited "$logs/$name.unit.log" "$build/tests/tracksim_unit_tests" --gtest_brief=1) ||
    failed+=("unit${why:+($why)}")
  why=$(limited "$logs/$name.property.log" "$build/tests/tracksim_property_tests" --gtest_brief=1) ||
    failed+=("property${why:+($why)}")
  why=$(limited "$logs/$name.scenarios.log" "$build/tracksim" judge "$src/scenarios" --no-color) ||
    failed+=("scenarios${why:+($why)}")
  echo "${failed[*]:-}"
}

echo "baseline: building the real engine in $build ..."
if ! build_with baseline; then
  echo "baseline build failed; see $logs/baseline.*.log" >&2
  exit 2
fi
baseline_failed="$(run_suites baseline)"
if [[ -n "$baseline_failed" ]]; then
  echo "baseline fails ($baseline_failed) without any mutant; see $logs/baseline.*.log" >&2
  exit 2
fi

killed=0
rows=()
for m in "${mutants[@]}"; do
  start=$SECONDS
  if ! build_with "$m"; then
    rows+=("$(printf '%-26s %-9s %s' "$m" "error" "did not apply or build, see $logs/$m.*.log")")
    echo "${rows[-1]}"
    continue
  fi
  failed="$(run_suites "$m")"
  if [[ -n "$failed" ]]; then
    killed=$((killed + 1))
    rows+=("$(printf '%-26s %-9s %-34s %4ss' "$m" killed "$failed" $((SECONDS - start)))")
  else
    rows+=("$(printf '%-26s %-9s %-34s %4ss' "$m" SURVIVED "-" $((SECONDS - start)))")
  fi
  echo "${rows[-1]}"
done

# Leave the copy on the real engine.
build_with baseline || true

echo
printf '%-26s %-9s %-34s %5s\n' MUTANT RESULT "KILLED BY" TIME
printf '%s\n' "${rows[@]}"
total=${#mutants[@]}
echo "mutation score: $killed/$total ($((100 * killed / total))%)"
[[ $killed -eq $total ]]
