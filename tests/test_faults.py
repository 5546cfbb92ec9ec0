"""Faults: a worker killed mid-query, a crash during kg load, a full disk or unwritable dist/."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from integration.servers import OxigraphServer
from kg.api.main import create_app
from kg.cli import main
from kg.config import Settings
from kg.errors import LoadError
from kg.load import COUNT, split_graphs
from kg.store import PooledStore, RemoteStore

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { ?s ?p ?o }"


def _files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# --- a query worker killed mid-query -------------------------------------------------------------
@pytest.fixture
def one_worker(dist: Path) -> Iterator[tuple[PooledStore, TestClient]]:
    pool = PooledStore(dist, workers=1, timeout_s=20)
    app = create_app(Settings(dist_dir=dist, query_workers=1, sparql_timeout_s=20), store=pool)
    with TestClient(app) as client:
        yield pool, client
    pool.close()


def test_a_worker_killed_mid_query(one_worker: tuple[PooledStore, TestClient]) -> None:
    pool, client = one_worker
    (worker,) = pool._all  # the only worker; it will be busy with SLOW
    killed = worker.process.pid
    answers: list[httpx.Response] = []
    running = threading.Thread(
        target=lambda: answers.append(client.get("/sparql", params={"query": SLOW}))
    )
    running.start()
    time.sleep(1.0)  # the query is running in the worker
    os.kill(killed, signal.SIGKILL)
    running.join(timeout=15)
    (answer,) = answers
    assert answer.status_code == 503
    assert "worker stopped while running the query" in answer.json()["detail"]
    # The next requests are served, by a new worker.
    for _ in range(3):
        response = client.get("/sparql", params={"query": ASK})
        assert response.status_code == 200, response.text
        assert response.json()["boolean"] is True
    assert killed not in {w.process.pid for w in pool._all}


# --- kg build: full disk, unwritable dist/ ------------------------------------------------------
@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of ontology/, shapes/ and data/ with a first dist/ built from it."""
    for name in ("ontology", "shapes", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    argv = ["build", "--out", str(tmp_path / "dist")]
    argv += ["--ontology-dir", str(tmp_path / "ontology"), "--shapes-dir", str(tmp_path / "shapes")]
    argv += ["--data-dir", str(tmp_path / "data")]
    assert main(argv) == 0
    return tmp_path


def _limit_file_size() -> None:
    # A file may grow to 64 kB: writing dataset.nq fails as on a full disk (EFBIG, not a kill).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))


def test_a_full_disk_during_kg_build_leaves_dist_intact(tree: Path) -> None:
    before = _files(tree / "dist")
    (tree / "data" / "reference" / "names.ttl").write_text(
        (tree / "data" / "reference" / "names.ttl").read_text(encoding="utf-8") + "\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [str(KG), "build", "--out", "dist"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size,
        check=False,
    )
    assert completed.returncode != 0
    assert "dist" in completed.stderr and "File too large" in completed.stderr, completed.stderr
    assert "Traceback" not in completed.stderr
    assert _files(tree / "dist") == before
    assert sorted(p.name for p in tree.iterdir()) == ["data", "dist", "ontology", "shapes"]


def test_an_unwritable_out_fails_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    started = time.monotonic()
    assert main(["build", "--out", str(blocker / "dist")]) == 2
    assert time.monotonic() - started < 2  # refused before loading and validating
    err = capsys.readouterr().err
    assert "a-file" in err and "cannot be written" in err
    assert blocker.read_text(encoding="utf-8") == ""


# --- a crash during kg load ----------------------------------------------------------------------
def _counts(server: OxigraphServer, graphs: list[str]) -> dict[str, int]:
    store = RemoteStore(server.endpoint, timeout_s=20, graphs=graphs)
    return {row["graph"].value: int(row["n"].value) for row in store.select(COUNT)}


def test_a_crash_during_kg_load_leaves_each_graph_whole(
    dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = OxigraphServer(tmp_path / "db")
    server.start()
    try:
        assert main(["load", "--endpoint", server.endpoint, "--dist", str(dist)]) == 0
        (tmp_path / "split").mkdir()
        graphs = split_graphs(dist / "dataset.nq", tmp_path / "split")
        iris = [g.iri for g in graphs]
        old = _counts(server, iris)
        # A second build: each graph one triple larger.
        second = tmp_path / "dist2"
        second.mkdir()
        lines = (dist / "dataset.nq").read_text(encoding="utf-8").splitlines(keepends=True)
        extra = [
            f"<http://example.org/s> <http://example.org/p> <{iri}> <{iri}> .\n" for iri in iris
        ]
        (second / "dataset.nq").write_text("".join(lines + extra), encoding="utf-8")

        import kg.load

        real_put, sent = kg.load.put_graph, []

        def crashing_put(*args: object) -> None:
            if len(sent) == 3:
                raise LoadError("the loader crashed here (simulated)")
            real_put(*args)  # type: ignore[arg-type]
            sent.append(args)

        monkeypatch.setattr(kg.load, "put_graph", crashing_put)
        assert main(["load", "--endpoint", server.endpoint, "--dist", str(second)]) != 0
        mixed = _counts(server, iris)
        # Every graph is whole: the old one or the new one, never a part.
        assert all(mixed[iri] in (old[iri], old[iri] + 1) for iri in iris), (old, mixed)
        assert sum(mixed[iri] == old[iri] + 1 for iri in iris) == 3
        # Loading again completes it.
        monkeypatch.setattr(kg.load, "put_graph", real_put)
        assert main(["load", "--endpoint", server.endpoint, "--dist", str(second)]) == 0
        assert _counts(server, iris) == {iri: old[iri] + 1 for iri in iris}
    finally:
        server.stop()
