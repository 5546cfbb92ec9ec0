"""Figures as observations: indicator, value, unit, qualifier, period, parts and changes.

Every figure becomes a ``qb:Observation`` of the reporting body's dataset: indicator (kg.ingest.
indicators), value and QUDT unit, ``kzl:valueQualifier`` for "свыше"/"более", ``kzl:statedAs``
as written, a relative change as its own observation ``kzl:changeOf`` its level, and the figures
after "включая"/"в том числе"/"оның ішінде" ``kzl:partOf`` the first figure of their sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS, SKOS, XSD

from kg.ingest.draft import TYPES, Fact
from kg.ingest.events import (
    REPORTING,
    paragraph_speaker,
    report_node,
    reporter,
)
from kg.ingest.figures import Figure, find_figures
from kg.ingest.indicators import IndicatorIndex
from kg.ingest.text import Sentence
from kg.ingest.translit import slug
from kg.iris import mint
from kg.namespaces import CURRENCY, KZL, QB, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, UNIT

if TYPE_CHECKING:
    from kg.ingest.mentions import Mention
    from kg.ingest.propose import Extractor


PARTS = re.compile(r"включая|в\s+том\s+числе|из\s+них|оның\s+ішінде|соның\s+ішінде", re.I)
# Where a clause ends: a semicolon, ", а также", or a comma before a short participle or verb
# ("…, выявлены и ликвидированы …").
CLAUSE = re.compile(r";|,\s+а\s+также\s+|,\s+(?=(?:\w+\s+и\s+)?\w+(?:ны|но|на|ен|ано|ено|ты|то)\s)")
UNITS = {"NUM": UNIT.NUM, "TONNE": UNIT.TONNE, "KiloGM": UNIT.KiloGM, "GM": UNIT.GM,
         "PERCENT": UNIT.PERCENT, "KZT": CURRENCY.KZT, "USD": CURRENCY.USD}  # fmt: skip


@dataclass
class Placed:
    """A figure with its sentence, clause and observation."""

    figure: Figure
    sentence: Sentence
    start: int  # absolute offsets of the figure
    end: int
    node: URIRef | None = None


def find(ex: Extractor) -> list[Placed]:
    placed = []
    for sentence in ex.sentences:
        skip = [
            (d.start - sentence.start, d.end - sentence.start) for d in ex.dates[sentence.index]
        ]
        for figure in find_figures(sentence.text, ex.lang, skip=skip):
            placed.append(Placed(figure, sentence, sentence.start + figure.start,
                                 sentence.start + figure.end))  # fmt: skip
    # A number written as a word ("три транснациональных") is a statistic among other figures;
    # in a sentence without digits ("используется два инструмента") it is just how the text counts.
    with_digits = {p.sentence.index for p in placed if re.search(r"\d", p.figure.stated)}
    return [
        p for p in placed
        if re.search(r"\d", p.figure.stated) or p.sentence.index in with_digits
    ]  # fmt: skip


def reporting_body(ex: Extractor) -> tuple[Mention, Sentence] | None:
    """Who gave the figures: named where the report says so, else the most named body."""
    for sentence in ex.sentences:
        if REPORTING.search(sentence.text, ex.lang):
            body = reporter(ex, sentence) or paragraph_speaker(ex, sentence)
            if body is not None:
                return body, sentence
    counts: dict[URIRef, tuple[int, Mention, Sentence]] = {}
    for sentence in ex.sentences:
        for m in ex.agents(sentence):
            if m.kind == "agency":
                n = counts.get(m.iri, (0, m, sentence))[0]
                counts[m.iri] = (n + 1, counts.get(m.iri, (0, m, sentence))[1], sentence)
    if not counts:
        return None
    _, mention, sentence = max(counts.values(), key=lambda c: c[0])
    return mention, sentence


def dataset_of(ex: Extractor, agent: URIRef | None) -> URIRef:
    who = slug(str(agent).rsplit("/", 1)[-1]) if agent is not None else "unattributed"
    node = mint("dataset", f"{who}-figures-{ex.reported}")
    fact, made = ex.draft.fact("source", node, "Dataset of the reported figures", None, 0.9)
    if made:
        fact.types(node, QB.DataSet, PROV.Entity)
        fact.add(node, RDFS.label, Literal(f"Figures reported by {who} ({ex.reported})", lang="en"))
        fact.add(node, QB.structure, mint("structure", "reported-figures"))
        if agent is not None:
            fact.add(node, PROV.wasAttributedTo, agent)
            report = report_node(ex, agent)
            if report in ex.draft.facts:
                fact.add(node, PROV.wasGeneratedBy, report)
                ex.draft.facts[report].add(report, PROV.generated, node)
    return node


def observe(
    ex: Extractor, item: Placed, dataset: URIRef, agent: URIRef | None,
    index: IndicatorIndex, mine: list[Placed],
) -> URIRef:  # fmt: skip
    figure, sentence = item.figure, item.sentence
    primary, context = _words(ex, item, mine)
    match = index.best(primary, context, ex.lang, ex.document_words)
    if match.concept is not None:
        indicator = match.concept.iri
        name = match.concept.labels.get(ex.lang, primary)
        confidence = min(0.95, 0.5 + match.score / 10)
    else:
        name = primary.strip(" ,.;:()") or figure.stated
        indicator = _new_indicator(ex, name, sentence)
        confidence = 0.5
    area, period = _area(ex, sentence), _period(ex, sentence)
    node = _node(dataset, period, indicator)
    held = ex.draft.facts.get(node)
    if held is not None and held.graph.value(node, SDMX_MEASURE.obsValue) != _value(figure):
        # Another figure of the report already measures that indicator with another value
        # ("свыше 1,2 млн дел, из них 918 тыс. – гражданские"): this one counts something else.
        name = primary.strip(" ,.;:()") or figure.stated
        indicator = _new_indicator(ex, name, sentence, avoid=indicator)
        node, confidence = _node(dataset, period, indicator), 0.4
    fact, made = ex.draft.fact("figure", node, f"{name}: {figure.stated}", sentence, confidence)
    if made:
        _measure(ex, fact, node, figure, dataset, agent, area, period, name)
        fact.add(node, KZL.indicator, indicator)
        fact.add(node, KZL.valueKind, mint("concept", "value-kind", "level"))
    return node


def _node(dataset: URIRef, period: URIRef, indicator: URIRef) -> URIRef:
    """id/obs/{dataset}/{area}/{period}/{indicator}: one observation per indicator and period."""
    return mint("obs", str(dataset).rsplit("/", 1)[-1], "kz", str(period).rsplit("/", 1)[-1],
                str(indicator).rsplit("/", 1)[-1])  # fmt: skip


def observe_change(
    ex: Extractor, item: Placed, level: Placed, dataset: URIRef, agent: URIRef | None
) -> URIRef:
    assert level.node is not None
    level_fact = ex.draft.facts[level.node]
    node = URIRef(f"{level.node}/relative-change")
    fact, made = ex.draft.fact("figure", node, f"{level_fact.label}: {item.figure.stated}",
                               item.sentence, level_fact.confidence)  # fmt: skip
    if made:
        graph = level_fact.graph
        area = graph.value(level.node, SDMX_DIMENSION.refArea)
        period = graph.value(level.node, SDMX_DIMENSION.refPeriod)
        assert isinstance(area, URIRef) and isinstance(period, URIRef)
        _measure(ex, fact, node, item.figure, dataset, agent, area, period, level_fact.label)
        indicator = graph.value(level.node, KZL.indicator)
        assert indicator is not None  # every level observation is given one
        fact.add(node, KZL.indicator, indicator)
        fact.add(node, KZL.valueKind, mint("concept", "value-kind", "relative-change"))
        fact.add(node, KZL.changeOf, level.node)
    return node


def _measure(
    ex: Extractor, fact: Fact, node: URIRef, figure: Figure, dataset: URIRef,
    agent: URIRef | None, area: URIRef, period: URIRef, name: str,
) -> None:  # fmt: skip
    fact.types(node, QB.Observation, PROV.Entity)
    fact.add(node, RDFS.label, Literal(f"{name}: {figure.stated}", lang=ex.lang))
    fact.add(node, QB.dataSet, dataset)
    fact.add(node, SDMX_DIMENSION.refArea, area)
    fact.add(node, SDMX_DIMENSION.refPeriod, period)
    if agent is not None:
        fact.add(node, KZL.reportingBody, agent)
        report = report_node(ex, agent)
        if report in ex.draft.facts:
            fact.add(node, PROV.wasGeneratedBy, report)
    fact.add(node, SDMX_MEASURE.obsValue, _value(figure))
    fact.add(node, SDMX_ATTRIBUTE.unitMeasure, UNITS.get(figure.unit, UNIT.NUM))
    fact.add(node, KZL.statedAs, Literal(figure.stated, lang=ex.lang))
    if figure.qualifier == "more-than":
        fact.add(node, KZL.valueQualifier, mint("concept", "value-qualifier", "more-than"))


def _value(figure: Figure) -> Literal:
    value = figure.value
    if figure.kind == "level" and figure.unit == "NUM" and value == value.to_integral_value():
        return Literal(str(int(value)), datatype=XSD.integer)
    text = str(value.normalize()) if value != value.to_integral_value() else f"{int(value)}.0"
    return Literal(text, datatype=XSD.decimal)


def _words(ex: Extractor, item: Placed, mine: list[Placed]) -> tuple[str, str]:
    """What the figure counts (its noun phrase) and the rest of its clause up to it."""
    text, offset = ex.report.text, item.sentence.start
    figure = item.figure
    before = [p.end for p in mine if p.end <= item.start]
    after = [p.start for p in mine if p.start >= item.end]
    clause_start = max([item.sentence.start, *before])
    clause_end = min([item.sentence.end, *after])
    inside = text[max(item.start - 1, offset) : item.start] == "("
    if inside:  # "наркотических средств (47,2 т)": the words before the parenthesis
        lead = text[clause_start : item.start - 1]
        primary = re.split(r"\)|,|\bвключая\b|\bи\b|\bв том числе\b|\bоның ішінде\b", lead)[-1]
        primary = " ".join((primary or lead).split()[-4:])
    elif figure.noun_start is not None:  # "148 каналов поставки": the words after the number
        tail = text[offset + figure.noun_start : clause_end]
        primary = re.split(r"[,;.()]|\s[–—-]\s|\s(?:и|және|а также)\s", tail)[0]
        primary = " ".join(primary.split()[:5])
    else:  # "Наркопреступлений зарегистрировано 5 912 (–9%)": the words before it
        primary = _subject(ex, text[clause_start : item.start])
        if not primary:  # "из них свыше 1,1 тыс. – факты сбыта наркотиков": after a dash
            dash = re.match(r"\s*[–—-]\s*([^,;.()]+)", text[item.end : clause_end])
            primary = " ".join(dash.group(1).split()[:5]) if dash else ""
    # The rest of the clause up to the figure: its verb ("изъяты", "привлечено"), not the
    # words of the figures after it ("в том числе три транснациональных").
    clause = clause_of(item.sentence, item.start - offset)
    clause_at = item.sentence.text.find(clause)
    # Kazakh puts the verb last ("… 3,2 кг синтетикалық есірткі … тәркіленді"): its whole clause.
    context = clause if ex.lang == "kk" else clause[: max(0, item.start - offset - clause_at)]
    parent = _parent(ex, item, mine)
    if parent is not None:  # "в том числе 23 несовершеннолетних": minors among the victims
        context = f"{context} {_words(ex, parent, mine)[0]}"
    return primary, context


# Words around a figure that say nothing about what it counts: linking verbs, "из них".
_LINKING = re.compile(
    r"(?:\s|^)(?:составил\w*|составляет|достиг\w*|превысил\w*|насчитыва\w*|зарегистрирован\w*"
    r"|выявлен\w*|проведен\w*|из\s+них|в\s+том\s+числе|включая|болды|құрады|тіркелді)\s*$",
    re.I,
)


def _subject(ex: Extractor, lead: str) -> str:
    """The noun phrase before a figure, without the linking verb that joins them."""
    lead = re.split(r"[;:()]|\s[–—-]\s", lead)[-1].strip(" ,")
    while True:
        cut = _LINKING.sub("", lead).strip(" ,")
        if cut == lead:
            break
        lead = cut
    return " ".join(lead.split()[-8:])


def _parent(ex: Extractor, item: Placed, mine: list[Placed]) -> Placed | None:
    """The figure a part belongs to: the sentence's first figure, when a "включая" precedes."""
    marker = PARTS.search(item.sentence.text)
    if marker is None or item.start < item.sentence.start + marker.start():
        return None
    heads = [p for p in mine if p.end <= item.sentence.start + marker.start()
             and p.figure.kind == "level"]  # fmt: skip
    return heads[0] if heads and heads[0] is not item else None


