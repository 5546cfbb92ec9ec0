"""A remote SPARQL 1.1 server behind the service, queried over the SPARQL Protocol.

Requests are built and sent by SPARQLWrapper as form-encoded POSTs (never
``application/sparql-query``, which hangs on Virtuoso). Without ``default-graph-uri`` /
``named-graph-uri`` from the client, the default graph must be the union of the project's graphs
(the VoID graph and its ``void:subset`` graphs, read from the server once). On a server that
already is exactly that (Oxigraph with ``--union-default-graph`` holding only the project's
graphs; checked once) requests go as they are; elsewhere (Virtuoso, whose system graphs must stay
out of sight) every request names the project's graphs. Naming them costs Oxigraph a union over
every graph in every pattern: at 1M triples, heavy queries ran 10-50 times slower.

What stays in this process, before anything is sent: refusing updates and SERVICE, and the
syntax check (pyoxigraph's parser, so errors carry line and column as with the embedded store).
Failures of the server become KgErrors naming the endpoint: ``RemoteUnavailable`` (refused,
reset, 5xx), ``RemoteTimeout`` (no answer within ``timeout_s``), ``InvalidQuery`` (the server
refused the query with a 4xx), ``RemoteError`` (anything else).
"""

from __future__ import annotations

import ast
import http.client
import logging
import re
import threading
import urllib.error
from collections.abc import Callable, Sequence
from typing import IO, Final, TypeVar, cast

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from kg.errors import (
    InvalidQuery,
    NotAcceptable,
    RemoteError,
    RemoteTimeout,
    RemoteUnavailable,
    ResultTooLarge,
)
from kg.namespaces import BASE, DATASET, PREFIXES
from kg.sparql import QueryForm, check_read_query
from kg.store.base import (
    RESULTS_JSON,
    TURTLE,
    Row,
    Serialised,
    Term,
    ask_boolean,
    rows_of,
    select_rows,
    with_values,
)
from kg.store.memory import CappedBuffer, graph_names
from kg.void import VOID_GRAPH

log = logging.getLogger(__name__)

N_TRIPLES: Final = "application/n-triples"
# Formats whose bytes are passed on as the server wrote them, when it answers in the one asked
# for; any other is fetched as SPARQL JSON or N-Triples and written here by pyoxigraph. CSV and
# TSV are written here: servers differ in quoting (Virtuoso quotes every CSV cell) and TSV terms.
PASSTHROUGH: Final = frozenset({RESULTS_JSON, "application/sparql-results+xml", TURTLE, N_TRIPLES})
# Media types some servers send for the formats pyoxigraph reads.
RDF_ALIASES: Final[dict[str, ox.RdfFormat]] = {
    "text/plain": ox.RdfFormat.N_TRIPLES,  # Virtuoso's N-Triples
    "text/ntriples": ox.RdfFormat.N_TRIPLES,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/rdf+n3": ox.RdfFormat.TURTLE,
}
RESULTS_ALIASES: Final[dict[str, ox.QueryResultsFormat]] = {
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
T = TypeVar("T")
Results = ox.QuerySolutions | ox.QueryBoolean

# A graph IRI that holds nothing: the default graph when only named graphs are given.
EMPTY_GRAPH: Final = "urn:x-kg:empty-graph"
# The project's graphs: the VoID graph lists the others as subsets of the dataset.
SUBSETS: Final = (
    f"SELECT ?graph WHERE {{ GRAPH <{VOID_GRAPH}> "
    f"{{ <{DATASET}> <http://rdfs.org/ns/void#subset> ?graph }} }}"
)
GRAPHS_BY_NAME: Final = (
    "SELECT DISTINCT ?graph WHERE { GRAPH ?graph { ?s ?p ?o } "
    f'FILTER(STRSTARTS(STR(?graph), "{BASE}graph/")) }}'
)
# Whether the server's default graph shows the named graphs (a union default graph): a triple
# of a project graph must be visible without GRAPH, asked with no dataset named.
SAMPLE: Final = (
    "SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
    "FILTER (isIRI(?s) && !isBlank(?o)) }} LIMIT 1"
)
ALL_GRAPHS: Final = "SELECT ?graph WHERE { GRAPH ?graph { } }"
DESCRIBE_OUT: Final = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?resource ?p ?o } }"
DESCRIBE_IN: Final = "SELECT ?s ?p ?g WHERE { GRAPH ?g { ?s ?p ?resource } }"
_PREFIX_DECL: Final = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
# Virtuoso reports its query time limit as a 500 with these SQL states.
_VIRTUOSO_TIMEOUT: Final = re.compile(r"S1T00|SR171|Transaction timed out", re.IGNORECASE)
_VIRTUOSO_COMPILER: Final = re.compile(r"SPARQL compiler|SP0\d\d", re.IGNORECASE)


