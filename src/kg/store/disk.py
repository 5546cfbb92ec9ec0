"""An on-disk copy of ``dist/dataset.nq`` that every query worker opens read-only.

In memory, each worker holds the whole graph (about 0.5 GB per million triples, times the
workers) and parses the N-Quads again when it starts. On disk (Oxigraph's RocksDB store), the
graph is loaded once, the workers share it through the page cache and start in milliseconds:
what a graph of many millions of triples needs. The copy is rebuilt when ``dataset.nq`` changes
(its size or modification time), and replaced as a whole, so a reader never sees half of it.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Final

import pyoxigraph as ox

from kg.atomic import replaced_directory
from kg.errors import BuildError, NotFound

log = logging.getLogger(__name__)

ROCKSDB: Final = "rocksdb"  # the store's files, beside the stamp
STAMP: Final = "dataset.json"  # which dataset.nq the store was loaded from


def _stamp(dataset: Path) -> dict[str, object]:
    stat = dataset.stat()
    return {"dataset": str(dataset.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def is_current(dataset: Path, directory: Path) -> bool:
    """Whether ``directory`` holds a store loaded from ``dataset`` as it is now."""
    try:
        stamp = json.loads((directory / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stamp == _stamp(dataset) and (directory / ROCKSDB).is_dir())


def ensure_disk_store(dist: Path, directory: Path) -> Path:
    """Return the RocksDB directory of a store holding ``dist/dataset.nq``, bulk-loading it
    into ``directory`` first when it is missing or older than the dataset.

    Raises:
        NotFound: ``dist/dataset.nq`` is missing ("run kg build first").
        BuildError: ``directory`` cannot be written, or the dataset does not load (nothing
            half-written is left, and a previous store stays as it was).
    """
    dataset = dist / "dataset.nq"
    if not dataset.is_file():
        raise NotFound(f"{dataset} not found: run kg build first")
    if not is_current(dataset, directory):
        log.info("loading %s into the on-disk store %s", dataset, directory)
        with replaced_directory(directory, prefix=".kg-store-", what="the on-disk store") as tmp:
            _bulk_load_in_child(dataset, tmp / ROCKSDB)
            # The stamp is written last: a store without it is never taken for current.
            (tmp / STAMP).write_text(json.dumps(_stamp(dataset)), encoding="utf-8")
    return directory / ROCKSDB


def _bulk_load(dataset: Path, rocksdb: Path, conn: Connection) -> None:
    """In a child process: bulk-load ``dataset`` into a new store at ``rocksdb``."""
    try:
        store = ox.Store(str(rocksdb))
        store.bulk_load(path=dataset, format=ox.RdfFormat.N_QUADS)
        store.flush()
    except (SyntaxError, OSError, RuntimeError) as exc:
        conn.send(f"{dataset}: {exc}")
    else:
        conn.send(None)


def _bulk_load_in_child(dataset: Path, rocksdb: Path) -> None:
    """Bulk-load in a child process: the loader's buffers (hundreds of MB per million
    triples) are returned to the system when it exits, not kept by the serving process.

    Raises:
        BuildError: the load failed (the message names the file and, for a syntax error, the
            line).
    """
    context = multiprocessing.get_context("spawn")  # no fork of a threaded server
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_bulk_load, args=(dataset, rocksdb, child), daemon=True)
    process.start()
    child.close()
    try:
        failure = parent.recv()
    except EOFError:
        failure = f"{dataset}: the loading process stopped (exit code {process.exitcode})"
    process.join()
    if failure is not None:
        raise BuildError(f"cannot load the on-disk store: {failure}")


def open_read_only(rocksdb: Path) -> ox.Store:
    """Open a store ``ensure_disk_store`` made, read-only (many processes may)."""
    return ox.Store.read_only(str(rocksdb))
