"""A pool of worker processes, each with its own pyoxigraph store, so a query can be stopped.

pyoxigraph cannot interrupt a running query, so every query runs in a worker process that the
pool kills when the query passes the time limit; a fresh worker (spawned, loading
``dist/dataset.nq`` in milliseconds) takes its place in the background. A caller waits for a
free worker for at most the time limit too, so no request hangs.

With ``store_dir`` the workers share one on-disk store (``kg.store.disk``) opened read-only
instead of a copy in memory each; only then can the pool take writes (``update``): every worker
is held while one lands, and each reopens the store before its next query.

Workers serialise results themselves (pyoxigraph, capped at ``max_result_bytes``); the pool
sends back bytes. ``select``/``ask``/``construct``/``describe`` parse those bytes with pyoxigraph
again, so the QA code gets pyoxigraph terms as from ``MemoryStore``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Final

import pyoxigraph as ox

from kg import errors
from kg.errors import InvalidQuery, KgError, QueryTimeout, StoreUnavailable, WritesUnavailable
from kg.sparql import check_update
from kg.store.base import (
    RESULTS_JSON,
    TURTLE,
    Row,
    Serialised,
    Term,
    ask_boolean,
    select_rows,
    with_values,
)
from kg.store.disk import ensure_disk_store
from kg.store.memory import MemoryStore

log = logging.getLogger(__name__)

# Time a new worker may take to start and load the dataset.
STARTUP_TIMEOUT_S: Final = 120.0
# A query still running after this long runs on at a lower CPU priority (nice 10), so that the
# short queries of other clients, in other workers, are not slowed down by it.
SLOW_QUERY_S: Final = 0.2
LOW_PRIORITY: Final = 10
_N_TRIPLES: Final = "application/n-triples"


def _error(name: str, message: str) -> KgError:
    """Rebuild in the parent a KgError raised in a worker."""
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, KgError) and cls is not errors.SourceError:
        return cls(message)
    return KgError(message)


def _serve(
    conn: Connection, dist: Path, rocksdb: Path | None, max_result_bytes: int | None
) -> None:
    """A worker's main loop: load or open the store, then answer requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        if rocksdb is None:
            store = MemoryStore.from_dist(dist, max_result_bytes=max_result_bytes)
        else:
            store = MemoryStore.on_disk(rocksdb, max_result_bytes=max_result_bytes)
    except KgError as exc:
        conn.send(("error", type(exc).__name__, str(exc)))
        return
    except OSError as exc:  # RocksDB could not open the on-disk store
        conn.send(("error", "StoreUnavailable", f"{rocksdb}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if request is None:
            return
        if request == ("reopen",) and rocksdb is not None:
            # A write landed in the on-disk store: a read-only store sees it only when reopened.
            store.close()
            try:
                store = MemoryStore.on_disk(rocksdb, max_result_bytes=max_result_bytes)
            except OSError as exc:
                conn.send(("error", "StoreUnavailable", f"{rocksdb}: {exc}"))
                return
            conn.send(("ok", None))
            continue
        try:
            reply: tuple[Any, ...] = ("ok", _answer(store, request))
        except KgError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except Exception as exc:  # a bug, not the client's fault: report, keep serving
            reply = ("error", "KgError", f"internal error: {type(exc).__name__}: {exc}")
        conn.send(reply)


def _answer(store: MemoryStore, request: tuple[Any, ...]) -> Serialised:
    operation, *args = request
    if operation in ("serialise", "serialise-uncapped"):
        query, results_format, graph_format, default_graph, named_graphs = args
        return store.serialise(
            query,
            results_format=results_format,
            graph_format=graph_format,
            default_graph=default_graph,
            named_graphs=named_graphs,
            capped=operation == "serialise",
        )
    if operation == "describe":
        (iri,) = args
        body = ox.serialize(store.describe(iri), format=ox.RdfFormat.N_QUADS)
        assert body is not None  # serialize returns bytes when given no output
        return Serialised(body, ox.RdfFormat.N_QUADS.media_type)
    raise KgError(f"unknown operation {operation!r}")


def _apply_update(rocksdb: Path, update: str) -> str | None:
    """Run ``update`` in one transaction on a read-write handle; the error text, if it failed.

    The handle lives only in this frame, and no exception leaves it (a traceback would keep the
    handle, and RocksDB's lock, alive), so the store is closed when this returns.
    """
    store = ox.Store(str(rocksdb))
    try:
        store.update(update)
        store.flush()
    except Exception as exc:  # pyoxigraph raises SyntaxError, OSError or RuntimeError
        return f"{type(exc).__name__}: {exc}"
    finally:
        del store
    return None


def _set_priority(worker: _Worker, niceness: int) -> bool:
    """Set the worker process's nice value; False if the system refused (raising it back
    needs CAP_SYS_NICE)."""
    if worker.process.pid is None:  # not started; pid 0 would mean this process
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, worker.process.pid, niceness)
    except (OSError, ValueError):
        return False
    return True


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    generation: int = 0  # the pool's write generation the worker's store was opened at
    stopped: bool = False

    def stop(self) -> None:
        """Kill the process at once and release its pipe; calling it again does nothing."""
        if self.stopped:
            return
        self.stopped = True
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(Exception):
            self.process.close()


class PooledStore:
    """A ``Store`` that runs each query in one of ``workers`` processes, killed on timeout."""

    def __init__(
        self,
        dist: Path,
        *,
        workers: int = 2,
        timeout_s: float = 10.0,
        max_result_bytes: int | None = None,
        store_dir: Path | None = None,
    ) -> None:
        """Start the first worker and wait until it has loaded ``dist/dataset.nq``, or, with
        ``store_dir``, opened the on-disk copy of it there (made first when missing or stale);
        the other ``workers - 1`` start after it, in the background.

        Raises:
            NotFound: the built dataset is missing ("run kg build first").
            BuildError: the on-disk store cannot be written.
        """
        self._dist = dist
        self._rocksdb = None if store_dir is None else ensure_disk_store(dist, store_dir)
        self._size = max(1, workers)
        self._timeout_s = timeout_s
        self._max_result_bytes = max_result_bytes
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._write_lock = threading.Lock()
        self._generation = 0  # bumped by every write; workers behind it reopen their store
        # The first worker is awaited (its errors are the caller's: no dataset, bad store); the
        # others start once it answers, in the background, so the service answers as soon as
        # one worker is ready instead of after all of them shared the CPUs to start.
        first = self._start()
        try:
            self._await_ready(first)
        except BaseException:
            self.close()
            raise
        self._idle.put(first)
        self._rest = threading.Thread(target=self._start_rest, name="kg-worker-start", daemon=True)
        self._rest.start()

    def _start_rest(self) -> None:
        for _ in range(self._size - 1):
            self._add_worker()

    def _add_worker(self) -> None:
        """Start a worker and, once it is ready, make it available (unless the pool closed)."""
        if self._closed:
            return
        try:
            worker = self._start()
            self._await_ready(worker)
        except Exception:  # closed meanwhile, or the worker failed to start
            if not self._closed:
                log.exception("could not start a query worker")
            return
        if self._closed:
            self._discard(worker)
        else:
            self._idle.put(worker)

    def wait_until_all_started(self, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Block until every worker of the first start is ready (benchmarks measure that)."""
        self._rest.join(timeout_s)

    @property
    def timeout_s(self) -> float:
        """The time limit of one query, in seconds."""
        return self._timeout_s

    @property
    def workers(self) -> int:
        """How many worker processes the pool keeps."""
        return self._size

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self._dist, self._rocksdb, self._max_result_bytes),
            name="kg-query-worker",
            daemon=True,
        )
        generation = self._generation  # before the start: a write meanwhile makes it stale
        process.start()
        child.close()
        worker = _Worker(process, parent, generation)
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(STARTUP_TIMEOUT_S):
            self._discard(worker)
            raise StoreUnavailable(f"a query worker did not start in {STARTUP_TIMEOUT_S:g} s")
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise StoreUnavailable("a query worker stopped while loading the dataset") from exc
        if reply[0] != "ready":
            self._discard(worker)
            raise _error(reply[1], reply[2])

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background."""
        self._discard(worker)
        threading.Thread(target=self._add_worker, name="kg-worker-refill", daemon=True).start()

    def _call(self, *request: Any) -> Serialised:
        """Send one request to a free worker and wait for its answer, within the time limit.

        Raises:
            StoreUnavailable: the pool is closed, every worker stayed busy, or the worker died.
            QueryTimeout: the query ran past the limit; its worker was killed and replaced.
            KgError: what the worker raised (InvalidQuery, ResultTooLarge, …).
        """
        if self._closed:
            raise StoreUnavailable("the store is closed")
        try:
            worker = self._idle.get(timeout=self._timeout_s)
        except queue.Empty:
            raise StoreUnavailable(
                f"all {self._size} query workers stayed busy for {self._timeout_s:g} s; "
                "try again later"
            ) from None
        started = time.monotonic()
        try:
            if worker.generation != self._generation:
                self._reopen(worker)
            worker.conn.send(request)
            slow = not worker.conn.poll(min(SLOW_QUERY_S, self._timeout_s))
            if slow:
                # A long query yields the CPU to short ones: a bad query costs its sender.
                _set_priority(worker, LOW_PRIORITY)
            if slow and not worker.conn.poll(max(0.0, self._timeout_s - SLOW_QUERY_S)):
                self._replace(worker)
                raise QueryTimeout(
                    f"the query exceeded the {self._timeout_s:g} s time limit and was stopped"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise StoreUnavailable(
                "the query worker stopped while running the query; try again"
            ) from exc
        if slow and not _set_priority(worker, 0):
            self._replace(worker)  # its priority cannot be raised again (no CAP_SYS_NICE)
        else:
            self._idle.put(worker)
        log.debug("query answered in %.3f s", time.monotonic() - started)
        if reply[0] == "ok":
            result: Serialised = reply[1]
            return result
        raise _error(reply[1], reply[2])

    def _reopen(self, worker: _Worker) -> None:
        """Have ``worker`` reopen the on-disk store, to see the writes made since it opened."""
        generation = self._generation
        worker.conn.send(("reopen",))
        if not worker.conn.poll(STARTUP_TIMEOUT_S):
            raise EOFError("the worker did not reopen the store")
        reply = worker.conn.recv()
        if reply[0] != "ok":
            raise EOFError(reply[2])
        worker.generation = generation

    @property
    def writable(self) -> bool:
        """Whether writes can be kept: only in an on-disk store (``store_dir``)."""
        return self._rocksdb is not None

    def update(self, update: str) -> None:
        """Apply a SPARQL update to the on-disk store, whole or not at all (one transaction).

        Every worker is held idle meanwhile (at most the time limit is waited for the busy
        ones), so none reads while the files change; each reopens the store before its next
        query and sees the write.

        Raises:
            WritesUnavailable: the workers hold in-memory copies (no ``store_dir``).
            InvalidQuery: the update does not parse or fails, or uses LOAD or SERVICE
                (QueryRefused); nothing was written.
            StoreUnavailable: the workers stayed busy; nothing was written.
        """
        check_update(update)  # here too, not only in the router: LOAD would fetch a URL
        if self._rocksdb is None:
            raise WritesUnavailable(
                "writes need an on-disk store: start kg serve with --store-dir (KG_STORE_DIR)"
            )
        with self._write_lock:
            held: list[_Worker] = []
            deadline = time.monotonic() + self._timeout_s
            try:
                while len(held) < self._size:
                    try:
                        held.append(self._idle.get(timeout=max(0.0, deadline - time.monotonic())))
                    except queue.Empty:
                        raise StoreUnavailable(
                            f"the query workers stayed busy for {self._timeout_s:g} s; "
                            "nothing was written, try again"
                        ) from None
                failure = _apply_update(self._rocksdb, update)
                if failure is not None:
                    raise InvalidQuery(f"the update failed, nothing was written: {failure}")
                self._generation += 1
            finally:
                for worker in held:
                    self._idle.put(worker)

    def serialise(
        self,
        query: str,
        /,
        *,
        results_format: str = RESULTS_JSON,
        graph_format: str = TURTLE,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> Serialised:
        """Run any read query in a worker and return its serialised result (see ``Store``)."""
        return self._call(
            "serialise",
            query,
            results_format,
            graph_format,
            None if default_graph is None else list(default_graph),
            None if named_graphs is None else list(named_graphs),
        )

    def _internal(self, query: str, **bindings: Term) -> Serialised:
        """Run one of the service's own queries: no result-size cap (clients' queries have one)."""
        return self._call(
            "serialise-uncapped",
            with_values(query, **bindings),
            RESULTS_JSON,
            _N_TRIPLES,
            None,
            None,
        )

    def _parsed(self, query: str, **bindings: Term) -> ox.QuerySolutions | ox.QueryBoolean:
        serialised = self._internal(query, **bindings)
        if serialised.media_type != RESULTS_JSON:
            raise InvalidQuery("expected a SELECT or ASK query, not a CONSTRUCT or DESCRIBE")
        return ox.parse_query_results(serialised.body, format=ox.QueryResultsFormat.JSON)

    def select(self, query: str, /, **bindings: Term) -> list[Row]:
        """Run a SELECT; each row maps a bound variable name to its term."""
        return select_rows(self._parsed(query, **bindings))

    def ask(self, query: str, /, **bindings: Term) -> bool:
        """Run an ASK."""
        return ask_boolean(self._parsed(query, **bindings))

    def construct(self, query: str, /, **bindings: Term) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples."""
        serialised = self._internal(query, **bindings)
        if serialised.media_type == RESULTS_JSON:
            raise InvalidQuery("expected a CONSTRUCT or DESCRIBE query")
        return [quad.triple for quad in ox.parse(serialised.body, format=ox.RdfFormat.N_TRIPLES)]

    def describe(self, iri: str) -> list[ox.Quad]:
        """Every quad with ``iri`` as subject or object, in any named graph."""
        serialised = self._call("describe", iri)
        return list(ox.parse(serialised.body, format=ox.RdfFormat.N_QUADS))

    def close(self) -> None:
        """Stop every worker, busy or idle."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.conn.send(None)
            worker.stop()
