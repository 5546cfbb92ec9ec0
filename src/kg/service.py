"""What the SPARQL service tells about itself: dataset size and its service description.

The description follows SPARQL 1.1 Service Description (``sd:``): the endpoint, the language
(queries only: the endpoint is read-only), the result formats, the union default graph and
one ``sd:namedGraph`` per graph of the dataset, with VoID triple counts. It is built from
pyoxigraph terms and counted by queries through the ``Store``, like every answer of the service.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import pyoxigraph as ox

from kg.namespaces import DATASET
from kg.sparql import read_query
from kg.store.base import Store

SD: Final = "http://www.w3.org/ns/sparql-service-description#"
VOID: Final = "http://rdfs.org/ns/void#"
DCTERMS: Final = "http://purl.org/dc/terms/"
RDF_TYPE: Final = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT: Final = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
SIMPLE_ENTAILMENT: Final = ox.NamedNode("http://www.w3.org/ns/entailment/Simple")
XSD_INTEGER: Final = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# Prefixes for writing the description, besides the project's.
DESCRIPTION_PREFIXES: Final = {
    "sd": SD,
    "formats": "http://www.w3.org/ns/formats/",
    "entailment": "http://www.w3.org/ns/entailment/",
}


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _count(row: dict[str, ox.NamedNode | ox.Literal | ox.BlankNode], name: str) -> int:
    term = row.get(name)
    return int(term.value) if isinstance(term, ox.Literal) else 0


@dataclass(frozen=True)
class DatasetSize:
    """Distinct triples of the union default graph, quads, and named graphs."""

    triples: int
    quads: int
    graphs: int


def dataset_size(store: Store) -> DatasetSize:
    """Count the dataset through ``store`` (one query)."""
    rows = store.select(read_query("dataset-size"))
    row = rows[0] if rows else {}
    return DatasetSize(_count(row, "triples"), _count(row, "quads"), _count(row, "graphs"))


def graph_sizes(store: Store) -> dict[str, int]:
    """Every named graph IRI and its number of triples."""
    return {
        row["graph"].value: _count(row, "triples")
        for row in store.select(read_query("graph-sizes"))
        if isinstance(row.get("graph"), ox.NamedNode)
    }


def describe_service(
    store: Store, endpoint: str, *, result_formats: Iterable[str], limits: str
) -> list[ox.Triple]:
    """The service description of the endpoint at ``endpoint``.

    ``result_formats`` are W3C format IRIs (http://www.w3.org/ns/formats/…); ``limits`` is a
    sentence on the time and size limits, given as an ``rdfs:comment``.
    """
    service = ox.NamedNode(endpoint)
    dataset = ox.NamedNode(str(DATASET))
    default_graph = ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultEntailmentRegime"), SIMPLE_ENTAILMENT),
        ox.Triple(
            service,
            ox.NamedNode(DCTERMS + "title"),
            ox.Literal("Kazakhstan legal knowledge graph: SPARQL endpoint", language="en"),
        ),
        ox.Triple(service, RDFS_COMMENT, ox.Literal(limits, language="en")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, ox.NamedNode(VOID + "sparqlEndpoint"), service),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(
            default_graph, ox.NamedNode(VOID + "triples"), _integer(dataset_size(store).triples)
        ),
    ]
    triples.extend(
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(iri)) for iri in result_formats
    )
    for iri, count in graph_sizes(store).items():
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(iri)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _integer(count)),
        ]
    return triples
