"""Figures as observations, and the law-enforcement actions they measure.

Every figure becomes a ``qb:Observation`` of the reporting body's dataset: indicator (kg.ingest.
indicators), value and QUDT unit, ``kzl:valueQualifier`` for "свыше"/"более", ``kzl:statedAs``
as written, a relative change as its own observation ``kzl:changeOf`` its level, and the figures
after "включая"/"в том числе"/"оның ішінде" ``kzl:partOf`` the first figure of their sentence.
A figure whose clause says what was done ("изъяты", "пресечено", "заблокировано") quantifies
that action; one action per kind and sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS, SKOS, XSD

from kg.ingest.draft import TYPES, Fact
from kg.ingest.events import (
    REPORTING,
    paragraph_speaker,
    report_node,
    reporter,
    speaker_start,
    trigger,
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

# (class, trigger): the first trigger in a figure's clause says which action it measures.
ACTIONS = (
    ("CriminalProsecution", trigger(
        r"привлечен\w*\s+(?:\w+\s+){0,3}?к\s+(?:уголовной\s+)?ответственност"
        r"|к\s+(?:уголовной\s+)?ответственности\s+(?:\w+\s+){0,4}?привлечен",
        r"жауапкершілікке\s+тартыл")),
    ("Seizure", trigger(r"\bизъя(?:т|ли|ло|ты|ти)\w*", r"тәркіле\w*|алып\s+қойыл\w*")),
    ("Suppression", trigger(
        r"(?:пресеч|ликвидир|ликвидац)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:деятельност|групп|канал|лаборатор|наркосет|сет|притон|культивир|факт)",
        r"(?:топ|арна|зертхана|желі)\w*\s+(?:\w+\s+){0,2}?(?:жолы\s+кесіл|жойыл|әшкерелен)")),
    ("AccountBlocking", trigger(r"заблокирован|блокирован", r"бұғатта")),
    ("ControlledDelivery", trigger(r"контролируем\w*\s+постав", r"бақыланатын\s+жеткізіл")),
    ("MaterialsTransfer", trigger(r"направлен\w*\s+материал", r"материал\w*\s+жіберіл")),
    ("OperationalMeasures", trigger(r"оперативн\w*\s+мероприяти", r"жедел\s+іс-шара")),
    ("PreventiveWork", trigger(r"профилактическ\w*\s+работ", r"профилактикалық\s+жұмыс")),
)  # fmt: skip
PARTS = re.compile(r"включая|в\s+том\s+числе|из\s+них|оның\s+ішінде|соның\s+ішінде", re.I)
ADDRESSEE = re.compile(r"в\s+адрес\s+|мекенжайына|органдарына", re.I)
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


def propose_figures(ex: Extractor) -> None:
    """Observations for every figure, and the actions and report they belong to."""
    placed = find(ex)
    if not placed:
        return
    body = _reporting_body(ex)
    agent = ex.agent(body[0], body[1]) if body else None
    dataset = _dataset(ex, agent)
    index = IndicatorIndex(ex.ref.indicators, ex.ref.topics)
    frame: dict[int, URIRef] = {}  # paragraph → its "профилактическая работа" action
    for sentence in ex.sentences:
        mine = [p for p in placed if p.sentence is sentence]
        _frame(ex, sentence, mine, frame)
        levels: list[Placed] = []
        for n, item in enumerate(mine):
            figure = item.figure
            if figure.kind == "relative-change":
                continue
            item.node = _observation(ex, item, dataset, agent, index, mine)
            levels.append(item)
        for item in mine:
            if item.figure.kind == "relative-change" and item.figure.change_of is not None:
                level = mine[item.figure.change_of] if item.figure.change_of < len(mine) else None
                if level is not None and level.node is not None:
                    item.node = _change(ex, item, level, dataset, agent)
        _parts(ex, sentence, levels)
        _actions(ex, sentence, mine, frame)


def find(ex: Extractor) -> list[Placed]:
    placed = []
    for sentence in ex.sentences:
        skip = [(d.start - sentence.start, d.end - sentence.start) for d in ex.dates[sentence.index]]
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


def _reporting_body(ex: Extractor) -> tuple[Mention, Sentence] | None:
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


def _dataset(ex: Extractor, agent: URIRef | None) -> URIRef:
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


def _observation(
    ex: Extractor, item: Placed, dataset: URIRef, agent: URIRef | None,
    index: IndicatorIndex, mine: list[Placed],
) -> URIRef:  # fmt: skip
    figure, sentence = item.figure, item.sentence
    primary, context = _words(ex, item, mine)
    match = index.best(primary, context, ex.lang, _document_words(ex))
    if match.concept is not None:
        indicator = match.concept.iri
        name = match.concept.labels.get(ex.lang, primary)
        confidence = min(0.95, 0.5 + match.score / 10)
    else:
        name = primary.strip(" ,.;:()") or figure.stated
        indicator = _new_indicator(ex, name, sentence)
        confidence = 0.5
    area, period = _area(ex, sentence), _period(ex, sentence)
    node = mint("obs", str(dataset).rsplit("/", 1)[-1], "kz", str(period).rsplit("/", 1)[-1],
                str(indicator).rsplit("/", 1)[-1])  # fmt: skip
    fact, made = ex.draft.fact("figure", node, f"{name}: {figure.stated}", sentence, confidence)
    if made:
        _measure(ex, fact, node, figure, dataset, agent, area, period, name)
        fact.add(node, KZL.indicator, indicator)
        fact.add(node, KZL.valueKind, mint("concept", "value-kind", "level"))
    return node


def _change(
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
        fact.add(node, KZL.indicator, graph.value(level.node, KZL.indicator))
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
            tail = re.match(r"\s*[–—-]\s*([^,;.()]+)", text[item.end : clause_end])
            primary = " ".join(tail.group(1).split()[:5]) if tail else ""
    # The rest of the clause up to the figure: its verb ("изъяты", "привлечено"), not the
    # words of the figures after it ("в том числе три транснациональных").
    clause = _clause(item.sentence, item.start - offset)
    clause_at = item.sentence.text.find(clause)
    context = clause[: max(0, item.start - offset - clause_at)]
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


def _document_words(ex: Extractor) -> frozenset[str]:
    from kg.ingest.reference import content_words

    if not hasattr(ex, "_document_words"):
        body = " ".join(s.text for s in ex.sentences)
        setattr(ex, "_document_words", content_words(body, ex.lang))  # noqa: B010
    words: frozenset[str] = getattr(ex, "_document_words")  # noqa: B009
    return words


def _clause(sentence: Sentence, at: int) -> str:
    """The clause of ``sentence`` containing offset ``at`` (relative to the sentence)."""
    bounds = [0, *(m.end() for m in CLAUSE.finditer(sentence.text)), len(sentence.text) + 1]
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start <= at < end:
            return sentence.text[start:end]
    return sentence.text


def _new_indicator(ex: Extractor, name: str, sentence: Sentence) -> URIRef:
    iri = mint("concept", "indicator", slug(name, max_words=6))
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
            fact.add(iri, RDFS.label, Literal("Reporting period not stated by the source", lang="en"))
    return iri


def _parts(ex: Extractor, sentence: Sentence, levels: list[Placed]) -> None:
    """Figures after "включая" are parts of the sentence's first figure of the same unit."""
    marker = PARTS.search(sentence.text)
    if marker is None or len(levels) < 2:
        return
    at = sentence.start + marker.start()
    heads = [p for p in levels if p.end <= at]
    if not heads:
        return
    head = heads[0]
    for part in levels:
        if part.start > at and part.figure.unit == head.figure.unit and part.node and head.node:
            ex.draft.facts[part.node].add(part.node, KZL.partOf, head.node)


