#!/usr/bin/env python3
"""The hostile input catalogue (issue 12, deliverable 3): one case per run, named on the command
line, each with the error it must get and the time and memory it must stay within.

usage: hostile.py CASE TRACKSIM WORK_DIR      (hostile.py --list prints the case names)

File cases run `tracksim` on a generated file and require exit 2 and a message naming the file
and the place (file:line:col), within the case's limits. Server cases start `tracksim serve` on
127.0.0.1 port 0, attack it, require the answer the case names, require that another client is
still served, and stop the server by its pid. Each case prints one catalogue line:
  CASE  RESULT  SECONDS  PEAK_MB
where PEAK_MB is the peak resident memory of the tracksim process (ru_maxrss or VmHWM).
tests/CMakeLists.txt runs each case under `timeout` and, outside sanitizer builds, `prlimit --as`.
"""
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE = os.path.join(SRC, "scenarios/ship_timeout/duration_promise.yaml")
REPLAY = os.path.join(SRC, "scenarios/disputes/replay/sf_presale_in_time")
MB = 1 << 20
# Sanitizer builds run several times slower and hold shadow memory: tests/CMakeLists.txt sets
# this factor for them, and every case's time and memory limits stretch by it.
SCALE = float(os.environ.get("TRACKSIM_HOSTILE_SCALE", "1"))


