"""Stores behind the service: the embedded pyoxigraph store, or a remote SPARQL server."""

from __future__ import annotations

from kg.config import Settings
from kg.errors import WritesUnavailable
from kg.store.base import Row, Serialised, Store, Term, with_values
from kg.store.memory import MemoryStore
from kg.store.pool import PooledStore
from kg.store.remote import RemoteStore

__all__ = [
    "MemoryStore",
    "PooledStore",
    "RemoteStore",
    "Row",
    "Serialised",
    "Store",
    "Term",
    "open_store",
    "with_values",
]


def open_store(settings: Settings) -> Store:
    """Open the store the service queries: the remote server at ``settings.sparql_endpoint``
    when one is set (nothing is sent until the first query), else worker processes over
    ``settings.dist_dir``, each with its own copy in memory or, with ``settings.store_dir``,
    sharing one on disk.

    Raises:
        NotFound: the built dataset is missing ("run kg build first").
        WritesUnavailable: writes are enabled (``KG_WRITE_TOKEN``) without ``store_dir``.
    """
    if settings.write_token is not None and settings.store_dir is None:
        where = (
            "a remote server takes writes itself"
            if settings.sparql_endpoint
            else ("in-memory workers would lose them")
        )
        raise WritesUnavailable(
            f"KG_WRITE_TOKEN is set but there is no on-disk store to keep writes in ({where}): "
            "set KG_STORE_DIR (kg serve --store-dir), or unset KG_WRITE_TOKEN"
        )
    if settings.sparql_endpoint:
        return RemoteStore(
            settings.sparql_endpoint,
            timeout_s=settings.sparql_timeout_s,
            max_result_bytes=settings.max_result_bytes,
        )
    return PooledStore(
        settings.dist_dir,
        workers=settings.query_workers,
        timeout_s=settings.sparql_timeout_s,
        max_result_bytes=settings.max_result_bytes,
        store_dir=settings.store_dir,
    )
