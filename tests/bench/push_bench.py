#!/usr/bin/env python3
"""Pushes delivered per second from `tracksim serve` to a loopback receiver (see push_bench.sh).

Writes a scenario of N parcels (each picked up at +1h and delivered at +2h), serves it,
subscribes every number to an asyncio receiver on loopback, then per run: moves the virtual clock
3 hours (2 pushes per number: polling, then shutdown) and times until the receiver has answered
all 2N of them. Between runs: POST /__admin/reset and subscribe again. Prints each run and the
median. Receiver and server share the machine's cores, as they would in a test.
"""
import asyncio
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

OK = json.dumps({"result": True, "returnCode": "200", "message": "成功"}).encode()
RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
            str(len(OK)).encode() + b"\r\n\r\n" + OK)


class Receiver:
    def __init__(self):
        self.count = 0
        self.target = None
        self.done = threading.Event()
        self.port = None
        ready = threading.Event()
        threading.Thread(target=lambda: asyncio.run(self.main(ready)), daemon=True).start()
        ready.wait()

    async def handle(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
                writer.write(RESPONSE)
                self.count += 1
                if self.target is not None and self.count >= self.target:
                    self.done.set()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main(self, ready):
        server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await server.serve_forever()


def scenario(n):
    lines = ["name: push bench", "start: 2023-02-01T10:00:00+08:00", "orders:",
             "  - id: B1", "    paid_at: +0h", "parcels:"]
    for i in range(n):
        lines += ["  - carrier: sf", "    number: SF%013d" % (1_000_000 + i), "    scans:",
                  "      - {at: +1h, kind: pickup, city: 杭州市}",
                  "      - {at: +2h, kind: delivered, city: 上海市}"]
    return "\n".join(lines) + "\n"


class Conn:
    """A keep-alive connection that reconnects when the server closed an idle one."""

    def __init__(self, host, port):
        self.host, self.port, self.conn = host, port, None

    def call(self, method, path, body=None, ctype="application/json"):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers={"Content-Type": ctype})
                return json.loads(self.conn.getresponse().read())
            except (http.client.RemoteDisconnected, ConnectionError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise


def post(conn, path, body, ctype):
    return conn.call("POST", path, body, ctype)


def subscribe_all(conn, n, callback):
    for i in range(n):
        param = json.dumps({"company": "shunfeng", "number": "SF%013d" % (1_000_000 + i),
                            "key": "tracksim-key", "parameters": {"callbackurl": callback}})
        body = urllib.parse.urlencode({"schema": "json", "param": param})
        r = post(conn, "/poll", body, "application/x-www-form-urlencoded")
        assert r["returnCode"] == "200", r


def main():
    tracksim, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rx = Receiver()
    callback = "http://127.0.0.1:%d/cb" % rx.port
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.yaml")
        with open(path, "w") as f:
            f.write(scenario(n))
        server = subprocess.Popen([tracksim, "serve", "--scenario", path],
                                  stdout=subprocess.PIPE, text=True)
        try:
            url = urllib.parse.urlparse(server.stdout.readline().strip())
            conn = Conn(url.hostname, url.port)
            rates = []
            for run in range(runs):
                post(conn, "/__admin/reset", "{}", "application/json")
                subscribe_all(conn, n, callback)
                rx.count, rx.target = 0, 2 * n
                rx.done.clear()
                t0 = time.monotonic()
                post(conn, "/__admin/clock", json.dumps({"advance": "3h"}), "application/json")
                if not rx.done.wait(120):
                    raise SystemExit("run %d: only %d of %d pushes arrived" % (run, rx.count, 2 * n))
                rate = 2 * n / (time.monotonic() - t0)
                j = conn.call("GET", "/__admin/pushes")
                assert j["delivered"] == 2 * n, {k: v for k, v in j.items() if k != "pushes"}
                rates.append(rate)
                print("run %d: %d pushes in %.3f s: %.0f pushes/s" % (run + 1, 2 * n,
                                                                    2 * n / rate, rate))
            print("median: %.0f pushes/s delivered (%d numbers, %d runs)" %
                  (statistics.median(rates), n, runs))
        finally:
            server.terminate()  # by its pid
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