def base_text():
    with open(BASE, encoding="utf-8") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def write_big(path, head, filler, size, tail=b""):
    """`head`, then `filler` repeated until the file holds `size` bytes, then `tail`."""
    with open(path, "wb") as f:
        f.write(head)
        written = len(head)
        chunk = filler * max(1, (1 << 20) // len(filler))
        while written < size:
            f.write(chunk)
            written += len(chunk)
        f.write(tail)
    return path


def million_orders(path):
    """A scenario of 1,000,000 valid orders (distinct ids) and a last one paid 'yesterday'."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("name: a million\nruleset: douyin-2023\nstart: 2023-03-10T10:00:00+08:00\n"
                "orders:\n")
        f.writelines(f"  - {{id: O{i}, paid_at: +0h, amount: 1.00}}\n" for i in range(1_000_000))
        f.write("  - {id: last, paid_at: yesterday}\n")
    return path


def alias_bomb():
    lines = [l for l in base_text().splitlines() if not l.startswith("orders:")]
    text = "\n".join(lines[:lines.index("parcels:")]) if "parcels:" in lines else "\n".join(lines)
    bomb = ["x: &a0 [lol]"]
    for i in range(1, 10):
        bomb.append(f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return ("name: alias bomb\nruleset: douyin-2023\nstart: 2023-03-10T10:00:00+08:00\n"
            "tags: *a9\n" + "\n".join(bomb) + "\norders: []\n")


# ---- file cases: (argv builder, expected stderr regex, seconds, MB) -------------------------

def validate(name, content):
    def build(work):
        path = os.path.join(work, name)
        if callable(content):
            content(path)
        else:
            write(path, content)
        return ["validate", path]
    return build


def replay(name, content):
    def build(work):
        path = os.path.join(work, name)
        if callable(content):
            content(path)
        else:
            write(path, content)
        return ["replay", "--order", REPLAY + ".order.yaml", "--track", path]
    return build


def dump_with(time_text="2023-02-04 19:30:02", context="已揽收"):
    return ('{"message":"ok","nu":"SF1234567890123","com":"shunfeng","data":[{"time":"%s",'
            '"context":"%s"}]}' % (time_text, context))


FILE_CASES = {
    "yaml_deep_nesting": (validate("deep.yaml", "a: " + "[" * 100_000 + "\n"),
                          r"deep\.yaml:\d+:\d+: malformed YAML", 10, 200),
    "yaml_deep_block_nesting": (validate("deep_block.yaml",
                                         "".join("  " * i + "a:\n" for i in range(1500))),
                                r"deep_block\.yaml:\d+:\d+: ", 20, 300),
    "yaml_alias_bomb": (validate("bomb.yaml", alias_bomb()), r"bomb\.yaml:\d+:\d+: ", 10, 200),
    "yaml_nul_byte": (validate("nul.yaml", base_text().replace("name: ", "name: a\0b", 1)),
                      r"nul\.yaml:2:\d+: NUL byte", 10, 200),
    "yaml_invalid_utf8_name": (validate("utf8.yaml", base_text().encode().replace(
        b"name: ", b"name: bad \xff\xfe ", 1)), r"utf8\.yaml:2:\d+: invalid UTF-8", 10, 200),
    # Scenario files stream (harness/scenario/yaml_node.h), so size alone is no error: a mistake
    # at the end of 100 MB is found and located in bounded memory.
    "yaml_100mb_file": (validate("big.yaml", lambda p: write_big(
        p, base_text().encode(), b"# filler comment line\n", 100 * MB, b"bad_key: 1\n")),
        r"big\.yaml:\d+:1: unknown key 'bad_key'", 60, 200),
    # A million orders load in under 2 GB (issue 14) and the last one's mistake is located.
    "yaml_million_orders": (validate("million.yaml", million_orders),
                            r"million\.yaml:1000005:\d+: .*paid_at", 240, 2048),
    "yaml_time_out_of_range": (validate("time.yaml", base_text().replace(
        "start: 2023-03-10T10:00:00+08:00", "start: 99999-03-10T10:00:00+08:00")),
        r"time\.yaml:\d+:\d+: start: ", 10, 200),
    "yaml_offset_out_of_range": (validate("offset.yaml", base_text().replace(
        "paid_at: +0h", "paid_at: +99999999999999999999h", 1)),
        r"offset\.yaml:\d+:\d+: paid_at: ", 10, 200),
    "yaml_zone_out_of_range": (validate("zone.yaml", base_text().replace(
        "start: 2023-03-10T10:00:00+08:00", "start: 2023-03-10T10:00:00+99:00")),
        r"zone\.yaml:\d+:\d+: start: .*offset out of range", 10, 200),
    "yaml_duration_overflow": (validate("duration.yaml", base_text().replace(
        "promise: 48h", "promise: 9223372036854775807d", 1)),
        r"duration\.yaml:\d+:\d+: promise", 10, 200),
    "dump_deep_nesting": (replay("deep.json", "[" * 100_000),
                          r"deep\.json:1:\d+: malformed JSON: nested deeper than 256", 10, 200),
    "dump_nul_byte": (replay("nul.json", dump_with(context="已揽\0收")),
                      r"nul\.json:1:\d+: malformed JSON", 10, 200),
    "dump_invalid_utf8": (replay("utf8.json", dump_with().encode().replace(
        "已揽收".encode(), b"\xff\xfe")), r"utf8\.json:1:\d+: malformed JSON", 10, 200),
    "dump_100mb_file": (replay("big.json", lambda p: write_big(
        p, b'{"message":"ok","data":[', b'{"time":"2023-02-04 19:30:02","context":"x"},', 100 * MB)),
        r"big\.json: file is larger than 32 MB", 60, 200),
    "dump_time_out_of_range": (replay("time.json", dump_with(time_text="99999-02-04 19:30:02")),
                               r"time\.json: .*data\[0\]\.f?time", 10, 200),
}


# ---- external engines: (engine program, expected stderr regex, seconds, MB) -------------------

ENGINE_CASES = {
    # 100 MB on one line, as fast as the pipe takes it.
    "engine_100mb_line": ("import sys\nsys.stdin.readline()\nchunk = 'x' * (1 << 20)\n"
                          "for _ in range(100):\n    sys.stdout.write(chunk)\n    sys.stdout.flush()\n",
                          r"answer line is longer than 1 MB", 30, 300),
    "engine_never_answers": ("import sys, time\nsys.stdin.readline()\ntime.sleep(600)\n",
                             r"no answer within 1000 ms", 30, 300),
    "engine_exits_midway": ("import sys\nsys.stdin.readline()\nsys.stdout.write('{\"outc')\n"
                            "sys.stdout.flush()\n",
                            r"engine", 30, 300),
}


def run_engine_case(name, work, tracksim):
    program, pattern, seconds, limit_mb = ENGINE_CASES[name]
    seconds, limit_mb = seconds * SCALE, limit_mb * SCALE
    script = write(os.path.join(work, "engine.py"), program)
    scenario = os.path.join(SRC, "scenarios/pickup_timeout/in_stock_72h_boundary.yaml")
    env = dict(os.environ, TRACKSIM_ENGINE_TIMEOUT_MS="1000")
    started = time.monotonic()
    proc = subprocess.run([tracksim, "judge", scenario, "--no-color", "--engine",
                           f"exec:python3 {script}"], capture_output=True, env=env,
                          timeout=seconds * 3)
    took = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    problems = []
    if proc.returncode != 2:
        problems.append(f"exit {proc.returncode}, expected 2")
    if not re.search(pattern, out):
        problems.append(f"output does not match /{pattern}/: {out[-300:]!r}")
    if took > seconds:
        problems.append(f"took {took:.1f} s, limit {seconds} s")
    if peak_mb > limit_mb:
        problems.append(f"peak {peak_mb:.0f} MB, limit {limit_mb} MB")
    return problems, took, peak_mb


def run_file_case(name, work, tracksim):
    build, pattern, seconds, limit_mb = FILE_CASES[name]
    seconds, limit_mb = seconds * SCALE, limit_mb * SCALE
    argv = build(work)
    started = time.monotonic()
    proc = subprocess.run([tracksim] + argv, capture_output=True, timeout=seconds * 3)
    took = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    err = proc.stderr.decode("utf-8", "replace")
    problems = []
    if proc.returncode != 2:
        problems.append(f"exit {proc.returncode}, expected 2")
    if not re.search(pattern, err):
        problems.append(f"stderr does not match /{pattern}/: {err[:300]!r}")
    if took > seconds:
        problems.append(f"took {took:.1f} s, limit {seconds} s")
    if peak_mb > limit_mb:
        problems.append(f"peak {peak_mb:.0f} MB, limit {limit_mb} MB")
    return problems, took, peak_mb


# ---- server cases -----------------------------------------------------------------------------

class Server:
    def __init__(self, tracksim):
        self.proc = subprocess.Popen([tracksim, "serve", "--procedural"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        url = self.proc.stdout.readline().decode().strip()
        m = re.match(r"http://127\.0\.0\.1:(\d+)/", url)
        if not m:
            raise RuntimeError(f"serve printed {url!r}")
        self.port = int(m.group(1))

    def peak_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)  # the server this script started, by its pid
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode


def request(port, raw, timeout=10.0):
    """Sends `raw` bytes and returns the status code of the answer (0: closed without one)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        data = b""
        try:
            while b"\r\n" not in data:
                got = s.recv(65536)
                if not got:
                    break
                data += got
        except (ConnectionResetError, socket.timeout):
            pass
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(m.group(1)) if m else 0


def request_body(port, raw, timeout=10.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(raw)
        data = b""
        try:
            while True:
                got = s.recv(65536)
                if not got:
                    break
                data += got
        except (ConnectionResetError, socket.timeout):
            pass
    return data


def get(path):
    return f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()


def served(port):
    """Another client gets a tracking answer."""
    return request(port, get("/track/zto/781111111111")) == 200


def case_huge_headers(port):
    raw = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 * MB) + b"\r\n\r\n"
    try:
        status = request(port, raw)
    except (BrokenPipeError, ConnectionResetError):
        status = 0
    return [] if status in (0, 400, 413, 414, 431) else [f"answered {status} to a 1 MB header"]


def case_path_traversal(port):
    problems = []
    for path in ["/../../../../etc/passwd", "/track/../../etc/passwd",
                 "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/track/sf/..%2f..%2f..%2fetc%2fpasswd",
                 "/track/%2e%2e/%2e%2e"]:
        body = request_body(port, get(path))
        if b"root:" in body or not re.match(rb"HTTP/1\.1 4\d\d", body):
            problems.append(f"{path}: {body[:80]!r}")
    return problems


def case_invalid_utf8_path(port):
    problems = []
    for path in ["/track/sf/%FF%FE", "/track/%C0%AF/1", "/\xff".encode("latin-1").decode("latin-1")]:
        body = request_body(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .encode("latin-1"))
        if not re.match(rb"HTTP/1\.1 4\d\d", body):
            problems.append(f"{path!r}: {body[:80]!r}")
    # The journal holds those paths: reading it must still work.
    journal = request_body(port, get("/__admin/requests"))
    if not journal.startswith(b"HTTP/1.1 200"):
        problems.append(f"/__admin/requests after bad paths: {journal[:80]!r}")
    return problems


def case_10mb_bodies(port):
    problems = []
    body = b"x" * (10 * MB)
    for path in ["/track/batch", "/poll/query.do", "/__admin/clock", "/__admin/scenarios",
                 "/__admin/faults", "/__admin/proxy", "/__admin/reset"]:
        raw = (f"POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        status = request(port, raw + body, timeout=30)
        if status == 200 and path != "/__admin/reset" or status >= 500:
            problems.append(f"{path}: {status}")
    return problems


def case_chunked_never_ends(port):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"POST /track/batch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        sent = 0
        chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
        try:
            while sent < 64 * MB:
                s.sendall(chunk)
                sent += 0x10000
                if sent % (4 * MB) == 0 and not served(port):
                    return ["others not served during an endless chunked body"]
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            return []  # the server cut it off
    return [f"the server took {sent >> 20} MB of one chunked body"]


def case_byte_a_second(port):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        started = time.monotonic()
        try:
            for b in get("/track/zto/781111111111"):
                s.sendall(bytes([b]))
                if not served(port):
                    return ["others not served during a slow client"]
                time.sleep(1)
                if time.monotonic() - started > 15:
                    break
            s.recv(1)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        took = time.monotonic() - started
    return [] if took < 15 else [f"a byte-a-second client was kept {took:.0f} s"]


def case_idle_connections(port):
    idle = []
    try:
        for _ in range(2000):
            idle.append(socket.create_connection(("127.0.0.1", port), timeout=10))
        started = time.monotonic()
        ok = served(port)
        took = time.monotonic() - started
    finally:
        for s in idle:
            s.close()
    return [] if ok and took < 2 else [f"with 2000 idle connections another client waited "
                                       f"{took:.1f} s (served: {ok})"]


SERVER_CASES = {
    "http_huge_headers": (case_huge_headers, 30, 300),
    "http_path_traversal": (case_path_traversal, 30, 300),
    "http_invalid_utf8_path": (case_invalid_utf8_path, 30, 300),
    "http_10mb_bodies": (case_10mb_bodies, 60, 600),
    "http_chunked_never_ends": (case_chunked_never_ends, 60, 600),
    "http_byte_a_second": (case_byte_a_second, 40, 300),
    "http_idle_connections": (case_idle_connections, 60, 600),
}


def run_server_case(name, tracksim):
    attack, seconds, limit_mb = SERVER_CASES[name]
    seconds, limit_mb = seconds * SCALE, limit_mb * SCALE
    server = Server(tracksim)
    started = time.monotonic()
    problems = []
    try:
        problems = attack(server.port)
        if not served(server.port):
            problems.append("another client is not served after the attack")
    except OSError as e:
        problems.append(f"the server went away: {e!r} (exit {server.proc.poll()})")
    finally:
        took = time.monotonic() - started
        peak = server.peak_mb()
        code = server.stop()
    if code != 0:
        problems.append(f"serve exited {code} on SIGTERM")
    if took > seconds:
        problems.append(f"took {took:.1f} s, limit {seconds} s")
    if peak > limit_mb:
        problems.append(f"peak {peak:.0f} MB, limit {limit_mb} MB")
    return problems, took, peak


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(list(FILE_CASES) + list(ENGINE_CASES) + list(SERVER_CASES)))
        return 0
    name, tracksim, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    if name in FILE_CASES:
        problems, took, peak = run_file_case(name, work, tracksim)
    elif name in ENGINE_CASES:
        problems, took, peak = run_engine_case(name, work, tracksim)
    else:
        problems, took, peak = run_server_case(name, tracksim)
    for entry in os.listdir(work):
        os.remove(os.path.join(work, entry))
    print(f"{name}  {'FAIL' if problems else 'ok'}  {took:.2f} s  {peak:.0f} MB")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
