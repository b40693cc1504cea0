#!/usr/bin/env python3
"""Kuaidi100's published python demo (kuaidi100-api/python-demo: code/synquery.py,
code/subscribe.py, code/maptrack.py, and the push receiver their push document describes), done
again against `tracksim serve`: the same form fields and the same encoding (param is
json.dumps(...) with its ASCII escapes, the form url-encoded as requests encodes a dict), only the
base URL and the key changed. A receiver on loopback takes the pushes.

Usage: kuaidi100_push.py TRACKSIM SCENARIO.yaml
No real sleeps: the virtual clock is moved through the admin API and every wait is on a condition
with a deadline.
"""
import hashlib
import json
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "e2e-key"
CUSTOMER = "E2ECUSTOMER0123456789"
SALT = "e2e-salt-0123456789abcdef01234567"
DEADLINE_S = 20.0


def md5_upper(text):
    return hashlib.md5(text.encode()).hexdigest().upper()


def post_form(url, fields):
    """POSTs fields as requests.post(url, dict) does: application/x-www-form-urlencoded."""
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as r:
        return json.loads(r.read().decode())


def admin(base, path, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read().decode())


class Receiver:
    """Takes pushes on loopback; answers success, or HTTP 500 on paths under /fail and, with
    verify_salt, to a push whose sign does not verify."""

    def __init__(self, verify_salt=None):
        self.pushes = []  # (path, form)
        self.cond = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
                with outer.cond:
                    outer.pushes.append((self.path, form))
                    outer.cond.notify_all()
                forged = verify_salt is not None and "sign" in form and \
                    form["sign"] != md5_upper(form["param"] + verify_salt)
                if self.path.startswith("/fail") or forged:
                    body, status = b"oops", 500
                else:
                    body = json.dumps({"result": True, "returnCode": "200", "message": "成功"},
                                      ensure_ascii=False).encode()
                    status = 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, pred, what):
        end = time.monotonic() + DEADLINE_S
        with self.cond:
            while not pred(self.pushes):
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out waiting for " + what + "; got " +
                                         json.dumps(self.pushes, ensure_ascii=False)[:2000])
                self.cond.wait(left)

    def of(self, path_prefix):
        with self.cond:
            return [f for p, f in self.pushes if p.startswith(path_prefix)]


def wait_idle(base):
    """Until the server has looked at the clock's now and has nothing in flight or due."""
    end = time.monotonic() + DEADLINE_S
    while True:
        j = admin(base, "/__admin/pushes")
        if j["idle"]:
            return j
        if time.monotonic() > end:
            raise AssertionError("pushes never settled: " + json.dumps(j)[:2000])
        threading.Event().wait(0.01)  # a condition poll with a deadline, not a timed sleep


def check(cond, message):
    if not cond:
        raise AssertionError(message)


def subscribe_like_demo(base, com, num, callback, salt, key=KEY):
    # subscribe.py's param, field for field (salt None as in the demo: JSON null).
    param = {
        "company": com,
        "number": num,
        "from": "江门市",
        "to": "深圳市",
        "key": key,
        "parameters": {
            "callbackurl": callback,
            "salt": salt,
            "resultv2": "1",
            "autoCom": "0",
            "interCom": "0",
            "departureCountry": "",
            "departureCom": "",
            "destinationCountry": "",
            "destinationCom": "",
            "phone": "",
        },
    }
    return post_form(base + "/poll", {"schema": "json", "param": json.dumps(param)})


def signed_query(base, path, param):
    # synquery.py / maptrack.py: sign = upper MD5(param + key + customer).
    param_str = json.dumps(param)
    sign = md5_upper(param_str + KEY + CUSTOMER)
    return post_form(base + path, {"customer": CUSTOMER, "param": param_str, "sign": sign})


