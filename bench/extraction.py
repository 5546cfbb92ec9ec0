"""Extraction quality: precision and recall of `kg ingest` per kind of fact, against gold graphs.

``python -m bench.extraction [--diff]`` (``make bench-extraction``, also part of ``make bench``).
The golds (kg.ingest.quality):

- the seed: the curated graph of the Zakon.kz report of 2025-11-29, ingested from scratch (the
  graph it is linked against is data/ without that report's own file);
- tests/fixtures/ingest/: test reports the project wrote itself, on which the rules were
  developed;
- tests/fixtures/ingest-heldout/: test reports written afterwards, by someone who did not read
  the rules: the fairest estimate of quality on a new report.

Prints a table per gold and per group, and writes bench/results/extraction.json. Figures, not a
test: the exit code is 0 whatever they are (tests/test_ingest.py holds the seed to its bar).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from kg.ingest.facts import KINDS, Score
from kg.ingest.quality import Result, evaluate, golds

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "extraction.json"


def table(title: str, scores: list[Score]) -> str:
    lines = [f"### {title}", "", "| kind | gold | found | correct | precision | recall |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s in scores:
        lines.append(f"| {s.kind} | {s.gold} | {s.found} | {s.correct} | "
                     f"{s.precision:.1%} | {s.recall:.1%} |")  # fmt: skip
    return "\n".join(lines)


def pooled(results: list[Result]) -> list[Score]:
    """Scores summed over several golds (micro-averaged), per kind and in all."""
    rows = []
    for n, kind in enumerate([*KINDS, "all"]):
        parts = [r.scores[n] for r in results]
        rows.append(Score(kind, sum(p.gold for p in parts), sum(p.found for p in parts),
                          sum(p.correct for p in parts)))  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="list missed and extra facts")
    args = parser.parse_args(argv)
    results: list[Result] = []
    started = time.perf_counter()
    for gold in golds(ROOT):
        result = evaluate(gold, ROOT)
        results.append(result)
        print(table(f"{gold.name} [{gold.group}]", result.scores), end="\n\n")
        if args.diff:
            for kind in KINDS:
                for fact in sorted(result.missed[kind]):
                    print(f"  missed {kind}: {fact}")
                for fact in sorted(result.extra[kind]):
                    print(f"  extra  {kind}: {fact}")
            print()
    for group in ("fixtures", "held-out"):
        members = [r for r in results if r.gold.group == group]
        if members:
            print(table(f"all {group} ({len(members)} reports, pooled)", pooled(members)),
                  end="\n\n")  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"{len(results)} reports ingested and scored in {elapsed:.1f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {r.gold.name: {"group": r.gold.group, "scores": [
                s.__dict__ | {"precision": s.precision, "recall": s.recall} for s in r.scores
            ]} for r in results},
            indent=2, ensure_ascii=False,
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    print(f"written {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
