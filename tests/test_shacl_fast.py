"""The SPARQL SHACL engine (kg.shacl) reports what pySHACL reports.

pySHACL is the reference: for the real graph, every fixture under tests/fixtures/{valid,invalid,
warning}, and a synthetic corpus (clean and with defects injected), both engines must give the
same set of (severity, focus node, path, constraint component, source shape), and the same
messages. Terms outside the supported SHACL subset raise ValidationError; re-validating one named
graph gives exactly the full results for the focus nodes of that graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH
from rdflib.term import Node

from kg.cli import main
from kg.errors import ValidationError
from kg.namespaces import ELI, GRAPH, ID, KZL, KZLSH, OA, QB, new_graph
from kg.shacl import Validator, revalidate_graph, validate_store
from kg.shacl.model import Select
from kg.shacl.patterns import sparql_string, translate
from kg.shacl.plan import correlate, executable
from kg.shacl.terms import to_rdflib
from kg.synth import generate
from kg.validate import ValidationOutcome, validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
SLICE_ARTICLES = 4  # about 3,500 triples
OBS_VALUE = URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue")
Key = tuple[Node, Node, Node | None, Node | None, Node | None]


def keys(outcome: ValidationOutcome) -> set[Key]:
    return {
        (r.severity, r.focus_node, r.path, r.constraint_component, r.source_shape)
        for r in outcome.results
    }


def assert_parity(data: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationOutcome:
    """Both engines agree on the results, their messages, and conformance; returns the fast one."""
    fast = validate(data, shapes, ontology=ontology, engine="sparql")
    reference = validate(data, shapes, ontology=ontology, engine="pyshacl")
    ours, theirs = keys(fast), keys(reference)
    assert ours == theirs, (
        f"only sparql: {sorted(ours - theirs)}\nonly pyshacl: {sorted(theirs - ours)}"
    )
    messages = {(r.source_shape, r.focus_node, r.message) for r in fast.results}
    assert messages == {(r.source_shape, r.focus_node, r.message) for r in reference.results}
    assert fast.conforms == reference.conforms
    return fast


def fixture_paths(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (FIXTURES / folder).glob("*.ttl"))


@pytest.fixture(scope="module")
def validator(shapes: Graph) -> Validator:
    return Validator(shapes)


# --- Parity with pySHACL -----------------------------------------------------------------------


def test_real_graph(union: Graph, shapes: Graph) -> None:
    assert_parity(union, shapes)


def test_valid_base(valid_graph: Graph, shapes: Graph) -> None:
    assert assert_parity(valid_graph, shapes).conforms


@pytest.mark.parametrize("path", fixture_paths("valid"), ids=lambda p: p.stem)
def test_valid_fixture_alone(path: Path, ontology: Graph, shapes: Graph) -> None:
    """One file of the valid base without the others: many references dangle."""
    assert_parity(Graph().parse(path), shapes, ontology=ontology)


@pytest.mark.parametrize(
    "path", fixture_paths("invalid", "warning"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_fixture(path: Path, valid_graph: Graph, shapes: Graph, _valid_base: Graph) -> None:
    base = keys(validate(_valid_base, shapes, engine="sparql"))
    valid_graph.parse(path)
    added = keys(assert_parity(valid_graph, shapes)) - base
    wanted = SH.Violation if path.parent.name == "invalid" else SH.Warning
    assert {key[4] for key in added if key[0] == wanted} == {KZLSH[path.stem]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    generate(triples=20_000, seed=7, out=out, ontology_dir=ROOT / "ontology")
    return out


@pytest.fixture(scope="module")
def corpus_store(corpus: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=corpus / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="module")
def synthetic(corpus_store: ox.Store) -> Graph:
    """A self-contained part of the corpus that pySHACL validates in seconds: the ontology, the
    first articles, and what the reference graph says about what they mention (pySHACL's time
    grows much faster than the graph: it needs many minutes for all 20k triples)."""
    return self_contained(corpus_store, articles=SLICE_ARTICLES)


def self_contained(store: ox.Store, *, articles: int) -> Graph:
    names = ["kzl", "kzl-schemes", "kzl-cube"] + [f"synth-{n:06d}" for n in range(1, articles + 1)]
    quads = [q for name in names for q in store.quads_for_pattern(None, None, None, graph(name))]
    reference = graph("synth-reference")
    body = ox.NamedNode(str(OA.hasBody))
    todo = [t for q in quads for t in (q.subject, q.object) if not isinstance(t, ox.Literal)]
    seen: set[object] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        described = list(store.quads_for_pattern(node, None, None, reference))
        quotes = [q.subject for q in store.quads_for_pattern(None, body, node, reference)]
        quads += described
        todo += [q.object for q in described if not isinstance(q.object, ox.Literal)] + quotes
    out = new_graph()
    for quad in quads:
        out.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return out


def graph(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(GRAPH[name]))


def first(graph: Graph, kind: URIRef) -> Node:
    return sorted(graph.subjects(RDF.type, kind), key=str)[0]


def with_defects(graph: Graph) -> Graph:
    """A copy with a few defects, each tripping a different kind of constraint."""
    out = new_graph()
    out += graph
    activity, law, obs = (
        first(out, PROV.Activity),
        first(out, ELI.LegalResource),
        first(out, QB.Observation),
    )
    for day in ("2025-02-28", "2025-02-30"):  # two dates (maxCount), one ill-typed
        out.add((activity, DCTERMS.date, Literal(day, datatype=XSD_DATE)))
    out.add((activity, PROV.used, BNode()))  # not an IRI
    out.add((activity, PROV.wasAssociatedWith, ID["person/nobody"]))  # SPARQL, and no labels
    out.remove((law, RDFS.label, None))  # qualified counts of labels
    out.set((obs, OBS_VALUE, Literal("many")))  # sh:or of datatypes
    association = first(out, PROV.Association)
    out.remove((association, PROV.hadRole, None))  # minCount
    out.add((ID["meeting/Not_A_Slug"], RDF.type, KZL.Meeting))  # IRI pattern
    return out


def test_synthetic_corpus(synthetic: Graph, shapes: Graph) -> None:
    assert len(synthetic) > 2000
    assert assert_parity(synthetic, shapes).conforms


def test_whole_synthetic_corpus_conforms(corpus_store: ox.Store, validator: Validator) -> None:
    assert validate_store(corpus_store, validator).conforms  # as kg synth promises


def test_synthetic_corpus_with_defects(synthetic: Graph, shapes: Graph) -> None:
    outcome = assert_parity(with_defects(synthetic), shapes)
    components = {r.constraint_component for r in outcome.violations}
    assert {
        SH.DatatypeConstraintComponent,
        SH.MaxCountConstraintComponent,
        SH.NodeKindConstraintComponent,
        SH.SPARQLConstraintComponent,
        SH.QualifiedMinCountConstraintComponent,
        SH.OrConstraintComponent,
        SH.MinCountConstraintComponent,
        SH.PatternConstraintComponent,
    } <= components


# --- Re-validation of one named graph ----------------------------------------------------------


@pytest.fixture(scope="module")
def defective_store(corpus: Path) -> ox.Store:
    """The corpus in a store, with defects added to graph synth-000007."""
    store = ox.Store()
    store.bulk_load(path=corpus / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    graph = ox.NamedNode(str(GRAPH["synth-000007"]))
    kind = ox.NamedNode(str(RDF.type))
    activity = sorted(
        q.subject.value
        for q in store.quads_for_pattern(None, kind, ox.NamedNode(str(PROV.Activity)), graph)
    )[0]
    subject = ox.NamedNode(activity)
    meeting = ox.NamedNode(str(ID["meeting/Not_A_Slug"]))
    for p, o in (
        (DCTERMS.date, ox.Literal("2025-02-30", datatype=ox.NamedNode(str(XSD_DATE)))),
        (PROV.used, ox.BlankNode()),
        (PROV.wasAssociatedWith, meeting),
    ):
        store.add(ox.Quad(subject, ox.NamedNode(str(p)), o, graph))
    store.add(ox.Quad(meeting, kind, ox.NamedNode(str(KZL.Meeting)), graph))
    return store


@pytest.fixture(scope="module")
def full_outcome(defective_store: ox.Store, validator: Validator) -> ValidationOutcome:
    return validate_store(defective_store, validator)


@pytest.mark.parametrize("name", ["synth-000007", "synth-000003", "synth-reference", "kzl"])
def test_revalidating_a_graph_gives_its_part_of_the_full_results(
    name: str, defective_store: ox.Store, validator: Validator, full_outcome: ValidationOutcome
) -> None:
    graph = ox.NamedNode(str(GRAPH[name]))
    names = {
        to_rdflib(term)
        for quad in defective_store.quads_for_pattern(None, None, None, graph)
        for term in (quad.subject, quad.object)
    }
    wanted = {key for key in keys(full_outcome) if key[1] in names}
    if name == "synth-000007":
        assert len({key[4] for key in wanted}) >= 5, wanted
    assert keys(revalidate_graph(defective_store, validator, graph)) == wanted


# --- What the engine refuses -------------------------------------------------------------------

SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:x:> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:message "m" ; {body} .
"""


