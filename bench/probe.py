#!/usr/bin/env python3
"""Measure how the release server holds up, against a server already running (see
`make bench`). Not a test: it prints figures for the notes.

  probe.py logins URL PID N        N simultaneous logins: peak memory, /healthz latency
  probe.py hold URL PID N SECS     keep N connections that never finish a request open for
                                   SECS seconds, reopening each one the server lets go
  probe.py meanwhile URL PID SECS  /healthz every 50 ms and a login now and then for SECS
                                   seconds; the server's open files and memory
  probe.py streams URL PID N       N open change streams of one debtor: the server's memory
                                   per stream, and one message's way to all of them
  probe.py latency URL PID N       N messages one after another: from sending one to an open
                                   page of the case showing it (event, then its refetch)
  probe.py debtors URL PID N SECS THINK
                                   N simulated debtors for SECS seconds (log in, case page,
                                   plan page with its preview, log out; THINK seconds of
                                   reading between steps, 1 by default): requests/s,
                                   p50/p99 in all and by step, errors, peak memory

PID is the server's process id, for its memory (VmRSS, VmHWM in /proc). Only the standard
library: asyncio streams speak HTTP/1.1 by hand.
"""

import asyncio
import json
import os
import re
import statistics
import sys
import time
from urllib.parse import urlparse

DEMO = [
    ("20250001", "739214"), ("20250002", "482915"), ("20240117", "551903"),
    ("20250044", "318277"), ("20250090", "902614"), ("20260012", "667120"),
    ("20260031", "274019"), ("20260032", "530847"), ("20260041", "815530"),
    ("20260042", "362904"), ("20260051", "608172"), ("20260052", "947361"),
]


def memory(pid):
    """Resident and peak resident memory of the server, in MB."""
    with open(f"/proc/{pid}/status") as f:
        status = f.read()
    def kb(name):
        m = re.search(rf"^{name}:\s+(\d+) kB", status, re.M)
        return int(m.group(1)) / 1024 if m else 0.0
    return kb("VmRSS"), kb("VmHWM")


