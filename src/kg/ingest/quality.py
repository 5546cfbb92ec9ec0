"""Extraction quality against gold graphs: the seed report and the test reports under tests/.

Used by ``python -m bench.extraction`` (which prints the tables) and by tests/test_ingest.py
(which holds the seed to its bar). A gold is a report, what its publisher says about it, the
hand-made graph of its facts, and the data files the extractor must not see (the seed's own).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.ingest.facts import Fact, Score, compare, differences
from kg.ingest.propose import Report, propose
from kg.ingest.reference import Reference
from kg.ingest.run import reference_from

SEED = "zakon-2025-11-29-drug-crime-council"
SEED_URL = (
    "https://www.zakon.kz/sobytiia/6499392-genprokuratura-otchitalas-o-rezultatakh-borby-s-"
    "narkoprestupnostyu-v-kazakhstane.html"
)


@dataclass(frozen=True)
class Gold:
    """A report and the hand-made graph of its facts."""

    name: str
    group: str  # "seed", "fixtures" (the rules were developed on them) or "held-out"
    report: Report
    gold: Path
    exclude: frozenset[str]  # data/ files (stems) the extractor must not see


@dataclass(frozen=True)
class Result:
    gold: Gold
    scores: list[Score]
    missed: dict[str, set[Fact]]
    extra: dict[str, set[Fact]]

    @property
    def total(self) -> Score:
        return self.scores[-1]


def seed_gold(root: Path) -> Gold:
    """The Zakon.kz report of 2025-11-29 against its curated graph, ingested from scratch."""
    report = Report(
        SEED,
        (root / "data" / "sources" / f"{SEED}.txt").read_text(encoding="utf-8"),
        SEED_URL,
        "Zakon.kz",
        datetime.datetime.fromisoformat("2025-11-29T10:58:00+05:00"),
        "ru",
    )
    return Gold("seed (Zakon.kz, ru)", "seed", report, root / "data" / "reports" / f"{SEED}.ttl",
                frozenset({SEED}))  # fmt: skip


def fixture_golds(folder: Path, group: str) -> list[Gold]:
    """Every {name}/report.txt + meta.json + gold.ttl under ``folder``, in name order."""
    found = []
    for pair in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        meta = json.loads((pair / "meta.json").read_text(encoding="utf-8"))
        report = Report(
            meta["source"],
            (pair / "report.txt").read_text(encoding="utf-8"),
            meta["url"],
            meta["publisher"],
            datetime.datetime.fromisoformat(meta["published"]),
            meta["lang"],
        )
        found.append(Gold(f"{pair.name} ({meta['lang']})", group, report, pair / "gold.ttl",
                          frozenset()))  # fmt: skip
    return found


def golds(root: Path) -> list[Gold]:
    """The seed, the fixtures the rules were developed on, and the held-out fixtures."""
    fixtures = root / "tests" / "fixtures"
    return [
        seed_gold(root),
        *fixture_golds(fixtures / "ingest", "fixtures"),
        *fixture_golds(fixtures / "ingest-heldout", "held-out"),
    ]


@cache
def _reference(root: Path, exclude: frozenset[str]) -> Reference:
    """The graph a gold's report is linked against, loaded once per set of exclusions."""
    return reference_from(root / "ontology", root / "data", exclude=exclude)


def evaluate(gold: Gold, root: Path) -> Result:
    """Ingest the gold's report against data/ (minus its exclusions) and score the facts."""
    ref = _reference(root, gold.exclude)
    found = Graph()
    for fact in propose(gold.report, ref):
        found += fact.graph
    expected = Graph().parse(gold.gold, format="turtle")
    diff = differences(found, expected, ref.subjects)
    return Result(
        gold,
        compare(found, expected, ref.subjects),
        {kind: missed for kind, (missed, _) in diff.items()},
        {kind: extra for kind, (_, extra) in diff.items()},
    )
