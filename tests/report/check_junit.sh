#!/usr/bin/env bash
# Validates `tracksim judge --junit` with a real consumer: xmllint (libxml2-utils) against the
# Jenkins JUnit schema (junit.xsd beside this script), for scenarios/ plus a failing scenario.
# Usage: check_junit.sh TRACKSIM SOURCE_DIR
set -euo pipefail
tracksim=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
set +e
"$tracksim" judge "$src/scenarios" "$src/tests/report/failing.yaml" --no-color --seed 7 \
  --junit "$out/junit.xml" --jobs 1 >"$out/table.txt" 2>&1
code=$?
set -e
if [[ $code -ne 1 ]]; then
  echo "expected exit 1 (the failing scenario), got $code"; cat "$out/table.txt"; exit 1
fi
xmllint --noout --schema "$src/tests/report/junit.xsd" "$out/junit.xml"
failures=$(xmllint --xpath 'string(/testsuites/@failures)' "$out/junit.xml")
tests=$(xmllint --xpath 'string(/testsuites/@tests)' "$out/junit.xml")
cases=$(xmllint --xpath 'count(//testcase)' "$out/junit.xml")
failed_cases=$(xmllint --xpath 'count(//testcase[failure])' "$out/junit.xml")
echo "junit: $tests tests, $failures failures ($cases testcases, $failed_cases with <failure>)"
[[ $failures == 1 && $failed_cases == 1 && $tests == "$cases" && $tests -gt 1 ]]
xmllint --xpath "string(//testcase[failure]/@name)" "$out/junit.xml" \
  | grep -q '故意失败 <late & "strict">'
xmllint --xpath 'string(//testcase/failure)' "$out/junit.xml" | grep -q 'expected ok, got violated'
xmllint --xpath 'string(//testsuite[testcase/failure]/properties/property[@name="replay"]/@value)' \
  "$out/junit.xml" | grep -q "tracksim judge $src/tests/report/failing.yaml --seed 7"
echo "junit: valid against junit.xsd (Jenkins xUnit junit-10 structure)"
