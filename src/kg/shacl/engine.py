"""Run the compiled checks over a pyoxigraph store and read their rows as validation results.

Queries run with ``use_default_graph_as_union=True``: the data graph is the union of the store's
default graph and all its named graphs (``kg.validate`` loads rdflib graphs into the default
graph; a store loaded from ``dataset.nq`` keeps one named graph per source file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.shacl.compile import FOCUS_ONLY, INSTANCE, SPARQL, Check, compile_checks, merged_prefixes
from kg.shacl.model import Select, Shape, read_shapes
from kg.shacl.plan import correlate, membership
from kg.shacl.select import analyse, prologue
from kg.shacl.terms import OxTerm, lexical_well_typed, to_rdflib
from kg.validate import ValidationResult

ToRdflib = Callable[[OxTerm], Node]


@dataclass(frozen=True)
class Scope:
    """Validate only the focus nodes of one named graph: its subjects and objects.

    The graph's IRIs and literals are written into the queries (VALUES); its blank nodes, which a
    query cannot name, are matched in the graph itself.
    """

    graph: str
    named: tuple[str, ...]  # the IRIs and literals, written in SPARQL
    blank: bool  # whether the graph has blank nodes

    @classmethod
    def of(cls, store: ox.Store, graph: str) -> Scope:
        """The scope of named graph ``graph`` of ``store``."""
        named: set[str] = set()
        blank = False
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.BlankNode):
                    blank = True
                elif isinstance(term, ox.NamedNode | ox.Literal):
                    named.add(str(term))
        return cls(graph, tuple(sorted(named)), blank)

    def pattern(self) -> str:
        """A group that binds ``?this`` to each node of the graph once."""
        named = f"{{ VALUES ?this {{ {' '.join(self.named)} }} }}"
        blank = self.blank_pattern()
        return f"{{ SELECT DISTINCT ?this WHERE {{ {named} UNION {blank} }} }}" if blank else named

    def blank_pattern(self) -> str | None:
        """A group that binds ``?this`` to each blank node of the graph once (None: there are
        none)."""
        if not self.blank:
            return None
        g = f"<{self.graph}>"
        return (
            f"{{ SELECT DISTINCT ?this WHERE {{ "
            f"{{ GRAPH {g} {{ ?this ?scope_p ?scope_o }} FILTER (isBlank(?this)) }} UNION "
            f"{{ GRAPH {g} {{ ?scope_s ?scope_p ?this }} FILTER (isBlank(?this)) }} }} }}"
        )


class Validator:
    """The shapes of a shapes graph, compiled once, run over any number of stores.

    Raises:
        ValidationError: the shapes use a SHACL term outside the supported subset.
    """

    def __init__(self, shapes: Graph) -> None:
        self.shapes: dict[Node, Shape] = read_shapes(shapes)
        self.checks: list[Check] = compile_checks(self.shapes)
        for shape in self.shapes.values():
            for _, value in shape.targets:
                if isinstance(value, Select):
                    analyse(value, constraint=False)
        self.datatypes = frozenset().union(*(c.datatypes for c in self.checks))
        self.target_prefixes = merged_prefixes(self.shapes.values())

    def run(
        self,
        store: ox.Store,
        *,
        scope: Scope | None = None,
        ill_typed: dict[str, set[ox.Literal]] | None = None,
        to_node: ToRdflib = to_rdflib,
    ) -> list[ValidationResult]:
        """The results of every check over ``store`` (only ``scope``'s focus nodes if given).

        ``ill_typed`` lists the literals pySHACL calls ill-typed, by datatype, when the caller
        knows them (it loaded the store from rdflib); otherwise they are found in the store.

        Raises:
            ValidationError: a query fails to run.
        """
        if ill_typed is None:
            ill_typed = self._ill_typed(store, scope)
        written = {dt: sorted(str(lit) for lit in lits) for dt, lits in ill_typed.items()}
        if scope is None:
            focus = {check.owner.node: self._focus(check.owner) for check in self.checks}
        else:
            focus = self._scoped_focus(store, scope)
        results: list[ValidationResult] = []
        for check in self.checks:
            pattern = focus.get(check.owner.node)
            if pattern is None:
                continue  # no focus node (in scope)
            query = check.text(pattern, written, scoped=scope is not None)
            results.extend(_results(check, _select(store, query), to_node))
        return results

    def _targets(self, owner: Shape, *, scoped: bool) -> str:
        """The union of the target patterns of ``owner``, each binding ``?this``."""
        branches = []
        for kind, value in owner.targets:
            if kind == SH.targetClass:
                branches.append(f"{{ ?this {INSTANCE} <{value}> . }}")
            elif kind == SH.targetObjectsOf:
                branches.append(f"{{ ?focus_s <{value}> ?this . }}")
            else:
                assert isinstance(value, Select)
                test = membership(value) if scoped else None
                branches.append(f"{{ {test or '{ ' + correlate(value.text) + ' }'} }}")
        return " UNION ".join(branches)

    def _focus(self, owner: Shape) -> str:
        """A group binding ``?this`` to each focus node of ``owner`` once."""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self._targets(owner, scoped=False)} }} }}"

    def _scoped_focus(self, store: ox.Store, scope: Scope) -> dict[Node, str]:
        """For each owner with focus nodes in ``scope``, a group binding ``?this`` to them.

        One query tests every target on the scope's nodes (LATERAL: Oxigraph looks up only those
        nodes); the focus nodes found are then written out (VALUES), but blank nodes, which a
        query cannot name, are found again in the graph.
        """
        owners = list({check.owner.node: check.owner for check in self.checks}.values())
        branches = [
            f"{{ {{ {self._targets(owner, scoped=True)} }} BIND ({i} AS ?owner) }}"
            for i, owner in enumerate(owners)
        ]
        query = (
            f"{prologue(self.target_prefixes)}SELECT DISTINCT ?owner ?this WHERE "
            f"{{ {scope.pattern()} LATERAL {{ {' UNION '.join(branches)} }} }}"
        )
        found: dict[int, list[OxTerm]] = {}
        for row in _select(store, query):
            owner_index = row["owner"]
            assert isinstance(owner_index, ox.Literal)
            found.setdefault(int(owner_index.value), []).append(row["this"])
        focus: dict[Node, str] = {}
        for i, nodes in found.items():
            named = " ".join(str(n) for n in nodes if not isinstance(n, ox.BlankNode))
            pattern = f"{{ VALUES ?this {{ {named} }} }}"
            blank = scope.blank_pattern()
            if blank and any(isinstance(n, ox.BlankNode) for n in nodes):
                targets = self._targets(owners[i], scoped=True)
                pattern = (
                    f"{{ SELECT DISTINCT ?this WHERE {{ {pattern} UNION "
                    f"{{ {blank} LATERAL {{ {targets} }} }} }} }}"
                )
            focus[owners[i].node] = pattern
        return focus

    def _ill_typed(self, store: ox.Store, scope: Scope | None) -> dict[str, set[ox.Literal]]:
        """The literals of the checked datatypes that rdflib cannot read as pySHACL wants."""
        if not self.datatypes:
            return {}
        listed = ", ".join(f"<{dt}>" for dt in sorted(self.datatypes))
        condition = f"FILTER (isLiteral(?o) && DATATYPE(?o) IN ({listed}))"
        if scope is None:
            query = f"SELECT DISTINCT ?o WHERE {{ ?s ?p ?o {condition} }}"
        else:
            nodes = scope.pattern()
            query = (
                f"SELECT DISTINCT ?o WHERE {{ {nodes} LATERAL {{ {{ ?this ?p ?o }} UNION "
                f"{{ BIND (?this AS ?o) }} }} {condition} }}"
            )
        found: dict[str, set[ox.Literal]] = {}
        for (literal,) in _run(store, query):
            if isinstance(literal, ox.Literal):
                datatype = literal.datatype.value
                if not lexical_well_typed(literal.value, datatype):
                    found.setdefault(datatype, set()).add(literal)
        return found


def _run(store: ox.Store, query: str) -> ox.QuerySolutions:
    try:
        solutions = store.query(query, use_default_graph_as_union=True)
    except (SyntaxError, OSError, ValueError) as exc:
        raise ValidationError(f"a SHACL query failed: {exc}\n{query}") from exc
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _select(store: ox.Store, query: str) -> list[dict[str, OxTerm]]:
    solutions = _run(store, query)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        rows.append({name: solution[name] for name in names if solution[name] is not None})
    return rows


def _results(
    check: Check, rows: Iterable[dict[str, OxTerm]], to_node: ToRdflib
) -> list[ValidationResult]:
    shape = check.shape
    component = check.constraint.component
    out = []
    if check.form == SPARQL:
        return _sparql_results(check, rows, to_node)
    for row in rows:
        focus = to_node(row["this"])
        if check.form == FOCUS_ONLY or component == SH.HasValueConstraintComponent:
            value = None
        elif shape.path is None:
            value = focus
        else:
            value = to_node(row["value"])
        out.append(
            ValidationResult(
                focus_node=focus,
                path=shape.path,
                message=_choose(list(shape.messages)) or _generic(component),
                severity=shape.severity,
                source_shape=shape.node,
                value=value,
                constraint_component=component,
            )
        )
    return out


def _sparql_results(
    check: Check, rows: Iterable[dict[str, OxTerm]], to_node: ToRdflib
) -> list[ValidationResult]:
    """One result per distinct row, as pySHACL reads a SPARQL constraint's rows."""
    select = check.constraint.value
    assert isinstance(select, Select)
    shape = check.shape
    seen: set[tuple[tuple[str, Node], ...]] = set()
    out = []
    for row in rows:
        bound = {name: to_node(term) for name, term in row.items()}
        key = tuple(sorted(bound.items(), key=lambda item: item[0]))
        if key in seen:
            continue
        seen.add(key)
        focus = bound["this"]
        path = bound.get("path")
        value = bound.get("value", focus)  # a node shape's result names its focus node
        variables = {k: v for k, v in bound.items() if k not in ("this", "path", "value")}
        variables.update({"this": focus, "value": value})
        if path is not None:
            variables["path"] = path
        texts = [m for m in select.messages if m not in shape.messages] + list(shape.messages)
        message = min((_format(str(m), variables) for m in texts), default="")
        out.append(
            ValidationResult(
                focus_node=focus,
                path=path,
                message=message or _generic(SH.SPARQLConstraintComponent),
                severity=shape.severity,
                source_shape=shape.node,
                value=value,
                constraint_component=SH.SPARQLConstraintComponent,
                source_constraint=select.node,
            )
        )
    return out


def _format(message: str, variables: dict[str, Node]) -> str:
    """Write ``{?name}`` and ``{$name}`` as the bound values, as pySHACL does."""
    for name, value in variables.items():
        text = str(value)
        message = re.sub(r"\{[?$]" + re.escape(name) + r"\}", lambda _: text, message)  # noqa: B023
    return message


def _choose(messages: list[Literal]) -> str:
    """English first, then no language, then the others (as kg.validate reads reports)."""
    ordered = sorted(
        messages, key=lambda m: (m.language not in (None, "en"), m.language or "", str(m))
    )
    return str(ordered[0]) if ordered else ""


def _generic(component: URIRef) -> str:
    name = str(component).rpartition("#")[2].removesuffix("ConstraintComponent")
    return f"The value does not satisfy the {name} constraint"
