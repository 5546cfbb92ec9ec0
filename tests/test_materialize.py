"""kg.materialize: kzl: terms get their standard superclasses and superproperties stated."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.materialize import Materializer
from kg.namespaces import KZL, ORG, PROV

ONTOLOGY = f"""
@prefix rdfs: <{RDFS}> .
@prefix kzl: <{KZL}> .
@prefix org: <{ORG}> .
@prefix prov: <{PROV}> .
@prefix dcterms: <{DCTERMS}> .
kzl:ParliamentChamber rdfs:subClassOf kzl:StateBody .
kzl:StateBody rdfs:subClassOf org:FormalOrganization .
org:FormalOrganization rdfs:subClassOf org:Organization .
kzl:partOf rdfs:subPropertyOf dcterms:isPartOf .
dcterms:isPartOf rdfs:subPropertyOf dcterms:relation .
"""

A, B = URIRef("https://example.org/a"), URIRef("https://example.org/b")


def materialized(*triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    Materializer([Graph().parse(data=ONTOLOGY, format="turtle")]).apply(graph)
    return graph


def test_kzl_class_gets_every_superclass_up_the_chain() -> None:
    graph = materialized((A, RDF.type, KZL.ParliamentChamber))
    assert set(graph.objects(A, RDF.type)) == {
        KZL.ParliamentChamber,
        KZL.StateBody,
        ORG.FormalOrganization,
        ORG.Organization,
    }


def test_kzl_property_gets_its_superproperties() -> None:
    graph = materialized((A, KZL.partOf, B))
    assert set(graph.predicates(A, B)) == {KZL.partOf, DCTERMS.isPartOf, DCTERMS.relation}


def test_reused_vocabularies_are_left_as_they_are() -> None:
    graph = materialized((A, RDF.type, ORG.FormalOrganization), (A, DCTERMS.isPartOf, B))
    assert len(graph) == 2


def test_the_real_data_states_standard_terms_for_kzl_properties(union: Graph) -> None:
    for subject, whole in union.subject_objects(KZL.partOf):
        assert (subject, DCTERMS.isPartOf, whole) in union
    for law, agreement in union.subject_objects(KZL.ratifies):
        assert (law, URIRef("http://data.europa.eu/eli/ontology#related_to"), agreement) in union
