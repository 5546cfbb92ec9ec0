"""The human-readable parts of an answer, in the question's language (ru, kk, en)."""

from __future__ import annotations

from collections.abc import Callable

from kg.qa.intents import Interpretation

Labeller = Callable[[str, str], str]

UNITS: dict[str, dict[str, str]] = {
    "http://qudt.org/vocab/unit/TONNE": {"en": " t", "ru": " т", "kk": " т"},
    "http://qudt.org/vocab/unit/NUM": {"en": "", "ru": "", "kk": ""},
    "http://qudt.org/vocab/unit/PERCENT": {"en": "%", "ru": "%", "kk": "%"},
}
UNIT_NAMES: dict[str, dict[str, str]] = {
    "http://qudt.org/vocab/unit/TONNE": {"en": "tonnes", "ru": "тонн", "kk": "тонна"},
    "http://qudt.org/vocab/unit/NUM": {"en": "number", "ru": "число", "kk": "саны"},
    "http://qudt.org/vocab/unit/PERCENT": {"en": "percent", "ru": "процентов", "kk": "пайыз"},
}


def unit(iri: str, lang: str) -> str:
    """The unit's name in ``lang`` (tonnes, number, percent), or its IRI's last segment."""
    names = UNIT_NAMES.get(iri)
    return names[lang if lang in names else "en"] if names else iri.rsplit("/", 1)[-1]


def suffix(iri: str, lang: str) -> str:
    """The unit written after a number (" t", "%"), or nothing."""
    return UNITS.get(iri, {}).get(lang, "")


TEMPLATES: dict[str, dict[str, str]] = {
    "took-part": {
        "en": "Whether {agent} took part in {meeting}",
        "ru": "Участвовал ли {agent} в: {meeting}",
        "kk": "{agent} қатысты ма: {meeting}",
    },
    "participants": {
        "en": "Who took part in {meeting}, and in which role",
        "ru": "Кто участвовал в: {meeting}, и в какой роли",
        "kk": "Кім қатысты: {meeting}, қандай рөлде",
    },
    "role-holders": {
        "en": "Who was {role} in {subject}",
        "ru": "Кто был в роли «{role}»: {subject}",
        "kk": "Кім «{role}» болды: {subject}",
    },
    "activities": {
        "en": "What {agent} did: its activities and roles",
        "ru": "Что сделал(а) {agent}: действия и роли",
        "kk": "{agent} не істеді: әрекеттері мен рөлдері",
    },
    "amendments": {
        "en": "Which acts amended {amended}, and when",
        "ru": "Какие акты внесли изменения в: {amended}, и когда",
        "kk": "Қандай актілер өзгеріс енгізді: {amended}, қашан",
    },
    "dates": {
        "en": "When {work} was dated, signed or adopted",
        "ru": "Когда датирован, подписан или принят: {work}",
        "kk": "Қашан қол қойылды немесе қабылданды: {work}",
    },
    "figures": {
        "en": "The reported figures for: {subject}",
        "ru": "Приведённые данные: {subject}",
        "kk": "Келтірілген деректер: {subject}",
    },
    "tools": {
        "en": "Which digital tools: {tool}, and what for",
        "ru": "Какие цифровые инструменты: {tool}, и для чего",
        "kk": "Қандай цифрлық құралдар: {tool}, не үшін",
    },
    "directives": {
        "en": "What was instructed, and to whom: {addressee}",
        "ru": "Что поручено и кому: {addressee}",
        "kk": "Не тапсырылды және кімге: {addressee}",
    },
    "parties": {
        "en": "The parties of {agreement}",
        "ru": "Стороны: {agreement}",
        "kk": "Тараптары: {agreement}",
    },
    "outlet-reports": {
        "en": "What {outlet} reported",
        "ru": "О чём сообщило: {outlet}",
        "kk": "Не хабарлады: {outlet}",
    },
}
ANY = {"en": "any", "ru": "любое", "kk": "кез келген"}
UNKNOWN = {
    "en": "The question was not understood",
    "ru": "Вопрос не распознан",
    "kk": "Сұрақ танылмады",
}