def clause_of(sentence: Sentence, at: int) -> str:
    """The clause of ``sentence`` containing offset ``at`` (relative to the sentence)."""
    bounds = [0, *(m.end() for m in CLAUSE.finditer(sentence.text)), len(sentence.text) + 1]
    for start, end in itertools.pairwise(bounds):
        if start <= at < end:
            return sentence.text[start:end]
    return sentence.text


def _new_indicator(
    ex: Extractor, name: str, sentence: Sentence, *, avoid: URIRef | None = None
) -> URIRef:
    iri = mint("concept", "indicator", slug(name, max_words=6))
    if iri == avoid:  # the same words name two figures: the second is told apart by its place
        iri = mint("concept", "indicator", f"{slug(name, max_words=6)}-{sentence.index}")
    fact, made = ex.draft.fact("entity", iri, f"New indicator: {name}", sentence, 0.5)
    if made:
        fact.types(iri, SKOS.Concept)
        fact.add(iri, SKOS.inScheme, mint("scheme", "indicator"))
        fact.add(iri, SKOS.prefLabel, Literal(name, lang=ex.lang))
        fact.add(iri, RDFS.label, Literal(name, lang=ex.lang))
    return iri


def _area(ex: Extractor, sentence: Sentence) -> URIRef:
    """Kazakhstan (ISO 3166 kz): the figures are a Kazakh body's, for the country."""
    iri = mint("area", "kz")
    if not ex.ref.knows(iri):
        fact, made = ex.draft.fact("entity", iri, "Area: Kazakhstan", sentence, 0.9)
        if made:
            fact.types(iri, *TYPES["area"])
            for lang, name in (("en", "Kazakhstan"), ("ru", "Казахстан"), ("kk", "Қазақстан")):
                fact.add(iri, RDFS.label, Literal(name, lang=lang))
    return iri


