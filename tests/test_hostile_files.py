"""Broken input files for ``kg build``: each is refused with a message naming the file (and the
line where one is known), never a traceback, and the dist/ built before stays byte-identical.

The files are in tests/hostile/files/{data,ontology}/; each is dropped into a copy of the real
ontology/, shapes/ and data/ (data files under data/hostile/). A few more are written here: a
1 MB string never closed, a file name that is no graph name, a second file of the same stem.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.build import load
from kg.cli import main
from kg.dist import write_dist

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(__file__).resolve().parent / "hostile" / "files"
ERROR, NO = 2, 1  # kg build: an error; data that does not conform (kg.cli)
SYNTAX = "Turtle syntax error"


@dataclass(frozen=True)
class Bad:
    """A broken file and what kg build must say about it."""

    exit: int
    line: int | None  # the line the message names, where the parser knows it
    message: str  # a regular expression the output must match
    where: str = "data/hostile"  # the folder the file is dropped into


BAD: dict[str, Bad] = {
    "data/unclosed-string.ttl": Bad(ERROR, 8, SYNTAX),
    "data/missing-dot.ttl": Bad(ERROR, 9, SYNTAX),
    "data/undeclared-prefix.ttl": Bad(ERROR, 7, "nope:"),
    "data/iri-with-space.ttl": Bad(ERROR, 6, "not a valid IRI: <https://example.org/general "),
    "data/unbalanced-bracket.ttl": Bad(ERROR, 9, SYNTAX),
    "data/bad-escape.ttl": Bad(ERROR, 8, SYNTAX),
    "data/trig-in-turtle.ttl": Bad(ERROR, 6, SYNTAX),
    "data/broken-trig.ttl": Bad(ERROR, 6, SYNTAX),
    "data/bad-language-tag.ttl": Bad(ERROR, 8, SYNTAX),
    "data/literal-as-subject.ttl": Bad(ERROR, 5, "a literal as a subject"),
    "data/nul-byte.ttl": Bad(ERROR, 7, SYNTAX),
    "data/invalid-utf8.ttl": Bad(ERROR, 8, "not UTF-8 text"),
    "data/cp1251.ttl": Bad(ERROR, 8, "not UTF-8 text"),
    "data/utf16.ttl": Bad(ERROR, 1, "not UTF-8 text"),
    "data/empty.ttl": Bad(ERROR, None, "no statements"),
    "data/comments-only.ttl": Bad(ERROR, None, "no statements"),
    # Caught by the shapes (exit 1): the IRI patterns of each kind keep the kinds apart.
    "data/agency-as-law.ttl": Bad(NO, None, "Legal resource IRIs follow"),
    "data/law-as-organization.ttl": Bad(NO, None, "Organisation IRIs follow"),
    "data/person-and-organization.ttl": Bad(NO, None, "Person IRIs follow"),
    # Resolved against the graph IRI, so the message shows graph/agency/…, which no shape allows.
    "data/relative-iri.ttl": Bad(NO, None, "kz-legal-kg/graph/agency/hostile-a"),
    "ontology/term-without-labels.ttl": Bad(
        ERROR, 7, "kzl:HostileBody has no rdfs:label in en or ru", "ontology"
    ),
    "ontology/property-blank-labels.ttl": Bad(
        ERROR, 6, "kzl:hostileProperty has no rdfs:label in en or ru", "ontology"
    ),
}

PREFIXES = (
    "@base <https://w3id.org/kz-legal-kg/id/> .\n"
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
)
VALID = PREFIXES + "<agency/hostile-a> rdfs:seeAlso <agency/gpo> .\n"


def unclosed_megabyte(folder: Path) -> Path:
    text = PREFIXES + '<agency/hostile-a>\n    a org:Organization ;\n    rdfs:comment """'
    path = folder / "huge-literal.ttl"
    path.write_text(text + ("Враждебный текст. " * 60_000)[:1_000_000] + "\n", encoding="utf-8")
    return path


def bad_name(folder: Path) -> Path:
    path = folder / "Hostile Name.ttl"
    path.write_text(VALID, encoding="utf-8")
    return path


def same_stem(folder: Path) -> Path:
    path = folder / "names.ttl"  # data/reference/names.ttl has the stem too
    path.write_text(VALID, encoding="utf-8")
    return path


WRITTEN: dict[str, tuple[Callable[[Path], Path], Bad]] = {
    "huge-literal": (unclosed_megabyte, Bad(ERROR, 8, "unterminated string")),
    "bad-file-name": (bad_name, Bad(ERROR, None, "not lower-case kebab-case")),
    "duplicate-stem": (same_stem, Bad(ERROR, None, "duplicate file stem 'names'")),
}


def digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def kg_build(tree: Path) -> int:
    return main(
        [
            "build",
            *("--ontology-dir", str(tree / "ontology")),
            *("--shapes-dir", str(tree / "shapes")),
            *("--data-dir", str(tree / "data")),
            *("--out", str(tree / "dist")),
        ]
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ontology/, shapes/ and data/ with the dist/ written from them (not validated
    again: test_build does; that saves the seconds of SHACL)."""
    tree = tmp_path_factory.mktemp("hostile-files")
    for name in ("ontology", "shapes", "data"):
        shutil.copytree(ROOT / name, tree / name)
    loaded = load(tree / "ontology", tree / "data")
    write_dist(loaded.dataset, sorted(loaded.files), tree / "dist")
    return tree


@pytest.fixture
def tree(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of ``built``, dist/ included, for one broken file."""
    shutil.copytree(built, tmp_path / "tree")
    return tmp_path / "tree"


def check_refused(
    tree: Path, dropped: Path, bad: Bad, before: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = kg_build(tree)
    out, err = capsys.readouterr()
    said = out + err
    assert code == bad.exit, said[-2000:]
    assert "Traceback" not in said
    assert str(dropped) in said, said[-2000:]
    if bad.line is not None:
        assert f"{dropped}:{bad.line}: " in err, err
    assert re.search(bad.message, said), said[-2000:]
    assert digests(tree / "dist") == before, "the previous dist/ changed"


@pytest.mark.parametrize("name", sorted(BAD))
def test_broken_file_is_refused(
    name: str, tree: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = BAD[name]
    folder = tree / bad.where
    folder.mkdir(exist_ok=True)
    dropped = folder / Path(name).name
    shutil.copyfile(FILES / name, dropped)
    check_refused(tree, dropped, bad, digests(built / "dist"), capsys)


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_file_is_refused(
    name: str, tree: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write, bad = WRITTEN[name]
    folder = tree / bad.where
    folder.mkdir(exist_ok=True)
    check_refused(tree, write(folder), bad, digests(built / "dist"), capsys)


def test_every_file_has_an_expectation() -> None:
    present = {str(path.relative_to(FILES)) for path in FILES.rglob("*") if path.is_file()}
    assert present == set(BAD)
    assert len(BAD) + len(WRITTEN) >= 15
