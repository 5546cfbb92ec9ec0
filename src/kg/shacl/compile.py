"""Each (shape, constraint) as one SPARQL SELECT that returns its violating focus nodes and values.

A query starts from the focus nodes of the shape that owns the targets (a node shape for its own
constraints and those of its ``sh:property`` shapes; a property shape with targets of its own).
The focus pattern and the ill-typed literals (see kg.shacl.terms) are only known when a query
runs, so a compiled body holds two placeholders: ``FOCUS`` and, for sh:datatype, ``BAD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.shacl.model import Constraint, Select, Shape, unsupported
from kg.shacl.patterns import sparql_string, translate
from kg.shacl.plan import END, FOCUS, INNER, REST, REST_END, executable
from kg.shacl.select import analyse
from kg.shacl.terms import ALWAYS_WELL_TYPED

_BAD = re.compile(r"\x00BAD\|([^|\x00]*)\|(\?\w+)\x00")
_PRE_BOUND = re.compile(r"[?$](PATH|currentShape|shapesGraph)\b")
INSTANCE = "<{}>/<{}>*".format(RDF.type, "http://www.w3.org/2000/01/rdf-schema#subClassOf")

VALUE, FOCUS_ONLY, SPARQL = "value", "focus", "sparql"


@dataclass(frozen=True)
class Check:
    """One compiled query: ``shape``'s ``constraint`` over the focus nodes of ``owner``."""

    owner: Shape
    shape: Shape
    constraint: Constraint
    form: str  # VALUE: rows (?this ?value); FOCUS_ONLY: rows (?this); SPARQL: the select's rows
    body: str
    prefixes: tuple[tuple[str, str], ...] = ()
    datatypes: frozenset[str] = frozenset()

    def text(self, focus: str, ill_typed: dict[str, list[str]], *, scoped: bool = False) -> str:
        """The query, with the focus pattern and the ill-typed literals written in."""
        body = self.body
        if scoped:
            # Few focus nodes: what follows them is read for each (LATERAL), by index lookups,
            # instead of for every node and then joined.
            body = body.replace(INNER, f"{FOCUS} LATERAL {{ ").replace(END, " }")
            body = body.replace(REST, "LATERAL {").replace(REST_END, "}")
        for marker in (INNER, END, REST, REST_END):
            body = body.replace(marker, "")
        body = body.replace(FOCUS, focus)

        def bad(found: re.Match[str]) -> str:
            literals = ill_typed.get(found.group(1), [])
            return "".join(f" || sameTerm({found.group(2)}, {lit})" for lit in literals)

        body = _BAD.sub(bad, body)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.prefixes)
        return prologue + body


