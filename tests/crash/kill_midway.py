#!/usr/bin/env python3
"""Kills tracksim runs with SIGKILL at random points and checks that every file they write is
either the old one or the new one, whole (issue 12, deliverable 6).

Each writer below runs once to completion to learn its new bytes and how long it takes; then
ROUNDS runs start over an old file and are killed after a random delay in [0.2, 1.2] times that.
After each kill the file must equal the old bytes or the new bytes exactly. Temporary files a
kill leaves (".NAME.tmp-XXXXXX") are allowed and counted, never the target half-written.

usage: kill_midway.py TRACKSIM SOURCE_DIR WORK_DIR [ROUNDS] [SEED]
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time


def writers(src, work):
    """(name, target path, argv without the binary) of every command that writes a file."""
    pop = os.path.join(src, "scenarios/ship_timeout")
    replay = os.path.join(src, "scenarios/disputes/replay/sf_presale_in_time")
    out = lambda name: os.path.join(work, name)
    return [
        ("judge --json", out("report.json"), ["judge", pop, "--json", out("report.json")]),
        ("judge --junit", out("report.xml"), ["judge", pop, "--junit", out("report.xml")]),
        ("judge --html", out("report.html"), ["judge", pop, "--html", out("report.html")]),
        ("generate -o", out("generated.yaml"),
         ["generate", "--orders", "3000", "--seed", "7", "-o", out("generated.yaml")]),
        ("replay --emit", out("emitted.yaml"),
         ["replay", "--order", replay + ".order.yaml", "--track", replay + ".json",
          "--emit", out("emitted.yaml")]),
    ]


def run(binary, argv):
    subprocess.run([binary] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)


def main():
    binary, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 12)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = 0
    for name, target, argv in writers(src, work):
        old = ("old content of " + name + "\n").encode() * 1000
        started = time.monotonic()
        run(binary, argv)
        took = time.monotonic() - started
        with open(target, "rb") as f:
            new = f.read()
        if not new or new == old:
            print(f"FAIL {name}: the complete run wrote nothing usable")
            failures += 1
            continue
        seen = {"old": 0, "new": 0}
        for _ in range(rounds):
            with open(target, "wb") as f:
                f.write(old)
            proc = subprocess.Popen([binary] + argv, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(took * 0.2, took * 1.2))
            proc.send_signal(signal.SIGKILL)  # this process started it: its own pid
            proc.wait()
            with open(target, "rb") as f:
                got = f.read()
            if got == old:
                seen["old"] += 1
            elif got == new:
                seen["new"] += 1
            else:
                print(f"FAIL {name}: after SIGKILL the file is neither old nor new "
                      f"({len(got)} bytes; old {len(old)}, new {len(new)})")
                failures += 1
        leftovers = [e for e in os.listdir(work) if ".tmp-" in e]
        for e in leftovers:
            os.remove(os.path.join(work, e))
        print(f"ok   {name}: {rounds} kills, {seen['old']} old, {seen['new']} new, "
              f"{len(leftovers)} temporary files left by kills; full run {took:.2f} s")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
