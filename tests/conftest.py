"""Shared fixtures. Session-scoped graphs are shared between tests: copy before changing them."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from integration.servers import OxigraphServer
from kg.build import load, load_dataset
from kg.cli import main
from kg.dist import write_dist
from kg.namespaces import new_graph
from kg.ontology import load_ontology
from kg.store import MemoryStore, RemoteStore, Store
from kg.turtle import parse_all, turtle_files
from kg.validate import load_shapes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The union of ontology/*.ttl."""
    return load_ontology(ROOT / "ontology")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """The union of shapes/*.ttl."""
    return load_shapes(ROOT / "shapes")


@pytest.fixture(scope="session")
def _valid_base() -> Graph:
    return parse_all(turtle_files(ROOT / "ontology", FIXTURES / "valid"))


@pytest.fixture
def valid_graph(_valid_base: Graph) -> Graph:
    """The ontology plus tests/fixtures/valid/*.ttl; a fresh copy for each test."""
    graph = new_graph()
    graph += _valid_base
    return graph


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The Dataset that kg build loads from the real ontology/ and data/."""
    return load_dataset(ROOT / "ontology", ROOT / "data")


@pytest.fixture(scope="session")
def union(dataset: Dataset) -> Graph:
    """Every triple of every named graph of ``dataset``."""
    graph = new_graph()
    for named in dataset.graphs():
        graph += named
    return graph


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ written from the real ontology/ and data/ (not re-validated: test_build does)."""
    loaded = load(ROOT / "ontology", ROOT / "data")
    out = tmp_path_factory.mktemp("built") / "dist"
    write_dist(loaded.dataset, sorted(loaded.files), out)
    return out


@pytest.fixture(scope="session")
def store(dist: Path) -> MemoryStore:
    """The embedded pyoxigraph store over ``dist``; read-only, shared by the session."""
    return MemoryStore.from_dist(dist)


# --- backends: the same API tests over the embedded store and over real SPARQL servers -------
# KG_TEST_BACKEND=virtuoso (make test-virtuoso) runs them against the server at KG_TEST_ENDPOINT.
BACKENDS = (
    [os.environ["KG_TEST_BACKEND"]]
    if os.environ.get("KG_TEST_BACKEND")
    else [
        "embedded",
        "oxigraph",
    ]
)


@pytest.fixture(scope="session")
def oxigraph(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An Oxigraph server on a free loopback port, loaded with ``dist`` by ``kg load``."""
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    server.start()
    try:
        started = time.monotonic()
        assert main(["load", "--endpoint", server.endpoint, "--dist", str(dist)]) == 0
        print(f"kg load into Oxigraph: {time.monotonic() - started:.2f} s")
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store behind the app: "embedded", "oxigraph" or "virtuoso"."""
    return str(request.param)


@pytest.fixture(scope="session")
def remote_endpoint(backend: str, request: pytest.FixtureRequest) -> str | None:
    """The SPARQL endpoint of the backend's server; None for the embedded store."""
    if backend == "embedded":
        return None
    if backend == "oxigraph":
        server: OxigraphServer = request.getfixturevalue("oxigraph")
        return server.endpoint
    endpoint = os.environ.get("KG_TEST_ENDPOINT")
    if not endpoint:
        pytest.skip(f"KG_TEST_ENDPOINT is not set for the {backend} backend")
    return endpoint


@pytest.fixture(scope="session")
def backend_store(store: MemoryStore, remote_endpoint: str | None) -> Store:
    """The embedded store, or a RemoteStore over the backend's server."""
    return store if remote_endpoint is None else RemoteStore(remote_endpoint)
