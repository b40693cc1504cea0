#!/usr/bin/env bash
# Builds the Debian package from a configured and built tree (BUILD_DIR), then checks what a user
# installing it gets: the file name tracksim_<version>_<arch>.deb, declared dependencies on the
# shared libraries it links, `tracksim --version`, the rulesets and schema, and the scenario suite
# judged over HTTP from its installed location. Unpacks with dpkg-deb -x: the machine is untouched.
# Usage: tests/install/check_package.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "check_package: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
  { tail -20 "$tmp/cpack.log" >&2; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
deb="$tmp/pkg/tracksim_${version}_${arch}.deb"
[[ -f "$deb" ]] || fail "expected $deb; cpack wrote: $(ls "$tmp/pkg")"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml-cpp libstdc++6 libc6; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: '$depends'"
done

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/tracksim"
share="$root/usr/share/tracksim"
[[ -x "$bin" ]] || fail "no usr/bin/tracksim in the package"
"$bin" --version | grep -q "^tracksim ${version} (commit " || fail "--version: $("$bin" --version)"
for f in rulesets/douyin-2023.yaml rulesets/douyin-2026.yaml scenarios/schema/scenario.schema.json; do
  [[ -f "$share/$f" ]] || fail "no usr/share/tracksim/$f in the package"
done

# The installed scenario suite, judged over HTTP against the embedded mock carrier.
(cd "$tmp" && "$bin" run "$share/scenarios" --no-color --json "$tmp/report.json" >"$tmp/run.txt") ||
  { tail -20 "$tmp/run.txt" >&2; fail "tracksim run on the installed scenarios failed"; }
grep -q '"failed": 0' "$tmp/report.json" || fail "the installed suite did not pass"
echo "check_package: $(basename "$deb") ok ($(grep -c . "$tmp/run.txt") lines of verdicts; Depends: $depends)"
