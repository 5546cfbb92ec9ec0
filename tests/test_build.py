from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg.dist
from kg import __version__
from kg import namespaces as ns
from kg.build import build, load
from kg.errors import BuildError, SourceError
from kg.iris import graph_iri
from kg.namespaces import DATASET, DIST, GRAPH, RDF, VOID
from kg.void import VOID_GRAPH

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "build"
ONTOLOGY = FIXTURES / "ontology"
SHAPES = FIXTURES / "shapes"
DATA = FIXTURES / "data"
FILES = ["dataset.jsonld", "dataset.nq", "dataset.trig", "dataset.ttl", "void.ttl"]


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` by relative path, with its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


def fixture_build(out: Path, data: Path = DATA) -> kg.build.BuildResult:
    return build(ontology_dir=ONTOLOGY, data_dir=data, shapes_dir=SHAPES, out=out)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    assert fixture_build(out).written
    return out


# --- Loading ------------------------------------------------------------------


def test_each_turtle_file_becomes_a_named_graph() -> None:
    loaded = load(ONTOLOGY, DATA)
    assert set(loaded.files) == {GRAPH.mini, GRAPH.meetings, GRAPH.agencies}
    assert loaded.files[GRAPH.meetings] == DATA / "meetings" / "meetings.ttl"
    assert len(loaded.dataset.graph(GRAPH.agencies)) == 11
    # data/sources/*.txt and *.md are evidence texts, not RDF.
    assert all(path.suffix == ".ttl" for path in loaded.files.values())


def test_duplicate_stems_are_rejected_naming_both_files() -> None:
    with pytest.raises(BuildError) as error:
        load(DATA, FIXTURES / "duplicate")
    message = str(error.value)
    assert str(DATA / "meetings" / "agencies.ttl") in message
    assert str(FIXTURES / "duplicate" / "agencies.ttl") in message


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(SourceError) as error:
        load(FIXTURES / "broken")
    assert error.value.path == FIXTURES / "broken" / "bad-syntax.ttl"
    assert error.value.line == 5
    assert str(error.value).startswith(f"{FIXTURES / 'broken' / 'bad-syntax.ttl'}:5: ")


def test_blank_nodes_get_canonical_labels() -> None:
    first = load(DATA).dataset.graph(GRAPH.meetings)
    second = load(DATA).dataset.graph(GRAPH.meetings)
    labels = {n for triple in first for n in triple if isinstance(n, BNode)}
    assert len(labels) == 3
    assert labels == {n for triple in second for n in triple if isinstance(n, BNode)}


def test_blank_nodes_of_different_graphs_never_share_labels(tmp_path: Path) -> None:
    # Two files with identical blank-node content must not merge into one node.
    for name in ("one", "two"):
        (tmp_path / f"{name}.ttl").write_text("[] a <http://example.org/Thing> .\n")
    loaded = load(tmp_path)
    union = loaded.union()
    assert len(set(union.subjects())) == 2


# --- Writing dist/ -------------------------------------------------------------


def test_build_writes_every_file(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == FILES


def test_dataset_files_hold_the_loaded_graphs(built: Path) -> None:
    loaded = load(ONTOLOGY, DATA)
    for fmt, name in (
        ("trig", "dataset.trig"),
        ("nquads", "dataset.nq"),
        ("json-ld", "dataset.jsonld"),
    ):
        parsed = Dataset()
        parsed.parse(built / name, format=fmt)
        names = {g.identifier for g in parsed.graphs() if len(g)}
        assert names == {*loaded.files, VOID_GRAPH}, name
        for iri in loaded.files:
            assert isomorphic(parsed.graph(iri), loaded.dataset.graph(iri)), (name, iri)
    default = Graph().parse(built / "dataset.ttl", format="turtle")
    assert isomorphic(default, loaded.union())


def test_void_describes_the_dataset(built: Path) -> None:
    void = Graph().parse(built / "void.ttl")
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert (DATASET, RDF.type, ns.DCAT.Dataset) in void
    assert void.value(DATASET, VOID.triples) == Literal(47)
    assert set(void.objects(DATASET, VOID.subset)) == {GRAPH.mini, GRAPH.meetings, GRAPH.agencies}
    assert void.value(GRAPH.agencies, VOID.triples) == Literal(11)
    assert URIRef("http://www.w3.org/ns/prov#") in set(void.objects(DATASET, VOID.vocabulary))
    version = URIRef(str(ns.DCAT) + "version")  # DCAT 3; rdflib's DCAT is DCAT 2
    assert void.value(DATASET, version) == Literal(__version__)
    assert void.value(DATASET, ns.DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for name in FILES[:-1]:
        dist = void.value(predicate=ns.DCAT.downloadURL, object=DIST[name])
        assert dist is not None, name
        size = void.value(dist, ns.DCAT.byteSize)
        assert isinstance(size, Literal)
        assert size.toPython() == (built / name).stat().st_size, name
    # The copy inside the dataset states no sizes: a file cannot state its own.
    inside = Dataset().parse(built / "dataset.trig", format="trig").graph(VOID_GRAPH)
    assert inside.value(DATASET, VOID.triples) == Literal(47)
    assert not list(inside.objects(None, ns.DCAT.byteSize))


def test_builds_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"dist-{seed}"
        args = ["build", "--ontology-dir", str(ONTOLOGY), "--shapes-dir", str(SHAPES)]
        args += ["--data-dir", str(DATA), "--out", str(out)]
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, env=env)
        outs.append(snapshot(out))
    assert sorted(outs[0]) == FILES
    assert outs[0] == outs[1]


def test_nonconforming_data_leaves_dist_untouched(built: Path) -> None:
    before = snapshot(built)
    result = fixture_build(built, FIXTURES / "nonconforming")
    assert not result.outcome.conforms
    assert result.written == ()
    assert snapshot(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["dist"]


def test_syntax_error_leaves_dist_untouched(built: Path) -> None:
    before = snapshot(built)
    with pytest.raises(SourceError):
        fixture_build(built, FIXTURES / "broken")
    assert snapshot(built) == before


def test_failure_while_serialising_leaves_dist_untouched(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(built)

    def explode(*_: object) -> str:
        raise RuntimeError("serialiser failed")

    monkeypatch.setattr(kg.dist, "jsonld", explode)
    with pytest.raises(RuntimeError, match="serialiser failed"):
        fixture_build(built)
    assert snapshot(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["dist"]


def test_rebuild_replaces_dist_and_leaves_no_temporary_directory(built: Path) -> None:
    (built / "stale.txt").write_text("from an older build")
    assert fixture_build(built).written
    assert sorted(p.name for p in built.iterdir()) == FILES
    assert sorted(p.name for p in built.parent.iterdir()) == ["dist"]


def test_graph_void_is_reserved(tmp_path: Path) -> None:
    (tmp_path / "void.ttl").write_text("<http://example.org/a> a <http://example.org/B> .\n")
    loaded = load(tmp_path)
    assert graph_iri("void") in loaded.files
    with pytest.raises(BuildError, match="reserved"):
        kg.dist.write_dist(loaded.dataset, sorted(loaded.files), tmp_path / "dist")


def test_the_real_tree_builds(root: Path, tmp_path: Path) -> None:
    result = build(
        ontology_dir=root / "ontology",
        data_dir=root / "data",
        shapes_dir=root / "shapes",
        out=tmp_path / "dist",
    )
    violations = [f"{r.focus_node} {r.path}: {r.message}" for r in result.outcome.violations]
    assert result.outcome.conforms, "\n".join(violations)
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == FILES
