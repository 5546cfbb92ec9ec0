"""Measurements that run in a child process, so the parent can bound their time and watch RSS.

``python -m bench.probe load-ours DIR``      the service's store (PooledStore: all its workers)
``python -m bench.probe load-anchor DIR``    pyoxigraph's own ``Store.bulk_load`` of the file
``python -m bench.probe load-ours-disk DIR --at STORE``    the same, workers sharing an on-disk
``python -m bench.probe load-anchor-disk DIR --at STORE``  store at STORE (made fresh: no reuse)
``python -m bench.probe shacl DIR ENGINE``   full SHACL validation (kg, pyshacl or pyshacl-turbo)
``python -m bench.probe revalidate DIR ENGINE``  one source graph plus what it references

Engine ``kg`` is the project's own (kg.shacl: the shapes compiled to SPARQL, run by pyoxigraph over
the bulk-loaded store); ``pyshacl`` is the reference, ``turbo`` pyshacl-turbo.

Each prints one JSON line on stdout. The load probes then wait for a line on stdin (so the parent
can read their steady RSS) and exit.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/kz-legal-kg/"
ONTOLOGY = frozenset(f"{BASE}graph/{stem}" for stem in ("kzl", "kzl-schemes", "kzl-cube"))
VOID = f"{BASE}graph/void"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
KWARGS: dict[str, Any] = {
    "inference": "none",
    "advanced": True,
    "allow_warnings": True,
    "allow_infos": True,
}


PROBES = ("load-ours", "load-anchor", "load-ours-disk", "load-anchor-disk", "shacl", "revalidate")


def emit(payload: dict[str, Any]) -> None:
    print(json.dumps(payload), flush=True)


def load_ours(directory: Path, store_dir: Path | None = None) -> None:
    from kg.config import default_query_workers
    from kg.store.pool import PooledStore

    workers = default_query_workers()
    started = time.perf_counter()
    store = PooledStore(directory, workers=workers, timeout_s=600, store_dir=store_dir)
    store.wait_until_all_started()  # loaded means every worker loaded, not the first one
    seconds = time.perf_counter() - started
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    emit({"seconds": seconds, "workers": workers, "quads": int(str(rows[0]["n"].value))})
    sys.stdin.readline()
    store.close()


def load_anchor(directory: Path, location: Path | None = None) -> None:
    started = time.perf_counter()
    store = ox.Store() if location is None else ox.Store(str(location))
    store.bulk_load(path=directory / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    if location is not None:
        store.flush()
    seconds = time.perf_counter() - started
    emit({"seconds": seconds, "quads": len(store)})
    sys.stdin.readline()


def _rdflib_term(term: Any) -> Any:
    from kg.shacl.terms import to_rdflib

    return to_rdflib(term)


def _graph_of(quads: Any) -> Any:
    from kg.namespaces import new_graph

    graph = new_graph()
    add = graph.add
    for quad in quads:
        add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    return graph


def _engine_validate(engine: str, data: Any, shapes: Any) -> tuple[bool, Counter[str]]:
    """Validate with the engine; (conforms, result counts by severity)."""
    from rdflib.namespace import RDF, SH

    if engine == "pyshacl":
        from kg.validate import validate

        outcome = validate(data, shapes)
        return outcome.conforms, Counter(r.severity_name for r in outcome.results)
    import pyshacl_turbo  # type: ignore[import-not-found, unused-ignore]

    conforms, report, _ = pyshacl_turbo.validate(data, shacl_graph=shapes, **KWARGS)
    severities: Counter[str] = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        severities[str(severity).rpartition("#")[2]] += 1
    return bool(conforms), severities


def _shapes() -> Any:
    from kg.validate import load_shapes

    return load_shapes(ROOT / "shapes")


def _store(directory: Path) -> ox.Store:
    """The corpus in a pyoxigraph store, without the generated void graph."""
    store = ox.Store()
    store.bulk_load(path=directory / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    if ox.NamedNode(VOID) in set(store.named_graphs()):
        store.remove_graph(ox.NamedNode(VOID))
    return store


def _severities(outcome: Any) -> dict[str, int]:
    return dict(Counter(r.severity_name for r in outcome.results))


def shacl_kg(directory: Path) -> None:
    """kg.shacl over the store: parsing is the bulk load, validation the compiled queries."""
    from kg.shacl import Validator, validate_store

    started = time.perf_counter()
    store = _store(directory)
    shapes = _shapes()
    parse_s = time.perf_counter() - started
    emit({"stage": "parsed", "parse_s": parse_s, "triples": len(store)})
    started = time.perf_counter()
    outcome = validate_store(store, Validator(shapes))
    emit(
        {
            "engine": "kg",
            "parse_s": parse_s,
            "validate_s": time.perf_counter() - started,
            "triples": len(store),
            "conforms": outcome.conforms,
            "results": _severities(outcome),
        }
    )


def shacl(directory: Path, engine: str) -> None:
    """Validate the whole corpus (ontology + data graphs; not the generated void graph)."""
    if engine == "kg":
        shacl_kg(directory)
        return
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=directory / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    quads = [q for q in store if q.graph_name.value != VOID]
    data = _graph_of(quads)
    del store, quads
    shapes = _shapes()
    parse_s = time.perf_counter() - started
    emit({"stage": "parsed", "parse_s": parse_s, "triples": len(data)})
    started = time.perf_counter()
    conforms, severities = _engine_validate(engine, data, shapes)
    emit(
        {
            "engine": engine,
            "parse_s": parse_s,
            "validate_s": time.perf_counter() - started,
            "triples": len(data),
            "conforms": conforms,
            "results": dict(severities),
        }
    )


def _changed_graph(store: ox.Store) -> tuple[ox.NamedNode, int]:
    """A typical source graph: the 90th percentile by size among data graphs."""
    sizes = Counter(
        q.graph_name.value
        for q in store
        if isinstance(q.graph_name, ox.NamedNode)
        and q.graph_name.value not in ONTOLOGY | {VOID}
        and "names" not in q.graph_name.value
        and "reference" not in q.graph_name.value
    )
    ordered = sorted(sizes.items(), key=lambda item: (item[1], item[0]))
    name, size = ordered[int(0.9 * (len(ordered) - 1))]
    return ox.NamedNode(name), size


def revalidate_kg(directory: Path, profile: bool) -> None:
    """kg.shacl: the focus nodes of the changed graph (its subjects and objects), validated
    against the whole store, which a service keeps loaded (as it keeps the compiled shapes)."""
    from kg.shacl import Validator, revalidate_graph

    store = _store(directory)
    validator = Validator(_shapes())
    changed, size = _changed_graph(store)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    outcome = revalidate_graph(store, validator, changed)
    seconds = time.perf_counter() - started
    top = ""
    if profiler:
        profiler.disable()
        top = _top(profiler)
    emit(
        {
            "engine": "kg",
            "graph": changed.value,
            "graph_triples": size,
            "referenced_graphs": [],
            "validated_triples": len(store),
            "select_s": 0.0,
            "seconds": seconds,
            "conforms": outcome.conforms,
            "results": _severities(outcome),
            "profile": top,
        }
    )


def revalidate(directory: Path, engine: str, profile: bool) -> None:
    """Validate one source graph, the graphs that type what it references, and the ontology.

    Shapes and the ontology are prepared beforehand (a service keeps them); the time counts
    finding the referenced graphs, copying their quads and validating.
    """
    if engine == "kg":
        revalidate_kg(directory, profile)
        return
    store = ox.Store()
    store.bulk_load(path=directory / "dataset.nq", format=ox.RdfFormat.N_QUADS)
    shapes = _shapes()
    ontology = _graph_of(
        q for g in ONTOLOGY for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))
    )
    changed, size = _changed_graph(store)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    own = list(store.quads_for_pattern(None, None, None, changed))
    # For each IRI the graph mentions but does not type itself, one graph that types it.
    typed_here = {q.subject for q in own if q.predicate == RDF_TYPE}
    referenced: set[str] = set()
    seen: set[ox.NamedNode] = set()
    for quad in own:
        node = quad.object
        if not isinstance(node, ox.NamedNode) or node in typed_here or node in seen:
            continue
        seen.add(node)
        graphs = sorted(
            q.graph_name.value
            for q in store.quads_for_pattern(node, RDF_TYPE, None, None)
            if isinstance(q.graph_name, ox.NamedNode)
        )
        if graphs and not ONTOLOGY.intersection(graphs) and graphs[0] not in referenced:
            referenced.add(graphs[0])
    referenced -= ONTOLOGY | {changed.value}
    quads = own + [
        q
        for g in sorted(referenced)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))
    ]
    data = _graph_of(quads)
    data += ontology
    select_s = time.perf_counter() - started
    conforms, severities = _engine_validate(engine, data, shapes)
    seconds = time.perf_counter() - started
    top = ""
    if profiler:
        profiler.disable()
        top = _top(profiler)
    emit(
        {
            "engine": engine,
            "graph": changed.value,
            "graph_triples": size,
            "referenced_graphs": sorted(referenced),
            "validated_triples": len(data),
            "select_s": select_s,
            "seconds": seconds,
            "conforms": conforms,
            "results": dict(severities),
            "profile": top,
        }
    )


def _top(profiler: cProfile.Profile, n: int = 4) -> str:
    """The ``n`` functions with most own time, as ``module:function share%``."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values()) or 1.0
    rows = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:n]
    return ", ".join(f"{Path(f).stem}:{fn} {100 * v[2] / total:.0f}%" for (f, _, fn), v in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what",
        choices=PROBES,
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("engine", nargs="?", default="pyshacl")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--at", type=Path, help="where the on-disk store goes (must not exist)")
    args = parser.parse_args()
    if args.what.endswith("-disk") and (args.at is None or args.at.exists()):
        parser.error(f"{args.what} needs --at, a directory that does not exist yet")
    if args.what.startswith("load-ours"):
        load_ours(args.directory, args.at)
    elif args.what.startswith("load-anchor"):
        load_anchor(args.directory, args.at)
    elif args.what == "shacl":
        shacl(args.directory, args.engine)
    else:
        revalidate(args.directory, args.engine, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
