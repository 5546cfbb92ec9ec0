"""Load the ontology (``ontology/*.ttl``) and look up its terms."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.namespaces import KZL
from kg.turtle import parse_all, turtle_files

# The labels every kzl: term must have, as every resource under id/ must (shapes/resources.ttl);
# Kazakh is expected too (tests/test_ontology.py checks it for ontology/).
REQUIRED_LABELS: Final = ("en", "ru")


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


def unlabelled_terms(graph: Graph) -> dict[URIRef, list[str]]:
    """The kzl: terms of ``graph`` (its subjects in that namespace) without a non-empty
    ``rdfs:label`` in one of REQUIRED_LABELS, each with the languages it lacks."""
    missing: dict[URIRef, list[str]] = {}
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KZL))}
    for term in sorted(terms):
        have = {
            value.language
            for value in graph.objects(term, RDFS.label)
            if isinstance(value, Literal) and str(value).strip()
        }
        lacking = [lang for lang in REQUIRED_LABELS if lang not in have]
        if lacking:
            missing[term] = lacking
    return missing
