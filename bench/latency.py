"""Latency of the running service on the real graph: SPARQL lookups and /api/ask.

Starts `kg serve` on a free loopback port over a built dist/, sends N sequential requests of
each kind after a warm-up, prints p50/p95/max in milliseconds and stops the server. Run with
`make bench-latency` or `python -m bench.latency --requests 200`.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.questions import QUESTIONS

LOOKUP = (
    "SELECT ?label WHERE { <https://w3id.org/kz-legal-kg/id/agency/gpo> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed(
    client: httpx.Client, requests: int, send: Callable[[httpx.Client, int], httpx.Response]
) -> list[float]:
    """Milliseconds of ``requests`` sequential calls of ``send(client, i)``, each checked 200."""
    times = []
    for i in range(requests):
        start = time.perf_counter()
        response = send(client, i)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"| {name} | {len(times)} | {statistics.median(times):.2f} | {p95:.2f} | {times[-1]:.2f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    args = parser.parse_args()
    port = free_port()
    kg = Path(sys.executable).with_name("kg")
    server = subprocess.Popen(
        [str(kg), "serve", "--port", str(port), "--dist", str(args.dist)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            started = time.perf_counter()
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.perf_counter() - started > 30:
                    print("the server did not start", file=sys.stderr)
                    return 2
                time.sleep(0.05)
            print(f"cold start to first /health answer: {time.perf_counter() - started:.2f} s\n")

            def sparql(c: httpx.Client, i: int) -> httpx.Response:
                headers = {"Accept": "application/sparql-results+json"}
                return c.get("/sparql", params={"query": LOOKUP}, headers=headers)

            def ask(c: httpx.Client, i: int) -> httpx.Response:
                return c.get("/api/ask", params={"q": QUESTIONS[i % len(QUESTIONS)]})

            timed(client, 20, sparql), timed(client, 20, ask)  # warm-up
            print("| request | n | p50 ms | p95 ms | max ms |")
            print("|---|---|---|---|---|")
            report("SPARQL lookup (GET /sparql, JSON)", timed(client, args.requests, sparql))
            report("GET /api/ask (nine questions in turn)", timed(client, args.requests, ask))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
