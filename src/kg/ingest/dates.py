"""Find calendar dates in Russian and Kazakh news text, resolving relative ones."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """A date stated in a text, with its character offsets and resolved value."""

    start: int
    end: int
    stated: str
    date: datetime.date
    relative: bool


_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_KK_MONTHS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)
# Weekday numbers follow datetime.date.weekday(): Monday is 0.
_RU_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
}
_KK_WEEKDAYS = {
    "дүйсенбі": 0,
    "сейсенбі": 1,
    "сәрсенбі": 2,
    "бейсенбі": 3,
    "жұма": 4,
    "сенбі": 5,
    "жексенбі": 6,
}
_RU_DAYS_BACK = {"сегодня": 0, "вчера": 1, "накануне": 1, "позавчера": 2}
_KK_DAYS_BACK = {"бүгін": 0, "кеше": 1}

_F = re.IGNORECASE
# Digits glued to other digits, dots or hyphens belong to something else (an id, a version).
_NUM_START = r"(?<![\d.,:/-])"
_NUM_END = r"(?![\d]|[.,:/-]\d)"

_ISO = re.compile(rf"{_NUM_START}(\d{{4}})-(\d{{2}})-(\d{{2}}){_NUM_END}")
_DOTTED = re.compile(
    rf"{_NUM_START}(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_NUM_END}"
    r"(?:\s?(?:года|году|год|г\.|жылғы|жылы|ж\.))?",
    _F,
)
_RU_DAY_MONTH = re.compile(
    rf"{_NUM_START}(\d{{1,2}})\s+({'|'.join(_RU_MONTHS)})\b"
    r"(?:\s+(\d{4})\b(?:\s*(?:года|году|год|г\.))?)?",
    _F,
)
# Kazakh month names take case endings (желтоқсанда, қарашадан, шілдеге), so match the stem
# and the word's remaining letters; the day may be joined with a hyphen (3-желтоқсан).
_KK_DAY_MONTH = re.compile(
    rf"(?:{_NUM_START}(\d{{4}})\s*(?:жылғы|жылы|ж\.)\s*)?"
    rf"{_NUM_START}(\d{{1,2}})(?:\s+|-)({'|'.join(_KK_MONTHS)})\w*",
    _F,
)
_RU_WEEKDAY = re.compile(
    r"\bв(?:о)?\s+(?:(?:минувш|прошл|прошедш)\w*\s+)?"
    rf"({'|'.join(_RU_WEEKDAYS)})\b",
    _F,
)
_KK_WEEKDAY = re.compile(
    rf"\b(?:өткен\s+)?({'|'.join(_KK_WEEKDAYS)})(?:де\b|да\b|\s+күні\b)",
    _F,
)
_RU_RELATIVE = re.compile(rf"\b({'|'.join(_RU_DAYS_BACK)})\b", _F)
_KK_RELATIVE = re.compile(rf"\b({'|'.join(_KK_DAYS_BACK)})\b", _F)


def find_dates(text: str, lang: str, published: datetime.datetime) -> list[DateMention]:
    """Dates stated in `text`, in text order, non-overlapping, longest span first.

    Raises:
        ValueError: `lang` is neither "ru" nor "kk".
    """
    if lang not in ("ru", "kk"):
        raise ValueError(f"unsupported language {lang!r}: expected 'ru' or 'kk'")
    today = published.date()
    finders: list[Callable[[str, datetime.date], Iterator[DateMention]]] = [_numeric]
    finders += [_ru_day_month, _ru_weekday, _ru_relative]
    if lang == "kk":
        # Kazakh reports quote Russian dates often; Russian ones rarely quote Kazakh.
        finders += [_kk_day_month, _kk_weekday, _kk_relative]
    found = [m for finder in finders for m in finder(text, today)]
    found.sort(key=lambda m: (m.start, m.start - m.end))
    chosen: list[DateMention] = []
    for mention in found:
        if not chosen or mention.start >= chosen[-1].end:
            chosen.append(mention)
    return chosen


def _mention(
    match: re.Match[str], date: datetime.date | None, relative: bool
) -> DateMention | None:
    if date is None:
        return None
    return DateMention(match.start(), match.end(), match.group(0), date, relative)


def _valid(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _without_year(month: int, day: int, today: datetime.date) -> datetime.date | None:
    """The most recent such day on or before the publication (usually its year or the last)."""
    # Eight years back reaches the previous 29 February even across a skipped leap year (2100).
    for year in range(today.year, today.year - 9, -1):
        date = _valid(year, month, day)
        if date is not None and date <= today:
            return date
    return None


def _weekday_before(weekday: int, today: datetime.date) -> datetime.date:
    """The most recent `weekday` on or before `today`."""
    return today - datetime.timedelta(days=(today.weekday() - weekday) % 7)


def _numeric(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _ISO.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        if (m := _mention(match, _valid(year, month, day), False)) is not None:
            yield m
    for match in _DOTTED.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        if (m := _mention(match, _valid(year, month, day), False)) is not None:
            yield m


def _day_month(
    match: re.Match[str], year: str | None, day: str, month: int, today: datetime.date
) -> DateMention | None:
    if year is not None:
        return _mention(match, _valid(int(year), month, int(day)), False)
    return _mention(match, _without_year(month, int(day), today), True)


def _ru_day_month(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _RU_DAY_MONTH.finditer(text):
        day, name, year = match.groups()
        month = _RU_MONTHS.index(name.lower()) + 1
        if (m := _day_month(match, year, day, month, today)) is not None:
            yield m


def _kk_day_month(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _KK_DAY_MONTH.finditer(text):
        year, day, name = match.groups()
        month = _KK_MONTHS.index(name.lower()) + 1
        if (m := _day_month(match, year, day, month, today)) is not None:
            yield m


def _ru_weekday(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _RU_WEEKDAY.finditer(text):
        date = _weekday_before(_RU_WEEKDAYS[match.group(1).lower()], today)
        yield DateMention(match.start(), match.end(), match.group(0), date, True)


def _kk_weekday(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _KK_WEEKDAY.finditer(text):
        date = _weekday_before(_KK_WEEKDAYS[match.group(1).lower()], today)
        yield DateMention(match.start(), match.end(), match.group(0), date, True)


def _ru_relative(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _RU_RELATIVE.finditer(text):
        date = today - datetime.timedelta(days=_RU_DAYS_BACK[match.group(1).lower()])
        yield DateMention(match.start(), match.end(), match.group(0), date, True)


def _kk_relative(text: str, today: datetime.date) -> Iterator[DateMention]:
    for match in _KK_RELATIVE.finditer(text):
        date = today - datetime.timedelta(days=_KK_DAYS_BACK[match.group(1).lower()])
        yield DateMention(match.start(), match.end(), match.group(0), date, True)
