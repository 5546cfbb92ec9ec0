"""The entity lexicon: labels and abbreviations of the graph, normalised once, looked up in memory.

Every token is reduced to a small set of candidate base forms: Russian through pymorphy3 lemmas,
Kazakh through stripping case, possessive and plural endings, English through lower-casing and
stripping plural and possessive endings. A label matches a span of the question when each label
token shares a base form with the corresponding question token. Labels are indexed by the base
forms of their first token, so a lookup never touches the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pymorphy3  # type: ignore[import-untyped]  # ships no type information

TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")

# Dropped everywhere: articles carry no meaning in a name.
STOPWORDS = frozenset({"the", "a", "an"})
# Kept and matched literally; a label may be cut just before one of them ("Ministry of Finance
# [of the Republic of Kazakhstan]", "Coordination Council [for Ensuring Legality…]").
FUNCTION_WORDS = frozenset(
    {
        "of", "for", "on", "in", "and", "to", "with", "between", "by", "at",
        "по", "в", "во", "и", "с", "со", "на", "для", "о", "об", "между", "при",
        "және", "мен", "жөніндегі", "бойынша", "арасындағы",
    }
)  # fmt: skip
# Words naming the jurisdiction: a label may also be cut before them, and a leading run of them
# ("Қазақстан Республикасының …") may be dropped.
JURISDICTION = frozenset(
    {
        "republic", "kazakhstan", "республика", "казахстан", "рк",
        "қазақстан", "республикасы", "республикасының",
    }
)  # fmt: skip

# Kazakh endings, longest first: case, possessive, plural and adjectival suffixes.
KAZAKH_SUFFIXES = tuple(
    sorted(
        {
            "лар", "лер", "дар", "дер", "тар", "тер",
            "ның", "нің", "дың", "дің", "тың", "тің",
            "сы", "сі", "ы", "і", "ын", "ін", "сын", "сін",
            "ға", "ге", "қа", "ке", "на", "не", "а", "е",
            "ны", "ні", "ды", "ді", "ты", "ті", "н",
            "да", "де", "та", "те", "нда", "нде",
            "дан", "ден", "тан", "тен", "нан", "нен",
            "мен", "бен", "пен",
            "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

_MORPH: Any = None


def morph() -> Any:
    """The shared pymorphy3 analyser (built on first use: loading it takes a second)."""
    global _MORPH
    if _MORPH is None:
        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def detect_lang(text: str) -> str:
    """Kazakh-specific letters → kk; other Cyrillic → ru; anything else → en."""
    if any(char in KAZAKH_LETTERS for char in text):
        return "kk"
    if CYRILLIC.search(text):
        return "ru"
    return "en"


def tokens(text: str) -> list[str]:
    """Word tokens (hyphenated and apostrophe words kept whole), articles dropped."""
    return [t for t in TOKEN.findall(text) if t.lower() not in STOPWORDS]


@lru_cache(maxsize=65536)
def _russian(token: str) -> frozenset[str]:
    low = token.lower()
    forms = {low}
    if CYRILLIC.search(low):
        forms.update(parse.normal_form for parse in morph().parse(low)[:4])
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _kazakh(token: str) -> frozenset[str]:
    low = token.lower()
    forms = {low}
    todo = [low]
    while todo:
        word = todo.pop()
        for suffix in KAZAKH_SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 4 and stem not in forms:
                forms.add(stem)
                todo.append(stem)
    return frozenset(forms)


@lru_cache(maxsize=65536)
def _english(token: str) -> frozenset[str]:
    low = token.lower().replace("’", "'")
    forms = {low}
    for ending in ("'s", "s'"):
        if low.endswith(ending):
            low = low[: -len(ending)] + ("s" if ending == "s'" else "")
            forms.add(low)
    if len(low) > 4 and low.endswith("ies"):
        forms.add(low[:-3] + "y")
    elif len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        forms.add(low[:-1])
    return frozenset(forms)


def forms(token: str, lang: str) -> frozenset[str]:
    """The candidate base forms of one token in a language (always including its lower case)."""
    if lang == "ru":
        return _russian(token)
    if lang == "kk":
        return _kazakh(token) | _russian(token) if CYRILLIC.search(token) else _kazakh(token)
    return _english(token)


def question_forms(token: str, lang: str) -> frozenset[str]:
    """Base forms of a question token: its language's forms plus the other normalisers' forms."""
    result = forms(token, lang) | _english(token)
    if lang != "kk" and any(char in KAZAKH_LETTERS for char in token):
        result |= _kazakh(token)
    return result


def _is_function(form_set: frozenset[str]) -> bool:
    return bool(form_set & FUNCTION_WORDS)


def _is_jurisdiction(form_set: frozenset[str]) -> bool:
    return bool(form_set & JURISDICTION)


@dataclass(frozen=True)
class Entry:
    """One way of naming an entity: the base-form sets of its tokens."""

    iri: str
    kind: str
    words: tuple[frozenset[str], ...]
    surface: str


@dataclass(frozen=True)
class Mention:
    """A span of the question recognised as an entity."""

    iri: str
    kind: str
    start: int
    end: int
    text: str
    definite: bool = False  # named only by a common noun ("the agreement"): the one instance


@dataclass
class Lexicon:
    """An in-memory index from the base forms of a name's first token to the names it starts."""

    # Each bucket is an insertion-ordered set (a dict with None values): adding a name is O(1)
    # whatever the bucket's size, and lookups see the names in the order they were added.
    by_first: dict[str, dict[Entry, None]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def add(
        self, iri: str, kind: str, label: str, lang: str, *, whole_only: bool, min_content: int = 2
    ) -> None:
        """Index a label, plus its shortened variants unless ``whole_only``.

        A shortened variant keeps at least ``min_content`` content words: two for bodies
        ("Ministry of Finance"), one for a post's title ("President").
        """
        self.kinds[iri] = kind
        words = [forms(token, lang) for token in tokens(label)]
        if not words:
            return
        variants = {tuple(words)}
        if not whole_only:
            start = 0
            while start < len(words) - 1 and _is_jurisdiction(words[start]):
                start += 1
            core = words[start:]
            variants.add(tuple(core))
            for cut in range(1, len(core)):
                if not (_is_function(core[cut]) or _is_jurisdiction(core[cut])):
                    continue
                prefix = core[:cut]
                while prefix and _is_function(prefix[-1]):
                    prefix = prefix[:-1]
                content = [w for w in prefix if not _is_function(w) and not _is_jurisdiction(w)]
                if len(content) >= min_content:
                    variants.add(tuple(prefix))
        for variant in variants:
            if not variant:
                continue
            entry = Entry(iri, kind, variant, label)
            for form in variant[0]:
                self.by_first.setdefault(form, {})[entry] = None

    def add_surname(self, iri: str, kind: str, token: str, lang: str) -> None:
        """Index one distinctive token of a person's name (a surname) on its own."""
        self.kinds[iri] = kind
        entry = Entry(iri, kind, (forms(token, lang),), token)
        for form in entry.words[0]:
            self.by_first.setdefault(form, {})[entry] = None

    def find(self, text: str, lang: str) -> list[Mention]:
        """The longest non-overlapping names in ``text``, left to right."""
        spans = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        spans = [s for s in spans if s[2].lower() not in STOPWORDS]
        qforms = [question_forms(s[2], lang) for s in spans]
        found: list[Mention] = []
        i = 0
        while i < len(spans):
            best: tuple[int, Entry] | None = None
            candidates: list[Entry] = []
            for form in qforms[i]:
                candidates.extend(self.by_first.get(form, ()))
            for entry in candidates:
                n = len(entry.words)
                if i + n > len(spans) or (best is not None and n <= best[0]):
                    continue
                if all(entry.words[k] & qforms[i + k] for k in range(n)):
                    best = (n, entry)
            if best is None:
                i += 1
                continue
            n, entry = best
            found.append(
                Mention(entry.iri, entry.kind, spans[i][0], spans[i + n - 1][1],
                        text[spans[i][0] : spans[i + n - 1][1]])
            )  # fmt: skip
            i += n
        return found


# "President of the Republic of Kazakhstan (Head of State)": each part is a name on its own.
PARENTHESES = re.compile(r"\s*\(([^()]+)\)\s*")


def names_in(label: str) -> list[str]:
    """The label, and the label and its parenthesised part as separate names."""
    parts = [part.strip() for part in PARENTHESES.split(label) if part.strip()]
    return [label, *parts] if len(parts) > 1 else [label]


def build_lexicon(
    rows: Iterable[tuple[str, str, str, str, bool]],
    titles: Iterable[tuple[str, str, str]] = (),
) -> Lexicon:
    """Index ``(iri, kind, label, lang, is_abbreviation)`` rows; surnames of persons too.

    ``titles`` are ``(person iri, post label, lang)``: a post's title names its only holder, so
    "What did the President do?" is a question about that person.
    """
    lexicon = Lexicon()
    surname_owners: dict[tuple[str, str], set[str]] = {}
    for holder, title, lang in titles:
        for name in names_in(title):
            lexicon.add(holder, "person", name, lang, whole_only=False, min_content=1)
    for iri, kind, label, lang, abbreviation in rows:
        for name in names_in(label):
            lexicon.add(iri, kind, name, lang, whole_only=abbreviation or kind == "person")
        if kind == "person":
            parts = tokens(label)
            if len(parts) >= 2 and len(parts[-1]) >= 4:
                surname_owners.setdefault((parts[-1], lang), set()).add(iri)
    for (surname, lang), owners in surname_owners.items():
        if len(owners) == 1:
            lexicon.add_surname(next(iter(owners)), "person", surname, lang)
    return lexicon
