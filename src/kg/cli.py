"""The ``kg`` command: build, validate, query, summary, serve, load, synth; ingest, review, accept.

Exit codes follow pySHACL: 0 ok or conforms, 1 does not conform or no answer, 2 error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rdflib.term import Node

from kg import __version__
from kg.build import LoadedDataset, build, load
from kg.config import Settings
from kg.errors import KgError, NotFound, SourceError
from kg.namespaces import new_graph
from kg.query import ResultFormat, open_dist, run_query
from kg.summary import summarise
from kg.validate import ENGINES, ValidationOutcome, load_shapes, validate

OK, NO, ERROR = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising for user errors."""
    settings = Settings()
    parser = _parser(settings)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code) if isinstance(exc.code, int) else ERROR
    try:
        code: int = args.run(args)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return ERROR
    return code


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    sources = argparse.ArgumentParser(add_help=False)
    sources.add_argument("--ontology-dir", type=Path, default=settings.ontology_dir)
    sources.add_argument("--shapes-dir", type=Path, default=settings.shapes_dir)
    sources.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="SHACL engine: sparql (compiled to SPARQL, fast), pyshacl (the reference), or auto "
        "(sparql when it supports every term of the shapes; default)",
    )

    p = commands.add_parser("build", parents=[sources], help="validate, then write dist/")
    p.add_argument("--data-dir", type=Path, default=settings.data_dir)
    p.add_argument("--out", type=Path, default=settings.dist_dir, help="default: %(default)s")
    p.set_defaults(run=_build)

    p = commands.add_parser("validate", parents=[sources], help="check files against shapes/")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="default: ontology/ data/")
    p.add_argument("--data-dir", type=Path, default=settings.data_dir)
    p.add_argument("--format", choices=["text", "json", "turtle"], default="text")
    p.set_defaults(run=_validate)

    p = commands.add_parser("query", help="run SPARQL over the built dataset")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("query", nargs="?", help="the SPARQL query text")
    which.add_argument("-f", "--file", type=Path, help="read the query from a .rq file")
    p.add_argument("--format", choices=[f.value for f in ResultFormat], default="table")
    p.add_argument("--dist", type=Path, default=settings.dist_dir)
    p.set_defaults(run=_query)

    p = commands.add_parser("summary", help="count what the built dataset holds")
    p.add_argument("--dist", type=Path, default=settings.dist_dir)
    p.set_defaults(run=_summary)

    p = commands.add_parser("serve", help="serve the SPARQL endpoint and the API over dist/")
    p.add_argument("--host", default=settings.host, help="default: %(default)s")
    p.add_argument("--port", type=int, default=settings.port, help="default: %(default)s")
    p.add_argument("--dist", type=Path, default=settings.dist_dir, help="default: %(default)s")
    p.add_argument(
        "--endpoint",
        default=settings.sparql_endpoint,
        help="query this remote SPARQL 1.1 endpoint instead of dist/ (KG_SPARQL_ENDPOINT)",
    )
    p.add_argument(
        "--store-dir",
        type=Path,
        default=settings.store_dir,
        help="share one on-disk copy of dist/ here between the query workers instead of one "
        "in memory each; made when missing or stale (KG_STORE_DIR; for millions of triples)",
    )
    p.set_defaults(run=_serve, settings=settings)

    p = commands.add_parser("load", help="push dist/ to a remote SPARQL server (Graph Store)")
    p.add_argument(
        "--endpoint",
        default=settings.sparql_endpoint,
        required=settings.sparql_endpoint is None,
        help="its SPARQL endpoint, for the counts (KG_SPARQL_ENDPOINT)",
    )
    p.add_argument(
        "--graph-store",
        default=settings.sparql_graph_store,
        help="its Graph Store Protocol URL; default: derived from --endpoint",
    )
    p.add_argument("--user", default=settings.sparql_user, help="digest auth (KG_SPARQL_USER)")
    password = settings.sparql_password.get_secret_value() if settings.sparql_password else None
    p.add_argument("--password", default=password, help="(KG_SPARQL_PASSWORD)")
    p.add_argument("--dist", type=Path, default=settings.dist_dir, help="default: %(default)s")
    p.add_argument("--timeout", type=float, default=600.0, help="per request, default: 600 s")
    p.set_defaults(run=_load)

    p = commands.add_parser("synth", help="write a synthetic corpus of about N quads")
    p.add_argument("--triples", type=int, required=True, metavar="N", help="quads to write (±2 %%)")
    p.add_argument("--seed", type=int, default=0, help="default: %(default)s")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace a non-empty DIR")
    p.add_argument("--ontology-dir", type=Path, default=settings.ontology_dir)
    p.set_defaults(run=_synth)

    from kg.ingest.cli import add_commands

    add_commands(commands, settings)
    return parser


