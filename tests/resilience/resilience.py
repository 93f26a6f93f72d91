#!/usr/bin/env python3
"""Resilience of koodrive-ose-simulator, measured with clients not written here.

    tests/resilience/run.sh [SIMULATOR] [--quick]

Starts the simulator on a loopback port the OS chooses, then, with curl, ApacheBench (ab) and
Python's standard library as the clients:

  slow headers   64 connections trickling header bytes; a normal request must still be answered
                 within 1 s (and the trickling ones are cut off with 408 after --header-timeout)
  concurrency    ab: 500 concurrent connections, p99 under 100 ms, no failure
  large bodies   20 uploads of 20 MB at once (half with Expect: 100-continue, half without):
                 every one 413 with the JSON error body, RSS growing by less than 64 MB
  malformed      1,000 malformed requests (20 kinds); every reply is the JSON error body, and
                 the simulator still answers afterwards
  no lost work   4 threads creating and listing batch jobs: every task ID created is listed once
  hygiene        a second simulator on the same port is refused; the access log is JSON lines
                 without the token, the kdstoken or any body; SIGTERM stops it with status 0

Prints one line of figures per check and exits non-zero if any threshold is missed. Loopback
only; every client has a timeout and everything started is stopped.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "resilience-SECRET-token"
KDSTOKEN = "kds-SECRET-0123456789abcdef"
USER = "1684711050387378049"
AGENT = "resilience-carrier"
JOBS = "/koodrive/ose/v1/jobs"
COPY_BODY = (
    '{"taskType":1,"actionType":101,"taskInfo":{"fileInfo":[{"fileId":"FuZmQ66CF0DdpKRG1Y29Iwajbq04Nhwu3"}],'
    '"newFilePath":"Fm9UdqBNTAQDos6l1xPlFnIqXJg2-UdqA","srcContainerId":"IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4"},'
    '"dstContainerId":"IAADfsBFCO6WtAtuA315074383680425b8aa9a130cba2d4"}'
)
SHARE_BODY = (
    '{"taskType":2,"containerId":"IAABh_RdhS8bOg0cA1684711052660690818","fileIds":["Fk63FCWhcDAga2puvYKRG1oTMjs-m30sI"],'
    '"targetFileId":{"fileId":"root","containerId":"IAABh_RdhS8bOg0cA1684711052660690818"},'
    '"shareId":"1689765568237837824","kdstoken":"' + KDSTOKEN + '"}'
)
failures: list[str] = []


def x_date() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def api_headers() -> dict[str, str]:
    return {"Authorization": "Bearer+" + TOKEN, "X-User-Id": USER, "X-Date": x_date()}


def check(ok: bool, what: str) -> None:
    if not ok:
        failures.append(what)
        print(f"  FAIL: {what}", flush=True)


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def is_api_error_body(body: bytes) -> bool:
    try:
        doc = json.loads(body)
    except ValueError:
        return False
    return isinstance(doc, dict) and isinstance(doc.get("code"), str) and isinstance(doc.get("msg"), str)


class Simulator:
    def __init__(self, binary: str, log_path: str, port: int = 0, extra: list[str] | None = None):
        args = [binary, "--port", str(port), "--token", TOKEN, "--user", USER, "--agent", AGENT,
                "--header-timeout", "3s", "--access-log", log_path, *(extra or [])]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.ready = ""
        deadline = time.monotonic() + 10
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if time.monotonic() > deadline or not line.startswith("listening on http://"):
            self.stop()
            raise RuntimeError(f"simulator did not start: {line!r} {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.ready = line.strip()
        self.port = int(self.ready.rsplit(":", 1)[1])

    def url(self, target: str = JOBS) -> str:
        return f"http://127.0.0.1:{self.port}{target}"

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return -9
        return self.proc.returncode


def curl(sim: Simulator, *args: str, max_time: float = 5) -> tuple[int, float, str]:
    """(status, seconds, body) of one curl call."""
    out = subprocess.run(["curl", "-sS", "--max-time", str(max_time), "-o", "-", "-w", "\n%{http_code} %{time_total}",
                          *args], capture_output=True, text=True, timeout=max_time + 5)
    body, _, tail = out.stdout.rpartition("\n")
    code, _, seconds = tail.partition(" ")
    return int(code or 0), float(seconds or 0), body


def list_request(sim: Simulator, max_time: float = 5) -> tuple[int, float, str]:
    h = api_headers()
    return curl(sim, sim.url(JOBS + "?offset=0&limit=1"), *sum((["-H", f"{k}: {v}"] for k, v in h.items()), []),
                max_time=max_time)


def read_reply(s: socket.socket) -> bytes:
    """One HTTP reply (headers and a Content-Length body), or what came before EOF."""
    reply = b""
    while True:
        part = s.recv(65536)
        if not part:
            return reply
        reply += part
        head, sep, body = reply.partition(b"\r\n\r\n")
        if sep:
            m = re.search(rb"Content-Length: (\d+)", head)
            if m and len(body) >= int(m.group(1)):
                return reply


# ---- the checks ----------------------------------------------------------------------------


def slow_headers(sim: Simulator, connections: int = 64) -> None:
    stop = threading.Event()
    socks: list[socket.socket] = []
    for _ in range(connections):
        s = socket.create_connection(("127.0.0.1", sim.port), timeout=5)
        s.sendall(f"GET {JOBS}?offset=0&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        socks.append(s)

    def trickle() -> None:
        n = 0
        while not stop.is_set():
            for s in socks:
                try:
                    s.sendall(f"X-Slow-{n}: y\r\n".encode())
                except OSError:
                    pass
            n += 1
            stop.wait(0.5)

    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    time.sleep(0.5)
    worst = 0.0
    statuses = []
    for _ in range(5):
        status, seconds, _ = list_request(sim, max_time=1)
        statuses.append(status)
        worst = max(worst, seconds)
        time.sleep(0.1)
    # The trickling connections are cut off once the header timeout (3 s) has passed.
    cut = 0
    others: dict[str, int] = {}
    deadline = time.monotonic() + 6
    for s in socks:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            reply = read_reply(s)
            if reply.startswith(b"HTTP/1.1 408") and is_api_error_body(reply.split(b"\r\n\r\n", 1)[1]):
                cut += 1
            else:
                others[repr(reply[:40])] = others.get(repr(reply[:40]), 0) + 1
        except OSError as e:
            others[e.__class__.__name__] = others.get(e.__class__.__name__, 0) + 1
    if others:
        print(f"  trickling connections not cut off with 408: {others}", flush=True)
    stop.set()
    t.join()
    for s in socks:
        s.close()
    print(f"slow headers: {connections} trickling connections; normal requests {statuses}, slowest {worst * 1000:.1f} ms "
          f"(limit 1000); {cut}/{connections} trickling ones cut off with 408 JSON", flush=True)
    check(all(s == 200 for s in statuses), "a normal request failed during the slow-header attack")
    check(worst < 1.0, "a normal request took 1 s or more during the slow-header attack")
    check(cut == connections, "not every trickling connection was cut off with 408")


def concurrency(sim: Simulator, requests: int, concurrent: int = 500) -> None:
    h = api_headers()
    args = ["ab", "-q", "-n", str(requests), "-c", str(concurrent), "-s", "10"]
    for k, v in h.items():
        args += ["-H", f"{k}: {v}"]
    out = subprocess.run([*args, sim.url(JOBS + "?offset=0&limit=1")], capture_output=True, text=True, timeout=120)
    text = out.stdout

    def grab(pattern: str) -> float:
        m = re.search(pattern, text, re.MULTILINE)
        return float(m.group(1)) if m else -1

    complete = grab(r"^Complete requests:\s+(\d+)")
    failed = grab(r"^Failed requests:\s+(\d+)")
    non2xx = grab(r"^Non-2xx responses:\s+(\d+)")
    rps = grab(r"^Requests per second:\s+([\d.]+)")
    p50 = grab(r"^\s+50%\s+(\d+)")
    p99 = grab(r"^\s+99%\s+(\d+)")
    worst = grab(r"^\s+100%\s+(\d+)")
    print(f"concurrency: ab -n {requests} -c {concurrent}: {int(complete)} complete, {int(failed)} failed, "
          f"{int(max(non2xx, 0))} non-2xx; {rps:.0f} requests/s; p50 {p50:.0f} ms, p99 {p99:.0f} ms (limit 100), "
          f"max {worst:.0f} ms", flush=True)
    check(out.returncode == 0, f"ab failed: {out.stderr.strip()[:200]}")
    check(complete == requests and failed == 0 and non2xx <= 0, "ab saw failed or non-2xx requests")
    check(0 <= p99 < 100, "p99 at 500 concurrent connections is 100 ms or more")


def large_bodies(sim: Simulator, uploads: int = 20, megabytes: int = 20) -> None:
    with tempfile.NamedTemporaryFile(prefix="koodrive_ose_upload_", delete=False) as f:
        chunk = b"x" * (1 << 20)
        for _ in range(megabytes):
            f.write(chunk)
        path = f.name
    base = rss_kib(sim.proc.pid)
    peak = base
    sampling = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not sampling.is_set():
            peak = max(peak, rss_kib(sim.proc.pid))
            sampling.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    h = api_headers()
    headers = sum((["-H", f"{k}: {v}"] for k, v in h.items()), []) + ["-H", "Content-Type: application/json"]

    def upload(i: int) -> tuple[int, float, str]:
        expect = [] if i % 2 == 0 else ["-H", "Expect:"]  # curl's default 100-continue, or the body at once
        return curl(sim, sim.url(JOBS), *headers, *expect, "--data-binary", f"@{path}", max_time=20)

    started = time.monotonic()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=uploads) as pool:
            results = list(pool.map(upload, range(uploads)))
    finally:
        elapsed = time.monotonic() - started
        sampling.set()
        sampler.join()
        os.unlink(path)
    # A length announced but never sent: refused at once, not waited for.
    with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as s:
        t0 = time.monotonic()
        s.sendall(f"POST {JOBS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  f"Content-Length: 268435456\r\n\r\n".encode())
        lie = read_reply(s)
        lie_ms = (time.monotonic() - t0) * 1000
    statuses = [r[0] for r in results]
    json_bodies = sum(1 for r in results if is_api_error_body(r[2].encode()))
    growth_mb = (peak - base) / 1024
    print(f"large bodies: {uploads} concurrent uploads of {megabytes} MB: statuses {sorted(set(statuses))} "
          f"({statuses.count(413)}x413, {json_bodies} JSON bodies) in {elapsed:.2f} s; RSS {base / 1024:.1f} MB -> "
          f"peak {peak / 1024:.1f} MB (+{growth_mb:.1f} MB, limit 64); a 256 MB Content-Length never sent: "
          f"{lie.split(b' ', 2)[1].decode() if lie.startswith(b'HTTP/') else '?'} in {lie_ms:.1f} ms", flush=True)
    check(statuses.count(413) == uploads, "not every large upload was refused with 413")
    check(json_bodies == uploads, "a 413 came without the JSON error body")
    check(growth_mb < 64, "RSS grew by 64 MB or more during the large uploads")
    check(lie.startswith(b"HTTP/1.1 413") and lie_ms < 1000, "an announced 256 MB body was not refused at once")


def malformed_requests() -> list[bytes]:
    long_target = "/" + "a" * 10000
    head = f"POST {JOBS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer+{TOKEN}\r\nX-User-Id: {USER}\r\n"
    kinds = [
        b"\x00\x01\x02\x03garbage\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\n\r\n",
        b"FETCH / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/2.0\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nno colon here\r\nHost: x\r\n\r\n",
        f"GET {long_target} HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
        b"GET / HTTP/1.1\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"".join(f"X-H{i}: {'v' * 60}\r\n".encode() for i in range(1200)) + b"\r\n",
        f"{head}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!".encode(),
        f"{head}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".encode(),
        f"{head}Content-Length: abc\r\n\r\n".encode(),
        f"{head}Content-Length: -1\r\n\r\n".encode(),
        f"{head}Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n".encode(),
        f"{head}Transfer-Encoding: gzip\r\n\r\n".encode(),
        f"GET {JOBS} HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody".encode(),
        f"{head}X-Date: {x_date()}\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{{\"task\":[".encode(),
        f"{head}X-Date: {x_date()}\r\nX-Date: {x_date()}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(COPY_BODY)}\r\n\r\n{COPY_BODY}".encode(),
        b"GET /koodrive/ose/v1/jobs?offset=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
        b"\r\n\r\n\r\n",
    ]
    return kinds


def malformed(sim: Simulator, total: int = 1000) -> None:
    kinds = malformed_requests()

    def send(i: int) -> tuple[int, str]:
        payload = kinds[i % len(kinds)]
        try:
            with socket.create_connection(("127.0.0.1", sim.port), timeout=5) as s:
                s.sendall(payload)
                reply = read_reply(s)
        except OSError as e:
            return i % len(kinds), f"error {e.__class__.__name__}"
        if not reply.startswith(b"HTTP/1.1 "):
            return i % len(kinds), "no reply"
        status = reply[9:12].decode()
        body = reply.partition(b"\r\n\r\n")[2]
        return i % len(kinds), status if is_api_error_body(body) else status + " without JSON body"

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, range(total)))
    elapsed = time.monotonic() - started
    by_status: dict[str, int] = {}
    for _, outcome in results:
        by_status[outcome] = by_status.get(outcome, 0) + 1
    status, _, _ = list_request(sim)
    print(f"malformed: {total} requests of {len(kinds)} kinds in {elapsed:.2f} s: "
          + ", ".join(f"{k} x{v}" for k, v in sorted(by_status.items()))
          + f"; then a normal request: {status}", flush=True)
    bad = sorted({kind for kind, outcome in results if not re.fullmatch(r"[45]\d\d", outcome)})
    check(not bad, f"malformed request kinds {bad} got no JSON error reply")
    check(status == 200, "the simulator stopped answering after the malformed requests")


def no_lost_requests(sim: Simulator, threads: int = 4, per_thread: int = 250) -> None:
    created: list[list[str]] = [[] for _ in range(threads)]
    errors: list[str] = []

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=10)
        try:
            for i in range(per_thread):
                h = api_headers() | {"Content-Type": "application/json"}
                conn.request("POST", JOBS, body=COPY_BODY, headers=h)
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    errors.append(f"create {r.status}")
                    continue
                created[n].append(json.loads(body)["data"])
                if i % 10 == 9:
                    conn.request("GET", JOBS + "?offset=0&limit=100", headers=api_headers())
                    r = conn.getresponse()
                    r.read()
                    if r.status != 200:
                        errors.append(f"list {r.status}")
        finally:
            conn.close()

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    listed: list[str] = []
    conn = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=10)
    offset = 0
    while True:
        conn.request("GET", f"{JOBS}?offset={offset}&limit=100", headers=api_headers())
        r = conn.getresponse()
        page = json.loads(r.read())
        data = page.get("data", [])
        listed += [j["taskId"] for j in data]
        if len(data) < 100 or offset > 100000:
            break
        offset += 100
    conn.close()
    ids = [i for ids in created for i in ids]
    missing = set(ids) - set(listed)
    duplicates = len(listed) - len(set(listed))
    print(f"no lost work: {threads} threads created {len(ids)} batch jobs (and listed every 10th time) in "
          f"{elapsed:.2f} s; {len(errors)} errors; the list holds {len(listed)}: {len(missing)} missing, "
          f"{duplicates} duplicates, {len(set(ids))} distinct IDs created", flush=True)
    check(not errors, f"errors during the create/list run: {errors[:5]}")
    check(len(ids) == threads * per_thread and len(set(ids)) == len(ids), "a task ID was created twice or lost")
    check(not missing and duplicates == 0 and len(listed) == len(set(ids)),
          "a created task ID was not listed exactly once")


def hygiene(sim: Simulator, binary: str, log_path: str) -> None:
    # A share task, so that a kdstoken travels through the simulator.
    h = api_headers()
    status, _, _ = curl(sim, sim.url("/koodrive/ose/v1/share/tasks"),
                        *sum((["-H", f"{k}: {v}"] for k, v in h.items()), []), "-H", f"X-Hw-Agentname: {AGENT}",
                        "-H", "Content-Type: application/json", "--data-binary", SHARE_BODY)
    check(status == 200, f"create share task answered {status}")
    second = subprocess.run([binary, "--port", str(sim.port), "--quiet"], capture_output=True, text=True, timeout=10)
    print(f"hygiene: a second simulator on port {sim.port}: exit status {second.returncode}, "
          f"\"{second.stderr.strip()}\"", flush=True)
    check(second.returncode == 1 and "in use" in second.stderr, "a second simulator could bind the same port")


def check_log(log_path: str) -> None:
    with open(log_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    parsed = 0
    for line in lines:
        try:
            doc = json.loads(line)
            parsed += isinstance(doc, dict) and "status" in doc
        except ValueError:
            pass
    text = "\n".join(lines)
    leaked = [s for s in (TOKEN, KDSTOKEN, "xxxxxxxx", "Bearer") if s in text]
    print(f"access log: {len(lines)} lines, {parsed} JSON objects; secrets or bodies found: {leaked or 'none'}",
          flush=True)
    check(parsed == len(lines) and lines, "the access log has lines that are not JSON objects")
    check(not leaked, "the access log holds a secret or a body")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("simulator", help="path of koodrive-ose-simulator")
    parser.add_argument("--quick", action="store_true", help="fewer requests for ab (CI)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="koodrive_ose_resilience_") as tmp:
        log_path = os.path.join(tmp, "access.log")
        sim = Simulator(args.simulator, log_path)
        print(f"{sim.ready} (pid {sim.proc.pid})", flush=True)
        started = time.monotonic()
        try:
            slow_headers(sim)
            concurrency(sim, requests=2000 if args.quick else 20000)
            large_bodies(sim)
            malformed(sim)
            no_lost_requests(sim)
            hygiene(sim, args.simulator, log_path)
        finally:
            t0 = time.monotonic()
            code = sim.stop()
            stop_ms = (time.monotonic() - t0) * 1000
        print(f"shutdown: SIGTERM -> exit status {code} in {stop_ms:.0f} ms", flush=True)
        check(code == 0, "the simulator did not exit cleanly on SIGTERM")
        check_log(log_path)
        print(f"resilience: {len(failures)} failure(s) in {time.monotonic() - started:.1f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
