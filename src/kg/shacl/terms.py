"""Terms between rdflib and pyoxigraph, and pySHACL's verdict on a literal's datatype.

The validator reads an Oxigraph store; ``kg.validate`` hands it rdflib graphs. Loading copies each
triple into the store's default graph, remembers blank nodes (so results name the caller's own
``BNode`` objects) and records the literals that pySHACL would call ill-typed, judged on rdflib's
own ``Literal`` (its lexical form, ``ill_typed`` flag and Python value) before Oxigraph puts
well-formed values in canonical form (``"+05"^^xsd:integer`` becomes ``"5"``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

# The Python type rdflib gives a well-typed literal of each datatype, as pySHACL checks it
# (sh:datatype): a literal of another datatype's value type does not match. Datatypes not listed
# match whenever rdflib could read the literal.
_VALUE_TYPES: dict[str, tuple[type, ...]] = {
    str(XSD.string): (str, bytes),
    str(RDF.langString): (str, bytes),
    str(XSD.integer): (int,),
    str(XSD.float): (float,),
    str(XSD.decimal): (Decimal,),
    str(XSD.boolean): (bool,),
    str(XSD.date): (dt.date,),
    str(XSD.time): (dt.time,),
    str(XSD.dateTime): (dt.datetime,),
}
# Datatypes whose literals always match: their value is the lexical form itself.
ALWAYS_WELL_TYPED = frozenset({str(XSD.string), str(RDF.langString)})


def well_typed(literal: Literal) -> bool:
    """Whether pySHACL's sh:datatype accepts ``literal`` for its own datatype."""
    if getattr(literal, "ill_typed", None) is True:
        return False
    datatype = literal.datatype
    expected = _VALUE_TYPES.get(str(datatype)) if datatype is not None else None
    return expected is None or isinstance(literal.value, expected)


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for each literal it cannot read; the verdict is all we want."""
    logger = logging.getLogger("rdflib.term")
    previous = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = previous


@lru_cache(maxsize=65536)
def lexical_well_typed(lexical: str, datatype: str) -> bool:
    """Whether rdflib reads ``"lexical"^^<datatype>`` as pySHACL's sh:datatype wants it."""
    if datatype in ALWAYS_WELL_TYPED:
        return True
    with _quiet_rdflib():
        literal = Literal(lexical, datatype=URIRef(datatype))
    return well_typed(literal)


def to_rdflib(term: OxTerm) -> Node:
    """Return the rdflib term for an Oxigraph term (Oxigraph's lexical form for literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == str(XSD.string):
        return Literal(term.value)
    with _quiet_rdflib():
        return Literal(term.value, datatype=URIRef(datatype))


@dataclass
class LoadedTerms:
    """What loading an rdflib graph remembers: blank nodes by label and ill-typed literals."""

    blank_nodes: dict[str, BNode] = field(default_factory=dict)
    ill_typed: dict[str, set[ox.Literal]] = field(default_factory=dict)

    def to_rdflib(self, term: OxTerm) -> Node:
        """The caller's own term for ``term`` (its BNode object for a blank node)."""
        if isinstance(term, ox.BlankNode):
            return self.blank_nodes.get(term.value) or BNode(term.value)
        return to_rdflib(term)


class _Converter:
    """rdflib → pyoxigraph, with a cache: a graph repeats most of its terms many times."""

    def __init__(self) -> None:
        self.loaded = LoadedTerms()
        self._cache: dict[Node, OxTerm] = {}
        self._labels = 0

    def term(self, node: Node) -> OxTerm:
        found = self._cache.get(node)
        if found is not None:
            return found
        converted: OxTerm
        if isinstance(node, URIRef):
            converted = ox.NamedNode(str(node))
        elif isinstance(node, BNode):
            self._labels += 1
            label = f"b{self._labels}"
            self.loaded.blank_nodes[label] = node
            converted = ox.BlankNode(label)
        elif isinstance(node, Literal):
            converted = self._literal(node)
        else:  # pragma: no cover - graphs hold only IRIs, blank nodes and literals
            raise TypeError(f"cannot store {node!r}")
        self._cache[node] = converted
        return converted

    def _literal(self, literal: Literal) -> ox.Literal:
        if literal.language:
            return ox.Literal(str(literal), language=literal.language)
        if literal.datatype is None:
            return ox.Literal(str(literal))
        converted = ox.Literal(str(literal), datatype=ox.NamedNode(str(literal.datatype)))
        if not well_typed(literal):
            self.loaded.ill_typed.setdefault(str(literal.datatype), set()).add(converted)
        return converted


def triples_of(*graphs: Graph | None) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of the graphs; a Dataset contributes the triples of all its graphs."""
    for graph in graphs:
        if isinstance(graph, Dataset):
            for s, p, o, _ in graph.quads((None, None, None, None)):
                yield s, p, o
        elif graph is not None:
            yield from graph


def load_graphs(store: ox.Store, triples: Iterable[tuple[Node, Node, Node]]) -> LoadedTerms:
    """Add ``triples`` to the default graph of ``store``; return what the results need back."""
    convert = _Converter()
    term = convert.term
    store.extend(
        ox.Quad(term(s), term(p), term(o))  # type: ignore[arg-type]
        for s, p, o in triples
    )
    return convert.loaded
