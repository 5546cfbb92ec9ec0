"""What the pages offer to try: example questions in each language and the project's queries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

# The example questions, each as (en, ru, kk); the service answers every one of them (the
# Ministry of Defence one with "the graph holds nothing about it").
QUESTIONS: Final[tuple[tuple[str, str, str], ...]] = (
    (
        "Who chaired the meeting of the Coordination Council?",
        "Кто председательствовал на заседании Координационного совета?",
        "Үйлестіру кеңесінің отырысына кім төрағалық етті?",
    ),
    (
        "Which bodies took part in the meeting of the Coordination Council?",
        "Какие органы участвовали в заседании Координационного совета?",
        "Үйлестіру кеңесінің отырысына қандай органдар қатысты?",
    ),
    (
        "What did the General Prosecutor's Office do?",
        "Что сделала Генеральная прокуратура?",
        "Бас прокуратура не істеді?",
    ),
    ("How many drugs were seized?", "Сколько наркотиков изъято?", "Қанша есірткі тәркіленді?"),
    (
        "When was the Criminal Code amended?",
        "Когда были внесены поправки в Уголовный кодекс?",
        "Қылмыстық кодекске қашан өзгерістер енгізілді?",
    ),
    (
        "Did the Ministry of Finance take part in the meeting?",
        "Участвовало ли Министерство финансов в заседании?",
        "Қаржы министрлігі отырысқа қатысты ма?",
    ),
    (
        "Who signed the law ratifying the agreement with Turkmenistan?",
        "Кто подписал закон о ратификации соглашения с Туркменистаном?",
        "Түрікменстанмен келісімді ратификациялау туралы заңға кім қол қойды?",
    ),
    (
        "What did the Ministry of Defence do?",
        "Что сделало Министерство обороны?",
        "Қорғаныс министрлігі не істеді?",
    ),
)
_COLUMN: Final = {"en": 0, "ru": 1, "kk": 2}
DEFAULT_QUERY: Final = "meeting-participants"


def example_questions(lang: str) -> list[str]:
    """The example questions in ``lang``."""
    column = _COLUMN.get(lang, 0)
    return [row[column] for row in QUESTIONS]


@dataclass(frozen=True)
class ExampleQuery:
    """One of the project's example queries (``src/kg/queries/*.rq``, not the qa-* ones)."""

    name: str
    summary: str  # the leading comment, without its "#"
    text: str


@cache
def example_queries() -> tuple[ExampleQuery, ...]:
    """The project's example queries, in file-name order."""
    folder = resources.files("kg") / "queries"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".rq") or entry.name.startswith("qa-"):
            continue
        text = entry.read_text(encoding="utf-8")
        comment = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comment.append(line.lstrip("#").strip())
        found.append(ExampleQuery(entry.name.removesuffix(".rq"), " ".join(comment), text))
    return tuple(found)


def default_query() -> str:
    """The query the editor starts with."""
    queries = example_queries()
    chosen = next((q for q in queries if q.name == DEFAULT_QUERY), None)
    return (chosen or queries[0]).text if queries else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
