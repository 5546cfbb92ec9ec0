from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from kg.errors import InvalidQuery, NotFound
from kg.query import ResultFormat, open_dist, run_query

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "build"
CHAIRS = """
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?meeting ?agent WHERE {
  ?meeting prov:qualifiedAssociation [
    prov:agent ?agent ;
    prov:hadRole <https://w3id.org/kz-legal-kg/id/concept/role/chair> ] .
} ORDER BY ?meeting
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("query") / "dist"
    result = build(
        ontology_dir=FIXTURES / "ontology",
        data_dir=FIXTURES / "data",
        shapes_dir=FIXTURES / "shapes",
        out=out,
    )
    assert result.written
    return out


def test_select_table(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", CHAIRS, "--dist", str(dist)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["meeting", "agent"]
    assert "(2 rows)" in out[-1]
    assert any("id/meeting/coordination-council/2025-11-28" in line for line in out)


def test_default_graph_is_the_union(dist: Path) -> None:
    # Labels (graph agencies) and associations (graph meetings) join without GRAPH clauses.
    query = """SELECT ?label WHERE {
      ?m prov:qualifiedAssociation/prov:agent ?a . ?a rdfs:label ?label FILTER(lang(?label) = "en")
    }"""  # prov: and rdfs: are predeclared
    answer = run_query(open_dist(dist), query, fmt=ResultFormat.JSON)
    labels = {b["label"]["value"] for b in json.loads(answer.text)["results"]["bindings"]}
    assert labels == {"Prosecutor General's Office", "Ministry of Internal Affairs"}


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_select_results_formats(dist: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", CHAIRS, "--format", fmt, "--dist", str(dist)]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert len(json.loads(out)["results"]["bindings"]) == 2
    else:
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0] == (["meeting", "agent"] if fmt == "csv" else ["?meeting", "?agent"])
        assert len(rows) == 3


def test_query_from_file(dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rq = tmp_path / "chairs.rq"
    rq.write_text(CHAIRS)
    assert main(["query", "-f", str(rq), "--dist", str(dist)]) == 0
    assert "(2 rows)" in capsys.readouterr().out


def test_no_rows_exits_1(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?s WHERE { ?s a <http://example.org/Nothing> }"
    assert main(["query", query, "--dist", str(dist)]) == 1
    assert "(0 rows)" in capsys.readouterr().out


def test_ask(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "ASK { ?s a kzl:Meeting }", "--dist", str(dist)]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["query", "ASK { ?s a kzl:Nothing }", "--dist", str(dist)]) == 1
    assert capsys.readouterr().out == "false\n"


def test_construct_prints_turtle(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "CONSTRUCT { ?s a kzl:Meeting } WHERE { ?s a kzl:Meeting }"
    assert main(["query", query, "--dist", str(dist)]) == 0
    out = capsys.readouterr().out
    assert "@prefix kzl: <https://w3id.org/kz-legal-kg/def#> ." in out
    assert out.count("kzl:Meeting") == 2


def test_syntax_error_exits_2_with_parser_text(
    dist: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "SELECT ?s WHERE { ?s ?p", "--dist", str(dist)]) == 2
    err = capsys.readouterr().err
    assert "SPARQL syntax error" in err
    assert "Traceback" not in err
    with pytest.raises(InvalidQuery):
        run_query(open_dist(dist), "SELEKT")


def test_missing_dist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(NotFound, match="run kg build first"):
        open_dist(tmp_path)
    assert main(["query", "ASK {}", "--dist", str(tmp_path / "dist")]) == 2
    assert "run kg build first" in capsys.readouterr().err


def test_missing_query_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "-f", str(tmp_path / "none.rq"), "--dist", str(tmp_path)]) == 2
    assert "none.rq" in capsys.readouterr().err
