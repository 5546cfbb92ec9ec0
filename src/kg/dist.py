"""Write dist/ deterministically (byte-identical across runs) and atomically."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg.atomic import replaced_directory
from kg.errors import BuildError
from kg.namespaces import PREFIXES, new_graph
from kg.void import MEDIA_TYPES, VOID_GRAPH, describe

TEMP_PREFIX = ".kg-build-"


def write_dist(dataset: Dataset, graphs: Sequence[URIRef], out: Path) -> list[Path]:
    """Write the dataset files and ``void.ttl`` into ``out``, replacing it as a whole.

    Everything is written to a temporary sibling directory first and swapped in by renames, so
    an exception at any point leaves the previous ``out`` untouched and no temporary directory.

    Raises:
        BuildError: a graph is named ``graph/void`` (reserved), or ``out`` cannot be written.
    """
    if VOID_GRAPH in graphs:
        raise BuildError(f"graph <{VOID_GRAPH}> is reserved for the dataset description")
    named = [(iri, _copy(dataset.graph(iri))) for iri in sorted(graphs)]
    # A file cannot state its own size, so the in-dataset description has no byte sizes.
    named.append((VOID_GRAPH, describe(dataset, graphs)))
    with replaced_directory(out, prefix=TEMP_PREFIX, what="the build") as tmp:
        contents = {
            "dataset.trig": trig(named),
            "dataset.nq": nquads(named),
            "dataset.ttl": turtle(_merge(named[:-1])),
            "dataset.jsonld": jsonld(named),
        }
        assert list(contents) == list(MEDIA_TYPES)  # void.py lists the same files
        sizes = {}
        for name, text in contents.items():
            data = text.encode("utf-8")
            (tmp / name).write_bytes(data)
            sizes[name] = len(data)
        (tmp / "void.ttl").write_bytes(turtle(describe(dataset, graphs, sizes=sizes)).encode())
    return [out / name for name in [*contents, "void.ttl"]]


def _copy(graph: Graph) -> Graph:
    """Copy a graph so that only the project prefixes are bound (no per-file prefixes)."""
    copy = new_graph(graph.identifier if isinstance(graph.identifier, URIRef) else None)
    for triple in graph.triples((None, None, None)):
        copy.add(triple)
    return copy


def _merge(named: Sequence[tuple[URIRef, Graph]]) -> Graph:
    """Return the union of the graphs (the default graph of the dataset)."""
    union = new_graph()
    for _, graph in named:
        union += graph
    return union


def turtle(graph: Graph) -> str:
    """Serialise as Turtle; rdflib sorts subjects and predicates, the prefix lines sorted here."""
    text = graph.serialize(format="turtle")
    lines = text.splitlines(keepends=True)
    head = [line for line in lines if line.startswith("@prefix ")]
    # rdflib writes the used prefixes first, in the order it met them; that order varies.
    return "".join(sorted(head)) + "".join(lines[len(head) :])


def _body(graph: Graph) -> str:
    """The Turtle of ``graph`` without its prefix lines."""
    text = turtle(graph)
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("@"))


def trig(named: Sequence[tuple[URIRef, Graph]]) -> str:
    """Serialise named graphs as TriG: one shared prefix block, graphs in IRI order."""
    # Not rdflib's TriG writer: it emits graphs in set order, which changes between processes.
    prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items()))
    blocks = []
    for iri, graph in sorted(named, key=lambda item: str(item[0])):
        # Graph bodies are not indented: that would alter multi-line literals.
        blocks.append(f"{iri.n3()} {{\n{_body(graph).strip()}\n}}\n")
    return prefixes + "\n" + "\n".join(blocks)


def nquads(named: Sequence[tuple[URIRef, Graph]]) -> str:
    """Serialise named graphs as N-Quads, one sorted line per quad."""
    lines: set[str] = set()
    for iri, graph in named:
        for line in graph.serialize(format="nt").splitlines():
            if line.strip():
                # An N-Triples line ends with " ."; the graph name goes before it.
                lines.add(f"{line.rstrip()[:-1].rstrip()} {iri.n3()} .")
    return "".join(line + "\n" for line in sorted(lines))


def jsonld(named: Sequence[tuple[URIRef, Graph]]) -> str:
    """Serialise named graphs as compact JSON-LD with the project prefixes as inline context."""
    dataset = Dataset()
    for iri, graph in named:
        target = dataset.graph(iri)
        target += graph
    context = dict(sorted(PREFIXES.items()))
    text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    return (
        json.dumps(_sorted(json.loads(text)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def _sorted(value: Any) -> Any:
    """Sort JSON-LD arrays (unordered sets, except @list) so the output does not vary."""
    if isinstance(value, dict):
        return {
            k: [_sorted(item) for item in v] if k == "@list" else _sorted(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
