#!/usr/bin/env bash
# Mutation check of the rule engine: for each mutant in harness/rules/engine.cc (the
# `#ifdef TRACKSIM_MUTANT_<NAME>` blocks), build it (Release, only the engine's consumers), run
# the unit tests, the property tests and `tracksim judge scenarios/`, and report whether any of
# them failed (killed) or all passed (survived). Exits non-zero unless every mutant is killed.
#
#   tests/mutation/run.sh           all mutants (~1 min each after a first full build)
#   tests/mutation/run.sh --fast    4 mutants, for CI
#   JOBS=2 tests/mutation/run.sh    build parallelism (default 1: the machines are shared)
#
# One build dir, build/mutant, is reconfigured per mutant: TRACKSIM_MUTANT changes only the
# compile definitions of engine.cc, so each mutant recompiles one file and relinks, instead of a
# whole tree per mutant. Logs: build/mutant/logs/<NAME>.*.log.
set -uo pipefail
cd "$(dirname "$0")/../.."

all=(DEADLINE_EXCLUSIVE VIOLATED_AT_DEADLINE ANCHORS_SWAPPED SHIPPED_AT_UPLOAD CUTOFF_INCLUSIVE
     NO_REPEATED_SCANS ROUND_DOWN NO_MINIMUM NO_CAP UTC_DAY_BOUNDARY INFO_RECEIVED_IS_PICKUP
     IGNORE_VISIBILITY LINEHAUL_HUB_ONLY TOTAL_NOT_SUM)
fast=(DEADLINE_EXCLUSIVE VIOLATED_AT_DEADLINE UTC_DAY_BOUNDARY ROUND_DOWN)
mutants=("${all[@]}")
[[ "${1:-}" == "--fast" ]] && mutants=("${fast[@]}")

build=build/mutant
logs="$build/logs"
jobs="${JOBS:-1}"
mkdir -p "$logs"
# Counterexamples of failing properties land here, not in the shared TMPDIR.
export TMPDIR="$PWD/$build/tmp"
mkdir -p "$TMPDIR"

# Builds the engine with mutant $1 ("" = the real engine); returns non-zero on a build failure.
build_with() {
  local name="${1:-baseline}"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRACKSIM_BUILD_BENCH=OFF \
    -DTRACKSIM_MUTANT="$1" >"$logs/$name.configure.log" 2>&1 &&
    cmake --build "$build" -j"$jobs" --target tracksim_unit_tests tracksim_property_tests tracksim \
      >"$logs/$name.build.log" 2>&1
}

# Runs the three suites; prints the names of those that failed (empty: all passed).
run_suites() {
  local name="${1:-baseline}" failed=()
  "$build/tests/tracksim_unit_tests" --gtest_brief=1 >"$logs/$name.unit.log" 2>&1 || failed+=(unit)
  "$build/tests/tracksim_property_tests" --gtest_brief=1 >"$logs/$name.property.log" 2>&1 ||
    failed+=(property)
  "$build/tracksim" judge scenarios --no-color >"$logs/$name.scenarios.log" 2>&1 ||
    failed+=(scenarios)
  echo "${failed[*]:-}"
}

echo "baseline: building the real engine in $build ..."
if ! build_with ""; then
  echo "baseline build failed; see $logs/baseline.build.log" >&2
  exit 2
fi
baseline_failed="$(run_suites "")"
if [[ -n "$baseline_failed" ]]; then
  echo "baseline fails ($baseline_failed) without any mutant; see $logs/baseline.*.log" >&2
  exit 2
fi

killed=0
rows=()
for m in "${mutants[@]}"; do
  start=$SECONDS
  if ! build_with "$m"; then
    rows+=("$(printf '%-26s %-9s %s' "$m" "error" "build failed, see $logs/$m.build.log")")
    continue
  fi
  failed="$(run_suites "$m")"
  if [[ -n "$failed" ]]; then
    killed=$((killed + 1))
    rows+=("$(printf '%-26s %-9s %-28s %4ss' "$m" killed "$failed" $((SECONDS - start)))")
  else
    rows+=("$(printf '%-26s %-9s %-28s %4ss' "$m" SURVIVED "-" $((SECONDS - start)))")
  fi
  echo "${rows[-1]}"
done

# Leave the build dir on the real engine.
build_with "" || true

echo
printf '%-26s %-9s %-28s %5s\n' MUTANT RESULT "KILLED BY" TIME
printf '%s\n' "${rows[@]}"
total=${#mutants[@]}
echo "mutation score: $killed/$total ($((100 * killed / total))%)"
[[ $killed -eq $total ]]
