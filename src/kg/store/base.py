"""The Store protocol: what the service needs from a SPARQL engine, embedded or remote.

Results use pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``): rdflib stays out of the
query path. User input reaches a query only as bound values (``with_values``), never through
string formatting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

import pyoxigraph as ox

from kg.errors import InvalidQuery

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, Term]

# Default media types of serialise(): SPARQL JSON for SELECT/ASK, Turtle for graphs.
RESULTS_JSON: Final = "application/sparql-results+json"
TURTLE: Final = "text/turtle"


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
        """Run any read query and serialise its result in the engine.

        SELECT and ASK results are written in ``results_format``, CONSTRUCT and DESCRIBE
        results in ``graph_format`` (media types). ``default_graph`` and ``named_graphs`` (IRIs)
        set the RDF dataset as the SPARQL protocol's ``default-graph-uri`` and
        ``named-graph-uri`` do; when both are None the default graph is the union of all
        named graphs and every named graph is available.

        Raises:
            InvalidQuery: the query does not parse or fails (QueryRefused: it uses SERVICE).
            ResultTooLarge: the serialised result exceeds the store's limit.
            QueryTimeout: the query ran past the store's time limit and was stopped.
            StoreUnavailable: no engine could take the query.
        """
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


def rows_of(solutions: ox.QuerySolutions) -> list[Row]:
    """Turn solutions into rows; unbound variables are absent from a row."""
    names = [variable.value for variable in solutions.variables]
    rows: list[Row] = []
    for solution in solutions:
        row: Row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term
        rows.append(row)
    return rows


def select_rows(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> list[Row]:
    """The rows of a SELECT result.

    Raises:
        InvalidQuery: the query was not a SELECT.
    """
    if not isinstance(result, ox.QuerySolutions):
        raise InvalidQuery("expected a SELECT query")
    return rows_of(result)


def ask_boolean(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> bool:
    """The answer of an ASK result.

    Raises:
        InvalidQuery: the query was not an ASK.
    """
    if not isinstance(result, ox.QueryBoolean):
        raise InvalidQuery("expected an ASK query")
    return bool(result)
