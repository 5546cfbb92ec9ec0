from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "build"
SOURCES = ["--ontology-dir", str(FIXTURES / "ontology"), "--shapes-dir", str(FIXTURES / "shapes")]


def kg_build(out: Path, data: Path = FIXTURES / "data") -> int:
    return main(["build", *SOURCES, "--data-dir", str(data), "--out", str(out)])


def test_build_writes_dist_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kg_build(tmp_path / "dist") == 0
    out = capsys.readouterr().out
    assert "wrote 5 files" in out
    assert "Warning:" in out  # warnings are printed but do not fail
    assert (tmp_path / "dist" / "dataset.nq").is_file()


def test_build_refuses_nonconforming_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kg_build(tmp_path / "dist", FIXTURES / "nonconforming") == 1
    captured = capsys.readouterr()
    assert "Violation:" in captured.out
    assert "A meeting has a label." in captured.out
    assert "does not conform" in captured.err
    assert not (tmp_path / "dist").exists()


def test_build_reports_syntax_error_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kg_build(tmp_path / "dist", FIXTURES / "broken") == 2
    err = capsys.readouterr().err
    assert f"{FIXTURES / 'broken' / 'bad-syntax.ttl'}:5:" in err
    assert "Traceback" not in err


def test_validate_conforming_tree_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SOURCES, str(FIXTURES / "data")]) == 0
    out = capsys.readouterr().out
    assert "Conforms: yes (0 violations, 1 warnings)" in out
    assert str(FIXTURES / "data" / "meetings" / "meetings.ttl") in out


def test_validate_names_severity_focus_path_message_and_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", *SOURCES, str(FIXTURES / "nonconforming")]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "rdfs:label" in line)
    assert line.startswith("Violation: <https://w3id.org/kz-legal-kg/id/meeting/")
    assert "A meeting has a label." in line
    assert str(FIXTURES / "nonconforming" / "unlabelled-meeting.ttl") in line


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SOURCES, "--format", "json", str(FIXTURES / "nonconforming")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["conforms"] is False
    shapes = {r["source_shape"] for r in report["results"] if r["severity"] == "Violation"}
    assert "https://w3id.org/kz-legal-kg/shapes#Meeting-label" in shapes
    assert all(r["files"] for r in report["results"])


def test_validate_turtle(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SOURCES, "--format", "turtle", str(FIXTURES / "data")]) == 0
    assert "sh:ValidationReport" in capsys.readouterr().out


def test_validate_syntax_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SOURCES, str(FIXTURES / "broken" / "bad-syntax.ttl")]) == 2
    assert "bad-syntax.ttl:5: Turtle syntax error" in capsys.readouterr().err


def test_validate_missing_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *SOURCES, str(FIXTURES / "no-such-dir")]) == 2
    assert "no-such-dir: no such file or directory" in capsys.readouterr().err


def test_summary_counts_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kg_build(tmp_path / "dist") == 0
    capsys.readouterr()
    assert main(["summary", "--dist", str(tmp_path / "dist")]) == 0
    lines = dict(line.rsplit(None, 1) for line in capsys.readouterr().out.splitlines())
    assert lines["triples"] == "47"
    assert lines["named graphs"] == "3"
    assert lines["org:Organization"] == "2"
    assert lines["prov:Activity"] == "2"
    assert lines["oa:Annotation"] == "0"


def test_summary_without_build_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--dist", str(tmp_path / "dist")]) == 2
    assert "run kg build first" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_settings_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KG_DIST_DIR", str(tmp_path / "elsewhere"))
    assert main(["summary"]) == 2
    assert "elsewhere" in capsys.readouterr().err