@pytest.mark.parametrize(
    ("body", "term"),
    [
        ("sh:targetNode ex:n", "sh:targetNode"),
        ("sh:closed true", "sh:closed"),
        ("sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ]", "sh:inversePath"),
        ("sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]", "sh:path"),
        ('sh:pattern "a" ; sh:flags "i"', "sh:flags"),
        ("sh:deactivated true", "sh:deactivated"),
        ("sh:property [ sh:path ex:p ; sh:maxLength 3 ]", "sh:maxLength"),
        ("sh:node ex:T", "sh:node"),
        ('sh:pattern "\\\\w+"', "sh:pattern"),
        ('sh:pattern "a(?=b)"', "sh:pattern"),
        (
            'sh:sparql [ sh:select "SELECT $this WHERE { OPTIONAL { $this <urn:x:p> ?v } }" ]',
            "OPTIONAL",
        ),
        (
            'sh:sparql [ sh:select "SELECT $this WHERE { $this <urn:x:p> ?v } VALUES ?v { 1 }" ]',
            "VALUES",
        ),
        ('sh:sparql [ sh:select "SELECT ?v WHERE { $this <urn:x:p> ?v }" ]', r"\$this"),
        ("sh:severity ex:Fatal", "ex:Fatal|urn:x:Fatal"),
    ],
)
def test_unsupported_terms_raise(body: str, term: str) -> None:
    shapes = Graph().parse(data=SHAPE.format(body=body), format="turtle")
    with pytest.raises(ValidationError, match=term):
        Validator(shapes)
    with pytest.raises(ValidationError):
        validate(Graph(), shapes, engine="sparql")


