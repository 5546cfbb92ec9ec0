"""Look at a SPARQL text before it runs: its form, and whether it would leave this process.

A small tokenizer, not a parser: it skips strings, IRIs, comments, variables, prefixed names,
blank-node labels and language tags, and reports the bare keywords that remain. That is enough
to tell a query from an update and to find ``SERVICE`` (which makes pyoxigraph send an HTTP
request) without being fooled by ``"SERVICE"`` in a string or ``ex:service`` in a name.

The text is scanned twice, as written and with its ``\\uXXXX`` escapes decoded (SPARQL 1.1,
section 19.2, decodes them before parsing); a keyword found in either scan counts, so an escape
cannot hide one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from typing import Final

from kg.errors import InvalidQuery, NotFound, QueryRefused, QueryTooLarge, UpdateRefused


class QueryForm(StrEnum):
    """What a SPARQL text asks for; UNKNOWN when no form keyword comes first (a syntax error)."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"
    UPDATE = "UPDATE"
    UNKNOWN = "UNKNOWN"


QUERY_FORMS: Final = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS: Final = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
# Keywords whose evaluation would reach the network.
NETWORK_KEYWORDS: Final = frozenset({"SERVICE"})

_ESCAPE: Final = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI: Final = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_LONG_STRING: Final = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*(?:\"\"\"|\Z)", re.S
)
_STRING: Final = re.compile(r"'(?:[^'\\]|\\.)*(?:'|\Z)|\"(?:[^\"\\]|\\.)*(?:\"|\Z)", re.S)
_COMMENT: Final = re.compile(r"#[^\r\n]*")
_VARIABLE: Final = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]*")
_LANG_TAG: Final = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")
# A run of name characters: a keyword, a prefixed name (it has a colon), a blank-node label
# (it starts "_:") or a number. Backslash and percent belong to prefixed names' local parts,
# dots and hyphens only inside a name.
_NAME: Final = re.compile(r"[\w:%\\][\w\-.:%\\\u00b7\u0300-\u036f\u203f-\u2040]*")
_LETTERS: Final = re.compile(r"[A-Za-z]+")

# pyoxigraph parses and evaluates a query by recursion, so deep nesting, or a long chain of
# operators or clauses (each nests the one before it in the algebra), overflows the stack of
# the process running it: a crash (a killed query worker, or `kg query` itself), not an error.
# On an 8 MB stack 1 000 nested EXISTS, 2 800 MINUS or BIND clauses, or 7 000 `+` are enough,
# all within the 100 kB length limit; the project's own queries nest at most 7 deep and chain
# fewer than 10.
MAX_NESTING: Final = 64
MAX_CHAIN: Final = 1000
_OPENING: Final = frozenset("{([")
_CLOSING: Final = frozenset("})]")
_CHAINING: Final = frozenset("&|!+-*/")  # operators, each a one-character token
CHAIN_KEYWORDS: Final = frozenset(
    {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "VALUES", "SERVICE", "AS"}
)


