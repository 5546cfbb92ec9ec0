"""Count what the built dataset holds: triples, named graphs, instances of key classes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import FOAF, ORG, PROV, QB

from kg.namespaces import ELI, OA, SCHEMA
from kg.query import open_dist
from kg.void import VOID_GRAPH

# Classes whose instance counts the summary reports, with the names it prints.
CLASSES: Final[dict[str, URIRef]] = {
    "org:Organization": ORG.Organization,
    "foaf:Person": FOAF.Person,
    "prov:Activity": PROV.Activity,
    "qb:Observation": QB.Observation,
    "eli:LegalResource": ELI.LegalResource,
    "schema:SoftwareApplication": SCHEMA.SoftwareApplication,
    "schema:NewsArticle": SCHEMA.NewsArticle,
    "oa:Annotation": OA.Annotation,
}

# Counts leave out graph/void, the dataset's description of itself.
_TRIPLES = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{VOID_GRAPH}>) }}
}}"""
_GRAPHS = f"""
SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{VOID_GRAPH}>)
}}"""
_INSTANCES = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?class }} FILTER(?g != <{VOID_GRAPH}>)
}} GROUP BY ?class"""


@dataclass(frozen=True)
class Summary:
    """Distinct triples, named data graphs, and instances per class of interest."""

    triples: int
    graphs: int
    instances: dict[str, int]

    def __str__(self) -> str:
        width = max(len(name) for name in ["named graphs", *self.instances])
        lines = [
            f"{'triples':<{width}}  {self.triples}",
            f"{'named graphs':<{width}}  {self.graphs}",
        ]
        lines += [f"{name:<{width}}  {count}" for name, count in self.instances.items()]
        return "\n".join(lines)


def summarise(dist: Path) -> Summary:
    """Count the contents of the built dataset in ``dist``.

    Raises:
        NotFound: ``dist/dataset.nq`` is missing (run kg build first).
    """
    store = open_dist(dist)
    by_class = {
        str(row["class"].value): int(_value(row["n"])) for row in _select(store, _INSTANCES)
    }
    instances = {name: by_class.get(str(iri), 0) for name, iri in CLASSES.items()}
    return Summary(
        triples=int(_value(next(iter(_select(store, _TRIPLES)))["n"])),
        graphs=int(_value(next(iter(_select(store, _GRAPHS)))["n"])),
        instances=instances,
    )


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)  # the queries above are all SELECTs
    return result


def _value(term: object) -> str:
    assert isinstance(term, ox.Literal)  # COUNT always binds an integer literal
    return term.value
