"""GET and POST /api/ask through the app, over the real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.api.main import create_app
from kg.config import Settings
from kg.store import Store

ID = "https://w3id.org/kz-legal-kg/id/"


@pytest.fixture(scope="module")
def client(dist: Path, backend_store: Store) -> Iterator[TestClient]:
    # Once per backend: the embedded store, and the real SPARQL servers (see conftest.py).
    with TestClient(create_app(Settings(dist_dir=dist), store=backend_store)) as client:
        yield client


def test_get_ask(client: TestClient) -> None:
    response = client.get(
        "/api/ask", params={"q": "Who chaired the meeting of the Coordination Council?"}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {
        "question", "lang", "interpretation", "answers", "boolean", "sparql", "message"
    }  # fmt: skip
    assert body["lang"] == "en"
    assert [a["iri"] for a in body["answers"]] == [ID + "person/asylov"]
    assert body["answers"][0]["evidence"][0]["quote"]
    assert body["boolean"] is None
    assert f"<{ID}concept/role/chair>" in body["sparql"]


def test_post_ask_yes_no(client: TestClient) -> None:
    response = client.post("/api/ask", json={"q": "Did the Mazhilis take part in the meeting?"})
    assert response.status_code == 200
    assert response.json()["boolean"] is False
    response = client.post(
        "/api/ask", json={"q": "Did the Ministry of Finance take part in the meeting?"}
    )
    assert response.json()["boolean"] is True


def test_lang_overrides_detection(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "Что сделала Генпрокуратура?", "lang": "en"}).json()
    assert body["lang"] == "en"
    assert any(a["role_label"] == "Host" for a in body["answers"])


def test_unknown_body_is_an_empty_answer(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "What did the Ministry of Defence do?"}).json()
    assert body["answers"] == []
    assert "Ministry of Defence" in body["message"]


def test_bad_requests(client: TestClient) -> None:
    assert client.get("/api/ask").status_code == 422
    assert client.get("/api/ask", params={"q": "x", "lang": "de"}).status_code == 422
    assert client.post("/api/ask", json={"lang": "en"}).status_code == 422


def test_openapi_documents_the_answer(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/ask" in schema["paths"]
    assert "Answer" in schema["components"]["schemas"]
