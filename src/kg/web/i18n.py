"""The language of a page: ``?lang=``, else the cookie, else Accept-Language, else English."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from kg.web.strings import STRINGS

LANGS: Final = ("en", "ru", "kk")
DEFAULT: Final = "en"
COOKIE: Final = "kg_lang"
# Names of the languages in themselves, for the switch.
NATIVE: Final = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
_INDEX: Final = {lang: index for index, lang in enumerate(LANGS)}


def from_accept_language(header: str | None) -> str | None:
    """The first supported language of an Accept-Language header, by q-value, else None."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, entry in enumerate(header.split(",")):
        tag, *params = (part.strip() for part in entry.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.lower().partition("-")[0]
        if primary in _INDEX and q > 0:
            ranked.append((-q, position, primary))
    return min(ranked)[2] if ranked else None


def choose_language(
    query: str | None, cookies: Mapping[str, str], accept_language: str | None
) -> tuple[str, bool]:
    """The page language and whether it came from ``?lang=`` (so the cookie should remember it)."""
    if query in _INDEX:
        return query, True
    cookie = cookies.get(COOKIE)
    if cookie in _INDEX:
        return cookie, False
    return from_accept_language(accept_language) or DEFAULT, False


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the UI string ``key`` in ``lang``, with ``{name}`` filled in."""
    index = _INDEX.get(lang, 0)

    def t(key: str, **values: object) -> str:
        text = STRINGS[key][index]
        return text.format(**values) if values else text

    return t
