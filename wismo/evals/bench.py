"""`wismo bench`: turn latency (p50/p95/p99) in-process and over HTTP, and throughput with
concurrent clients, on verified order-status turns against the current store.

The HTTP part starts a real server (uvicorn) on a free loopback port in a child process.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..config import get_settings
from ..domain.db import get_engine
from ..domain.store import Store
from .child import free_port, stop, wait_until_up

#: The nodes that wrap every engine: their sum is the guardrail overhead of a turn.
GUARDRAIL_NODES = ("screen", "authorize", "check")
#: Server workers for the HTTP part: one per core leaves ~15% of the CPU idle while workers wait
#: (sockets, hand-offs, the write gate); one more keeps every core busy (docs/performance.md).
DEFAULT_WORKERS = (os.cpu_count() or 1) + 1
QUESTIONS = ("where is my order?", "when will it arrive?", "what's the status of my package?")


def _percentiles(samples_ms: list[float]) -> dict[str, float]:
    if not samples_ms:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "mean": 0.0, "n": 0}
    xs = sorted(samples_ms)

    def pct(p: float) -> float:
        k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
        return round(xs[k], 2)

    return {"p50": pct(50), "p95": pct(95), "p99": pct(99), "mean": round(statistics.fmean(xs), 2), "n": len(xs)}


def _orders(n: int) -> list[dict]:
    rows = Store(get_engine(get_settings().store_url)).list_orders(limit=max(n, 50))
    return rows[:n]


def bench_inprocess(turns: int, progress: Callable[[str], None]) -> dict[str, Any]:
    from ..agent.runtime import Agent

    agent = Agent()
    orders = _orders(50)
    samples: list[float] = []
    guardrails: list[float] = []
    nodes: dict[str, list[float]] = {}
    done = 0
    while done < turns:
        order = orders[done % len(orders)]
        cid = agent.start("api")
        agent.send(cid, f"order {order['order_number']} email {order['email']}")
        for q in QUESTIONS:
            t = time.perf_counter()
            reply = agent.send(cid, q)
            samples.append((time.perf_counter() - t) * 1000)
            for name, ms in reply.timings.items():
                nodes.setdefault(name, []).append(ms)
            guardrails.append(sum(reply.timings.get(n, 0.0) for n in GUARDRAIL_NODES))
            done += 1
        if done % 100 < len(QUESTIONS):
            progress(f"in-process: {done}/{turns} turns")
    return {
        **_percentiles(samples),
        "guardrail_overhead_ms": _percentiles(guardrails),
        "node_p50_ms": {name: _percentiles(v)["p50"] for name, v in sorted(nodes.items())},
    }


def _start_server(port: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "wismo", "serve", "--no-seed", "--port", str(port), "--workers", str(workers)]
    # The benchmark's clients all call from 127.0.0.1: the per-address chat rate limit is off for it.
    env = os.environ.copy() | {"WISMO_CHAT_RATE_PER_MIN": "0"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if wait_until_up(proc, f"http://127.0.0.1:{port}/healthz", 120):
        return proc
    proc.kill()
    raise RuntimeError("the benchmark server did not start within 120 s; is the machine busy?")


class _Client:
    """A keep-alive JSON client on the standard library: a load generator on the same 2 cores as
    the server must cost little CPU itself (httpx spends ~1 ms per request; this ~0.2 ms)."""

    def __init__(self, base: str, timeout: float = 30) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=timeout)

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
        r = self.conn.getresponse()
        return r.status, json.loads(r.read() or b"{}")

    def close(self) -> None:
        self.conn.close()


def _client_loop(base: str, orders: list[dict], turns: int, samples: list[float], errors: list[str]) -> None:
    """One simulated customer after another: each opens its own connection, starts a conversation,
    verifies with order number + email and asks the QUESTIONS."""
    done = 0
    i = 0
    while done < turns:
        order = orders[i % len(orders)]
        i += 1
        client = _Client(base)
        try:
            cid = client.post("/v1/conversations", {"channel": "api"})[1]["conversation_id"]
            client.post(f"/v1/conversations/{cid}/messages", {"text": f"{order['order_number']} {order['email']}"})
            for q in QUESTIONS:
                if done >= turns:
                    break
                t = time.perf_counter()
                status, _ = client.post(f"/v1/conversations/{cid}/messages", {"text": q})
                samples.append((time.perf_counter() - t) * 1000)
                if status != 200:
                    errors.append(f"{status}")
                done += 1
        finally:
            client.close()


def _cpu_busy() -> float:
    """Seconds of CPU time the whole machine has spent busy (Linux /proc/stat), or -inf."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return float("-inf")
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of the server and its worker processes, in MB (Linux /proc), else {}."""
    out: dict[str, float] = {}
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            pids += [int(p) for p in fh.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as fh:
                kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/cmdline", "rb") as fh:
                helper = b"resource_tracker" in fh.read()  # multiprocessing's bookkeeping process
        except (OSError, StopIteration, ValueError):
            continue
        name = "server" if p == pid else f"{'tracker' if helper else 'worker'}-{p}"
        out[name] = round(kb / 1024, 1)
    return out


def bench_http(turns: int, clients: int, workers: int, progress: Callable[[str], None]) -> dict[str, Any]:
    port = free_port()
    progress(f"http: starting a server with {workers} worker(s) on port {port}")
    proc = _start_server(port, workers)
    base = f"http://127.0.0.1:{port}"
    orders = _orders(200)
    try:
        # Warm up every worker.
        warm: list[float] = []
        _client_loop(base, orders, 12 * workers, warm, [])
        single: list[float] = []
        errors: list[str] = []
        progress(f"http: {turns} sequential turns")
        _client_loop(base, orders, turns, single, errors)
        progress(f"http: {turns * 2} turns from {clients} concurrent clients")
        conc: list[float] = []
        per_client = max(1, (turns * 2) // clients)
        threads = [
            threading.Thread(target=_client_loop, args=(base, orders[k::clients] or orders, per_client, conc, errors))
            for k in range(clients)
        ]
        t0 = time.perf_counter()
        busy0 = _cpu_busy()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        busy = _cpu_busy() - busy0
        memory = _rss_mb(proc.pid)
        # Each client also opened conversations and verified: count every request it made.
        requests = len(conc)
        return {
            "workers": workers,
            "sequential": _percentiles(single),
            "concurrent": {
                "clients": clients,
                **_percentiles(conc),
                "turns": requests,
                "seconds": round(elapsed, 2),
                "turns_per_second": round(requests / elapsed, 1),
                # Share of the machine's CPU time in use (server, clients and all) while they ran.
                "cpu_busy": round(busy / (elapsed * (os.cpu_count() or 1)), 2) if busy >= 0 else None,
            },
            "server_rss_mb": memory,
            "errors": len(errors),
        }
    finally:
        stop(proc)


def run_bench(
    turns: int = 400,
    clients: int = 8,
    http: bool = True,
    workers: int | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    settings = get_settings()
    result: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "database": "postgresql" if settings.uses_postgres else "sqlite",
        "engine": settings.engine,
        "turn": "verified order-status question",
    }
    progress("in-process latency")
    result["in_process"] = bench_inprocess(turns, progress)
    if http:
        result["http"] = bench_http(turns, clients, workers or DEFAULT_WORKERS, progress)
    return result


def format_bench(result: dict[str, Any]) -> str:
    lines = [f"wismo bench ({result['database']}, {result['engine']} engine, {result['machine']['cpus']} CPUs)"]
    ip = result["in_process"]
    lines.append(f"  in-process  p50 {ip['p50']} ms  p95 {ip['p95']} ms  p99 {ip['p99']} ms  (n={ip['n']})")
    g = ip["guardrail_overhead_ms"]
    lines.append(f"  guardrails  p50 {g['p50']} ms  p95 {g['p95']} ms  (screen + authorize + check)")
    if "http" in result:
        h = result["http"]
        s, c = h["sequential"], h["concurrent"]
        lines.append(f"  http        p50 {s['p50']} ms  p95 {s['p95']} ms  p99 {s['p99']} ms  (n={s['n']})")
        lines.append(
            f"  http x{c['clients']}     p50 {c['p50']} ms  p95 {c['p95']} ms  {c['turns_per_second']} turns/s "
            f"({h['workers']} workers, {h['errors']} errors, CPU {c.get('cpu_busy')})"
        )
        if h.get("server_rss_mb"):
            lines.append("  memory      " + ", ".join(f"{k} {v} MB" for k, v in h["server_rss_mb"].items()))
    return "\n".join(lines) + "\n" + json.dumps({"goal": "p50 <= 30 ms over HTTP, >= 100 turns/s with 8 clients"})
