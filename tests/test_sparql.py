"""The query inspector: form, updates and SERVICE found outside strings, IRIs and comments."""

from __future__ import annotations

import pytest

from kg.errors import QueryRefused, QueryTooLarge, UpdateRefused
from kg.sparql import QueryForm, check_read_query, read_query, shape, substitute


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * { ?s ?p ?o }", QueryForm.SELECT),
        ("PREFIX ex: <http://example.org/ask#>\nBASE <http://x/>\nask { ?s ?p ?o }", QueryForm.ASK),
        ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", QueryForm.CONSTRUCT),
        ("DESCRIBE <http://example.org/select>", QueryForm.DESCRIBE),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", QueryForm.UPDATE),
        ("PREFIX ex: <http://ex/> DELETE WHERE { ?s ?p ?o }", QueryForm.UPDATE),
        ("load <http://example.org/data.ttl>", QueryForm.UPDATE),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", QueryForm.UPDATE),
        ("CLEAR ALL", QueryForm.UPDATE),
        ("{ ?s ?p ?o }", QueryForm.UNKNOWN),
        ("", QueryForm.UNKNOWN),
    ],
)
def test_form(text: str, form: QueryForm) -> None:
    assert shape(text).form is form


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * { ?s ?p "SERVICE" }',
        "SELECT * { ?s ?p 'a SERVICE <http://evil/> { }' }",
        'SELECT * { ?s ?p """multi\nline " SERVICE <http://evil/> {} """ }',
        "SELECT * { ?s ?p '''it's SERVICE''' }",
        'SELECT * { ?s ?p "escaped \\" SERVICE <http://evil/> {} \\"" }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://evil/> { }",
        "SELECT * { ?s <http://example.org/SERVICE> ?o }",
        "PREFIX service: <http://example.org/service#> SELECT * { ?s service:SERVICE service: }",
        "SELECT ?service ?SERVICE $service { ?service ?p ?SERVICE }",
        'SELECT * { ?s ?p "x"@service }',
        "SELECT * { _:service ?p ?o }",
        "SELECT * { ?s ?p ex:o.SERVICE }",  # a dot inside a prefixed name belongs to it
    ],
)
def test_service_in_strings_iris_comments_and_names_is_not_refused(text: str) -> None:
    assert not shape(text).calls_service
    assert check_read_query(text).form is QueryForm.SELECT


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "select * { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o.SERVICE <http://x/> { } }",  # "?o." ends a triple
        "SELECT * { ?s ?p 1.SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p true.SERVICE <http://x/> { } }",
        "SELECT * {SERVICE<http://x/>{?s ?p ?o}}",
        "SELECT * { SERVICE ?endpoint { ?s ?p ?o } }",
        'SELECT * { ?s ?p "a" . SERVICE <http://x/> { } ?s ?p "b" }',
        "SELECT * { ?s ?p ?o FILTER(?s < ?o) SERVICE <http://x/> { } }",  # < is not an IRI here
        "SELECT * { # comment\nSERVICE <http://x/> { } }",
        "SELECT * { \\u0053ERVICE <http://x/> { } }",  # escapes are decoded before parsing
    ],
)
def test_service_is_refused(text: str) -> None:
    assert shape(text).calls_service
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_read_query(text)


def test_update_is_refused() -> None:
    with pytest.raises(UpdateRefused, match="read-only"):
        check_read_query("INSERT DATA { <http://a> <http://b> <http://c> }")


def test_length_limit_counts_utf8_bytes() -> None:
    text = 'SELECT * { ?s ?p "' + "ж" * 60 + '" }'  # 120 bytes of Cyrillic
    assert check_read_query(text, max_bytes=200).form is QueryForm.SELECT
    with pytest.raises(QueryTooLarge, match="at most 100 bytes"):
        check_read_query(text, max_bytes=100)


@pytest.mark.parametrize("name", ["dataset-size", "graph-sizes"])
def test_service_queries_are_plain_selects(name: str) -> None:
    assert check_read_query(read_query(name)).form is QueryForm.SELECT


# --- substitute: constants in place of variables ---------------------------------------------
IRI = "<http://example.org/a>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT ?s WHERE { ?s ?p ?x }", "SELECT ?s WHERE { ?s ?p <http://example.org/a> }"),
        # a projected variable keeps its column
        ("SELECT ?x ?s { ?s ?p ?x }", f"SELECT ({IRI} AS ?x) ?s {{ ?s ?p {IRI} }}"),
        ("SELECT (STR(?x) AS ?t) {}", f"SELECT (STR({IRI}) AS ?t) {{}}"),
        # ORDER BY takes a bracketed expression, not a bare IRI
        (
            "SELECT ?s { ?s ?p ?x } ORDER BY DESC(?x) ?s",
            f"SELECT ?s {{ ?s ?p {IRI} }} ORDER BY DESC(({IRI})) ?s",
        ),
        # $x is ?x; strings, IRIs, comments and longer names are left alone
        (
            'SELECT * { ?s ?p $x, "?x", <http://e/?x> } # ?x',
            f'SELECT * {{ ?s ?p {IRI}, "?x", <http://e/?x> }} # ?x',
        ),
        ("SELECT * { ?s ?p ?xy }", "SELECT * { ?s ?p ?xy }"),
        ("SELECT * { BIND (?x AS ?y) }", f"SELECT * {{ BIND ({IRI} AS ?y) }}"),
    ],
)
def test_substitute(text: str, expected: str) -> None:
    assert substitute(text, x=IRI) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { BIND (1 AS ?x) }",
        "SELECT * {} VALUES (?y ?x) { (1 2) }",
        "SELECT * { VALUES ?x { 1 } }",
    ],
)
def test_substitute_refuses_where_no_constant_can_stand(text: str) -> None:
    with pytest.raises(ValueError, match=r"\?x cannot be replaced"):
        substitute(text, x=IRI)
