"""Entities a sentence names: linked to the graph's IRIs, or proposed as new ones.

Linking goes through the graph's own labels and abbreviations in their inflected forms
(kg.qa.lexicon: pymorphy3 lemmas for Russian, suffix stripping for Kazakh), plus three things
news style needs: coordinated names ("министерств юстиции, финансов" is two ministries), generic
collectives ("государственными и правоохранительными органами", groups.tsv), and names the graph
does not hold yet, found by natasha's NER (Russian) or by their head noun (Kazakh).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import URIRef

from kg.ingest.reference import Reference
from kg.ingest.text import Sentence
from kg.ingest.translit import slug
from kg.iris import mint
from kg.qa.lexicon import TOKEN

GROUPS = Path(__file__).with_name("groups.tsv")


@dataclass(frozen=True)
class Mention:
    """A span of the text naming an entity; ``new`` when the graph does not hold it yet."""

    iri: URIRef
    kind: str
    start: int  # offsets in the whole text
    end: int
    text: str
    label: str  # the name in the nominative, for new entities; the graph's label otherwise
    new: bool = False
    confidence: float = 0.9


@dataclass(frozen=True)
class Group:
    key: str
    stems: dict[str, tuple[str, ...]]
    labels: dict[str, str]


@cache
def groups() -> tuple[Group, ...]:
    """The generic collectives of groups.tsv."""
    found = []
    with GROUPS.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                key, ru, kk, en, ru_label, kk_label = row
                found.append(
                    Group(key, {"ru": tuple(ru.split()), "kk": tuple(kk.split())},
                          {"en": en, "ru": ru_label, "kk": kk_label})
                )  # fmt: skip
    return tuple(found)


# Plural heads shared by a coordinated list: "министерств юстиции, финансов и просвещения".
_SHARED_HEAD_RU = re.compile(
    r"\b(министерств|агентств|комитетов|ведомств)(?:ами|ам|ах|а)?\s+(?P<list>[^.;:()]+)",
    re.IGNORECASE,
)
_SINGULAR_RU = {"министерств": "министерство", "агентств": "агентство",
                "комитетов": "комитет", "ведомств": "ведомство"}  # fmt: skip
# Kazakh puts the shared head last: "Әділет, Қаржы министрліктері".
_SHARED_HEAD_KK = re.compile(
    r"(?P<list>(?:[\wӘәҒғҚқҢңӨөҰұҮүҺһІі-]+(?:,\s*|\s+және\s+|\s+))+?)"
    r"(министрлікт|агенттікт|комитетт)\w*",
    re.IGNORECASE,
)
_SINGULAR_KK = {"министрлікт": "министрлігі", "агенттікт": "агенттігі", "комитетт": "комитеті"}

# Head nouns that say what kind of body a new name is (Russian lemma or Kazakh stem → kind).
HEADS_RU = {
    "министерство": "agency", "агентство": "agency", "комитет": "agency", "служба": "agency",
    "прокуратура": "agency", "суд": "agency", "акимат": "agency", "департамент": "agency",
    "управление": "agency", "правительство": "agency", "мажилис": "agency", "сенат": "agency",
    "парламент": "agency", "инспекция": "agency", "совет": "council", "комиссия": "council",
    "посольство": "mission", "консульство": "mission", "офис": "office",
    "представительство": "office",
}  # fmt: skip
HEADS_KK = {
    "министрлі": "agency", "агенттіг": "agency", "комитет": "agency", "қызмет": "agency",
    "сот": "agency", "прокуратура": "agency", "әкімдіг": "agency", "департамент": "agency",
    "басқарма": "agency", "үкімет": "agency", "кеңес": "council", "комиссия": "council",
    "елшіліг": "mission", "кеңсе": "office",
}  # fmt: skip
# Kazakh case and possessive endings after a name's head noun, longest first.
_KK_CASE = ("ның", "нің", "нда", "нде", "нан", "нен", "на", "не", "ны", "ні", "мен", "н")


def find_mentions(sentence: Sentence, lang: str, ref: Reference) -> list[Mention]:
    """Every entity the sentence names, left to right, without overlaps (longest first)."""
    found = [
        Mention(URIRef(m.iri), m.kind, sentence.start + m.start, sentence.start + m.end, m.text,
                ref.label(URIRef(m.iri), lang))
        for m in ref.lexicon.find(sentence.text, lang)
    ]  # fmt: skip
    found += _coordinated(sentence, lang, ref)
    found += _groups(sentence, lang)
    found += _new_names(sentence, lang, found)
    return _without_overlaps(found)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.new, -(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _coordinated(sentence: Sentence, lang: str, ref: Reference) -> list[Mention]:
    """Bodies named by a list of complements sharing one plural head noun."""
    found: list[Mention] = []
    pattern, singular = (
        (_SHARED_HEAD_RU, _SINGULAR_RU) if lang == "ru" else (_SHARED_HEAD_KK, _SINGULAR_KK)
    )
    for match in pattern.finditer(sentence.text):
        head = singular[match.group(1).lower()]
        items = _split_list(match.group("list"), match.start("list"))
        # "искусственного интеллекта и цифрового развития" is one name: try joined neighbours
        # first, then each item alone.
        i = 0
        while i < len(items):
            for j in range(min(len(items), i + 3), i, -1):
                start, end = items[i][1], items[j - 1][2]
                words = sentence.text[start:end]
                name = f"{head} {words}" if lang == "ru" else f"{words} {head}"
                hits = ref.lexicon.find(name, lang)
                if len(hits) == 1 and hits[0].end - hits[0].start == len(name):
                    iri = URIRef(hits[0].iri)
                    found.append(Mention(iri, hits[0].kind, sentence.start + start,
                                         sentence.start + end, words, ref.label(iri, lang),
                                         confidence=0.8))  # fmt: skip
                    i = j
                    break
            else:
                i += 1
    return found


def _split_list(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Items of "a, b, c и d" with their offsets; the list ends at a word opening a new clause."""
    items = []
    for match in re.finditer(r"[^,]+", text):
        parts = re.split(r"\s+(?:и|және)\s+", match.group())
        cursor = match.start()
        for part in parts:
            at = text.index(part, cursor)
            stripped = part.strip()
            if stripped:
                begin = at + part.index(stripped)
                items.append((stripped, offset + begin, offset + begin + len(stripped)))
            cursor = at + len(part)
    return items


