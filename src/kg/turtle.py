"""Find and parse Turtle files; relabel blank nodes canonically so output is reproducible."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.errors import NotFound, SourceError
from kg.namespaces import new_graph


def turtle_files(*roots: Path) -> list[Path]:
    """Return every ``*.ttl`` file under the given files or directories, recursively, sorted.

    Other files (the ``.txt``/``.tsv``/``.md`` evidence texts in ``data/sources/``) are skipped.
    A file reached twice (through overlapping roots) is listed once.

    Raises:
        NotFound: a root does not exist.
        SourceError: a root is a file that is not Turtle.
    """
    seen: set[Path] = set()
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            candidates = sorted(p for p in root.rglob("*.ttl") if p.is_file())
        elif root.is_file():
            if root.suffix != ".ttl":
                raise SourceError(root, None, "not a Turtle file (expected a .ttl name)")
            candidates = [root]
        else:
            raise NotFound(f"{root}: no such file or directory")
        for path in candidates:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def parse_turtle(path: Path, *, base: str | None = None) -> Graph:
    """Parse one Turtle file into a new Graph; relative IRIs resolve against ``base``.

    Raises:
        SourceError: the file cannot be read, is not UTF-8, or is not valid Turtle; the message
            names the file and, for syntax errors, the 1-based line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text: {exc.reason}") from exc
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc.strerror}") from exc
    graph = new_graph()
    try:
        # publicID keeps relative IRIs independent of where the checkout lives.
        graph.parse(data=text, format="turtle", publicID=base or path.name)
    except BadSyntax as exc:
        # BadSyntax.lines counts newlines before the error, so it is 0-based.
        raise SourceError(path, exc.lines + 1, f"Turtle syntax error: {exc._why}") from exc
    except Exception as exc:  # rdflib raises assorted errors for bad terms (e.g. bad IRIs)
        raise SourceError(path, None, f"Turtle error: {exc}") from exc
    return graph


def parse_all(paths: Iterable[Path]) -> Graph:
    """Parse several Turtle files into one Graph (blank nodes kept apart per file).

    Raises:
        SourceError: as parse_turtle.
    """
    union = new_graph()
    for path in paths:
        union += canonical(parse_turtle(path), scope=str(path.as_posix()))
    return union


def canonical(graph: Graph, *, scope: str, identifier: URIRef | None = None) -> Graph:
    """Return a copy of ``graph`` whose blank-node labels depend only on its triples and scope.

    rdflib labels parsed blank nodes at random; canonical labels make serialisations
    byte-identical across runs. ``scope`` (e.g. the graph IRI) is mixed into each label so that
    blank nodes of different graphs never share a label in one N-Quads or TriG document.
    """
    canon = to_canonical_graph(graph)
    salt = hashlib.sha256(scope.encode()).hexdigest()[:8]
    labels: dict[BNode, BNode] = {}

    def relabel(node: Node) -> Node:
        if not isinstance(node, BNode):
            return node
        if node not in labels:
            digest = hashlib.sha256(f"{salt}|{node}".encode()).hexdigest()[:20]
            labels[node] = BNode("b" + digest)
        return labels[node]

    out = new_graph(identifier)
    for prefix, namespace in graph.namespaces():
        # Keep the file's own prefixes, but never let one displace a project prefix.
        if prefix not in dict(out.namespaces()):
            out.bind(prefix, namespace, override=False)
    for s, p, o in canon:
        out.add((relabel(s), p, relabel(o)))
    return out