def with_prefixes(query: str) -> str:
    """Declare the project prefixes the query does not declare itself, on its first line (so
    the server's line numbers stay those of the text the client sent)."""
    declared = {match.group(1) or "" for match in _PREFIX_DECL.finditer(query)}
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared]
    return " ".join([*missing, query]) if missing else query


def _server_text(exc: SPARQLWrapperException) -> str:
    """The body the server sent with an error status, as text (SPARQLWrapper keeps its repr)."""
    message = str(exc)
    _, found, body = message.partition("Response:\n")
    if found:
        try:
            raw = ast.literal_eval(body.strip())
        except (ValueError, SyntaxError):
            return body.strip()
        if isinstance(raw, bytes):
            return raw.decode("utf-8", "replace").strip()
    return message


def _short(text: str, limit: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


# Comments, strings and IRIs: skipped when looking for the WHERE group's brace.
_SKIP: Final = re.compile(
    r"#[^\r\n]*"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
)
_TOKEN: Final = re.compile(r"[{}]|\bWHERE\b|\bCONSTRUCT\b", re.IGNORECASE)


def inline_values(query: str, /, **bindings: Term) -> str:
    """Bind variables by a VALUES block closing the WHERE group (Virtuoso 7 refuses a trailing
    VALUES outside SELECT, and mishandles it with BIND); joined last, as a trailing VALUES is.
    Terms are written in N-Triples syntax, as by ``with_values``, which is the fallback when no
    WHERE group is found."""
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    i, depth, construct, where, opened = 0, 0, False, False, False
    while i < len(query):
        skipped = _SKIP.match(query, i)
        if skipped and skipped.end() > i:
            i = skipped.end()
            continue
        token = _TOKEN.match(query, i)
        if token is None:
            i += 1
            continue
        word = token.group().upper()
        if word == "{":
            opened = opened or (depth == 0 and (where or not construct))
            depth += 1
        elif word == "}":
            depth -= 1
            if depth == 0 and opened:  # the end of the WHERE group
                return query[:i] + block + query[i:]
        elif depth == 0:
            construct = construct or word == "CONSTRUCT"
            where = where or word == "WHERE"
        i = token.end()
    return with_values(query, **bindings)


class RemoteStore:
    """A ``Store`` over a remote SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, …)."""

    def __init__(
        self,
        endpoint: str,
        *,
        timeout_s: float = 10.0,
        max_result_bytes: int | None = None,
        graphs: Sequence[str] | None = None,
        passthrough: frozenset[str] = PASSTHROUGH,
    ) -> None:
        """Nothing is sent yet: a server that is down now may be up for the first query.

        ``graphs`` fixes the project's graphs; by default they are read from the server's VoID
        graph at the first query (and again while none are found).
        """
        self._endpoint = endpoint
        self._timeout_s = timeout_s
        self._max_result_bytes = max_result_bytes
        self._graphs: list[str] | None = list(graphs) if graphs is not None else None
        self._scoped: bool | None = None  # whether requests must name the project's graphs
        self._passthrough = passthrough
        self._lock = threading.Lock()
        self._parser = ox.Store()  # empty: only used to parse queries

    @property
    def endpoint(self) -> str:
        """The URL of the SPARQL endpoint."""
        return self._endpoint

    @property
    def timeout_s(self) -> float:
        """The time limit of one request, in seconds."""
        return self._timeout_s

    # --- the RDF dataset --------------------------------------------------------------------

    def graphs(self) -> list[str]:
        """The project's named graphs on the server: the VoID graph and its subsets.

        Raises:
            RemoteUnavailable, RemoteTimeout, RemoteError: the server could not be asked.
        """
        with self._lock:
            if self._graphs:
                return self._graphs
        found = self._graph_list()
        if not found:
            log.warning("%s holds none of the project's graphs: run kg load", self._endpoint)
            return []
        with self._lock:
            self._graphs = found
        return found

    def _graph_list(self) -> list[str]:
        void = ox.NamedNode(str(VOID_GRAPH))
        rows = self._select_raw(SUBSETS)
        found = {row["graph"].value for row in rows if isinstance(row.get("graph"), ox.NamedNode)}
        if found:
            found.add(void.value)
        else:  # no VoID graph: every graph named like the project's
            rows = self._select_raw(GRAPHS_BY_NAME)
            found = {r["graph"].value for r in rows if isinstance(r.get("graph"), ox.NamedNode)}
        return sorted(found)

    @property
    def scoped(self) -> bool:
        """Whether requests name the project's graphs: unless the server's default graph is
        already their union and it holds no other named graph (checked once, at first use).

        Raises:
            RemoteUnavailable, RemoteTimeout, RemoteError: the server could not be asked.
        """
        with self._lock:
            if self._scoped is not None:
                return self._scoped
        graphs = set(self.graphs())
        try:
            union = bool(graphs) and self._shows_in_default_graph(sorted(graphs)[0])
            held = {r["graph"].value for r in self._select_raw(ALL_GRAPHS) if "graph" in r}
        except (InvalidQuery, RemoteError):  # an odd answer: name the graphs, which is safe
            union, held = False, set()
        scoped = not (union and held == graphs)
        log.info(
            "%s: %s",
            self._endpoint,
            "naming the project's graphs"
            if scoped
            else "its default graph is the union of the project's graphs",
        )
        with self._lock:
            self._scoped = scoped
        return scoped

    def _dataset(
        self, default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> tuple[list[str], list[str]]:
        """The ``default-graph-uri`` and ``named-graph-uri`` values of a request."""
        graph_names(default_graph, parameter="default-graph-uri")  # only absolute IRIs
        graph_names(named_graphs, parameter="named-graph-uri")
        if default_graph is None and named_graphs is None and not self.scoped:
            return [], []  # the server's own dataset is the project's
        scope: list[str] | None = None
        if default_graph is None or named_graphs is None:
            scope = self.graphs() or [EMPTY_GRAPH]
        if default_graph is None:
            # Only named graphs given: the default graph is empty (SPARQL 1.1 Protocol 2.1.4).
            defaults = scope if named_graphs is None else [EMPTY_GRAPH]
        else:
            defaults = list(default_graph)
        named = scope if named_graphs is None else list(named_graphs)
        assert defaults is not None and named is not None
        return defaults, named

    # --- requests ---------------------------------------------------------------------------

    def _check(self, query: str) -> QueryForm:
        """Refuse updates and SERVICE, and parse the query here.

        Raises:
            InvalidQuery: a syntax error (with line and column); QueryRefused for SERVICE.
            UpdateRefused: an update.
        """
        shape = check_read_query(query)
        try:
            self._parser.query(query, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise InvalidQuery(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:  # unsupported here; the server may know better
            log.debug("local evaluation of a checked query failed: %s", exc)
        return shape.form

    def _send(
        self, query: str, *, accept: str, defaults: Sequence[str], named: Sequence[str]
    ) -> tuple[bytes, str]:
        """POST the query (form-encoded) and return the body and media type of the answer.

        Raises:
            InvalidQuery: the server refused the query (a 4xx), with its message.
            RemoteUnavailable: refused connection, reset, or a 5xx other than a time limit.
            RemoteTimeout: no complete answer within the time limit.
            ResultTooLarge: the answer is larger than the result limit.
            RemoteError: another failure (no endpoint at that URL, authentication, …).
        """
        wrapper = SPARQLWrapper(self._endpoint)
        wrapper.setMethod(POST)  # form-encoded: no length limit, and Virtuoso answers it
        wrapper.setOnlyConneg(True)  # no format=/output= parameters: Accept decides
        wrapper.setQuery(with_prefixes(query))
        # setTimeout() would truncate to whole seconds (0.5 → no limit); urlopen takes a float.
        wrapper.timeout = self._timeout_s  # type: ignore[assignment]
        wrapper.addCustomHttpHeader("Accept", accept)
        for iri in defaults:
            wrapper.addParameter("default-graph-uri", iri)
        for iri in named:
            wrapper.addParameter("named-graph-uri", iri)
        where = f"the SPARQL server at {self._endpoint}"
        try:
            response = wrapper.query().response
            media_type = response.headers.get_content_type()
            limit = self._max_result_bytes
            body = response.read() if limit is None else response.read(limit + 1)
            response.close()
        except QueryBadFormed as exc:
            raise InvalidQuery(f"{where} refused the query: {_short(_server_text(exc))}") from exc
        except EndPointInternalError as exc:
            text = _server_text(exc)
            if _VIRTUOSO_TIMEOUT.search(text):
                raise RemoteTimeout(
                    f"{where} stopped the query at its own time limit: {_short(text)}"
                ) from exc
            if _VIRTUOSO_COMPILER.search(text):
                raise InvalidQuery(f"{where} refused the query: {_short(text)}") from exc
            raise RemoteError(f"{where} failed (500): {_short(text)}") from exc
        except (EndPointNotFound, Unauthorized) as exc:
            raise RemoteError(
                f"{where} did not accept the request: {_short(_server_text(exc))}"
            ) from exc
        except SPARQLWrapperException as exc:
            raise RemoteError(f"{where} failed: {_short(_server_text(exc))}") from exc
        except urllib.error.HTTPError as exc:
            text = _short(exc.read().decode("utf-8", "replace"))
            if exc.code in {502, 503, 504}:
                raise RemoteUnavailable(f"{where} is unavailable ({exc.code}): {text}") from exc
            if 400 <= exc.code < 500:
                raise InvalidQuery(f"{where} refused the query ({exc.code}): {text}") from exc
            raise RemoteError(f"{where} failed ({exc.code}): {text}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timeout() from exc
            raise RemoteUnavailable(
                f"{where} is unavailable ({exc.reason}); try again later"
            ) from exc
        except TimeoutError as exc:
            raise self._timeout() from exc
        except (OSError, http.client.HTTPException) as exc:
            raise RemoteUnavailable(
                f"{where} is unavailable ({type(exc).__name__}: {exc}); try again later"
            ) from exc
        if limit is not None and len(body) > limit:
            raise ResultTooLarge(
                f"the result is larger than {limit} bytes; "
                "ask for less (add a LIMIT or fewer variables)"
            )
        return body, media_type

    def _timeout(self) -> RemoteTimeout:
        return RemoteTimeout(
            f"the SPARQL server at {self._endpoint} did not answer within the "
            f"{self._timeout_s:g} s time limit"
        )

    def _select_raw(self, query: str) -> list[Row]:
        """A SELECT over the server's own dataset (no graphs named): for finding the graphs."""
        body, media_type = self._send(query, accept=RESULTS_JSON, defaults=(), named=())

        def rows(result: Results) -> list[Row]:
            if not isinstance(result, ox.QuerySolutions):
                raise RemoteError(f"the SPARQL server at {self._endpoint} sent no SELECT results")
            return rows_of(result)

        return self._read(body, media_type, rows)

    def _shows_in_default_graph(self, graph: str) -> bool:
        """Whether a triple of ``graph`` is in the server's own default graph."""
        rows = self._select_raw(SAMPLE.format(graph=graph))
        if not rows or any(name not in rows[0] for name in ("s", "p", "o")):
            return False
        triple = " ".join(str(rows[0][name]) for name in ("s", "p", "o"))
        return self._ask_raw(f"ASK {{ {triple} }}")

    def _ask_raw(self, query: str) -> bool:
        """An ASK over the server's own dataset (no graphs named)."""
        body, media_type = self._send(query, accept=RESULTS_JSON, defaults=(), named=())
        return self._read(body, media_type, ask_boolean)

    # --- parsing what came back -------------------------------------------------------------

    def _read(self, body: bytes, media_type: str, use: Callable[[Results], T]) -> T:
        """Parse query results and ``use`` them at once. pyoxigraph parses solutions lazily, so
        an unreadable answer (truncated, or XML with an undeclared or external entity, which is
        never fetched) shows while they are read: it becomes a RemoteError here (not a 500
        later), and nothing of pyoxigraph's outlives this call in a traceback (its objects must
        be dropped in the thread that made them)."""
        fmt = ox.QueryResultsFormat.from_media_type(media_type) or RESULTS_ALIASES.get(media_type)
        if fmt is None:
            raise RemoteError(
                f"the SPARQL server at {self._endpoint} answered in {media_type}, "
                "not in a query results format"
            )
        try:
            return use(ox.parse_query_results(body, format=fmt))
        except SyntaxError as exc:
            problem = str(exc)
        raise RemoteError(
            f"the SPARQL server at {self._endpoint} sent unreadable {media_type}: {problem}"
        )

    def _triples(self, body: bytes, media_type: str) -> list[ox.Triple]:
        fmt = ox.RdfFormat.from_media_type(media_type) or RDF_ALIASES.get(media_type)
        if fmt is None:
            raise RemoteError(
                f"the SPARQL server at {self._endpoint} answered in {media_type}, "
                "not in an RDF format"
            )
        try:
            return [quad.triple for quad in ox.parse(body, format=fmt)]
        except SyntaxError as exc:
            raise RemoteError(
                f"the SPARQL server at {self._endpoint} sent unreadable {media_type}: {exc}"
            ) from exc

    # --- the Store protocol -----------------------------------------------------------------

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
        """Run any read query on the server; its bytes are passed on when it writes the format
        asked for, else its answer is re-serialised here (see ``Store``)."""
        form = self._check(query)
        is_graph = form in {QueryForm.CONSTRUCT, QueryForm.DESCRIBE}
        wanted = graph_format if is_graph else results_format
        if is_graph and ox.RdfFormat.from_media_type(wanted) is None:
            raise NotAcceptable(f"cannot write a graph as {wanted}")
        if not is_graph and ox.QueryResultsFormat.from_media_type(wanted) is None:
            raise NotAcceptable(f"cannot write query results as {wanted}")
        # Else ask for what pyoxigraph reads back, then write the format wanted here.
        fallback = N_TRIPLES if is_graph else RESULTS_JSON
        accept = wanted if wanted in self._passthrough else fallback
        defaults, named = self._dataset(default_graph, named_graphs)
        body, media_type = self._send(query, accept=accept, defaults=defaults, named=named)
        if media_type == wanted and wanted in self._passthrough:
            return Serialised(body, wanted)
        capped = CappedBuffer(self._max_result_bytes)
        buffer = cast(IO[bytes], capped)  # pyoxigraph only calls write()
        if ox.QueryResultsFormat.from_media_type(media_type) or media_type in RESULTS_ALIASES:
            results_fmt = ox.QueryResultsFormat.from_media_type(results_format)
            if results_fmt is None:
                raise NotAcceptable(f"cannot write query results as {results_format}")
            self._read(body, media_type, lambda result: result.serialize(buffer, results_fmt))
            return Serialised(capped.getvalue(), results_fmt.media_type)
        rdf = ox.RdfFormat.from_media_type(graph_format)
        if rdf is None:
            raise NotAcceptable(f"cannot write a graph as {graph_format}")
        ox.serialize(self._triples(body, media_type), buffer, rdf, prefixes=PREFIXES)
        return Serialised(capped.getvalue(), rdf.media_type)

    def _query(self, query: str, accept: str) -> tuple[bytes, str]:
        self._check(query)
        defaults, named = self._dataset(None, None)
        return self._send(query, accept=accept, defaults=defaults, named=named)

    def select(self, query: str, /, **bindings: Term) -> list[Row]:
        """Run a SELECT; each row maps a bound variable name to its term."""
        body, media_type = self._query(inline_values(query, **bindings), RESULTS_JSON)
        return self._read(body, media_type, select_rows)

    def ask(self, query: str, /, **bindings: Term) -> bool:
        """Run an ASK."""
        body, media_type = self._query(inline_values(query, **bindings), RESULTS_JSON)
        return self._read(body, media_type, ask_boolean)

    def construct(self, query: str, /, **bindings: Term) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples."""
        body, media_type = self._query(inline_values(query, **bindings), N_TRIPLES)
        if ox.QueryResultsFormat.from_media_type(media_type) or media_type in RESULTS_ALIASES:
            raise InvalidQuery("expected a CONSTRUCT or DESCRIBE query")
        return self._triples(body, media_type)

    def describe(self, iri: str) -> list[ox.Quad]:
        """Every quad with ``iri`` as subject or object, in any of the project's graphs."""
        node = ox.NamedNode(iri)
        quads = []
        for row in self.select(DESCRIBE_OUT, resource=node):
            p, o, g = row["p"], row["o"], row["g"]
            if isinstance(p, ox.NamedNode) and isinstance(g, ox.NamedNode):
                quads.append(ox.Quad(node, p, o, g))
        for row in self.select(DESCRIBE_IN, resource=node):
            s, p, g = row["s"], row["p"], row["g"]
            if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode):
                continue
            if isinstance(g, ox.NamedNode):
                quads.append(ox.Quad(s, p, node, g))
        return quads

    def close(self) -> None:
        """Nothing to release: each request opens and closes its own connection."""
