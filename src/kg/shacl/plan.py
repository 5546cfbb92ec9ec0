"""The query that runs a ``sh:select`` for all focus nodes at once, as pySHACL would per node.

pySHACL runs a constraint's query once per focus node with ``$this`` pre-bound, and rdflib reads
a group left to right, each part seeing the bindings of the parts before it (so a FILTER inside a
UNION branch can test a variable bound before the UNION). Standard SPARQL evaluates each nested
group on its own. Two plans give pySHACL's answers in one query:

- correlated (always possible): the focus pattern goes first in the WHERE group and every nested
  group after it is joined LATERAL (Oxigraph), so each part sees ``?this`` and what came before;
- decorrelated, for a WHERE group made only of ``FILTER [NOT] EXISTS { P }`` whose ``P`` binds
  ``$this`` itself before any condition uses it: ``P`` runs once for all nodes, as a join (EXISTS)
  or a MINUS (NOT EXISTS) on ``?this``. Oxigraph evaluates a correlated EXISTS per focus node,
  which costs as much as a scan of ``P`` each time.
"""

from __future__ import annotations

from rdflib.plugins.sparql import prepareQuery

from kg.errors import ValidationError
from kg.shacl.model import Select
from kg.shacl.select import THIS, Token, bound, mentions_this, nodes, prologue, tokens

FOCUS = "\x00FOCUS\x00"
INNER, END = "\x00INNER\x00", "\x00END\x00"
REST, REST_END = "\x00REST\x00", "\x00/REST\x00"
_GROUP_KEYWORDS = frozenset(
    {"OPTIONAL", "MINUS", "EXISTS", "UNION", "LATERAL", "GRAPH", "SERVICE", "WHERE"}
)


def executable(select: Select) -> str:
    """The select with ``FOCUS`` (the focus-node pattern) first in its WHERE group.

    A decorrelated ``P`` is marked ``INNER``…``END``: over a whole store it runs as it is; for a
    few focus nodes (re-validation) as ``FOCUS LATERAL { P }``, so it reads only what they reach.
    """
    found = _filters_only(select)
    if found is None:
        text = correlate(select.text)
        found_tokens = list(tokens(text))
        first = next(i for i, t in enumerate(found_tokens) if t.kind == "{")
        closing = found_tokens[_group(found_tokens, first, [])]
        at = found_tokens[first].end
        rest = text[at : closing.start]
        return f"{text[:at]}\n{FOCUS}\n{REST}{rest}{REST_END}\n{text[closing.start :]}"
    head, filters, tail = found
    parts = [FOCUS]
    for negated, pattern in filters:
        body = correlate("{" + pattern + "}")
        inner = f"{{ SELECT DISTINCT ?this WHERE {{ {INNER}{body}{END} }} }}"
        parts.append(f"MINUS {inner}" if negated else inner)
    return head + "\n" + "\n".join(parts) + "\n" + tail


def membership(select: Select) -> str | None:
    """For a SPARQL target, a group that keeps a bound ``?this`` exactly when the target selects
    it (``LATERAL { FILTER EXISTS { its WHERE group } }``), or None when that is not certain."""
    found = list(tokens(select.text))
    first = next((i for i, t in enumerate(found) if t.kind == "{"), None)
    if first is None:
        return None
    closing = _group(found, first, [])
    if closing != len(found) - 1:
        return None  # solution modifiers after the WHERE group
    pattern = select.text[found[first].end : found[closing].start]
    if not _binds_this_first(select, pattern):
        return None
    test = f"LATERAL {{ FILTER EXISTS {correlate('{' + pattern + '}')} }}"
    conditions = _this_only_filters(select.text, found[first + 1 : closing])
    if conditions:
        # Tested first, in a subquery Oxigraph cannot reorder: it would otherwise read every
        # triple of a much-used node (a class, a concept) before rejecting it on its IRI alone.
        test = f"{{ SELECT ?this WHERE {{ {' '.join(conditions)} }} }} {test}"
    return test


