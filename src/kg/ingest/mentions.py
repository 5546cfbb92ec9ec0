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
    aliases: tuple[str, ...] = ()  # short forms the text defines for it: "(КПСиСУ)"
    holder: URIRef | None = None  # for a post written before a name: that person
    parent: URIRef | None = None  # a known body its name ends with: "Комитет … Генпрокуратуры"


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


def find_mentions(sentence: Sentence, lang: str, ref: Reference) -> list[Mention]:
    """Every entity the sentence names, left to right, without overlaps (longest first)."""
    found = [
        Mention(URIRef(m.iri), m.kind, sentence.start + m.start, sentence.start + m.end, m.text,
                ref.label(URIRef(m.iri), lang))
        for m in ref.lexicon.find(sentence.text, lang)
    ]  # fmt: skip
    found = _regional(sentence, lang, found)
    found += _coordinated(sentence, lang, ref)
    found += _groups(sentence, lang)
    from kg.ingest.newnames import new_names  # it builds Mentions: imported late

    found += new_names(sentence, lang, found)
    return _without_overlaps(found)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Known names before new ones, longer before shorter; a new name may contain a country
    ("Қазақстан Республикасының … агенттігі" is one body, not Kazakhstan)."""
    kept: list[Mention] = []
    order = sorted(mentions, key=lambda m: (m.new and m.kind != "area", -(m.end - m.start)))
    # A known name inside a longer new body's name after its head is part of it: "Комитет по
    # правовой статистике … Генеральной прокуратуры" is the committee, not the GPO.
    order = [m for m in order if not ((m.kind == "area" or not m.new) and any(
        n.new and n.kind in ("agency", "council", "office") and n.start < m.start
        and m.end <= n.end for n in mentions))]  # fmt: skip
    for mention in order:
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


# "прокуратуру города Астаны", "прокуратуре столицы": a local body, not the national one that
# the bare word names.
_LOCAL_RU = re.compile(
    r"\s+((?:города|области|района|столицы|[А-ЯЁ]\w+(?:ской|ской)\s+области)(?:\s+[А-ЯЁ][\w-]+)?)"
)


CAPITAL = {"столицы": "города Астаны"}


def _regional(sentence: Sentence, lang: str, found: list[Mention]) -> list[Mention]:
    """Replace a one-word known name followed by a place in the genitive by a new local body."""
    if lang != "ru":
        return found
    from kg.ingest.newnames import HEADS_RU, head_nominative

    kept = []
    for mention in found:
        local = _LOCAL_RU.match(sentence.text, mention.end - sentence.start)
        if mention.kind == "agency" and " " not in mention.text.strip() and local:
            head = head_nominative(mention.text)
            kind = HEADS_RU.get(head.lower())
            if kind is not None:
                # The capital is Astana: "прокуратура столицы" is "прокуратура города Астаны".
                place = CAPITAL.get(local.group(1).lower(), local.group(1))
                label = f"{head} {place}"
                end = sentence.start + local.end()
                kept.append(Mention(mint(kind, slug(label)), kind, mention.start, end,
                                    sentence.text[mention.start - sentence.start : local.end()],
                                    label, new=True, confidence=0.6))  # fmt: skip
                continue
        kept.append(mention)
    return kept


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
