"""Dumps under /dist/, the VoID description at /.well-known/void, /health and the docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, VOID

from kg.api.main import OPTIONAL_ROUTERS, create_app, optional_routers
from kg.config import Settings
from kg.namespaces import DATASET
from kg.store import MemoryStore

DUMPS = {
    "dataset.trig": ("application/trig", "trig"),
    "dataset.nq": ("application/n-quads", "nquads"),
    "dataset.ttl": ("text/turtle", "turtle"),
    "dataset.jsonld": ("application/ld+json", "json-ld"),
    "void.ttl": ("text/turtle", "turtle"),
}


@pytest.fixture(scope="module")
def client(dist: Path, store: MemoryStore) -> Iterator[TestClient]:
    # The embedded store stands in for the worker pool: these routes do not need timeouts.
    with TestClient(create_app(Settings(dist_dir=dist), store=store)) as client:
        yield client


def test_every_built_file_is_served(client: TestClient, dist: Path) -> None:
    assert {path.name for path in dist.iterdir()} == set(DUMPS)


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_dump(client: TestClient, dist: Path, name: str) -> None:
    media_type, rdflib_format = DUMPS[name]
    response = client.get(f"/dist/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    assert response.content == (dist / name).read_bytes()
    assert len(Dataset().parse(data=response.text, format=rdflib_format)) > 0
    head = client.head(f"/dist/{name}")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(response.content))


@pytest.mark.parametrize(
    "path",
    [
        "/dist/pyproject.toml",
        "/dist/..%2Fpyproject.toml",
        "/dist/..%2F..%2Fpyproject.toml",
        "/dist/%2E%2E",
        "/dist/dataset.nq%00.txt",
        "/dist/",
    ],
)
def test_only_known_names_are_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"error", "detail"}


def test_well_known_void(client: TestClient, dist: Path) -> None:
    response = client.get("/.well-known/void")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert response.content == (dist / "void.ttl").read_bytes()
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(str(DATASET)), RDF.type, VOID.Dataset) in graph


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type", "rdflib_format"),
    [
        ("application/ld+json", None, "application/ld+json", "json-ld"),
        ("application/rdf+xml", None, "application/rdf+xml", "xml"),
        (None, "nt", "application/n-triples", "nt"),
    ],
)
def test_well_known_void_is_negotiated(
    client: TestClient,
    dist: Path,
    accept: str | None,
    fmt: str | None,
    media_type: str,
    rdflib_format: str,
) -> None:
    response = client.get(
        "/.well-known/void",
        headers={"Accept": accept} if accept else {},
        params={"format": fmt} if fmt else {},
    )
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    graph = Graph().parse(data=response.text, format=rdflib_format)
    expected = Graph().parse(dist / "void.ttl")
    assert len(graph) == len(expected)
    triples = graph.value(URIRef(str(DATASET)), VOID.triples)
    assert triples == expected.value(URIRef(str(DATASET)), VOID.triples)


def test_well_known_void_406(client: TestClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["detail"]


def test_health_counts_the_triples(client: TestClient, dist: Path) -> None:
    quads = list(ox.parse(path=dist / "dataset.nq", format=ox.RdfFormat.N_QUADS))
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["triples"] == len({quad.triple for quad in quads})
    assert body["quads"] == len(quads)
    assert body["graphs"] == len({quad.graph_name for quad in quads})


def test_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/sparql", "/health", "/dist/{name}", "/.well-known/void"} <= set(paths)


def test_optional_routers_are_included_when_present(client: TestClient) -> None:
    present = optional_routers()
    assert len(present) <= len(OPTIONAL_ROUTERS)
    for router in present:
        for route in router.routes:
            path = getattr(route, "path", "")
            if path and "{" not in path:
                # No route answers PATCH: 405 means the path is mounted, 404 that it is not.
                assert client.request("PATCH", path).status_code == 405, path