def term(node: Node) -> str:
    """``node`` written in SPARQL (IRIs and literals only: blank nodes cannot be named)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.language:
            return f"{sparql_string(str(node))}@{node.language}"
        if node.datatype is None:
            return sparql_string(str(node))
        return f"{sparql_string(str(node))}^^<{node.datatype}>"
    raise ValidationError(f"a blank node as a constraint value is unsupported: {node.n3()}")


def targets_prefixes(shape: Shape) -> tuple[tuple[str, str], ...]:
    """The prefixes the SPARQL targets of ``shape`` declare."""
    found: dict[str, str] = {}
    for _, value in shape.targets:
        if isinstance(value, Select):
            _merge(found, value.prefixes, value.node)
    return tuple(sorted(found.items()))


def merged_prefixes(shapes: Iterable[Shape]) -> tuple[tuple[str, str], ...]:
    """The prefixes of every SPARQL target (re-validation tests them all in one query).

    Raises:
        ValidationError: two targets give one prefix different namespaces.
    """
    found: dict[str, str] = {}
    for shape in shapes:
        _merge(found, targets_prefixes(shape), shape.node)
    return tuple(sorted(found.items()))


def _merge(into: dict[str, str], prefixes: tuple[tuple[str, str], ...], node: Node) -> None:
    for prefix, namespace in prefixes:
        if into.setdefault(prefix, namespace) != namespace:
            raise ValidationError(f"prefix {prefix!r} means two namespaces in {node.n3()}")


def compile_checks(shapes: dict[Node, Shape]) -> list[Check]:
    """Every check of every shape that has targets, in a stable order.

    Raises:
        ValidationError: a constraint the engine cannot run.
    """
    checks: list[Check] = []
    for owner in sorted(shapes.values(), key=lambda s: str(s.node)):
        if not owner.targets:
            continue
        for shape in (owner, *(shapes[p] for p in owner.properties)):
            for constraint in shape.constraints:
                checks.append(_check(owner, shape, constraint, shapes))
    return checks


def _check(owner: Shape, shape: Shape, constraint: Constraint, shapes: dict[Node, Shape]) -> Check:
    component = constraint.component
    if component == SH.SPARQLConstraintComponent:
        return _sparql(owner, shape, constraint)
    if component in (
        SH.MinCountConstraintComponent,
        SH.MaxCountConstraintComponent,
        SH.QualifiedMinCountConstraintComponent,
    ) or (component == SH.HasValueConstraintComponent and shape.path is not None):
        body, datatypes = _focus_only(shape, constraint, shapes)
        return Check(owner, shape, constraint, FOCUS_ONLY, body, targets_prefixes(owner), datatypes)
    if component == SH.OrConstraintComponent:
        parts = [violation(shapes[m], "?value") for m in constraint.shapes]
        expression = " && ".join(text for text, _ in parts)
        datatypes = frozenset().union(*(found for _, found in parts))
    else:
        expression, datatypes = constraint_violation(constraint, "?value")
    if shape.path is None:
        head, values = "SELECT DISTINCT ?this", "BIND (?this AS ?value)"
    else:
        head, values = "SELECT DISTINCT ?this ?value", f"?this <{shape.path}> ?value ."
    rest = _rest(f"{values}\nFILTER ({expression})")
    body = f"{head} WHERE {{\n{FOCUS}\n{rest}\n}}"
    return Check(owner, shape, constraint, VALUE, body, targets_prefixes(owner), datatypes)


def violation(shape: Shape, var: str) -> tuple[str, frozenset[str]]:
    """The condition under which ``var`` does not conform to the value shape ``shape``.

    pySHACL runs with warnings allowed, so a value shape of severity Warning or Info always
    conforms.
    """
    if shape.severity != SH.Violation or not shape.constraints:
        return "false", frozenset()
    parts = [constraint_violation(c, var) for c in shape.constraints]
    expression = " || ".join(text for text, _ in parts)
    return f"({expression})", frozenset().union(*(found for _, found in parts))


def constraint_violation(constraint: Constraint, var: str) -> tuple[str, frozenset[str]]:
    """The condition under which value node ``var`` violates a value-local constraint."""
    component, value = constraint.component, constraint.value
    if component == SH.ClassConstraintComponent:
        if not isinstance(value, URIRef):
            raise ValidationError(f"sh:class {value!r} is not an IRI")
        return f"(isLiteral({var}) || NOT EXISTS {{ {var} {INSTANCE} <{value}> }})", frozenset()
    if component == SH.DatatypeConstraintComponent:
        datatype = str(value)
        if datatype in ALWAYS_WELL_TYPED:
            return f"(!isLiteral({var}) || DATATYPE({var}) != <{datatype}>)", frozenset()
        bad = f"\x00BAD|{datatype}|{var}\x00"
        text = f"(!isLiteral({var}) || DATATYPE({var}) != <{datatype}>{bad})"
        return text, frozenset({datatype})
    if component == SH.NodeKindConstraintComponent:
        return _NODE_KINDS[URIRef(str(value))].format(v=var), frozenset()
    if component == SH.PatternConstraintComponent:
        regex = sparql_string(translate(str(value)))
        return f"(isBlank({var}) || !REGEX(STR({var}), {regex}))", frozenset()
    if component == SH.HasValueConstraintComponent:
        return f"!sameTerm({var}, {term(value)})", frozenset()  # type: ignore[arg-type]
    if component == SH.InConstraintComponent:
        members = [f"sameTerm({var}, {term(m)})" for m in value]  # type: ignore[attr-defined]
        return f"!({' || '.join(members) or 'false'})", frozenset()
    if component == SH.LanguageInConstraintComponent:
        tags: tuple[str, ...] = value  # type: ignore[assignment]
        if "*" in tags:
            return f'(!isLiteral({var}) || LANG({var}) = "")', frozenset()
        listed = ", ".join(sparql_string(tag) for tag in tags)
        lang = f"LCASE(LANG({var}))"
        matches = f'{lang} IN ({listed}) || LCASE(STRBEFORE(LANG({var}), "-")) IN ({listed})'
        return f'(!isLiteral({var}) || LANG({var}) = "" || !({matches}))', frozenset()
    if component == SH.MinLengthConstraintComponent:
        if value == 0:
            return "false", frozenset()
        return f"(isBlank({var}) || STRLEN(STR({var})) < {value})", frozenset()
    raise unsupported(component)


_NODE_KINDS = {
    SH.IRI: "!isIRI({v})",
    SH.Literal: "!isLiteral({v})",
    SH.BlankNode: "!isBlank({v})",
    SH.BlankNodeOrIRI: "isLiteral({v})",
    SH.BlankNodeOrLiteral: "isIRI({v})",
    SH.IRIOrLiteral: "isBlank({v})",
}


def _focus_only(
    shape: Shape, constraint: Constraint, shapes: dict[Node, Shape]
) -> tuple[str, frozenset[str]]:
    """Checks on a focus node's set of values: counts, sh:hasValue, qualified counts."""
    component, value = constraint.component, constraint.value
    path = f"<{shape.path}>"
    head = f"SELECT DISTINCT ?this WHERE {{\n{FOCUS}\n"
    if component == SH.HasValueConstraintComponent:
        test = f"FILTER NOT EXISTS {{ ?this {path} {term(value)} }}"  # type: ignore[arg-type]
        return head + _rest(test) + "\n}", frozenset()
    assert isinstance(value, int)
    condition, datatypes = "", frozenset[str]()
    if component == SH.QualifiedMinCountConstraintComponent:
        text, datatypes = violation(shapes[constraint.shapes[0]], "?v0")
        condition = f" FILTER (!{text})"
    if component == SH.MaxCountConstraintComponent:
        return _count(path, ">", value, ""), datatypes
    if value == 0:
        return head + "FILTER (false)\n}", datatypes
    if value == 1:
        test = f"FILTER NOT EXISTS {{ ?this {path} ?v0 .{condition} }}"
        return head + _rest(test) + "\n}", datatypes
    return _count(path, "<", value, condition, optional=True), datatypes


