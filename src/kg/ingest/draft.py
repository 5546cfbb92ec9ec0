"""The draft being built: proposed facts, each a small graph with the sentences it rests on.

Written as TriG (docs/ingest.md): one named graph per fact plus an index graph that gives each
fact its id, kind, confidence, label, the facts it requires and the sentence's offsets.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, XSD
from rdflib.term import Node

import kg
from kg.ingest.text import Sentence
from kg.iris import mint
from kg.namespaces import BASE, ID, KZL, OA, SCHEMA, bind_prefixes

DRAFT = Namespace(BASE + "draft/")

# The first letter of a fact's id, by kind, and the order kinds are listed in.
PREFIXES = {"source": "s", "entity": "e", "link": "l", "activity": "a", "figure": "f", "act": "d"}

# The standard types a node of each kind states beside its kzl: class (docs/model.md).
AGENT = (FOAF.Agent, PROV.Agent)
ORGANISATION = (ORG.Organization, FOAF.Organization, PROV.Organization, *AGENT)
TYPES: dict[str, tuple[URIRef, ...]] = {
    "agency": (KZL.StateBody, ORG.FormalOrganization, *ORGANISATION),
    "council": (KZL.Council, *ORGANISATION),
    "mission": (KZL.ForeignMission, ORG.FormalOrganization, *ORGANISATION),
    "office": (KZL.InternationalOrganisationOffice, ORG.OrganizationalUnit, *ORGANISATION),
    "outlet": (KZL.MediaOutlet, SCHEMA.Organization, *ORGANISATION),
    "group": (KZL.AgentGroup, FOAF.Group, *AGENT),
    "person": (FOAF.Person, PROV.Person, SCHEMA.Person, *AGENT),
    "tool": (KZL.DigitalTool, SCHEMA.SoftwareApplication, PROV.Entity),
    "plan": (KZL.Algorithm, PROV.Plan, PROV.Entity),
    "area": (SCHEMA.Country, SCHEMA.Place),
    "place": (SCHEMA.Place,),
    "period": (DCTERMS.PeriodOfTime,),
    "directive": (KZL.Directive, PROV.Entity),
    "post": (ORG.Post,),
}


@dataclass
class Fact:
    """One proposed fact: its main node, its triples and the sentences it rests on."""

    kind: str
    node: URIRef
    label: str
    confidence: float
    graph: Graph = field(default_factory=Graph)
    sentences: list[Sentence] = field(default_factory=list)
    id: str = ""

    def add(self, subject: Node, predicate: URIRef, obj: Node) -> None:
        self.graph.add((subject, predicate, obj))

    def types(self, node: URIRef, *classes: URIRef) -> None:
        for cls in classes:
            self.add(node, RDF.type, cls)

    def role(self, activity: URIRef, agent: URIRef, role: str) -> None:
        """State that ``agent`` took part in ``activity`` in ``role`` (a qualified association).

        A post is not an agent: a role given to a post nobody is known to hold is left out.
        """
        if "/id/post/" in str(agent):
            return
        if any(
            (a, PROV.hadRole, mint("concept", "role", role)) in self.graph
            for a in self.graph.objects(activity, PROV.qualifiedAssociation)
            if (a, PROV.agent, agent) in self.graph
        ):
            return
        association = BNode()
        self.add(activity, PROV.wasAssociatedWith, agent)
        self.add(activity, PROV.qualifiedAssociation, association)
        self.add(association, RDF.type, PROV.Association)
        self.add(association, PROV.agent, agent)
        self.add(association, PROV.hadRole, mint("concept", "role", role))

    def cite(self, sentence: Sentence) -> None:
        if all(s.start != sentence.start for s in self.sentences):
            self.sentences.append(sentence)


@dataclass
class DraftBuilder:
    """Collects facts by their main node; one node is one fact, however often it is named."""

    source: str
    lang: str
    text: str
    facts: dict[URIRef, Fact] = field(default_factory=dict)

    @property
    def source_iri(self) -> URIRef:
        return mint("source", self.source)

    def fact(
        self, kind: str, node: URIRef, label: str, sentence: Sentence | None, confidence: float
    ) -> tuple[Fact, bool]:
        """The fact about ``node`` (made if new, with ``prov:wasDerivedFrom``); True if new."""
        existing = self.facts.get(node)
        if existing is not None:
            if sentence is not None:
                existing.cite(sentence)
            existing.confidence = max(existing.confidence, confidence)
            return existing, False
        made = Fact(kind, node, label, confidence)
        bind_prefixes(made.graph)
        if kind != "link" and node != self.source_iri:
            made.add(node, PROV.wasDerivedFrom, self.source_iri)
        if sentence is not None:
            made.cite(sentence)
        self.facts[node] = made
        return made, True

    def finish(self) -> list[Fact]:
        """Number the facts (s0, e1…, l1…, a1…, f1…, d1…) and add their quotes."""
        ordered = sorted(self.facts.values(), key=lambda f: list(PREFIXES).index(f.kind))
        counters: dict[str, int] = {}
        for fact in ordered:
            prefix = PREFIXES[fact.kind]
            counters[prefix] = counters.get(prefix, -1 if prefix == "s" else 0) + 1
            fact.id = f"{prefix}{counters[prefix]}"
        for fact in ordered:
            complete_labels(fact.graph)
            self._quote(fact)
        return ordered

    def _quote(self, fact: Fact) -> None:
        bodies = sorted(
            set(fact.graph.subjects(PROV.wasDerivedFrom, self.source_iri))
            | ({fact.node} if fact.kind == "link" else set()),
            key=str,
        )
        for n, sentence in enumerate(fact.sentences, start=1):
            suffix = "" if n == 1 else f"-{n}"
            quote = mint("quote", self.source, fact.id + suffix)
            target, selector = BNode(), BNode()
            fact.add(quote, RDF.type, OA.Annotation)
            fact.add(quote, OA.motivatedBy, OA.describing)
            fact.add(quote, RDFS.label, Literal(f"Sentence of proposed fact {fact.id}", lang="en"))
            fact.add(quote, RDFS.label, Literal(f"Предложение факта {fact.id}", lang="ru"))
            for body in bodies:
                fact.add(quote, OA.hasBody, body)
            fact.add(quote, OA.hasTarget, target)
            fact.add(target, OA.hasSource, self.source_iri)
            fact.add(target, OA.hasSelector, selector)
            fact.add(selector, RDF.type, OA.TextQuoteSelector)
            fact.add(selector, OA.exact, Literal(sentence.text))
            fact.add(quote, PROV.wasDerivedFrom, self.source_iri)


def complete_labels(graph: Graph) -> None:
    """Give every resource under id/ the English and Russian labels the shapes ask for.

    A name the report gives in one language is not translated: the missing labels say that they
    quote the source's wording, so no official name is invented.
    """
    for subject in set(graph.subjects(RDFS.label, None)):
        if not isinstance(subject, URIRef) or not str(subject).startswith(str(ID)):
            continue
        labels = {
            label.language: str(label)
            for label in graph.objects(subject, RDFS.label)
            if isinstance(label, Literal) and label.language
        }
        source_words = labels.get("ru") or labels.get("kk")
        if "en" not in labels and source_words:
            text = f"“{source_words}” (as worded in the source; no English name known)"
            graph.add((subject, RDFS.label, Literal(text, lang="en")))
        if "ru" not in labels:
            if "kk" in labels:
                text = f"«{labels['kk']}» (в формулировке источника на казахском)"
            else:
                text = f"{labels['en']} (описание на английском)"
            graph.add((subject, RDFS.label, Literal(text, lang="ru")))


def requirements(facts: Iterable[Fact]) -> dict[str, list[str]]:
    """For each fact id, the ids of the entity and source facts its triples refer to."""
    facts = list(facts)
    owners = {f.node: f.id for f in facts if f.kind in ("entity", "source")}
    needs: dict[str, list[str]] = {}
    for fact in facts:
        wanted = {"s0"} if fact.id != "s0" else set()
        for obj in fact.graph.objects():
            owner = owners.get(obj) if isinstance(obj, URIRef) else None
            if owner is not None and owner != fact.id:
                wanted.add(owner)
        needs[fact.id] = sorted(wanted, key=_id_order)
    return needs


def _id_order(fact_id: str) -> tuple[int, int]:
    return list(PREFIXES.values()).index(fact_id[0]), int(fact_id[1:])


def to_dataset(source: str, facts: list[Fact], *, started: datetime.datetime) -> Dataset:
    """The draft as a Dataset: the index graph and one graph per fact."""
    dataset = Dataset()
    bind_prefixes(dataset)
    dataset.bind("draft", DRAFT)
    index = dataset.graph(DRAFT[source])
    source_iri = mint("source", source)
    extraction, agent = DRAFT[f"{source}/extraction"], DRAFT["kg-ingest"]
    index.add((extraction, RDF.type, PROV.Activity))
    index.add((extraction, PROV.wasAssociatedWith, agent))
    index.add((extraction, PROV.used, source_iri))
    index.add((extraction, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    index.add((agent, RDF.type, PROV.SoftwareAgent))
    index.add((agent, RDFS.label, Literal(f"kg ingest {kg.__version__}")))
    needs = requirements(facts)
    for fact in facts:
        entry = DRAFT[f"{source}/{fact.id}"]
        for triple in fact.graph:
            dataset.graph(entry).add(triple)
        for cls in (KZL.ProposedFact, PROV.Bundle, PROV.Entity, OA.Annotation):
            index.add((entry, RDF.type, cls))
        index.add((entry, DCTERMS.identifier, Literal(fact.id)))
        index.add((entry, DCTERMS.type, mint("concept", "fact-kind", fact.kind)))
        index.add((entry, RDFS.label, Literal(fact.label, lang="en")))
        confidence = Decimal(str(round(fact.confidence, 2)))
        index.add((entry, KZL.confidence, Literal(confidence, datatype=XSD.decimal)))
        index.add((entry, OA.motivatedBy, OA.assessing))
        index.add((entry, OA.hasBody, fact.node))
        index.add((entry, PROV.wasGeneratedBy, extraction))
        for need in needs[fact.id]:
            index.add((entry, DCTERMS.requires, DRAFT[f"{source}/{need}"]))
        for sentence in fact.sentences[:1]:
            target, selector = BNode(), BNode()
            index.add((entry, OA.hasTarget, target))
            index.add((target, OA.hasSource, source_iri))
            index.add((target, OA.hasSelector, selector))
            index.add((selector, RDF.type, OA.TextPositionSelector))
            index.add((selector, OA.start, Literal(sentence.start)))
            index.add((selector, OA.end, Literal(sentence.end)))
    return dataset
