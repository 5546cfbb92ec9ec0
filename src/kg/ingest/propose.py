"""Read a report and propose facts: the source, entities, activities, figures and acts.

This module holds the shared state (kg.ingest.draft.DraftBuilder plus what each sentence names)
and the steps that every report goes through; the rules for each kind of activity live in
kg.ingest.events (meetings, statements, instructions, tools, acts) and kg.ingest.actions
(figures and the law-enforcement actions they measure).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDFS, SKOS, XSD

from kg.ingest.dates import DateMention, find_dates
from kg.ingest.draft import TYPES, DraftBuilder, Fact
from kg.ingest.mentions import Mention, find_mentions
from kg.ingest.reference import Reference, content_words
from kg.ingest.text import Sentence, sentences
from kg.ingest.translit import slug
from kg.iris import mint, source_text_iri
from kg.namespaces import KZL, SCHEMA

# Kinds of entity that can take part in an activity.
AGENT_KINDS = frozenset({"agency", "council", "mission", "office", "group", "person", "post"})
LANGUAGES = frozenset({"ru", "kk"})
# What each class of activity is called in labels (en, ru, kk); the label then quotes the
# first words of the sentence, so two activities of a class in one report read differently.
CLASS_NAMES = {
    "Activity": ("Activity", "Действие", "Іс-әрекет"),
    "Meeting": ("Meeting", "Заседание", "Отырыс"),
    "Reporting": ("Report of figures", "Отчёт о данных", "Деректер туралы есеп"),
    "Statement": ("Statement", "Заявление", "Мәлімдеме"),
    "Instructing": ("Instructions", "Поручения", "Тапсырмалар"),
    "ToolDevelopment": ("Development of tools", "Создание инструментов", "Құралдарды әзірлеу"),
    "Signing": ("Signing", "Подписание", "Қол қою"),
    "Ratification": ("Ratification", "Ратификация", "Ратификациялау"),
    "Approval": ("Approval", "Одобрение", "Мақұлдау"),
    "Seizure": ("Seizure", "Изъятие", "Тәркілеу"),
    "CriminalProsecution": ("Criminal prosecution", "Привлечение к уголовной ответственности",
                            "Қылмыстық жауапкершілікке тарту"),
    "Suppression": ("Suppression", "Пресечение", "Жолын кесу"),
    "AccountBlocking": ("Blocking of accounts", "Блокирование счетов", "Шоттарды бұғаттау"),
    "ControlledDelivery": ("Controlled deliveries", "Контролируемые поставки",
                           "Бақыланатын жеткізілімдер"),
    "MaterialsTransfer": ("Materials sent", "Направление материалов", "Материалдар жіберу"),
    "OperationalMeasures": ("Operational measures", "Оперативные мероприятия", "Жедел іс-шаралар"),
    "PreventiveWork": ("Preventive work", "Профилактическая работа", "Профилактикалық жұмыс"),
    "LawEnforcementAction": ("Law-enforcement action", "Правоохранительное действие",
                             "Құқық қорғау әрекеті"),
}  # fmt: skip


@dataclass(frozen=True)
class Report:
    """A report to ingest and what its publisher says about it."""

    source: str  # the slug: id/source/{source}, data/sources/{source}.txt
    text: str
    url: str
    publisher: str
    published: datetime.datetime
    lang: str


@dataclass
class Extractor:
    """The state of one ingest: the report, what the graph knows, and the facts so far."""

    report: Report
    ref: Reference
    draft: DraftBuilder
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    dates: dict[int, list[DateMention]] = field(default_factory=dict)
    has_figures: bool = False

    @property
    def lang(self) -> str:
        return self.report.lang

    @cached_property
    def document_words(self) -> frozenset[str]:
        """The base forms of every word of the report's body."""
        return content_words(" ".join(s.text for s in self.sentences), self.lang)

    @property
    def reported(self) -> str:
        """ "reported-{yyyy-mm-dd}": the key of things the report dates only by itself."""
        return f"reported-{self.report.published.date().isoformat()}"

    def agents(self, sentence: Sentence, start: int = 0, end: int | None = None) -> list[Mention]:
        """The agents named in ``sentence`` between two offsets (absolute), left to right."""
        stop = sentence.end if end is None else end
        return [
            m
            for m in self.mentions[sentence.index]
            if m.kind in AGENT_KINDS and m.start >= start and m.end <= stop
        ]

    def entity(self, mention: Mention, sentence: Sentence) -> URIRef:
        """The IRI of what ``mention`` names; a new entity's fact, or a link fact, is made."""
        iri = mention.iri
        if mention.new and not self.ref.knows(iri):
            fact, made = self.draft.fact("entity", iri, f"New {mention.kind}: {mention.label}",
                                         sentence, mention.confidence)  # fmt: skip
            if made:
                fact.types(iri, *TYPES.get(mention.kind, ()))
                fact.add(iri, RDFS.label, Literal(mention.label, lang=self.lang))
                for alias in mention.aliases:
                    if not alias.endswith("*"):  # stems are for finding it, not names
                        fact.add(iri, SKOS.altLabel, Literal(alias, lang=self.lang))
                if mention.parent is not None:  # "Комитет … Генеральной прокуратуры"
                    fact.add(iri, ORG.subOrganizationOf, mention.parent)
                if mention.holder is not None:  # "заместителя министра … Ерлана Сапарова"
                    fact.add(iri, ORG.heldBy, mention.holder)
                    fact.add(mention.holder, ORG.holds, iri)
                for post in self.mentions.get(sentence.index, []):
                    if post.holder == iri:  # the person's post, named before them
                        self.entity(post, sentence)
        else:
            self.draft.fact("link", iri, f"Names {self.ref.label(iri, 'en')}", sentence,
                            mention.confidence)  # fmt: skip
        return iri

    def agent(self, mention: Mention, sentence: Sentence) -> URIRef:
        """Like entity(), but a post held by one known person stands for that person."""
        iri = self.entity(mention, sentence)
        if mention.kind != "post":
            return iri
        if mention.holder is not None:
            person = next(m for m in self.mentions[sentence.index] if m.iri == mention.holder)
            return self.entity(person, sentence)
        holder = self.ref.holders.get(iri)
        if holder is not None:
            return holder
        # "Бас прокурор Берік Асылов": the person named right after the title holds it.
        after = [m for m in self.mentions[sentence.index]
                 if m.kind == "person" and 0 <= m.start - mention.end <= 2]  # fmt: skip
        return self.entity(after[0], sentence) if after else iri

    def activity(
        self, node: URIRef, classes: tuple[URIRef, ...], label: str, sentence: Sentence,
        confidence: float,
    ) -> Fact:  # fmt: skip
        """The activity fact about ``node`` (made with its types and label if new)."""
        fact, made = self.draft.fact("activity", node, label, sentence, confidence)
        if made:
            fact.types(node, *classes, PROV.Activity)
            names = CLASS_NAMES.get(str(classes[0]).rsplit("#", 1)[-1], CLASS_NAMES["Activity"])
            words = " ".join(sentence.text.split()[:8])
            when = self.report.published.date().isoformat()
            for lang, name in zip(("en", "ru", "kk"), names, strict=True):
                text = f"{name}: «{words}…» ({self.report.publisher}, {when})"
                fact.add(node, RDFS.label, Literal(text, lang=lang))
        return fact

    def situate(self, fact: Fact, node: URIRef, sentence: Sentence) -> None:
        """Date ``node`` by its sentence's date and place it in the city the sentence names
        (each only if the sentence gives one and the node has none yet)."""
        from kg.ingest.signings import place

        date = self.date_in(sentence)
        if date is not None and fact.graph.value(node, DCTERMS.date) is None:
            fact.add(node, DCTERMS.date, Literal(date.date.isoformat(), datatype=XSD.date))
        where = place(self, sentence, sentence.end)
        if where is not None and fact.graph.value(node, SCHEMA.location) is None:
            fact.add(node, SCHEMA.location, where)

    def date_in(self, sentence: Sentence) -> DateMention | None:
        found = self.dates[sentence.index]
        return found[0] if found else None


