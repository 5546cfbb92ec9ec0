"""Acts a report names, by quoted title or by date, and what was done with them: a law signed,
a treaty ratified, a code amended, an act approved by a chamber of Parliament.

Titles are kept exactly as quoted. No number or date is given to an act that the text does not
state; a law is dated by the date the sentence gives it ("Законом от 2 января 2025 года") or by
its signature ("27 ноября … подписал Закон").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.ingest.mentions import Mention
from kg.ingest.text import Sentence
from kg.ingest.translit import slug
from kg.iris import mint
from kg.namespaces import ELI, KZL, SCHEMA

if TYPE_CHECKING:
    from kg.ingest.propose import Extractor

LAW_TYPES = (KZL.Law, ELI.LegalResource, SCHEMA.Legislation, PROV.Entity)
AGREEMENT_TYPES = (KZL.InternationalAgreement, ELI.LegalResource, SCHEMA.Legislation, PROV.Entity)
_I = re.IGNORECASE
QUOTED_LAW_RU = re.compile(
    r"\bЗакон\w*\s+(?:Республики\s+Казахстан\s+)?[«\"“]([^»\"”]{8,400})[»\"”]"
)
QUOTED_LAW_KK = re.compile(
    r"[«\"“]([^»\"”]{8,400})[»\"”]\s*(?:Қазақстан\s+Республикасы(?:ның)?\s+)?Заң"
)
DATED_LAW_RU = re.compile(r"\bЗакон\w*\s+(?:Республики\s+Казахстан\s+)?от\s+", _I)
DATED_LAW_KK = re.compile(r"\w+\s+Заң\w*", _I)
AMENDED_RU = re.compile(r"внесен\w*\s+(?:\w+\s+){0,2}?(?:поправк|изменени|дополнени)", _I)
AMENDED_KK = re.compile(r"(?:түзету|өзгеріс|толықтыру)\w*\s+(?:\w+\s+){0,2}?енгіз", _I)
SIGNED_RU = re.compile(r"подписал\w*|подписан\w*", _I)
SIGNED_KK = re.compile(r"қол\s+қой", _I)
RATIFICATION_RU = re.compile(r"^О\s+ратификации\s+(\S+)\s+(.+)$", _I)
RATIFICATION_KK = re.compile(r"^(.+?)\s+(\S+?)(?:ды|ді|ты|ті|ны|ні)\s+ратификациялау\s+туралы$", _I)


def propose_acts(ex: Extractor) -> None:
    """Laws, codes and agreements, and the signings, ratifications and approvals of them."""
    from kg.ingest.signings import propose_approvals

    last_law: URIRef | None = None
    for sentence in ex.sentences:
        law = _quoted_law(ex, sentence) or _dated_law(ex, sentence)
        if law is None and last_law is not None and _names_law_again(ex, sentence):
            ex.draft.facts[last_law].cite(sentence)  # "Также Закон расширил …"
            _amended_by(ex, sentence, last_law)  # "Заңмен … кодекске түзетулер енгізілді"
        last_law = law or last_law
        if law is not None:
            _signing(ex, sentence, law)
        if last_law is not None:
            propose_approvals(ex, sentence, last_law)


def _names_law_again(ex: Extractor, sentence: Sentence) -> bool:
    pattern = (r"^(?:Также\s+)?Закон\w*\b(?!\s+от\b)" if ex.lang == "ru"
               else r"(?:^|\s)(?:заң|Заң)\w*\s")  # fmt: skip
    return re.search(pattern, sentence.text) is not None


AMENDING_TITLE = re.compile(
    r"внесени\w+\s+изменени|изменени\w+\s+и\s+дополнени|өзгерістер\s+мен\s+толықтырулар"
    r"|түзетулер\s+енгізу",
    _I,
)
# "2014 жылғы 5 шілдедегі Әкімшілік құқық бұзушылық туралы кодекске": a dated code.
CODE_KK = re.compile(r"((?:[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*\s+)(?:[\w-]+\s+){0,5}?туралы\s+)[Кк]одекс\w*")
CODE_RU = re.compile(
    r"Кодекс\w*\s+(?:Республики\s+Казахстан\s+)?(об?\s+[^,.;()]+?)(?=\s+(?:и|от)\s|[,.;()])"
)


def _amended_by(ex: Extractor, sentence: Sentence, law: URIRef) -> None:
    """A sentence saying that the law last named amended codes makes it an amending law."""
    amended = AMENDED_RU if ex.lang == "ru" else AMENDED_KK
    if amended.search(sentence.text) is None:
        return
    fact = ex.draft.facts[law]
    targets = [ex.entity(m, sentence) for m in ex.mentions[sentence.index]
               if m.kind == "law" and not m.new and m.iri != law]  # fmt: skip
    targets += _new_codes(ex, sentence)
    if targets:
        fact.graph.remove((law, RDF.type, KZL.Law))
        fact.types(law, KZL.AmendingLaw, KZL.Law)
    for target in targets:
        fact.add(law, ELI.amends, target)


def _new_codes(ex: Extractor, sentence: Sentence) -> list[URIRef]:
    """Codes the graph lacks, named with their date ("2014 жылғы 5 шілдедегі … кодекс")."""
    found = []
    pattern = CODE_KK if ex.lang == "kk" else CODE_RU
    for match in pattern.finditer(sentence.text):
        start = sentence.start + match.start()
        if any(m.kind == "law" and m.start <= start < m.end for m in ex.mentions[sentence.index]):
            continue
        dates = [d for d in ex.dates[sentence.index] if abs(d.end - start) <= 8]
        if not dates:
            continue  # a law IRI needs its year; an undated code is left to the curator
        name = (match.group(1) + "кодекс").strip() if ex.lang == "kk" else match.group(0)
        date = dates[0].date
        iri = mint("law", "kz", date.year, f"{date.isoformat()}-{slug(name, max_words=6)}")
        fact, made = ex.draft.fact("act", iri, f"Code: {name}", sentence, 0.7)
        if made:
            fact.types(iri, KZL.Code, ELI.LegalResource, SCHEMA.Legislation, PROV.Entity)
            fact.add(iri, RDFS.label, Literal(name, lang=ex.lang))
            fact.add(iri, ELI.date_document, Literal(date.isoformat(), datatype=XSD.date))
        found.append(iri)
    return found


def _quoted_law(ex: Extractor, sentence: Sentence) -> URIRef | None:
    pattern = QUOTED_LAW_RU if ex.lang == "ru" else QUOTED_LAW_KK
    match = pattern.search(sentence.text)
    if match is None:
        return None
    title = match.group(1).strip()
    date = ex.date_in(sentence)
    ratified = _ratified_title(ex, title)
    if date is None:
        return None  # a law IRI needs its year; an undated law is left to the curator
    # The law is dated by its signature ("27 ноября … подписал Закон") or "Закон от …"; a date
    # on which a chamber approved it is the approval's, not the law's.
    dated = (SIGNED_RU if ex.lang == "ru" else SIGNED_KK).search(sentence.text) is not None
    what = f"ratification-{slug(ratified, max_words=6)}" if ratified else slug(title, max_words=6)
    key = f"{date.date.isoformat()}-{what}" if dated else what
    law = mint("law", "kz", date.date.year, key)
    fact, made = ex.draft.fact("act", law, f"Law: {title}", sentence, 0.85)
    if made:
        cls = (KZL.RatificationLaw if ratified
               else KZL.AmendingLaw if AMENDING_TITLE.search(title) else KZL.Law)  # fmt: skip
        fact.types(law, cls, *LAW_TYPES)
        fact.add(law, RDFS.label, Literal(title, lang=ex.lang))
        fact.add(law, ELI.title, Literal(title, lang=ex.lang))
        if dated:
            fact.add(law, ELI.date_document, Literal(date.date.isoformat(), datatype=XSD.date))
        if cls == KZL.AmendingLaw:  # "… Қылмыстық кодексіне … өзгерістер енгізу туралы"
            start = sentence.start + match.start(1)
            for m in ex.mentions[sentence.index]:
                if m.kind == "law" and not m.new and start <= m.start < start + len(title):
                    fact.add(law, ELI.amends, ex.entity(m, sentence))
    if ratified:
        start = sentence.start + match.start(1)
        agreement = _agreement(ex, sentence, ratified, start, start + len(title))
        fact.add(law, KZL.ratifies, agreement)
    return law


def _ratified_title(ex: Extractor, title: str) -> str | None:
    """The treaty a ratification law's title names, put back in the nominative."""
    from kg.qa.lexicon import morph

    if ex.lang == "ru":
        match = RATIFICATION_RU.match(title)
        if match is None:
            return None
        head = morph().parse(match.group(1))[0].inflect({"nomn"})
        word = head.word if head else match.group(1)
        word = word[0].upper() + word[1:] if match.group(1)[0].isupper() else word
        return f"{word} {match.group(2)}"
    match = RATIFICATION_KK.match(title)
    return f"{match.group(1)} {match.group(2)}" if match else None


