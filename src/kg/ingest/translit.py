"""Latin slugs for names written in Cyrillic (Russian and Kazakh), for the IRIs of new things."""

from __future__ import annotations

from kg.iris import slugify

# Close to the passport (ICAO) romanisation; Kazakh letters by the 2021 Latin alphabet's base.
_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip


def transliterate(text: str) -> str:
    """Romanise Cyrillic letters; other characters are kept."""
    return "".join(_LETTERS.get(char, char) for char in text.lower())


def slug(text: str, *, max_words: int = 8) -> str:
    """A slug of at most ``max_words`` words: "Верховный суд" → "verkhovnyi-sud"."""
    words = slugify(transliterate(text)).split("-")
    return "-".join(word for word in words[:max_words] if word)
