"""The on-disk store the workers share: loaded once, rebuilt when the dataset changes, atomic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import BuildError, NotFound
from kg.store import MemoryStore
from kg.store.disk import STAMP, ensure_disk_store, is_current

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(store: MemoryStore) -> int:
    return int(store.select(COUNT)[0]["n"].value)


@pytest.fixture
def own_dist(dist: Path, tmp_path: Path) -> Path:
    """A copy of the built dist/ this test may change."""
    out = tmp_path / "dist"
    shutil.copytree(dist, out)
    return out


def test_holds_what_memory_holds_and_opens_read_only(own_dist: Path, store: MemoryStore) -> None:
    rocksdb = ensure_disk_store(own_dist, own_dist.parent / "store")
    disk = MemoryStore.on_disk(rocksdb)
    try:
        assert _count(disk) == _count(store) > 3000
        query = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
        gpo = ox.NamedNode("https://w3id.org/kz-legal-kg/id/agency/gpo")
        assert disk.select(query, s=gpo) == store.select(query, s=gpo)
        with pytest.raises(RuntimeError):  # read-only: nothing a query worker does can change it
            disk.engine.add(ox.Quad(gpo, gpo, gpo))
    finally:
        disk.close()


def test_loaded_once_and_again_when_the_dataset_changes(own_dist: Path) -> None:
    directory = own_dist.parent / "store"
    ensure_disk_store(own_dist, directory)
    stamp = (directory / STAMP).stat().st_mtime_ns
    ensure_disk_store(own_dist, directory)
    assert (directory / STAMP).stat().st_mtime_ns == stamp  # current: not loaded again

    dataset = own_dist / "dataset.nq"
    extra = "<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://x/g> .\n"
    with dataset.open("a", encoding="utf-8") as out:
        out.write(extra)
    assert not is_current(dataset, directory)
    disk = MemoryStore.on_disk(ensure_disk_store(own_dist, directory))
    try:
        assert disk.ask("ASK { <http://example.org/s> ?p ?o }")
    finally:
        disk.close()


def test_missing_dataset_and_unwritable_directory(own_dist: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="kg build"):
        ensure_disk_store(tmp_path / "nothing", tmp_path / "store")
    # A file where the directory's parent should be: no one, root included, can write there.
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(BuildError, match="a-file"):
        ensure_disk_store(own_dist, blocker / "store")
    assert blocker.read_text(encoding="utf-8") == ""


def test_a_failed_load_leaves_the_previous_store(own_dist: Path) -> None:
    directory = own_dist.parent / "store"
    ensure_disk_store(own_dist, directory)
    before = sorted(p.name for p in directory.iterdir())
    dataset = own_dist / "dataset.nq"
    with dataset.open("a", encoding="utf-8") as out:
        out.write("this is not N-Quads\n")
    with pytest.raises(BuildError, match=r"dataset\.nq: .*line"):
        ensure_disk_store(own_dist, directory)
    assert sorted(p.name for p in directory.iterdir()) == before
    assert [p.name for p in directory.parent.iterdir() if p.name.startswith(".kg-store-")] == []
