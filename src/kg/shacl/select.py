"""SHACL-SPARQL ``sh:select`` texts: prefixes, tokens, and a safety analysis.

The analysis (on rdflib's algebra of the query) refuses what the SHACL-SPARQL specification
prohibits (VALUES, MINUS, SERVICE), what would read another dataset here (FROM, GRAPH), and
OPTIONAL and subqueries that mention ``$this`` (whose left-to-right reading by rdflib, see
kg.shacl.plan, LATERAL does not reproduce), naming the construct.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import ValidationError
from kg.shacl.model import Select

THIS = Variable("this")
# Algebra names, and the parse-tree names rdflib leaves inside EXISTS patterns.
_REFUSED = {
    "values": "VALUES",
    "InlineData": "VALUES",
    "Minus": "MINUS",
    "MinusGraphPattern": "MINUS",
    "ServiceGraphPattern": "SERVICE",
    "Graph": "GRAPH",
    "GraphGraphPattern": "GRAPH",
    "SubSelect": "a subquery inside EXISTS",
    "LeftJoin": "OPTIONAL",
    "OptionalGraphPattern": "OPTIONAL",
}


@dataclass(frozen=True)
class Analysis:
    """What the runner needs to know about a ``sh:select``."""

    variables: tuple[str, ...]  # projected, in order
    binds_this: bool  # ?this is bound by the WHERE group itself (not only by a filter)


def prologue(prefixes: tuple[tuple[str, str], ...]) -> str:
    """PREFIX lines for the declarations of ``sh:prefixes``."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in prefixes)


_WORD = re.compile(r"[\w:?$\-.]+")


@dataclass(frozen=True)
class Token:
    kind: str  # "{", "}", "(", ")", "word" (letters only: maybe a keyword), "term", "punct"
    text: str
    start: int
    end: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a query that matter for its group structure (comments dropped)."""
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif char in "\"'":
            end = _string_end(text, i)
            yield Token("term", text[i:end], i, end)
            i = end
        elif char == "<" and _iri_end(text, i) > 0:
            end = _iri_end(text, i)
            yield Token("term", text[i:end], i, end)
            i = end
        elif char in "{}()":
            yield Token(char, char, i, i + 1)
            i += 1
        elif char.isalnum() or char in "_?$:":
            word = _WORD.match(text, i)
            assert word is not None
            end = word.end()
            while end > i + 1 and text[end - 1] == ".":
                end -= 1  # a dot that ends a triple, not part of a name
            value = text[i:end]
            yield Token("word" if value.isalpha() else "term", value, i, end)
            i = end
        else:
            yield Token("punct", char, i, i + 1)
            i += 1


def where_brace(text: str) -> int:
    """The index just after the ``{`` that opens the query's WHERE group.

    Raises:
        ValidationError: the query has no group, or its SELECT clause holds EXISTS.
    """
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() == "EXISTS":
            raise ValidationError("a sh:select with EXISTS in its SELECT clause is unsupported")
        if token.kind == "{":
            return token.end
    raise ValidationError("a sh:select without a WHERE group")


def _string_end(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(quote, j):
            return j + len(quote)
        else:
            j += 1
    return len(text)


def _iri_end(text: str, i: int) -> int:
    """The index after an IRI reference starting at ``i``, or 0 when ``<`` is an operator."""
    j = i + 1
    while j < len(text) and text[j] not in '<>"{}|^`\\ \t\r\n':
        j += 1
    return j + 1 if j < len(text) and text[j] == ">" else 0


def insert_first(text: str, pattern: str) -> str:
    """``text`` with ``pattern`` first in its WHERE group."""
    at = where_brace(text)
    return f"{text[:at]}\n{pattern}\n{text[at:]}"


@lru_cache(maxsize=256)
def analyse(select: Select, *, constraint: bool) -> Analysis:
    """Check that ``select`` can run here as pySHACL runs it.

    Raises:
        ValidationError: the query does not parse, uses a refused construct, or does not
            project ``$this``.
    """
    text = prologue(select.prefixes) + select.text
    try:
        query = prepareQuery(text)
    except Exception as exc:  # pyparsing and rdflib raise several types
        raise ValidationError(f"sh:select of {select.node.n3()} does not parse: {exc}") from exc
    algebra = query.algebra
    where = f"sh:select of {select.node.n3()}"
    if algebra.get("datasetClause"):
        raise ValidationError(f"unsupported SPARQL in {where}: FROM")
    variables = tuple(str(v) for v in algebra["PV"])
    if "this" not in variables:
        raise ValidationError(f"unsupported SPARQL in {where}: it does not project $this")
    if constraint and "failure" in variables:
        raise ValidationError(f"unsupported SPARQL in {where}: ?failure")
    for node in nodes(algebra["p"]):
        if node.name in _REFUSED:
            raise ValidationError(f"unsupported SPARQL in {where}: {_REFUSED[node.name]}")
        if node.name == "ToMultiSet" and THIS in node["p"].get("_vars", set()):
            raise ValidationError(f"unsupported SPARQL in {where}: a subquery that mentions $this")
        if node.name == "Extend" and node["var"] == THIS:
            raise ValidationError(f"unsupported SPARQL in {where}: BIND or AS of $this")
    return Analysis(variables, THIS in bound(algebra["p"]))


def nodes(node: object) -> Iterator[CompValue]:
    """Every algebra node under ``node``, expressions included."""
    if isinstance(node, CompValue):
        yield node
        for key, value in node.items():
            if key != "_vars":
                yield from nodes(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from nodes(item)


def mentions_this(node: object) -> bool:
    """Whether an algebra node or expression refers to ``?this``."""
    if node == THIS:
        return True
    if isinstance(node, CompValue):
        return any(mentions_this(v) for k, v in node.items() if k != "_vars")
    if isinstance(node, list | tuple):
        return any(mentions_this(item) for item in node)
    return False


def bound(node: object) -> set[Variable]:
    """The variables that every solution of the pattern ``node`` binds."""
    if not isinstance(node, CompValue):
        return set()
    name = node.name
    if name == "BGP":
        return {term for triple in node["triples"] for term in triple if isinstance(term, Variable)}
    if name == "Join":
        return bound(node["p1"]) | bound(node["p2"])
    if name == "Union":
        return bound(node["p1"]) & bound(node["p2"])
    if name == "Extend":
        return bound(node["p"]) | {node["var"]}
    if name == "Project":
        return bound(node["p"]) & set(node["PV"])
    if name in ("Filter", "Distinct", "Reduced", "Slice", "OrderBy", "ToMultiSet"):
        return bound(node["p"])
    return set()  # aggregates and anything else: nothing certain
