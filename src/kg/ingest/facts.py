"""Facts of a graph as comparable keys, whatever IRIs a curator or the extractor minted.

Five kinds, as the extraction benchmark scores them:

- ``entity``: a body, person, post, group, tool, plan, principle, place or area the graph
  names (its IRI when the reference graph holds it, else its kind and label);
- ``activity``: (class, agent, role) for every qualified association of an activity, or
  (class, -, -) for an activity with none;
- ``figure``: (indicator, value, unit, value kind, qualifier) of an observation, plus
  ``part-of`` and ``change-of`` links between observations;
- ``date``: (class, property, date) of activities (``dcterms:date``) and acts
  (``eli:date_document``);
- ``act``: (class, title) of laws, codes and agreements, and (relation, act, target) for what
  an act amends or ratifies.

Minted IRIs that the reference graph does not hold (a new body, a new indicator) are compared
by kind and label: two of them are the same entity when the words of one label contain the
words of the other (parenthesised remarks aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.ingest.reference import ENTITY_KINDS, kind_of, word_forms
from kg.namespaces import ELI, KZL, SDMX_ATTRIBUTE, SDMX_MEASURE

QB_OBSERVATION = URIRef("http://purl.org/linked-data/cube#Observation")
KINDS = ("entity", "activity", "figure", "date", "act")
ACT_CLASSES = (KZL.RatificationLaw, KZL.AmendingLaw, KZL.Law, KZL.Code, KZL.InternationalAgreement)
# Classes more specific first: an activity is scored by the first of these it has.
ACTIVITY_CLASSES = (
    KZL.Meeting, KZL.Reporting, KZL.Seizure, KZL.CriminalProsecution, KZL.Suppression,
    KZL.AccountBlocking, KZL.ControlledDelivery, KZL.MaterialsTransfer, KZL.PreventiveWork,
    KZL.OperationalMeasures, KZL.ToolDevelopment, KZL.Instructing, KZL.Statement, KZL.Signing,
    KZL.Ratification, KZL.Approval, KZL.Visit, KZL.LawEnforcementAction, PROV.Activity,
)  # fmt: skip
Fact = tuple[str, ...]


@dataclass(frozen=True)
class Named:
    """A minted entity, known by its kind and the words of its labels (each word's forms)."""

    kind: str
    labels: tuple[tuple[frozenset[str], ...], ...]

    def _matched(self, a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> int:
        return sum(1 for word in a if any(word & other for other in b))

    def same(self, other: Named) -> bool:
        """True when the words of one label are (80 %) among the words of the other's."""
        if self.kind != other.kind and not {self.kind, other.kind} <= AGENCY_LIKE:
            return False
        for a in self.labels:
            for b in other.labels:
                small, large = (a, b) if len(a) <= len(b) else (b, a)
                if small and self._matched(small, large) >= 0.8 * len(small):
                    return True
        return False

    def overlap(self, other: Named) -> float:
        """The best share of words two labels have in common (Jaccard)."""
        best = 0.0
        for a in self.labels:
            for b in other.labels:
                common = self._matched(a, b)
                if a or b:
                    best = max(best, common / (len(a) + len(b) - common))
        return best


AGENCY_LIKE = frozenset({"agency", "council", "office", "mission"})


class Keys:
    """Turns the IRIs of one graph into comparable keys, aligning minted ones with a gold's."""

    def __init__(self, graph: Graph, known: set[URIRef]) -> None:
        self.graph = graph
        self.known = known
        self.aligned: dict[URIRef, str] = {}

    def named(self, iri: URIRef) -> Named:
        labels = []
        for prop in (RDFS.label, SKOS.prefLabel, ELI.title):
            for label in self.graph.objects(iri, prop):
                if isinstance(label, Literal) and label.language in ("ru", "kk"):
                    text = re.sub(r"\([^)]*\)", " ", str(label))
                    labels.append(word_forms(text, label.language))
        return Named(kind_of(str(iri)) or "", tuple(labels))

    def key(self, node: Node | None) -> str:
        """The IRI, or for a minted IRI aligned with a gold's, that gold IRI; "-" for none."""
        if node is None:
            return "-"
        if not isinstance(node, URIRef):
            return str(node)
        if node in self.known or node in self.aligned:
            return self.aligned.get(node, str(node))
        return str(node)

    def align(self, gold: Keys) -> None:
        """Give each minted IRI of this graph the key of the gold's minted IRI it matches.

        A new indicator is the gold's new indicator that measures an observation of the same
        value, unit and kind (its label is the curator's to write); any other minted IRI is
        the gold's of the same kind whose label words it shares (Named.same).
        """
        gold_values = _indicator_values(gold.graph)
        for indicator, values in _indicator_values(self.graph).items():
            if indicator in self.known:
                continue
            matches = [g for g, v in gold_values.items() if v & values and g not in gold.known]
            if matches:
                self.aligned[indicator] = str(matches[0])
        gold_minted = {iri: gold.named(iri) for iri in _iris(gold.graph) if iri not in gold.known}
        for iri in _iris(self.graph):
            if iri in self.known or iri in gold_minted or iri in self.aligned:
                continue
            mine = self.named(iri)
            scored = [(mine.overlap(named), str(other)) for other, named in gold_minted.items()
                      if mine.same(named)]  # fmt: skip
            if scored:
                self.aligned[iri] = max(scored)[1]


def _indicator_values(graph: Graph) -> dict[URIRef, set[tuple[str, str, str]]]:
    """For each indicator, the (value, unit, kind) of the observations that measure it."""
    found: dict[URIRef, set[tuple[str, str, str]]] = {}
    for obs in graph.subjects(RDF.type, QB_OBSERVATION):
        indicator = graph.value(obs, KZL.indicator)
        value = graph.value(obs, SDMX_MEASURE.obsValue)
        if isinstance(indicator, URIRef) and value is not None:
            try:
                number = format(Decimal(str(value)).normalize(), "f")
            except InvalidOperation:
                number = str(value)
            unit = _last(graph.value(obs, SDMX_ATTRIBUTE.unitMeasure))
            found.setdefault(indicator, set()).add(
                (number, unit, _last(graph.value(obs, KZL.valueKind)))
            )
    return found


def _iris(graph: Graph) -> set[URIRef]:
    return {
        node for node in set(graph.subjects()) | set(graph.objects())
        if isinstance(node, URIRef) and (kind_of(str(node)) in ENTITY_KINDS
                                         or "/concept/indicator/" in str(node))
    }  # fmt: skip


def facts(graph: Graph, keys: Keys) -> dict[str, set[Fact]]:
    """The graph's facts by kind (see the module docstring)."""
    found: dict[str, set[Fact]] = {kind: set() for kind in KINDS}
    for iri in _iris(graph):
        if kind_of(str(iri)) in ENTITY_KINDS - {"law", "agreement"}:
            found["entity"].add(("entity", keys.key(iri)))
    for activity in set(graph.subjects(RDF.type, PROV.Activity)):
        cls = _first(graph, activity, ACTIVITY_CLASSES)
        roles = [
            (keys.key(graph.value(a, PROV.agent)), _last(graph.value(a, PROV.hadRole)))
            for a in graph.objects(activity, PROV.qualifiedAssociation)
        ]
        for agent, role in roles or [("-", "-")]:
            found["activity"].add((cls, agent, role))
        for date in graph.objects(activity, DCTERMS.date):
            found["date"].add((cls, "date", str(date)))
    for obs in set(graph.subjects(RDF.type, QB_OBSERVATION)):
        found["figure"].add(observation_key(graph, obs, keys))
        for prop, name in ((KZL.partOf, "part-of"), (KZL.changeOf, "change-of")):
            for other in graph.objects(obs, prop):
                found["figure"].add((name, *observation_key(graph, obs, keys),
                                     *observation_key(graph, other, keys)))  # fmt: skip
    for act in set(graph.subjects(RDF.type, ELI.LegalResource)):
        cls = _first(graph, act, ACT_CLASSES)
        found["act"].add((cls, act_key(graph, act, keys)))
        for date in graph.objects(act, ELI.date_document):
            found["date"].add((cls, "date_document", str(date)))
        for prop, name in ((ELI.amends, "amends"), (KZL.ratifies, "ratifies")):
            for target in graph.objects(act, prop):
                found["act"].add((name, act_key(graph, act, keys), act_key(graph, target, keys)))
    return found


def _last(node: Node | None) -> str:
    return str(node).rsplit("/", 1)[-1]


def _first(graph: Graph, node: Node, classes: Iterable[URIRef]) -> str:
    types = set(graph.objects(node, RDF.type))
    return next((str(c).rsplit("#", 1)[-1] for c in classes if c in types), "other")


def act_key(graph: Graph, act: Node, keys: Keys) -> str:
    """An act by its title when it has one, else by its IRI's key."""
    title = next(iter(graph.objects(act, ELI.title)), None)
    if title is not None:
        return re.sub(r"\W+", " ", str(title)).strip().casefold()
    return keys.key(act)


def observation_key(graph: Graph, obs: Node, keys: Keys) -> Fact:
    value = graph.value(obs, SDMX_MEASURE.obsValue)
    try:
        number = format(Decimal(str(value)).normalize(), "f") if value is not None else "-"
    except InvalidOperation:
        number = str(value)
    return (
        keys.key(graph.value(obs, KZL.indicator)),
        number,
        str(graph.value(obs, SDMX_ATTRIBUTE.unitMeasure)).rsplit("/", 1)[-1],
        str(graph.value(obs, KZL.valueKind)).rsplit("/", 1)[-1],
        str(graph.value(obs, KZL.valueQualifier) or "-").rsplit("/", 1)[-1],
    )


@dataclass(frozen=True)
class Score:
    """Precision and recall of one kind of fact."""

    kind: str
    gold: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def compare(found: Graph, gold: Graph, known: set[URIRef]) -> list[Score]:
    """Score ``found`` against ``gold``, per kind and over all kinds (the last row, "all")."""
    gold_keys, found_keys = Keys(gold, known), Keys(found, known)
    found_keys.align(gold_keys)
    expected, got = facts(gold, gold_keys), facts(found, found_keys)
    scores = [
        Score(kind, len(expected[kind]), len(got[kind]), len(expected[kind] & got[kind]))
        for kind in KINDS
    ]
    total = Score("all", sum(s.gold for s in scores), sum(s.found for s in scores),
                  sum(s.correct for s in scores))  # fmt: skip
    return [*scores, total]


def differences(
    found: Graph, gold: Graph, known: set[URIRef]
) -> dict[str, tuple[set[Fact], set[Fact]]]:
    """Per kind: (missed gold facts, extra found facts), for reading what went wrong."""
    gold_keys, found_keys = Keys(gold, known), Keys(found, known)
    found_keys.align(gold_keys)
    expected, got = facts(gold, gold_keys), facts(found, found_keys)
    return {kind: (expected[kind] - got[kind], got[kind] - expected[kind]) for kind in KINDS}
