"""Question → intent, query name and bound IRIs, by keyword patterns per language.

Nothing here touches the store: entities come from the in-memory ``Lexicon`` and every bound
value is an IRI that the graph (or the ontology) states. User text never reaches a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.qa.lexicon import Lexicon, Mention, detect_lang

ID = "https://w3id.org/kz-legal-kg/id/"
KZL = "https://w3id.org/kz-legal-kg/def#"
ROLE = ID + "concept/role/"
INDICATOR = ID + "concept/indicator/"

Patterns = dict[str, str]  # lang → regex


def _compile(patterns: Patterns) -> dict[str, re.Pattern[str]]:
    return {lang: re.compile(rx, re.IGNORECASE) for lang, rx in patterns.items()}


YES_NO = _compile(
    {
        "en": r"^\s*(did|was|were|has|have|is|does)\b.*\b(t[ao]ke?n?|taking)\s+part\b"
        r"|^\s*(did|was|were|has|have|is|does)\b.*\b(participat\w*|attend\w*|present|involved)\b",
        "ru": r"участвовал\w*\s+ли|\bли\b.*участ|принимал\w*\s+ли|приняли?\s+ли|"
        r"присутствовал\w*\s+ли",
        "kk": r"қатыс\w*\s*(ма|ме|ба|бе|па|пе)\b",
    }
)
OUTLET = _compile(
    {
        "en": r"\boutlets?\b|\bmedia\b|\bpublish\w*|\bnewspapers?\b|\bwhich (site|publication)s?\b",
        "ru": r"\bсми\b|издани\w*|опубликова\w*|какие сайты",
        "kk": r"басылым\w*|жариял\w*|\bбақ\b",
    }
)
PARTICIPANTS = _compile(
    {
        "en": r"\bwhich (bodies|organi[sz]ations|agencies|institutions|participants)\b"
        r"|\bwho (took part|participated|attended|was present|were present)\b|\bparticipants?\b",
        "ru": r"как\w* (органы|ведомства|организации|участники)|кто (участвовал|принимал участие|"
        r"присутствовал)|участник\w*|кто (был|были) на",
        "kk": r"қандай (органдар|ұйымдар)|кімдер қатысты|кім қатысты|қатысушы\w*",
    }
)
WHO = _compile(
    {
        "en": r"\bwho\b|\bwhom\b|\bwhich (person|body|agency|official)\b",
        "ru": r"\bкто\b|\bкем\b|\bчь\w+|\bкого\b|какой орган",
        "kk": r"\bкім\w*|қай орган",
    }
)
# Checked in this order: the first role whose verb occurs in a "who" question is asked about.
ROLE_VERBS: list[tuple[str, dict[str, re.Pattern[str]]]] = [
    (
        "signatory",
        _compile({"en": r"\bsign(ed|s)?\b", "ru": r"подписа\w*", "kk": r"қол қой\w*"}),
    ),
    (
        "chair",
        _compile(
            {
                "en": r"\bchair\w*|\bpresided\b|\bpresiding\b",
                "ru": r"председател\w*|возглавля\w*",
                "kk": r"төраға\w*",
            }
        ),
    ),
    (
        "host",
        _compile(
            {
                "en": r"\bhost\w*|\bwhere was\b.*\bheld\b",
                "ru": r"принимающ\w*|где (прошло|проходило|состоялось)|\bв ком\b",
                "kk": r"қабылда\w*|қайда өт\w*",
            }
        ),
    ),
    ("convener", _compile({"en": r"\bconven\w*", "ru": r"созва\w*|созыва\w*", "kk": r"шақыр\w*"})),
    ("ratifier", _compile({"en": r"\bratif\w*", "ru": r"ратифицир\w*", "kk": r"ратификация\w*"})),
    ("approver", _compile({"en": r"\bapprov\w*", "ru": r"одобри\w*", "kk": r"мақұлда\w*"})),
    (
        "developer",
        _compile(
            {
                "en": r"\bdevelop\w*|\bcreat\w*|\bbuil[td]\b",
                "ru": r"разработ\w*|созда\w*",
                "kk": r"әзірле\w*|жасады\w*",
            }
        ),
    ),
    (
        "initiator",
        _compile({"en": r"\binitiat\w*", "ru": r"инициатив\w*|инициирова\w*", "kk": r"бастама\w*"}),
    ),
    (
        "reporter",
        _compile({"en": r"\breport\w*", "ru": r"отчита\w*|доложи\w*", "kk": r"есеп бер\w*"}),
    ),
    ("visitor", _compile({"en": r"\bvisit\w*", "ru": r"визит\w*|посети\w*", "kk": r"сапар\w*"})),
]
AMEND = _compile(
    {
        "en": r"\bamend\w*",
        "ru": r"поправк\w*|изменени\w*|изменен\w*|внесен\w*|внес\b",
        "kk": r"түзету\w*|өзгеріс\w*|өзгерт\w*",
    }
)
WHEN = _compile(
    {
        "en": r"\bwhen\b|\bwhat date\b|\bwhich date\b|\bdate of\b",
        "ru": r"\bкогда\b|какого числа|\bдата\b|\bдату\b",
        "kk": r"\bқашан\b|қай күні|\bкүні\b",
    }
)
HOW_MANY = _compile(
    {
        "en": r"\bhow (many|much)\b|\bnumber of\b|\bamount of\b|\bfigures?\b|\bstatistic\w*",
        "ru": r"\bсколько\b|количеств\w*|\bчисло\b|\bобъем\w*|\bобъём\w*|статистик\w*",
        "kk": r"\bқанша\b|\bнеше\b|\bсаны\b|статистика\w*",
    }
)
TOOLS = _compile(
    {
        "en": r"\btools?\b|\bsoftware\b|\bapplications?\b",
        "ru": r"инструмент\w*",
        "kk": r"құрал\w*",
    }
)
DIRECTIVES = _compile(
    {
        "en": r"\binstruct\w*|\bdirectives?\b|\btasked\b|\border(ed|s)\b",
        "ru": r"поруч\w*|указани\w*",
        "kk": r"тапсыр\w*|нұсқау\w*",
    }
)
PARTIES = _compile(
    {"en": r"\bpart(y|ies)\b", "ru": r"\bсторон\w*", "kk": r"\bтарап\w*"},
)
ACTIVITIES = _compile(
    {
        "en": r"\bwhat (did|does|has|have|do)\b.*\b(do|done|doing)\b|\bactivit\w*|\bwhat role\w*",
        "ru": r"\bчто (сделал\w*|делал\w*|делает|делают)|\bчем занима\w*|деятельност\w*|"
        r"\bкакую роль\b",
        "kk": r"\bне істе\w*|\bне жаса\w*|қызмет\w*",
    }
)

# "How many" subjects: the first pattern found chooses an indicator or a kind of activity.
FIGURES: list[tuple[str, str, str]] = [
    ("indicator", "minors-prosecuted", r"\bminor|несовершеннолет|кәмелетке"),
    ("indicator", "seized-cocaine", r"cocaine|кокаин"),
    ("indicator", "seized-synthetic-substances", r"synthetic|синтет"),
    ("indicator", "seized-precursors", r"precursor|прекурсор"),
    ("indicator", "drug-graffiti-removed", r"graffiti|граффити"),
    ("indicator", "drug-accounts-blocked", r"\baccount|наркосч|\bсчет|\bсчёт|шот"),
    ("indicator", "underground-labs-liquidated", r"\blab|лаборатор|зертхана"),
    ("indicator", "illegal-cultivation-cases", r"cultivat|культивир|өсір"),
    ("indicator", "supply-channels-suppressed", r"channel|канал|арна"),
    ("indicator", "external-controlled-deliveries", r"controlled|контролируем|бақыланатын"),
    ("indicator", "transnational-groups-suppressed", r"transnational|транснационал|трансұлт"),
    ("indicator", "organised-groups-suppressed", r"\bgroup|\bопг\b|групп|\bтоп"),
    ("indicator", "preventive-events", r"\bevents?\b|мероприят|іс-шара|prevent|профилакт"),
    ("indicator", "foreign-states-sent-materials", r"states|countr|государств|мемлекет"),
    ("indicator", "drug-sales-crimes", r"\bsale|\bsell|\bsold|сбыт|өткіз"),
    ("activity", "Seizure", r"seiz|confiscat|изъя|тәркі|алып қой"),
    ("activity", "CriminalProsecution", r"prosecut|liabilit|привлеч|уголовн|жауапқа"),
    ("indicator", "drug-crimes", r"crime|преступлен|наркопреступ|қылмыс"),
]

# Common nouns that name the one instance of a class, when the graph holds exactly one.
DEFINITE: list[tuple[str, str, dict[str, re.Pattern[str]]]] = [
    (
        KZL + "InternationalAgreement",
        "work",
        _compile({"en": r"\b(agreement|treaty)\b", "ru": r"соглашени\w*", "kk": r"келісім\w*"}),
    ),
    (
        KZL + "Meeting",
        "event",
        _compile({"en": r"\bmeeting\b", "ru": r"заседани\w*", "kk": r"отырыс\w*"}),
    ),
]

AGENT_KINDS = frozenset({"person", "agent", "outlet"})
EVENT_WORDS = re.compile(r"\b(meeting|session|заседани\w*|совещани\w*|отырыс\w*)\b", re.I)


@dataclass
class Interpretation:
    """What a question was understood to ask: the query to run and its bound IRIs."""

    text: str
    lang: str
    intent: str | None
    query: str | None = None
    bindings: dict[str, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    subject: str | None = None  # what a figure question is about (indicator or activity class)
    missing: str | None = None  # the words naming something the graph does not hold


def _first(mentions: list[Mention], kinds: frozenset[str] | set[str]) -> Mention | None:
    return next((m for m in mentions if m.kind in kinds), None)


def _search(patterns: dict[str, re.Pattern[str]], text: str, lang: str) -> re.Match[str] | None:
    pattern = patterns.get(lang)
    return pattern.search(text) if pattern else None


FILLER = re.compile(
    r"^(the|an?|in|of|at|on|to|do|did|does|done|doing|what|part|take|took|taken|has|have|was|"
    r"were|participat\w*|attend\w*|present|в|во|на|ли|и|что|о|по|чем|сделал\w*|делал\w*|"
    r"делает|делают|участв\w*|принима\w*|принял\w*|участие|занима\w*|мен|және|не|істе\w*|"
    r"қатыс\w*|ма|ме|ба|бе|when|signed|adopted|amended|how|many|much|когда|подписан\w*|"
    r"принят\w*|қашан|қол|қойылды|who|кто|кім)$",
    re.IGNORECASE,
)


def _leftover(text: str, mentions: list[Mention]) -> str:
    """The stretch of the question left once names, question words and event words are out."""
    covered = [(m.start, m.end) for m in mentions]
    covered += [(hit.start(), hit.end()) for hit in EVENT_WORDS.finditer(text)]
    spans = [
        (word.start(), word.end())
        for word in re.finditer(r"\w+(?:[-'’]\w+)*", text)
        if not FILLER.match(word.group())
        and not any(start <= word.start() < end for start, end in covered)
    ]
    return text[spans[0][0] : spans[-1][1]] if spans else ""


def _definite(
    text: str, lang: str, mentions: list[Mention], singletons: dict[str, str]
) -> list[Mention]:
    """Mentions of the one agreement or meeting by a common noun, where none is named."""
    extra = []
    for cls, kind, patterns in DEFINITE:
        hit = _search(patterns, text, lang)
        if hit is None or cls not in singletons or _first(mentions, {kind}) is not None:
            continue
        if any(m.start <= hit.start() < m.end for m in mentions):
            continue
        extra.append(Mention(singletons[cls], kind, hit.start(), hit.end(), hit.group(), True))
    return extra


def match(
    text: str,
    lexicon: Lexicon,
    lang: str | None = None,
    singletons: dict[str, str] | None = None,
) -> Interpretation:
    """Understand a question: its language, intent, entities and the query to answer it.

    ``singletons`` maps a class to its only instance, so that "the agreement" can name it.
    """
    # "изменён" and "изменен" are one word; the swap keeps every offset in place.
    text = text.replace("ё", "е").replace("Ё", "Е")
    lang = lang or detect_lang(text)
    named = lexicon.find(text, lang)
    mentions = named + _definite(text, lang, named, singletons or {})
    found = Interpretation(text=text, lang=lang, intent=None, mentions=mentions)
    agent = _first(mentions, AGENT_KINDS)
    event = _first(mentions, {"event"})
    work = _first(mentions, {"work"})
    tool = _first(mentions, {"tool"})

    def need_agent(intent: str, query: str) -> Interpretation:
        found.intent, found.query = intent, query
        if agent is None:
            found.query = None
            found.missing = _leftover(text, mentions) or text.strip()
        return found

    if _search(YES_NO, text, lang):
        need_agent("took-part", "qa-took-part")
        if agent is not None:
            found.bindings["agent"] = agent.iri
            if event is not None:
                found.bindings["meeting"] = event.iri
        return found

    outlet = _first(mentions, {"outlet"})
    if _search(OUTLET, text, lang) or (outlet is not None and agent is outlet):
        found.intent, found.query = "outlet-reports", "qa-outlet-reports"
        if outlet is not None:
            found.bindings["outlet"] = outlet.iri
        return found

    if _search(PARTICIPANTS, text, lang) and not _search(YES_NO, text, lang):
        found.intent, found.query = "participants", "qa-participants"
        if event is not None:
            found.bindings["meeting"] = event.iri
        return found

    if _search(WHO, text, lang):
        for role, patterns in ROLE_VERBS:
            if _search(patterns, text, lang):
                found.intent, found.query, found.role = "role-holders", "qa-role-holders", role
                found.bindings["role"] = ROLE + role
                # "the agreement" (the graph's only one) counts as naming it.
                target = _first(mentions, {"event", "work", "tool"})
                if target is not None:
                    found.bindings["subject"] = target.iri
                return found

    if _search(AMEND, text, lang):
        found.intent, found.query = "amendments", "qa-amendments"
        if work is not None:
            found.bindings["amended"] = work.iri
        return found

    if _search(WHEN, text, lang):
        found.intent, found.query = "dates", "qa-dates"
        target = work or event
        if target is None:
            found.query = None
            found.missing = _leftover(text, mentions) or text.strip()
        else:
            found.bindings["work"] = target.iri
        return found

    if _search(HOW_MANY, text, lang):
        found.intent = "figures"
        low = text.lower()
        for mode, key, pattern in FIGURES:
            if re.search(pattern, low):
                if mode == "indicator":
                    found.query, found.subject = "qa-figures-by-indicator", INDICATOR + key
                    found.bindings["indicator"] = INDICATOR + key
                else:
                    found.query, found.subject = "qa-figures-by-activity", KZL + key
                    found.bindings["activityType"] = KZL + key
                return found
        found.missing = _leftover(text, mentions) or text.strip()
        return found

    if _search(TOOLS, text, lang) or (tool is not None and agent is None):
        found.intent, found.query = "tools", "qa-tools"
        if tool is not None:
            found.bindings["tool"] = tool.iri
        return found

    if _search(DIRECTIVES, text, lang):
        found.intent, found.query = "directives", "qa-directives"
        if agent is not None:
            found.bindings["addressee"] = agent.iri
        return found

    if _search(PARTIES, text, lang):
        found.intent, found.query = "parties", "qa-parties"
        if work is not None:
            found.bindings["agreement"] = work.iri
        return found

    if _search(ACTIVITIES, text, lang) or (agent is not None and len(mentions) == 1):
        need_agent("activities", "qa-body-activities")
        if agent is not None:
            found.bindings["agent"] = agent.iri
        return found

    found.missing = None
    return found
