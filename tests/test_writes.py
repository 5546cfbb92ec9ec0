"""Writes: off by default, on only with the bearer token, atomic, kept on disk across restarts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from kg.api.main import create_app
from kg.config import Settings
from kg.errors import WritesUnavailable
from kg.qa.answer import get_engine
from kg.store import PooledStore, open_store

TOKEN = "correct horse battery staple"
NEW = "<http://example.org/written> <http://example.org/p> <http://example.org/o>"
ASK_NEW = f"ASK {{ {NEW} }}"
INSERT = f"INSERT DATA {{ GRAPH <http://example.org/graph/test> {{ {NEW} }} }}"
UPDATE = "application/sparql-update"


@pytest.fixture(scope="module")
def setup(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A private dist/ and the directory of its on-disk store."""
    root = tmp_path_factory.mktemp("writes")
    shutil.copytree(dist, root / "dist")
    yield root / "dist", root / "store"


def _settings(dist: Path, store_dir: Path | None, token: str | None) -> Settings:
    return Settings(
        dist_dir=dist,
        store_dir=store_dir,
        write_token=SecretStr(token) if token is not None else None,
        query_workers=2,
        sparql_timeout_s=5,
    )


@pytest.fixture(scope="module")
def pool(setup: tuple[Path, Path]) -> Iterator[PooledStore]:
    dist, store_dir = setup
    store = PooledStore(dist, workers=2, timeout_s=5, store_dir=store_dir)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(setup: tuple[Path, Path], pool: PooledStore) -> Iterator[TestClient]:
    app = create_app(_settings(setup[0], setup[1], TOKEN), store=pool)
    with TestClient(app) as test_client:
        yield test_client


def _ask(client: TestClient, query: str) -> bool:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": UPDATE}


