"""kg.ingest.dates: stated and relative dates in Russian and Kazakh text."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path

import pytest

from kg.ingest.dates import DateMention, find_dates

SEED = (
    Path(__file__).resolve().parent.parent / "data/sources/zakon-2025-11-29-drug-crime-council.txt"
)
# Saturday 29 November 2025, 10:58 in Almaty.
PUBLISHED = datetime.datetime.fromisoformat("2025-11-29T10:58:00+05:00")
D = datetime.date

CASES = [
    # (lang, text, stated, date, relative)
    ("ru", "Законом от 27 ноября 2025 года внесены", "27 ноября 2025 года", D(2025, 11, 27), False),
    ("ru", "подписан 27 ноября 2025 г. Главой", "27 ноября 2025 г.", D(2025, 11, 27), False),
    ("ru", "Законом от 2 января 2025 года в", "2 января 2025 года", D(2025, 1, 2), False),
    ("ru", "Закон от 2 января 2025 в силе", "2 января 2025", D(2025, 1, 2), False),
    ("ru", "заседание 27 ноября прошло", "27 ноября", D(2025, 11, 27), True),
    ("ru", "заседание 15 декабря прошло", "15 декабря", D(2024, 12, 15), True),
    ("ru", "Новости от 29.11.2025 10:58", "29.11.2025", D(2025, 11, 29), False),
    ("ru", "опубликовано 2025-11-29T10:58", "2025-11-29", D(2025, 11, 29), False),
    ("ru", "Совет собрался в четверг.", "в четверг", D(2025, 11, 27), True),
    ("ru", "В минувший четверг совет", "В минувший четверг", D(2025, 11, 27), True),
    ("ru", "в прошлую пятницу задержали", "в прошлую пятницу", D(2025, 11, 28), True),
    ("ru", "во вторник задержали", "во вторник", D(2025, 11, 25), True),
    ("ru", "в субботу задержали", "в субботу", D(2025, 11, 29), True),
    ("ru", "в среду задержали", "в среду", D(2025, 11, 26), True),
    ("ru", "в воскресенье задержали", "в воскресенье", D(2025, 11, 23), True),
    ("ru", "Вчера задержали", "Вчера", D(2025, 11, 28), True),
    ("ru", "сегодня задержали", "сегодня", D(2025, 11, 29), True),
    ("ru", "позавчера задержали", "позавчера", D(2025, 11, 27), True),
    ("kk", "2025 жылғы 3 желтоқсанда қол қойды", "2025 жылғы 3 желтоқсанда", D(2025, 12, 3), False),
    ("kk", "2025 жылғы 3 желтоқсан Заңы", "2025 жылғы 3 желтоқсан", D(2025, 12, 3), False),
    ("kk", "2025 жылғы 2 қаңтардағы Заң", "2025 жылғы 2 қаңтардағы", D(2025, 1, 2), False),
    ("kk", "27 қарашада кеңес өтті", "27 қарашада", D(2025, 11, 27), True),
    ("kk", "3 желтоқсанда кеңес өтті", "3 желтоқсанда", D(2024, 12, 3), True),
    ("kk", "27-қараша күні", "27-қараша", D(2025, 11, 27), True),
    ("kk", "15 наурыздан бастап", "15 наурыздан", D(2025, 3, 15), True),
    ("kk", "бейсенбіде кеңес өтті", "бейсенбіде", D(2025, 11, 27), True),
    ("kk", "Өткен бейсенбіде кеңес", "Өткен бейсенбіде", D(2025, 11, 27), True),
    ("kk", "дүйсенбіде ұсталды", "дүйсенбіде", D(2025, 11, 24), True),
    ("kk", "сейсенбіде ұсталды", "сейсенбіде", D(2025, 11, 25), True),
    ("kk", "сәрсенбіде ұсталды", "сәрсенбіде", D(2025, 11, 26), True),
    ("kk", "жұмада ұсталды", "жұмада", D(2025, 11, 28), True),
    ("kk", "сенбіде ұсталды", "сенбіде", D(2025, 11, 29), True),
    ("kk", "жексенбіде ұсталды", "жексенбіде", D(2025, 11, 23), True),
    ("kk", "өткен жұма күні ұсталды", "өткен жұма күні", D(2025, 11, 28), True),
    ("kk", "Кеше ұсталды", "Кеше", D(2025, 11, 28), True),
    ("kk", "бүгін ұсталды", "бүгін", D(2025, 11, 29), True),
    ("kk", "Жаңалықтар 29.11.2025 10:58", "29.11.2025", D(2025, 11, 29), False),
]


@pytest.mark.parametrize(("lang", "text", "stated", "date", "relative"), CASES)
def test_date_forms(lang: str, text: str, stated: str, date: D, relative: bool) -> None:
    (mention,) = find_dates(text, lang, PUBLISHED)
    assert mention == DateMention(
        text.index(stated), text.index(stated) + len(stated), stated, date, relative
    )
    assert text[mention.start : mention.end] == mention.stated


NOT_DATES = [
    ("ru", "31 февраля 2025 года"),
    ("ru", "31 февраля"),
    ("ru", "31.02.2025"),
    ("ru", "2025-02-30"),
    ("ru", "в 10:58 по времени Астаны"),
    ("ru", "изъято 47,2 т наркотиков"),
    ("ru", "привлечено 4 884 лица"),
    ("ru", "в 2025 году"),
    ("ru", "в ноябре 2025 года"),
    ("ru", "в среде молодежи"),
    ("ru", "статья 296 УК"),
    ("ru", "версия 1.2.2025.4"),
    ("kk", "30 ақпанда"),
    ("kk", "бейсенбіден бастап"),
    ("kk", "кешегі"),
    ("kk", "бүгінде"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_DATES)
def test_not_dates(lang: str, text: str) -> None:
    assert find_dates(text, lang, PUBLISHED) == []


def test_without_year_falls_back_on_leap_day() -> None:
    (mention,) = find_dates("29 февраля", "ru", PUBLISHED)
    assert mention.date == D(2024, 2, 29)


def test_order_and_longest_span() -> None:
    text = "Вчера, 28 ноября 2025 года, и в четверг, 27.11.2025, а также 2025-11-26."
    mentions = find_dates(text, "ru", PUBLISHED)
    assert [m.stated for m in mentions] == [
        "Вчера",
        "28 ноября 2025 года",
        "в четверг",
        "27.11.2025",
        "2025-11-26",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_kazakh_text_also_finds_russian_dates() -> None:
    (mention,) = find_dates("«27 ноября 2025 года» деп жазылған", "kk", PUBLISHED)
    assert mention.date == D(2025, 11, 27)


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="en"):
        find_dates("today", "en", PUBLISHED)


def test_seed_text() -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = find_dates(text, "ru", PUBLISHED)
    # The header and the photo caption carry the publication date; the story, two more.
    assert [m.date for m in mentions] == [D(2025, 11, 29)] * 3 + [D(2025, 1, 2), D(2025, 11, 27)]
    story = text.index("В Казахстане за наркопреступления")
    assert [(m.stated, m.relative) for m in mentions if m.start > story] == [
        ("2 января 2025 года", False),
        ("27 ноября 2025 года", False),
    ]
    assert all(text[m.start : m.end] == m.stated for m in mentions)
