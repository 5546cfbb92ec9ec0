"""The embedded store: pyoxigraph in this process, over the built ``dist/dataset.nq``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import InvalidQuery, NotAcceptable, NotFound, ResultTooLarge
from kg.prefixes import PREFIXES
from kg.sparql import check_read_query
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
from kg.store.disk import open_read_only

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class CappedBuffer:
    """A binary writer that refuses to hold more than ``limit`` bytes (None: no limit)."""

    def __init__(self, limit: int | None) -> None:
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> int:
        """Append ``data``.

        Raises:
            ResultTooLarge: the limit would be passed.
        """
        self._size += len(data)
        if self._limit is not None and self._size > self._limit:
            raise ResultTooLarge(
                f"the result is larger than {self._limit} bytes; "
                "ask for less (add a LIMIT or fewer variables)"
            )
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes stay in memory."""

    def getvalue(self) -> bytes:
        """Everything written so far."""
        return b"".join(self._parts)


def graph_names(
    iris: Sequence[str] | None, *, parameter: str
) -> list[ox.NamedNode | ox.BlankNode] | None:
    """Turn graph IRIs into pyoxigraph names; only absolute IRIs, never dereferenced.

    Raises:
        InvalidQuery: a value is not an absolute IRI.
    """
    if iris is None:
        return None
    names: list[ox.NamedNode | ox.BlankNode] = []
    for iri in iris:
        try:
            names.append(ox.NamedNode(iri))
        except ValueError as exc:
            raise InvalidQuery(f"{parameter} must be an absolute IRI, not {iri!r}: {exc}") from exc
    return names


class MemoryStore:
    """An embedded pyoxigraph store, in memory or opened read-only on disk
    (``kg.store.disk``); the default graph is the union of the named graphs."""

    def __init__(self, store: ox.Store, *, max_result_bytes: int | None = None) -> None:
        self._store = store
        self._max_result_bytes = max_result_bytes

    @classmethod
    def from_dist(cls, dist: Path, *, max_result_bytes: int | None = None) -> MemoryStore:
        """Load ``dist/dataset.nq``; ``serialise`` refuses results above ``max_result_bytes``.

        Raises:
            NotFound: the file is missing ("run kg build first").
        """
        path = dist / "dataset.nq"
        if not path.is_file():
            raise NotFound(f"{path} not found: run kg build first")
        store = ox.Store()
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        return cls(store, max_result_bytes=max_result_bytes)

    @classmethod
    def on_disk(cls, rocksdb: Path, *, max_result_bytes: int | None = None) -> MemoryStore:
        """Open the on-disk store ``kg.store.disk.ensure_disk_store`` made, read-only."""
        return cls(open_read_only(rocksdb), max_result_bytes=max_result_bytes)

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store itself, for serialising results without a copy."""
        return self._store

    def query(self, query: str, /, **bindings: Term) -> QueryResult:
        """Run any read query with the project prefixes predeclared.

        Raises:
            InvalidQuery: the query does not parse or fails; the message carries the parser
                text. QueryRefused (a subclass) if it uses SERVICE, which would reach the
                network.
        """
        return self._run(with_values(query, **bindings))

    def _run(
        self,
        query: str,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        shape = check_read_query(query)  # never let a query make pyoxigraph open a connection
        defaults = graph_names(default_graph, parameter="default-graph-uri")
        named = graph_names(named_graphs, parameter="named-graph-uri")
        # The protocol: a dataset given by either parameter is exactly those graphs.
        if defaults is None and named is not None:
            defaults = []
        if defaults is not None and named is None:
            named = []
        try:
            if defaults is None and "FROM" in shape.keywords:
                # The query's own FROM / FROM NAMED set its dataset (the union would hide it).
                return self._store.query(query, prefixes=PREFIXES)
            if defaults is None:
                return self._store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
            return self._store.query(
                query, prefixes=PREFIXES, default_graph=list(defaults), named_graphs=named
            )
        except SyntaxError as exc:
            raise InvalidQuery(f"SPARQL syntax error: {exc}") from exc
        # RuntimeError: what pyoxigraph does not support, e.g. a function IRI it does not know
        # (such an IRI is a name, never fetched).
        except (OSError, RuntimeError) as exc:
            raise InvalidQuery(f"SPARQL query failed: {exc}") from exc

    def serialise(
        self,
        query: str,
        /,
        *,
        results_format: str = RESULTS_JSON,
        graph_format: str = TURTLE,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        capped: bool = True,
    ) -> Serialised:
        """Run any read query and serialise its result with pyoxigraph (see ``Store``).

        ``capped=False`` lifts the result-size cap, for the service's own queries (the question
        engine reads every label once); queries from clients are always capped.
        """
        result = self._run(query, default_graph=default_graph, named_graphs=named_graphs)
        capped_buffer = CappedBuffer(self._max_result_bytes if capped else None)
        buffer = cast(IO[bytes], capped_buffer)  # pyoxigraph only calls write()
        try:
            if isinstance(result, ox.QueryTriples):
                rdf = ox.RdfFormat.from_media_type(graph_format)
                if rdf is None:
                    raise NotAcceptable(f"cannot write a graph as {graph_format}")
                ox.serialize(result, buffer, rdf, prefixes=PREFIXES)
                return Serialised(capped_buffer.getvalue(), rdf.media_type)
            results = ox.QueryResultsFormat.from_media_type(results_format)
            if results is None:
                raise NotAcceptable(f"cannot write query results as {results_format}")
            result.serialize(buffer, results)
            return Serialised(capped_buffer.getvalue(), results.media_type)
        except (OSError, RuntimeError) as exc:  # evaluation is lazy: errors surface here too
            raise InvalidQuery(f"SPARQL query failed: {exc}") from exc

    def select(self, query: str, /, **bindings: Term) -> list[Row]:
        """Run a SELECT and return its rows."""
        return select_rows(self.query(query, **bindings))

    def ask(self, query: str, /, **bindings: Term) -> bool:
        """Run an ASK."""
        return ask_boolean(self.query(query, **bindings))

    def construct(self, query: str, /, **bindings: Term) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE."""
        result = self.query(query, **bindings)
        if not isinstance(result, ox.QueryTriples):
            raise InvalidQuery("expected a CONSTRUCT or DESCRIBE query")
        return list(result)

    def describe(self, iri: str) -> list[ox.Quad]:
        """Every quad with ``iri`` as subject or object, in any named graph."""
        node = ox.NamedNode(iri)
        quads = list(self._store.quads_for_pattern(node, None, None, None))
        quads.extend(self._store.quads_for_pattern(None, None, node, None))
        return quads

    def close(self) -> None:
        """Nothing to release: the store lives in memory."""
