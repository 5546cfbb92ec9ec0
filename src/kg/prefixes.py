"""The project's prefixes as plain strings: what the query path needs, without rdflib.

``kg.namespaces`` builds the rdflib namespaces from the same IRIs (a test checks they agree);
the query workers import only this, so each stays a small process.
"""

from __future__ import annotations

from typing import Final

BASE: Final = "https://w3id.org/kz-legal-kg/"

# Prefix → namespace IRI, in the order the Turtle files list them (alphabetical).
PREFIXES: Final[dict[str, str]] = {
    "currency": "http://qudt.org/vocab/currency/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "graph": BASE + "graph/",
    "id": BASE + "id/",
    "kzl": BASE + "def#",
    "kzlsh": BASE + "shapes#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "unit": "http://qudt.org/vocab/unit/",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
