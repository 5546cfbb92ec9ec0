"""A real ``kg serve`` process on a loopback port, queried by real SPARQL clients.

One server for the session, with a 2 s query timeout, so the timeout test is quick.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, POST, TURTLE, XML, SPARQLWrapper

from integration.servers import kg_serve
from kg.cli import main
from kg.namespaces import ID
from kg.void import VOID_GRAPH

TIMEOUT_S = 2
GPO = f"{ID}agency/gpo"
LABELS = f"SELECT ?label WHERE {{ <{GPO}> rdfs:label ?label }}"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="session")
def server(
    dist: Path, tmp_path_factory: pytest.TempPathFactory, remote_endpoint: str | None
) -> Iterator[str]:
    """The base URL of a running ``kg serve`` over ``dist``, or in front of the backend's
    SPARQL server (``--endpoint``); stopped after the session."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    env = {"KG_SPARQL_TIMEOUT_S": str(TIMEOUT_S), "KG_QUERY_WORKERS": "2"}
    with kg_serve(dist, log, env=env, endpoint=remote_endpoint) as base:
        yield base


@pytest.fixture(scope="session")
def endpoint(server: str) -> str:
    return f"{server}/sparql"


@pytest.fixture(scope="session")
def gpo_labels(endpoint: str) -> set[str]:
    response = httpx.get(endpoint, params={"query": LABELS})
    assert response.status_code == 200
    return {b["label"]["value"] for b in response.json()["results"]["bindings"]}


def test_health(server: str) -> None:
    body = httpx.get(f"{server}/health").json()
    assert body["triples"] > 1000
    assert body["query_workers"] == 2
    assert body["sparql_timeout_s"] == TIMEOUT_S


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("return_format", [JSON, XML])
def test_sparqlwrapper_select(
    endpoint: str, gpo_labels: set[str], method: str, return_format: str
) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(LABELS)
    client.setMethod(method)
    client.setReturnFormat(return_format)
    result = client.queryAndConvert()
    if return_format == JSON:
        assert isinstance(result, dict)
        labels = {b["label"]["value"] for b in result["results"]["bindings"]}
    else:
        labels = {node.firstChild.data for node in result.getElementsByTagName("literal")}  # type: ignore[union-attr]
    assert labels == gpo_labels


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("return_format", [TURTLE, XML])
def test_sparqlwrapper_construct(
    endpoint: str, gpo_labels: set[str], method: str, return_format: str
) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"CONSTRUCT {{ <{GPO}> rdfs:label ?l }} WHERE {{ <{GPO}> rdfs:label ?l }}")
    client.setMethod(method)
    client.setReturnFormat(return_format)
    result = client.queryAndConvert()
    graph = Graph().parse(data=result, format="turtle") if return_format == TURTLE else result
    assert isinstance(graph, Graph)
    assert {str(o) for o in graph.objects(URIRef(GPO), RDFS.label)} == gpo_labels


def test_sparqlwrapper_ask(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"ASK {{ <{GPO}> ?p ?o }}")
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict) and result["boolean"] is True


def test_rdflib_sparqlstore(endpoint: str, gpo_labels: set[str]) -> None:
    # A union Dataset sends no default-graph-uri: the endpoint's default graph (the union).
    dataset = Dataset(SPARQLStore(endpoint), default_union=True)
    labels = {str(row[0]) for row in dataset.query(LABELS, initNs={"rdfs": RDFS})}  # type: ignore[index]
    assert labels == gpo_labels
    assert (URIRef(GPO), RDFS.label, None) in dataset
    # A graph named after one named graph sends default-graph-uri: only that graph is seen.
    void = Graph(SPARQLStore(endpoint), identifier=VOID_GRAPH)
    assert len(list(void.query("SELECT * WHERE { ?s ?p ?o }"))) < 200
    assert not list(void.query(LABELS, initNs={"rdfs": RDFS}))
    assert Literal("Kazakhstan legal knowledge graph", lang="en") in set(void.objects())


def test_httpx_formats_and_errors(endpoint: str) -> None:
    csv = httpx.post(endpoint, data={"query": LABELS}, headers={"Accept": "text/csv"})
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.text.splitlines()[0] == "label"
    syntax = httpx.get(endpoint, params={"query": "SELECT * {"})
    assert syntax.status_code == 400 and "1:" in syntax.json()["detail"]
    update = httpx.post(
        endpoint,
        content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert update.status_code == 403
    head = httpx.head(endpoint, params={"query": LABELS})
    assert head.status_code == 200 and head.content == b""
    description = httpx.get(endpoint)
    assert description.headers["content-type"] == "text/turtle; charset=utf-8"
    assert "sd:Service" in description.text or "sparql-service-description#Service" in (
        description.text
    )


def test_service_makes_no_outbound_request(endpoint: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        query = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        response = httpx.get(endpoint, params={"query": query})
        assert response.status_code == 400
        assert "SERVICE" in response.json()["detail"]
        listener.settimeout(0.5)
        with pytest.raises(TimeoutError):
            listener.accept()


def test_timeout_stops_the_query_and_others_go_on(
    endpoint: str, gpo_labels: set[str], backend: str
) -> None:
    if backend != "embedded":
        pytest.skip("worker processes are the embedded store's; remote: test_remote_store.py")
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        response = httpx.get(endpoint, params={"query": SLOW}, timeout=30)
        slow["elapsed"] = time.monotonic() - started
        slow["status"] = response.status_code
        slow["body"] = response.json()

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)  # the slow query is running in one worker
    started = time.monotonic()
    light = httpx.get(endpoint, params={"query": LABELS}, timeout=30)
    light_elapsed = time.monotonic() - started
    thread.join(timeout=30)

    assert light.status_code == 200
    assert light_elapsed < 1.0, "a light query waited for the slow one"
    assert slow["status"] == 503
    assert "time limit" in slow["body"]["detail"]  # type: ignore[index]
    assert TIMEOUT_S <= slow["elapsed"] < TIMEOUT_S + 1.5  # type: ignore[operator]
    # The killed worker is replaced: two queries at once are both answered.
    results: list[int] = []

    def run_light() -> None:
        results.append(httpx.get(endpoint, params={"query": LABELS}, timeout=30).status_code)

    threads = [threading.Thread(target=run_light) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results == [200, 200]
    assert httpx.get(endpoint.replace("/sparql", "/health")).status_code == 200


def test_serve_without_a_build_fails_early(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--dist", str(tmp_path), "--port", "0"]) == 2
    assert "kg build" in capsys.readouterr().err