def _pick(table: dict[str, str], lang: str) -> str:
    return table.get(lang, table["en"])


def interpretation(found: Interpretation, label: Labeller) -> str:
    """A short statement of what was understood, in the question's language."""
    lang = found.lang
    if found.intent is None:
        return _pick(UNKNOWN, lang)
    names = {
        key: label(iri, lang)
        for key, iri in {**found.bindings, "subject": found.subject or ""}.items()
        if iri
    }
    if "subject" in found.bindings:
        names["subject"] = label(found.bindings["subject"], lang)
    if found.role:
        names["role"] = label("https://w3id.org/kz-legal-kg/id/concept/role/" + found.role, lang)
    for key in ("agent", "meeting", "subject", "amended", "work", "tool", "addressee"):
        names.setdefault(key, found.missing or _pick(ANY, lang))
    for key in ("agreement", "outlet", "role"):
        names.setdefault(key, _pick(ANY, lang))
    return _pick(TEMPLATES[found.intent], lang).format(**names)


def not_understood(found: Interpretation) -> str:
    """Why no query ran: the words naming something the graph does not hold, or no intent."""
    lang = found.lang
    if found.missing:
        return _pick(
            {
                "en": "The graph holds nothing about “{0}”: no body, person, act or event of "
                "that name is recorded.",
                "ru": "В графе нет сведений о «{0}»: такой орган, лицо, акт или событие не "
                "записаны.",
                "kk": "Графта «{0}» туралы мәлімет жоқ: мұндай орган, тұлға, акт немесе оқиға "
                "жазылмаған.",
            },
            lang,
        ).format(found.missing)
    return _pick(
        {
            "en": "The question was not understood. Try: “Who chaired the meeting of the "
            "Coordination Council?”, “What did the General Prosecutor's Office do?”, “How much "
            "was seized?”",
            "ru": "Вопрос не распознан. Например: «Кто председательствовал на заседании "
            "Координационного совета?», «Что сделала Генпрокуратура?», «Сколько изъято?»",
            "kk": "Сұрақ танылмады. Мысалы: «Бас прокуратура не істеді?», «Қанша тәркіленді?»",
        },
        lang,
    )


def no_participation(found: Interpretation, label: Labeller) -> str:
    """The message of a "no" to a yes/no question."""
    agent = label(found.bindings.get("agent", ""), found.lang)
    return _pick(
        {
            "en": "The graph records no participation of {0} in this event.",
            "ru": "В графе не записано участие: {0}.",
            "kk": "Графта қатысуы жазылмаған: {0}.",
        },
        found.lang,
    ).format(agent)


def nothing_found(found: Interpretation, label: Labeller) -> str:
    """The message of an empty answer to a question that was understood."""
    names = ", ".join(label(iri, found.lang) for iri in found.bindings.values())
    return _pick(
        {
            "en": "The graph holds no answer to this question ({0}).",
            "ru": "В графе нет ответа на этот вопрос ({0}).",
            "kk": "Графта бұл сұраққа жауап жоқ ({0}).",
        },
        found.lang,
    ).format(names)


def capped(shown: int, total: int, lang: str) -> str:
    """The message of an answer that lists only the first ``shown`` of ``total`` facts."""
    return _pick(
        {
            "en": "The graph holds {1} facts that answer this; the first {0} are listed. "
            "Name a body, a meeting or a date to narrow the question, or run the query below.",
            "ru": "В графе {1} фактов, отвечающих на вопрос; показаны первые {0}. "
            "Уточните орган, заседание или дату либо выполните запрос ниже.",
            "kk": "Графта бұл сұраққа жауап беретін {1} факт бар; алғашқы {0} көрсетілген. "
            "Органды, отырысты немесе күнді нақтылаңыз не төмендегі сұрауды орындаңыз.",
        },
        lang,
    ).format(shown, total)
