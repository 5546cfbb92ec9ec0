"""The law-enforcement actions reported figures measure, and the order figures are read in.

A figure whose clause says what was done ("изъяты", "пресечено", "заблокировано") quantifies
that action; one action per kind and sentence. A sentence naming an action without figures
("Реализован комплекс оперативных мероприятий") proposes it too, and preventive work so named
frames the figures of its paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDFS

from kg.ingest.draft import TYPES
from kg.ingest.indicators import IndicatorIndex
from kg.ingest.observations import (
    Placed,
    clause_of,
    dataset_of,
    find,
    link_parts,
    observe,
    observe_change,
    reporting_body,
)
from kg.ingest.text import Sentence, speaker_start
from kg.ingest.translit import slug
from kg.ingest.triggers import trigger
from kg.iris import mint
from kg.namespaces import KZL

if TYPE_CHECKING:
    from kg.ingest.propose import Extractor


# (class, trigger): the first trigger in a figure's clause says which action it measures.
ACTIONS = (
    ("CriminalProsecution", trigger(
        r"привлечен\w*\s+(?:\w+\s+){0,3}?к\s+(?:уголовной\s+)?ответственност"
        r"|к\s+(?:уголовной\s+)?ответственности\s+(?:\w+\s+){0,4}?привлечен"
        r"|возбужден\w*\s+(?:\w+\s+){0,3}?(?:уголовн\w+\s+)?дел"
        r"|начат\w*\s+(?:\w+\s+){0,2}?расследовани"
        r"|вын[её]с\w*\s+(?:\w+\s+){0,2}?приговор|\bосужден\w*|\bприговорил\w*",
        r"жауапкершілікке\s+тартыл|қылмыстық\s+іс\w*\s+(?:\w+\s+){0,2}?қозғал"
        r"|тергеп-тексеру\w*\s+(?:\w+\s+){0,2}?басталды|үкім\s+шығар\w*|сотталды")),
    ("LawEnforcementAction", trigger(
        r"\bзадержан\w*|\bзадержал\w*", r"\bұсталды|\bұстады|\bұсталған|қамауға\s+алын")),
    ("Seizure", trigger(r"\bизъя(?:т|ли|ло|ты|ти)\w*", r"тәркіле\w*|алып\s+қойыл\w*")),
    ("Suppression", trigger(
        r"(?:пресеч|ликвидир|ликвидац)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:деятельност|групп|канал|лаборатор|наркосет|сет|притон|культивир|факт)"
        r"|(?:деятельност|групп|канал|лаборатор|наркосет|притон)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:был[аио]?\s+)?(?:пресечен|ликвидирован)",
        r"(?:топ|арна|зертхана|желі)\w*\s+(?:\w+\s+){0,2}?(?:жолы\s+кесіл|жойыл|әшкерелен)")),
    ("AccountBlocking", trigger(r"заблокирован|блокирован", r"бұғатта")),
    ("ControlledDelivery", trigger(r"контролируем\w*\s+постав", r"бақыланатын\s+жеткізіл")),
    ("MaterialsTransfer", trigger(r"направлен\w*\s+материал", r"материал\w*\s+жіберіл")),
    ("OperationalMeasures", trigger(r"оперативн\w*\s+мероприяти", r"жедел\s+іс-шара")),
    ("PreventiveWork", trigger(r"профилактическ\w*\s+работ", r"профилактикалық\s+жұмыс")),
)  # fmt: skip
ADDRESSEE = re.compile(r"в\s+адрес\s+|мекенжайына|органдарына", re.I)


def propose_figures(ex: Extractor) -> None:
    """Observations for every figure, and the actions and report they belong to."""
    placed = find(ex)
    if not placed:
        return
    body = reporting_body(ex)
    agent = ex.agent(body[0], body[1]) if body else None
    dataset = dataset_of(ex, agent)
    index = IndicatorIndex(ex.ref.indicators, ex.ref.topics)
    frame: dict[int, URIRef] = {}  # paragraph → its "профилактическая работа" action
    before: list[Placed] = []  # the levels of the sentence before, in the same paragraph
    for sentence in ex.sentences:
        mine = [p for p in placed if p.sentence is sentence]
        _frame(ex, sentence, mine, frame)
        levels: list[Placed] = []
        for item in mine:
            figure = item.figure
            if figure.kind == "relative-change":
                continue
            item.node = observe(ex, item, dataset, agent, index, mine)
            levels.append(item)
        for item in mine:
            if item.figure.kind == "relative-change" and item.figure.change_of is not None:
                level = mine[item.figure.change_of] if item.figure.change_of < len(mine) else None
                if level is not None and level.node is not None:
                    item.node = observe_change(ex, item, level, dataset, agent)
        link_parts(ex, sentence, levels, before)
        _actions(ex, sentence, mine, frame)
        following = ex.sentences[sentence.index + 1 : sentence.index + 2]
        same = bool(following) and following[0].paragraph == sentence.paragraph
        before = levels if same else []


def _frame(ex: Extractor, sentence: Sentence, mine: list[Placed], frame: dict[int, URIRef]) -> None:
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
    if ex.lang == "kk":  # the trigger word, or the verb right after it, is finite or a participle
        after = sentence.text[found.end() :].split()[:1]
        words = [found.group().split()[-1], *after]
        return any(re.search(r"(?:ды|ді|ты|ті|ған|ген|қан|кен|нды|нді)[.,]?$", w) for w in words)
    from kg.qa.lexicon import morph

    for word in re.findall(r"[а-яё]+", sentence.text.lower()):
        tags = {str(p.tag) for p in morph().parse(word)[:2]}
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
        clause = clause_of(sentence, item.start - sentence.start)
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
    told = mint("activity", f"{key}-work-{ex.reported}")
    if told in ex.draft.facts and node not in ex.draft.facts:
        # "Суд вынес приговор …" then "осуждены 6 человек": the figures measure the action
        # an earlier sentence told without them.
        node = told
    fact = ex.activity(node, (getattr(KZL, cls), KZL.LawEnforcementAction),
                       f"{cls} (reported)", sentence, 0.75)  # fmt: skip
    ex.situate(fact, node, sentence)
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
