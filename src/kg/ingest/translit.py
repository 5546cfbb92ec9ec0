"""Latin slugs for names written in Cyrillic (Russian and Kazakh), for the IRIs of new things."""

from __future__ import annotations

import hashlib

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
    """A slug of at most ``max_words`` words: "Верховный суд" → "verkhovnyi-sud".

    A name with no letter or digit that romanises ("%", "中文") gets a slug from its hash, so
    that every name has an IRI and the same name always the same one.
    """
    words = slugify(transliterate(text)).split("-")
    made = "-".join(word for word in words[:max_words] if word)
    return made or "h" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