def run(base, rx):
    n1, n2, n3 = "SF1234567890123", "SF1234567890124", "SF1234567890125"
    # Subscription answers, as Kuaidi100 documents them.
    r = subscribe_like_demo(base, "shunfeng", n1, rx.url + "/kd100/callback?orderId=123", None)
    check(r == {"result": True, "returnCode": "200", "message": "提交成功"}, "subscribe: %r" % r)
    r = subscribe_like_demo(base, "shunfeng", n1, rx.url + "/kd100/callback", None)
    check(r["returnCode"] == "501" and r["result"] is False, "repeat: %r" % r)
    r = subscribe_like_demo(base, "shunfeng", n2, rx.url + "/signed", SALT, key="wrong")
    check(r["returnCode"] == "600", "bad key: %r" % r)
    r = subscribe_like_demo(base, "nosuchcarrier", n2, rx.url + "/signed", SALT)
    check(r["returnCode"] == "700", "unknown company: %r" % r)
    r = subscribe_like_demo(base, "shunfeng", n2, "", SALT)
    check(r["returnCode"] == "700", "missing callbackurl: %r" % r)
    r = subscribe_like_demo(base, "shunfeng", n2, "http://192.0.2.1/cb", SALT)
    check(r["returnCode"] == "700", "non-loopback callback: %r" % r)
    r = post_form(base + "/poll", {"schema": "json"})
    check(r["returnCode"] == "700", "missing param: %r" % r)
    check(subscribe_like_demo(base, "shunfeng", n2, rx.url + "/signed", SALT)["returnCode"] == "200",
          "salted subscribe")
    check(subscribe_like_demo(base, "shunfeng", n3, rx.url + "/fail", SALT)["returnCode"] == "200",
          "failing-receiver subscribe")
    wait_idle(base)
    check(rx.of("/") == [], "no push before anything is visible")

    # +2h: each pickup becomes visible; one push each.
    admin(base, "/__admin/clock", {"advance": "2h"})
    rx.wait_for(lambda p: len([x for x in p if x[0].startswith("/kd100")]) >= 1 and
                len([x for x in p if x[0] == "/signed"]) >= 1, "the first pushes")
    wait_idle(base)
    first = rx.of("/kd100")
    check(len(first) == 1, "one push for one change: %d" % len(first))
    check("sign" not in first[0], "no salt, no sign")
    p = json.loads(first[0]["param"])
    check(p["status"] == "polling", "status polling: %r" % p["status"])
    check(p["lastResult"]["nu"] == n1 and len(p["lastResult"]["data"]) == 1, "lastResult 1 scan")
    signed = rx.of("/signed")[0]
    check(signed["sign"] == md5_upper(signed["param"] + SALT), "sign = MD5(param + salt)")

    # The query API (synquery.py's fields) sees what the push carried.
    q = signed_query(base, "/poll/query.do",
                     {"com": "shunfeng", "num": n1, "phone": "", "from": "广东省江门市",
                      "to": "广东省深圳市", "resultv2": "1", "show": "0", "order": "desc"})
    check(q["message"] == "ok" and q["data"] == p["lastResult"]["data"], "query == push: %r" % q)

    # To the end: the hub scan (shown late, at +12h), out for delivery, delivered -> shutdown.
    admin(base, "/__admin/clock", {"advance": "40h"})
    rx.wait_for(lambda p: any(json.loads(f["param"])["status"] == "shutdown"
                              for path, f in p if path.startswith("/kd100")), "shutdown")
    wait_idle(base)
    pushes = [json.loads(f["param"]) for f in rx.of("/kd100")]
    check([len(x["lastResult"]["data"]) for x in pushes] == [1, 2, 3, 4],
          "one push per change, in order: %r" % [len(x["lastResult"]["data"]) for x in pushes])
    check(pushes[-1]["status"] == "shutdown" and pushes[-1]["lastResult"]["ischeck"] == "1",
          "shutdown after delivery")

    # The failing receiver: first attempt then 3 retries 30 virtual minutes apart, then given up.
    j = admin(base, "/__admin/pushes")
    fails = [e for e in j["pushes"] if e["nu"] == n3]
    check(fails and all(e["outcome"] in ("failed", "gave_up") for e in fails), "fails journaled")
    check(max(e["attempt"] for e in fails) == 4 and fails[-1]["outcome"] == "gave_up",
          "retried 3 times then gave up: %r" % fails[-3:])
    first_push = [e for e in fails if e["id"] == fails[0]["id"]]
    check([e["virtual_time"] for e in first_push][:2] ==
          ["2023-02-01T11:00:00+08:00", "2023-02-01T11:30:00+08:00"], "retry 30 min later")

    # Map track (maptrack.py's fields): routeInfo and predicted times.
    m = signed_query(base, "/poll/maptrack.do",
                     {"com": "shunfeng", "num": n1, "phone": "", "from": "广东省江门市",
                      "to": "广东省深圳市", "show": "0", "order": "desc",
                      "orderTime": "2023-02-01 10:00:00"})
    check(m["routeInfo"]["from"]["name"] == "浙江,杭州市" and
          m["routeInfo"]["to"]["name"] == "上海,上海市" and "lat" in
          m["routeInfo"]["cur"]["coordinates"], "routeInfo: %r" % m.get("routeInfo"))
    check(m["totalTime"] == "1天9小时" and m["remainTime"] == "0天0小时", "times: %r" % m)

    # A push fault: a duplicate of every push of a resubscribed number.
    admin(base, "/__admin/push-faults", [{"kind": "duplicate", "number": n2}])
    admin(base, "/__admin/reset", {})
    check(subscribe_like_demo(base, "shunfeng", n2, rx.url + "/dup", SALT)["returnCode"] == "200",
          "subscribe after reset")
    admin(base, "/__admin/push-faults", [{"kind": "duplicate", "number": n2}])
    admin(base, "/__admin/clock", {"advance": "2h"})
    rx.wait_for(lambda p: len([x for x in p if x[0] == "/dup"]) >= 2, "duplicate")
    dup = rx.of("/dup")
    check(dup[0]["param"] == dup[1]["param"], "the same push twice")


def main():
    tracksim, scenario = sys.argv[1], sys.argv[2]
    rx = Receiver()
    server = subprocess.Popen(
        [tracksim, "serve", "--scenario", scenario, "--kuaidi100-key", KEY,
         "--kuaidi100-customer", CUSTOMER], stdout=subprocess.PIPE, text=True)
    try:
        base = server.stdout.readline().strip().rstrip("/")
        check(base.startswith("http://127.0.0.1:"), "serve printed " + base)
        run(base, rx)
        print("kuaidi100 push e2e: ok")
        return 0
    finally:
        server.terminate()  # by its pid
        server.wait(timeout=10)
        rx.server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