def _build(args: argparse.Namespace) -> int:
    result = build(
        ontology_dir=args.ontology_dir,
        data_dir=args.data_dir,
        shapes_dir=args.shapes_dir,
        out=args.out,
        engine=args.engine,
    )
    _print_text(result.outcome, result.loaded, sys.stdout)
    if not result.written:
        print(f"kg build: data does not conform; {args.out} left unchanged", file=sys.stderr)
        return NO
    union = result.loaded.union()
    print(
        f"kg build: wrote {len(result.written)} files to {args.out} "
        f"({len(union)} triples in {len(result.loaded.files)} graphs)"
    )
    return OK


def _validate(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths or [args.ontology_dir, args.data_dir]
    for path in paths:
        if not path.exists():
            raise NotFound(f"{path}: no such file or directory")
    # The ontology always takes part: shapes check roles against its SKOS schemes.
    ontology = [args.ontology_dir] if args.ontology_dir.is_dir() else []
    loaded = load(*ontology, *paths)
    outcome = validate(loaded.union(), load_shapes(args.shapes_dir), engine=args.engine)
    if args.format == "turtle":
        print(outcome.report.serialize(format="turtle"), end="")
    elif args.format == "json":
        print(json.dumps(_as_json(outcome, loaded), ensure_ascii=False, indent=2))
    else:
        _print_text(outcome, loaded, sys.stdout)
    return OK if outcome.conforms else NO


def _query(args: argparse.Namespace) -> int:
    if args.file is not None:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise SourceError(args.file, None, f"cannot read query: {exc.strerror}") from exc
    else:
        text = args.query
    answer = run_query(open_dist(args.dist), text, fmt=ResultFormat(args.format))
    print(answer.text, end="" if answer.text.endswith("\n") else "\n")
    return OK if answer.has_answer else NO


def _summary(args: argparse.Namespace) -> int:
    print(summarise(args.dist))
    return OK


def _synth(args: argparse.Namespace) -> int:
    from kg.synth import generate  # only this command needs it

    result = generate(
        triples=args.triples,
        seed=args.seed,
        out=args.out,
        ontology_dir=args.ontology_dir,
        force=args.force,
    )
    manifest = result.manifest
    print(
        f"kg synth: wrote {manifest['triples']} quads in {manifest['graphs']} graphs "
        f"to {result.out} (seed {manifest['seed']})"
    )
    return OK


def _serve(args: argparse.Namespace) -> int:
    import uvicorn  # only the server needs it

    from kg.api.main import create_app

    if not args.endpoint and not (args.dist / "dataset.nq").is_file():
        raise NotFound(f"{args.dist / 'dataset.nq'} not found: run kg build first")
    update = {
        "dist_dir": args.dist,
        "sparql_endpoint": args.endpoint or None,
        "store_dir": args.store_dir,
    }
    settings = args.settings.model_copy(update=update)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    return OK


def _load(args: argparse.Namespace) -> int:
    from kg.load import load_dist  # only kg load needs httpx

    report = load_dist(
        args.dist,
        endpoint=args.endpoint,
        graph_store=args.graph_store,
        user=args.user,
        password=args.password,
        timeout_s=args.timeout,
    )
    print(report.table())
    triples = sum(count.expected for count in report.counts)
    if not report.ok:
        print(
            f"kg load: the server at {args.endpoint} does not hold what was sent",
            file=sys.stderr,
        )
        return NO
    print(
        f"kg load: {len(report.counts)} graphs, {triples} triples loaded and counted "
        f"in {report.seconds:.2f} s"
    )
    return OK


def _show(node: Node | None) -> str:
    """Write a node compactly with the project prefixes."""
    if node is None:
        return "-"
    return node.n3(new_graph().namespace_manager)


def _files(loaded: LoadedDataset, node: Node) -> list[str]:
    return [str(path) for path in loaded.files_with_subject(node)]


def _print_text(outcome: ValidationOutcome, loaded: LoadedDataset, out: TextIO) -> None:
    """One line per result: severity, focus node, path, message, and the focus node's files."""
    for r in outcome.results:
        files = ", ".join(_files(loaded, r.focus_node)) or "no file has it as subject"
        value = "" if r.value is None else f" (value {_show(r.value)})"
        head = f"{r.severity_name}: {_show(r.focus_node)} {_show(r.path)}"
        print(f"{head}: {r.message}{value} [{files}]", file=out)
    print(
        f"Conforms: {'yes' if outcome.conforms else 'no'} "
        f"({len(outcome.violations)} violations, {len(outcome.warnings)} warnings)",
        file=out,
    )


def _as_json(outcome: ValidationOutcome, loaded: LoadedDataset) -> dict[str, object]:
    return {
        "conforms": outcome.conforms,
        "results": [
            {
                "severity": r.severity_name,
                "focus_node": str(r.focus_node),
                "path": None if r.path is None else str(r.path),
                "message": r.message,
                "source_shape": None if r.source_shape is None else str(r.source_shape),
                "value": None if r.value is None else str(r.value),
                "files": _files(loaded, r.focus_node),
            }
            for r in outcome.results
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