def _agreement(ex: Extractor, sentence: Sentence, title: str, start: int, end: int) -> URIRef:
    """The agreement of that title: the graph's, if it holds one, else a new one."""
    known = [
        URIRef(m.iri) for m in ex.ref.lexicon.find(title, ex.lang)
        if m.kind == "agreement" and m.end - m.start >= len(title) - 2
    ]  # fmt: skip
    if known:
        mention = Mention(known[0], "agreement", start, end, title, title)
        return ex.entity(mention, sentence)
    iri = mint("agreement", slug(title, max_words=10))
    fact, made = ex.draft.fact("act", iri, f"Agreement: {title}", sentence, 0.8)
    if made:
        fact.types(iri, *AGREEMENT_TYPES)
        fact.add(iri, RDFS.label, Literal(title, lang=ex.lang))
        fact.add(iri, ELI.title, Literal(title, lang=ex.lang))
        parties = [ex.agent(m, sentence) for m in ex.mentions[sentence.index]
                   if m.start >= start and m.end <= end and m.kind == "agency"]  # fmt: skip
        if not parties:  # "Қазақстан Республикасы мен Өзбекстан Республикасы арасындағы"
            from kg.ingest.signings import area, states_in

            parties = [area(ex, code, sentence) for code in states_in(title, ex.lang)]
        for party in parties:
            fact.add(iri, KZL.party, party)
    return iri


