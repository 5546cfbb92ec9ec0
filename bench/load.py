"""A bounded load test on loopback: 50 concurrent clients against a real ``kg serve``.

Two phases over the real graph, each a fixed duration (it stops by itself):

1. light only: every client sends SPARQL lookups and ``/api/ask`` questions, in turn;
2. mixed: the same, while a few clients send a heavy query (a cross product) that runs into
   the time limit and is stopped (503, intended).

Prints requests served, errors (anything but 200, other than the heavy queries' intended
503), and p50/p99 of the light requests in each phase, with the ratio of the two p99s (target:
at most 3). ``make load``, or ``python -m bench.load --clients 50 --seconds 60``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.questions import QUESTIONS

LOOKUPS = tuple(
    "SELECT ?label WHERE { <https://w3id.org/kz-legal-kg/id/agency/" + key + "> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    for key in ("gpo", "mvd", "knb", "afm", "minfin")
)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Tally:
    """What one phase saw."""

    light_ms: list[float] = field(default_factory=list)
    heavy_ms: list[float] = field(default_factory=list)
    heavy_stopped: int = 0  # heavy queries answered 503 at the time limit, as intended
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def summary(self) -> dict[str, Any]:
        light = sorted(self.light_ms)
        return {
            "light_served": len(light),
            "light_p50_ms": round(statistics.median(light), 2) if light else None,
            "light_p99_ms": round(light[int(0.99 * (len(light) - 1))], 2) if light else None,
            "heavy_answered": len(self.heavy_ms),
            "heavy_stopped_503": self.heavy_stopped,
            "errors": dict(self.errors),
        }


def light_request(i: int) -> tuple[str, dict[str, str]]:
    """The i-th light request: SPARQL lookups and questions, alternating."""
    if i % 2:
        return "/api/ask", {"q": QUESTIONS[(i // 2) % len(QUESTIONS)]}
    return "/sparql", {"query": LOOKUPS[(i // 2) % len(LOOKUPS)]}


async def light_client(client: httpx.AsyncClient, seed: int, until: float, tally: Tally) -> None:
    i = seed
    while time.monotonic() < until:
        path, params = light_request(i)
        i += 1
        started = time.perf_counter()
        try:
            response = await client.get(path, params=params)
        except httpx.HTTPError as exc:
            tally.error(f"{path}: {type(exc).__name__}")
            continue
        if response.status_code == 200:
            tally.light_ms.append((time.perf_counter() - started) * 1000)
        else:
            tally.error(f"{path}: HTTP {response.status_code}")


async def heavy_client(client: httpx.AsyncClient, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            response = await client.get("/sparql", params={"query": HEAVY})
        except httpx.HTTPError as exc:
            tally.error(f"heavy: {type(exc).__name__}")
            continue
        tally.heavy_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code == 503 and "time limit" in response.text:
            tally.heavy_stopped += 1
        else:
            tally.error(f"heavy: HTTP {response.status_code}")


async def phase(base: str, clients: int, heavy: int, seconds: float) -> Tally:
    """Run ``clients`` clients for ``seconds``; ``heavy`` of them send the heavy query."""
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        until = time.monotonic() + seconds
        tasks = [heavy_client(client, until, tally) for _ in range(heavy)]
        tasks += [light_client(client, n * 7, until, tally) for n in range(clients - heavy)]
        await asyncio.gather(*tasks)
    return tally


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(dist: Path, port: int, timeout_s: float) -> subprocess.Popen[bytes]:
    kg = Path(sys.executable).with_name("kg")
    env = {**os.environ, "KG_SPARQL_TIMEOUT_S": str(timeout_s)}
    server = subprocess.Popen(
        [str(kg), "serve", "--port", str(port), "--dist", str(dist)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("kg serve did not answer /health within 60 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--heavy", type=int, default=2, help="clients sending the heavy query")
    parser.add_argument("--seconds", type=float, default=60, help="length of each phase")
    parser.add_argument("--timeout", type=float, default=2, help="the server's query time limit")
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--out", type=Path, default=Path("bench/results/load.json"))
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.dist, port, args.timeout)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(phase(base, 4, 0, 3))  # warm-up: lexicon built, connections open
        light = asyncio.run(phase(base, args.clients, 0, args.seconds)).summary()
        mixed = asyncio.run(phase(base, args.clients, args.heavy, args.seconds)).summary()
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = (
        mixed["light_p99_ms"] / light["light_p99_ms"]
        if mixed["light_p99_ms"] and light["light_p99_ms"]
        else None
    )
    print(
        f"\nLoad: {args.clients} clients, {args.seconds:g} s per phase, "
        f"query time limit {args.timeout:g} s, loopback\n"
    )
    print("| phase | light served | errors | light p50 ms | light p99 ms | heavy stopped (503) |")
    print("|---|---|---|---|---|---|")
    for name, found in (("light only", light), (f"+ {args.heavy} heavy clients", mixed)):
        errors = sum(found["errors"].values())
        print(
            f"| {name} | {found['light_served']} | {errors} | {found['light_p50_ms']} | "
            f"{found['light_p99_ms']} | {found['heavy_stopped_503']} |"
        )
    if ratio is not None:
        verdict = "PASS" if ratio <= 3 else "MISS"
        print(f"\nlight p99 with heavy ÷ without: {ratio:.2f}× (target ≤ 3×) {verdict}")
    for name, found in (("light", light), ("mixed", mixed)):
        if found["errors"]:
            print(f"errors ({name}): {found['errors']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"clients": args.clients, "seconds": args.seconds, "light": light, "mixed": mixed}
    args.out.write_text(json.dumps({**payload, "p99_ratio": ratio}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
