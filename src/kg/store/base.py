"""The Store protocol: what the service needs from a SPARQL engine, embedded or remote.

Results use pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``): rdflib stays out of the
query path. User input reaches a query only as bound values (``with_values``), never through
string formatting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, Term]


@dataclass(frozen=True)
class Serialised:
    """A query result already serialised for an HTTP response."""

    body: bytes
    media_type: str


class Store(Protocol):
    """A read-only SPARQL engine whose default graph is the union of the named graphs."""

    def select(self, query: str, /, **bindings: Term) -> list[Row]:
        """Run a SELECT; each row maps a bound variable name to its term (unbound ones absent)."""
        ...

    def ask(self, query: str, /, **bindings: Term) -> bool:
        """Run an ASK."""
        ...

    def construct(self, query: str, /, **bindings: Term) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples."""
        ...

    def describe(self, iri: str) -> list[ox.Quad]:
        """Every quad with ``iri`` as subject or object, in any named graph."""
        ...

    def close(self) -> None:
        """Release the engine's resources."""
        ...


def with_values(query: str, /, **bindings: Term) -> str:
    """Bind variables through a trailing VALUES clause; terms are written in N-Triples syntax."""
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{query}\nVALUES ({names}) {{ ({terms}) }}"