def reset_peak(pid):
    """Start VmHWM afresh (Linux: write 5 to clear_refs)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


async def http(host, port, method, path, body=b"", headers=None, timeout=30):
    """One request on its own connection: (status, headers, body, seconds)."""
    started = time.monotonic()
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close",
             f"Origin: http://{host}:{port}"]
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    if body:
        lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(-1), timeout)
    writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    head = head.decode("latin-1").split("\r\n")
    status = int(head[0].split()[1]) if head and len(head[0].split()) > 1 else 0
    hdrs = {}
    for line in head[1:]:
        k, _, v = line.partition(":")
        hdrs.setdefault(k.strip().lower(), []).append(v.strip())
    if "chunked" in ",".join(hdrs.get("transfer-encoding", [])):
        rest = dechunk(rest)
    return status, hdrs, rest, time.monotonic() - started


def dechunk(data):
    out, i = b"", 0
    while True:
        j = data.find(b"\r\n", i)
        if j < 0:
            return out
        size = int(data[i:j].split(b";")[0] or b"0", 16)
        if size == 0:
            return out
        out += data[j + 2:j + 2 + size]
        i = j + 2 + size + 2


def form(fields):
    from urllib.parse import urlencode
    return urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def healthz_latency(host, port, samples, stop):
    while not stop.is_set():
        try:
            status, _, _, took = await http(host, port, "GET", "/healthz", timeout=10)
            samples.append(took if status == 200 else float("inf"))
        except Exception:
            samples.append(float("inf"))
        await asyncio.sleep(0.05)


def ms(x):
    return "∞" if x == float("inf") else f"{x * 1000:.1f} ms"


async def logins(url, pid, n):
    u = urlparse(url)
    reset_peak(pid)
    before, _ = memory(pid)
    samples, stop = [], asyncio.Event()
    watcher = asyncio.create_task(healthz_latency(u.hostname, u.port, samples, stop))
    await asyncio.sleep(0.3)
    started = time.monotonic()
    # Each from an address of its own (behind the proxy the server trusts, 127.0.0.1), as a
    # crowd or a botnet would come: no limit per address spares the hashing.
    results = await asyncio.gather(*[
        http(u.hostname, u.port, "POST", "/api/login",
             form({"case_number": str(30000000 + i), "access_code": "000000"}),
             {**FORM, "X-Forwarded-For": f"10.{i >> 16}.{(i >> 8) & 255}.{i & 255}"},
             timeout=60)
        for i in range(n)], return_exceptions=True)
    took = time.monotonic() - started
    stop.set()
    await watcher
    _, peak = memory(pid)
    statuses = {}
    for r in results:
        key = type(r).__name__ if isinstance(r, Exception) else r[0]
        statuses[key] = statuses.get(key, 0) + 1
    print(f"{n} simultaneous logins from {n} addresses in {took:.1f} s: answers {statuses}")
    print(f"memory: {before:.0f} MB before, peak {peak:.0f} MB")
    if samples:
        print(f"/healthz meanwhile: median {ms(statistics.median(samples))}, worst {ms(max(samples))} ({len(samples)} tries)")


def open_files(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return -1


async def hold(url, n, seconds):
    """Keep N connections that never finish their request open for SECONDS: each one the
    server lets go is opened again at once, as an attacker would."""
    u = urlparse(url)
    deadline = time.monotonic() + seconds
    opened, failed = [0], [0]

    async def one():
        while time.monotonic() < deadline:
            try:
                reader, writer = await asyncio.open_connection(u.hostname, u.port)
            except OSError:
                failed[0] += 1
                await asyncio.sleep(0.1)
                continue
            opened[0] += 1
            writer.write(f"GET / HTTP/1.1\r\nHost: {u.hostname}\r\nX-Slow: ".encode())
            try:
                left = deadline - time.monotonic()
                await asyncio.wait_for(reader.read(-1), max(left, 0.01))
            except (asyncio.TimeoutError, OSError):
                pass
            writer.close()

    await asyncio.gather(*[one() for _ in range(n)])
    print(f"held {n} half-open connections for {seconds} s: {opened[0]} opened in all, "
          f"{failed[0]} refused")


async def meanwhile(url, pid, seconds):
    """While others attack: /healthz every 50 ms and a login now and then; what the server
    holds."""
    u = urlparse(url)
    samples, logins = [], []
    deadline = time.monotonic() + seconds
    most_files = 0
    while time.monotonic() < deadline:
        try:
            status, _, _, took = await http(u.hostname, u.port, "GET", "/healthz", timeout=10)
            samples.append(took if status == 200 else float("inf"))
        except Exception:
            samples.append(float("inf"))
        most_files = max(most_files, open_files(pid))
        if len(samples) % 40 == 0:
            try:
                status, _, _, took = await http(
                    u.hostname, u.port, "POST", "/api/login",
                    form({"case_number": "20250001", "access_code": "739214"}), FORM)
                logins.append((status, took))
            except Exception as e:
                logins.append((type(e).__name__, float("inf")))
        await asyncio.sleep(0.05)
    rss, peak = memory(pid)
    samples.sort()
    print(f"/healthz meanwhile: {len(samples)} tries, median {ms(quantile(samples, 0.5))}, "
          f"p99 {ms(quantile(samples, 0.99))}, worst {ms(samples[-1] if samples else 0)}, "
          f"failed {sum(1 for x in samples if x == float('inf'))}")
    ok = [t for s, t in logins if s == 200]
    others = sorted(set(str(s) for s, _ in logins if s != 200))
    print(f"logins meanwhile: {len(ok)} of {len(logins)} answered 200"
          + (f", slowest {ms(max(ok))}" if ok else "") + (f"; others: {others}" if others else ""))
    print(f"server: at most {most_files} open files, memory {rss:.0f} MB (peak {peak:.0f} MB)")


async def debtor(u, think, latencies, errors, deadline, rng):
    """One simulated debtor, over and over until the deadline: log in, open the case page,
    open the plan page (its preview is rendered on the server), log out; between steps the
    debtor reads for `think` seconds on average (0.5 to 1.5 times it)."""
    host, port = u.hostname, u.port
    browser = {"Accept-Encoding": "br, gzip"}
    # Start spread out, as visitors do.
    await asyncio.sleep(rng.uniform(0, 2 * think))
    i = rng.randrange(len(DEMO))
    while time.monotonic() < deadline:
        case, code = DEMO[i % len(DEMO)]
        i += 1
        try:
            status, hdrs, _, took = await http(
                host, port, "POST", "/api/login",
                form({"case_number": case, "access_code": code}), {**FORM, **browser})
            latencies.setdefault("login", []).append(took)
            cookie = next((c.split(";")[0] for c in hdrs.get("set-cookie", [])
                           if c.startswith("innfri_session=")), None)
            if status != 200 or not cookie:
                errors.append(f"login {status}")
                await asyncio.sleep(think)
                continue
            jar = {"Cookie": cookie, **browser}
            for step, method, path in [
                ("case page", "GET", f"/sak/{case}"),
                ("plan page", "GET", f"/sak/{case}/nedbetaling"),
                ("logout", "POST", "/api/logout"),
            ]:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                status, _, _, took = await http(host, port, method, path, b"", jar)
                latencies.setdefault(step, []).append(took)
                if status >= 400:
                    errors.append(f"{step} {status}")
        except Exception as e:
            errors.append(type(e).__name__)
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))


def quantile(sorted_values, q):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


async def debtors(url, pid, n, seconds, think):
    import random
    u = urlparse(url)
    reset_peak(pid)
    latencies, errors = {}, []
    rng = random.Random(20261201)
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(*[debtor(u, think, latencies, errors, deadline, rng) for _ in range(n)])
    took = time.monotonic() - started
    _, peak = memory(pid)
    every = sorted(x for xs in latencies.values() for x in xs)
    print(f"{n} debtors for {seconds} s (thinking {think} s between steps): "
          f"{len(every)} requests, {len(every) / took:.0f} req/s, "
          f"p50 {ms(quantile(every, 0.50))}, p99 {ms(quantile(every, 0.99))}, "
          f"errors {len(errors)}" + (f" ({sorted(set(errors))[:5]})" if errors else "")
          + f", peak memory {peak:.0f} MB")
    for step in ["login", "case page", "plan page", "logout"]:
        xs = sorted(latencies.get(step, []))
        print(f"  {step:10} {len(xs):6} requests, p50 {ms(quantile(xs, 0.50))}, "
              f"p99 {ms(quantile(xs, 0.99))}, worst {ms(xs[-1] if xs else 0)}")


async def streams(url, pid, n):
    """N open change streams of one logged-in debtor: the server's memory per stream, and how
    long one message takes to reach all of them."""
    u = urlparse(url)
    status, hdrs, _, _ = await http(u.hostname, u.port, "POST", "/api/login",
                                    form({"case_number": "20250002", "access_code": "482915"}),
                                    FORM)
    cookie = next((c.split(";")[0] for c in hdrs.get("set-cookie", [])
                   if c.startswith("innfri_session=")), None)
    if cookie is None:
        print(f"login failed ({status})")
        return
    await asyncio.sleep(0.5)
    before, _ = memory(pid)
    opened = []

    async def one():
        reader, writer = await asyncio.open_connection(u.hostname, u.port)
        writer.write((f"GET /sak/20250002/hendelser HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
                      f"Cookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n").encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(head.split(b"\r\n")[0].decode())
        opened.append((reader, writer))

    results = await asyncio.gather(*[one() for _ in range(n)], return_exceptions=True)
    failed = [r for r in results if isinstance(r, Exception)]
    await asyncio.sleep(2)
    after, _ = memory(pid)
    print(f"{len(opened)} open change streams ({len(failed)} failed): server memory "
          f"{before:.1f} MB before, {after:.1f} MB after, "
          f"{(after - before) * 1024 / max(len(opened), 1):.1f} kB a stream")

    async def heard(reader):
        while True:
            line = await reader.readline()
            if not line:
                return None
            if line.startswith(b"event: change"):
                return time.monotonic()

    waiting = [asyncio.create_task(heard(r)) for r, _ in opened]
    boundary = "probe"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"submission_id\"\r\n\r\n"
            f"probe-{time.time_ns()}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f"name=\"body\"\r\n\r\nHei fra målingen.\r\n--{boundary}--\r\n").encode()
    sent_at = time.monotonic()
    status, _, _, _ = await http(u.hostname, u.port, "POST", "/sak/20250002/meldinger/send", body,
                                 {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                  "Accept": "application/json", "Cookie": cookie})
    times = await asyncio.wait_for(asyncio.gather(*waiting), 30)
    got = sorted(t - sent_at for t in times if t is not None)
    if got:
        print(f"one message (answer {status}) reached {len(got)} of {len(opened)} streams: "
              f"median {ms(statistics.median(got))}, last {ms(got[-1])}")
    for _, w in opened:
        w.close()


async def send_to_display(url, n):
    """N messages, one after another: from the moment one is sent until an open page of the
    case has heard the change and fetched the conversation holding it (what a page does)."""
    u = urlparse(url)
    _, hdrs, _, _ = await http(u.hostname, u.port, "POST", "/api/login",
                               form({"case_number": "20250044", "access_code": "318277"}), FORM)
    cookie = next(c.split(";")[0] for c in hdrs.get("set-cookie", [])
                  if c.startswith("innfri_session="))
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    writer.write((f"GET /sak/20250044/hendelser HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
                  f"Cookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")
    await asyncio.sleep(0.5)
    boundary = "probe"
    times = []
    for i in range(n):
        text = f"Måling {i} {time.time_ns()}"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"submission_id\"\r\n\r\n"
                f"latency-{time.time_ns()}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f"name=\"body\"\r\n\r\n{text}\r\n--{boundary}--\r\n").encode()
        started = time.monotonic()
        sent = asyncio.create_task(http(
            u.hostname, u.port, "POST", "/sak/20250044/meldinger/send", body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}",
             "Accept": "application/json", "Cookie": cookie}))
        while not (await reader.readline()).startswith(b"event: change"):
            pass
        status, _, page, _ = await http(
            u.hostname, u.port, "POST", "/api/conversation",
            form({"case_number": "20250044", "before": ""}), {**FORM, "Cookie": cookie})
        took = time.monotonic() - started
        await sent
        if status != 200 or text.encode() not in page:
            print(f"message {i}: the page did not show it ({status})")
            continue
        times.append(took)
        # The limit is 20 messages in 10 minutes: stay under it.
    writer.close()
    if times:
        times.sort()
        print(f"send to display, {len(times)} messages: median {ms(statistics.median(times))}, "
              f"worst {ms(times[-1])}")


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(2)
    what, url, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    if what == "logins":
        asyncio.run(logins(url, pid, n))
    elif what == "hold":
        asyncio.run(hold(url, n, int(sys.argv[5]) if len(sys.argv) > 5 else 30))
    elif what == "meanwhile":
        asyncio.run(meanwhile(url, pid, n))
    elif what == "latency":
        asyncio.run(send_to_display(url, n))
    elif what == "streams":
        asyncio.run(streams(url, pid, n))
    elif what == "debtors":
        seconds = int(sys.argv[5]) if len(sys.argv) > 5 else 60
        think = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
        asyncio.run(debtors(url, pid, n, seconds, think))
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