def propose(report: Report, ref: Reference) -> list[Fact]:
    """Every fact the report supports, numbered, with its quotes (kg.ingest.draft)."""
    from kg.ingest import actions, events, observations

    if report.lang not in LANGUAGES:
        raise ValueError(f"--lang: {report.lang!r} is not one of {', '.join(sorted(LANGUAGES))}")
    found = sentences(report.text)
    extractor = Extractor(report, ref, DraftBuilder(report.source, report.lang, report.text),
                          found)  # fmt: skip
    for sentence in found:
        extractor.mentions[sentence.index] = find_mentions(sentence, report.lang, ref)
        extractor.dates[sentence.index] = [
            DateMention(sentence.start + d.start, sentence.start + d.end, d.stated, d.date,
                        d.relative)
            for d in find_dates(sentence.text, report.lang, report.published)
        ]  # fmt: skip
    _aliases(extractor)
    extractor.has_figures = bool(observations.find(extractor))
    _source(extractor)
    events.propose_events(extractor)
    actions.propose_figures(extractor)
    _links(extractor)
    return extractor.draft.finish()


def _aliases(ex: Extractor) -> None:
    """Short forms a report defines ("Комитет … (КПСиСУ)") name that body wherever they occur."""
    import re

    defined = {alias: m for found in ex.mentions.values() for m in found for alias in m.aliases}
    for sentence in ex.sentences:
        found = ex.mentions[sentence.index]
        for alias, mention in defined.items():
            # "полиция департамент*": a Kazakh stem that takes its case endings.
            stem = alias.removesuffix("*")
            tail = r"\w*" if stem != alias else ""
            pattern = rf"(?<!\w){re.escape(stem)}{tail}(?!\w)"
            for match in re.finditer(pattern, sentence.text, re.IGNORECASE if tail else 0):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if all(end <= m.start or start >= m.end for m in found):
                    found.append(replace(mention, start=start, end=end, text=match.group()))
        found.sort(key=lambda m: m.start)


