"""SHACL shapes: the valid base conforms, each defect trips exactly its shape, each gap warns.

Fixtures follow the RDF Data Cube integrity tests: ``fixtures/valid/*.ttl`` is the smallest graph
that passes every shape; ``fixtures/invalid/<Shape>.ttl`` adds one defect that must trip exactly
the Violation shape ``kzlsh:<Shape>``; ``fixtures/warning/<Shape>.ttl`` adds one gap that must raise
a Warning from exactly ``kzlsh:<Shape>`` and nothing worse. Validation is the project's
``kg.validate.validate`` (inference none, SPARQL targets and constraints on) over conftest's
``valid_graph``: ``ontology/`` (concept schemes, cube structure) plus ``fixtures/valid``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.namespaces import DATASET, KZLSH
from kg.validate import ValidationOutcome, ValidationResult, validate
from kg.void import describe

SHAPES = Path(__file__).resolve().parent.parent / "shapes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "invalid"
WARNING = FIXTURES / "warning"

SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)
# Predicates of a shape that are not constraints: a shape with nothing else only groups others
# (through sh:property) and can never be the sh:sourceShape of a result.
NOT_CONSTRAINTS = frozenset(
    {
        RDF.type,
        RDFS.comment,
        RDFS.label,
        SH.deactivated,
        SH.description,
        SH.group,
        SH.message,
        SH.name,
        SH.order,
        SH.path,
        SH.property,
        SH.severity,
        SH.target,
        SH.targetClass,
        SH.targetNode,
        SH.targetObjectsOf,
        SH.targetSubjectsOf,
    }
)

ResultKey = tuple[Node | None, Node, Node | None, Node | None, Node | None]


@pytest.fixture(scope="module")
def base_outcome(shapes: Graph, _valid_base: Graph) -> ValidationOutcome:
    """The outcome for the valid base (ontology plus fixtures/valid), computed once."""
    return validate(_valid_base, shapes)


def with_fixture(valid_graph: Graph, shapes: Graph, path: Path) -> ValidationOutcome:
    """Validate the valid base plus one fixture file."""
    valid_graph.parse(path)
    return validate(valid_graph, shapes)


def key(result: ValidationResult) -> ResultKey:
    return (
        result.source_shape,
        result.focus_node,
        result.path,
        result.value,
        result.severity,
    )


def new_results(outcome: ValidationOutcome, base: ValidationOutcome) -> list[ValidationResult]:
    """The results that the valid base alone does not have."""
    known = {key(result) for result in base.results}
    return [result for result in outcome.results if key(result) not in known]


def describe_results(results: list[ValidationResult]) -> str:
    return "\n".join(
        f"{r.severity_name} {r.source_shape} on {r.focus_node}: {r.message}" for r in results
    )


def shape_nodes(graph: Graph) -> set[Node]:
    return {node for kind in SHAPE_TYPES for node in graph.subjects(RDF.type, kind)}


def helper_shapes(graph: Graph) -> set[Node]:
    """Shapes used only as values of sh:or, sh:and, sh:xone, sh:not, sh:node or qualified shapes."""
    helpers: set[Node] = set()
    for predicate in (SH["or"], SH["and"], SH.xone):
        for members in graph.objects(None, predicate):
            helpers.update(Collection(graph, members))
    for predicate in (SH["not"], SH.node, SH.qualifiedValueShape):
        helpers.update(graph.objects(None, predicate))
    return helpers


def constraining_shapes(graph: Graph, severity: URIRef) -> set[str]:
    """Local names of the shapes of ``severity`` that can be the sh:sourceShape of a result."""
    names = set()
    for shape in shape_nodes(graph) - helper_shapes(graph):
        if graph.value(shape, SH.severity) != severity:
            continue
        if set(graph.predicates(shape, None)) - NOT_CONSTRAINTS:
            names.add(local_name(shape))
    return names


def local_name(node: Node) -> str:
    text = str(node)
    assert text.startswith(str(KZLSH)), f"{text} is not a kzlsh: shape"
    return text[len(str(KZLSH)) :]


def fixture_names(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.ttl"))


# --- The shapes themselves ---------------------------------------------------------------------


def test_shapes_are_named_and_have_messages_and_severities(shapes: Graph) -> None:
    graph = shapes
    constraints = set(graph.subjects(RDF.type, SH.SPARQLConstraint))
    for node in shape_nodes(graph) | constraints:
        assert not isinstance(node, BNode), "shapes and SPARQL constraints are named kzlsh: IRIs"
        local_name(node)
        messages = [m for m in graph.objects(node, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" for m in messages), f"{node} has no sh:message @en"
    for node in shape_nodes(graph):
        assert graph.value(node, SH.severity) in (SH.Violation, SH.Warning), (
            f"{node} has no explicit sh:severity (sh:Violation or sh:Warning)"
        )


@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.ttl")), ids=lambda p: p.name)
def test_recommended_files_hold_warnings_and_others_violations(path: Path) -> None:
    graph = Graph().parse(path)
    expected = SH.Warning if path.stem.endswith("-recommended") else SH.Violation
    for kind in SHAPE_TYPES:
        for shape in graph.subjects(RDF.type, kind):
            assert graph.value(shape, SH.severity) == expected, (
                f"{shape} in {path.name} must be {expected.fragment}"
            )


def test_every_violation_shape_has_exactly_one_invalid_fixture(shapes: Graph) -> None:
    names = constraining_shapes(shapes, SH.Violation)
    fixtures = set(fixture_names(INVALID))
    assert sorted(names - fixtures) == [], "Violation shapes without fixtures/invalid/<Shape>.ttl"
    assert sorted(fixtures - names) == [], "fixtures/invalid files that name no Violation shape"


def test_every_warning_shape_has_exactly_one_warning_fixture(shapes: Graph) -> None:
    names = constraining_shapes(shapes, SH.Warning)
    fixtures = set(fixture_names(WARNING))
    assert sorted(names - fixtures) == [], "Warning shapes without fixtures/warning/<Shape>.ttl"
    assert sorted(fixtures - names) == [], "fixtures/warning files that name no Warning shape"


# --- Fixtures ----------------------------------------------------------------------------------


def test_valid_base_conforms(base_outcome: ValidationOutcome) -> None:
    assert base_outcome.conforms, describe_results(base_outcome.violations)
    assert base_outcome.violations == []


@pytest.mark.parametrize("case", fixture_names(INVALID))
def test_defect_trips_exactly_its_shape(
    case: str, valid_graph: Graph, shapes: Graph, base_outcome: ValidationOutcome
) -> None:
    outcome = with_fixture(valid_graph, shapes, INVALID / f"{case}.ttl")
    assert not outcome.conforms
    added = new_results(outcome, base_outcome)
    tripped = {r.source_shape for r in added if r.severity == SH.Violation}
    assert tripped == {KZLSH[case]}, describe_results(added)


@pytest.mark.parametrize("case", fixture_names(WARNING))
def test_gap_warns_from_exactly_its_shape(
    case: str, valid_graph: Graph, shapes: Graph, base_outcome: ValidationOutcome
) -> None:
    outcome = with_fixture(valid_graph, shapes, WARNING / f"{case}.ttl")
    added = new_results(outcome, base_outcome)
    assert outcome.conforms == base_outcome.conforms, describe_results(added)
    assert [r for r in added if r.severity == SH.Violation] == [], describe_results(added)
    assert {r.source_shape for r in added} == {KZLSH[case]}, describe_results(added)


def test_generated_dataset_description_conforms(
    valid_graph: Graph, shapes: Graph, base_outcome: ValidationOutcome
) -> None:
    """What ``kg build`` writes to graph/void (kg.void.describe) passes the dataset shapes."""
    dataset = Dataset()
    graph_iri = URIRef("https://w3id.org/kz-legal-kg/graph/valid")
    named = dataset.graph(graph_iri)
    for triple in valid_graph:
        named.add(triple)
    description = describe(dataset, [graph_iri])
    assert (DATASET, None, None) in description
    valid_graph += description
    added = new_results(validate(valid_graph, shapes), base_outcome)
    assert added == [], describe_results(added)
