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

from kg.ingest.reference import Concept, content_words

# A figure needs this much evidence to be given an existing indicator; otherwise a new one is
# proposed with the figure's own words as its label.
THRESHOLD = 1.5
# Words that say nothing about what is counted.
_NOISE = frozenset(
    {"всего", "общий", "число", "количество", "факт", "лицо", "случай", "значительный",
     "объём", "объем", "барлығы", "саны", "жалпы", "тіркелген", "зарегистрировать"}
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
    """The indicator concepts with the weight (rarity) of each of their words."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts = [c for c in concepts if c.words]
        counts: dict[str, int] = {}
        for concept in self.concepts:
            for word in concept.words:
                counts[word] = counts.get(word, 0) + 1
        total = max(len(self.concepts), 1)
        self.weight = {w: math.log(1 + total / n) for w, n in counts.items()}

    def best(self, primary: str, context: str, lang: str) -> IndicatorMatch:
        """The indicator whose label words the figure's words cover best, if any scores enough.

        ``primary`` are the words naming what is counted; ``context`` the rest of the clause.
        """
        near = content_words(primary, lang) - _NOISE
        far = content_words(context, lang) - _NOISE
        best: IndicatorMatch = IndicatorMatch(None, 0.0)
        for concept in self.concepts:
            score = 0.0
            for word in concept.words - _NOISE:
                if any(similar(word, w) for w in near):
                    score += 1.5 * self.weight[word]
                elif any(similar(word, w) for w in far):
                    score += 0.5 * self.weight[word]
            # A label with many words the figure does not mention is a worse fit.
            score -= 0.1 * len(concept.words)
            if score > best.score:
                best = IndicatorMatch(concept, score)
        if best.score < THRESHOLD:
            return IndicatorMatch(None, best.score)
        return best
