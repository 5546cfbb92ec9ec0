"""The report as text: its header, paragraphs and sentences, with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# "# key: value" lines at the top are the file's own notes (url, language…), not the story.
_HEADER = re.compile(r"#[^\n]*\n")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the report: its offsets in the whole text and its paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int


def body_start(text: str) -> int:
    """Offset of the first character after the leading ``#`` comment lines."""
    offset = 0
    while True:
        match = _HEADER.match(text, offset)
        if match is None:
            return offset
        offset = match.end()


@cache
def _segmenter() -> Any:
    from natasha import Segmenter  # type: ignore[import-untyped]  # ships no type information

    return Segmenter()


def sentences(text: str) -> list[Sentence]:
    """Split the body into sentences; each paragraph (line) is split on its own.

    razdel (natasha's segmenter) knows Russian abbreviations ("тыс.", "РК"), so "10 тыс.
    мероприятий" stays in one sentence; it also splits Kazakh text acceptably.
    """
    from razdel import sentenize  # type: ignore[import-untyped]  # ships no type information

    found: list[Sentence] = []
    offset = body_start(text)
    paragraph = 0
    for line in text[offset:].split("\n"):
        if line.strip():
            for part in sentenize(line):
                chunk = part.text.strip()
                if chunk:
                    start = offset + part.start + part.text.find(chunk)
                    found.append(Sentence(start, start + len(chunk), chunk, paragraph, len(found)))
            paragraph += 1
        offset += len(line) + 1
    return _join_quotes(text, found)


# A piece that starts like this continues the sentence before it: razdel cuts "(7 374; -4%)"
# at the semicolon and a quotation before its "– said the ministry" attribution.
_CONTINUATION = re.compile(r"^[a-zа-яёәғқңөұүһі0-9+\-–—()%,;:]")


def _join_quotes(text: str, found: list[Sentence]) -> list[Sentence]:
    """Rejoin the pieces razdel cut inside one sentence (see _CONTINUATION)."""
    joined: list[Sentence] = []
    for sentence in found:
        if (
            joined
            and joined[-1].paragraph == sentence.paragraph
            and (_CONTINUATION.match(sentence.text) or joined[-1].text.endswith(";"))
        ):
            last = joined.pop()
            sentence = Sentence(last.start, sentence.end, text[last.start : sentence.end],
                                last.paragraph, last.index)  # fmt: skip
        joined.append(sentence)
    return [Sentence(s.start, s.end, s.text, s.paragraph, i) for i, s in enumerate(joined)]


# "…", – обозначили в главном надзорном ведомстве. Whoever is named after the dash is the
# speaker of the quotation; they do not take part in what the quotation reports.
ATTRIBUTION = re.compile(r"[»\"”]\s*[,.]?\s*[–—-]\s+\w+")


def speaker_start(sentence: Sentence) -> int:
    """The absolute offset where a trailing "– said X" attribution starts (or the end)."""
    match = ATTRIBUTION.search(sentence.text)
    return sentence.start + match.start() if match else sentence.end
