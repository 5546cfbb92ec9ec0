"""The SPARQL 1.1 Protocol at /sparql, in-process, over the real dataset and worker pool."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from kg.api.main import create_app
from kg.config import Settings
from kg.namespaces import ID, RDFS
from kg.void import VOID_GRAPH

GPO = f"<{ID}agency/gpo>"
LABELS = f"SELECT ?label WHERE {{ {GPO} rdfs:label ?label }} ORDER BY ?label"
GRAPH_LABELS = f"CONSTRUCT {{ {GPO} rdfs:label ?label }} WHERE {{ {GPO} rdfs:label ?label }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SD = "http://www.w3.org/ns/sparql-service-description#"
SRX = "{http://www.w3.org/2005/sparql-results#}"
MAX_QUERY_BYTES = 4000


@pytest.fixture(scope="module")
def client(dist: Path, remote_endpoint: str | None) -> Iterator[TestClient]:
    # Once per backend: worker processes over dist/, and each real SPARQL server (conftest.py).
    settings = Settings(
        dist_dir=dist,
        query_workers=2,
        sparql_timeout_s=10,
        max_query_bytes=MAX_QUERY_BYTES,
        sparql_endpoint=remote_endpoint,
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def gpo_labels(client: TestClient) -> set[str]:
    response = client.get("/sparql", params={"query": LABELS})
    assert response.status_code == 200
    labels = {b["label"]["value"] for b in response.json()["results"]["bindings"]}
    assert "Generalnaya prokuratura" not in labels and len(labels) >= 2
    return labels


def _problem(response: httpx.Response, status: int, pattern: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert re.search(pattern, body["detail"]), body["detail"]


# --- methods -------------------------------------------------------------------------------


def test_get_post_form_and_post_query_agree(client: TestClient, gpo_labels: set[str]) -> None:
    answers = [
        client.get("/sparql", params={"query": LABELS}),
        client.post("/sparql", data={"query": LABELS}),
        client.post(
            "/sparql", content=LABELS, headers={"Content-Type": "application/sparql-query"}
        ),
    ]
    for response in answers:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
        assert {b["label"]["value"] for b in response.json()["results"]["bindings"]} == gpo_labels


def test_head_has_headers_and_no_body(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": LABELS})
    head = client.head("/sparql", params={"query": LABELS})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


def test_options_and_cors(client: TestClient) -> None:
    options = client.options("/sparql")
    assert options.status_code == 204
    assert set(options.headers["allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    get = client.get("/sparql", params={"query": LABELS}, headers={"Origin": "https://x.org"})
    assert get.headers["access-control-allow-origin"] == "*"
    error = client.get("/sparql", params={"query": "SELECT"}, headers={"Origin": "https://x.org"})
    assert error.status_code == 400
    assert error.headers["access-control-allow-origin"] == "*"


# --- result formats ------------------------------------------------------------------------


def _labels_from(media_type: str, body: str) -> set[str]:
    if media_type == "application/sparql-results+json":
        return {b["label"]["value"] for b in json.loads(body)["results"]["bindings"]}
    if media_type == "application/sparql-results+xml":
        root = ET.fromstring(body)
        return {el.text or "" for el in root.iter(f"{SRX}literal")}
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["label"]
        return {row[0] for row in rows[1:]}
    # TSV cells are terms in Turtle syntax: "Генеральная прокуратура"@ru
    rows = list(csv.reader(io.StringIO(body), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["?label"]
    return {row[0][1 : row[0].rindex('"')] for row in rows[1:]}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        # The most specific range decides: XML (also text/xml) is excluded by its own q=0.
        (
            "text/*;q=0.8, application/sparql-results+json;q=0.1, "
            "application/sparql-results+xml;q=0",
            "text/csv",
        ),
        ("*/*", "application/sparql-results+json"),
        ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ],
)
def test_select_formats_parse_back(
    client: TestClient, gpo_labels: set[str], accept: str, media_type: str
) -> None:
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert "Accept" in response.headers["vary"]
    assert _labels_from(media_type, response.text) == gpo_labels


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("text/csv", "text/csv"),
    ],
)
def test_format_parameter_overrides_accept(
    client: TestClient, gpo_labels: set[str], fmt: str, media_type: str
) -> None:
    response = client.post(
        "/sparql", data={"query": LABELS, "format": fmt}, headers={"Accept": "application/json"}
    )
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert _labels_from(media_type, response.text) == gpo_labels


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/xml"])
def test_ask(client: TestClient, accept: str) -> None:
    for query, expected in ((f"ASK {{ {GPO} ?p ?o }}", True), ("ASK { <urn:x:no> ?p ?o }", False)):
        response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200
        if "json" in accept:
            assert response.json()["boolean"] is expected
        else:
            boolean = ET.fromstring(response.text).find(f"{SRX}boolean")
            assert boolean is not None and boolean.text == str(expected).lower()


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/trig", "application/trig", "trig"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("text/turtle;q=0, */*", "application/n-triples", "nt"),
        ("application/json", "application/ld+json", "json-ld"),
    ],
)
def test_construct_formats_parse_back(
    client: TestClient,
    gpo_labels: set[str],
    accept: str | None,
    media_type: str,
    rdflib_format: str,
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": GRAPH_LABELS}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    dataset = Dataset()
    dataset.parse(data=response.text, format=rdflib_format)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    gpo = URIRef(f"{ID}agency/gpo")
    assert {str(o) for s, p, o in triples if s == gpo and p == RDFS.label} == gpo_labels


@pytest.mark.parametrize("fmt", ["turtle", "nt", "rdfxml", "jsonld", "trig", "nq", "n3"])
def test_describe_with_format_parameter(client: TestClient, fmt: str) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE {GPO}", "format": fmt})
    assert response.status_code == 200
    assert response.content


# --- 406 -----------------------------------------------------------------------------------


def test_not_acceptable_lists_the_formats(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/html"})
    _problem(select, 406, r"application/sparql-results\+json.*text/csv")
    construct = client.get(
        "/sparql", params={"query": GRAPH_LABELS}, headers={"Accept": "text/csv"}
    )
    _problem(construct, 406, r"text/turtle.*application/ld\+json")
    wrong_format = client.get("/sparql", params={"query": GRAPH_LABELS, "format": "csv"})
    _problem(wrong_format, 406, "format=csv")


def test_unknown_format_names_fall_back_to_accept(client: TestClient) -> None:
    # SPARQLWrapper sends format=, output= and results= with names some servers do not know.
    response = client.get(
        "/sparql",
        params={"query": LABELS, "format": "no-such-format"},
        headers={"Accept": "text/csv"},
    )
    assert response.headers["content-type"].startswith("text/csv")


# --- dataset -------------------------------------------------------------------------------


def _count(client: TestClient, query: str = COUNT, **params: list[str]) -> int:
    response = client.post("/sparql", data={"query": query, **params})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_uri_restricts_the_default_graph(client: TestClient) -> None:
    everything = _count(client)
    only_void = _count(client, **{"default-graph-uri": [str(VOID_GRAPH)]})
    assert 0 < only_void < everything
    # Also given in the URL of a POST with an application/sparql-query body.
    response = client.post(
        "/sparql",
        params={"default-graph-uri": str(VOID_GRAPH)},
        content=COUNT,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) == only_void


def test_named_graph_uri_restricts_the_named_graphs(client: TestClient) -> None:
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(client, graphs) > 2
    assert _count(client, graphs, **{"named-graph-uri": [str(VOID_GRAPH)]}) == 1
    # With named graphs only, the default graph is empty (SPARQL 1.1 Protocol, 2.1.4).
    assert _count(client, **{"named-graph-uri": [str(VOID_GRAPH)]}) == 0


def test_graph_uris_must_be_iris(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": COUNT, "default-graph-uri": "void"})
    _problem(response, 400, "absolute IRI")


# --- service description -------------------------------------------------------------------


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, RDF.type, URIRef(SD + "Service")) in graph
    assert (service, URIRef(SD + "endpoint"), service) in graph
    languages = set(graph.objects(service, URIRef(SD + "supportedLanguage")))
    assert languages == {URIRef(SD + "SPARQL11Query")}
    formats = {str(o) for o in graph.objects(service, URIRef(SD + "resultFormat"))}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    assert len(formats) == 10
    assert (service, URIRef(SD + "feature"), URIRef(SD + "UnionDefaultGraph")) in graph
    dataset = graph.value(service, URIRef(SD + "defaultDataset"))
    assert graph.value(dataset, URIRef(SD + "defaultGraph")) is not None
    names = {
        str(graph.value(named, URIRef(SD + "name")))
        for named in graph.objects(dataset, URIRef(SD + "namedGraph"))
    }
    listed = client.get(
        "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
    )
    assert names == {b["g"]["value"] for b in listed.json()["results"]["bindings"]}
    assert str(VOID_GRAPH) in names


def test_service_description_is_negotiated(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"] == "application/ld+json; charset=utf-8"
    graph = Graph().parse(data=response.text, format="json-ld")
    assert (None, RDF.type, URIRef(SD + "Service")) in graph
    _problem(client.get("/sparql", headers={"Accept": "text/csv"}), 406, "text/turtle")


# --- errors --------------------------------------------------------------------------------


def test_syntax_error_has_line_and_column(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT *\nWHERE { ?s ?p }"})
    _problem(response, 400, r"2:\d+")


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("get", {"params": {"default-graph-uri": str(VOID_GRAPH)}}),
        ("post", {"data": {"format": "json"}}),
        ("get", {"params": [("query", COUNT), ("query", COUNT)]}),
    ],
)
def test_missing_or_repeated_query(
    client: TestClient, method: str, kwargs: dict[str, object]
) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    _problem(response, 400, "query")


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("get", {"params": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("get", {"params": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("post", {"data": {"update": "DELETE WHERE { ?s ?p ?o }"}}),
        ("post", {"data": {"query": "LOAD <http://example.org/data.ttl>"}}),
        (
            "post",
            {
                "content": "CLEAR ALL",
                "headers": {"Content-Type": "application/sparql-update"},
            },
        ),
    ],
)
def test_updates_are_refused(client: TestClient, method: str, kwargs: dict[str, object]) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    _problem(response, 403, "read-only")
    assert response.json()["error"] == "UpdateRefused"


def test_service_is_refused_but_the_word_in_a_string_is_not(client: TestClient) -> None:
    refused = client.get(
        "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"}
    )
    _problem(refused, 400, "SERVICE")
    allowed = client.get(
        "/sparql", params={"query": 'SELECT ?x WHERE { BIND("SERVICE <http://x/> {}" AS ?x) }'}
    )
    assert allowed.status_code == 200
    assert allowed.json()["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_oversized_query_is_refused(client: TestClient) -> None:
    long = LABELS + "\n#" + "x" * MAX_QUERY_BYTES
    _problem(client.post("/sparql", data={"query": long}), 413, f"{MAX_QUERY_BYTES} bytes")
    _problem(
        client.post("/sparql", content=long, headers={"Content-Type": "application/sparql-query"}),
        413,
        "limit",
    )
    _problem(client.get("/sparql", params={"query": long}), 413, "bytes")


def test_unsupported_body_type(client: TestClient) -> None:
    response = client.post("/sparql", content=LABELS, headers={"Content-Type": "text/plain"})
    _problem(response, 415, "application/sparql-query")


def test_unknown_path_has_the_same_error_shape(client: TestClient) -> None:
    _problem(client.get("/no-such-path"), 404, "Not Found")
