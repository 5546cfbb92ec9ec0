"""SHACL validation compiled to SPARQL and run by pyoxigraph, with pySHACL's results.

pySHACL (``inference="none"``, SPARQL targets and constraints on, warnings allowed) stays the
reference: tests/test_shacl_fast.py checks that both engines report the same results. Only the
SHACL subset that ``shapes/`` uses is supported (see kg.shacl.model); any other SHACL term raises
ValidationError.

- ``Validator(shapes)`` compiles a shapes graph once;
- ``validate_store(store, shapes)`` validates a pyoxigraph store (default graph = union of all
  its graphs);
- ``revalidate_graph(store, shapes, graph)`` validates only the focus nodes of one named graph
  (its subjects and objects) against the whole store;
- ``validate_graphs(data, shapes, ontology=...)`` validates rdflib graphs (``kg.validate`` uses it).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.shacl.engine import Scope, Validator
from kg.shacl.report import outcome
from kg.shacl.terms import load_graphs, triples_of
from kg.validate import ValidationOutcome


def _validator(shapes: Graph | Validator) -> Validator:
    return shapes if isinstance(shapes, Validator) else Validator(shapes)


def validate_store(store: ox.Store, shapes: Graph | Validator) -> ValidationOutcome:
    """Validate everything in ``store``.

    Raises:
        ValidationError: the shapes use an unsupported SHACL term, or a query fails.
    """
    return outcome(_validator(shapes).run(store))


def revalidate_graph(
    store: ox.Store, shapes: Graph | Validator, graph: str | ox.NamedNode
) -> ValidationOutcome:
    """Validate the focus nodes that occur in named graph ``graph`` (as subject or object).

    The results are those of validate_store() whose focus node is one of them: the rest of the
    store still counts (types, labels and sources stated in other graphs).

    Raises:
        ValidationError: as validate_store().
    """
    name = graph.value if isinstance(graph, ox.NamedNode) else graph
    validator = _validator(shapes)
    return outcome(validator.run(store, scope=Scope.of(store, name)))


def validate_graphs(
    data: Graph, shapes: Graph | Validator, *, ontology: Graph | None = None
) -> ValidationOutcome:
    """Validate rdflib graphs (a Dataset counts with all its graphs), copied into a new store.

    Raises:
        ValidationError: as validate_store().
    """
    validator = _validator(shapes)
    store = ox.Store()
    loaded = load_graphs(store, triples_of(data, ontology))
    return outcome(validator.run(store, ill_typed=loaded.ill_typed, to_node=loaded.to_rdflib))


__all__ = ["Validator", "revalidate_graph", "validate_graphs", "validate_store"]
