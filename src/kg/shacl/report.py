"""Results as a ``ValidationOutcome``: an ``sh:ValidationReport`` graph and a text summary."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from kg.namespaces import new_graph
from kg.validate import ValidationOutcome, ValidationResult, sort_results


def outcome(results: list[ValidationResult]) -> ValidationOutcome:
    """Conforms unless a result is a Violation (warnings and infos do not fail)."""
    ordered = sort_results(results)
    conforms = not any(r.severity == SH.Violation for r in ordered)
    return ValidationOutcome(
        conforms, report_graph(ordered, conforms), text(ordered, conforms), ordered
    )


def report_graph(results: list[ValidationResult], conforms: bool) -> Graph:
    """The SHACL validation report of ``results``."""
    graph = new_graph()
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for result in results:
        node = BNode()
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus_node))
        graph.add((node, SH.resultSeverity, result.severity))
        graph.add((node, SH.resultMessage, Literal(result.message)))
        for predicate, value in (
            (SH.resultPath, result.path),
            (SH.value, result.value),
            (SH.sourceShape, result.source_shape),
            (SH.sourceConstraintComponent, result.constraint_component),
            (SH.sourceConstraint, result.source_constraint),
        ):
            if value is not None:
                graph.add((node, predicate, value))
    return graph


def text(results: list[ValidationResult], conforms: bool) -> str:
    """A plain-text report in the layout of pySHACL's."""
    lines = ["Validation Report", f"Conforms: {conforms}"]
    if results:
        lines.append(f"Results ({len(results)}):")
    names = new_graph().namespace_manager
    for r in results:
        component = str(r.constraint_component or "").rpartition("#")[2]
        kind = "Violation" if r.severity == SH.Violation else r.severity_name
        lines.append(f"Constraint {kind} in {component}:")
        lines.append(f"\tSeverity: {r.severity.n3(names)}")
        if r.source_shape is not None:
            lines.append(f"\tSource Shape: {r.source_shape.n3(names)}")
        lines.append(f"\tFocus Node: {r.focus_node.n3(names)}")
        if r.value is not None:
            lines.append(f"\tValue Node: {r.value.n3(names)}")
        if r.path is not None:
            lines.append(f"\tResult Path: {r.path.n3(names)}")
        lines.append(f"\tMessage: {r.message}")
    return "\n".join(lines) + "\n"
