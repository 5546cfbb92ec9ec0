"""The only place resource IRIs are built: slugify(), mint(), graph_iri(), source_text_iri()."""

from __future__ import annotations

import re
import unicodedata
from typing import Final
from urllib.parse import quote

from rdflib import URIRef

from kg.namespaces import GRAPH, ID, SOURCES

# Every kind in docs/model.md's IRI table; the IRI is id/{kind}/{key}[/{key}…].
KINDS: Final = frozenset(
    {
        "activity",
        "agency",
        "agreement",
        "area",
        "concept",
        "council",
        "dataset",
        "directive",
        "group",
        "image",
        "law",
        "meeting",
        "mission",
        "obs",
        "office",
        "outlet",
        "period",
        "person",
        "place",
        "plan",
        "post",
        "principle",
        "quote",
        "ratification",
        "scheme",
        "source",
        "structure",
        "tool",
    }
)

_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_GRAPH_STEM: Final = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def slugify(text: str) -> str:
    """ASCII, lower case, hyphens: "Ministère de l'Intérieur" → "ministere-de-l-interieur".

    An existing slug ("226-v", "2025-01-02-criminal-code-amendments") is returned unchanged.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def mint(kind: str, *keys: str | int) -> URIRef:
    """Return ``{base}id/{kind}/{slug(key)}/…``, e.g. ``mint("law", "kz", 2014, "226-V")``.

    Raises:
        ValueError: the kind is not in KINDS, no key is given, or a key has no ASCII letter or
            digit (its slug would be empty).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind: {kind!r}")
    if not keys:
        raise ValueError(f"an IRI of kind {kind!r} needs at least one key")
    slugs = [slugify(str(key)) for key in keys]
    if not all(slugs):
        raise ValueError(f"key without ASCII letters or digits in {kind!r} IRI: {keys!r}")
    return ID[kind + "/" + "/".join(slugs)]


def graph_iri(stem: str) -> URIRef:
    """Return the named graph ``{base}graph/{stem}`` for a source file's stem.

    Raises:
        ValueError: the stem is not kebab-case ASCII (lower case, digits, ``-``, ``_``, ``.``).
    """
    # fullmatch: with match, "$" also matched before a final newline, so "names\n" passed.
    if not _GRAPH_STEM.fullmatch(stem):
        raise ValueError(f"file stem {stem!r} is not lower-case kebab-case ASCII")
    return GRAPH[stem]


def source_text_iri(filename: str) -> URIRef:
    """Return ``{base}sources/{filename}``, the IRI of a stored text ``data/sources/{filename}``.

    Raises:
        ValueError: the name is empty or contains a path separator.
    """
    if not filename or "/" in filename or "\\" in filename or filename in {".", ".."}:
        raise ValueError(f"not a plain file name: {filename!r}")
    return SOURCES[quote(filename, safe="")]