def _source(ex: Extractor) -> None:
    """The source node, its publisher and the stored text (fact s0)."""
    report = ex.report
    src = mint("source", report.source)
    fact, _ = ex.draft.fact("source", src, f"Source: {report.publisher}, {report.published}",
                            None, 1.0)  # fmt: skip
    fact.types(src, SCHEMA.NewsArticle, PROV.Entity)
    headline = ex.sentences[0] if ex.sentences else None
    title = headline.text if headline is not None else report.source
    fact.add(src, RDFS.label, Literal(f"{report.publisher}, {report.published.date()}: {title}",
                                      lang=report.lang))  # fmt: skip
    if headline is not None:
        fact.add(src, SCHEMA.headline, Literal(headline.text, lang=report.lang))
    fact.add(src, SCHEMA.url, URIRef(report.url))
    fact.add(src, DCTERMS.issued, Literal(report.published.isoformat(), datatype=XSD.dateTime))
    fact.add(src, DCTERMS.language, URIRef(f"http://id.loc.gov/vocabulary/iso639-1/{report.lang}"))
    fact.add(src, SCHEMA.inLanguage, Literal(report.lang))
    fact.add(src, KZL.textCopy, source_text_iri(f"{report.source}.txt"))
    outlet = _outlet(ex)
    fact.add(src, SCHEMA.publisher, outlet)


def _outlet(ex: Extractor) -> URIRef:
    """The publisher: the graph's outlet of that name, else a new outlet quoted where named."""
    name = ex.report.publisher
    known = [
        iri for iri, labels in ex.ref.labels.items()
        if ex.ref.kinds.get(iri) is None and "/outlet/" in str(iri)
        and any(label.casefold() == name.casefold() for label in labels.values())
    ]  # fmt: skip
    if known:
        return known[0]
    iri = mint("outlet", slug(name))
    # The sentence that names the outlet ("…, сообщает Zakon.kz") is its evidence; failing
    # that, the headline, which the outlet published.
    named = [s for s in ex.sentences if name.casefold() in s.text.casefold()]
    evidence = named[0] if named else (ex.sentences[0] if ex.sentences else None)
    fact, made = ex.draft.fact("source", iri, f"Outlet: {name}", evidence, 1.0)
    if made:
        fact.types(iri, *TYPES["outlet"])
        for lang in ("en", "ru", "kk"):
            fact.add(iri, RDFS.label, Literal(name, lang=lang))
    return iri


def _links(ex: Extractor) -> None:
    """Link facts for the known agents a sentence names that no other fact already used."""
    used = Counter(
        obj for fact in ex.draft.facts.values() for obj in fact.graph.objects()
        if isinstance(obj, URIRef)
    )  # fmt: skip
    for sentence in ex.sentences:
        for mention in ex.agents(sentence):
            # A generic collective ("в государственных органах") is only worth a fact when it
            # plays a part in one.
            if not mention.new and mention.iri not in used and mention.kind != "group":
                ex.entity(mention, sentence)
