"""Stores behind the service: the embedded pyoxigraph store, or a remote SPARQL server.

The stores are imported on first use (PEP 562): a query worker process imports kg.store.pool,
and with it this package, and should not load SPARQLWrapper, rdflib or pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

from kg.store.base import Row, Serialised, Store, Term, with_values

if TYPE_CHECKING:
    from kg.config import Settings
    from kg.store.memory import MemoryStore
    from kg.store.pool import PooledStore
    from kg.store.remote import RemoteStore

_STORES: Final = {
    "MemoryStore": "kg.store.memory",
    "PooledStore": "kg.store.pool",
    "RemoteStore": "kg.store.remote",
}

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


def __getattr__(name: str) -> Any:
    """Import a store's module when the store is first asked for."""
    module = _STORES.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def open_store(settings: Settings) -> Store:
    """Open the store the service queries: the remote server at ``settings.sparql_endpoint``
    when one is set (nothing is sent until the first query), else worker processes over
    ``settings.dist_dir``, each with its own copy in memory or, with ``settings.store_dir``,
    sharing one on disk.

    Raises:
        NotFound: the built dataset is missing ("run kg build first").
        WritesUnavailable: writes are enabled (``KG_WRITE_TOKEN``) without ``store_dir``.
    """
    from kg.errors import WritesUnavailable
    from kg.store.pool import PooledStore
    from kg.store.remote import RemoteStore

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