def _groups(sentence: Sentence, lang: str) -> list[Mention]:
    """Generic collectives, coordinated modifiers included ("государственными и
    правоохранительными органами" names two groups)."""
    words = [(m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(sentence.text)]
    found = []
    for group in groups():
        stems = group.stems.get(lang, ())
        if not stems:
            continue
        *modifiers, head = stems
        for k, (word, _, head_end) in enumerate(words):
            if not word.startswith(head):
                continue
            # Walk back over the modifiers, allowing other modifiers joined by "и"/"және"
            # between this group's modifiers and the head noun.
            i = k - 1
            while i >= 0 and not _starts(words, i, modifiers) and i > k - 5:
                i -= 1
            start = i - len(modifiers) + 1
            if start >= 0 and _starts(words, i, modifiers):
                iri = mint("group", group.key)
                # Coordinated ("государственными и правоохранительными органами"): each group's
                # span is its own modifiers, so the groups sharing the head do not overlap.
                end = head_end if i == k - 1 else words[i][2]
                text = sentence.text[words[start][1] : end]
                found.append(Mention(iri, "group", sentence.start + words[start][1],
                                     sentence.start + end, text, group.labels[lang],
                                     new=True, confidence=0.8))  # fmt: skip
    return found


def _starts(words: list[tuple[str, int, int]], last: int, stems: list[str]) -> bool:
    """True when the words ending at ``last`` begin with ``stems`` in order."""
    first = last - len(stems) + 1
    if first < 0:
        return False
    return all(words[first + n][0].startswith(stem) for n, stem in enumerate(stems))


@cache
def _natasha() -> tuple[Any, Any, Any, Any]:
    from natasha import (  # type: ignore[import-untyped]  # ships no type information
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsNERTagger(embedding), MorphVocab()


def _new_names(sentence: Sentence, lang: str, known: list[Mention]) -> list[Mention]:
    """Bodies and persons the lexicon did not link: candidates for new entities."""
    if lang == "kk":
        return _new_names_kk(sentence, known)
    from natasha import Doc

    segmenter, morph, ner, vocab = _natasha()
    doc = Doc(sentence.text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    for token in doc.tokens:
        token.lemmatize(vocab)
    found = []
    for span in doc.spans:
        start, end = sentence.start + span.start, sentence.start + span.stop
        if any(not (end <= k.start or start >= k.end) for k in known):
            continue
        span.normalize(vocab)
        label = span.normal or span.text
        if span.type == "PER" and len(span.tokens) >= 2:
            iri = mint("person", slug(label))
            found.append(Mention(iri, "person", start, end, span.text, label, new=True,
                                 confidence=0.7))  # fmt: skip
        elif span.type == "ORG":
            head = _head_kind_ru(span.tokens[0].lemma if span.tokens else "")
            if head is not None:
                label = label[0].upper() + label[1:]
                iri = mint(head, slug(label))
                found.append(Mention(iri, head, start, end, span.text, label, new=True,
                                     confidence=0.6))  # fmt: skip
    return found


def _head_kind_ru(lemma: str) -> str | None:
    return HEADS_RU.get(lemma.lower())


_KK_HEAD = re.compile(
    r"(?P<name>(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]*\s+)(?:[\w-]+\s+){0,7}?"
    r"(?P<head>(?:министрлі|агенттіг|комитет|қызмет|сот|прокуратура|әкімдіг|департамент|басқарма"
    r"|кеңес|комиссия|елшіліг)\w*))",
)


def _new_names_kk(sentence: Sentence, known: list[Mention]) -> list[Mention]:
    """Kazakh names of bodies: a capitalised word up to a head noun ("… агенттігі")."""
    found = []
    for match in _KK_HEAD.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(not (end <= k.start or start >= k.end) for k in known):
            continue
        head_word = match.group("head")
        kind = next(kind for stem, kind in HEADS_KK.items() if head_word.lower().startswith(stem))
        label = match.group("name")[: -len(head_word)] + _kk_nominative(head_word)
        iri = mint(kind, slug(label))
        found.append(Mention(iri, kind, start, end, match.group("name"), label, new=True,
                             confidence=0.6))  # fmt: skip
    return found


def _kk_nominative(word: str) -> str:
    """Strip one case ending after a possessive head noun: "агенттігінің" → "агенттігі"."""
    for ending in _KK_CASE:
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem.endswith(("і", "ы")) and len(stem) > 4:
            return stem
    return word
