"""kg.ingest.figures: counts, amounts and percent changes in Russian and Kazakh text."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kg.ingest.dates import find_dates
from kg.ingest.figures import Figure, find_figures

SEED = Path(__file__).resolve().parent.parent / "data/sources"
SEED_TEXT = (SEED / "zakon-2025-11-29-drug-crime-council.txt").read_text(encoding="utf-8")
PUBLISHED = datetime.datetime.fromisoformat("2025-11-29T10:58:00+05:00")
MORE, ABOUT, LESS = "more-than", "about", "less-than"

# (lang, text, stated, value, unit, qualifier, counted noun or None)
LEVELS = [
    ("ru", "привлечено 4 884 лица", "4 884", "4884", "NUM", None, "лица"),
    ("ru", "привлечено 4\u00a0884 лица", "4\u00a0884", "4884", "NUM", None, "лица"),
    ("ru", "возбуждено 7\u202f374 дела", "7\u202f374", "7374", "NUM", None, "дела"),
    ("ru", "ущерб 12 345 678 тенге", "12 345 678 тенге", "12345678", "KZT", None, None),
    ("ru", "15 организованных преступных групп", "15", "15", "NUM", None, "организованных"),
    ("ru", "наркотических средств (47,2 т) и", "47,2 т", "47.2", "TONNE", None, None),
    ("ru", "изъято 10 тонн героина", "10 тонн", "10", "TONNE", None, "героина"),
    ("ru", "изъято 2 тонны", "2 тонны", "2", "TONNE", None, None),
    ("ru", "изъята 1 тонна", "1 тонна", "1", "TONNE", None, None),
    ("ru", "изъято 3 кг марихуаны", "3 кг", "3", "KiloGM", None, "марихуаны"),
    ("ru", "изъято 12 килограммов", "12 килограммов", "12", "KiloGM", None, None),
    ("ru", "изъято 500 г героина", "500 г", "500", "GM", None, "героина"),
    ("ru", "изъято 250 граммов", "250 граммов", "250", "GM", None, None),
    ("ru", "доля 15%", "15%", "15", "PERCENT", None, None),
    ("ru", "доля 15 процентов", "15 процентов", "15", "PERCENT", None, None),
    ("ru", "Проведено 10 тыс. мероприятий", "10 тыс.", "10000", "NUM", None, "мероприятий"),
    ("ru", "Проведено 10 тысяч мероприятий", "10 тысяч", "10000", "NUM", None, "мероприятий"),
    (
        "ru",
        "ликвидировано свыше 60 тыс. граффити",
        "свыше 60 тыс.",
        "60000",
        "NUM",
        MORE,
        "граффити",
    ),
    (
        "ru",
        "заблокировано более 180 тыс. счетов",
        "более 180 тыс.",
        "180000",
        "NUM",
        MORE,
        "счетов",
    ),
    ("ru", "больше 20 человек", "больше 20", "20", "NUM", MORE, "человек"),
    ("ru", "более чем 100 фактов", "более чем 100", "100", "NUM", MORE, "фактов"),
    ("ru", "около 200 человек", "около 200", "200", "NUM", ABOUT, "человек"),
    ("ru", "порядка 30 групп", "порядка 30", "30", "NUM", ABOUT, "групп"),
    ("ru", "менее 5%", "менее 5%", "5", "PERCENT", LESS, None),
    ("ru", "доля снизилась до 7%", "7%", "7", "PERCENT", None, None),
    ("ru", "ущерб 2,3 млрд тенге", "2,3 млрд тенге", "2300000000", "KZT", None, None),
    ("ru", "ущерб 5 млн долларов", "5 млн долларов", "5000000", "USD", None, None),
    ("ru", "в том числе три транснациональных", "три", "3", "NUM", None, "транснациональных"),
    ("ru", "органов семи иностранных государств", "семи", "7", "NUM", None, "иностранных"),
    ("ru", "задержаны двух лиц", "двух", "2", "NUM", None, "лиц"),
    ("ru", "пяти сотрудников", "пяти", "5", "NUM", None, "сотрудников"),
    ("ru", "десять человек", "десять", "10", "NUM", None, "человек"),
    ("ru", "двадцать пять человек", "двадцать пять", "25", "NUM", None, "человек"),
    ("ru", "три тысячи граждан", "три тысячи", "3000", "NUM", None, "граждан"),
    ("ru", "более двух тонн", "более двух тонн", "2", "TONNE", MORE, None),
    ("kk", "4 884 адам жауапқа тартылды", "4 884", "4884", "NUM", None, "адам"),
    ("kk", "47,2 тонна есірткі", "47,2 тонна", "47.2", "TONNE", None, "есірткі"),
    ("kk", "2,3 млрд теңге залал", "2,3 млрд теңге", "2300000000", "KZT", None, "залал"),
    ("kk", "10 мың іс-шара", "10 мың", "10000", "NUM", None, "іс-шара"),
    ("kk", "60 мыңнан астам граффити", "60 мыңнан астам", "60000", "NUM", MORE, "граффити"),
    ("kk", "100-ден астам адам", "100-ден астам", "100", "NUM", MORE, "адам"),
    ("kk", "100-ден асса", "100-ден асса", "100", "NUM", MORE, None),
    ("kk", "100-ден кем емес адам", "100-ден кем емес", "100", "NUM", MORE, "адам"),
    ("kk", "10 пайыздан кем", "10 пайыздан кем", "10", "PERCENT", LESS, None),
    ("kk", "50-ге жуық топ", "50-ге жуық", "50", "NUM", ABOUT, "топ"),
    ("kk", "шамамен 30 адам", "шамамен 30", "30", "NUM", ABOUT, "адам"),
    ("kk", "15 пайыз", "15 пайыз", "15", "PERCENT", None, None),
    ("kk", "үш трансұлттық топ", "үш", "3", "NUM", None, "трансұлттық"),
    ("kk", "жеті шет мемлекет", "жеті", "7", "NUM", None, "шет"),
    ("kk", "он бес қылмыстық топ", "он бес", "15", "NUM", None, "қылмыстық"),
    ("kk", "он бір адам", "он бір", "11", "NUM", None, "адам"),
    ("kk", "екі құрал", "екі", "2", "NUM", None, "құрал"),
]


@pytest.mark.parametrize(("lang", "text", "stated", "value", "unit", "qualifier", "noun"), LEVELS)
def test_levels(
    lang: str,
    text: str,
    stated: str,
    value: str,
    unit: str,
    qualifier: str | None,
    noun: str | None,
) -> None:
    (figure,) = find_figures(text, lang)
    start = text.index(stated)
    noun_span = (text.index(noun, start), text.index(noun, start) + len(noun)) if noun else None
    assert figure == Figure(
        start,
        start + len(stated),
        stated,
        Decimal(value),
        unit,
        "level",
        qualifier,
        None,
        *(noun_span or (None, None)),
    )


# (lang, text, [(stated, value, unit, kind, change_of)])
CHANGES = [
    (
        "ru",
        "снижение наркопреступности (7 374; -4%) при",
        [("7 374", 7374, "NUM", "level", None), ("-4%", -4, "PERCENT", "relative-change", 0)],
    ),
    (
        "ru",
        "сбыт наркотиков (2 245; +10%).",
        [("2 245", 2245, "NUM", "level", None), ("+10%", 10, "PERCENT", "relative-change", 0)],
    ),
    (
        "ru",
        "Выявлено 312 фактов (–7%).",
        [("312", 312, "NUM", "level", None), ("–7%", -7, "PERCENT", "relative-change", 0)],
    ),
    (
        "ru",
        "Выявлено 312 фактов (−7%).",
        [("312", 312, "NUM", "level", None), ("−7%", -7, "PERCENT", "relative-change", 0)],
    ),
    ("ru", "Число преступлений снизилось на 7%.", [("7%", -7, "PERCENT", "relative-change", None)]),
    ("ru", "Отмечен рост на 10%.", [("10%", 10, "PERCENT", "relative-change", None)]),
    ("ru", "Снижение на 4% к прошлому году", [("4%", -4, "PERCENT", "relative-change", None)]),
    (
        "ru",
        "Зарегистрировано 1 200 преступлений, что на 7% меньше.",
        [("1 200", 1200, "NUM", "level", None), ("7%", -7, "PERCENT", "relative-change", 0)],
    ),
    (
        "ru",
        "Выявлено 40 фактов. Их число выросло на 5%.",
        [("40", 40, "NUM", "level", None), ("5%", 5, "PERCENT", "relative-change", None)],
    ),
    (
        "kk",
        "Есірткі қылмысы (7 374; -4%) азайды.",
        [("7 374", 7374, "NUM", "level", None), ("-4%", -4, "PERCENT", "relative-change", 0)],
    ),
    ("kk", "Қылмыс 7%-ға азайды.", [("7%", -7, "PERCENT", "relative-change", None)]),
    (
        "kk",
        "2 245 қылмыс тіркелді, сату 10%-ға өсті.",
        [("2 245", 2245, "NUM", "level", None), ("10%", 10, "PERCENT", "relative-change", 0)],
    ),
    ("kk", "Үлесі 10%-ға дейін", [("10%-ға дейін", 10, "PERCENT", "level", None)]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CHANGES)
def test_changes(
    lang: str, text: str, expected: list[tuple[str, int, str, str, int | None]]
) -> None:
    figures = find_figures(text, lang)
    got = [(f.stated, f.value, f.unit, f.kind, f.change_of) for f in figures]
    assert got == [(s, Decimal(v), u, k, c) for s, v, u, k, c in expected]
    assert all(text[f.start : f.end] == f.stated for f in figures)
    assert all(f.noun_start is None for f in figures if f.kind == "relative-change")


NOT_FIGURES = [
    ("ru", "Новости от 29.11.2025 10:58"),
    ("ru", "в 10:58 по времени Астаны"),
    ("ru", "опубликовано 2025-11-29"),
    ("ru", "в 2024 году и 2025 г., за 2023-2024 годы, с 2020 по 2024 год"),
    ("ru", "по статье 296 УК, ст. 297, ч. 2 ст. 296, статьями 296, 297 и 299"),
    ("ru", "Закон № 226-V ЗРК и приказ №123"),
    ("ru", "пункт 3 и подпункт 5"),
    ("ru", "https://www.zakon.kz/sobytiia/6499392-genprokuratura.html"),
    ("ru", "www.zakon.kz/6499392"),
    ("ru", "3-й раз, 5-летний срок, COVID-19, Су-27, 5G, 24/7"),
    ("ru", "сроком 5-10 лет, тел. 8-727-123-45-67"),
    ("ru", "версия 1.2.3 и курс 4.5"),
    ("ru", "27 ноября прошло заседание"),
    ("ru", "один из них, одного из участников"),
    ("ru", "три, два, один"),
    ("ru", "поддержать семью погибшего"),
    ("kk", "2025 жылғы 3 желтоқсанда, 2024 жылы, 2023 ж."),
    ("kk", "ҚК-нің 296-бабының 2-бөлігі"),
    ("kk", "3-ші орын"),
    ("kk", "бір адам"),
    ("kk", "бірінші тоқсан ішінде"),
    # Durations say when or how long, not how many.
    ("ru", "за 11 месяцев текущего года, за десять месяцев, лишение свободы до 10 лет"),
    ("kk", "он күн өткен соң, 11 айда"),
]


@pytest.mark.parametrize(("lang", "text"), NOT_FIGURES)
def test_not_figures(lang: str, text: str) -> None:
    assert find_figures(text, lang) == []


def test_skip_spans() -> None:
    text = "Законом от 31 февраля 2025 года внесено 5 поправок"
    assert find_dates(text, "ru", PUBLISHED) == []  # not a date at all
    assert [f.stated for f in find_figures(text, "ru")] == ["5"]
    assert find_figures(text, "ru", skip=[(text.index("5 поправок"), len(text))]) == []


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="en"):
        find_figures("5 people", "en")


# (value, unit, qualifier, counted noun) in text order.
SEED_FIGURES = [
    ("4884", "NUM", None, "лица"),  # the lead
    ("58", "NUM", None, "несовершеннолетних"),
    ("15", "NUM", None, "организованных"),
    ("3", "NUM", None, "транснациональных"),
    ("7374", "NUM", None, None),  # the quote
    ("-4", "PERCENT", None, None),
    ("2245", "NUM", None, None),
    ("10", "PERCENT", None, None),
    ("47.2", "TONNE", None, None),
    ("14.9", "TONNE", None, None),
    ("1.6", "TONNE", None, None),
    ("13", "TONNE", None, None),
    ("148", "NUM", None, "каналов"),
    ("24", "NUM", None, None),
    ("98", "NUM", None, None),
    ("4884", "NUM", None, "лица"),  # the body repeats the lead
    ("58", "NUM", None, "несовершеннолетних"),
    ("15", "NUM", None, "организованных"),
    ("3", "NUM", None, "транснациональных"),
    ("10000", "NUM", None, "мероприятий"),
    ("60000", "NUM", MORE, "граффити"),
    ("180000", "NUM", MORE, "наркосчетов"),
    ("12", "NUM", None, "внешних"),
    ("7", "NUM", None, "иностранных"),
    ("2", "NUM", None, "инновационных"),  # "используется два инновационных инструмента"
]


def test_seed_text() -> None:
    text = SEED_TEXT
    dates = find_dates(text, "ru", PUBLISHED)
    figures = find_figures(text, "ru", skip=[(d.start, d.end) for d in dates])
    nouns = [text[f.noun_start : f.noun_end] if f.noun_start is not None else None for f in figures]
    got = [(f.value, f.unit, f.qualifier, noun) for f, noun in zip(figures, nouns, strict=True)]
    assert got == [(Decimal(v), u, q, n) for v, u, q, n in SEED_FIGURES]
    assert [f.stated for f in figures[4:8]] == ["7 374", "-4%", "2 245", "+10%"]
    assert [f.stated for f in figures[19:22]] == ["10 тыс.", "свыше 60 тыс.", "более 180 тыс."]
    assert [(f.kind, f.change_of) for f in figures[4:8]] == [
        ("level", None),
        ("relative-change", 4),
        ("level", None),
        ("relative-change", 6),
    ]
    assert all(f.kind == "level" for i, f in enumerate(figures) if i not in (5, 7))
    assert all(text[f.start : f.end] == f.stated for f in figures)
