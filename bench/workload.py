"""The six queries, bound from the corpus, and the bounded HTTP loops that time them.

Each query file names the variable it binds (``# Bind ?x``); ``bound`` appends a ``VALUES``
clause with terms already in N-Triples syntax (taken from the corpus, never user input). Every
loop stops after ``n`` requests or ``budget_s`` seconds, whichever comes first; each request has
its own timeout.
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUERIES_DIR = Path(__file__).parent / "queries"
# Heavy queries (joins, paths, aggregation) versus lookups: the targets differ (1.1× / 1.3×).
HEAVY = frozenset({"meeting-participations", "amendment-chain", "statistics-by-indicator"})
LOOKUP_MIX = ("body-actions", "label-search", "describe-body")
SELECT_JSON = "application/sparql-results+json"
GRAPH_TURTLE = "text/turtle"
_BIND = re.compile(r"Bind \?(\w+)")
_GRAPH_FORM = re.compile(r"^\s*(DESCRIBE|CONSTRUCT)\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    variable: str

    @property
    def accept(self) -> str:
        return GRAPH_TURTLE if _GRAPH_FORM.search(self.text) else SELECT_JSON

    @property
    def heavy(self) -> bool:
        return self.name in HEAVY

    def bound(self, term: str) -> str:
        return f"{self.text.rstrip()}\nVALUES ?{self.variable} {{ {term} }}\n"


def load_queries() -> list[Query]:
    """The ``bench/queries/*.rq`` files in name order; the PREFIX lines are in each file."""
    queries = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found = _BIND.search(text)
        if not found:
            raise ValueError(f"{path}: names no variable to bind (# Bind ?x)")
        queries.append(Query(path.stem, text, found.group(1)))
    return queries


@dataclass
class Timing:
    """Latencies in milliseconds of one loop, and what went wrong, if anything."""

    times_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    result_bytes: int = 0
    rows: int | None = None  # solutions (SELECT) or lines (graphs) of the first answer

    @property
    def n(self) -> int:
        return len(self.times_ms)

    def percentile(self, q: float) -> float | None:
        if not self.times_ms:
            return None
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def p50(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms else None

    @property
    def p95(self) -> float | None:
        return self.percentile(0.95)

    @property
    def throughput(self) -> float | None:
        return self.n / self.elapsed_s if self.elapsed_s > 0 and self.n else None

    def summary(self) -> dict[str, object]:
        return {
            "n": self.n,
            "p50_ms": _round(self.p50),
            "p95_ms": _round(self.p95),
            "max_ms": _round(max(self.times_ms) if self.times_ms else None),
            "throughput_per_s": _round(self.throughput),
            "errors": self.errors[:3],
            "result_bytes": self.result_bytes,
            "rows": self.rows,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


class Connection:
    """One keep-alive HTTP/1.1 connection to a SPARQL endpoint; reconnects after an error."""

    def __init__(self, url: str, timeout_s: float, *, param: str = "query") -> None:
        self._param = param
        parts = urllib.parse.urlsplit(url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port
        self._path = parts.path or "/"
        self._timeout_s = timeout_s
        self._conn: http.client.HTTPConnection | None = None

    def get(self, query: str, accept: str) -> tuple[int, bytes]:
        """GET the endpoint with ``query=`` (or the parameter given)."""
        return self.fetch(f"{self._path}?{urllib.parse.urlencode({self._param: query})}", accept)

    def fetch(self, target: str, accept: str) -> tuple[int, bytes]:
        """GET ``target`` (path and query string) on the same host."""
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout_s)
        try:
            self._conn.request("GET", target, headers={"Accept": accept})
            response = self._conn.getresponse()
            return response.status, response.read()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def sequential(
    url: str,
    texts: Sequence[tuple[str, str]],
    *,
    n: int,
    budget_s: float,
    warmup: int = 2,
    timeout_s: float = 30,
    param: str = "query",
) -> Timing:
    """Time ``n`` requests (``texts`` = (query, accept) in turn) one after another.

    Stops early after ``budget_s`` or at the first error (a timeout leaves a server busy).
    """
    timing = Timing()
    conn = Connection(url, timeout_s, param=param)
    try:
        for i in range(min(warmup, len(texts))):
            if not _one(conn, texts[i], timing, record=False):
                return timing
        started = time.perf_counter()
        for i in range(n):
            if not _one(conn, texts[i % len(texts)], timing, record=True):
                break
            if time.perf_counter() - started > budget_s:
                break
        timing.elapsed_s = time.perf_counter() - started
    finally:
        conn.close()
    return timing


def _one(conn: Connection, text: tuple[str, str], timing: Timing, *, record: bool) -> bool:
    start = time.perf_counter()
    try:
        status, body = conn.get(*text)
    except (OSError, http.client.HTTPException) as exc:
        timing.errors.append(f"{type(exc).__name__}: {exc}"[:200])
        return False
    took = (time.perf_counter() - start) * 1000
    if status != 200:
        timing.errors.append(f"HTTP {status}: {body[:200].decode(errors='replace')}")
        return False
    if record:
        timing.times_ms.append(took)
        timing.result_bytes = max(timing.result_bytes, len(body))
        if timing.rows is None:
            timing.rows = count_rows(body, text[1])
    return True


def count_rows(body: bytes, accept: str) -> int | None:
    """Solutions in a SPARQL JSON result, or statements (non-blank lines) in a graph answer."""
    if accept == SELECT_JSON:
        try:
            return len(json.loads(body)["results"]["bindings"])
        except (ValueError, KeyError, TypeError):
            return None
    return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"@"))


def concurrent(
    url: str,
    texts: Sequence[tuple[str, str]],
    *,
    clients: int,
    n: int,
    budget_s: float,
    timeout_s: float = 30,
) -> Timing:
    """``clients`` threads, each with its own connection, share ``n`` requests for ``budget_s``.

    Throughput is completed requests over wall time; latencies are per request.
    """
    timing = Timing()
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + budget_s
    stop = threading.Event()

    def client(offset: int) -> None:
        nonlocal issued
        conn = Connection(url, timeout_s)
        local = Timing()
        try:
            _one(conn, texts[offset % len(texts)], local, record=False)  # connect, warm
            barrier.wait(timeout=timeout_s)
            i = offset
            while not stop.is_set() and time.perf_counter() < deadline:
                with lock:
                    if issued >= n:
                        break
                    issued += 1
                if not _one(conn, texts[i % len(texts)], local, record=True):
                    stop.set()
                    break
                i += 1
        except threading.BrokenBarrierError:
            local.errors.append("a client did not connect in time")
        finally:
            conn.close()
            with lock:
                timing.times_ms.extend(local.times_ms)
                timing.errors.extend(local.errors)

    barrier = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for thread in threads:
        thread.start()
    try:
        barrier.wait(timeout=timeout_s)
    except threading.BrokenBarrierError:
        stop.set()
    started = time.perf_counter()
    deadline = started + budget_s
    for thread in threads:
        thread.join(timeout=budget_s + timeout_s + 5)
    timing.elapsed_s = time.perf_counter() - started
    stop.set()
    return timing
