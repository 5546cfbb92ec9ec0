"""The ontology (ontology/*.ttl) against docs/model.md: terms, header, concept schemes, cube.

Graphs are loaded at import time because parametrisation needs the term lists at collection
time; that is also why this module does not use the ``root``/``ontology`` fixtures of
tests/conftest.py. Only rdflib is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, QB, RDF, RDFS, SKOS, VANN
from rdflib.term import Node

try:
    from kg.namespaces import ID, KZL, ONTOLOGY, PREFIXES
except ImportError:  # fallback while the kg package is not installed (make install); same values
    KZL = Namespace("https://w3id.org/kz-legal-kg/def#")
    ID = Namespace("https://w3id.org/kz-legal-kg/id/")
    ONTOLOGY = URIRef("https://w3id.org/kz-legal-kg/def")
    PREFIXES = {}

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
MODEL_MD = ROOT / "docs" / "model.md"
FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))
LANGUAGES = ("en", "ru", "kk")
DSD = ID["structure/reported-figures"]
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

# Prefixes model.md writes; kg.namespaces supplies the rest when installed.
MODEL_PREFIXES = {
    "dcterms": str(DCTERMS),
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": str(QB),
    "schema": "https://schema.org/",
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "skos": str(SKOS),
    **PREFIXES,
}


def _parse(path: Path) -> Graph | None:
    try:
        return Graph().parse(path, format="turtle")
    except Exception:  # reported by test_file_parses, which names the file
        return None


GRAPHS = {path.name: _parse(path) for path in FILES}
UNION = Graph()
for _graph in GRAPHS.values():
    if _graph is not None:
        UNION += _graph


def _kzl(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(KZL))


def _short(node: Node) -> str:
    return "kzl:" + str(node)[len(KZL) :] if _kzl(node) else str(node)


def _ids(nodes: Iterable[Node]) -> list[str]:
    return [_short(node).removeprefix(str(ID)) for node in nodes]


def _languages(graph: Graph, subject: Node, predicate: URIRef) -> set[str]:
    return {
        value.language
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and value.language and str(value).strip()
    }


KZL_TERMS = sorted({s for s in UNION.subjects() if _kzl(s)})
KZL_CLASSES = sorted(s for s in UNION.subjects(RDF.type, OWL.Class) if _kzl(s))
KZL_PROPERTIES = sorted(
    s
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
    for s in UNION.subjects(RDF.type, kind)
    if _kzl(s)
)
SCHEMES = sorted(UNION.subjects(RDF.type, SKOS.ConceptScheme))
CONCEPTS = sorted(UNION.subjects(RDF.type, SKOS.Concept))


# --- docs/model.md ------------------------------------------------------------------------------
def _section(title: str) -> str:
    text = MODEL_MD.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"docs/model.md has no section {title!r}"
    return match.group(1)


def _expand(token: str) -> URIRef:
    prefix, sep, local = token.partition(":")
    if not sep:
        return KZL[token]
    return URIRef(MODEL_PREFIXES[prefix] + local)


def _table_rows(title: str) -> list[tuple[list[str], list[str]]]:
    """Backticked tokens of the first and second column of each row of a section's table."""
    rows = []
    for line in _section(title).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2:
            continue
        # Term names are bare local names; the header row's "`kzl:` class" is not one.
        names = [n for n in re.findall(r"`([^`]+)`", cells[0]) if re.fullmatch(r"[A-Za-z]+", n)]
        if names:
            rows.append((names, re.findall(r"`([^`]+)`", cells[1])))
    return rows


def _model_schemes() -> dict[str, list[str]]:
    """Scheme → keys, from the bullets of model.md's "Concept schemes" section."""
    bullets = re.findall(
        r"^- `([a-z0-9-]+)`:(.*?)(?=^- |^\S|\Z)", _section("Concept schemes"), re.M | re.S
    )
    return {name: [key.strip() for key in body.split(",") if key.strip()] for name, body in bullets}


MODEL_CLASSES = {name: supers for names, supers in _table_rows("Classes") for name in names}
MODEL_PROPERTIES = {name: tokens for names, tokens in _table_rows("Properties") for name in names}
MODEL_SCHEMES = _model_schemes()


def test_model_md_was_read() -> None:
    assert len(MODEL_CLASSES) > 20
    assert len(MODEL_PROPERTIES) > 10
    assert {"role", "indicator", "value-kind", "value-qualifier", "tool-status", "topic"} <= set(
        MODEL_SCHEMES
    )


# --- Files and header ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_parses(path: Path) -> None:
    Graph().parse(path, format="turtle")


def test_files_exist() -> None:
    assert {"kzl.ttl", "kzl-schemes.ttl", "kzl-cube.ttl"} <= set(GRAPHS)


