"""Gold pairs for measuring kg ingest: invented reports and the graph of exactly what they state.

Two roots hold them: tests/fixtures/ingest/ (the pairs the extractor is developed against) and
tests/fixtures/ingest-heldout/ (a held-out set, written without reading the extractor's rules, to
see whether it generalises). Each directory of either root holds report.txt (an invented news
report, marked as a test fixture on its first line), meta.json (what `kg ingest` is told about
it) and gold.ttl (the hand-made graph of its facts, modelled as the curated data/ models such
facts). The fixtures live outside data/, so `kg build` never reads them; here each gold graph is
merged with the loaded project data and must conform to the shapes, as `kg accept` would require.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from kg.build import load
from kg.materialize import Materializer
from kg.namespaces import ELI, ID, KZL, OA, PROV, SCHEMA, SOURCES, new_graph
from kg.turtle import parse_turtle, turtle_files
from kg.validate import load_shapes, validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"
# Each root of gold pairs, with the fewest pairs it must hold.
ROOTS = {"ingest": 4, "ingest-heldout": 2}
# A case is "{root}/{name}", the pair's directory relative to tests/fixtures/.
CASES = sorted(
    f"{root}/{path.name}"
    for root in ROOTS
    for path in (FIXTURE_DIR / root).iterdir()
    if path.is_dir()
)
MARKER = (
    "# TEST FIXTURE: invented by the kz-legal-kg project to measure kg ingest; "
    "not a real news report; never load into the graph."
)
META_KEYS = {"url", "publisher", "published", "lang", "source"}
LANGUAGES = {"ru", "kk"}
# rdflib.namespace.XSD at module level makes pytest warn while it collects this module.
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")


@dataclass(frozen=True)
class Project:
    """The loaded project: its ontology, its data, and what materialises kzl: terms."""

    ontology: Graph
    data: Graph
    materializer: Materializer


@pytest.fixture(scope="module")
def project() -> Project:
    """ontology/ and data/ loaded and split the way kg.build.build splits them."""
    loaded = load(ROOT / "ontology", ROOT / "data")
    ontology_files = set(turtle_files(ROOT / "ontology"))
    ontology, data = new_graph(), new_graph()
    for iri, path in loaded.files.items():
        if path in ontology_files:
            ontology += loaded.dataset.graph(iri)
        else:
            data += loaded.dataset.graph(iri)
    materializer = Materializer(
        loaded.dataset.graph(iri) for iri, path in loaded.files.items() if path in ontology_files
    )
    return Project(ontology, data, materializer)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes")


def meta(case: str) -> dict[str, str]:
    loaded = json.loads((FIXTURE_DIR / case / "meta.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def report(case: str) -> str:
    return (FIXTURE_DIR / case / "report.txt").read_text(encoding="utf-8")


def gold(case: str) -> Graph:
    return parse_turtle(FIXTURE_DIR / case / "gold.ttl")


def source_iri(case: str) -> URIRef:
    return ID[f"source/{meta(case)['source']}"]


def quotes(graph: Graph) -> list[tuple[Node, Node | None, str]]:
    """Every (annotation, quoted source, oa:exact) of ``graph``."""
    found = []
    for annotation in graph.subjects(RDF.type, OA.Annotation):
        for target in graph.objects(annotation, OA.hasTarget):
            quoted = graph.value(target, OA.hasSource)
            for selector in graph.objects(target, OA.hasSelector):
                exact = graph.value(selector, OA.exact)
                assert exact is not None, annotation
                found.append((annotation, quoted, str(exact)))
    return found


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_each_root_holds_enough_gold_pairs_in_both_languages(root: str) -> None:
    cases = [case for case in CASES if case.startswith(f"{root}/")]
    assert len(cases) >= ROOTS[root], cases
    assert {meta(case)["lang"] for case in cases} == LANGUAGES


def test_no_two_gold_pairs_share_a_source() -> None:
    sources = [meta(case)["source"] for case in CASES]
    assert len(sources) == len(set(sources)), sources


@pytest.mark.parametrize("case", CASES)
def test_meta_names_url_publisher_date_language_and_source(case: str) -> None:
    data = meta(case)
    assert set(data) == META_KEYS
    assert data["url"].startswith("https://example.org/"), "fixtures name no real page"
    assert data["publisher"].strip()
    published = datetime.fromisoformat(data["published"])
    assert published.tzinfo is not None, "the publication time carries its UTC offset"
    assert data["lang"] in LANGUAGES
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", data["source"]), data["source"]


@pytest.mark.parametrize("case", CASES)
def test_report_starts_with_the_test_fixture_line(case: str) -> None:
    lines = report(case).split("\n")
    assert lines[0] == MARKER
    assert lines[1] == "", "a blank line follows the marker"
    assert lines[2].strip(), "then the headline"


@pytest.mark.parametrize("case", CASES)
def test_gold_parses_and_describes_its_source(case: str) -> None:
    graph = gold(case)
    data = meta(case)
    source = source_iri(case)
    assert (source, RDF.type, SCHEMA.NewsArticle) in graph
    assert graph.value(source, SCHEMA.url) == URIRef(data["url"])
    assert graph.value(source, KZL.textCopy) == SOURCES[f"{data['source']}.txt"]
    issued = graph.value(source, DCTERMS.issued)
    assert isinstance(issued, Literal) and issued.datatype == XSD_DATETIME
    assert datetime.fromisoformat(str(issued)) == datetime.fromisoformat(data["published"])
    language = graph.value(source, DCTERMS.language)
    assert language == URIRef(f"http://id.loc.gov/vocabulary/iso639-1/{data['lang']}")
    publisher = graph.value(source, SCHEMA.publisher)
    labels = {str(label) for label in graph.objects(publisher, RDFS.label)}
    assert data["publisher"] in labels


@pytest.mark.parametrize("case", CASES)
def test_every_quote_is_a_verbatim_sentence_of_the_report(case: str) -> None:
    graph = gold(case)
    text = report(case)
    found = quotes(graph)
    assert len(found) >= 6
    for annotation, quoted, exact in found:
        assert quoted == source_iri(case), annotation
        assert exact.strip() == exact and exact, annotation
        assert exact in text, f"{annotation}: not found verbatim in report.txt: {exact!r}"
        assert str(annotation).startswith(str(ID[f"quote/{meta(case)['source']}/"]))
        assert MARKER not in exact


@pytest.mark.parametrize("case", CASES)
def test_every_node_the_gold_defines_is_derived_from_the_report(case: str) -> None:
    graph = gold(case)
    source = source_iri(case)
    bodies = {body for _, _, body in graph.triples((None, OA.hasBody, None))}
    for subject in set(graph.subjects(RDF.type, None)):
        if subject == source or not isinstance(subject, URIRef):
            continue
        assert (subject, PROV.wasDerivedFrom, source) in graph, subject
        if (subject, RDF.type, OA.Annotation) not in graph:
            assert subject in bodies, f"{subject} rests on no quote"


@pytest.mark.parametrize("case", CASES)
def test_every_subject_is_in_the_graph_already_or_typed_and_labelled_here(
    case: str, project: Project
) -> None:
    graph = gold(case)
    known = set(project.data.subjects()) | set(project.ontology.subjects())
    for subject in set(graph.subjects()):
        if not isinstance(subject, URIRef) or not subject.startswith(str(ID)):
            continue
        if subject in known:
            continue
        assert (subject, RDF.type, None) in graph, f"{subject} is new but has no rdf:type"
        assert (subject, RDFS.label, None) in graph, f"{subject} is new but has no rdfs:label"
        lang = meta(case)["lang"]
        if (subject, RDF.type, OA.Annotation) not in graph:
            languages = {
                label.language
                for label in graph.objects(subject, RDFS.label)
                if isinstance(label, Literal)
            }
            assert lang in languages, f"{subject} has no label in the report's language"


@pytest.mark.parametrize("case", CASES)
def test_kzl_types_have_their_standard_superclasses_stated(case: str, project: Project) -> None:
    graph = gold(case)
    for subject, cls in graph.subject_objects(RDF.type):
        if isinstance(cls, URIRef) and cls.startswith(str(KZL)):
            missing = project.materializer.superclasses.get(cls, frozenset()) - set(
                graph.objects(subject, RDF.type)
            )
            assert not missing, f"{subject} is a {cls} but not stated to be {missing}"


@pytest.mark.parametrize("case", CASES)
def test_no_date_is_after_the_publication(case: str) -> None:
    graph = gold(case)
    published = datetime.fromisoformat(meta(case)["published"]).date()
    for predicate in (DCTERMS.date, ELI.date_document):
        for subject, value in graph.subject_objects(predicate):
            assert isinstance(value, Literal) and value.datatype == XSD_DATE, subject
            assert date.fromisoformat(str(value)) <= published, subject


def test_no_fixture_is_under_data() -> None:
    data = (ROOT / "data").resolve()
    for root in ROOTS:
        assert not (FIXTURE_DIR / root).resolve().is_relative_to(data)
    sources = {meta(case)["source"] for case in CASES}
    for path in sorted(data.rglob("*")):
        if path.is_file():
            assert path.stem not in sources, f"{path}: a fixture's source is in data/"
            if path.suffix in {".ttl", ".txt", ".md", ".tsv"}:
                assert "TEST FIXTURE" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("case", CASES)
def test_gold_merged_with_the_project_data_conforms(
    case: str, project: Project, shapes: Graph
) -> None:
    graph = gold(case)
    project.materializer.apply(graph)
    merged = new_graph()
    merged += project.data
    merged += graph
    outcome = validate(merged, shapes, ontology=project.ontology)
    violations = "\n".join(
        f"{r.focus_node} {r.path} {r.source_shape}: {r.message}" for r in outcome.violations
    )
    assert outcome.conforms, violations
