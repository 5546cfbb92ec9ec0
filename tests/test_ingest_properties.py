"""kg ingest on text nobody wrote for it: it never fails, and every quote is in the text.

Hypothesis mixes real sentences of the reports with Russian and Kazakh words, numbers, units,
dates, quotes, brackets and stray characters; whatever comes out must be a draft that
`kg review` can read (offsets, quotes, kinds, requirements all consistent).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.draft import requirements
from kg.ingest.propose import Report, propose
from kg.ingest.reference import Reference
from kg.ingest.run import reference_from
from kg.namespaces import OA

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "data" / "sources" / "zakon-2025-11-29-drug-crime-council.txt").read_text(
    encoding="utf-8"
)
PIECES = [
    *[line for line in SEED.splitlines() if line.strip()],
    "Мемлекет басшысы Қасым-Жомарт Тоқаев «Заң туралы» Заңға қол қойды.",
    "В четверг", "27 ноября", "2025 жылғы 3 желтоқсанда", "(7 374; -4%)", "свыше 60 тыс.",
    "47,2 т", "412,6 млрд тенге", "оның ішінде", "в том числе", "«", "»", '"', "(", ")", "–",
    "МВД", "КНБ", "поручено", "подписал Закон", "заседание", "қатысты", "\n", "\n\n", " ",
    "Ж", "1", "0,0", "%", "…", "№ 5", "http://x.kz/1", "\u00a0", "\u202f", "\t",
]  # fmt: skip


@pytest.fixture(scope="module")
def reference() -> Reference:
    return reference_from(ROOT / "ontology", ROOT / "data")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(st.sampled_from(PIECES) | st.text(max_size=12), min_size=1, max_size=25),
    lang=st.sampled_from(["ru", "kk"]),
)
def test_any_text_gives_a_consistent_draft(
    reference: Reference, pieces: list[str], lang: str
) -> None:
    text = " ".join(pieces)
    report = Report("fuzz", text, "https://example.org/fuzz", "Example",
                    datetime.datetime(2025, 11, 29, 10, 58, tzinfo=datetime.UTC), lang)  # fmt: skip
    facts = propose(report, reference)
    assert facts and facts[0].id == "s0"
    ids = [f.id for f in facts]
    assert len(ids) == len(set(ids))
    for fact in facts:
        for sentence in fact.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
        for exact in fact.graph.objects(None, OA.exact):
            assert str(exact) in text
        assert 0 < fact.confidence <= 1
    needs = requirements(facts)
    assert all(need in ids for wanted in needs.values() for need in wanted)
