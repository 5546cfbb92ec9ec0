"""Wording helpers of the synthetic texts: dates, numbers and lists in en, ru and kk."""

from __future__ import annotations

from datetime import date

from kg.synth import vocab


def day_text(day: date, lang: str) -> str:
    """Format 5 March 2024", "5 марта 2024 года", "2024 жылғы 5 наурыздағы"."""
    if lang == "ru":
        return f"{day.day} {vocab.MONTHS_RU[day.month - 1]} {day.year} года"
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {vocab.MONTHS_KK[day.month - 1]}"
    return f"{day.day} {vocab.MONTHS_EN[day.month - 1]} {day.year}"


def on_day(day: date, lang: str) -> str:
    """A date as an adverbial: "on 5 March 2024", "5 марта 2024 года", "2024 жылғы 5 наурызда"."""
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {vocab.MONTHS_KK[day.month - 1][:-2]}"
    return ("on " if lang == "en" else "") + day_text(day, lang)


def group_digits(value: int, lang: str) -> str:
    """7374 → "7,374" (en) or "7 374" (ru, kk)."""
    text = f"{abs(value):,}".replace(",", "," if lang == "en" else " ")
    return ("-" if value < 0 else "") + text


def tenths(value: int, lang: str) -> str:
    """472 (tenths) → "47.2" (en) or "47,2"; whole numbers without a fraction: 130 → "13"."""
    whole, frac = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    if frac == 0:
        return sign + str(whole)
    return f"{sign}{whole}{'.' if lang == 'en' else ','}{frac}"


def decimal_literal(value: int) -> str:
    """Tenths as an xsd:decimal lexical form: -45 → "-4.5", 130 → "13.0"."""
    whole, frac = divmod(abs(value), 10)
    return f"{'-' if value < 0 else ''}{whole}.{frac}"


def count_text(value: int, lang: str, *, more_than: bool = False) -> str:
    """A count as a report writes it: "7 374", "10 тыс.", "свыше 60 тыс.", "60 мыңнан астам"."""
    if value >= 10_000 and value % 1000 == 0:
        thousands = value // 1000
        if lang == "ru":
            text = f"{thousands} тыс."
        elif lang == "kk":
            text = f"{thousands} мың"
        else:
            text = f"{thousands} thousand"
    else:
        text = group_digits(value, lang)
    if not more_than:
        return text
    if lang == "ru":
        return f"свыше {text}"
    if lang == "kk":
        return f"{text}нан астам" if text.endswith("мың") else f"{text}-дан астам"
    return f"more than {text}"


def tonnes_text(value: int, lang: str) -> str:
    """Tenths of a tonne: 472 → "47,2 т" or "47.2 t"."""
    return tenths(value, lang) + (" t" if lang == "en" else " т")


def percent_text(value: int, lang: str) -> str:
    """Tenths of a percent with a sign: -40 → "-4%", 105 → "+10,5%"."""
    return ("+" if value > 0 else "") + tenths(value, lang) + "%"


def join(items: list[str], lang: str) -> str:
    """Format a, b and c" / "a, b и c" / "a, b және c"."""
    if len(items) == 1:
        return items[0]
    conj = {"en": " and ", "ru": " и ", "kk": " және "}[lang]
    return ", ".join(items[:-1]) + conj + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter (labels used inside a sentence)."""
    return text[:1].lower() + text[1:]
