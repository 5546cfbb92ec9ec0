from __future__ import annotations

from rdflib import Graph

from kg import namespaces as ns


def test_base_and_project_namespaces() -> None:
    assert ns.BASE == "https://w3id.org/kz-legal-kg/"
    assert str(ns.KZL) == "https://w3id.org/kz-legal-kg/def#"
    assert str(ns.KZLSH) == "https://w3id.org/kz-legal-kg/shapes#"
    assert str(ns.ID) == "https://w3id.org/kz-legal-kg/id/"
    assert str(ns.GRAPH) == "https://w3id.org/kz-legal-kg/graph/"
    assert str(ns.DATASET) == "https://w3id.org/kz-legal-kg/dataset"
    assert str(ns.SOURCES) == "https://w3id.org/kz-legal-kg/sources/"


def test_reused_vocabularies_match_the_model() -> None:
    expected = {
        "org": "http://www.w3.org/ns/org#",
        "prov": "http://www.w3.org/ns/prov#",
        "eli": "http://data.europa.eu/eli/ontology#",
        "qb": "http://purl.org/linked-data/cube#",
        "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
        "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
        "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
        "unit": "http://qudt.org/vocab/unit/",
        "schema": "https://schema.org/",
        "oa": "http://www.w3.org/ns/oa#",
        "void": "http://rdfs.org/ns/void#",
        "dcat": "http://www.w3.org/ns/dcat#",
        "vann": "http://purl.org/vocab/vann/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/",
        "sh": "http://www.w3.org/ns/shacl#",
        "kzl": str(ns.KZL),
        "kzlsh": str(ns.KZLSH),
        "id": str(ns.ID),
    }
    for prefix, iri in expected.items():
        assert ns.PREFIXES[prefix] == iri, prefix
    assert str(ns.SCHEMA.Person) == "https://schema.org/Person"
    assert str(ns.UNIT.TONNE) == "http://qudt.org/vocab/unit/TONNE"


def test_bind_prefixes_binds_every_prefix_and_overrides_rdflib_defaults() -> None:
    graph = Graph()
    graph.bind("schema", "http://schema.org/")  # the http form must not survive
    ns.bind_prefixes(graph)
    bound = {prefix: str(iri) for prefix, iri in graph.namespaces()}
    for prefix, iri in ns.PREFIXES.items():
        assert bound[prefix] == iri, prefix


def test_turtle_prefixes_come_out_as_bound() -> None:
    graph = ns.new_graph()
    graph.add((ns.ID["agency/mvd"], ns.RDF.type, ns.KZL.StateBody))
    text = graph.serialize(format="turtle")
    assert "@prefix kzl: <https://w3id.org/kz-legal-kg/def#> ." in text
    assert "kzl:StateBody" in text


def test_the_plain_prefixes_match_the_rdflib_namespaces() -> None:
    # kg.prefixes (what the query workers import, without rdflib) must say what rdflib says.
    from kg import prefixes

    assert prefixes.BASE == ns.BASE
    for prefix, namespace in (
        ("currency", ns.CURRENCY), ("dcat", ns.DCAT), ("dcterms", ns.DCTERMS), ("eli", ns.ELI),
        ("foaf", ns.FOAF), ("graph", ns.GRAPH), ("id", ns.ID), ("kzl", ns.KZL),
        ("kzlsh", ns.KZLSH), ("oa", ns.OA), ("org", ns.ORG), ("owl", ns.OWL),
        ("prov", ns.PROV), ("qb", ns.QB), ("rdf", ns.RDF), ("rdfs", ns.RDFS),
        ("schema", ns.SCHEMA), ("sdmx-attribute", ns.SDMX_ATTRIBUTE),
        ("sdmx-dimension", ns.SDMX_DIMENSION), ("sdmx-measure", ns.SDMX_MEASURE), ("sh", ns.SH),
        ("skos", ns.SKOS), ("unit", ns.UNIT), ("vann", ns.VANN), ("void", ns.VOID),
        ("xsd", ns.XSD),
    ):  # fmt: skip
        assert prefixes.PREFIXES[prefix] == str(namespace), prefix
    assert len(prefixes.PREFIXES) == 26
