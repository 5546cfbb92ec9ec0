"""The commands `kg ingest`, `kg review` and `kg accept` (wired into kg.cli)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from kg.config import Settings

OK, NO = 0, 1


def add_commands(commands: Any, settings: Settings) -> None:
    """Add the three subcommands to kg's argparse subparsers."""
    p = commands.add_parser("ingest", help="propose the facts of a news report as a draft")
    p.add_argument("file", type=Path, metavar="FILE", help="the report, UTF-8 text")
    p.add_argument("--url", required=True, help="the report's address")
    p.add_argument("--publisher", required=True, help='the outlet, e.g. "Zakon.kz"')
    p.add_argument(
        "--published",
        required=True,
        metavar="ISO-DATETIME",
        help="publication time with offset, e.g. 2025-11-29T10:58:00+05:00",
    )
    p.add_argument("--lang", default="ru", choices=("ru", "kk"), help="default: %(default)s")
    p.add_argument("--source", help="slug of the source (default: the file's stem)")
    p.add_argument(
        "--drafts",
        type=Path,
        default=settings.data_dir / "drafts",
        metavar="DIR",
        help="where drafts go (default: %(default)s)",
    )
    p.add_argument("--data-dir", type=Path, default=settings.data_dir)
    p.add_argument("--ontology-dir", type=Path, default=settings.ontology_dir)
    p.set_defaults(run=_ingest)

    p = commands.add_parser("review", help="show a draft's proposed facts; --html for a page")
    p.add_argument("draft", type=Path, metavar="DRAFT", help="data/drafts/{source}.trig")
    p.add_argument("--html", type=Path, metavar="FILE", help="also write the review page")
    p.add_argument("--width", type=int, default=100, help="table width (default: %(default)s)")
    p.set_defaults(run=_review)

    p = commands.add_parser("accept", help="move a draft's accepted facts into data/")
    p.add_argument("draft", type=Path, metavar="DRAFT")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--only", type=_ids, default=[], metavar="IDS", help="e.g. a1,f3")
    choice.add_argument("--except", dest="exclude", type=_ids, default=[], metavar="IDS")
    p.add_argument("--data-dir", type=Path, default=settings.data_dir)
    p.add_argument("--ontology-dir", type=Path, default=settings.ontology_dir)
    p.add_argument("--shapes-dir", type=Path, default=settings.shapes_dir)
    p.set_defaults(run=_accept)


def _ids(text: str) -> list[str]:
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("no fact ids given")
    return ids


def _ingest(args: argparse.Namespace) -> int:
    from kg.ingest.run import ingest, read_report, reference_from

    report = read_report(args.file, url=args.url, publisher=args.publisher,
                         published=args.published, lang=args.lang, source=args.source)  # fmt: skip
    ref = reference_from(args.ontology_dir, args.data_dir)
    result = ingest(report, ref, args.drafts)
    kinds = Counter(f.kind for f in result.facts)
    summary = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    print(f"kg ingest: {len(result.facts)} facts proposed ({summary})")
    print(f"kg ingest: wrote {result.draft} and {result.text}")
    print(f"next: kg review {result.draft}   then: kg accept {result.draft} [--only|--except IDS]")
    return OK


def _review(args: argparse.Namespace) -> int:
    from kg.ingest.review import read_draft, review_page, review_table

    draft = read_draft(args.draft)
    review_table(draft, sys.stdout, width=args.width)
    if args.html is not None:
        from kg.atomic import write_files

        write_files({args.html: review_page(draft).encode("utf-8")})
        print(f"kg review: wrote {args.html}")
    return OK


def _accept(args: argparse.Namespace) -> int:
    from kg.ingest.accept import accept

    result = accept(args.draft, data_dir=args.data_dir, ontology_dir=args.ontology_dir,
                    shapes_dir=args.shapes_dir, only=args.only, exclude=args.exclude)  # fmt: skip
    if result.added:
        print(f"kg accept: also accepting {', '.join(result.added)}, which the chosen facts need")
    if result.dropped:
        print(
            f"kg accept: also leaving out {', '.join(result.dropped)}, which need an excluded fact"
        )
    for old, new in sorted(result.merged.items()):
        print(f"kg accept: {old} is {new}, already in the graph: the new source is added to it")
    outcome = result.outcome
    if outcome is not None and not outcome.conforms:
        for violation in outcome.violations:
            print(f"  {violation.focus_node} {violation.path or ''}: {violation.message}")
        print("kg accept: the accepted facts do not conform to the shapes; nothing written",
              file=sys.stderr)  # fmt: skip
        return NO
    for path in result.written:
        print(f"kg accept: wrote {path}")
    return OK
