"""Find reported figures (counts, amounts, percent changes) in Russian and Kazakh news text."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Figure", "find_figures"]


@dataclass(frozen=True)
class Figure:
    """A figure as written, its value and unit, and the noun it counts."""

    start: int
    end: int
    stated: str
    value: Decimal
    unit: str
    kind: str
    qualifier: str | None
    change_of: int | None
    noun_start: int | None
    noun_end: int | None


_F = re.IGNORECASE


def _words(text: str) -> list[str]:
    return text.split()


_SEP = "[ \u00a0\u202f\u2009]"
_SIGNS = {"+": 1, "-": -1, "–": -1, "−": -1}
# Letters, digits, dots, commas, colons and slashes glued to a number make it part of something
# else: an id, a version, a time, a fraction, a dotted date.
_NUMBER = re.compile(
    rf"(?<![\w.,:/])(?:\d{{1,3}}(?:{_SEP}\d{{3}})+|\d+)(?:,\d+)?(?![\d]|[.,:/]\d)",
)
_MAGNITUDES: list[tuple[str, int]] = [
    (r"тыс\.|тыс\b|тысяч\w*", 3),
    (r"мың\w*", 3),
    (r"млн\.?|миллион\w*", 6),
    (r"млрд\.?|миллиард\w*", 9),
]
_UNITS: list[tuple[str, str]] = [
    (r"%", "PERCENT"),
    (r"процент\w*|пайыз\w*", "PERCENT"),
    (r"тонн\w*|т\b", "TONNE"),
    (r"кг\b|килограмм\w*", "KiloGM"),
    (r"грамм\w*|гр?\b", "GM"),
    (r"тенге\b|теңге\w*|тг\b", "KZT"),
    (r"доллар\w*|долл\.|USD\b", "USD"),
]
_MAGNITUDE = re.compile("|".join(f"({p})" for p, _ in _MAGNITUDES), _F)
_UNIT = re.compile("|".join(f"({p})" for p, _ in _UNITS), _F)
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]*")

MORE, ABOUT, LESS = "more-than", "about", "less-than"
_PREFIX_QUALIFIERS = {
    "ru": [
        ("не менее чем", MORE),
        ("не менее", MORE),  # "at least": nearest of the three qualifiers the model has
        ("не меньше", MORE),
        ("более чем", MORE),
        ("свыше", MORE),
        ("более", MORE),
        ("больше", MORE),
        ("около", ABOUT),
        ("порядка", ABOUT),
        ("примерно", ABOUT),
        ("приблизительно", ABOUT),
        ("не более чем", LESS),
        ("не более", LESS),
        ("не больше", LESS),
        ("менее чем", LESS),
        ("менее", LESS),
        ("меньше", LESS),
        ("до", LESS),
    ],
    "kk": [("кемінде", MORE), ("шамамен", ABOUT)],
}
_PREFIX = {
    lang: re.compile(
        r"(?<!\w)(" + "|".join(q for q, _ in pairs) + r")[ \u00a0]+\Z",
        _F,
    )
    for lang, pairs in _PREFIX_QUALIFIERS.items()
}
_KK_POSTFIX = dict.fromkeys(_words("астам асса артық"), MORE) | {"жуық": ABOUT}
_KK_POSTFIX |= {"дейін": LESS, "кем": LESS}
# Case endings a Kazakh number takes after a hyphen ("7%-ға", "60-тан"); anything else after a
# hyphen is an ordinal ("3-ші", "5-й") or a reference ("296-бабы").
_KK_CASE = frozenset(
    _words(
        "ға ге қа ке а е на не ны ні ды ді ты ті ның нің дың дің тың тің дан ден тан тен нан нен "
        "да де та те нда нде мен бен пен ы і сы сі ын ін ына іне ынан інен ында інде "
        # collective numerals: "2-еуі" (two of them), "6-ауы"
        "еу еуі еуін ау ауы уы уі"
    )
)
_DECREASE = re.compile(
    r"\b(сни[зж]|сокра[тщ]|уменьш|упа[лд]|паден|спад|азай|төменде|қысқар|кеми)",
    _F,
)
_INCREASE = re.compile(
    r"\b(рост|рос[лш]|выро[сш]|возро|увелич|прирост|повы[сш]|өс[іктму]|арт[тқу]|ұлғай|көбей)",
    _F,
)
_COMPARATIVE = {"меньше": -1, "ниже": -1, "больше": 1, "выше": 1}

_RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_KK_MONTHS = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
# Spans that hold numbers which are not figures.
_EXCLUDED = [
    re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:kz|ru|com|org|net|gov)/\S*", _F),
    re.compile(r"\d{1,2}:\d{2}(?::\d{2})?"),
    re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}"),
    re.compile(r"№\s*[\w./-]+(?:\s*(?:,|и)\s*\d[\w./-]*)*"),
    re.compile(
        r"\b(?:стать\w*|ст\.|част(?:ь|и|ью)|ч\.|(?:под)?пункт(?:а|е|ом|ы)?|п\.|пп\.|глав[аеу]|гл\."
        r"|раздел\w*"
        r"|абзац\w*|параграф\w*|§)\s*\d[\w.-]*(?:\s*(?:,|и)\s*\d[\w.-]*)*",
        _F,
    ),
    re.compile(
        r"(?:\b(?:с|от)\s+\d{4}\s+(?:по|до)\s+)?\b(?:1[89]|20)\d{2}(?:\s*[-–]\s*\d{4})?"
        r"\s*(?:год\w*|гг?\.|жыл\w*|ж\.)",
        _F,
    ),
    re.compile(rf"\b\d{{1,2}}(?:\s+|-)(?:{_RU_MONTHS}|{_KK_MONTHS})", _F),
    re.compile(r"\b\d+(?:\s*[-–]\s*\d+)+"),  # ranges, phone numbers and compound ids
    # Durations say when, not how many: "за 11 месяцев", "за десять месяцев", "он күн өткен соң".
    re.compile(r"\b[\w,]+\s+(?:месяц\w*|недел[ьияюе]\w*|суток|дн(?:я|ей)|лет)\b", _F),
    re.compile(r"\b(?:от|с)\s+\d+\s+(?:до|по)\s+\d+\s+(?:лет|год\w*|месяц\w*)", _F),
    re.compile(r"\b[\w,]+\s+(?:ай\b|айда\w*|айдың|айлық|апта\w*|күн\b|күннен|күнде)", _F),
    # Counts of a law's articles are not statistics: "15 бабына", "в 15 статей".
    re.compile(r"\b\d+\s+(?:бап\w*|баб\w*|стат(?:ей|ьи|ью|ья)|пункт\w*)", _F),
    # Phone and case numbers: "102 нөміріне", "по номеру 102".
    re.compile(r"\b\d+\s+(?:нөмір\w*)|(?:номер\w*|телефон\w*)\s+\d+", _F),
]


_RU_WORDS: dict[int, list[str]] = {
    1: _words("один одного одному одним одном одна одной одну одною одно одни одних одними"),
    2: _words("два две двух двум двумя двое двоих"),
    3: _words("три трех трёх трем трём тремя трое троих"),
    4: _words("четыре четырех четырёх четырем четырём четырьмя четверо четверых"),
    8: _words("восемь восьми восемью восьмью"),
    40: _words("сорок сорока"),
    50: _words("пятьдесят пятидесяти пятьюдесятью"),
    60: _words("шестьдесят шестидесяти шестьюдесятью"),
    70: _words("семьдесят семидесяти семьюдесятью"),
    80: _words("восемьдесят восьмидесяти восемьюдесятью восьмьюдесятью"),
    90: _words("девяносто девяноста"),
    100: _words("сто ста"),
}
# The others through thirty decline alike: пять, пяти, пятью. "Семью" is left out: it is
# mostly the accusative of "семья" (family).
_STEMS = "пят шест сем - девят десят одиннадцат двенадцат тринадцат четырнадцат пятнадцат"
_STEMS += " шестнадцат семнадцат восемнадцат девятнадцат двадцат тридцат"
for _value, _stem in zip([*range(5, 21), 30], _words(_STEMS), strict=True):
    if _stem != "-":
        _RU_WORDS[_value] = [f"{_stem}ь", f"{_stem}и"] + ([f"{_stem}ью"] if _value != 7 else [])
# Kazakh numerals stand uninflected before the noun they count. "Бір" alone is mostly the
# indefinite article ("бір адам", a person), so it counts only inside "он бір" and the like.
_KK_WORDS = dict(
    zip(
        [*range(2, 11), *range(20, 100, 10)],
        [[w] for w in _words("екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу")]
        + [[w] for w in _words("алпыс жетпіс сексен тоқсан")],
        strict=True,
    )
)
_WORD_VALUES = {
    lang: {form: value for value, forms in table.items() for form in forms}
    for lang, table in (("ru", _RU_WORDS), ("kk", _KK_WORDS))
}
_KK_UNITS_ONLY = {"бір": 1}
_WORD = {
    lang: re.compile(r"\b(" + "|".join(sorted(values, key=len, reverse=True)) + r")\b", _F)
    for lang, values in _WORD_VALUES.items()
}
_NOUN = re.compile(r"[ \u00a0]+([^\W\d_][\w-]*)")
_STOP = frozenset(
    _words(
        "и или а но в во на с со из от до по за к ко о об у для при без над под что как чем "
        "из-за раза также же ли не ни это этого их его ее её них которых которые "
        "және мен бен пен немесе да де та те ғана ал ішінде бойынша туралы"
    )
)


def find_figures(text: str, lang: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Figures stated in `text`, in text order; numbers inside `skip` spans are ignored.

    Raises:
        ValueError: `lang` is neither "ru" nor "kk".
    """
    if lang not in ("ru", "kk"):
        raise ValueError(f"unsupported language {lang!r}: expected 'ru' or 'kk'")
    excluded = sorted(
        [(m.start(), m.end()) for pattern in _EXCLUDED for m in pattern.finditer(text)]
        + [(start, end) for start, end in skip]
    )
    cores = sorted(
        [c for c in _digit_cores(text, lang) if not _inside(c[0], c[1], excluded)]
        + [c for c in _word_cores(text, lang) if not _inside(c[0], c[1], excluded)]
    )
    sentences = _sentence_starts(text)
    figures: list[Figure] = []
    for start, end, value in cores:
        figure = _figure(text, lang, start, end, value)
        if figure is None:
            continue
        if figure.kind == "relative-change":
            figure = _link_change(figure, figures, sentences)
        figures.append(figure)
    return _link_forward(text, figures)


