"""The question-answering engine over the real data: the report's facts, in three languages."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.qa import Answer, Engine, get_engine
from kg.qa.answer import load_query
from kg.qa.lexicon import detect_lang
from kg.sparql import substitute
from kg.store import MemoryStore, with_values

ID = "https://w3id.org/kz-legal-kg/id/"
ZAKON = "https://www.zakon.kz/sobytiia/6499392-genprokuratura-otchitalas-o-rezultatakh-borby-s-narkoprestupnostyu-v-kazakhstane.html"
PARTICIPANTS = {
    "agency/presidential-administration", "agency/mvd", "agency/knb", "agency/afm",
    "agency/mchs", "agency/minjust", "agency/minfin", "agency/minaidd", "agency/minedu",
    "agency/nationalbank", "mission/us-embassy", "office/unodc-po", "office/osce-po",
}  # fmt: skip
QA_QUERIES = sorted(p.stem for p in Path("src/kg/queries").glob("qa-*.rq"))


@pytest.fixture(scope="module")
def engine(store: MemoryStore) -> Engine:
    return get_engine(store)


def ask(engine: Engine, question: str, lang: str | None = None) -> Answer:
    return engine.answer(question, lang)


def iris(answer: Answer) -> list[str]:
    return [item.iri.removeprefix(ID) for item in answer.answers]


def by_role(answer: Answer) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for item in answer.answers:
        roles.setdefault((item.role or "").rsplit("/", 1)[-1], set()).add(item.iri.removeprefix(ID))
    return roles


def test_engine_is_built_once_per_store(store: MemoryStore) -> None:
    assert get_engine(store) is get_engine(store)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Who chaired?", "en"), ("Кто подписал?", "ru"), ("Бас прокуратура не істеді?", "kk")],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_who_chaired(engine: Engine) -> None:
    answer = ask(engine, "Who chaired the meeting of the Coordination Council?")
    assert iris(answer) == ["person/asylov"]
    assert answer.answers[0].label == "Berik Asylov"
    assert answer.answers[0].role == ID + "concept/role/chair"
    quotes = [e.quote for e in answer.answers[0].evidence]
    assert any("под председательством Берика Асылова" in q for q in quotes)
    # The IRIs stand in place of the variables, so the query shown can be run as it is.
    assert answer.sparql is not None
    assert f"<{ID}concept/role/chair>" in answer.sparql


def test_participants_in_russian(engine: Engine) -> None:
    answer = ask(engine, "Какие органы участвовали в заседании Координационного совета?")
    assert answer.lang == "ru"
    roles = by_role(answer)
    assert roles["participant"] == PARTICIPANTS
    assert roles["host"] == {"agency/gpo"}
    assert roles["chair"] == {"person/asylov"}
    assert roles["convener"] == {"council/coordination-council"}
    for item in answer.answers:
        assert any("приняли участие представители" in e.quote for e in item.evidence)
        assert any(e.url == ZAKON for e in item.evidence)
    labels = {item.label for item in answer.answers}
    assert "Министерство финансов Республики Казахстан" in labels


def test_what_did_the_gpo_do(engine: Engine) -> None:
    answer = ask(engine, "What did the General Prosecutor's Office do?")
    roles = {(item.iri.removeprefix(ID), item.role_label) for item in answer.answers}
    assert ("meeting/coordination-council/reported-2025-11-29", "Host") in roles
    assert ("activity/gpo-drug-crime-results-report-reported-2025-11-29", "Reporter") in roles
    assert ("activity/prosecution-digital-tools-development", "Initiator") in roles
    assert ("activity/prosecution-digital-tools-development", "Developer") in roles
    assert ("activity/gpo-call-for-consolidation-reported-2025-11-29", "Author") in roles
    assert (
        "activity/gpo-statement-international-cooperation-reported-2025-11-29",
        "Author",
    ) in roles
    assert all(item.evidence for item in answer.answers)
    tools = next(i for i in answer.answers if i.iri.endswith("tools-development"))
    assert {"Crypto Trace", "ProkAi"} <= set(tools.objects)


@pytest.mark.parametrize(
    "question",
    [
        "Бас прокуратура не істеді?",
        "Бас прокуратурасы не істеді?",
        "Что сделала Генпрокуратура?",
        "Чем занималась Генеральная прокуратура РК?",
        "What did the GPO do?",
    ],
)
def test_gpo_in_every_language_and_form(engine: Engine, question: str) -> None:
    english = {i.iri for i in ask(engine, "What did the General Prosecutor's Office do?").answers}
    answer = ask(engine, question)
    assert answer.intent == "activities"
    assert {i.iri for i in answer.answers} == english
    assert len(english) == 5


def test_kazakh_answer_is_in_kazakh(engine: Engine) -> None:
    answer = ask(engine, "Бас прокуратура не істеді?")
    assert answer.lang == "kk"
    assert "Бас прокуратура" in answer.interpretation
    report = next(i for i in answer.answers if i.iri.endswith("results-report-reported-2025-11-29"))
    assert report.label.startswith("Бас прокуратура есірткі қылмысына")
    assert report.role_label == "Баяндамашы"


def test_seized_quantities(engine: Engine) -> None:
    answer = ask(engine, "Сколько наркотиков изъято?")
    figures = {i.iri.rsplit("/", 1)[-1]: i for i in answer.answers}
    assert {k: (v.value, v.unit) for k, v in figures.items()} == {
        "seized-narcotic-drugs": ("47.2", "тонн"),
        "seized-precursors": ("14.9", "тонн"),
        "seized-cocaine": ("13", "тонн"),
        "seized-synthetic-substances": ("1.6", "тонн"),
    }
    drugs = figures["seized-narcotic-drugs"].iri
    assert figures["seized-cocaine"].part_of == drugs
    assert figures["seized-synthetic-substances"].part_of == drugs
    assert figures["seized-precursors"].part_of is None
    assert any("(47,2 т)" in e.quote for e in figures["seized-narcotic-drugs"].evidence)


@pytest.mark.parametrize(
    "question", ["Когда был изменен Уголовный кодекс?", "Когда был изменён Уголовный кодекс?"]
)
def test_yo_and_ye_are_one_letter(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert [item.date for item in answer.answers] == ["2025-01-02"]


def test_when_was_the_criminal_code_amended(engine: Engine) -> None:
    answer = ask(engine, "When was the Criminal Code amended?")
    assert iris(answer) == ["law/kz/2025/2025-01-02-criminal-code-amendments"]
    assert answer.answers[0].date == "2025-01-02"
    assert answer.answers[0].context_iri == ID + "law/kz/2014/226-v"
    assert any("Законом от 2 января 2025 года" in e.quote for e in answer.answers[0].evidence)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Did the Ministry of Finance take part in the meeting?", True),
        ("Участвовало ли Министерство финансов в заседании?", True),
        ("Принимало ли участие МВД в заседании?", True),
        ("Участвовал ли КНБ в заседании?", True),
        ("ҚМА отырысқа қатысты ма?", True),
        ("Did the Mazhilis take part in the meeting?", False),
        ("Участвовал ли Сенат в заседании?", False),
    ],
)
def test_took_part(engine: Engine, question: str, expected: bool) -> None:
    answer = ask(engine, question)
    assert answer.intent == "took-part"
    assert answer.boolean is expected
    assert bool(answer.answers) is expected
    assert (answer.message is None) is expected


def test_who_signed_the_ratification_law(engine: Engine) -> None:
    answer = ask(engine, "Who signed the law ratifying the agreement with Turkmenistan?")
    dated = [(i.iri.removeprefix(ID), i.date) for i in answer.answers if i.date]
    assert dated == [("person/tokayev", "2025-11-27")]
    assert {i.iri.removeprefix(ID) for i in answer.answers} == {"person/tokayev"}
    assert answer.answers[0].label == "Kassym-Jomart Tokayev"
    assert any("27 ноября 2025 года" in e.quote for e in answer.answers[0].evidence)


def test_who_signed_in_russian(engine: Engine) -> None:
    answer = ask(engine, "Кто подписал закон о ратификации соглашения с Туркменистаном?")
    assert answer.answers[0].label == "Касым-Жомарт Токаев"
    assert answer.answers[0].date == "2025-11-27"


@pytest.mark.parametrize(
    "question",
    [
        "What did the President do?",
        "What did the Head of State do?",
        "Что сделал Глава государства?",
        "Что сделал Президент?",
    ],
)
def test_a_post_title_names_its_only_holder(engine: Engine, question: str) -> None:
    answer = ask(engine, question)
    assert answer.message is None
    assert answer.answers
    assert ("signatory", "2025-11-27") in {
        ((item.role or "").rsplit("/", 1)[-1], item.date) for item in answer.answers
    }
    assert answer.sparql is not None and f"<{ID}person/tokayev>" in answer.sparql


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("What did the Ministry of Defence do?", "Ministry of Defence"),
        ("Что сделало Министерство обороны?", "Министерство обороны"),
        ("Did the Security Council take part in the meeting?", "Security Council"),
    ],
)
def test_unknown_body_gets_an_honest_empty_answer(
    engine: Engine, question: str, missing: str
) -> None:
    answer = ask(engine, question)
    assert answer.answers == []
    assert answer.sparql is None
    assert answer.message is not None and missing in answer.message


def test_people_prosecuted(engine: Engine) -> None:
    answer = ask(engine, "How many people were prosecuted?")
    figures = {i.iri.rsplit("/", 1)[-1]: i for i in answer.answers}
    assert figures["persons-prosecuted"].value == "4884"
    assert figures["minors-prosecuted"].value == "58"
    assert figures["minors-prosecuted"].part_of == figures["persons-prosecuted"].iri
    assert figures["persons-prosecuted"].unit == "number"


def test_lower_bound_is_stated(engine: Engine) -> None:
    answer = ask(engine, "How many graffiti were removed?")
    (item,) = answer.answers
    assert item.value == "60000"
    assert item.qualifier is not None and "more than" in item.qualifier.lower()
    assert "more than 60 thousand" in item.label
    ru = ask(engine, "Сколько граффити ликвидировано?").answers[0]
    assert ru.stated_as == "свыше 60 тыс."


def test_relative_change(engine: Engine) -> None:
    answer = ask(engine, "How many drug sales crimes were there?")
    (item,) = answer.answers
    assert (item.value, item.change) == ("2245", "+10%")


def test_amending_acts(engine: Engine) -> None:
    answer = ask(engine, "Which act amended which?")
    assert [(i.iri.removeprefix(ID), i.context_iri) for i in answer.answers] == [
        ("law/kz/2025/2025-01-02-criminal-code-amendments", ID + "law/kz/2014/226-v")
    ]


def test_when_was_the_agreement_signed(engine: Engine) -> None:
    for question in ("When was the agreement signed?", "Когда подписано соглашение?"):
        answer = ask(engine, question)
        assert {i.date for i in answer.answers} == {"2024-10-10"}


def test_tools_and_purpose(engine: Engine) -> None:
    answer = ask(engine, "Which tools were created and what for?")
    assert sorted(iris(answer)) == ["tool/crypto-trace", "tool/prokai"]
    for item in answer.answers:
        assert item.description is not None and "drug" in item.description
        assert "General Prosecutor's Office of the Republic of Kazakhstan" in item.objects


def test_instructions(engine: Engine) -> None:
    answer = ask(engine, "Что поручено государственным органам?")
    assert len(answer.answers) == 5
    assert "усилить работу по пресечению каналов поставок" in {i.label for i in answer.answers}
    assert all(i.evidence for i in answer.answers)


def test_parties_of_the_agreement(engine: Engine) -> None:
    answer = ask(engine, "Who are the parties of the agreement?")
    assert sorted(iris(answer)) == ["agency/government-kz", "agency/government-tm"]


def test_outlet_reports(engine: Engine) -> None:
    answer = ask(engine, "What did Zakon.kz report?")
    assert iris(answer) == ["source/zakon-2025-11-29-drug-crime-council"]
    assert answer.answers[0].description == ZAKON


def test_evidence_from_curated_notes_cites_the_page(engine: Engine) -> None:
    answer = ask(engine, "Who ratified the agreement?")
    (item,) = answer.answers
    assert item.iri == ID + "agency/mazhilis"
    notes = [e for e in item.evidence if e.quote == "the Mazhilis ratified it"]
    assert notes and notes[0].url is not None and "kazreport" in notes[0].url


@pytest.mark.parametrize(
    ("question", "iri"),
    [
        ("Что сделал Асылов?", "person/asylov"),
        ("What did Tokayev do?", "person/tokayev"),
        ("Что делала Генпрокуратурой?", "agency/gpo"),
        ("Какую роль играло Министерства финансов?", "agency/minfin"),
        ("ГП РК что сделала?", "agency/gpo"),
    ],
)
def test_inflected_names(engine: Engine, question: str, iri: str) -> None:
    mentions = engine.interpret(question).mentions
    assert mentions and mentions[0].iri == ID + iri


def test_nine_questions_are_fast(engine: Engine) -> None:
    questions = [
        "Who chaired the meeting of the Coordination Council?",
        "Какие органы участвовали в заседании Координационного совета?",
        "What did the General Prosecutor's Office do?",
        "Сколько наркотиков изъято?",
        "When was the Criminal Code amended?",
        "Did the Ministry of Finance take part in the meeting?",
        "Бас прокуратура не істеді?",
        "Who signed the law ratifying the agreement with Turkmenistan?",
        "What did the Ministry of Defence do?",
    ]
    times = []
    for _ in range(20):
        for question in questions:
            start = time.perf_counter()
            engine.answer(question)
            times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.05  # 10 ms on a quiet machine; leave room for CI


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(),
        st.sampled_from(['"} }; DROP ALL #', "} UNION { ?s ?p ?o", "<http://x> } #"]).flatmap(
            lambda evil: st.sampled_from(
                [
                    f"What did {evil} do?",
                    f"Что сделал {evil}?",
                    f"{evil} не істеді?",
                    f"Did {evil} take part in the meeting?",
                    f"How many {evil}?",
                    f"When was {evil} amended?",
                ]
            )
        ),
    ),
    st.sampled_from([None, "en", "ru", "kk"]),
)
def test_user_text_never_reaches_the_query(engine: Engine, text: str, lang: str | None) -> None:
    answer = engine.answer(text, lang)
    if answer.sparql is None:
        assert answer.answers == []
        return
    found = engine.interpret(text, lang)
    assert found.query in QA_QUERIES
    base = load_query(found.query)
    # Only IRIs the graph holds stand in place of variables; nothing else differs.
    assert answer.sparql == substitute(base, **{k: f"<{v}>" for k, v in found.bindings.items()})
    for iri in re.findall(r"<([^>]+)>", answer.sparql):
        assert iri in base or iri in engine.labels, iri


EXAMPLES = [
    "Who chaired the meeting of the Coordination Council?",
    "Какие органы участвовали в заседании Координационного совета?",
    "What did the General Prosecutor's Office do?",
    "Сколько наркотиков изъято?",
    "When was the Criminal Code amended?",
    "Did the Ministry of Finance take part in the meeting?",
    "Бас прокуратура не істеді?",
    "Who signed the law ratifying the agreement with Turkmenistan?",
    "Who are the parties to the agreement with Turkmenistan?",
    "Which tools does the prosecution use?",
    "Which outlets reported on the meeting?",
    "How many drug crimes were registered?",
]


@pytest.mark.parametrize("question", EXAMPLES)
def test_constants_in_place_of_variables_give_what_values_gives(
    engine: Engine, store: MemoryStore, question: str
) -> None:
    # The engine writes IRIs into the query; the result must be what the query as published,
    # bound by a trailing VALUES (its plain SPARQL meaning), gives.
    found = engine.interpret(question)
    assert found.query is not None
    _, rows = engine.run(found.query, found.bindings)
    bindings = {name: ox.NamedNode(iri) for name, iri in found.bindings.items()}
    expected = store.select(with_values(load_query(found.query), **bindings))
    for row in expected:
        for name, term in bindings.items():
            row.setdefault(name, term)

    def key(row: dict[str, object]) -> list[tuple[str, str]]:
        return sorted((name, str(term)) for name, term in row.items())

    assert rows, question
    assert sorted(map(key, rows)) == sorted(map(key, expected))
