"""Read a shapes graph into typed shapes, refusing every SHACL term this engine does not run.

The subset is what ``shapes/*.ttl`` use: targets ``sh:targetClass``, ``sh:targetObjectsOf`` and
``sh:target`` with a ``sh:SPARQLTarget``; node shapes with ``sh:property``; property shapes whose
``sh:path`` is a predicate IRI; constraints ``sh:minCount``, ``sh:maxCount``, ``sh:class``,
``sh:datatype``, ``sh:nodeKind``, ``sh:pattern`` (no ``sh:flags``), ``sh:hasValue``, ``sh:in``,
``sh:languageIn``, ``sh:minLength``, ``sh:or``, ``sh:qualifiedValueShape`` with
``sh:qualifiedMinCount``, and ``sh:sparql`` (``sh:select`` with ``sh:prefixes``); ``sh:severity``
and ``sh:message``. Any other ``sh:`` term raises ValidationError naming it, so a shape written
tomorrow is never skipped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from kg.errors import ValidationError
from kg.shacl.patterns import translate

SEVERITIES = frozenset({SH.Violation, SH.Warning, SH.Info})
NODE_KINDS = frozenset(
    {SH.IRI, SH.Literal, SH.BlankNode, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}
)
# Predicates that only describe a shape for people; they never change a result.
ANNOTATIONS = frozenset({SH.name, SH.description, SH.order, SH.group})
TARGETS = frozenset({SH.targetClass, SH.targetObjectsOf, SH.target})
# Value-local constraints: allowed in shapes used as sh:or members or qualified value shapes.
VALUE_PARAMETERS = frozenset(
    {
        SH["class"],
        SH.datatype,
        SH.nodeKind,
        SH.pattern,
        SH.hasValue,
        SH["in"],
        SH.languageIn,
        SH.minLength,
    }
)
SHAPE_PARAMETERS = VALUE_PARAMETERS | {
    SH.minCount,
    SH.maxCount,
    SH["or"],
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.sparql,
}
SHAPE_PREDICATES = SHAPE_PARAMETERS | TARGETS | ANNOTATIONS | {SH.path, SH.property}
SHAPE_PREDICATES |= {SH.severity, SH.message}
# Every sh: predicate the engine understands anywhere in a shapes graph.
KNOWN_PREDICATES = SHAPE_PREDICATES | {SH.select, SH.prefixes, SH.declare, SH.prefix, SH.namespace}
KNOWN_OBJECTS = (
    SEVERITIES
    | NODE_KINDS
    | {SH.NodeShape, SH.PropertyShape, SH.SPARQLTarget, SH.SPARQLConstraint}
    | {SH.PrefixDeclaration}
)
SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)


@dataclass(frozen=True)
class Select:
    """A ``sh:select`` query and the PREFIX declarations of its ``sh:prefixes``."""

    node: Node
    text: str
    prefixes: tuple[tuple[str, str], ...]
    messages: tuple[Literal, ...] = ()


@dataclass(frozen=True)
class Constraint:
    """One constraint of a shape: its component, the parameter's value, and for sh:or and
    qualified shapes the nodes of the shapes it names."""

    component: URIRef
    value: object
    shapes: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Shape:
    """A node shape (``path`` None) or a property shape."""

    node: Node
    path: URIRef | None
    severity: URIRef
    messages: tuple[Literal, ...]
    targets: tuple[tuple[URIRef, object], ...]
    constraints: tuple[Constraint, ...]
    properties: tuple[Node, ...]


def unsupported(term: Node, where: Node | None = None) -> ValidationError:
    """The error for a SHACL term this engine does not run."""
    name = term.n3(Graph().namespace_manager) if isinstance(term, URIRef) else repr(term)
    place = f" on {where.n3()}" if where is not None else ""
    return ValidationError(f"unsupported SHACL term {name}{place}: the SPARQL engine cannot run it")


def read_shapes(graph: Graph) -> dict[Node, Shape]:
    """Every shape of ``graph`` by node.

    Raises:
        ValidationError: a SHACL term outside the subset, or a malformed shape.
    """
    _check_terms(graph)
    nodes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    for predicate in TARGETS | SHAPE_PARAMETERS | {SH.path, SH.property}:
        nodes.update(graph.subjects(predicate, None))
    nodes.update(graph.objects(None, SH.property))
    nodes.update(graph.objects(None, SH.qualifiedValueShape))
    for members in graph.objects(None, SH["or"]):
        nodes.update(_list(graph, members, SH["or"]))
    nodes -= set(graph.subjects(RDF.type, SH.SPARQLConstraint))
    shapes = {node: _shape(graph, node) for node in nodes}
    for shape in shapes.values():
        for child in shape.properties:
            if shapes[child].path is None:
                raise ValidationError(f"sh:property of {shape.node.n3()} names no property shape")
            if shape.path is not None:
                raise unsupported(SH.property, shape.node)
        for constraint in shape.constraints:
            for member in constraint.shapes:
                if (member, None, None) not in graph:
                    raise ValidationError(
                        f"{shape.node.n3()} names shape {member.n3()}, not in the graph"
                    )
                _check_value_shape(shapes[member])
    return shapes


def _check_terms(graph: Graph) -> None:
    for _, predicate, obj in graph:
        if str(predicate).startswith(str(SH)) and predicate not in KNOWN_PREDICATES:
            raise unsupported(predicate)
        if isinstance(obj, URIRef) and obj.startswith(str(SH)) and obj not in KNOWN_OBJECTS:
            raise unsupported(obj)


def _check_value_shape(shape: Shape) -> None:
    """Shapes named by sh:or and sh:qualifiedValueShape check a value node on its own."""
    if shape.path is not None:
        raise unsupported(SH.path, shape.node)
    if shape.properties:
        raise unsupported(SH.property, shape.node)
    for constraint in shape.constraints:
        if constraint.component not in VALUE_COMPONENTS:
            raise unsupported(constraint.component, shape.node)


def _list(graph: Graph, head: Node, predicate: URIRef) -> list[Node]:
    if head != RDF.nil and (head, RDF.first, None) not in graph:
        raise ValidationError(f"the value of {predicate.n3()} is not an RDF list")
    return list(Collection(graph, head))


def _one(graph: Graph, node: Node, predicate: URIRef) -> Node:
    values = list(graph.objects(node, predicate))
    if len(values) != 1:
        raise ValidationError(f"{node.n3()} has {len(values)} values of {predicate.n3()}, not one")
    return values[0]


def _integer(graph: Graph, node: Node, predicate: URIRef) -> int:
    value = _one(graph, node, predicate)
    if not (isinstance(value, Literal) and value.datatype == XSD.integer):
        raise ValidationError(f"{predicate.n3()} of {node.n3()} is not an xsd:integer")
    number = int(value)
    if number < 0:
        raise ValidationError(f"{predicate.n3()} of {node.n3()} is negative")
    return number


def _shape(graph: Graph, node: Node) -> Shape:
    if isinstance(node, Literal):
        raise ValidationError(f"a literal cannot be a shape: {node.n3()}")
    for kind in graph.objects(node, RDF.type):
        if kind in (RDFS.Class, OWL.Class):
            raise unsupported(RDFS.Class, node)  # implicit class targets
    path = None
    if (node, SH.path, None) in graph:
        found = _one(graph, node, SH.path)
        if not isinstance(found, URIRef):
            raise unsupported(SH.path, node)  # inverse, sequence, alternative paths
        path = found
    severity = graph.value(node, SH.severity) or SH.Violation
    if severity not in SEVERITIES:
        raise unsupported(severity, node)
    messages = tuple(m for m in graph.objects(node, SH.message) if isinstance(m, Literal))
    return Shape(
        node=node,
        path=path,
        severity=URIRef(str(severity)),
        messages=messages,
        targets=tuple(_targets(graph, node)),
        constraints=tuple(_constraints(graph, node, path is not None)),
        properties=tuple(graph.objects(node, SH.property)),
    )


def _targets(graph: Graph, node: Node) -> list[tuple[URIRef, object]]:
    found: list[tuple[URIRef, object]] = []
    for predicate in (SH.targetClass, SH.targetObjectsOf):
        for value in graph.objects(node, predicate):
            if not isinstance(value, URIRef):
                raise ValidationError(f"{predicate.n3()} of {node.n3()} is not an IRI")
            found.append((predicate, value))
    for target in graph.objects(node, SH.target):
        if (target, RDF.type, SH.SPARQLTarget) not in graph:
            raise unsupported(SH.target, node)  # only SPARQL-based targets
        found.append((SH.target, _select(graph, target)))
    return found


def _select(graph: Graph, node: Node) -> Select:
    text = _one(graph, node, SH.select)
    prefixes: dict[str, str] = {}
    for holder in graph.objects(node, SH.prefixes):
        for declaration in graph.objects(holder, SH.declare):
            prefix = str(_one(graph, declaration, SH.prefix))
            namespace = str(_one(graph, declaration, SH.namespace))
            if prefixes.setdefault(prefix, namespace) != namespace:
                raise ValidationError(f"prefix {prefix!r} is declared twice for {node.n3()}")
    messages = tuple(m for m in graph.objects(node, SH.message) if isinstance(m, Literal))
    return Select(node, str(text), tuple(sorted(prefixes.items())), messages)


def _constraints(graph: Graph, node: Node, is_property: bool) -> list[Constraint]:
    found: list[Constraint] = []
    parameters = set(graph.predicates(node, None)) & SHAPE_PARAMETERS
    for predicate in parameters & {SH.minCount, SH.maxCount, SH.qualifiedValueShape}:
        if not is_property:
            raise unsupported(predicate, node)  # counts of a node shape's single value node
    for predicate in (SH.minCount, SH.maxCount, SH.minLength):
        if predicate in parameters:
            number = _integer(graph, node, predicate)
            found.append(Constraint(COMPONENTS[predicate], number))
    for predicate in (SH.datatype, SH.nodeKind):
        if predicate in parameters:
            value = _one(graph, node, predicate)
            if predicate == SH.nodeKind and value not in NODE_KINDS:
                raise unsupported(value, node)
            if predicate == SH.datatype and (
                not isinstance(value, URIRef) or value in (RDFS.Literal, RDFS.Datatype)
            ):
                raise unsupported(value, node)
            found.append(Constraint(COMPONENTS[predicate], value))
    for value in graph.objects(node, SH["class"]):
        found.append(Constraint(SH.ClassConstraintComponent, value))
    for value in graph.objects(node, SH.pattern):
        if not isinstance(value, Literal):
            raise ValidationError(f"sh:pattern of {node.n3()} is not a literal")
        translate(str(value))  # raises for syntax the engine cannot run exactly
        found.append(Constraint(SH.PatternConstraintComponent, str(value)))
    for value in graph.objects(node, SH.hasValue):
        found.append(Constraint(SH.HasValueConstraintComponent, value))
    if SH["in"] in parameters:
        members = tuple(_list(graph, _one(graph, node, SH["in"]), SH["in"]))
        found.append(Constraint(SH.InConstraintComponent, members))
    if SH.languageIn in parameters:
        tags = _list(graph, _one(graph, node, SH.languageIn), SH.languageIn)
        if not all(isinstance(tag, Literal) and isinstance(tag.value, str) for tag in tags):
            raise ValidationError(f"sh:languageIn of {node.n3()} holds a non-string")
        found.append(
            Constraint(SH.LanguageInConstraintComponent, tuple(str(t).lower() for t in tags))
        )
    for head in graph.objects(node, SH["or"]):
        members = tuple(_list(graph, head, SH["or"]))
        found.append(Constraint(SH.OrConstraintComponent, None, members))
    if SH.qualifiedValueShape in parameters or SH.qualifiedMinCount in parameters:
        shape = _one(graph, node, SH.qualifiedValueShape)
        minimum = _integer(graph, node, SH.qualifiedMinCount)
        found.append(Constraint(SH.QualifiedMinCountConstraintComponent, minimum, (shape,)))
    for constraint in graph.objects(node, SH.sparql):
        found.append(Constraint(SH.SPARQLConstraintComponent, _select(graph, constraint)))
    return found


COMPONENTS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
}
VALUE_COMPONENTS = frozenset(
    {
        SH.ClassConstraintComponent,
        SH.DatatypeConstraintComponent,
        SH.NodeKindConstraintComponent,
        SH.PatternConstraintComponent,
        SH.HasValueConstraintComponent,
        SH.InConstraintComponent,
        SH.LanguageInConstraintComponent,
        SH.MinLengthConstraintComponent,
    }
)
