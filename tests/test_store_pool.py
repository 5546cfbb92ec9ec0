"""The worker pool behind the service: same answers as MemoryStore, and queries can be stopped."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InvalidQuery, NotFound, QueryRefused, QueryTimeout, ResultTooLarge
from kg.namespaces import ID, RDFS
from kg.store import MemoryStore, PooledStore
from kg.void import VOID_GRAPH

GPO = ox.NamedNode(str(ID) + "agency/gpo")
LABEL = ox.NamedNode(str(RDFS.label))
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABELS = "SELECT ?label WHERE { ?thing rdfs:label ?label } ORDER BY ?label"


@pytest.fixture(scope="module", params=["memory", "disk"])
def pool(
    request: pytest.FixtureRequest, dist: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PooledStore]:
    """Workers with a copy in memory each, or sharing one on-disk store read-only."""
    store_dir = tmp_path_factory.mktemp("store") / "oxigraph" if request.param == "disk" else None
    store = PooledStore(
        dist, workers=2, timeout_s=1.5, max_result_bytes=200_000, store_dir=store_dir
    )
    yield store
    store.close()


def test_select_with_bindings_matches_memory_store(pool: PooledStore, store: MemoryStore) -> None:
    rows = pool.select(LABELS, thing=GPO)
    assert rows == store.select(LABELS, thing=GPO)
    assert {row["label"].language for row in rows} >= {"en", "ru"}
    assert all(isinstance(row["label"], ox.Literal) for row in rows)


def test_ask_construct_describe(pool: PooledStore, store: MemoryStore) -> None:
    assert pool.ask("ASK { ?s rdfs:label ?l }", s=GPO) is True
    assert pool.ask("ASK { ?s rdfs:label 'no such label' }", s=GPO) is False
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    assert set(pool.construct(query, s=GPO)) == set(store.construct(query, s=GPO))
    assert pool.construct(query, s=GPO)
    quads = pool.describe(GPO.value)
    assert {q.triple for q in quads if isinstance(q.subject, ox.NamedNode)} == {
        q.triple for q in store.describe(GPO.value) if isinstance(q.subject, ox.NamedNode)
    }


def test_wrong_form_and_syntax_errors(pool: PooledStore) -> None:
    with pytest.raises(InvalidQuery, match="expected a SELECT"):
        pool.select("ASK { ?s ?p ?o }")
    with pytest.raises(InvalidQuery, match="CONSTRUCT or DESCRIBE"):
        pool.construct("SELECT * { ?s ?p ?o } LIMIT 1")
    with pytest.raises(InvalidQuery, match=r"1:\d+"):
        pool.select("SELECT * WHERE { ?s ?p }")


def test_service_never_reaches_the_engine(pool: PooledStore, store: MemoryStore) -> None:
    query = "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryRefused):
        pool.select(query)
    with pytest.raises(QueryRefused):
        store.select(query)


def test_dataset_arguments_restrict_the_data(pool: PooledStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    void = str(VOID_GRAPH)

    def n(default_graph: list[str] | None = None, named_graphs: list[str] | None = None) -> int:
        body = pool.serialise(count, default_graph=default_graph, named_graphs=named_graphs).body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    assert 0 < n(default_graph=[void]) < n()
    assert n(named_graphs=[void]) == 0  # only named graphs given: the default graph is empty
    # Only a default graph given: no named graphs.
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    body = pool.serialise(graphs, default_graph=[void]).body
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"
    # The query's own FROM sets the default graph when the request sets no dataset.
    from_void = pool.serialise(f"SELECT (COUNT(*) AS ?n) FROM <{void}> WHERE {{ ?s ?p ?o }}")
    assert json.loads(from_void.body)["results"]["bindings"][0]["n"]["value"] == str(
        n(default_graph=[void])
    )
    with pytest.raises(InvalidQuery, match="absolute IRI"):
        n(default_graph=["not an iri"])


def test_result_size_is_capped(pool: PooledStore) -> None:
    with pytest.raises(ResultTooLarge, match="200000 bytes"):
        pool.serialise("SELECT * { ?s ?p ?o }")


def test_the_services_own_queries_are_not_capped(pool: PooledStore) -> None:
    # The question engine reads every label at once: over the 200 kB cap for clients.
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    with pytest.raises(ResultTooLarge):
        pool.serialise(everything)
    rows = pool.select(everything)
    assert len(rows) == int(pool.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value)


def test_timeout_kills_the_worker_and_the_pool_recovers(pool: PooledStore) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"1\.5 s"):
        pool.select(SLOW)
    assert time.monotonic() - started < 3
    # Both workers answer again: the killed one was replaced.
    for _ in range(4):
        assert pool.select(LABELS, thing=GPO)


def test_missing_dist_is_reported(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="kg build"):
        PooledStore(tmp_path, workers=1)


def test_a_long_query_runs_at_a_lower_priority(dist: Path) -> None:
    # Two patterns over the real graph: millions of rows, a second or so, well under the limit.
    medium = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    store = PooledStore(dist, workers=1, timeout_s=30)
    try:
        (worker,) = store._all
        pid = worker.process.pid
        assert pid is not None and os.getpriority(os.PRIO_PROCESS, pid) == 0
        seen: list[int] = []
        running = threading.Thread(target=lambda: seen.append(len(store.select(medium))))
        running.start()
        time.sleep(0.6)  # past SLOW_QUERY_S: the worker now runs at nice 10
        assert running.is_alive(), "the query was too short to show the lower priority"
        assert os.getpriority(os.PRIO_PROCESS, pid) == 10
        running.join(timeout=30)
        assert seen == [1]
        # Afterwards: back to normal priority, or (without CAP_SYS_NICE) a fresh worker.
        (after,) = store._all or [None]
        if after is worker:
            assert os.getpriority(os.PRIO_PROCESS, pid) == 0
        assert store.ask("ASK { ?s ?p ?o }")
    finally:
        store.close()
