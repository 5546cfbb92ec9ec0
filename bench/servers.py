"""Start and stop the servers the benchmark compares, each in its own process group on loopback.

Every server is a ``Server``: started with ``start_new_session`` so that stopping it (SIGTERM,
then SIGKILL after a grace period) reaches every process it spawned (our query workers too).
Readiness is polled with a bounded loop; a server that is not ready in time is stopped and
reported, never waited on forever.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
ASK_TRIVIAL = "ASK { }"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def tree_rss(pid: int) -> int:
    """Resident set size in bytes of ``pid`` and all its descendants (0 if gone)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


class PeakSampler:
    """Samples the RSS of a process tree every ``interval_s`` in a thread; keeps the peak."""

    def __init__(self, pid: int, interval_s: float = 0.02) -> None:
        self.pid = pid
        self.peak = 0
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self._interval_s)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class Server:
    """A running server process group and the URL of its SPARQL endpoint."""

    name: str
    process: subprocess.Popen[bytes]
    sparql_url: str
    log: Path
    started_s: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss(self) -> int:
        """RSS of the server and every process it started (query workers included)."""
        return tree_rss(self.process.pid)

    def stop(self, grace_s: float = 10.0) -> None:
        """SIGTERM the process group, SIGKILL it after ``grace_s``; safe to call twice."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace_s)
        # Children (query workers) may outlive the leader: kill what is left of the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


def spawn(name: str, argv: list[str], log: Path, *, env: dict[str, str] | None = None) -> Server:
    """Start ``argv`` in a new session with output to ``log``; the URL is set by the caller."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
    return Server(name, process, "", log)


def sparql_get(
    url: str, query: str, *, accept: str = "application/sparql-results+json", timeout: float = 30
) -> tuple[int, bytes]:
    """One GET of ``query`` on a SPARQL endpoint with a fresh connection: (status, body)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(
            "GET",
            f"{parts.path}?{urllib.parse.urlencode({'query': query})}",
            headers={"Accept": accept},
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(
    server: Server, *, limit_s: float, probe: Callable[[], bool] | None = None
) -> float | None:
    """Poll until the endpoint answers a trivial ASK with 200; seconds taken, or None.

    The loop ends by itself: on success, when the process exits, or after ``limit_s``.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        if server.process.poll() is not None:
            server.notes.append(f"exited with code {server.process.returncode}")
            return None
        try:
            ok = probe() if probe else sparql_get(server.sparql_url, ASK_TRIVIAL, timeout=5)[0]
            if ok is True or ok == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.02)
    return None


def kg_has_command(command: str, option: str | None = None) -> tuple[bool, str]:
    """Whether ``kg COMMAND --help`` exists (and mentions ``option``); with a reason if not."""
    kg = BIN / "kg"
    try:
        result = subprocess.run(
            [str(kg), command, "--help"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"kg {command} --help failed: {exc}"
    if result.returncode != 0:
        return False, f"`kg {command}` does not exist in this checkout"
    if option and option not in result.stdout:
        return False, f"`kg {command}` has no {option} option in this checkout"
    return True, ""


def start_kg(
    dist: Path,
    logs: Path,
    *,
    endpoint: str | None = None,
    store_dir: Path | None = None,
    limit_s: float = 300,
) -> Server:
    """``kg serve --dist DIR`` (or ``--endpoint URL``, or ``--store-dir``: workers sharing an
    on-disk store) on a free port; ready or stopped."""
    port = free_port()
    argv = [str(BIN / "kg"), "serve", "--host", HOST, "--port", str(port), "--dist", str(dist)]
    if endpoint:
        argv += ["--endpoint", endpoint]
    if store_dir:
        argv += ["--store-dir", str(store_dir)]
    name = "kg-remote" if endpoint else "kg-disk" if store_dir else "kg"
    server = spawn(name, argv, logs / f"{name}-{port}.log")
    server.sparql_url = f"http://{HOST}:{port}/sparql"
    return _ready_or_stop(server, limit_s)


def load_oxigraph(nq: Path, location: Path, *, limit_s: float = 900) -> float:
    """``oxigraph load`` the N-Quads file into a fresh on-disk store; seconds taken.

    Raises:
        RuntimeError: the load failed or passed ``limit_s``.
    """
    shutil.rmtree(location, ignore_errors=True)
    started = time.perf_counter()
    argv = [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(nq)]
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=limit_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise RuntimeError(f"oxigraph load did not finish within {limit_s:g} s") from None
    if process.returncode != 0:
        raise RuntimeError(f"oxigraph load failed: {err.decode(errors='replace')[-500:]}")
    return time.perf_counter() - started


def start_oxigraph(location: Path, logs: Path, *, limit_s: float = 120) -> Server:
    """``oxigraph serve`` over an on-disk store, union default graph, read-only queries."""
    port = free_port()
    argv = [
        str(BIN / "oxigraph"),
        "serve",
        "--location",
        str(location),
        "--bind",
        f"{HOST}:{port}",
        "--union-default-graph",
        "--timeout-s",
        "60",
    ]
    server = spawn("oxigraph", argv, logs / f"oxigraph-{port}.log")
    server.sparql_url = f"http://{HOST}:{port}/query"
    return _ready_or_stop(server, limit_s)


def start_rdflib_endpoint(nq: Path, logs: Path, *, limit_s: float) -> Server:
    """``rdflib-endpoint serve FILE`` (rdflib Dataset, union default graph) on a free port."""
    port = free_port()
    argv = [
        str(BIN / "rdflib-endpoint"),
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        str(nq),
    ]
    server = spawn("rdflib-endpoint", argv, logs / f"rdflib-endpoint-{port}.log")
    server.sparql_url = f"http://{HOST}:{port}/"
    return _ready_or_stop(server, limit_s)


def _ready_or_stop(server: Server, limit_s: float) -> Server:
    """Wait for the server; stop it and raise if it does not answer within ``limit_s``.

    Raises:
        RuntimeError: "did not load within X s" or the process exited (its log tail).
    """
    seconds = wait_ready(server, limit_s=limit_s)
    if seconds is None:
        exited = server.process.poll() is not None
        server.stop()
        if exited:
            tail = server.log.read_text(errors="replace")[-400:].strip()
            raise RuntimeError(f"{server.name} exited before answering: {tail}")
        raise RuntimeError(f"{server.name} did not load within {limit_s:g} s")
    server.started_s = seconds
    return server