def _frame(
    ex: Extractor, sentence: Sentence, mine: list[Placed], frame: dict[int, URIRef]
) -> None:
    """A sentence that names an action but gives no figure ("Реализован комплекс оперативных
    мероприятий") proposes it; preventive work so named frames its paragraph's figures."""
    if any(p.figure.kind == "level" for p in mine) or _not_a_report(ex, sentence):
        return
    hits = [(m.start(), cls, m) for cls, t in ACTIONS if (m := t.search(sentence.text, ex.lang))]
    if not hits:
        return
    at, cls, found = min(hits, key=lambda hit: hit[0])
    if not _done(ex, sentence, cls, found):
        return
    node = _action(ex, sentence, cls, at, "work")
    if cls == "PreventiveWork":
        frame[sentence.paragraph] = node


def _done(ex: Extractor, sentence: Sentence, cls: str, found: re.Match[str]) -> bool:
    """Whether the sentence tells of an action done or going on, not of a matter in general
    ("кірістерді тәркілеу мәселелері" names seizure; it does not report one)."""
    if ex.lang == "kk":  # the trigger word itself is a finite or participle form
        last = found.group().split()[-1]
        return re.search(r"(?:ды|ді|ты|ті|ған|ген|қан|кен|нды|нді)$", last) is not None
    from kg.qa.lexicon import _morph

    for word in re.findall(r"[а-яё]+", sentence.text.lower()):
        tags = {str(p.tag) for p in _morph().parse(word)[:2]}
        if any("PRTS" in t or ("VERB" in t and "INFN" not in t) for t in tags):
            return True
    return False


