"""Extraction quality: precision and recall of `kg ingest` per kind of fact, against gold graphs.

``python -m bench.extraction`` (``make bench-extraction``, also part of ``make bench``). Golds:

- the seed: the curated graph of the Zakon.kz report of 2025-11-29, ingested from scratch (the
  graph it is linked against is data/ without that report's own file);
- every pair under tests/fixtures/ingest/ (report.txt, gold.ttl, meta.json): test reports the
  project wrote itself, linked against the whole of data/.

Prints a table per gold and writes bench/results/extraction.json. Figures, not a test: the
exit code is 0 whatever they are (tests/test_ingest.py holds the seed to its 90 % bar).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.ingest.facts import Score, compare, differences
from kg.ingest.propose import Report, propose
from kg.ingest.run import reference_from

ROOT = Path(__file__).resolve().parent.parent
SEED = "zakon-2025-11-29-drug-crime-council"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
RESULTS = ROOT / "bench" / "results" / "extraction.json"


@dataclass(frozen=True)
class Gold:
    name: str
    report: Report
    gold: Path
    exclude: frozenset[str]


def golds() -> list[Gold]:
    """The seed, then the fixtures in name order."""
    seed = Report(
        SEED,
        (ROOT / "data" / "sources" / f"{SEED}.txt").read_text(encoding="utf-8"),
        "https://www.zakon.kz/sobytiia/6499392-genprokuratura-otchitalas-o-rezultatakh-borby-s-"
        "narkoprestupnostyu-v-kazakhstane.html",
        "Zakon.kz",
        datetime.datetime.fromisoformat("2025-11-29T10:58:00+05:00"),
        "ru",
    )
    found = [Gold("seed (zakon.kz, ru)", seed, ROOT / "data" / "reports" / f"{SEED}.ttl",
                  frozenset({SEED}))]  # fmt: skip
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        report = Report(
            meta["source"],
            (folder / "report.txt").read_text(encoding="utf-8"),
            meta["url"],
            meta["publisher"],
            datetime.datetime.fromisoformat(meta["published"]),
            meta["lang"],
        )
        found.append(Gold(f"{folder.name} ({meta['lang']})", report, folder / "gold.ttl",
                          frozenset()))  # fmt: skip
    return found


def evaluate(gold: Gold) -> tuple[list[Score], dict[str, tuple[set[tuple[str, ...]], set[tuple[str, ...]]]]]:
    """Ingest the gold's report and score its facts against the gold graph."""
    ref = reference_from(ROOT / "ontology", ROOT / "data", exclude=gold.exclude)
    found = Graph()
    for fact in propose(gold.report, ref):
        found += fact.graph
    expected = Graph().parse(gold.gold, format="turtle")
    return compare(found, expected, ref.subjects), differences(found, expected, ref.subjects)


def table(name: str, scores: list[Score]) -> str:
    lines = [f"### {name}", "", "| kind | gold | found | correct | precision | recall |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s in scores:
        lines.append(f"| {s.kind} | {s.gold} | {s.found} | {s.correct} | "
                     f"{s.precision:.1%} | {s.recall:.1%} |")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="list missed and extra facts")
    args = parser.parse_args(argv)
    results = {}
    for gold in golds():
        scores, diff = evaluate(gold)
        print(table(gold.name, scores), end="\n\n")
        if args.diff:
            for kind, (missed, extra) in diff.items():
                for fact in sorted(missed):
                    print(f"  missed {kind}: {fact}")
                for fact in sorted(extra):
                    print(f"  extra  {kind}: {fact}")
            print()
        results[gold.name] = [s.__dict__ | {"precision": s.precision, "recall": s.recall}
                              for s in scores]  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
