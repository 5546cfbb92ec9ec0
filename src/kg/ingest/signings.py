"""Documents signed between bodies or states, places where things happened, and approvals.

"X мен Y … меморандумға қол қойды" / "X и Y подписали меморандум": a signing with both as
parties. "Шартқа 2025 жылғы 14 наурызда Ташкентте қол қойылған": the signing of the treaty
last named, dated and placed; the treaty's parties are the states its title names. "Мәжіліс …
қабылдап, Сенат … мақұлдаған": each chamber's approval of the law last named, with the date
written after it.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, XSD

from kg.ingest.draft import TYPES
from kg.ingest.text import Sentence
from kg.ingest.translit import slug
from kg.iris import mint
from kg.namespaces import ELI, KZL

if TYPE_CHECKING:
    from kg.ingest.propose import Extractor

COUNTRIES = Path(__file__).with_name("countries.tsv")
_I = re.IGNORECASE
SIGNED_DOCUMENT = {
    "ru": re.compile(r"подписал[аи]?\s+(?:\w+\s+){0,3}?(?:меморандум|соглашени|договор|протокол)"
                     r"|(?:меморандум|соглашени|договор)\w*\s+(?:\w+\s+){0,6}?(?:был[аои]?\s+)?подписан",
                     _I),
    "kk": re.compile(r"(?:меморандум|келісім|шарт|хаттама)\w*\s+(?:[\w-]+\s+){0,6}?қол\s+қой", _I),
}  # fmt: skip
CEREMONY = re.compile(r"подписани|церемони|қол\s+қою|рәсім", _I)
TREATY_WORD = re.compile(r"^(?:Шарт|Келісім|Соглашени|Договор)\w*", _I)
APPROVED = {
    "ru": re.compile(r"одобрил\w*|принял\w*|ратифицировал\w*|одобрен\w*|принят\w*", _I),
    "kk": re.compile(r"мақұлда\w*|қабылда\w*|ратификациялад\w*", _I),
}
CHAMBER = re.compile(r"Мажилис|Сенат|Мәжіліс|Парламент|Правительств|Үкімет", _I)
APPROVERS = ("mazhilis", "senate", "parliament", "government-kz")
PLACE_KK = re.compile(
    r"\b([А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]{3,})(?:\s+қаласында|да|де|та|те|нда|нде)\b"
)
PLACE_RU = re.compile(r"\bв[о]?\s+([А-ЯЁ][а-яё-]{3,}(?:е|и))\b")


@cache
def countries() -> tuple[tuple[str, str, str, dict[str, str]], ...]:
    rows = []
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                code, ru, kk, en, ru_name, kk_name = row
                rows.append((code, ru, kk, {"en": en, "ru": ru_name, "kk": kk_name}))
    return tuple(rows)


def area(ex: Extractor, code: str, sentence: Sentence) -> URIRef:
    """id/area/{code} as a party: the state acts, so it is also a prov:Agent (docs/model.md).

    Proposed with its common names if the graph lacks it.
    """
    iri = mint("area", code)
    if not ex.ref.knows(iri):
        names = next(names for c, _, _, names in countries() if c == code)
        fact, made = ex.draft.fact("entity", iri, f"Area: {names['en']}", sentence, 0.9)
        if made:
            fact.types(iri, *TYPES["area"])
            for lang, name in names.items():
                fact.add(iri, RDFS.label, Literal(name, lang=lang))
    else:
        fact, _ = ex.draft.fact("link", iri, f"Names {ex.ref.label(iri, 'en')}", sentence, 0.9)
    fact.types(iri, PROV.Agent)
    return iri


def states_in(text: str, lang: str) -> list[str]:
    """ISO codes of the countries a title names, in order."""
    low = text.lower()
    found = []
    for code, ru, kk, _ in countries():
        at = low.find(ru if lang == "ru" else kk)
        if at >= 0:
            found.append((at, code))
    return [code for _, code in sorted(found)]


def place(ex: Extractor, sentence: Sentence, before: int) -> URIRef | None:
    """The city a sentence says something happened in ("в Ташкенте", "Астанада")."""
    pattern = PLACE_RU if ex.lang == "ru" else PLACE_KK
    taken = [(m.start, m.end) for m in ex.mentions[sentence.index] if m.kind != "place"]
    for match in pattern.finditer(sentence.text[: before - sentence.start]):
        start = sentence.start + match.start(1)
        if any(s <= start < e for s, e in taken) or states_in(match.group(1), ex.lang):
            continue
        name = _place_name(match.group(1), ex.lang)
        known = [m for m in ex.mentions[sentence.index] if m.kind == "place" and m.start == start]
        iri = known[0].iri if known else mint("place", slug(name))
        if not ex.ref.knows(iri):
            fact, made = ex.draft.fact("entity", iri, f"Place: {name}", sentence, 0.6)
            if made:
                fact.types(iri, *TYPES["place"])
                fact.add(iri, RDFS.label, Literal(name, lang=ex.lang))
        else:
            ex.draft.fact("link", iri, f"Names {ex.ref.label(iri, 'en')}", sentence, 0.8)
        return iri
    return None


def _place_name(word: str, lang: str) -> str:
    if lang == "ru":
        from kg.qa.lexicon import morph

        parse = next((p for p in morph().parse(word) if "Geox" in str(p.tag)), None)
        inflected = parse.inflect({"nomn"}) if parse is not None else None
        return inflected.word.capitalize() if inflected is not None else word
    return word


def propose_signings(ex: Extractor) -> None:
    """Signings of documents, with their parties, participants, date and place."""
    current: URIRef | None = None
    for sentence in ex.sentences:
        signed = SIGNED_DOCUMENT[ex.lang].search(sentence.text)
        if signed is not None and not re.search(r"\bЗакон|\bЗаң", sentence.text):
            current = _signing(ex, sentence, signed)
            continue
        from kg.ingest.events import PARTICIPATION

        # "Қол қою рәсіміне … өкілдері де қатысты": those named took part in that signing.
        if (
            current is not None
            and PARTICIPATION.search(sentence.text, ex.lang)
            and CEREMONY.search(sentence.text)
        ):
            fact = ex.draft.facts[current]
            fact.cite(sentence)
            for mention in ex.agents(sentence):
                fact.role(current, ex.agent(mention, sentence), "participant")


def _signing(ex: Extractor, sentence: Sentence, signed: re.Match[str]) -> URIRef:
    at = sentence.start + signed.start()
    date = ex.date_in(sentence)
    treaty = _last_agreement(ex, sentence) if TREATY_WORD.match(sentence.text) else None
    what = str(treaty).rsplit("/", 1)[-1] if treaty else slug(signed.group(), max_words=3)
    when = date.date.isoformat() if date else ex.reported
    node = mint("activity", f"signing-{what}-{when}")
    fact = ex.activity(node, (KZL.Signing,), "Signing of a document", sentence, 0.7)
    ex.situate(fact, node, sentence)
    if treaty is not None:
        fact.add(node, PROV_USED, treaty)
        agreement = ex.draft.facts.get(treaty)
        if agreement is not None and date is not None and agreement.kind == "act":
            if agreement.graph.value(treaty, ELI.date_document) is None:
                agreement.add(treaty, ELI.date_document,
                              Literal(date.date.isoformat(), datatype=XSD.date))  # fmt: skip
            for state in agreement.graph.objects(treaty, KZL.party):
                if isinstance(state, URIRef):
                    fact.role(node, state, "party")
        return node
    for mention in ex.agents(sentence, end=at):
        if mention.kind in ("agency", "council", "office", "mission", "person"):
            fact.role(node, ex.agent(mention, sentence), "party")
    return node


def _last_agreement(ex: Extractor, sentence: Sentence) -> URIRef | None:
    agreements = [
        f.node for f in ex.draft.facts.values()
        if "/agreement/" in str(f.node) and f.sentences and f.sentences[0].index <= sentence.index
    ]  # fmt: skip
    return agreements[-1] if agreements else None


def propose_approvals(ex: Extractor, sentence: Sentence, law: URIRef) -> None:
    """Each chamber (or the Government) followed by an approving verb approved ``law``, on the
    date written after it: "Мәжілісі 22 қазанда қабылдап, Сенат 20 қарашада мақұлдаған"; not
    the Mazhilis in "Үкімет … мақұлдап, оны Мәжілісінің қарауына жіберді"."""
    verbs = list(APPROVED[ex.lang].finditer(sentence.text))
    if not verbs:
        return
    chambers = [
        m for m in ex.agents(sentence)
        if any(str(m.iri).endswith(f"/{c}") for c in APPROVERS) or CHAMBER.match(m.text)
    ]  # fmt: skip
    for n, chamber in enumerate(chambers):
        stop = chambers[n + 1].start if n + 1 < len(chambers) else sentence.end
        if not any(chamber.end <= sentence.start + v.start() < stop for v in verbs):
            continue
        dates = [d for d in ex.dates[sentence.index] if chamber.end <= d.start < stop]
        key = str(chamber.iri).rsplit("/", 1)[-1]
        node = mint("activity", f"approval-{key}-{str(law).rsplit('/', 1)[-1]}")
        fact = ex.activity(node, (KZL.Approval,), f"{chamber.label} approves", sentence, 0.7)
        fact.role(node, ex.agent(chamber, sentence), "approver")
        fact.add(node, PROV_USED, law)
        if dates:
            fact.add(node, DCTERMS.date, Literal(dates[0].date.isoformat(), datatype=XSD.date))
        else:
            from kg.ingest.events import at_meeting

            at_meeting(ex, sentence, node)


PROV_USED = URIRef("http://www.w3.org/ns/prov#used")