def _not_a_report(ex: Extractor, sentence: Sentence) -> bool:
    """Instructions, statements and laws name actions to come or in general, not ones done."""
    from kg.ingest.events import INSTRUCTING, STATEMENT

    return bool(
        INSTRUCTING.search(sentence.text, ex.lang)
        or STATEMENT.search(sentence.text, ex.lang)
        or re.search(r"\bЗакон|\bЗаң|\bкодекс", sentence.text, re.I)
    )


def _actions(
    ex: Extractor, sentence: Sentence, mine: list[Placed], frame: dict[int, URIRef]
) -> None:
    keys: dict[str, str] = {}  # class → the indicator of its first figure in the sentence
    for item in mine:
        if item.node is None or item.figure.kind != "level":
            continue
        clause = _clause(sentence, item.start - sentence.start)
        clause_at = sentence.text.find(clause)
        hits = [
            (m.start(), cls) for cls, t in ACTIONS
            if (m := t.search(clause, ex.lang)) is not None
        ]  # fmt: skip
        if hits:
            at, cls = min(hits)
            key = keys.setdefault(cls, str(item.node).rsplit("/", 1)[-1])
            node = _action(ex, sentence, cls, clause_at + at, key)
        elif sentence.paragraph in frame:
            node = frame[sentence.paragraph]
            ex.draft.facts[node].cite(sentence)
        else:
            continue
        ex.draft.facts[node].add(node, KZL.quantifiedBy, item.node)
        _plan(ex, sentence, node)


# "По алгоритму "Дестабилизация наркобизнеса в интернет-сети" заблокировано …"
PLAN = re.compile(
    r"(?:по\s+алгоритму|по\s+программе|в\s+рамках\s+(?:алгоритма|программы))\s+[«\"“]([^»\"”]{3,120})[»\"”]"
    r"|[«\"“]([^»\"”]{3,120})[»\"”]\s+(?:алгоритмі|бағдарламасы)\s+(?:бойынша|аясында)",
    re.I,
)


def _plan(ex: Extractor, sentence: Sentence, action: URIRef) -> None:
    """The named algorithm or programme an action followed (prov:used)."""
    match = PLAN.search(sentence.text)
    if match is None:
        return
    name = match.group(1) or match.group(2)
    known = [m for m in ex.mentions[sentence.index] if m.kind == "plan" and not m.new]
    plan = URIRef(known[0].iri) if known else mint("plan", slug(name))
    if known:
        ex.draft.fact("link", plan, f"Names {ex.ref.label(plan, 'en')}", sentence, 0.8)
    elif not ex.ref.knows(plan):
        fact, made = ex.draft.fact("entity", plan, f"New plan: {name}", sentence, 0.8)
        if made:
            fact.types(plan, *TYPES["plan"])
            label = f'Алгоритм "{name}"' if ex.lang == "ru" else f'"{name}" алгоритмі'
            fact.add(plan, RDFS.label, Literal(label, lang=ex.lang))
    ex.draft.facts[action].add(action, PROV.used, plan)


def _action(ex: Extractor, sentence: Sentence, cls: str, at: int, first: str) -> URIRef:
    """The action of class ``cls`` the sentence reports, keyed by its first figure's indicator
    (the same action told twice, in the lead and in the body, is one node)."""
    key = re.sub(r"(?<!^)(?=[A-Z])", "-", cls).lower()
    node = mint("activity", f"{key}-{first}-{ex.reported}")
    fact = ex.activity(node, (getattr(KZL, cls), KZL.LawEnforcementAction),
                       f"{cls} (reported)", sentence, 0.75)  # fmt: skip
    cut = speaker_start(sentence)
    addressee = ADDRESSEE.search(sentence.text, at - 0)
    for mention in ex.agents(sentence, end=cut):
        if mention.kind == "person":
            continue
        if addressee and mention.start >= sentence.start + addressee.start():
            if cls == "MaterialsTransfer":
                fact.role(node, ex.agent(mention, sentence), "addressee")
        elif mention.start < sentence.start + at + 80 and cls != "MaterialsTransfer":
            fact.role(node, ex.agent(mention, sentence), "performer")
    return node