def _rest(text: str) -> str:
    """``text`` marked as the rest of the focus pattern's group (see Check.text)."""
    return f"{REST}\n{text}\n{REST_END}"


def _count(path: str, op: str, limit: int, condition: str, *, optional: bool = False) -> str:
    values = f"?this {path} ?v0 .{condition}"
    inner = f"OPTIONAL {{ {values} }}" if optional else values
    counts = f"SELECT ?this (COUNT(DISTINCT ?v0) AS ?n0) WHERE {{\n{FOCUS}\n{_rest(inner)}\n}}"
    return f"SELECT ?this WHERE {{\n{{ {counts} GROUP BY ?this }}\nFILTER (?n0 {op} {limit})\n}}"


def _sparql(owner: Shape, shape: Shape, constraint: Constraint) -> Check:
    select = constraint.value
    assert isinstance(select, Select)
    if shape.path is not None:
        raise unsupported(SH.sparql, shape.node)  # $PATH substitution in property shapes
    found = _PRE_BOUND.search(select.text)
    if found:
        raise ValidationError(f"unsupported SPARQL in {select.node.n3()}: ${found.group(1)}")
    analyse(select, constraint=True)  # raises for what cannot run as pySHACL runs it
    prefixes = dict(targets_prefixes(owner))
    _merge(prefixes, select.prefixes, select.node)
    body = executable(select)
    return Check(
        owner,
        shape,
        constraint,
        SPARQL,
        body,
        tuple(sorted(prefixes.items())),
    )
