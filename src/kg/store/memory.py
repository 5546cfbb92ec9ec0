"""The embedded store: pyoxigraph in this process, loaded from the built ``dist/dataset.nq``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import InvalidQuery, NotFound
from kg.namespaces import PREFIXES
from kg.store.base import Row, Term, with_values


class MemoryStore:
    """An in-memory pyoxigraph store; the default graph is the union of the named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @classmethod
    def from_dist(cls, dist: Path) -> MemoryStore:
        """Load ``dist/dataset.nq``.

        Raises:
            NotFound: the file is missing ("run kg build first").
        """
        path = dist / "dataset.nq"
        if not path.is_file():
            raise NotFound(f"{path} not found: run kg build first")
        store = ox.Store()
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        return cls(store)

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store itself, for serialising results without a copy."""
        return self._store

    def query(
        self, query: str, /, **bindings: Term
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run any read query with the project prefixes predeclared.

        Raises:
            InvalidQuery: the query does not parse or fails; the message carries the parser text.
        """
        try:
            return self._store.query(
                with_values(query, **bindings),
                prefixes=PREFIXES,
                use_default_graph_as_union=True,
            )
        except SyntaxError as exc:
            raise InvalidQuery(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise InvalidQuery(f"SPARQL query failed: {exc}") from exc

    def select(self, query: str, /, **bindings: Term) -> list[Row]:
        """Run a SELECT and return its rows."""
        result = self.query(query, **bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise InvalidQuery("expected a SELECT query")
        names = [variable.value for variable in result.variables]
        rows: list[Row] = []
        for solution in result:
            row: Row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            rows.append(row)
        return rows

    def ask(self, query: str, /, **bindings: Term) -> bool:
        """Run an ASK."""
        result = self.query(query, **bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise InvalidQuery("expected an ASK query")
        return bool(result)

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
