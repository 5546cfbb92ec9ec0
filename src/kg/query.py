"""Run SPARQL over the built dataset (``dist/dataset.nq``) with pyoxigraph."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InvalidQuery, NotFound
from kg.namespaces import PREFIXES, new_graph
from kg.sparql import check_read_query


class ResultFormat(StrEnum):
    """How SELECT results are printed: an aligned table or a SPARQL 1.1 results format."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"


_RESULTS_FORMATS = {
    ResultFormat.JSON: ox.QueryResultsFormat.JSON,
    ResultFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultFormat.TSV: ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class QueryAnswer:
    """The printed form of a query's result and whether it had an answer.

    ``has_answer`` is false for a SELECT or CONSTRUCT without results and for ASK = false.
    """

    text: str
    has_answer: bool


def open_dist(dist: Path) -> ox.Store:
    """Load ``dist/dataset.nq`` into an in-memory pyoxigraph Store.

    Raises:
        NotFound: the file is missing ("run kg build first").
        InvalidQuery: the file is not valid N-Quads.
    """
    path = dist / "dataset.nq"
    if not path.is_file():
        raise NotFound(f"{path} not found: run kg build first")
    store = ox.Store()
    try:
        store.load(path=path, format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise InvalidQuery(f"{path}: not valid N-Quads: {exc}") from exc
    return store


def run_query(
    store: ox.Store, query: str, *, fmt: ResultFormat = ResultFormat.TABLE
) -> QueryAnswer:
    """Run a SPARQL query whose default graph is the union of all named graphs.

    Raises:
        InvalidQuery: the query does not parse or fails while running; carries the parser text.
            QueryRefused (a subclass) if it uses SERVICE.
        UpdateRefused: the text is an update (LOAD, INSERT, …).
    """
    check_read_query(query)  # pyoxigraph would send SERVICE requests: never contact a server
    try:
        # The project prefixes are predeclared; a query's own PREFIX lines take precedence.
        result = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InvalidQuery(f"SPARQL syntax error: {exc}") from exc
    except OSError as exc:
        raise InvalidQuery(f"SPARQL query failed: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer("true" if bool(result) else "false", bool(result))
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, fmt)
    return _triples(result)


def _solutions(solutions: ox.QuerySolutions, fmt: ResultFormat) -> QueryAnswer:
    """Print SELECT results; serialised once to JSON, which is re-read for the other formats."""
    as_json = _bytes(solutions.serialize(format=ox.QueryResultsFormat.JSON))
    has_answer = bool(json.loads(as_json)["results"]["bindings"])
    if fmt is ResultFormat.JSON:
        return QueryAnswer(as_json.decode("utf-8"), has_answer)
    reread = ox.parse_query_results(as_json, ox.QueryResultsFormat.JSON)
    assert isinstance(reread, ox.QuerySolutions)  # a JSON SELECT result parses back as such
    if fmt is ResultFormat.TABLE:
        return QueryAnswer(_table(reread), has_answer)
    text = _bytes(reread.serialize(format=_RESULTS_FORMATS[fmt])).decode("utf-8")
    return QueryAnswer(text, has_answer)


def _bytes(data: bytes | None) -> bytes:
    assert data is not None  # pyoxigraph returns bytes when given no output file
    return data


def _triples(triples: ox.QueryTriples) -> QueryAnswer:
    """Print CONSTRUCT/DESCRIBE results as Turtle with the project prefixes."""
    ntriples = _bytes(triples.serialize(format=ox.RdfFormat.N_TRIPLES))
    graph: Graph = new_graph()
    graph.parse(data=ntriples.decode("utf-8"), format="nt")
    return QueryAnswer(graph.serialize(format="turtle"), len(graph) > 0)


def _term(term: object) -> str:
    """Write a result term compactly: prefixed name when a project prefix fits, else N-Triples."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            local = term.value[len(iri) :]
            if (
                term.value.startswith(iri)
                and local
                and all(c.isalnum() or c in "-_." for c in local)
            ):
                return f"{prefix}:{local}"
        return str(term)
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value
    return str(term)


def _table(solutions: ox.QuerySolutions) -> str:
    """Print solutions as an aligned plain-text table with a header row."""
    names = [variable.value for variable in solutions.variables]
    rows = [[_term(solution[name]) for name in names] for solution in solutions]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
