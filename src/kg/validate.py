"""SHACL validation (kg.shacl's SPARQL engine, or pySHACL), returned as a ValidationOutcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as Choice

import pyshacl
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.namespaces import new_graph
from kg.turtle import parse_all, turtle_files

Engine = Choice["auto", "sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("auto", "sparql", "pyshacl")

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
    constraint_component: Node | None = None
    source_constraint: Node | None = None

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


def validate(
    data: Graph, shapes: Graph, *, ontology: Graph | None = None, engine: Engine = "auto"
) -> ValidationOutcome:
    """Validate ``data`` (plus ``ontology``, e.g. its SKOS schemes) against ``shapes``.

    No inference is run: the data states its superclass types itself, so the shapes see exactly
    what queries see. SPARQL-based targets and constraints are enabled.

    ``engine``: ``"sparql"`` compiles the shapes to SPARQL run by pyoxigraph (kg.shacl; the same
    results as pySHACL, for the SHACL subset that shapes/ uses); ``"pyshacl"`` runs pySHACL, the
    reference; ``"auto"`` (default) is ``"sparql"`` when it supports every term of ``shapes``,
    else ``"pyshacl"``.

    Raises:
        ValidationError: the engine could not run (for example, the shapes graph is malformed,
            or ``engine="sparql"`` meets a SHACL term it does not support).
    """
    if engine not in ENGINES:
        raise ValidationError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine != "pyshacl":
        from kg.shacl import Validator, validate_graphs  # kg.shacl imports this module

        try:
            validator = Validator(shapes)
        except ValidationError:
            if engine == "sparql":
                raise
        else:
            return validate_graphs(data, validator, ontology=ontology)
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
                constraint_component=report.value(node, SH.sourceConstraintComponent),
                source_constraint=report.value(node, SH.sourceConstraint),
            )
        )
    return sort_results(results)


def sort_results(results: list[ValidationResult]) -> list[ValidationResult]:
    """Most severe first, then by focus node, path, shape, message and value."""
    return sorted(
        results,
        key=lambda r: (
            _SEVERITY_RANK.get(r.severity, 3),
            str(r.focus_node),
            str(r.path),
            str(r.source_shape),
            r.message,
            str(r.value),
        ),
    )