def test_read_only_without_a_token(setup: tuple[Path, Path], pool: PooledStore) -> None:
    app = create_app(_settings(setup[0], setup[1], None), store=pool)
    with TestClient(app) as plain:
        for headers in ({"Content-Type": UPDATE}, _bearer(TOKEN)):
            response = plain.post("/sparql", content=INSERT, headers=headers)
            assert response.status_code == 403
            assert "read-only" in response.json()["detail"]
        response = plain.post("/sparql", data={"update": INSERT})
        assert response.status_code == 403
        assert not _ask(plain, ASK_NEW)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": UPDATE}, 401),
        ({"Content-Type": UPDATE, "Authorization": "Basic dXNlcjpwYXNz"}, 401),
        ({"Content-Type": UPDATE, "Authorization": "Bearer"}, 401),
        (_bearer("wrong"), 403),
        (_bearer(TOKEN[:-1]), 403),
        (_bearer(TOKEN + "x"), 403),
    ],
)
def test_refused_without_the_right_token(
    client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = client.post("/sparql", content=INSERT, headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert not _ask(client, ASK_NEW)


def test_load_and_service_are_refused_in_updates(client: TestClient) -> None:
    for text in (
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ):
        response = client.post("/sparql", content=text, headers=_bearer(TOKEN))
        assert response.status_code == 400
        assert "never contacts other servers" in response.json()["detail"]


def test_a_failing_update_writes_nothing(client: TestClient) -> None:
    # The second operation fails (the graph exists), so the first must not land either.
    text = f"INSERT DATA {{ {NEW} }} ; CREATE GRAPH <https://w3id.org/kz-legal-kg/graph/void>"
    response = client.post("/sparql", content=text, headers=_bearer(TOKEN))
    assert response.status_code == 400
    assert "nothing was written" in response.json()["detail"]
    assert not _ask(client, ASK_NEW)


def test_an_authorised_update_lands_for_every_worker(client: TestClient, pool: PooledStore) -> None:
    engine = get_engine(pool)
    response = client.post("/sparql", content=INSERT, headers=_bearer(TOKEN))
    assert response.status_code == 204, response.text
    # More reads than workers: each worker reopened the store and sees the write.
    assert all(_ask(client, ASK_NEW) for _ in range(6))
    assert get_engine(pool) is not engine  # what was read before the write is read again


def test_the_form_encoding_works_too(client: TestClient) -> None:
    text = "INSERT DATA { <http://example.org/form> <http://example.org/p> 1 }"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/sparql", data={"update": text}, headers=headers)
    assert response.status_code == 204, response.text
    assert _ask(client, "ASK { <http://example.org/form> ?p ?o }")


def test_writes_survive_a_restart(setup: tuple[Path, Path], client: TestClient) -> None:
    assert client.post("/sparql", content=INSERT, headers=_bearer(TOKEN)).status_code == 204
    again = PooledStore(setup[0], workers=1, timeout_s=5, store_dir=setup[1])
    try:
        assert again.ask(ASK_NEW)
    finally:
        again.close()


def test_writes_need_an_on_disk_store(setup: tuple[Path, Path]) -> None:
    with pytest.raises(WritesUnavailable, match="KG_STORE_DIR"):
        open_store(_settings(setup[0], None, TOKEN))


# --- Graph Store Protocol ------------------------------------------------------------------------
G = "http://example.org/graph/gsp"
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
TURTLE = "text/turtle"


def _gsp(token: str | None = TOKEN, media_type: str = TURTLE) -> dict[str, str]:
    headers = {"Content-Type": media_type}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def test_graph_store_put_get_post_delete(client: TestClient) -> None:
    body = "<http://example.org/a> <http://example.org/p> 1 .\n"
    response = client.put("/graph-store", params={"graph": G}, content=body, headers=_gsp())
    assert response.status_code == 201, response.text
    response = client.put("/graph-store", params={"graph": G}, content=body, headers=_gsp())
    assert response.status_code == 204  # replaced, not added to
    more = "<http://example.org/b> <http://example.org/p> 2 ."
    assert (
        client.post("/graph-store", params={"graph": G}, content=more, headers=_gsp()).status_code
        == 204
    )
    got = client.get(
        "/graph-store", params={"graph": G}, headers={"Accept": "application/n-triples"}
    )
    assert got.status_code == 200
    assert sorted(got.text.split("\n")) == sorted(
        [
            f'<http://example.org/a> <http://example.org/p> "1"^^{INTEGER} .',
            f'<http://example.org/b> <http://example.org/p> "2"^^{INTEGER} .',
            "",
        ]
    )
    assert client.delete("/graph-store", params={"graph": G}, headers=_gsp()).status_code == 204
    assert client.get("/graph-store", params={"graph": G}).status_code == 404
    assert client.delete("/graph-store", params={"graph": G}, headers=_gsp()).status_code == 404


def test_graph_store_refusals_change_nothing(client: TestClient) -> None:
    real = "https://w3id.org/kz-legal-kg/graph/names"
    before = client.get(
        "/graph-store", params={"graph": real}, headers={"Accept": "application/n-triples"}
    )
    assert before.status_code == 200 and before.text
    body = "<http://example.org/x> <http://example.org/p> 1 ."
    cases = [
        (client.put, {"graph": real}, "<a> <b> .", _gsp(), 400),  # broken Turtle
        (client.put, {"graph": real}, body, _gsp(None), 401),
        (client.put, {"graph": real}, body, _gsp("wrong"), 403),
        (client.put, {"graph": real}, body, _gsp(media_type="text/plain"), 415),
        (client.put, {"graph": "relative"}, body, _gsp(), 400),
        (client.put, {"default": ""}, body, _gsp(), 400),
        (client.post, {"graph": real}, "@prefix : <x> .\n:a :b", _gsp(), 400),
        (client.delete, {"graph": real}, None, _gsp("wrong"), 403),
    ]
    for method, params, content, headers, status in cases:
        kwargs = {"content": content} if content is not None else {}
        response = method("/graph-store", params=params, headers=headers, **kwargs)
        assert response.status_code == status, (params, content, response.text)
        assert response.json()["detail"]
    after = client.get(
        "/graph-store", params={"graph": real}, headers={"Accept": "application/n-triples"}
    )
    assert after.text == before.text


def test_a_broken_body_names_the_line(client: TestClient) -> None:
    body = "<http://e.org/a> <http://e.org/p> 1 .\n<http://e.org/a> <http://e.org/p> .\n"
    response = client.put("/graph-store", params={"graph": G}, content=body, headers=_gsp())
    assert response.status_code == 400
    assert "line 2" in response.json()["detail"]
