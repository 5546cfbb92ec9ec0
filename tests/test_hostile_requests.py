"""Every request of tests/hostile/requests.py against the app in-process, over worker processes
(a request that crashed one would show as a 503): the expected status, never a 5xx, a readable
message, and the data unchanged afterwards."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from hostile.requests import CASES, MAX_QUERY_BYTES, Case
from kg.api.main import create_app
from kg.config import Settings

ROOT = Path(__file__).resolve().parent.parent
QUADS_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
MAX_DETAIL = 1000  # characters: a message, not a dump


@dataclass(frozen=True)
class Served:
    client: TestClient
    folders: tuple[Path, ...]
    files: dict[str, str]  # path → SHA-256, before any case ran
    quads: dict[str, int]  # graph → quads, before any case ran


def digests(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folders``."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def quads_per_graph(client: TestClient) -> dict[str, int]:
    response = client.get("/sparql", params={"query": QUADS_PER_GRAPH})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture(scope="module")
def served(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # Copies, so that a case that wrote anything would be seen here and harm nothing else.
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(dist, folder / "dist")
    shutil.copytree(ROOT / "data", folder / "data")
    settings = Settings(
        dist_dir=folder / "dist",
        data_dir=folder / "data",
        query_workers=2,
        sparql_timeout_s=10,
        max_query_bytes=MAX_QUERY_BYTES,
        write_token=None,
    )
    # A server error comes back as a 500 response, so that the case fails by its status.
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        folders = (folder / "dist", folder / "data")
        yield Served(client, folders, digests(*folders), quads_per_graph(client))


def readable(text: str, case: Case) -> bool:
    """A message a person can read: words, not a traceback, and short (beyond the path asked
    for, which a 404 may repeat)."""
    return (
        " " in text.strip() and "Traceback" not in text and len(text) <= MAX_DETAIL + len(case.path)
    )


def check_error(case: Case, response: httpx.Response) -> None:
    """A 4xx is JSON ``{"error", "detail"}`` (or, for a browser, an error page)."""
    media_type = response.headers.get("content-type", "").partition(";")[0]
    if media_type == "text/html":
        page = html.unescape(re.sub(r"<[^>]+>", " ", response.text))
        assert "<title>" in response.text
        text = page
    else:
        assert media_type == "application/json", f"an error in {media_type!r}"
        body = response.json()
        assert set(body) == {"error", "detail"}, body
        assert isinstance(body["error"], str) and body["error"].isidentifier(), body
        text = body["detail"]
        assert isinstance(text, str) and readable(text, case), text[:MAX_DETAIL]
    if case.message is not None:
        assert re.search(case.message, text), text[:MAX_DETAIL]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_request(served: Served, case: Case) -> None:
    response = served.client.request(
        case.method, case.path, headers=case.headers, content=case.content
    )
    assert response.status_code < 500, f"{case.why}: {response.status_code} {response.text[:500]}"
    assert response.status_code == case.expect, f"{case.why}: {response.text[:500]}"
    if response.status_code >= 400 and case.method != "HEAD":
        check_error(case, response)
    if case.path.startswith("/api/ask") and response.status_code == 200:
        answer = response.json()  # an honest answer: facts, or a message saying why none
        assert answer["lang"] in {"ru", "kk", "en"} and (answer["answers"] or answer["message"])
    for text in case.absent:
        assert text not in response.text
    assert digests(*served.folders) == served.files, "a file changed"


def test_corpus_is_large_and_named() -> None:
    assert len(CASES) >= 100
    assert len({case.id for case in CASES}) == len(CASES)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", case.id) for case in CASES)
    assert all(case.why for case in CASES)


def test_the_data_is_unchanged(served: Served) -> None:
    # Runs after the cases (pytest keeps the order of the file): nothing they sent wrote.
    assert quads_per_graph(served.client) == served.quads
    assert digests(*served.folders) == served.files
    health = served.client.get("/health")
    assert health.status_code == 200