def _dated_law(ex: Extractor, sentence: Sentence) -> URIRef | None:
    """ "Законом от 2 января 2025 года в Уголовный кодекс внесены поправки": an amending law."""
    pattern = DATED_LAW_RU if ex.lang == "ru" else DATED_LAW_KK
    amended = AMENDED_RU if ex.lang == "ru" else AMENDED_KK
    match = pattern.search(sentence.text)
    if match is None or amended.search(sentence.text) is None:
        return None
    dates = [d for d in ex.dates[sentence.index] if abs(d.start - sentence.start - match.end()) < 40
             or abs(d.end - sentence.start - match.start()) < 40]  # fmt: skip
    if not dates:
        return None
    date = dates[0].date
    laws = [m for m in ex.mentions[sentence.index] if m.kind == "law" and not m.new]
    codes = [m for m in laws if KZL.Code in ex.ref.types.get(m.iri, set())]
    target = ex.entity(codes[0], sentence) if codes else None
    name = ex.ref.label(target, "en") if target else ""
    name = re.sub(r"\s+of\s+(?:the\s+Republic\s+of\s+)?Kazakhstan$", "", name)
    what = f"{slug(name, max_words=4)}-amendments" if name else "amendments"
    law = mint("law", "kz", date.year, f"{date.isoformat()}-{what}")
    label = f"Law of {date.isoformat()} amending " + (ex.ref.label(target, "en") if target else "")
    fact, made = ex.draft.fact("act", law, label, sentence, 0.8)
    if made:
        fact.types(law, KZL.AmendingLaw, *LAW_TYPES)
        fact.add(law, RDFS.label, Literal(label.strip(), lang="en"))
        fact.add(law, ELI.date_document, Literal(date.isoformat(), datatype=XSD.date))
        if target is not None:
            fact.add(law, ELI.amends, target)
    return law


def _signing(ex: Extractor, sentence: Sentence, law: URIRef) -> None:
    signed = (SIGNED_RU if ex.lang == "ru" else SIGNED_KK).search(sentence.text)
    if signed is None:
        return
    people = [m for m in ex.agents(sentence) if m.kind in ("person", "post")]
    signatories = {ex.agent(m, sentence) for m in people}
    node = mint("activity", f"signing-{str(law).rsplit('/', 1)[-1]}")
    fact = ex.activity(node, (KZL.Signing,), "Signing of a law", sentence, 0.85)
    date = ex.date_in(sentence)
    if date is not None:
        fact.add(node, DCTERMS.date, Literal(date.date.isoformat(), datatype=XSD.date))
    fact.add(node, PROV.used, law)
    for person in sorted(signatories, key=str):
        fact.role(node, person, "signatory")
    agreement = ex.draft.facts[law].graph.value(law, KZL.ratifies)
    if isinstance(agreement, URIRef):
        key = str(agreement).rsplit("/", 1)[-1]
        ratification = mint("ratification", key, "kz")
        rat = ex.activity(ratification, (KZL.Ratification,), "Ratification by Kazakhstan",
                          sentence, 0.8)  # fmt: skip
        rat.add(ratification, PROV.used, agreement)
        rat.add(ratification, PROV.used, law)
        for person in sorted(signatories, key=str):
            rat.role(ratification, person, "signatory")
        fact.add(node, DCTERMS.isPartOf, ratification)
