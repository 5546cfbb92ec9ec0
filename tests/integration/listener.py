"""A loopback TCP port that must stay silent: it records every connection made to it.

The no-outbound tests point hostile input (SERVICE, LOAD, remote JSON-LD contexts, external XML
entities, graph IRIs) at ``Listener.url(...)`` and then assert ``listener.connections == []``.
It answers nothing: a client that does connect gets its bytes read and the connection closed,
so a fetch fails fast instead of hanging the test.
"""

from __future__ import annotations

import select
import socket
import threading
from dataclasses import dataclass, field
from types import TracebackType


@dataclass
class Connection:
    """One accepted connection: the peer's address and the bytes it sent before going quiet."""

    peer: tuple[str, int]
    data: bytearray = field(default_factory=bytearray)


class Listener:
    """A TCP server on a free port of 127.0.0.1, accepting in a thread; a context manager."""

    def __init__(self, *, idle_s: float = 0.3) -> None:
        self._idle_s = idle_s  # a connection is closed after this long without bytes
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.setblocking(False)
        self._lock = threading.Lock()
        self._connections: list[Connection] = []
        self._readers: list[threading.Thread] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="listener", daemon=True)

    @property
    def port(self) -> int:
        port: int = self._sock.getsockname()[1]
        return port

    def url(self, path: str = "/") -> str:
        """``http://127.0.0.1:{port}{path}``."""
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def connections(self) -> list[Connection]:
        """Every connection so far, including those still waiting in the accept queue: a
        connect() that returned before this call is always counted."""
        self._accept_pending()
        with self._lock:
            return list(self._connections)

    def wait_for_readers(self, timeout_s: float = 5.0) -> None:
        """Wait until every accepted connection has been read and closed (for the self-test)."""
        with self._lock:
            readers = list(self._readers)
        for reader in readers:
            reader.join(timeout_s)

    def __enter__(self) -> Listener:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop accepting and close the port."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self._sock], [], [], 0.05)
            except (OSError, ValueError):  # closed under us
                return
            if ready:
                self._accept_pending()

    def _accept_pending(self) -> None:
        with self._lock:
            while True:
                try:
                    client, peer = self._sock.accept()
                except (BlockingIOError, OSError):
                    return
                connection = Connection(peer)
                self._connections.append(connection)
                reader = threading.Thread(
                    target=self._read, args=(client, connection), name="listener-read", daemon=True
                )
                self._readers.append(reader)
                reader.start()

    def _read(self, client: socket.socket, connection: Connection) -> None:
        client.settimeout(self._idle_s)
        with client:
            while len(connection.data) < 1_000_000:
                try:
                    chunk = client.recv(65536)
                except OSError:  # idle (timeout) or reset
                    return
                if not chunk:
                    return
                with self._lock:
                    connection.data.extend(chunk)
