"""RemoteStore: errors of a remote server as statuses, recovery, dataset scoping, bindings."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from integration.servers import OxigraphServer, Stub
from kg.api.main import create_app
from kg.cli import main
from kg.config import Settings
from kg.errors import InvalidQuery, RemoteError, RemoteTimeout, RemoteUnavailable
from kg.store import RemoteStore, open_store
from kg.store.remote import inline_values, with_prefixes

GPO = "<https://w3id.org/kz-legal-kg/id/agency/gpo>"
LABELS = f"SELECT ?label WHERE {{ {GPO} rdfs:label ?label }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FOREIGN = "http://example.org/system-graph"


def _app(endpoint: str, dist: Path, timeout_s: float = 5) -> TestClient:
    settings = Settings(dist_dir=dist, sparql_endpoint=endpoint, sparql_timeout_s=timeout_s)
    return TestClient(create_app(settings))


@pytest.fixture
def own_server(dist: Path, tmp_path: Path) -> Iterator[OxigraphServer]:
    """An Oxigraph server of this test alone (it gets stopped), loaded by kg load."""
    server = OxigraphServer(tmp_path / "db")
    server.start()
    assert main(["load", "--endpoint", server.endpoint, "--dist", str(dist)]) == 0
    yield server
    server.stop()


def test_open_store_picks_the_remote(dist: Path) -> None:
    store = open_store(Settings(dist_dir=dist, sparql_endpoint="http://127.0.0.1:9/sparql"))
    assert isinstance(store, RemoteStore) and store.endpoint == "http://127.0.0.1:9/sparql"


def test_down_is_503_and_the_service_recovers(own_server: OxigraphServer, dist: Path) -> None:
    with _app(own_server.endpoint, dist) as client:
        assert client.get("/sparql", params={"query": LABELS}).status_code == 200
        own_server.stop()
        down = client.get("/sparql", params={"query": LABELS})
        assert down.status_code == 503
        assert down.json()["error"] == "RemoteUnavailable"
        assert own_server.endpoint in down.json()["detail"]
        assert down.headers["retry-after"] == "1"
        assert client.get("/api/ask", params={"q": "What did the GPO do?"}).status_code == 503
        assert client.get("/health").status_code == 503
        own_server.start()  # same port, same location: the loaded data are still there
        again = client.get("/sparql", params={"query": LABELS})
        assert again.status_code == 200 and again.json()["results"]["bindings"]
        assert client.get("/health").json()["triples"] > 1000


def test_silent_server_is_504_within_the_time_limit(dist: Path) -> None:
    with socket.socket() as listener:  # accepts connections (backlog), never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        store = RemoteStore(endpoint, timeout_s=0.5, graphs=["urn:g"])
        started = time.monotonic()
        with pytest.raises(RemoteTimeout, match=r"did not answer within the 0\.5 s"):
            store.select(LABELS)
        assert time.monotonic() - started < 3
        with _app(endpoint, dist, timeout_s=0.5) as client:
            response = client.get("/sparql", params={"query": LABELS})
        assert response.status_code == 504
        assert endpoint in response.json()["detail"]


@pytest.mark.parametrize(
    ("status", "body", "error", "code"),
    [
        (400, b"Parse error: unknown function ex:f at 1:40", InvalidQuery, 400),
        (500, b"Virtuoso S1T00 Error SR171: Transaction timed out", RemoteTimeout, 504),
        (500, b"Virtuoso 42000 Error: out of memory", RemoteError, 502),
        (503, b"overloaded", RemoteUnavailable, 503),
        (404, b"no such path", RemoteError, 502),
    ],
)
def test_server_errors_become_statuses(
    dist: Path, status: int, body: bytes, error: type[Exception], code: int
) -> None:
    stub = Stub(status=status, body=body)
    try:
        store = RemoteStore(stub.url + "/sparql", graphs=["urn:g"])
        with pytest.raises(error) as raised:
            store.select(LABELS)
        assert stub.url in str(raised.value) and body.decode()[:20] in str(raised.value)
        with _app(stub.url + "/sparql", dist) as client:
            response = client.get("/sparql", params={"query": LABELS})
        assert response.status_code == code
        assert body.decode()[:20] in response.json()["detail"]
    finally:
        stub.close()


def test_nothing_is_sent_for_refused_or_malformed_queries(dist: Path) -> None:
    stub = Stub(status=500)
    try:
        with _app(stub.url + "/sparql", dist) as client:
            service = "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
            assert client.get("/sparql", params={"query": service}).status_code == 400
            update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
            assert client.get("/sparql", params={"query": update}).status_code == 403
            syntax = client.get("/sparql", params={"query": "SELECT *\nWHERE { ?s ?p }"})
            assert syntax.status_code == 400 and "2:" in syntax.json()["detail"]
            too_long = client.post("/sparql", data={"query": LABELS + "#" + "x" * 200_000})
            assert too_long.status_code == 413
        assert stub.requests == []
    finally:
        stub.close()


def test_requests_are_form_posts_naming_the_project_graphs() -> None:
    results = b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}'
    stub = Stub(media_type="application/sparql-results+json", body=results)
    try:
        store = RemoteStore(stub.url + "/sparql", graphs=["urn:a", "urn:b"])
        store.select(COUNT)
        assert store.scoped  # the stub's default graph is not shown to be their union
        method, _, headers, body = stub.requests[-1]
        assert method == "POST"  # never application/sparql-query: it hangs on Virtuoso
        assert headers["Content-Type"] == "application/x-www-form-urlencoded"
        form = httpx.QueryParams(body.decode())
        assert form.get_list("default-graph-uri") == ["urn:a", "urn:b"]
        assert form.get_list("named-graph-uri") == ["urn:a", "urn:b"]
        assert "PREFIX rdfs:" in form["query"] and "format" not in form
    finally:
        stub.close()


def test_foreign_graphs_stay_out_of_the_default_graph(
    own_server: OxigraphServer, dist: Path
) -> None:
    put = httpx.put(
        f"{own_server.base}/store",
        params={"graph": FOREIGN},
        content=b"<urn:x> <urn:y> <urn:z> .\n",
        headers={"Content-Type": "application/n-triples"},
    )
    assert put.is_success
    raw = httpx.get(own_server.endpoint, params={"query": "ASK { <urn:x> ?p ?o }"})
    assert raw.json()["boolean"] is True  # the server's own union default graph sees it
    store = RemoteStore(own_server.endpoint)
    assert FOREIGN not in store.graphs() and len(store.graphs()) > 5
    assert store.scoped  # a graph not the project's: requests name the project's graphs
    assert store.ask("ASK { <urn:x> ?p ?o }") is False
    assert store.ask(f"ASK {{ {GPO} ?p ?o }}") is True
    graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert FOREIGN not in {row["g"].value for row in graphs}


def test_with_prefixes_keeps_line_numbers_and_own_declarations() -> None:
    text = with_prefixes("PREFIX rdfs: <urn:mine#>\nSELECT * { ?s rdfs:label ?o }")
    assert text.count("\n") == 1 and text.count("PREFIX rdfs:") == 1
    assert "PREFIX prov: <http://www.w3.org/ns/prov#>" in text


def test_inline_values_closes_the_where_group() -> None:
    node = ox.NamedNode("urn:x")
    construct = inline_values('CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }', s=node)
    assert construct == 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o  VALUES (?s) { (<urn:x>) } }'
    select = inline_values("# {\nSELECT ?o FROM <urn:g> { ?s ?p ?o } LIMIT 1", s=node)
    assert select.endswith("{ ?s ?p ?o  VALUES (?s) { (<urn:x>) } } LIMIT 1")


def test_a_server_holding_only_the_project_is_asked_as_it_is(oxigraph: OxigraphServer) -> None:
    # Oxigraph with --union-default-graph and only the project's graphs: naming the graphs in
    # every request would make it union them in every pattern (10-50 times slower at 1M).
    store = RemoteStore(oxigraph.endpoint)
    assert not store.scoped
    assert store.ask("ASK { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }")
    graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {row["g"].value for row in graphs} == set(store.graphs())


def test_a_union_server_without_void_is_asked_as_it_is(tmp_path: Path) -> None:
    # Graphs loaded without kg load (no VoID graph, e.g. `oxigraph load` of a corpus): the
    # project's graphs are found by name, and the server is still seen to union them.
    server = OxigraphServer(tmp_path / "db")
    server.start()
    try:
        for name in ("a", "b"):
            put = httpx.put(
                f"{server.base}/store",
                params={"graph": f"https://w3id.org/kz-legal-kg/graph/{name}"},
                content=f"<urn:{name}> <urn:p> <urn:o> .\n".encode(),
                headers={"Content-Type": "application/n-triples"},
            )
            assert put.is_success
        store = RemoteStore(server.endpoint)
        assert len(store.graphs()) == 2
        assert not store.scoped
        assert store.ask("ASK { <urn:a> <urn:p> <urn:o> . <urn:b> <urn:p> <urn:o> }")
    finally:
        server.stop()
