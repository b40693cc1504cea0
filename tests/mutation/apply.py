#!/usr/bin/env python3
"""Applies one mutant of tests/mutation/mutants.tsv to a copy of the source tree.

Usage: apply.py MUTANTS.tsv SOURCE_ROOT COPY_ROOT NAME   (NAME "baseline": restore only)
Restores every file any mutant touches from SOURCE_ROOT into COPY_ROOT, then replaces, in the
copy, each row's text of NAME (it must occur exactly once). Exits 2, saying why, when a row does
not apply: a mutant that silently changed nothing would count as a survivor.
"""
import shutil
import sys


def rows(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                sys.exit(f"{path}:{number}: expected 5 tab-separated columns, got {len(cols)}")
            name, file, old, new, _ = cols
            yield number, name, file, old.replace("\\n", "\n"), new.replace("\\n", "\n")


def main():
    table, source, copy, name = sys.argv[1:5]
    all_rows = list(rows(table))
    for file in {r[2] for r in all_rows}:
        shutil.copyfile(f"{source}/{file}", f"{copy}/{file}")
    if name == "baseline":
        return
    mine = [r for r in all_rows if r[1] == name]
    if not mine:
        sys.exit(f"{table}: no mutant named {name}")
    for number, _, file, old, new in mine:
        with open(f"{copy}/{file}", encoding="utf-8") as f:
            text = f.read()
        found = text.count(old)
        if found != 1:
            print(f"{table}:{number}: {name}: the text is in {file} {found} times, not once",
                  file=sys.stderr)
            sys.exit(2)
        with open(f"{copy}/{file}", "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))


if __name__ == "__main__":
    main()
