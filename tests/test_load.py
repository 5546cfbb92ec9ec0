"""kg load: graphs split from dataset.nq, PUT by the Graph Store Protocol, counted after."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from integration.servers import OxigraphServer, Stub
from kg.cli import main
from kg.errors import LoadError
from kg.load import graph_store_url, split_graphs
from kg.void import VOID_GRAPH


def test_split_graphs_writes_each_graph_as_n_triples(dist: Path, tmp_path: Path) -> None:
    quads = list(ox.parse(path=dist / "dataset.nq", format=ox.RdfFormat.N_QUADS))
    expected = Counter(quad.graph_name.value for quad in quads)  # type: ignore[union-attr]
    graphs = split_graphs(dist / "dataset.nq", tmp_path)
    assert {g.iri: g.triples for g in graphs} == dict(expected)
    assert str(VOID_GRAPH) in expected
    for graph in graphs:
        triples = set(ox.parse(path=graph.path, format=ox.RdfFormat.N_TRIPLES))
        assert len(triples) == graph.triples


def test_quads_outside_the_project_graphs_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dataset.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> <http://example.org/g> .\n")
    with pytest.raises(LoadError, match="outside"):
        split_graphs(path, tmp_path)


def test_graph_store_url() -> None:
    assert graph_store_url("http://h:7878/query", authenticated=False) == "http://h:7878/store"
    assert (
        graph_store_url("http://h:8890/sparql", authenticated=True)
        == "http://h:8890/sparql-graph-crud-auth"
    )
    with pytest.raises(LoadError, match="--graph-store"):
        graph_store_url("http://h/endpoint", authenticated=False)


def test_load_twice_gives_the_same_graphs(
    oxigraph: OxigraphServer, dist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The session server was loaded once already; PUT replaces, so the counts still match.
    assert main(["load", "--endpoint", oxigraph.endpoint, "--dist", str(dist)]) == 0
    out = capsys.readouterr().out
    assert str(VOID_GRAPH) in out and "MISMATCH" not in out


def test_a_count_mismatch_fails_with_a_table(
    oxigraph: OxigraphServer, dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One more triple in the void graph than the server holds; the stub graph store accepts
    # every PUT and keeps nothing, so the server's counts stay those of the real build.
    changed = tmp_path / "dist"
    shutil.copytree(dist, changed)
    with (changed / "dataset.nq").open("a") as out:
        out.write(f"<urn:extra> <urn:p> <urn:o> <{VOID_GRAPH}> .\n")
    stub = Stub(status=204)
    try:
        code = main(
            ["load", "--endpoint", oxigraph.endpoint, "--graph-store", stub.url + "/store",
             "--dist", str(changed)]
        )  # fmt: skip
    finally:
        stub.close()
    assert code == 1
    captured = capsys.readouterr()
    line = next(x for x in captured.out.splitlines() if x.startswith(str(VOID_GRAPH)))
    assert line.split()[1:] == ["88", "87", "MISMATCH"]
    assert "does not hold what was sent" in captured.err
    assert all(method == "PUT" for method, *_ in stub.requests)
    assert len(stub.requests) == len(split_graphs(changed / "dataset.nq", tmp_path))


def test_refused_put_is_an_error(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stub = Stub(status=403, body=b"forbidden: anonymous write")
    try:
        code = main(["load", "--endpoint", stub.url + "/sparql", "--dist", str(dist)])
    finally:
        stub.close()
    assert code == 2
    assert "403 forbidden: anonymous write" in capsys.readouterr().err
