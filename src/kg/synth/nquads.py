"""N-Quads terms and a streaming writer that materialises the entailments of ``kzl:`` terms.

Terms are kept as their N-Quads text (``<iri>``, ``"text"@ru``, ``_:s1``) so that writing a line
is string joining only; no rdflib objects are made for the corpus itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, TextIO

from kg.materialize import Materializer
from kg.namespaces import (
    DCTERMS,
    ELI,
    FOAF,
    KZL,
    OA,
    ORG,
    PROV,
    QB,
    RDF,
    RDFS,
    SCHEMA,
    SDMX_ATTRIBUTE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SKOS,
    UNIT,
    XSD,
)

_ESCAPES: Final = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def iri(value: str) -> str:
    """``<value>``; the value is an absolute IRI built by kg.iris (no characters to escape)."""
    return f"<{value}>"


def lit(text: str, lang: str | None = None) -> str:
    """A string literal, with a language tag when given, escaped as N-Quads requires."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def typed(text: str, datatype: str) -> str:
    """A typed literal, e.g. ``typed("2024-03-05", XSD_DATE)``."""
    return '"' + text.translate(_ESCAPES) + '"^^' + datatype


def _t(namespace: object, name: str) -> str:
    return iri(str(namespace) + name)


XSD_DATE: Final = _t(XSD, "date")
XSD_DATETIME: Final = _t(XSD, "dateTime")
XSD_INTEGER: Final = _t(XSD, "integer")
XSD_DECIMAL: Final = _t(XSD, "decimal")

A: Final = _t(RDF, "type")
LABEL: Final = _t(RDFS, "label")
PREF_LABEL: Final = _t(SKOS, "prefLabel")
ALT_LABEL: Final = _t(SKOS, "altLabel")
DERIVED: Final = _t(PROV, "wasDerivedFrom")


class V:
    """The terms of reused vocabularies that the generator writes, as N-Quads text."""

    kzl = staticmethod(lambda name: _t(KZL, name))
    org = staticmethod(lambda name: _t(ORG, name))
    prov = staticmethod(lambda name: _t(PROV, name))
    foaf = staticmethod(lambda name: _t(FOAF, name))
    schema = staticmethod(lambda name: _t(SCHEMA, name))
    dcterms = staticmethod(lambda name: _t(DCTERMS, name))
    eli = staticmethod(lambda name: _t(ELI, name))
    oa = staticmethod(lambda name: _t(OA, name))
    qb = staticmethod(lambda name: _t(QB, name))
    unit = staticmethod(lambda name: _t(UNIT, name))
    sdmx_dimension = staticmethod(lambda name: _t(SDMX_DIMENSION, name))
    sdmx_measure = staticmethod(lambda name: _t(SDMX_MEASURE, name))
    sdmx_attribute = staticmethod(lambda name: _t(SDMX_ATTRIBUTE, name))


ORGANIZATION_TYPES: Final = (
    V.org("Organization"),
    V.foaf("Organization"),
    V.foaf("Agent"),
    V.prov("Organization"),
    V.prov("Agent"),
)
PERSON_TYPES: Final = (
    V.foaf("Person"),
    V.foaf("Agent"),
    V.prov("Person"),
    V.prov("Agent"),
    V.schema("Person"),
)

Pairs = Iterable[tuple[str, str]]


class QuadWriter:
    """Buffers N-Quads lines, adding the superclass types and superproperties of ``kzl:`` terms.

    ``emit`` writes every triple of one subject in one graph; repeated triples within a call are
    written once. Blank nodes are numbered in the order they are asked for, so the output depends
    only on the order of calls.
    """

    def __init__(self, stream: TextIO, materializer: Materializer) -> None:
        self._stream = stream
        self._buffer: list[str] = []
        self.count = 0
        self._bnodes = 0
        self._superclasses = {
            iri(str(term)): tuple(sorted(iri(str(parent)) for parent in parents))
            for term, parents in materializer.superclasses.items()
        }
        self._superproperties = {
            iri(str(term)): tuple(sorted(iri(str(parent)) for parent in parents))
            for term, parents in materializer.superproperties.items()
        }

    def bnode(self) -> str:
        """A new blank node, unique in the file."""
        self._bnodes += 1
        return f"_:s{self._bnodes}"

    def emit(self, graph: str, subject: str, pairs: Pairs) -> None:
        """Write ``subject p o`` for each pair, with the entailed types and superproperties."""
        seen: dict[tuple[str, str], None] = {}
        for p, o in pairs:
            seen[p, o] = None
            if p == A:
                for parent in self._superclasses.get(o, ()):
                    seen[A, parent] = None
            else:
                for parent in self._superproperties.get(p, ()):
                    seen[parent, o] = None
        tail = f" {graph} .\n"
        self._buffer.extend(f"{subject} {p} {o}{tail}" for p, o in seen)
        self.count += len(seen)

    def raw(self, lines: Sequence[str]) -> None:
        """Write finished lines (each ending in a newline) as they are."""
        self._buffer.extend(lines)
        self.count += len(lines)

    def flush(self) -> None:
        """Write the buffered lines to the stream."""
        self._stream.write("".join(self._buffer))
        self._buffer.clear()


def labels(en: str, ru: str, kk: str | None = None, *, pref: bool = False) -> list[tuple[str, str]]:
    """``rdfs:label`` (and ``skos:prefLabel`` when ``pref``) in en, ru and, where given, kk."""
    texts = [(en, "en"), (ru, "ru")] + ([(kk, "kk")] if kk else [])
    pairs = [(LABEL, lit(text, lang)) for text, lang in texts]
    if pref:
        pairs += [(PREF_LABEL, lit(text, lang)) for text, lang in texts]
    return pairs


def annotate(
    writer: QuadWriter,
    graph: str,
    *,
    quote: str,
    source: str,
    bodies: Sequence[str],
    exact: str,
    label_en: str,
    label_ru: str,
) -> None:
    """Write an ``oa:Annotation`` quoting ``exact`` from ``source`` in support of ``bodies``."""
    target, selector = writer.bnode(), writer.bnode()
    writer.emit(
        graph,
        quote,
        [
            (A, V.oa("Annotation")),
            (V.oa("motivatedBy"), V.oa("describing")),
            *labels(label_en, label_ru),
            *((V.oa("hasBody"), body) for body in bodies),
            (V.oa("hasTarget"), target),
            (DERIVED, source),
        ],
    )
    writer.emit(graph, target, [(V.oa("hasSource"), source), (V.oa("hasSelector"), selector)])
    writer.emit(graph, selector, [(A, V.oa("TextQuoteSelector")), (V.oa("exact"), lit(exact))])


def associate(
    writer: QuadWriter, graph: str, roles: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The pairs of ``prov:wasAssociatedWith`` and qualified associations for (agent, role)."""
    pairs: list[tuple[str, str]] = []
    agents: dict[str, None] = {}
    for agent, role in roles:
        agents[agent] = None
        node = writer.bnode()
        writer.emit(
            graph,
            node,
            [(A, V.prov("Association")), (V.prov("agent"), agent), (V.prov("hadRole"), role)],
        )
        pairs.append((V.prov("qualifiedAssociation"), node))
    return [(V.prov("wasAssociatedWith"), agent) for agent in agents] + pairs