def test_header() -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in UNION
    assert UNION.value(ONTOLOGY, OWL.versionInfo) is not None
    assert isinstance(UNION.value(ONTOLOGY, OWL.versionIRI), URIRef)
    modified = UNION.value(ONTOLOGY, DCTERMS.modified)
    assert isinstance(modified, Literal)
    assert modified.datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert UNION.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("kzl")
    assert UNION.value(ONTOLOGY, VANN.preferredNamespaceUri) == Literal(str(KZL))
    assert set(LANGUAGES) <= _languages(UNION, ONTOLOGY, DCTERMS.title)
    assert str(UNION.value(ONTOLOGY, OWL.versionIRI)).endswith(
        str(UNION.value(ONTOLOGY, OWL.versionInfo))
    )


def test_no_imports() -> None:
    """Nothing may be fetched from the network when the ontology is loaded."""
    assert not list(UNION.objects(None, OWL.imports))


# --- Every kzl: term ----------------------------------------------------------------------------
@pytest.mark.parametrize("term", KZL_TERMS, ids=_ids(KZL_TERMS))
def test_term_has_labels(term: URIRef) -> None:
    assert set(LANGUAGES) <= _languages(UNION, term, RDFS.label)


@pytest.mark.parametrize("term", KZL_TERMS, ids=_ids(KZL_TERMS))
def test_term_has_english_comment(term: URIRef) -> None:
    assert "en" in _languages(UNION, term, RDFS.comment)


@pytest.mark.parametrize("term", KZL_TERMS, ids=_ids(KZL_TERMS))
def test_term_is_defined_by_ontology(term: URIRef) -> None:
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in UNION


@pytest.mark.parametrize("term", KZL_TERMS, ids=_ids(KZL_TERMS))
def test_term_is_class_or_property(term: URIRef) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    assert kinds & set(UNION.objects(term, RDF.type))


def test_kzl_terms_used_are_declared() -> None:
    used = {node for triple in UNION for node in triple if _kzl(node)}
    assert used <= set(KZL_TERMS)


def test_only_kzl_terms_are_defined_by_kzl() -> None:
    assert all(_kzl(s) for s in UNION.subjects(RDFS.isDefinedBy, ONTOLOGY))


def _reaches_standard(term: URIRef, predicate: URIRef) -> bool:
    seen, todo = set(), [term]
    while todo:
        node = todo.pop()
        for parent in UNION.objects(node, predicate):
            if isinstance(parent, URIRef) and not _kzl(parent):
                return True
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return False


@pytest.mark.parametrize("cls", KZL_CLASSES, ids=_ids(KZL_CLASSES))
def test_class_specialises_a_standard_class(cls: URIRef) -> None:
    assert _reaches_standard(cls, RDFS.subClassOf)


@pytest.mark.parametrize("prop", KZL_PROPERTIES, ids=_ids(KZL_PROPERTIES))
def test_property_specialises_a_standard_property(prop: URIRef) -> None:
    assert _reaches_standard(prop, RDFS.subPropertyOf)


# --- Terms of model.md --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(MODEL_CLASSES))
def test_model_class(name: str) -> None:
    cls = KZL[name]
    assert (cls, RDF.type, OWL.Class) in UNION
    expected = {_expand(token) for token in MODEL_CLASSES[name]}
    assert expected == set(UNION.objects(cls, RDFS.subClassOf))


@pytest.mark.parametrize("name", sorted(MODEL_PROPERTIES))
def test_model_property(name: str) -> None:
    prop = KZL[name]
    types = set(UNION.objects(prop, RDF.type))
    assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}
    tokens = [_expand(token) for token in MODEL_PROPERTIES[name]]
    qb_types = {t for t in tokens if t in {QB.DimensionProperty, QB.AttributeProperty}}
    assert qb_types <= types
    supers = {t for t in tokens if t not in qb_types}
    assert supers == set(UNION.objects(prop, RDFS.subPropertyOf))


def test_no_terms_beyond_model() -> None:
    modelled = {KZL[name] for name in (*MODEL_CLASSES, *MODEL_PROPERTIES)}
    assert set(KZL_TERMS) == modelled


# --- Concept schemes ----------------------------------------------------------------------------
@pytest.mark.parametrize("concept", CONCEPTS, ids=_ids(CONCEPTS))
def test_concept_labels(concept: URIRef) -> None:
    assert set(LANGUAGES) <= _languages(UNION, concept, SKOS.prefLabel)
    assert set(LANGUAGES) <= _languages(UNION, concept, RDFS.label)
    assert "en" in _languages(UNION, concept, SKOS.definition)


@pytest.mark.parametrize("concept", CONCEPTS, ids=_ids(CONCEPTS))
def test_concept_is_top_concept_of_a_declared_scheme(concept: URIRef) -> None:
    schemes = set(UNION.objects(concept, SKOS.inScheme))
    assert len(schemes) == 1
    (scheme,) = schemes
    assert scheme in SCHEMES
    assert (scheme, SKOS.hasTopConcept, concept) in UNION
    assert (concept, SKOS.topConceptOf, scheme) in UNION


