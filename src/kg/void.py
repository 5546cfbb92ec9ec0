"""The VoID/DCAT description of the built dataset (``void.ttl`` and graph ``graph/void``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD
from rdflib.term import Node

from kg import __version__
from kg.iris import graph_iri
from kg.namespaces import DATASET, DIST, ID, VOCABULARIES, new_graph

VOID_GRAPH: Final = graph_iri("void")
# DCAT 3 term; rdflib's DCAT namespace is DCAT 2 and warns on it.
DCAT_VERSION: Final = URIRef(str(DCAT) + "version")
LICENSE: Final = URIRef("https://creativecommons.org/licenses/by/4.0/")

# The dataset files of dist/ and their IANA media types, in the order they are written.
MEDIA_TYPES: Final[dict[str, str]] = {
    "dataset.trig": "application/trig",
    "dataset.nq": "application/n-quads",
    "dataset.ttl": "text/turtle",
    "dataset.jsonld": "application/ld+json",
}

TITLES: Final = (
    Literal("Kazakhstan legal knowledge graph", lang="en"),
    Literal("Граф знаний о правовой системе Казахстана", lang="ru"),
)
DESCRIPTIONS: Final = (
    Literal(
        "State bodies, laws, meetings, law-enforcement activities and reported statistics "
        "of Kazakhstan, each fact linked to the quoted sentence of the source that states it.",
        lang="en",
    ),
    Literal(
        "Государственные органы, законы, заседания, правоохранительная деятельность и "
        "отчётная статистика Казахстана; каждый факт связан с цитатой из источника.",
        lang="ru",
    ),
)


def distribution_iri(filename: str) -> URIRef:
    """Return the IRI of the dcat:Distribution for one dist/ file."""
    return URIRef(f"{DATASET}/distribution/{filename}")


def media_type_iri(media_type: str) -> URIRef:
    """Return the IANA registry IRI of a media type (as DCAT-AP uses for dcat:mediaType)."""
    return URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")


def describe(
    dataset: Dataset, graphs: Sequence[URIRef], *, sizes: Mapping[str, int] | None = None
) -> Graph:
    """Describe the dataset made of ``graphs``: counts, subsets, vocabularies, distributions.

    ``void:triples`` and the other counts cover the data graphs (not this description).
    ``sizes`` maps dist file names to byte sizes; it is omitted from the copy stored inside
    the dataset files, since a file cannot state its own size.
    """
    g = new_graph(VOID_GRAPH)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    for title in TITLES:
        g.add((DATASET, DCTERMS.title, title))
    for description in DESCRIPTIONS:
        g.add((DATASET, DCTERMS.description, description))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, OWL.versionInfo, Literal(__version__)))
    g.add((DATASET, DCAT_VERSION, Literal(__version__)))
    g.add((DATASET, VOID.uriSpace, Literal(str(ID))))

    triples: set[tuple[Node, Node, Node]] = set()
    for iri in graphs:
        graph = dataset.graph(iri)
        count = 0
        for triple in graph.triples((None, None, None)):
            triples.add(triple)
            count += 1
        g.add((DATASET, VOID.subset, iri))
        g.add((iri, RDF.type, VOID.Dataset))
        g.add((iri, VOID.triples, Literal(count)))

    subjects = {s for s, _, _ in triples}
    g.add((DATASET, VOID.triples, Literal(len(triples))))
    entities = {s for s in subjects if isinstance(s, URIRef) and s.startswith(str(ID))}
    g.add((DATASET, VOID.entities, Literal(len(entities))))
    g.add((DATASET, VOID.distinctSubjects, Literal(len(subjects))))
    g.add((DATASET, VOID.distinctObjects, Literal(len({o for _, _, o in triples}))))
    g.add((DATASET, VOID.classes, Literal(len({o for _, p, o in triples if p == RDF.type}))))
    g.add((DATASET, VOID.properties, Literal(len({p for _, p, _ in triples}))))

    used = {str(p) for _, p, _ in triples} | {str(o) for _, p, o in triples if p == RDF.type}
    for vocabulary in VOCABULARIES:
        if any(term.startswith(vocabulary) for term in used):
            g.add((DATASET, VOID.vocabulary, URIRef(vocabulary)))

    for filename, media_type in MEDIA_TYPES.items():
        dist = distribution_iri(filename)
        g.add((DATASET, DCAT.distribution, dist))
        g.add((DATASET, VOID.dataDump, DIST[filename]))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.mediaType, media_type_iri(media_type)))
        g.add((dist, DCAT.downloadURL, DIST[filename]))
        g.add((dist, DCTERMS.license, LICENSE))
        if sizes is not None and filename in sizes:
            size = Literal(sizes[filename], datatype=XSD.nonNegativeInteger)
            g.add((dist, DCAT.byteSize, size))
    return g