# "сократилось на 14% и составило 41,5 тыс.", "выросло на 6% – до 19,8 тыс.",
# "18%-ға азайып, 640-қа жетті": the level comes right after its change.
_CHANGE_THEN_LEVEL = re.compile(
    r"^\s*(?:и\s+(?:составил\w*|достиг\w*)|[–—-]\s*до|,?\s*до|,\s*\w+\s+жетті)\s*$", _F
)


def _link_forward(text: str, figures: list[Figure]) -> list[Figure]:
    linked = list(figures)
    for n, change in enumerate(figures[:-1]):
        level = figures[n + 1]
        if change.kind == "relative-change" and level.kind == "level":
            between = text[change.end : level.start]
            if _CHANGE_THEN_LEVEL.match(between):
                linked[n] = dataclasses.replace(change, change_of=n + 1)
    return linked


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"[.!?…][\"»”)]*\s+(?=[\"«(]?[^\W\d_])|\n+", text):
        if match.end() == len(text):
            break
        # A lower-case word after a dot follows an abbreviation ("тыс. мероприятий").
        if match.group(0).strip() and text[match.end()].islower():
            continue
        starts.append(match.end())
    return starts


def _digit_cores(text: str, lang: str) -> Iterator[tuple[int, int, Decimal]]:
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if start > 1 and text[start - 1] in _SIGNS and text[start - 2].isalnum():
            continue  # "COVID-19", "226-V": a hyphen joins, it is no sign
        if end < len(text) and text[end] == "-":
            suffix = re.match(r"-(\w+)", text[end:])
            if lang == "ru" or suffix is None or suffix.group(1).lower() not in _KK_CASE:
                continue  # "3-й", "5-летний", "3-ші", "296-бабы"
        if end < len(text) and text[end].isalpha() and not _UNIT.match(text, end):
            continue  # "5G", "A380"
        number = re.sub(_SEP, "", match.group(0)).replace(",", ".")
        yield start, end, Decimal(number)


