"""The web pages: questions answered on the server, the SPARQL page, bodies, languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.api.main import create_app
from kg.config import Settings
from kg.store import Store
from kg.web.examples import QUESTIONS, example_queries
from kg.web.i18n import choose_language, from_accept_language
from kg.web.strings import STRINGS

CHAIR_QUESTION = "Who chaired the meeting of the Coordination Council?"
# The nine example questions of the issue, each with the language it is written in.
ISSUE_QUESTIONS = [
    ("en", "Who chaired the meeting of the Coordination Council?"),
    ("ru", "Какие органы участвовали в заседании Координационного совета?"),
    ("en", "What did the General Prosecutor's Office do?"),
    ("ru", "Сколько наркотиков изъято?"),
    ("en", "When was the Criminal Code amended?"),
    ("en", "Did the Ministry of Finance take part in the meeting?"),
    ("kk", "Бас прокуратура не істеді?"),
    ("en", "Who signed the law ratifying the agreement with Turkmenistan?"),
    ("en", "What did the Ministry of Defence do?"),
]
SELECT = "SELECT ?label WHERE { <https://w3id.org/kz-legal-kg/id/person/asylov> rdfs:label ?label }"


@pytest.fixture(scope="module")
def client(dist: Path, backend_store: Store) -> Iterator[TestClient]:
    # Once per backend: the embedded store, and the real SPARQL servers (see conftest.py).
    with TestClient(create_app(Settings(dist_dir=dist), store=backend_store)) as client:
        yield client


def test_home_answers_server_side(client: TestClient) -> None:
    response = client.get("/", params={"q": CHAIR_QUESTION, "lang": "en"})
    assert response.status_code == 200
    page = response.text
    assert '<a href="/id/person/asylov">Berik Asylov</a>' in page
    assert "под председательством Берика Асылова" in page  # the evidence quote
    assert "https://www.zakon.kz/sobytiia/6499392" in page  # its source page
    assert "<details" in page and "prov:qualifiedAssociation" in page  # the SPARQL that ran
    assert '<form method="get" action="/"' in page  # works without JavaScript
    assert "<script" not in page


def test_home_without_question(client: TestClient) -> None:
    page = client.get("/", params={"lang": "en"}).text
    assert "Ask a question" in page and 'name="q"' in page
    assert 'id="answer"' not in page


@pytest.mark.parametrize(("lang", "question"), ISSUE_QUESTIONS)
def test_issue_questions_are_examples_in_their_language(
    client: TestClient, lang: str, question: str
) -> None:
    page = client.get("/", params={"lang": lang}).text
    assert f">{question.replace(chr(39), '&#39;')}</a>" in page


@pytest.mark.parametrize("question", [q for row in QUESTIONS for q in row])
def test_every_example_is_answered(client: TestClient, question: str) -> None:
    page = client.get("/", params={"q": question}).text
    assert 'id="answer"' in page
    if "Defence" in question or "обороны" in question or "Қорғаныс" in question:
        assert 'class="message"' in page  # the graph holds nothing about it, and says so
    else:
        assert "<blockquote>" in page


def test_question_is_escaped(client: TestClient) -> None:
    page = client.get("/", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_ui_strings_in_three_languages() -> None:
    for key, texts in STRINGS.items():
        assert len(texts) == 3 and all(text.strip() for text in texts), key
    translated = [key for key, (en, ru, kk) in STRINGS.items() if en != ru and en != kk]
    assert len(translated) >= len(STRINGS) - 3  # only "SPARQL"-like names may stay alike


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "Ask a question"), ("ru", "Задайте вопрос"), ("kk", "Сұрақ қойыңыз")],
)
def test_language_switch(client: TestClient, lang: str, text: str) -> None:
    response = client.get("/", params={"lang": lang})
    assert text in response.text
    assert f'<html lang="{lang}">' in response.text
    assert response.cookies.get("kg_lang") == lang
    for other in ("en", "ru", "kk"):
        assert f'href="/?lang={other}"' in response.text


def test_language_is_remembered(client: TestClient) -> None:
    client.cookies.clear()
    client.get("/", params={"lang": "kk"})
    assert "Орындау" in client.get("/query").text
    client.cookies.clear()


def test_language_choice() -> None:
    assert choose_language("kk", {"kg_lang": "ru"}, "en") == ("kk", True)
    assert choose_language(None, {"kg_lang": "ru"}, "kk") == ("ru", False)
    assert choose_language("fr", {}, "fr-FR, kk;q=0.8, ru;q=0.9") == ("ru", False)
    assert choose_language(None, {}, None) == ("en", False)
    assert from_accept_language("de, *;q=0.1") is None


def test_query_page_renders_select_table(client: TestClient) -> None:
    response = client.get("/query", params={"query": SELECT})
    assert response.status_code == 200
    page = response.text
    assert '<table class="results">' in page
    assert '<th scope="col">?label</th>' in page
    assert "Berik Asylov" in page and "Берик Асылов" in page
    assert "/sparql?query=" in page and "format=csv" in page and "format=tsv" in page
    assert "format=json" in page and "format=xml" in page


def test_query_page_ask_and_construct(client: TestClient) -> None:
    ask = client.get("/query", params={"query": "ASK { ?s a foaf:Person }"}).text
    assert 'class="boolean"' in ask and "true" in ask
    construct = client.get(
        "/query",
        params={"query": "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l } LIMIT 2"},
    ).text
    assert 'class="turtle"' in construct and "rdfs:label" in construct
    assert "format=ttl" in construct


def test_query_page_shows_errors(client: TestClient) -> None:
    response = client.get("/query", params={"query": "SELEC ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "InvalidQuery" in response.text
    update = client.get("/query", params={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"})
    assert update.status_code == 403
    assert "read-only" in update.text


def test_query_page_lists_examples_and_downloads(client: TestClient) -> None:
    page = client.get("/query").text
    names = [query.name for query in example_queries()]
    assert "meeting-participants" in names and not any(n.startswith("qa-") for n in names)
    for name in names:
        assert f"<code>{name}</code>" in page
    assert "Competency question 1" in page
    assert "PREFIX prov:" in page  # the editor is prefilled
    for dump in ("/dist/dataset.trig", "/dist/dataset.nq", "/dist/dataset.jsonld"):
        assert f'href="{dump}"' in page
    assert 'href="/.well-known/void"' in page


def test_download_link_runs(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT, "format": "csv"})
    assert response.status_code == 200 and "Berik Asylov" in response.text


def test_bodies_page(client: TestClient) -> None:
    page = client.get("/bodies", params={"lang": "kk"}).text
    assert '<a href="/id/agency/gpo">Қазақстан Республикасының Бас прокуратурасы</a>' in page
    assert "Мемлекеттік органдар және басқа ұйымдар" in page


def test_stylesheet_is_local(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert client.get("/static/../pyproject.toml").status_code == 404
    page = client.get("/").text
    assert "http://" not in page.split("</head>")[0] and "https://" not in page.split("</head>")[0]
