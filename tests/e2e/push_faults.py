#!/usr/bin/env python3
"""Each push fault against `tracksim serve` with a receiver on loopback (docs/push.md): drop,
delay (virtual time), reorder, bad_sign (a verifying receiver rejects it and takes the retry),
duplicate through the admin API, and storm from the scenario file's push_faults.

Usage: push_faults.py TRACKSIM SCENARIO.yaml
"""
import json
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kuaidi100_push import (KEY, SALT, Receiver, admin, check, md5_upper,  # noqa: E402
                            subscribe_like_demo, wait_idle)


class VerifyingReceiver(Receiver):
    """Rejects (HTTP 500) a push whose sign does not verify, like a careful platform."""

    def __init__(self):
        super().__init__(verify_salt=SALT)

    def of(self, path_prefix):
        return [f for f in super().of(path_prefix)
                if "sign" not in f or f["sign"] == md5_upper(f["param"] + SALT)]


def scans(form):
    return len(json.loads(form["param"])["lastResult"]["data"])


def run(base, rx):
    num = {k: "SF123456789030%d" % i for i, k in enumerate(
        ["drop", "delay", "reorder", "bad_sign", "storm"], start=1)}
    admin(base, "/__admin/push-faults", [
        {"kind": "drop", "number": num["drop"], "probability": 1},
        {"kind": "delay", "number": num["delay"], "delay": "6h"},
        {"kind": "reorder", "number": num["reorder"]},
        {"kind": "bad_sign", "number": num["bad_sign"]},
        {"kind": "storm", "number": num["storm"], "count": 3},
    ])
    for kind, n in num.items():
        r = subscribe_like_demo(base, "shunfeng", n, rx.url + "/" + kind, SALT)
        check(r["returnCode"] == "200", "subscribe %s: %r" % (kind, r))
    admin(base, "/__admin/clock", {"advance": "2h"})  # the pickups: one change each
    wait_idle(base)
    j = admin(base, "/__admin/pushes")
    check(rx.of("/drop") == [], "drop: nothing arrives")
    check([e["outcome"] for e in j["pushes"] if e["nu"] == num["drop"]] == ["dropped"],
          "drop: journaled as dropped")
    check(rx.of("/delay") == [] and j["scheduled"] >= 1, "delay: not yet (virtual time)")
    check(rx.of("/reorder") == [] and j["held"] == 1, "reorder: held back")
    bad = [f for p, f in rx.pushes if p == "/bad_sign"]
    check(len(bad) >= 1 and bad[0]["sign"] != md5_upper(bad[0]["param"] + SALT),
          "bad_sign: the first sign does not verify")
    check(len(rx.of("/storm")) == 3 and len({f["param"] for f in rx.of("/storm")}) == 1,
          "storm: 3 copies of one push")

    # The rejected attempt's retry was due at +1h30m, already past: it went out at once, signed.
    check([scans(f) for f in rx.of("/bad_sign")] == [1], "bad_sign: the retry verifies")

    admin(base, "/__admin/clock", {"advance": "6h"})  # the delayed push is due
    wait_idle(base)
    check([scans(f) for f in rx.of("/delay")] == [1], "delay: arrives 6 virtual hours late")
    e = [e for e in admin(base, "/__admin/pushes")["pushes"] if e["nu"] == num["delay"]]
    check(e[0]["virtual_time"] == "2023-02-01T17:00:00+08:00", "delay: at +1h+6h: %r" % e)

    admin(base, "/__admin/clock", {"advance": "20h"})  # deliveries: shutdown pushes
    wait_idle(base)
    order = [(json.loads(f["param"])["status"], scans(f)) for f in rx.of("/reorder")]
    check(order == [("shutdown", 2), ("polling", 1)], "reorder: the older arrives last: %r" % order)
    check(len(rx.of("/storm")) == 6, "storm: every push 3 times")
    check(admin(base, "/__admin/pushes")["subscriptions"] == 0, "every subscription ended")

    # The scenario file's push_faults come back with a reset.
    admin(base, "/__admin/reset", {})
    check(admin(base, "/__admin/push-faults")["push_faults"] == ["storm"], "scenario push_faults")


def main():
    tracksim, scenario = sys.argv[1], sys.argv[2]
    rx = VerifyingReceiver()
    server = subprocess.Popen([tracksim, "serve", "--scenario", scenario, "--seed", "7",
                               "--kuaidi100-key", KEY],
                              stdout=subprocess.PIPE, text=True)
    try:
        base = server.stdout.readline().strip().rstrip("/")
        run(base, rx)
        print("push faults e2e: ok")
        return 0
    finally:
        server.terminate()  # by its pid
        server.wait(timeout=10)
        rx.server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
