"""Load the ontology (``ontology/*.ttl``) and look up its terms."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.turtle import parse_all, turtle_files


def load_ontology(directory: Path) -> Graph:
    """Return the union of every Turtle file under ``directory``.

    Raises:
        NotFound: the directory does not exist.
        SourceError: a file is not valid Turtle (names file and line).
    """
    return parse_all(turtle_files(directory))


def label(graph: Graph, term: URIRef, lang: str = "en") -> str | None:
    """Return the term's ``rdfs:label`` in ``lang``, or None when it has none."""
    for value in graph.objects(term, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return None