@pytest.mark.parametrize("concept", CONCEPTS, ids=_ids(CONCEPTS))
def test_concept_iri_and_notation(concept: URIRef) -> None:
    scheme = UNION.value(concept, SKOS.inScheme)
    name = str(scheme).removeprefix(str(ID["scheme/"]))
    key = UNION.value(concept, SKOS.notation)
    assert concept == ID[f"concept/{name}/{key}"]


@pytest.mark.parametrize("scheme", SCHEMES, ids=_ids(SCHEMES))
def test_scheme_labels(scheme: URIRef) -> None:
    assert set(LANGUAGES) <= _languages(UNION, scheme, SKOS.prefLabel)
    assert set(LANGUAGES) <= _languages(UNION, scheme, RDFS.label)
    assert "en" in _languages(UNION, scheme, DCTERMS.description)


@pytest.mark.parametrize("name", sorted(MODEL_SCHEMES))
def test_scheme_has_exactly_the_keys_of_model_md(name: str) -> None:
    scheme = ID[f"scheme/{name}"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in UNION
    expected = {ID[f"concept/{name}/{key}"] for key in MODEL_SCHEMES[name]}
    assert set(UNION.subjects(SKOS.inScheme, scheme)) == expected
    assert set(UNION.objects(scheme, SKOS.hasTopConcept)) == expected


def test_no_schemes_beyond_model() -> None:
    assert set(SCHEMES) == {ID[f"scheme/{name}"] for name in MODEL_SCHEMES}


def test_roles_are_prov_roles() -> None:
    roles = set(UNION.subjects(SKOS.inScheme, ID["scheme/role"]))
    assert roles
    assert all(
        (role, RDF.type, URIRef("http://www.w3.org/ns/prov#Role")) in UNION for role in roles
    )


# --- Data Cube structure ------------------------------------------------------------------------
COMPONENT_KINDS = {
    QB.dimension: QB.DimensionProperty,
    QB.measure: QB.MeasureProperty,
    QB.attribute: QB.AttributeProperty,
}
SPECS = sorted(UNION.objects(DSD, QB.component))
COMPONENT_PROPERTIES = sorted(
    prop for spec in SPECS for kind in COMPONENT_KINDS for prop in UNION.objects(spec, kind)
)


def test_structure_components() -> None:
    assert (DSD, RDF.type, QB.DataStructureDefinition) in UNION
    assert set(LANGUAGES) <= _languages(UNION, DSD, RDFS.label)

    def of(kind: URIRef) -> set[Node]:
        return {p for spec in SPECS for p in UNION.objects(spec, kind)}

    assert of(QB.dimension) == {
        KZL.indicator,
        KZL.valueKind,
        SDMX_DIMENSION.refArea,
        SDMX_DIMENSION.refPeriod,
    }
    assert of(QB.measure) == {SDMX_MEASURE.obsValue}
    assert of(QB.attribute) == {
        SDMX_ATTRIBUTE.unitMeasure,
        KZL.reportingBody,
        KZL.valueQualifier,
        KZL.statedAs,
    }
    assert not {KZL.partOf, KZL.changeOf} & (of(QB.dimension) | of(QB.attribute))


@pytest.mark.parametrize("spec", SPECS, ids=_ids(SPECS))
def test_component_specification(spec: Node) -> None:
    assert isinstance(spec, URIRef)
    assert str(spec).startswith(f"{DSD}/component/")
    assert (spec, RDF.type, QB.ComponentSpecification) in UNION
    assert UNION.value(spec, QB.order) is not None


@pytest.mark.parametrize(
    ("prop", "required"),
    [
        (SDMX_ATTRIBUTE.unitMeasure, True),
        (KZL.reportingBody, True),
        (KZL.valueQualifier, False),
        (KZL.statedAs, False),
    ],
    ids=["unitMeasure", "reportingBody", "valueQualifier", "statedAs"],
)
def test_attribute_required(prop: URIRef, required: bool) -> None:
    (spec,) = [s for s in SPECS if (s, QB.attribute, prop) in UNION]
    assert UNION.value(spec, QB.componentRequired) == Literal(required)


@pytest.mark.parametrize("prop", COMPONENT_PROPERTIES, ids=_ids(COMPONENT_PROPERTIES))
def test_component_property_declared_and_labelled(prop: URIRef) -> None:
    assert set(LANGUAGES) <= _languages(UNION, prop, RDFS.label)
    kinds = {
        COMPONENT_KINDS[k] for spec in SPECS for k in COMPONENT_KINDS if (spec, k, prop) in UNION
    }
    assert kinds <= set(UNION.objects(prop, RDF.type))
