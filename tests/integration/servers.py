"""Real SPARQL servers for the integration tests: an Oxigraph server on a free loopback port.

Virtuoso is started outside pytest, by ``scripts/virtuoso/test.sh`` (``make test-virtuoso``),
which passes its endpoint in ``KG_TEST_ENDPOINT``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def kg_serve(
    dist: Path,
    log: Path,
    *,
    env: Mapping[str, str] | None = None,
    endpoint: str | None = None,
    startup_s: float = 60.0,
) -> Iterator[str]:
    """Run ``kg serve`` over ``dist`` (or in front of ``endpoint``) on a free loopback port.

    Yields its base URL once /health answers; stops the process afterwards. The server's output
    goes to ``log``, which is quoted if it exits or never answers.

    Raises:
        RuntimeError: the server exited or did not answer within ``startup_s``.
    """
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--dist", str(dist)]
    if endpoint is not None:
        command += ["--endpoint", endpoint]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kg serve exited with {process.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not answer /health:\n{log.read_text()}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class OxigraphServer:
    """``oxigraph serve`` over ``location`` on 127.0.0.1:``port``; restartable in place."""

    location: Path
    port: int = field(default_factory=free_port)
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.base}/query"

    def start(self, *, wait_s: float = 30.0) -> None:
        """Start the server and wait until it answers a query."""
        binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
        assert binary, "the oxigraph CLI is missing: pip install oxigraph"
        command = [
            binary, "serve", "--location", str(self.location),
            "--bind", f"127.0.0.1:{self.port}", "--union-default-graph",
            "--timeout-s", "20",  # a query our service gave up on does not run on for ever
        ]  # fmt: skip
        log = (self.log or self.location.with_suffix(".log")).open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + wait_s
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}")
            try:
                answer = httpx.get(self.endpoint, params={"query": "ASK {}"}, timeout=1)
                if answer.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph serve did not answer on {self.base}")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (its data stay in ``location``)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@dataclass
class Stub:
    """A loopback HTTP server answering every request with one status, type and body, and
    keeping each request's method, path, headers and body."""

    status: int = 200
    media_type: str = "text/plain"
    body: bytes = b""
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                stub.requests.append((self.command, self.path, dict(self.headers), body))
                self.send_response(stub.status)
                self.send_header("Content-Type", stub.media_type)
                self.send_header("Content-Length", str(len(stub.body)))
                self.end_headers()
                self.wfile.write(stub.body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
