"""Shared fixtures. Session-scoped graphs are shared between tests: copy before changing them."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build import load, load_dataset
from kg.dist import write_dist
from kg.namespaces import new_graph
from kg.ontology import load_ontology
from kg.store import MemoryStore
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