def _word_cores(text: str, lang: str) -> Iterator[tuple[int, int, Decimal]]:
    values = _WORD_VALUES[lang]
    matches = list(_WORD[lang].finditer(text))
    i = 0
    while i < len(matches):
        match = matches[i]
        start, end = match.span()
        value = values[match.group(1).lower()]
        i += 1
        # Tens followed by a unit word make one number: "двадцать пять", "он екі".
        follow = re.match(r"[ \u00a0]+(\w+)", text[end:])
        if value % 10 == 0 and value < 100 and follow is not None:
            unit_word = follow.group(1).lower()
            unit = values.get(unit_word, _KK_UNITS_ONLY.get(unit_word) if lang == "kk" else None)
            if unit is not None and unit < 10:
                end += follow.end()
                value += unit
                if i < len(matches) and matches[i].start() < end:
                    i += 1
        noun = _NOUN.match(text, end)
        if noun is None or noun.group(1).lower() in _STOP:
            continue  # a number word counts only the noun right after it
        yield start, end, Decimal(value)


def _figure(text: str, lang: str, start: int, end: int, value: Decimal) -> Figure | None:
    """Extend a number to its sign, qualifier, magnitude and unit."""
    stated_end = end
    pos = end
    if (magnitude := _MAGNITUDE.match(text, _skip_spaces(text, pos))) is not None:
        power = next(p for (_, p), g in zip(_MAGNITUDES, magnitude.groups(), strict=True) if g)
        value *= Decimal(10) ** power
        pos = stated_end = magnitude.end()
    unit = "NUM"
    unit_match = _UNIT.match(text, pos if text[pos : pos + 1] == "%" else _skip_spaces(text, pos))
    if unit_match is not None:
        unit = next(u for (_, u), g in zip(_UNITS, unit_match.groups(), strict=True) if g)
        pos = stated_end = unit_match.end()
    # A Kazakh case ending after a hyphen: "7%-ға", "60-тан".
    if lang == "kk" and (suffix := re.match(r"-(\w+)", text[pos:])) is not None:
        if suffix.group(1).lower() not in _KK_CASE:
            return None
        pos += suffix.end()

    sign = 0
    if start > 0 and text[start - 1] in _SIGNS:
        sign = _SIGNS[text[start - 1]]
        start -= 1
    qualifier = None
    post = re.match(r"[ \u00a0]+(\w+)", text[pos:]) if lang == "kk" else None
    if post is not None and (qualifier := _KK_POSTFIX.get(post.group(1).lower())) is not None:
        pos = stated_end = pos + post.end()
        if qualifier == LESS and (negated := re.match(r"[ \u00a0]+емес\b", text[pos:])):
            # "100-ден кем емес": not less than, at least.
            qualifier, pos = MORE, pos + negated.end()
            stated_end = pos
    head = text[max(0, start - 40) : start]
    prefix = _PREFIX[lang].search(head) if sign == 0 else None
    if prefix is not None:
        qualifier = dict(_PREFIX_QUALIFIERS[lang])[prefix.group(1).lower()]
        start -= len(head) - prefix.start()
        if prefix.group(1).lower() == "до" and _before_to_is_change(head[: prefix.start()]):
            # "снизилось до 7%", "с 5 до 10": "до" names the new level, not a bound.
            start += len(prefix.group(0))
            qualifier = None

    kind = "level"
    if sign:
        kind = "relative-change"
        value *= sign
    elif (
        unit == "PERCENT"
        and (lang == "ru" or qualifier is None)
        and (change := _change_sign(text, lang, start, pos)) is not None
    ):
        kind, value = "relative-change", value * change
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    noun_start = noun_end = None
    if kind == "level" and (noun := _NOUN.match(text, pos)) is not None:
        word = noun.group(1).lower()
        if word not in _STOP and not _DECREASE.match(word) and not _INCREASE.match(word):
            noun_start, noun_end = noun.span(1)
    stated = text[start:stated_end]
    return Figure(
        start, stated_end, stated, value, unit, kind, qualifier, None, noun_start, noun_end
    )


