"""A trigger: the words, in Russian and in Kazakh, that say a sentence tells of some act."""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


@dataclass(frozen=True)
class Trigger:
    """One pattern per language, searched case-insensitively."""

    ru: re.Pattern[str]
    kk: re.Pattern[str]

    def search(self, text: str, lang: str) -> re.Match[str] | None:
        return (self.ru if lang == "ru" else self.kk).search(text)


def trigger(ru: str, kk: str) -> Trigger:
    """A Trigger from a Russian and a Kazakh regular expression."""
    return Trigger(re.compile(ru, _I), re.compile(kk, _I))