def _this_only_filters(text: str, group: list[Token]) -> list[str]:
    """The top-level ``FILTER (…)`` of a group that read ``?this`` and no other variable."""
    found: list[str] = []
    depth, i = 0, 0
    while i < len(group):
        token = group[i]
        depth += {"{": 1, "}": -1}.get(token.kind, 0)
        is_filter = token.kind == "word" and token.text.upper() == "FILTER"
        if depth or not is_filter or i + 1 >= len(group) or group[i + 1].kind != "(":
            i += 1
            continue
        level, j = 0, i + 1
        while j < len(group):
            level += {"(": 1, ")": -1}.get(group[j].kind, 0)
            if level == 0:
                break
            j += 1
        inside = group[i + 1 : j + 1]
        names = {t.text[1:] for t in inside if t.kind == "term" and t.text[:1] in "?$"}
        if names == {"this"} and not any(t.kind in "{}" for t in inside):
            found.append(f"FILTER {text[group[i + 1].start : group[j].end]}")
        i = j + 1
    return found


def correlate(text: str) -> str:
    """``text`` with every nested group (or union of groups) of its first group joined LATERAL.

    Raises:
        ValidationError: the text has no group, or an unclosed one.
    """
    found = list(tokens(text))
    first = next((i for i, t in enumerate(found) if t.kind == "{"), None)
    if first is None:
        raise ValidationError("a sh:select without a WHERE group")
    inserts: list[tuple[int, str]] = []
    _group(found, first, inserts)
    for at, piece in sorted(inserts, reverse=True):
        text = text[:at] + piece + text[at:]
    return text


def _group(found: list[Token], i: int, inserts: list[tuple[int, str]]) -> int:
    """Walk the group opened at ``found[i]``; return the index of its closing brace."""
    j, previous, before = i + 1, "{", ""
    while j < len(found) and found[j].kind != "}":
        token = found[j]
        if token.kind != "{":
            before = previous
            previous = token.text.upper() if token.kind == "word" else token.kind
            j += 1
            continue
        if previous in _GROUP_KEYWORDS or before in ("GRAPH", "SERVICE"):
            j = _group(found, j, inserts) + 1
        else:
            end = _group(found, j, inserts)
            while end + 2 < len(found) and found[end + 1].text.upper() == "UNION":
                end = _group(found, end + 2, inserts)
            inserts.append((token.start, "LATERAL { "))
            inserts.append((found[end].end, " }"))
            j = end + 1
        before, previous = previous, "}"
    if j >= len(found):
        raise ValidationError("a sh:select with an unclosed group")
    return j


def _filters_only(select: Select) -> tuple[str, list[tuple[bool, str]], str] | None:
    """(text up to the WHERE brace, [(negated, P)], the rest) when the plan applies."""
    text = select.text
    found = list(tokens(text))
    first = next((i for i, t in enumerate(found) if t.kind == "{"), None)
    if first is None:
        return None
    filters: list[tuple[bool, str]] = []
    j = first + 1
    while j < len(found) and found[j].kind != "}":
        words = [t.text.upper() for t in found[j : j + 3]]
        negated = words[:3] == ["FILTER", "NOT", "EXISTS"]
        if not negated and words[:2] != ["FILTER", "EXISTS"]:
            return None
        opening = j + (3 if negated else 2)
        if opening >= len(found) or found[opening].kind != "{":
            return None
        closing = _group(found, opening, [])
        pattern = text[found[opening].end : found[closing].start]
        if not _binds_this_first(select, pattern):
            return None
        filters.append((negated, pattern))
        j = closing + 1
    if not filters or j >= len(found):
        return None
    return text[: found[first].end], filters, text[found[j].start :]


def _binds_this_first(select: Select, pattern: str) -> bool:
    """Whether ``pattern`` binds ``?this`` in every solution, in each group where a condition
    mentions it: then evaluating it once and keeping each ``?this`` equals pre-binding it."""
    try:
        algebra = prepareQuery(f"{prologue(select.prefixes)}SELECT * WHERE {{{pattern}}}").algebra
    except Exception:  # pyparsing and rdflib raise several types; keep the correlated plan
        return False
    where = algebra["p"]
    if THIS not in bound(where):
        return False
    for node in nodes(where):
        condition = node.name in ("Filter", "Extend") and "p" in node
        if condition and mentions_this(node["expr"]) and THIS not in bound(node["p"]):
            return False
    return True
