"""The project's namespaces, the reused vocabularies, and the prefixes bound to every graph."""

from __future__ import annotations

from typing import Final

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SH,
    SKOS,
    VANN,
    VOID,
    XSD,
)

from kg.prefixes import BASE as _BASE
from kg.prefixes import PREFIXES as _PREFIXES

BASE: Final = _BASE

KZL: Final = Namespace(BASE + "def#")
KZLSH: Final = Namespace(BASE + "shapes#")
ID: Final = Namespace(BASE + "id/")
GRAPH: Final = Namespace(BASE + "graph/")
SOURCES: Final = Namespace(BASE + "sources/")
DATASET: Final = URIRef(BASE + "dataset")
DIST: Final = Namespace(BASE + "dist/")
# The ontology document itself (rdfs:isDefinedBy target), distinct from the kzl: namespace.
ONTOLOGY: Final = URIRef(BASE + "def")

# Reused vocabularies that rdflib does not ship as DefinedNamespaces.
ELI: Final = Namespace("http://data.europa.eu/eli/ontology#")
OA: Final = Namespace("http://www.w3.org/ns/oa#")
SCHEMA: Final = Namespace("https://schema.org/")
SDMX_DIMENSION: Final = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE: Final = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE: Final = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT: Final = Namespace("http://qudt.org/vocab/unit/")
CURRENCY: Final = Namespace("http://qudt.org/vocab/currency/")

# Prefix → namespace IRI (plain strings, kg.prefixes; tests check they match the above).
PREFIXES: Final[dict[str, str]] = dict(_PREFIXES)

# Vocabularies the dataset reuses (void:vocabulary candidates): everything but our own
# namespaces and the RDF/OWL/XSD/SHACL machinery.
VOCABULARIES: Final[tuple[str, ...]] = tuple(
    iri
    for prefix, iri in PREFIXES.items()
    if prefix not in {"graph", "id", "kzlsh", "owl", "rdf", "rdfs", "sh", "xsd"}
)

__all__ = [
    "BASE",
    "CURRENCY",
    "DATASET",
    "DCAT",
    "DCTERMS",
    "DIST",
    "ELI",
    "FOAF",
    "GRAPH",
    "ID",
    "KZL",
    "KZLSH",
    "OA",
    "ONTOLOGY",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SDMX_ATTRIBUTE",
    "SDMX_DIMENSION",
    "SDMX_MEASURE",
    "SH",
    "SKOS",
    "SOURCES",
    "UNIT",
    "VANN",
    "VOCABULARIES",
    "VOID",
    "XSD",
    "bind_prefixes",
    "new_graph",
]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def new_graph(identifier: URIRef | None = None) -> Graph:
    """Return an empty Graph with only the project prefixes bound (none of rdflib's extras)."""
    return bind_prefixes(Graph(identifier=identifier, bind_namespaces="none"))