def _skip_spaces(text: str, pos: int) -> int:
    match = _SPACES.match(text, pos)
    return pos if match is None else match.end()


def _before_to_is_change(head: str) -> bool:
    """Whether "до" after `head` ends a change or a range rather than stating a bound."""
    near = head[-40:]
    if _DECREASE.search(near) or _INCREASE.search(near):
        return True
    return re.search(r"\b(?:с|от)\s+[\d\s,]+\Z", head) is not None


def _change_sign(text: str, lang: str, start: int, end: int) -> int | None:
    """The sign of a percent change stated by a verb or noun around it, if it is one."""
    if lang == "ru":
        head = text[max(0, start - 60) : start]
        if not re.search(r"\bна[ \u00a0]+\Z", head, _F):
            return None
        after = re.match(r"[ \u00a0]+(\w+)", text[end:])
        if after is not None and after.group(1).lower() in _COMPARATIVE:
            return _COMPARATIVE[after.group(1).lower()]
        head = re.split(r"[.!?;]", head)[-1]
        verbs = [(m.start(), -1) for m in _DECREASE.finditer(head)]
        verbs += [(m.start(), 1) for m in _INCREASE.finditer(head)]
        return max(verbs)[1] if verbs else None
    # Kazakh puts the verb after the dative figure: "7%-ға азайды".
    if not re.search(r"-[ғгқк][аеыі]\Z", text[start:end], _F):
        return None
    tail = " ".join(text[end : end + 60].split()[:3])
    if (down := _DECREASE.search(tail)) is not None and (
        (up := _INCREASE.search(tail)) is None or down.start() < up.start()
    ):
        return -1
    return 1 if _INCREASE.search(tail) else None


def _link_change(change: Figure, figures: list[Figure], sentences: list[int]) -> Figure:
    """Point a relative change at the nearest preceding level in its sentence (a change
    written before its level, "сократилось на 14% и составило 41,5 тыс.", is linked to the
    level afterwards by find_figures)."""
    sentence = bisect.bisect_right(sentences, change.start)
    for index in range(len(figures) - 1, -1, -1):
        level = figures[index]
        if bisect.bisect_right(sentences, level.start) != sentence:
            break
        if level.kind == "level":
            return dataclasses.replace(change, change_of=index)
    return change
