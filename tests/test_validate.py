from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH

from kg.build import load
from kg.errors import ValidationError
from kg.namespaces import ID, KZLSH
from kg.ontology import load_ontology
from kg.validate import load_shapes, validate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "build"
MEETING = ID["meeting/coordination-council/2025-11-28"]


@pytest.fixture(scope="module")
def mini_shapes() -> Graph:
    return load_shapes(FIXTURES / "shapes")


@pytest.fixture(scope="module")
def mini_ontology() -> Graph:
    return load_ontology(FIXTURES / "ontology")


def test_warnings_do_not_fail(mini_shapes: Graph, mini_ontology: Graph) -> None:
    outcome = validate(load(FIXTURES / "data").union(), mini_shapes, ontology=mini_ontology)
    assert outcome.conforms
    assert outcome.violations == []
    [warning] = outcome.warnings
    assert warning.severity == SH.Warning
    assert warning.severity_name == "Warning"
    assert warning.source_shape == KZLSH["Meeting-date"]
    assert warning.focus_node == ID["meeting/coordination-council/reported-2025-11-29"]
    assert warning.message == "A meeting should have a date."


def test_violations_are_reported_with_shape_path_and_value(
    mini_shapes: Graph, mini_ontology: Graph
) -> None:
    data = load(FIXTURES / "nonconforming").union()
    outcome = validate(data, mini_shapes, ontology=mini_ontology)
    assert not outcome.conforms
    shapes = {r.source_shape for r in outcome.violations}
    assert shapes == {KZLSH["Meeting-label"], KZLSH["Association-role"]}
    [label] = [r for r in outcome.results if r.source_shape == KZLSH["Meeting-label"]]
    assert (label.focus_node, label.path) == (MEETING, RDFS.label)
    [role] = [r for r in outcome.results if r.source_shape == KZLSH["Association-role"]]
    assert role.value == ID["concept/role/emperor"]
    # Most severe first.
    severities = [r.severity for r in outcome.results]
    assert severities == sorted(severities, key=[SH.Violation, SH.Warning].index)
    assert KZLSH["Meeting-label"] in set(outcome.report.objects(None, SH.sourceShape))
    assert "Meeting-label" in outcome.text


def test_ontology_takes_part_in_the_data_graph(mini_shapes: Graph, mini_ontology: Graph) -> None:
    data = load(FIXTURES / "data").union()
    # Without the ontology the role scheme is missing, so every role is out of scheme.
    alone = validate(data, mini_shapes)
    assert {r.source_shape for r in alone.violations} == {KZLSH["Association-role"]}
    assert validate(data, mini_shapes, ontology=mini_ontology).conforms


def test_malformed_shapes_raise_validation_error(mini_ontology: Graph) -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:shape> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .
        """,
        format="turtle",
    )
    with pytest.raises(ValidationError, match="VALUES"):
        validate(Graph(), shapes, ontology=mini_ontology)


def test_validate_accepts_a_dataset(mini_shapes: Graph, mini_ontology: Graph) -> None:
    dataset = load(FIXTURES / "nonconforming").dataset
    outcome = validate(dataset, mini_shapes, ontology=mini_ontology)
    assert MEETING in {r.focus_node for r in outcome.violations}
    assert isinstance(outcome.violations[0].severity, URIRef)
