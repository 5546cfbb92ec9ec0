"""Which indicator a reported figure measures, from the words around it.

A figure's words are the noun phrase it counts ("148 каналов поставки") or, for a figure in
parentheses, the phrase before it ("наркотических средств (47,2 т)"), plus the verb of its
clause ("изъяты", "привлечено к уголовной ответственности"). Each indicator of the graph's
scheme is scored by the rarer words of its labels those words contain; inflected and derived
forms match by a long common beginning ("наркопреступности" ~ "наркопреступления").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from kg.ingest.reference import Concept, word_forms

# A figure needs this much evidence to be given an existing indicator; otherwise a new one is
# proposed with the figure's own words as its label.
THRESHOLD = 1.5
# Words that say nothing about what is counted.
_NOISE = frozenset(
    {"всего", "общий", "число", "количество", "факт", "лицо", "случай", "значительный",
     "объём", "объем", "барлығы", "саны", "жалпы", "тіркелген", "зарегистрировать",
     "человек", "адам", "тот", "кроме"}
)  # fmt: skip


def similar(a: str, b: str) -> bool:
    """Equal, or sharing a beginning of at least 5 letters and 70 % of the shorter word."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 5 and common >= 0.7 * shorter


@dataclass(frozen=True)
class IndicatorMatch:
    concept: Concept | None
    score: float


class IndicatorIndex:
    """The indicator concepts with the weight (rarity) of each word of their labels."""

    def __init__(self, concepts: Iterable[Concept], topics: Iterable[Concept] = ()) -> None:
        self.concepts = [c for c in concepts if c.words]
        self.topics = {t.iri: t for t in topics}
        counts: dict[str, int] = {}
        for concept in self.concepts:
            for word in {_key(forms) for forms in _label_words(concept)}:
                counts[word] = counts.get(word, 0) + 1
        total = max(len(self.concepts), 1)
        self.weight = {w: math.log(1 + total / n) for w, n in counts.items()}

    def best(
        self, primary: str, context: str, lang: str, document: frozenset[str] = frozenset()
    ) -> IndicatorMatch:
        """The indicator whose label words the figure's words cover best, if any scores enough.

        ``primary`` are the words naming what is counted; ``context`` the rest of the clause;
        ``document`` the base forms of the whole report. A label word found nowhere near the
        figure counts against the indicator, less so when the report uses it elsewhere ("за
        наркопреступления" said once in the lead covers the figures after it): "96 лиц за
        торговлю людьми" is not "persons prosecuted for drug crimes".
        """
        near, far = _meaningful(primary, lang), _meaningful(context, lang)
        if not near:  # "4 884 лица": the counted noun says nothing; the clause does
            near, far = far, frozenset()
        best: IndicatorMatch = IndicatorMatch(None, 0.0)
        for concept in self.concepts:
            if not all(self._about(topic, lang, document) for topic in concept.topics):
                continue  # "persons prosecuted for drug crimes" in a report on trafficking
            # Each name of the concept is tried on its own (its label, and hidden labels such
            # as "Изъятый гашиш"); the concept scores as its best-fitting name.
            for name in concept.names.get(lang, ()):
                score, matched_near = 0.0, False
                for word in name:
                    if word & _NOISE:
                        continue
                    weight = self.weight.get(_key(word), 1.0)
                    if _meets(word, near):
                        score += 1.5 * weight
                        matched_near = True
                    elif _meets(word, far):
                        score += 0.5 * weight
                    elif _meets(word, document):
                        score -= 0.4 * weight
                    else:
                        score -= 0.8 * weight
                if matched_near and (best.concept is None or score > best.score):
                    best = IndicatorMatch(concept, score)
        if best.score < THRESHOLD:
            return IndicatorMatch(None, best.score)
        return best

    def _about(self, topic: URIRef, lang: str, document: frozenset[str]) -> bool:
        """Whether the report speaks of ``topic``: half the words of one of its names (in the
        report's language) occur in it ("Незаконный оборот наркотиков", "Есірткі")."""
        concept = self.topics.get(topic)
        if concept is None or not document:
            return True
        return any(
            sum(1 for word in name if _meets(word, document)) * 2 >= len(name)
            for name in concept.names.get(lang, ())
            if name
        )


def _meaningful(text: str, lang: str) -> frozenset[str]:
    """The base forms of the words of ``text`` that say what is counted (not "лица")."""
    return frozenset(
        form for forms in word_forms(text, lang) if not forms & _NOISE for form in forms
    )


def _label_words(concept: Concept) -> Iterable[frozenset[str]]:
    for words in concept.by_lang.values():
        yield from words


def _key(forms: frozenset[str]) -> str:
    return min(forms)


def _meets(word: frozenset[str], others: frozenset[str]) -> bool:
    return any(similar(a, b) for a in word for b in others)
