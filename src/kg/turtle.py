"""Find and parse Turtle files; relabel blank nodes canonically so output is reproducible."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
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
        SourceError: the file cannot be read, is not UTF-8, is not valid Turtle, or holds an
            invalid IRI or a literal subject; the message names the file and, where known, the
            1-based line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, _bad_byte_line(path), f"not UTF-8 text: {exc.reason}") from exc
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
    _check_terms(graph, path, text)
    return graph


def _bad_byte_line(path: Path) -> int | None:
    """The 1-based line of the first byte of ``path`` that is not UTF-8."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return None


def _line_of(text: str, written: str) -> int | None:
    """The 1-based line where ``written`` first occurs in ``text``, if it does."""
    at = text.find(written)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _check_terms(graph: Graph, path: Path, text: str) -> None:
    """Refuse what rdflib parses but no RDF store holds: an IRI that is not one (rdflib only
    warns, and writing dist/ failed later with a traceback) and a literal as a subject (N3, not
    Turtle; pyoxigraph could not have loaded the N-Quads).

    Raises:
        SourceError: names the file and, when the term is found as written, its line.
    """
    checked: set[URIRef] = set()
    for triple in graph:
        if isinstance(triple[0], Literal):
            line = _line_of(text, str(triple[0]))
            raise SourceError(path, line, f"a literal as a subject: {triple[0].n3()}")
        for term in triple:
            if isinstance(term, URIRef) and term not in checked:
                checked.add(term)
                try:
                    ox.NamedNode(str(term))
                except ValueError as exc:
                    line = _line_of(text, str(term))
                    raise SourceError(path, line, f"not a valid IRI: <{term}> ({exc})") from exc


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
