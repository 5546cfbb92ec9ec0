"""Stores behind the service: the embedded pyoxigraph store, later remote SPARQL servers."""

from __future__ import annotations

from kg.config import Settings
from kg.store.base import Row, Serialised, Store, Term, with_values
from kg.store.memory import MemoryStore
from kg.store.pool import PooledStore

__all__ = [
    "MemoryStore",
    "PooledStore",
    "Row",
    "Serialised",
    "Store",
    "Term",
    "open_store",
    "with_values",
]


def open_store(settings: Settings) -> Store:
    """Open the store the service queries: worker processes over ``settings.dist_dir``.

    Raises:
        NotFound: the built dataset is missing ("run kg build first").
    """
    return PooledStore(
        settings.dist_dir,
        workers=settings.query_workers,
        timeout_s=settings.sparql_timeout_s,
        max_result_bytes=settings.max_result_bytes,
    )
