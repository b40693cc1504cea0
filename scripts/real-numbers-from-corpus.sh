#!/usr/bin/env bash
# Prints the rows for tests/data/real_numbers.tsv from trace corpora: for every *.labels.tsv under
# the given folders, its "# carrier:" and "# number:" lines and where it was found. Labels whose
# number is unknown ("-", "(unknown; ...)") are left out. Review, then append the rows by hand.
set -euo pipefail
for dir in "$@"; do
  find "$dir" -name '*.labels.tsv' | sort | while read -r file; do
    carrier=$(sed -n 's/^# carrier: *//p' "$file" | head -n 1)
    number=$(sed -n 's/^# number: *//p' "$file" | head -n 1)
    [[ "$number" =~ ^[0-9A-Z]+$ ]] || continue
    printf '%s\t%s\t%s\n' "$carrier" "$number" "$(basename "$dir")/${file#"$dir"/}"
  done
done