def test_auto_engine_falls_back_to_pyshacl() -> None:
    shapes = Graph().parse(
        data=SHAPE.format(body="sh:property [ sh:path ex:p ; sh:maxLength 1 ]"), format="turtle"
    )
    data = Graph().parse(data="<urn:x:a> a <urn:x:C> ; <urn:x:p> 'long' .", format="turtle")
    outcome = validate(data, shapes)
    assert keys(outcome) == keys(validate(data, shapes, engine="pyshacl"))
    assert not outcome.conforms


# --- sh:pattern: Python's re.search and Oxigraph's REGEX agree ----------------------------------

SAMPLES = (
    "",
    "a",
    "ab\n",
    "https://w3id.org/kz-legal-kg/id/meeting/council/2025-11-28",
    "https://w3id.org/kz-legal-kg/id/meeting/council/2025-11-28\n",
    "https://w3id.org/kz-legal-kg/id/agency/gpo",
    "https://w3id.org/kz-legal-kg/id/obs/d/kz/p/i/relative-change",
    "http://id.loc.gov/vocabulary/iso639-1/ru",
    "2025-01-01T10:00:00+05:00",
    "2025-01-01T10:00:00Z\n",
    "١٢٣٤-٠١-٠١",
)


def patterns(shapes: Graph) -> Iterator[str]:
    yield from sorted({str(p) for p in shapes.objects(None, SH.pattern)})
    yield from ("^a$", "a$|b", "(a|b)$", "[^/]+$", "x{2,}", "\\d+\\.\\d")


def test_patterns_match_as_python_does(shapes: Graph) -> None:
    store = ox.Store()
    for pattern in patterns(shapes):
        regex = sparql_string(translate(pattern))
        for sample in SAMPLES:
            query = f"ASK {{ FILTER (REGEX({sparql_string(sample)}, {regex})) }}"
            assert bool(store.query(query)) == bool(re.search(pattern, sample)), (pattern, sample)


# --- The default engine ------------------------------------------------------------------------


def test_validate_and_the_cli_use_the_sparql_engine_by_default(
    valid_graph: Graph,
    shapes: Graph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pySHACL ran")

    monkeypatch.setattr(pyshacl, "validate", refuse)
    assert validate(valid_graph, shapes).conforms
    build = FIXTURES / "build"
    sources = ["--ontology-dir", str(build / "ontology"), "--shapes-dir", str(build / "shapes")]
    assert main(["validate", str(build / "data"), *sources]) == 0
    assert main(["validate", str(build / "data"), *sources, "--engine", "pyshacl"]) == 2
    assert "pySHACL ran" in capsys.readouterr().err


def test_correlated_and_decorrelated_plans() -> None:
    text = "SELECT $this WHERE { $this <urn:p> ?v . { $this <urn:q> ?u } UNION { ?v <urn:r> ?u } }"
    assert correlate(text) == (
        "SELECT $this WHERE { $this <urn:p> ?v . "
        "LATERAL { { $this <urn:q> ?u } UNION { ?v <urn:r> ?u } } }"
    )
    select = Select(
        URIRef("urn:c"), "SELECT $this WHERE { FILTER NOT EXISTS { $this <urn:p> ?v } }", ()
    )
    assert "MINUS { SELECT DISTINCT ?this" in executable(select)
    unbound = Select(
        URIRef("urn:c"),
        "SELECT $this WHERE { FILTER NOT EXISTS { ?x <urn:p> ?v FILTER (?x = $this) } }",
        (),
    )
    assert "MINUS" not in executable(unbound)
