"""What the graph already knows, indexed for linking: names of entities, acts and concepts."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from kg.namespaces import ELI, ID
from kg.qa.lexicon import Lexicon, build_lexicon, forms, tokens

# The kinds of id/{kind}/… a report's words can name.
ENTITY_KINDS = frozenset(
    {"agency", "council", "mission", "office", "group", "person", "post", "tool", "plan",
     "principle", "place", "area", "law", "agreement"}
)  # fmt: skip
ALIASES = Path(__file__).with_name("aliases.tsv")
INDICATOR_SCHEME = ID["scheme/indicator"]
TOPIC_SCHEME = ID["scheme/topic"]


def kind_of(iri: str) -> str | None:
    """The ``{kind}`` of an ``id/{kind}/…`` IRI, or None for other IRIs."""
    if not iri.startswith(str(ID)):
        return None
    return iri[len(ID) :].split("/", 1)[0]


@dataclass(frozen=True)
class Concept:
    """A concept of a scheme (indicator, topic) with the base forms of its labels' words."""

    iri: URIRef
    labels: dict[str, str]
    words: frozenset[str]  # of the labels in every language
    by_lang: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)  # per word
    topics: tuple[URIRef, ...] = ()  # dcterms:subject: the fields it is defined for
    names: dict[str, tuple[tuple[frozenset[str], ...], ...]] = field(default_factory=dict)


@dataclass
class Reference:
    """The entities, labels and concepts of the existing graph that ingest links to."""

    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    kinds: dict[URIRef, str] = field(default_factory=dict)
    types: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    holders: dict[URIRef, URIRef] = field(default_factory=dict)
    indicators: list[Concept] = field(default_factory=list)
    topics: list[Concept] = field(default_factory=list)
    lexicon: Lexicon = field(default_factory=Lexicon)
    subjects: set[URIRef] = field(default_factory=set)

    def label(self, iri: URIRef, lang: str) -> str:
        """The label in ``lang``, else Russian, else English, else the IRI's last segment."""
        by_lang = self.labels.get(iri, {})
        for candidate in (lang, "ru", "en", "kk"):
            if candidate in by_lang:
                return by_lang[candidate]
        return str(iri).rsplit("/", 1)[-1]

    def knows(self, iri: URIRef) -> bool:
        """True when the graph describes ``iri`` (it is the subject of some triple)."""
        return iri in self.subjects


def content_words(text: str, lang: str) -> frozenset[str]:
    """Base forms of the words of ``text`` (every form pymorphy3 or the suffix rules give)."""
    found: set[str] = set()
    for token in tokens(text):
        if len(token) > 2:
            found |= forms(token, lang)
    return frozenset(found)


def word_forms(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """The base forms of each word of ``text`` (words of three letters or more)."""
    return tuple(forms(token, lang) for token in tokens(text) if len(token) > 2)


def load_reference(graph: Graph, *, aliases: Path = ALIASES) -> Reference:
    """Index ``graph`` (the ontology and data, merged) for linking."""
    ref = Reference()
    ref.subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    rows: list[tuple[str, str, str, str, bool]] = []
    for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, ELI.title):
        for subject, label in graph.subject_objects(prop):
            if not isinstance(subject, URIRef) or not isinstance(label, Literal):
                continue
            kind = kind_of(str(subject))
            lang = label.language or "en"
            if prop != SKOS.altLabel:
                ref.labels.setdefault(subject, {}).setdefault(lang, str(label))
            if kind in ENTITY_KINDS:
                ref.kinds[subject] = kind
                rows.append((str(subject), kind, str(label), lang, prop == SKOS.altLabel))
    for iri in ref.kinds:
        ref.types[iri] = {t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef)}
    for holder, post in graph.subject_objects(ORG.holds):
        if isinstance(holder, URIRef) and isinstance(post, URIRef):
            ref.holders[post] = holder
    rows.extend(_alias_rows(aliases, ref))
    ref.lexicon = build_lexicon(rows)
    ref.indicators = list(_concepts(graph, INDICATOR_SCHEME))
    ref.topics = list(_concepts(graph, TOPIC_SCHEME))
    return ref


def _alias_rows(path: Path, ref: Reference) -> Iterable[tuple[str, str, str, str, bool]]:
    """Descriptive names the press uses ("главное надзорное ведомство"), for known entities."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            iri, lang, alias = URIRef(str(ID) + row[0]), row[1], row[2]
            if iri in ref.kinds:
                yield (str(iri), ref.kinds[iri], alias, lang, True)


def _concepts(graph: Graph, scheme: URIRef) -> Iterable[Concept]:
    members = (c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef))
    for concept in sorted(members):
        labels: dict[str, str] = {}
        names: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {}
        by_lang: dict[str, tuple[frozenset[str], ...]] = {}
        for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, SKOS.hiddenLabel):
            for label in graph.objects(concept, prop):
                if isinstance(label, Literal) and label.language in ("ru", "kk"):
                    lang = label.language
                    labels.setdefault(lang, str(label))
                    names[lang] = (*names.get(lang, ()), word_forms(str(label), lang))
                    seen = set(by_lang.get(lang, ()))
                    new = tuple(w for w in word_forms(str(label), lang) if w not in seen)
                    by_lang[lang] = by_lang.get(lang, ()) + new
        words = frozenset().union(*(w for ws in by_lang.values() for w in ws))
        topics = tuple(t for t in graph.objects(concept, DCTERMS.subject) if isinstance(t, URIRef))
        yield Concept(concept, labels, words, by_lang, topics, names)
