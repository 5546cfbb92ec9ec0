"""State the standard superclasses and superproperties of ``kzl:`` terms in the data itself.

Researchers query with standard terms and no reasoner, so a resource typed ``kzl:Meeting`` must
also be stated to be a ``prov:Activity``, and ``kzl:partOf`` must also be ``dcterms:isPartOf``.
Only ``kzl:`` terms are expanded: the reused vocabularies' own hierarchies are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.namespaces import KZL

Closure = dict[URIRef, frozenset[URIRef]]


def _closure(ontology: Iterable[Graph], relation: URIRef) -> Closure:
    """Map each ``kzl:`` term to every term above it through ``relation``, transitively."""
    parents: dict[URIRef, set[URIRef]] = {}
    for graph in ontology:
        for child, parent in graph.subject_objects(relation):
            if isinstance(child, URIRef) and isinstance(parent, URIRef) and child != parent:
                parents.setdefault(child, set()).add(parent)
    closure: Closure = {}
    for term in parents:
        if not term.startswith(str(KZL)):
            continue
        seen: set[URIRef] = set()
        todo = list(parents[term])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(parents.get(parent, ()))
        closure[term] = frozenset(seen)
    return closure


class Materializer:
    """Adds the entailed superclass types and superproperty triples of ``kzl:`` terms."""

    def __init__(self, ontology: Iterable[Graph]) -> None:
        graphs = list(ontology)
        self.superclasses = _closure(graphs, RDFS.subClassOf)
        self.superproperties = _closure(graphs, RDFS.subPropertyOf)

    def apply(self, graph: Graph) -> int:
        """Add the entailed triples to ``graph`` in place; return how many were new."""
        before = len(graph)
        added: list[tuple[Node, Node, Node]] = []
        for s, p, o in graph:
            if p == RDF.type and isinstance(o, URIRef):
                added.extend((s, RDF.type, parent) for parent in self.superclasses.get(o, ()))
            elif isinstance(p, URIRef):
                added.extend((s, parent, o) for parent in self.superproperties.get(p, ()))
        for triple in added:
            graph.add(triple)
        return len(graph) - before
