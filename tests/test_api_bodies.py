"""GET /api/bodies and /api/bodies/{key} through the app, over the real data."""

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


def test_list_has_kinds_and_abbreviations(client: TestClient) -> None:
    bodies = {b["key"]: b for b in client.get("/api/bodies").json()}
    assert bodies["gpo"]["kind"] == "State body"
    assert bodies["coordination-council"]["kind"] == "Council"
    assert bodies["us-embassy"]["kind"] == "Foreign diplomatic mission"
    assert bodies["mazhilis"]["kind"] == "Chamber of parliament"
    assert bodies["government-tm"]["kind"] == "Foreign state body"
    assert bodies["zakon-kz"]["kind"] == "Media outlet"
    assert bodies["state-bodies"]["kind"] == "Group of agents"
    assert {"Генпрокуратура", "ГП РК", "GPO"} <= set(bodies["gpo"]["abbreviations"])


def test_list_in_kazakh(client: TestClient) -> None:
    bodies = {b["key"]: b for b in client.get("/api/bodies", params={"lang": "kk"}).json()}
    assert bodies["gpo"]["label"] == "Қазақстан Республикасының Бас прокуратурасы"
    assert bodies["gpo"]["kind"] == "Мемлекеттік орган"


@pytest.mark.parametrize(
    ("q", "key"),
    [("МВД", "mvd"), ("Генпрокуратурой", "gpo"), ("министерства финансов", "minfin"),
     ("Бас прокуратурасы", "gpo"), ("finance", "minfin"), ("мажилис", "mazhilis")],
)  # fmt: skip
def test_filter(client: TestClient, q: str, key: str) -> None:
    found = [b["key"] for b in client.get("/api/bodies", params={"q": q}).json()]
    assert found == [key]


def test_filter_finds_nothing_for_an_unknown_body(client: TestClient) -> None:
    assert client.get("/api/bodies", params={"q": "Ministry of Defence"}).json() == []


def test_profile_of_the_gpo(client: TestClient) -> None:
    body = client.get("/api/bodies/gpo").json()
    assert body["iri"] == ID + "agency/gpo"
    assert body["labels"]["ru"] == "Генеральная прокуратура Республики Казахстан"
    actions = {(a["activity"].removeprefix(ID), a["role_label"]) for a in body["actions"]}
    assert ("meeting/coordination-council/reported-2025-11-29", "Host") in actions
    assert ("activity/prosecution-digital-tools-development", "Initiator") in actions
    report = next(a for a in body["actions"] if a["role_label"] == "Reporter")
    assert ID + "dataset/gpo-drug-crime-results-reported-2025-11-29" in {
        o["iri"] for o in report["objects"]
    }
    assert all(a["evidence"] for a in body["actions"])
    assert all(e["url"] for a in body["actions"] for e in a["evidence"])


def test_profile_with_a_date(client: TestClient) -> None:
    body = client.get("/api/bodies/tokayev")
    assert body.status_code == 404  # a person, not a body
    mazhilis = client.get("/api/bodies/mazhilis", params={"lang": "ru"}).json()
    (action,) = mazhilis["actions"]
    assert action["role_label"] == "Ратифицирующая сторона"
    assert action["activity"] == ID + "ratification/kz-tm-crime-agreement/kz"


def test_unknown_key_is_404(client: TestClient) -> None:
    response = client.get("/api/bodies/ministry-of-defence")
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"