@dataclass(frozen=True)
class QueryShape:
    """The form of a SPARQL text and the bare keywords it uses (upper case)."""

    form: QueryForm
    keywords: frozenset[str]

    @property
    def calls_service(self) -> bool:
        """Whether the text uses SERVICE (federated query: a request to another server)."""
        return not NETWORK_KEYWORDS.isdisjoint(self.keywords)


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(kind, start, end)`` for each token: ``"variable"``, ``"word"`` (keywords, numbers,
    prefixed names) or ``"other"`` (IRIs, strings, comments, language tags, punctuation)."""
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        match, kind = None, "other"
        if char == "#":
            match = _COMMENT.match(text, i)
        elif char == "<":
            match = _IRI.match(text, i)  # otherwise the less-than operator
        elif char in "'\"":
            match = _LONG_STRING.match(text, i) or _STRING.match(text, i)
        elif char in "?$":
            match, kind = _VARIABLE.match(text, i), "variable"
        elif char == "@":
            match = _LANG_TAG.match(text, i)
        else:
            match, kind = _NAME.match(text, i), "word"
            if match and ":" in match.group().rstrip("."):
                # A prefixed name or blank-node label; it cannot end with a dot, so a trailing
                # one is the triple terminator and what follows is scanned anew.
                stop = i + len(match.group().rstrip("."))
                yield "name", i, stop
                i = stop
                continue
        stop = match.end() if match and match.end() > i else i + 1
        yield (kind if match else "other"), i, stop
        i = stop


def keywords(text: str) -> list[str]:
    """Return the bare words of a SPARQL text in order, upper case, outside strings and IRIs."""
    found: list[str] = []
    for kind, start, stop in tokens(text):
        if kind == "word":
            # No colon: keywords, numbers and dots ("1.SERVICE" is 1 . SERVICE), so every run
            # of letters counts.
            found.extend(letters.upper() for letters in _LETTERS.findall(text[start:stop]))
    return found


def substitute(query: str, /, **terms: str) -> str:
    """Write constant terms (N-Triples syntax) in place of variables, as SPARQL-dev SEP-0007
    proposes: unlike a trailing VALUES, every pattern then starts from the constant, which the
    planners of Oxigraph and Virtuoso use to pick an index. A projected variable keeps its
    column (``(<iri> AS ?x)``); in ORDER BY and GROUP BY the constant is bracketed.

    Raises:
        ValueError: a variable to replace is bound by ``AS`` or listed in a VALUES header,
            where a constant cannot stand.
    """
    out: list[str] = []
    last = 0
    previous = ""
    clause = ""  # "select" (the projection), "modifier" (ORDER/GROUP BY), "values" (a header)
    for kind, start, stop in tokens(query):
        token = query[start:stop]
        word = token.upper() if kind == "word" else ""
        if word == "SELECT":
            clause = "select"
        elif word in ("ORDER", "GROUP"):
            clause = "modifier"
        elif word == "VALUES":
            clause = "values"
        elif (
            word in ("WHERE", "LIMIT", "OFFSET", "HAVING")
            or token in ("{", "}")
            or (token == ")" and clause == "values")
        ):
            clause = ""
        if kind == "variable" and token[1:] in terms:
            if clause == "values" or previous == "AS":
                where = "a VALUES header" if clause == "values" else "AS"
                raise ValueError(f"{token} cannot be replaced by a constant in {where}")
            term = terms[token[1:]]
            out.append(query[last:start])
            if clause == "select" and previous != "(":
                out.append(f"({term} AS {token})")
            elif clause == "modifier":
                out.append(f"({term})")
            else:
                out.append(term)
            last = stop
        if kind != "other" or token.strip():
            previous = word or token
    out.append(query[last:])
    return "".join(out)


def decode_escapes(text: str) -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes by their characters (SPARQL 1.1, 19.2)."""

    def replace(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(replace, text)


def shape(text: str) -> QueryShape:
    """Return the form of a SPARQL text and its keywords, from both scans (see module docs)."""
    raw = keywords(text)
    decoded = keywords(decode_escapes(text)) if "\\" in text else raw
    form = QueryForm.UNKNOWN
    for word in raw:
        if word in QUERY_FORMS:
            form = QueryForm(word)
            break
        if word in UPDATE_KEYWORDS:
            form = QueryForm.UPDATE
            break
        if word not in {"BASE", "PREFIX"}:
            break
    return QueryShape(form, frozenset(raw) | frozenset(decoded))


def check_structure(text: str) -> None:
    """Refuse a text nested or chained beyond what the query engine survives (see MAX_NESTING).

    Both scans count, as in ``shape``.

    Raises:
        QueryRefused: groups, parentheses or brackets nested more than MAX_NESTING deep, or
            more than MAX_CHAIN operators and clauses (``&&``, ``+``, UNION, MINUS, BIND, …).
    """
    for scanned in (text, decode_escapes(text)) if "\\" in text else (text,):
        depth = deepest = chained = 0
        for kind, start, stop in tokens(scanned):
            token = scanned[start:stop]
            if kind == "word":
                # A keyword, or a number: "1-1-1" is one token but a chain of subtractions.
                chained += token.count("-") + (token.upper() in CHAIN_KEYWORDS)
            elif token in _OPENING:
                depth += 1
                deepest = max(deepest, depth)
            elif token in _CLOSING:
                depth = max(depth - 1, 0)
            elif token in _CHAINING:
                chained += 1
        if deepest > MAX_NESTING:
            raise QueryRefused(
                f"the query nests groups, parentheses or brackets {deepest} deep; at most "
                f"{MAX_NESTING} levels are allowed"
            )
        if chained > MAX_CHAIN:
            raise QueryRefused(
                f"the query chains {chained} operators and clauses (&&, ||, +, UNION, OPTIONAL, "
                f"MINUS, FILTER, BIND, …); at most {MAX_CHAIN} are allowed: split it, or list "
                "alternatives with VALUES"
            )


def check_read_query(text: str, *, max_bytes: int | None = None) -> QueryShape:
    """Return the shape of a query that may run here.

    Raises:
        QueryTooLarge: the text is longer than ``max_bytes`` (UTF-8).
        UpdateRefused: the text is an update (INSERT, DELETE, LOAD, …).
        QueryRefused: the text uses SERVICE, which would send a request to another server, or
            is nested or chained too deeply for the engine (``check_structure``).
    """
    if max_bytes is not None:
        size = len(text.encode("utf-8"))
        if size > max_bytes:
            raise QueryTooLarge(
                f"the query is {size} bytes long; this endpoint accepts at most {max_bytes} bytes"
            )
    found = shape(text)
    if found.form is QueryForm.UPDATE:
        raise UpdateRefused(
            "this SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, …) "
            "are refused"
        )
    if found.calls_service:
        raise QueryRefused(
            "SERVICE (federated query) is not allowed: this endpoint never contacts other "
            "servers; query them directly"
        )
    check_structure(text)
    return found


def check_update(text: str, *, max_bytes: int | None = None) -> None:
    """Check an update that may run here: not too long, and nothing that reaches the network.

    Raises:
        QueryTooLarge: the text is longer than ``max_bytes`` (UTF-8).
        InvalidQuery: the text is not an update (a query sent as one).
        QueryRefused: the update uses LOAD (fetches a URL) or SERVICE, or is nested or chained
            too deeply for the engine (``check_structure``).
    """
    if max_bytes is not None and len(text.encode("utf-8")) > max_bytes:
        raise QueryTooLarge(f"the update is longer than {max_bytes} bytes")
    found = shape(text)
    if found.form is not QueryForm.UPDATE:
        raise InvalidQuery("not a SPARQL update: send queries as query=, not update=")
    if found.calls_service or "LOAD" in found.keywords:
        raise QueryRefused(
            "LOAD and SERVICE are not allowed: this endpoint never contacts other servers; "
            "send the data itself (INSERT DATA, or PUT it to /graph-store)"
        )
    check_structure(text)


def read_query(name: str) -> str:
    """Return the text of ``src/kg/queries/{name}.rq``.

    Raises:
        NotFound: there is no such query.
    """
    resource = files("kg").joinpath("queries", f"{name}.rq")
    if not resource.is_file():
        raise NotFound(f"no query named {name!r} in kg/queries")
    return resource.read_text(encoding="utf-8")
