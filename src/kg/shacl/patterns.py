"""``sh:pattern`` as pySHACL runs it (Python ``re.search``), rewritten for SPARQL REGEX.

Oxigraph's REGEX is the Rust ``regex`` crate. For the syntax below both engines agree, except
that Python's ``$`` also matches before a final newline: it becomes ``\\n?$``. Anything else (word
and space classes, lookaround, back-references, inline flags, class set operations, ``sh:flags``)
is refused, so a pattern never means one thing to pySHACL and another here.

Supported: literal characters, escaped metacharacters, ``\\d``, ``.``, ``^``, ``$`` (last in its
branch), groups ``(…)`` and ``(?:…)``, ``|``, the quantifiers ``* + ? {m} {m,} {m,n}`` (also
lazy), and character classes of literals, ranges, ``\\d`` and escapes, negated or not.
"""

from __future__ import annotations

import re

from kg.errors import ValidationError

_META = set("\\.+*?()|[]{}^$")
_QUANTIFIER = re.compile(r"\{\d+(,\d*)?\}")
_POSSESSIVE = re.compile(r"(?<!\\)[*+?}]\+")


def _refuse(pattern: str, why: str) -> ValidationError:
    return ValidationError(f"unsupported SHACL term sh:pattern {pattern!r}: {why}")


def translate(pattern: str) -> str:
    """Return the REGEX pattern that matches exactly the strings ``re.search(pattern)`` does.

    Raises:
        ValidationError: the pattern does not compile in Python, or uses syntax outside the
            supported subset.
    """
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValidationError(f"sh:pattern {pattern!r} is not a regular expression: {exc}") from exc
    if _POSSESSIVE.search(pattern):
        raise _refuse(pattern, "possessive quantifiers")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            token, i = _escape(pattern, i)
            out.append(token)
            continue
        if char == "[":
            token, i = _class(pattern, i)
            out.append(token)
            continue
        if char == "(":
            if pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                raise _refuse(pattern, "only plain and (?:…) groups are supported")
            out.append("(?:" if pattern.startswith("(?:", i) else "(")
            i += 3 if pattern.startswith("(?:", i) else 1
            continue
        if char == "{":
            found = _QUANTIFIER.match(pattern, i)
            if not found or i == 0:
                raise _refuse(pattern, "a '{' that is not a quantifier")
            out.append(found.group())
            i = found.end()
            continue
        if char == "$":
            following = pattern[i + 1 : i + 2]
            if following not in ("", ")", "|"):
                raise _refuse(pattern, "'$' must end its branch")
            out.append("\\n?$")
            i += 1
            continue
        if char == "}":
            out.append("\\}")
        else:
            out.append(char)  # literal, or one of . ^ ) | * + ? (same meaning in both)
        i += 1
    return "".join(out)


def _escape(pattern: str, i: int) -> tuple[str, int]:
    if i + 1 >= len(pattern):
        raise _refuse(pattern, "a trailing backslash")
    char = pattern[i + 1]
    if char == "d":
        return "\\d", i + 2
    if char in _META or char in "-/":
        return ("\\" + char if char != "/" else char), i + 2
    raise _refuse(pattern, f"the escape \\{char}")


def _class(pattern: str, start: int) -> tuple[str, int]:
    out = ["["]
    i = start + 1
    if pattern.startswith("^", i):
        out.append("^")
        i += 1
    if pattern.startswith("]", i):
        raise _refuse(pattern, "a class that starts with ']'")
    while i < len(pattern):
        char = pattern[i]
        if char == "]":
            out.append("]")
            return "".join(out), i + 1
        if char == "\\":
            token, i = _escape(pattern, i)
            out.append(token)
            continue
        if char == "[" or pattern.startswith(("&&", "--", "~~"), i):
            raise _refuse(pattern, "nested classes and class set operations")
        out.append(char)
        i += 1
    raise _refuse(pattern, "an unterminated class")


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'
