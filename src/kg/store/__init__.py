"""Stores behind the service: the embedded pyoxigraph store, later remote SPARQL servers."""

from kg.store.base import Row, Serialised, Store, Term, with_values
from kg.store.memory import MemoryStore

__all__ = ["MemoryStore", "Row", "Serialised", "Store", "Term", "with_values"]