PERIOD_RU = re.compile(
    r"(?:за\s+)?((?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
    r"\s*[–—-]\s*\w+\s+\d{4}\s+год\w*|\d+\s+месяц\w*\s+\d{4}\s+год\w*|\d{4}\s+год\w*)",
    re.I,
)
PERIOD_KK = re.compile(r"(\d{4}\s+жылдың\s+\w+\s*[–—-]\s*\w+|\d{4}\s+жылдың\s+\d+\s+ай\w*)", re.I)


def _period(ex: Extractor, sentence: Sentence) -> URIRef:
    """The period the sentence's figures cover when stated, else ``id/period/unstated``."""
    for candidate in (sentence, *ex.sentences):
        found = (PERIOD_RU if ex.lang == "ru" else PERIOD_KK).search(candidate.text)
        if found and re.search(r"[–—-]|месяц|ай", found.group(1)):
            stated = found.group(1)
            iri = mint("period", slug(stated))
            if not ex.ref.knows(iri):
                fact, made = ex.draft.fact("entity", iri, f"Period: {stated}", candidate, 0.7)
                if made:
                    fact.types(iri, *TYPES["period"])
                    fact.add(iri, RDFS.label, Literal(stated, lang=ex.lang))
            return iri
    iri = mint("period", "unstated")
    if not ex.ref.knows(iri):
        fact, made = ex.draft.fact("entity", iri, "Period: not stated", sentence, 0.9)
        if made:
            fact.types(iri, *TYPES["period"])
            fact.add(
                iri, RDFS.label, Literal("Reporting period not stated by the source", lang="en")
            )
    return iri


def link_parts(
    ex: Extractor, sentence: Sentence, levels: list[Placed], before: list[Placed]
) -> None:
    """Figures after "включая" are parts of the sentence's first figure of the same unit; a
    sentence that opens with "В том числе" continues the one ``before`` it."""
    marker = PARTS.search(sentence.text)
    if marker is None:
        return
    at = sentence.start + marker.start()
    heads = [p for p in levels if p.end <= at]
    if not heads and not sentence.text[: marker.start()].strip(' «"('):
        heads = before
    if not heads:
        return
    head = heads[0]
    for part in levels:
        if (
            part.start > at and part.figure.unit == head.figure.unit
            and part.node and head.node and part.node != head.node
        ):  # fmt: skip
            ex.draft.facts[part.node].add(part.node, KZL.partOf, head.node)
