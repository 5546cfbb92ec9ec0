"""SHACL validation with pySHACL, returned as a typed ValidationOutcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.namespaces import new_graph
from kg.turtle import parse_all, turtle_files

# Most severe first; used to order results.
_SEVERITY_RANK = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult`` of a report."""

    focus_node: Node
    path: Node | None
    message: str
    severity: URIRef
    source_shape: Node | None
    value: Node | None

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning`` or ``Info``."""
        return str(self.severity).rpartition("#")[2]


@dataclass(frozen=True)
class ValidationOutcome:
    """Whether the data conforms (warnings and infos do not fail), with the full report."""

    conforms: bool
    report: Graph
    text: str
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        """The results of severity ``sh:Violation``."""
        return [r for r in self.results if r.severity == SH.Violation]

    @property
    def warnings(self) -> list[ValidationResult]:
        """The results of severity ``sh:Warning`` or ``sh:Info``."""
        return [r for r in self.results if r.severity != SH.Violation]


def load_shapes(directory: Path) -> Graph:
    """Return the union of every Turtle file under ``directory`` (normally ``shapes/``).

    Raises:
        NotFound: the directory does not exist.
        SourceError: a file is not valid Turtle (names file and line).
    """
    return parse_all(turtle_files(directory))


def validate(data: Graph, shapes: Graph, *, ontology: Graph | None = None) -> ValidationOutcome:
    """Validate ``data`` (plus ``ontology``, e.g. its SKOS schemes) against ``shapes``.

    No inference is run: the data states its superclass types itself, so the shapes see exactly
    what queries see. SPARQL-based targets and constraints are enabled.

    Raises:
        ValidationError: pySHACL could not run (for example, the shapes graph is malformed).
    """
    data_graph = _union(data, ontology)
    try:
        conforms, report, text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
    except Exception as exc:  # pySHACL reports malformed shapes with its own exception types
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    if isinstance(report, Exception):
        # pySHACL returns (not raises) a ValidationFailure when a shape is malformed.
        raise ValidationError(f"SHACL validation failed to run: {report}")
    if not isinstance(report, Graph):  # pragma: no cover - pySHACL returns a Graph for Graphs
        raise ValidationError("pySHACL returned no report graph")
    return ValidationOutcome(bool(conforms), report, str(text), _results(report))


def _union(data: Graph, ontology: Graph | None) -> Graph:
    """Copy data (and ontology) into one plain Graph; a Dataset's named graphs are merged."""
    union = new_graph()
    for graph in (data, ontology):
        if isinstance(graph, Dataset):
            # A Dataset's triples() sees only its default graph; quads() sees every graph.
            for s, p, o, _ in graph.quads((None, None, None, None)):
                union.add((s, p, o))
        elif graph is not None:
            union += graph
    return union


def _message(report: Graph, node: Node) -> str:
    """Return the result's message, preferring English when shapes give several languages."""
    messages = sorted(
        (m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)),
        key=lambda m: (m.language not in (None, "en"), m.language or "", str(m)),
    )
    return str(messages[0]) if messages else ""


def _results(report: Graph) -> list[ValidationResult]:
    """Read the report's results, most severe first, then by focus node, path and shape."""
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(node, SH.resultSeverity)
        focus = report.value(node, SH.focusNode)
        if focus is None:  # pragma: no cover - every SHACL result has a focus node
            continue
        results.append(
            ValidationResult(
                focus_node=focus,
                path=report.value(node, SH.resultPath),
                message=_message(report, node),
                severity=severity if isinstance(severity, URIRef) else SH.Violation,
                source_shape=report.value(node, SH.sourceShape),
                value=report.value(node, SH.value),
            )
        )
    results.sort(
        key=lambda r: (
            _SEVERITY_RANK.get(r.severity, 3),
            str(r.focus_node),
            str(r.path),
            str(r.source_shape),
            r.message,
            str(r.value),
        )
    )
    return results
