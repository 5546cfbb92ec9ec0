"""``kg load``: push the built named graphs to a remote server and check what it holds.

Each ``{base}graph/…`` graph of ``dist/dataset.nq`` (the VoID graph included) is written to its
own N-Triples file in a temporary folder, one pass over the quads, then sent with an HTTP PUT of
the SPARQL 1.1 Graph Store Protocol, which replaces the graph: loading twice gives the same
graphs. The files are streamed from disk (never held in memory), with a Content-Length, so a
10-million-triple graph costs a file, not a string. Afterwards a SPARQL ``COUNT`` per graph,
through the endpoint, compares what the server holds with what was sent.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg.errors import LoadError, NotFound
from kg.namespaces import BASE
from kg.store.remote import RemoteStore

GRAPH_PREFIX: Final = BASE + "graph/"
CHUNK: Final = 1 << 20
# Over the loaded graphs only: the request names them as its named graphs.
COUNT: Final = "SELECT ?graph (COUNT(*) AS ?n) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"


@dataclass(frozen=True)
class GraphFile:
    """One named graph written out as N-Triples."""

    iri: str
    path: Path
    triples: int


@dataclass(frozen=True)
class GraphCount:
    """Triples of one graph: as built, and as the server counts them (None: not counted)."""

    iri: str
    expected: int
    found: int | None

    @property
    def ok(self) -> bool:
        """The server holds as many triples as were sent."""
        return self.found == self.expected


@dataclass(frozen=True)
class LoadReport:
    """What ``load_dist`` did: a count per graph and the time the upload took."""

    counts: list[GraphCount]
    seconds: float

    @property
    def ok(self) -> bool:
        """Every graph holds as many triples as were sent."""
        return all(count.ok for count in self.counts)

    def table(self) -> str:
        """The counts as an aligned text table, mismatches marked."""
        width = max([len("graph"), *(len(c.iri) for c in self.counts)])
        lines = [f"{'graph':<{width}}  {'expected':>9}  {'found':>9}"]
        for c in self.counts:
            found = "-" if c.found is None else str(c.found)
            mark = "" if c.ok else "  MISMATCH"
            lines.append(f"{c.iri:<{width}}  {c.expected:>9}  {found:>9}{mark}")
        return "\n".join(lines)


def graph_store_url(endpoint: str, *, authenticated: bool) -> str:
    """The Graph Store Protocol URL next to a SPARQL endpoint: Oxigraph ``/query`` → ``/store``;
    Virtuoso ``/sparql`` → ``/sparql-graph-crud-auth`` (digest) or ``/sparql-graph-crud``.

    Raises:
        LoadError: the endpoint's path is neither; give the graph store URL.
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        path = path.removesuffix("/query") + "/store"
    elif path.endswith("/sparql"):
        path += "-graph-crud-auth" if authenticated else "-graph-crud"
    else:
        raise LoadError(
            f"cannot tell the graph store URL of {endpoint}: give it with --graph-store"
        )
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def split_graphs(nquads: Path, folder: Path) -> list[GraphFile]:
    """Write each ``{base}graph/…`` graph of ``nquads`` to its own N-Triples file in ``folder``.

    Raises:
        NotFound: ``nquads`` is missing ("run kg build first").
        LoadError: a quad is outside the project's graphs, or the file does not parse.
    """
    if not nquads.is_file():
        raise NotFound(f"{nquads} not found: run kg build first")
    files: dict[str, tuple[Path, IO[str]]] = {}
    counts: dict[str, int] = {}
    with contextlib.ExitStack() as stack:
        try:
            for quad in ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS):
                graph = quad.graph_name
                if not isinstance(graph, ox.NamedNode) or not graph.value.startswith(GRAPH_PREFIX):
                    raise LoadError(f"{nquads}: a quad outside the {GRAPH_PREFIX}… graphs: {quad}")
                if graph.value not in files:
                    path = folder / f"graph-{len(files):05d}.nt"
                    opened = stack.enter_context(path.open("w", encoding="utf-8"))
                    files[graph.value] = (path, opened)
                    counts[graph.value] = 0
                out = files[graph.value][1]
                out.write(f"{quad.subject} {quad.predicate} {quad.object} .\n")
                counts[graph.value] += 1
        except SyntaxError as exc:
            raise LoadError(f"{nquads}: {exc}") from exc
    return [GraphFile(iri, files[iri][0], counts[iri]) for iri in sorted(files)]


class FileBody:
    """A request body read from a file in chunks; iterable again for a digest-auth retry."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[bytes]:
        with self.path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                yield chunk


def put_graph(client: httpx.Client, graph_store: str, graph: GraphFile) -> None:
    """Replace ``graph`` on the server by the triples of its file (Graph Store Protocol PUT).

    Raises:
        LoadError: the server refused it or could not be reached.
    """
    headers = {
        "Content-Type": "application/n-triples",
        "Content-Length": str(graph.path.stat().st_size),
    }
    try:
        response = client.put(
            graph_store,
            params={"graph": graph.iri},
            content=FileBody(graph.path),
            headers=headers,
        )
    except httpx.TimeoutException as exc:
        raise LoadError(f"PUT <{graph.iri}> to {graph_store}: timed out ({exc})") from exc
    except httpx.HTTPError as exc:
        raise LoadError(f"PUT <{graph.iri}> to {graph_store}: {exc}") from exc
    if not response.is_success:
        text = " ".join(response.text.split())[:500]
        raise LoadError(f"PUT <{graph.iri}> to {graph_store}: HTTP {response.status_code} {text}")


def count_graphs(store: RemoteStore, graphs: list[GraphFile]) -> list[GraphCount]:
    """Count each graph's triples on the server, through its SPARQL endpoint."""
    found: dict[str, int] = {}
    for row in store.select(COUNT):
        graph, n = row.get("graph"), row.get("n")
        if isinstance(graph, ox.NamedNode) and isinstance(n, ox.Literal):
            found[graph.value] = int(n.value)
    return [GraphCount(g.iri, g.triples, found.get(g.iri, 0)) for g in graphs]


def load_dist(
    dist: Path,
    *,
    endpoint: str,
    graph_store: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout_s: float = 600.0,
) -> LoadReport:
    """Push every graph of ``dist/dataset.nq`` to the server, then count them there.

    ``user`` and ``password`` are sent with HTTP digest authentication (Virtuoso); without them
    the graph store is written anonymously (Oxigraph). ``timeout_s`` bounds each request.

    Raises:
        NotFound: the dataset is not built.
        LoadError: a PUT failed.
        RemoteUnavailable, RemoteTimeout, RemoteError, InvalidQuery: counting failed.
    """
    store_url = graph_store or graph_store_url(endpoint, authenticated=user is not None)
    auth = httpx.DigestAuth(user, password or "") if user is not None else None
    with tempfile.TemporaryDirectory(prefix="kg-load-") as folder:
        graphs = split_graphs(dist / "dataset.nq", Path(folder))
        started = time.monotonic()
        with httpx.Client(auth=auth, timeout=timeout_s) as client:
            for graph in graphs:
                put_graph(client, store_url, graph)
        seconds = time.monotonic() - started
    store = RemoteStore(endpoint, timeout_s=timeout_s, graphs=[g.iri for g in graphs])
    return LoadReport(count_graphs(store, graphs), seconds)
