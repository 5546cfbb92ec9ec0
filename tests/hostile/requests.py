"""Hostile HTTP requests: each is refused with a 4xx and a readable message, or (where the input
is odd but harmless, such as an emoji in a question) answered as usual; never a 5xx, and never a
change to the data. tests/test_hostile_requests.py runs every case against the app in-process.

The test client refuses URLs over 65 536 characters, so the longest queries go by POST.
``expect`` is the status. ``message`` is a regular expression the error's ``detail`` (or the
error page's text) must match; ``absent`` lists texts the answer must not contain (the password
file's ``root:``, for instance).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

# The settings the cases assume (the README's defaults): longer queries are a 413.
MAX_QUERY_BYTES = 100_000
ID = "https://w3id.org/kz-legal-kg/id/"
GPO = f"<{ID}agency/gpo>"
LABELS = f"SELECT ?label WHERE {{ {GPO} rdfs:label ?label }}"
NOTHING = "SELECT ?s WHERE { ?s a <http://example.org/Nothing> }"
TURTLE = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"
ONE_MB = 1_048_576


@dataclass(frozen=True)
class Case:
    """One hostile request and what the service must answer."""

    id: str
    method: str
    path: str  # with its query string, percent-encoded as sent
    expect: int
    why: str
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    message: str | None = None
    absent: tuple[str, ...] = ()


def sparql(query: str, **params: str) -> str:
    """``/sparql?query=…`` with the text percent-encoded, plus any other parameters."""
    return "/sparql?" + urlencode({"query": query, **params})


def ask(question: str, **params: str) -> str:
    """``/api/ask?q=…`` with the question percent-encoded."""
    return "/api/ask?" + urlencode({"q": question, **params})


def get(
    id: str,
    path: str,
    expect: int,
    why: str,
    *,
    headers: dict[str, str] | None = None,
    message: str | None = None,
    absent: tuple[str, ...] = (),
) -> Case:
    return Case(id, "GET", path, expect, why, headers or {}, None, message, absent)


def post(
    id: str,
    path: str,
    body: bytes | str,
    content_type: str,
    expect: int,
    why: str,
    *,
    headers: dict[str, str] | None = None,
    message: str | None = None,
    absent: tuple[str, ...] = (),
) -> Case:
    content = body.encode("utf-8") if isinstance(body, str) else body
    all_headers = {"Content-Type": content_type, **(headers or {})}
    return Case(id, "POST", path, expect, why, all_headers, content, message, absent)


def form(query: str) -> bytes:
    return urlencode({"query": query}).encode("ascii")


FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
JSON = "application/json"
SYNTAX = r"SPARQL syntax error: error at \d+:\d+"

MALFORMED_SPARQL = [
    get("open-brace", sparql("SELECT * WHERE {"), 400, "a group never closed", message=SYNTAX),
    get("extra-brace", sparql("SELECT * WHERE { ?s ?p ?o }}"), 400, "one brace too many"),
    get("no-where", sparql("SELECT *"), 400, "a SELECT without a pattern", message=SYNTAX),
    get("iri-space", sparql("SELECT * WHERE { <http://a b> ?p ?o }"), 400, "space in an IRI"),
    get("iri-open", sparql("SELECT * WHERE { <http://a ?p ?o }"), 400, "an IRI never closed"),
    get("iri-bad-scheme", sparql("SELECT * WHERE { <1http://a> ?p ?o }"), 400, "bad scheme"),
    get("unknown-prefix", sparql("SELECT * WHERE { nope:x ?p ?o }"), 400, "undeclared prefix"),
    get("string-open", sparql('SELECT * WHERE { ?s ?p "abc }'), 400, "a string never closed"),
    get("lang-tag-bad", sparql('SELECT * WHERE { ?s ?p "a"@-- }'), 400, "a broken language tag"),
    get("datatype-bad", sparql('SELECT * WHERE { ?s ?p "a"^^ }'), 400, "^^ without a datatype"),
    get("escape-bad", sparql(r'SELECT * WHERE { ?s ?p "\u12" }'), 400, "a short \\u escape"),
    get("garbage-bytes", "/sparql?query=%FF%FE%00%01", 400, "bytes that are not a query"),
    get("overlong-utf8", "/sparql?query=SELECT%C0%AF", 400, "an overlong UTF-8 form"),
    get("nul", sparql("SELECT * WHERE { ?s ?p ?o }\x00"), 400, "a NUL after the query"),
    get("control-chars", sparql("SELECT\x01*\x02WHERE{}"), 400, "control characters"),
    get("empty", sparql(""), 400, "an empty query", message="SPARQL syntax error"),
    get("blank", sparql("   \n\t "), 400, "only white space"),
    get("comment-only", sparql("# nothing here"), 400, "only a comment"),
    get("prefix-only", sparql("PREFIX ex: <http://e/>"), 400, "a prologue and nothing else"),
    get("misspelt", sparql("SELEKT * WHERE { ?s ?p ?o }"), 400, "a misspelt keyword"),
    get("json", sparql('{"query": "SELECT"}'), 400, "JSON instead of SPARQL"),
    get("html", sparql("<script>alert(1)</script>"), 400, "markup instead of SPARQL"),
    get("sql", sparql("' OR 1=1; DROP TABLE users; --"), 400, "SQL instead of SPARQL"),
    get("no-vars", sparql("SELECT WHERE { ?s ?p ?o }"), 400, "a projection of nothing"),
    get("bare-function", sparql("SELECT (nofn(1) AS ?x) {}"), 400, "a function without IRI"),
    get("dup-as", sparql("SELECT (1 AS ?x) (2 AS ?x) {}"), 400, "one variable bound twice"),
    get("bind-bound", sparql("SELECT * { ?s ?p ?o BIND(1 AS ?s) }"), 400, "BIND to a used var"),
    get("ungrouped", sparql("SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o }"), 400, "?s not grouped"),
    get("limit-negative", sparql(NOTHING + " LIMIT -1"), 400, "a negative LIMIT"),
    get("limit-fraction", sparql(NOTHING + " LIMIT 1.5"), 400, "a fractional LIMIT"),
    get("limit-variable", sparql(NOTHING + " LIMIT ?n"), 400, "a LIMIT that is a variable"),
    get("two-queries", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", 400, "two query= parameters"),
    get(
        "unknown-function",
        sparql("SELECT (<http://example.org/f>(1) AS ?x) {}"),
        400,
        "a function IRI the engine does not know: a name, never fetched",
    ),
]

HUGE_NUMBERS = [
    get("limit-1e30", sparql(NOTHING + " LIMIT " + "1" + "0" * 30), 400, "LIMIT 10**30"),
    get("limit-2e64", sparql(NOTHING + " LIMIT 18446744073709551616"), 400, "LIMIT 2**64"),
    get("offset-1e30", sparql(NOTHING + " OFFSET " + "1" + "0" * 30), 400, "OFFSET 10**30"),
    get("limit-1e1000", sparql(NOTHING + " LIMIT 1" + "0" * 1000), 400, "a 1001-digit LIMIT"),
    get(
        "limit-int64-max",
        sparql(NOTHING + " LIMIT 9223372036854775807"),
        200,
        "the largest LIMIT the engine reads: answered, as a LIMIT larger than the result is",
    ),
    get(
        "offset-int64-max",
        sparql(LABELS + " OFFSET 9223372036854775807"),
        200,
        "an OFFSET past every row: an empty answer",
    ),
    get(
        "huge-literal-number",
        sparql("SELECT (1" + "0" * 5000 + " + 1 AS ?x) {}"),
        200,
        "a 5001-digit integer in an expression: computed or unbound, not a crash",
    ),
]

# pyoxigraph recurses: before kg.sparql.check_structure these crashed the query worker (503).
DEPTH = r"at most 64 levels"
CHAIN = r"at most 1000 are allowed"
DEEP = [
    get("groups-64", sparql("ASK " + "{" * 64 + "}" * 64), 200, "64 nested groups: the limit"),
    get("groups-65", sparql("ASK " + "{" * 65 + "}" * 65), 400, "one more", message=DEPTH),
    post(
        "minus-1000",
        "/sparql",
        "ASK { " + "MINUS{}" * 1000 + " }",
        SPARQL_QUERY,
        200,
        "1 000 MINUS clauses: the limit (the crash came at 2 800)",
    ),
    post(
        "minus-1001",
        "/sparql",
        "ASK { " + "MINUS{}" * 1001 + " }",
        SPARQL_QUERY,
        400,
        "one more",
        message=CHAIN,
    ),
    get(
        "groups-10000",
        sparql("SELECT * WHERE " + "{" * 10_000 + "}" * 10_000),
        400,
        "10 000 nested groups",
        message=DEPTH,
    ),
    get("open-groups-10000", sparql("{" * 10_000), 400, "10 000 open braces, no query"),
    get(
        "parens-5000",
        sparql("ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"),
        400,
        "5 000 nested parentheses",
        message=DEPTH,
    ),
    get(
        "exists-1000",
        sparql("ASK { " + "FILTER EXISTS { " * 1000 + "}" * 1000 + " }"),
        400,
        "1 000 nested EXISTS",
        message=DEPTH,
    ),
    post(
        "optional-5000",
        "/sparql",
        "ASK { " + "OPTIONAL { " * 5000 + "}" * 5000 + " }",
        SPARQL_QUERY,
        400,
        "5 000 nested OPTIONAL",
        message=DEPTH,
    ),
    post(
        "subselect-5000",
        "/sparql",
        "SELECT * WHERE " + "{ SELECT * WHERE " * 5000 + "{}" + " }" * 5000,
        SPARQL_QUERY,
        400,
        "5 000 nested sub-SELECTs",
        message=DEPTH,
    ),
    get(
        "bnodes-500",
        sparql("ASK { ?s <http://p> " + "[ <http://p> " * 500 + "?o" + " ]" * 500 + " }"),
        400,
        "blank nodes 500 deep (parsing took seconds)",
        message=DEPTH,
    ),
    get(
        "collections-300",
        sparql("ASK { ?s <http://p> " + "( " * 300 + "?o" + " )" * 300 + " }"),
        400,
        "collections 300 deep (parsing ran past the time limit)",
        message=DEPTH,
    ),
    post(
        "and-12000",
        "/sparql",
        "ASK { FILTER(" + "&&".join(["1"] * 12_000) + ") }",
        SPARQL_QUERY,
        400,
        "a chain of 12 000 &&",
        message=CHAIN,
    ),
    get(
        "plus-12000",
        sparql("ASK { FILTER(" + "+".join(["1"] * 12_000) + ") }"),
        400,
        "a chain of 12 000 +",
        message=CHAIN,
    ),
    get(
        "minus-number-10000",
        sparql("ASK { FILTER(" + "-".join(["1"] * 10_000) + ") }"),
        400,
        '"1-1-1…": one token, 10 000 subtractions',
        message=CHAIN,
    ),
    get(
        "not-10000",
        sparql("ASK { FILTER(" + "!" * 10_000 + "true) }"),
        400,
        "10 000 negations",
        message=CHAIN,
    ),
    post(
        "union-12000",
        "/sparql",
        "ASK {" + "UNION".join(["{}"] * 12_000) + "}",
        SPARQL_QUERY,
        400,
        "12 000 UNION branches",
        message=CHAIN,
    ),
    get(
        "minus-3000",
        sparql("ASK { " + "MINUS{}" * 3000 + " }"),
        400,
        "3 000 MINUS clauses",
        message=CHAIN,
    ),
    post(
        "bind-3000",
        "/sparql",
        "ASK { " + "".join(f"BIND(1 AS ?v{i})" for i in range(3000)) + " }",
        SPARQL_QUERY,
        400,
        "3 000 BINDs",
        message=CHAIN,
    ),
    post(
        "graph-4000",
        "/sparql",
        "ASK { " + "GRAPH <http://g> {}" * 4000 + " }",
        SPARQL_QUERY,
        400,
        "4 000 GRAPH clauses",
        message=CHAIN,
    ),
    post(
        "project-4000",
        "/sparql",
        "SELECT " + "".join(f"(1 AS ?v{i})" for i in range(4000)) + " {}",
        SPARQL_QUERY,
        400,
        "4 000 projected expressions",
        message=CHAIN,
    ),
    get("escaped-groups", sparql("ASK " + r"\u007B" * 100), 400, "braces written as escapes"),
    post(
        "form-groups-10000",
        "/sparql",
        form("ASK " + "{" * 10_000 + "}" * 10_000),
        FORM,
        400,
        "nested groups by POST form",
        message=DEPTH,
    ),
    post(
        "query-groups-10000",
        "/sparql",
        "ASK " + "{" * 10_000 + "}" * 10_000,
        SPARQL_QUERY,
        400,
        "nested groups as application/sparql-query",
        message=DEPTH,
    ),
    get(
        "page-groups-10000",
        "/query?" + urlencode({"query": "ASK " + "{" * 10_000 + "}" * 10_000}),
        400,
        "nested groups on the SPARQL page",
        message=DEPTH,
    ),
]

TOO_LARGE = r"at most 100000 bytes|limit is 100000 bytes|over the limit"
SIZE = [
    post(
        "form-1mb",
        "/sparql",
        form("ASK {} #" + "x" * ONE_MB),
        FORM,
        413,
        "a 1 MB query by POST form",
        message="over the limit|limit is",
    ),
    post(
        "query-1mb",
        "/sparql",
        "ASK {} #" + "x" * ONE_MB,
        SPARQL_QUERY,
        413,
        "a 1 MB application/sparql-query body",
        message=TOO_LARGE,
    ),
    post(
        "query-limit-plus-1",
        "/sparql",
        "ASK {}" + " " * (MAX_QUERY_BYTES - 5),
        SPARQL_QUERY,
        413,
        "one byte over the limit",
    ),
    post(
        "form-8mb",
        "/sparql",
        b"query=" + b"A" * (8 * ONE_MB),
        FORM,
        413,
        "an 8 MB form, refused before it is all read",
    ),
    post(
        "ask-5mb",
        "/api/ask",
        b'{"q": "' + b"a" * (5 * ONE_MB) + b'"}',
        JSON,
        422,
        "a 5 MB question",
        message="at most 2000 characters",
    ),
    get(
        "ask-10k",
        ask("Кто " * 2500),
        422,
        "a 10 000-character question",
        message="at most 2000 characters",
    ),
    get(
        "page-question-60k",
        "/?" + urlencode({"q": "Who " * 15_000}),
        200,
        "a 60 000-character question on the home page: the first 2 000 are read",
    ),
    get(
        "bodies-q-long",
        "/api/bodies?" + urlencode({"q": "x" * 201}),
        422,
        "a body name longer than any",
        message="at most 200 characters",
    ),
    get(
        "accept-huge",
        sparql(LABELS),
        406,
        "an Accept header of 10 000 unknown types",
        headers={"Accept": ", ".join(f"x/y{i}" for i in range(10_000))},
    ),
]

NOT_UTF8 = "not UTF-8"
ENCODING = [
    post(
        "query-latin1",
        "/sparql",
        "SELECT * WHERE { ?s ?p 'Ä' }".encode("latin-1"),
        SPARQL_QUERY,
        400,
        "a Latin-1 body",
        message=NOT_UTF8,
    ),
    post(
        "query-utf16",
        "/sparql",
        "ASK {}".encode("utf-16"),
        SPARQL_QUERY,
        400,
        "a UTF-16 body with its BOM",
        message=NOT_UTF8,
    ),
    post(
        "query-charset-lie",
        "/sparql",
        "ASK { ?s ?p 'é' }".encode("latin-1"),
        SPARQL_QUERY + "; charset=iso-8859-1",
        400,
        "a declared non-UTF-8 charset",
        message=NOT_UTF8,
    ),
    post(
        "form-raw-bytes",
        "/sparql",
        b"query=ASK \xff\xfe {}",
        FORM,
        400,
        "a form with raw bytes that are not UTF-8",
        message=NOT_UTF8,
    ),
    post(
        "form-percent-bytes",
        "/sparql",
        b"query=ASK%20%FF%20%7B%7D",
        FORM,
        400,
        "a form whose percent-escapes are not UTF-8",
    ),
    post(
        "query-surrogate-bytes",
        "/sparql",
        b"ASK { ?s ?p '\xed\xa0\x80' }",
        SPARQL_QUERY,
        400,
        "a surrogate encoded in UTF-8 (CESU)",
        message=NOT_UTF8,
    ),
    post("ask-invalid-utf8", "/api/ask", b'{"q": "\xff\xfe"}', JSON, 400, "JSON that is not UTF-8"),
    post(
        "ask-lone-surrogate",
        "/api/ask",
        b'{"q": "who \\ud800 signed"}',
        JSON,
        422,
        "a lone surrogate escaped in JSON (was a 500: the 422 repeated it)",
        message="unicode",
    ),
    post(
        "ask-lang-surrogate",
        "/api/ask",
        b'{"q": "x", "lang": "\\udfff"}',
        JSON,
        422,
        "a lone surrogate as the language (was a 500)",
    ),
    post(
        "ask-long-surrogates",
        "/api/ask",
        b'{"q": "' + b"\\ud800" * 3000 + b'"}',
        JSON,
        422,
        "3 000 lone surrogates: too long, and not text",
    ),
    get("id-invalid-utf8", "/id/agency/%FF", 400, "a resource path that is not UTF-8"),
    get("graph-invalid-utf8", "/graph/%FF%FE", 400, "a graph name that is not UTF-8"),
]

NOT_ACCEPTABLE = "available: "
ACCEPT = [
    get(
        "accept-png",
        sparql(LABELS),
        406,
        "SELECT results as an image",
        headers={"Accept": "image/png"},
        message=NOT_ACCEPTABLE,
    ),
    get(
        "accept-unknown",
        sparql(LABELS),
        406,
        "a media type nobody knows",
        headers={"Accept": "application/x-does-not-exist"},
        message=NOT_ACCEPTABLE,
    ),
    get(
        "accept-turtle-for-select",
        sparql(LABELS),
        406,
        "a graph format for a table",
        headers={"Accept": "text/turtle"},
    ),
    get(
        "accept-json-for-construct",
        sparql(f"CONSTRUCT {{ {GPO} ?p ?o }} WHERE {{ {GPO} ?p ?o }}"),
        406,
        "a table format for a graph",
        headers={"Accept": "application/sparql-results+json"},
    ),
    get(
        "accept-q0",
        sparql(LABELS),
        406,
        "everything refused with q=0",
        headers={"Accept": "*/*;q=0"},
    ),
    get(
        "accept-bad-q",
        sparql(LABELS),
        406,
        "a q-value that is not a number counts as 0",
        headers={"Accept": "application/sparql-results+json;q=abc"},
    ),
    get(
        "accept-garbage",
        sparql(LABELS),
        200,
        "a malformed Accept (no type/subtype) is ignored, as a missing one would be",
        headers={"Accept": "\x7f\x01garbage;;,,"},
    ),
    get(
        "format-turtle-for-select",
        sparql(LABELS, format="turtle"),
        406,
        "format= naming a graph format for a table",
        message="cannot represent",
    ),
    get(
        "format-csv-for-construct",
        sparql(f"CONSTRUCT {{ {GPO} ?p ?o }} WHERE {{ {GPO} ?p ?o }}", format="csv"),
        406,
        "format= naming a table format for a graph",
    ),
    get(
        "format-unknown",
        sparql(LABELS, format="exe"),
        200,
        "an unknown format= is ignored (SPARQLWrapper sends several)",
    ),
    get(
        "description-png",
        "/sparql",
        406,
        "the service description as an image",
        headers={"Accept": "image/png"},
    ),
    get(
        "void-png",
        "/.well-known/void",
        406,
        "the VoID description as an image",
        headers={"Accept": "image/png"},
    ),
    get("void-format-csv", "/.well-known/void?format=csv", 406, "VoID as CSV"),
    get(
        "resource-pdf",
        "/id/agency/gpo",
        406,
        "a resource as PDF",
        headers={"Accept": "application/pdf"},
        message=NOT_ACCEPTABLE,
    ),
    get(
        "graph-pdf",
        "/graph/names",
        406,
        "a named graph as PDF",
        headers={"Accept": "application/pdf"},
    ),
    get(
        "graph-store-png",
        "/graph-store?" + urlencode({"graph": f"{ID}x"}),
        406,
        "a Graph Store graph as an image",
        headers={"Accept": "image/png"},
    ),
]

NOT_A_PATH = "not a resource path"
TRAVERSAL = [
    get(
        "id-dotdot",
        "/id/../../etc/passwd",
        404,
        "dot segments (the client removes them)",
        absent=("root:",),
    ),
    get(
        "id-dotdot-encoded",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        400,
        "%2e%2e segments",
        message=NOT_A_PATH,
        absent=("root:",),
    ),
    get(
        "id-dotdot-upper",
        "/id/%2E%2E/%2E%2E/etc/passwd",
        400,
        "%2E%2E segments",
        message=NOT_A_PATH,
    ),
    get(
        "id-slash-encoded",
        "/id/..%2f..%2f..%2fetc%2fpasswd",
        400,
        "slashes as %2f",
        message=NOT_A_PATH,
        absent=("root:",),
    ),
    get(
        "id-double-encoded",
        "/id/%252e%252e/%252e%252e/etc/passwd",
        400,
        "%25-escaped dots",
        message=NOT_A_PATH,
    ),
    get("id-backslash", "/id/..%5C..%5Cetc%5Cpasswd", 400, "backslashes", message=NOT_A_PATH),
    get("id-nul", "/id/agency/gpo%00.ttl", 400, "a NUL in the path", message=NOT_A_PATH),
    get("id-upper", "/id/AGENCY/GPO", 400, "upper case: no IRI of the graph has it"),
    get("id-space", "/id/agency/g%20po", 400, "a space in the path"),
    get("id-empty-segment", "/id/agency//gpo", 400, "an empty segment"),
    get("id-unicode", "/id/agency/" + quote("генпрокуратура"), 400, "Cyrillic: IRIs are ASCII"),
    get("id-rtl-override", "/id/agency/" + quote("\u202egpo"), 400, "a right-to-left override"),
    get(
        "id-long",
        "/id/" + "a/" * 5000 + "b",
        404,
        "10 000 characters of valid segments: nothing there",
        message="holds nothing",
    ),
    get(
        "id-unknown",
        "/id/agency/no-such-body",
        404,
        "a well-formed IRI the graph lacks",
        message="holds nothing",
    ),
    get(
        "id-html-traversal",
        "/id/%2e%2e/etc/passwd",
        400,
        "traversal from a browser: an error page",
        headers={"Accept": "text/html"},
        message=NOT_A_PATH,
    ),
    get(
        "dist-dotdot",
        "/dist/..%2fpyproject.toml",
        404,
        "traversal out of dist/",
        absent=("[project]",),
    ),
    get(
        "dist-dotdot-etc",
        "/dist/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        404,
        "encoded traversal to /etc/passwd",
        absent=("root:",),
    ),
    get("dist-nul", "/dist/dataset.nq%00.txt", 404, "a NUL after a real name"),
    get("dist-case", "/dist/DATASET.NQ", 404, "a real name in upper case", message="no dump named"),
    get(
        "dist-unknown",
        "/dist/secrets.env",
        404,
        "a file that is not a dump",
        message="the dumps are",
    ),
    get("dist-empty", "/dist/", 404, "no name at all"),
    get("dist-subdir", "/dist/dataset.nq/x", 404, "a path below a file"),
    get(
        "sources-dotdot",
        "/sources/..%2f..%2fpyproject.toml",
        404,
        "traversal out of sources/",
        absent=("[project]",),
    ),
    get("sources-dotdot-name", "/sources/%2e%2e", 400, "the name '..'"),
    get("sources-backslash", "/sources/..%5C..%5Cpyproject.toml", 400, "backslashes"),
    get("sources-unknown", "/sources/nope.txt", 404, "a stored text that does not exist"),
    get("graph-dotdot", "/graph/..%2f..%2fetc", 404, "traversal out of graph/"),
    get("graph-dotdot-name", "/graph/%2e%2e", 400, "the graph name '..'"),
    get("graph-unknown", "/graph/no-such-graph", 404, "a graph that does not exist"),
    get(
        "static-dotdot",
        "/static/..%2f..%2fpyproject.toml",
        404,
        "traversal out of static/",
        absent=("[project]",),
    ),
    get("static-unknown", "/static/evil.js", 404, "a static file that does not exist"),
    get("bodies-dotdot", "/api/bodies/%2e%2e", 422, "a body key that is not a slug"),
    get("bodies-upper", "/api/bodies/GPO", 422, "a body key in upper case"),
    get("bodies-newline", "/api/bodies/gpo%0A", 422, "a newline after a real key"),
    get(
        "id-newline",
        "/id/agency/gpo%0A",
        200,
        "a newline after a real path: Starlette's route ($ before a final newline) drops it, "
        "so the page is that of the path without it",
    ),
    get("graph-newline", "/graph/names%0A", 400, "a newline after a real graph name"),
    get("bodies-unknown", "/api/bodies/no-such-body", 404, "a slug of no body"),
    get("def-traversal", "/def/%2e%2e/%2e%2e/etc/passwd", 400, "traversal under /def/"),
    get("dataset-traversal", "/dataset/%2e%2e%2f%2e%2e", 400, "traversal under /dataset/"),
]

METHOD = r"Method Not Allowed"
METHODS = [
    Case("sparql-put", "PUT", "/sparql", 405, "PUT on the endpoint", message=METHOD),
    Case("sparql-delete", "DELETE", "/sparql", 405, "DELETE on the endpoint"),
    Case("sparql-patch", "PATCH", "/sparql", 405, "PATCH on the endpoint"),
    Case("sparql-trace", "TRACE", "/sparql", 405, "TRACE on the endpoint"),
    Case("id-put", "PUT", "/id/agency/gpo", 405, "overwriting a resource", content=b"x"),
    Case("id-delete", "DELETE", "/id/agency/gpo", 405, "deleting a resource"),
    Case("id-post", "POST", "/id/agency/gpo", 405, "posting to a resource", content=b"x"),
    Case("dist-put", "PUT", "/dist/dataset.nq", 405, "overwriting a dump", content=b"x"),
    Case("dist-delete", "DELETE", "/dist/dataset.nq", 405, "deleting a dump"),
    Case("dist-post", "POST", "/dist/dataset.nq", 405, "posting to a dump", content=b"x"),
    Case("void-post", "POST", "/.well-known/void", 405, "posting to the VoID description"),
    Case("ask-put", "PUT", "/api/ask", 405, "PUT on the question API", content=b"{}"),
    Case("ask-head", "HEAD", "/api/ask?q=x", 405, "HEAD on the question API"),
    Case("bodies-delete", "DELETE", "/api/bodies/gpo", 405, "deleting a body"),
    Case("health-post", "POST", "/health", 405, "posting to the health check"),
    Case("graph-delete", "DELETE", "/graph/names", 405, "deleting a named graph page"),
    Case("static-put", "PUT", "/static/style.css", 405, "overwriting the stylesheet"),
    Case("home-delete", "DELETE", "/", 405, "deleting the home page"),
]

READ_ONLY = "read-only"
GRAPH = urlencode({"graph": f"{ID}x"})
WRITES = [
    get(
        "update-param",
        "/sparql?" + urlencode({"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}),
        403,
        "update= by GET",
        message=READ_ONLY,
    ),
    post(
        "update-form",
        "/sparql",
        urlencode({"update": "CLEAR ALL"}),
        FORM,
        403,
        "update= by POST form",
        message=READ_ONLY,
    ),
    post(
        "update-body",
        "/sparql",
        "DROP ALL",
        "application/sparql-update",
        403,
        "application/sparql-update",
        message=READ_ONLY,
    ),
    post(
        "update-bearer",
        "/sparql",
        "DROP ALL",
        "application/sparql-update",
        403,
        "a bearer token while writes are off",
        headers={"Authorization": "Bearer guess"},
    ),
    get(
        "insert-as-query",
        sparql("INSERT DATA { <a:b> <a:c> <a:d> }"),
        403,
        "INSERT as a query",
        message=READ_ONLY,
    ),
    get("delete-where", sparql("DELETE WHERE { ?s ?p ?o }"), 403, "DELETE WHERE as a query"),
    get(
        "load-file",
        sparql("LOAD <file:///etc/passwd>"),
        403,
        "LOAD of a local file",
        absent=("root:",),
    ),
    get("clear-lower", sparql("clear all"), 403, "an update in lower case"),
    get(
        "drop-prefixed",
        sparql("PREFIX ex: <http://e/> DROP GRAPH ex:g"),
        403,
        "an update after a prologue",
    ),
    get(
        "with-delete",
        sparql("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"),
        403,
        "WITH … DELETE",
    ),
    post(
        "form-query-and-update",
        "/sparql",
        urlencode({"query": "ASK {}", "update": "CLEAR ALL"}),
        FORM,
        403,
        "a query and an update in one form",
    ),
    get(
        "escaped-insert",
        sparql(r"\u0049NSERT DATA { <a:b> <a:c> <a:d> }"),
        400,
        "an update keyword written as an escape: not a query either",
    ),
    Case(
        "graph-store-put",
        "PUT",
        "/graph-store?" + GRAPH,
        403,
        "Graph Store PUT",
        {"Content-Type": "text/turtle"},
        TURTLE.encode(),
        message=READ_ONLY,
    ),
    Case(
        "graph-store-post",
        "POST",
        "/graph-store?" + GRAPH,
        403,
        "Graph Store POST",
        {"Content-Type": "text/turtle"},
        TURTLE.encode(),
    ),
    Case("graph-store-delete", "DELETE", "/graph-store?" + GRAPH, 403, "Graph Store DELETE"),
    Case(
        "graph-store-put-bearer",
        "PUT",
        "/graph-store?" + GRAPH,
        403,
        "Graph Store PUT with a guessed token",
        {"Content-Type": "text/turtle", "Authorization": "Bearer guess"},
        TURTLE.encode(),
    ),
    get("graph-store-no-graph", "/graph-store", 400, "no graph= at all"),
    get(
        "graph-store-two-graphs",
        "/graph-store?graph=http://a/&graph=http://b/",
        400,
        "two graph= parameters",
    ),
    get(
        "graph-store-relative",
        "/graph-store?graph=relative",
        400,
        "a relative IRI",
        message="absolute IRI",
    ),
    get("graph-store-default", "/graph-store?default", 400, "the default graph (the union)"),
    get(
        "graph-store-file",
        "/graph-store?graph=file:///etc/passwd",
        404,
        "a file IRI: a name, never read",
        absent=("root:",),
    ),
]

SERVICE = "SERVICE .*not allowed"
FEDERATION = [
    get(
        "service",
        sparql("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"),
        400,
        "federated query",
        message=SERVICE,
    ),
    get(
        "service-silent-file",
        sparql("SELECT * { SERVICE SILENT <file:///etc/passwd> {} }"),
        400,
        "SERVICE SILENT to a local file",
        absent=("root:",),
    ),
    get(
        "service-lower",
        sparql("select * { service <http://169.254.169.254/> {} }"),
        400,
        "lower case, cloud metadata address",
    ),
    get("service-variable", sparql("SELECT * { ?x a ?y SERVICE ?x {} }"), 400, "SERVICE ?var"),
    get(
        "service-escaped",
        sparql(r"SELECT * { \u0053ERVICE <http://e/> {} }"),
        400,
        "SERVICE written as an escape",
    ),
    post(
        "service-form",
        "/sparql",
        form("ASK { SERVICE <http://e/> {} }"),
        FORM,
        400,
        "SERVICE by POST form",
        message=SERVICE,
    ),
    get(
        "service-page",
        "/query?" + urlencode({"query": "ASK { SERVICE <http://e/> {} }"}),
        400,
        "SERVICE on the SPARQL page",
        message="SERVICE",
    ),
]

EXPENSIVE = [
    get(
        "regex-redos",
        sparql('SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) } LIMIT 1'),
        200,
        "a pattern that backtracks exponentially elsewhere: linear here",
    ),
    get(
        "regex-huge",
        sparql('SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "((a{1000}){1000}){1000}")) }'),
        200,
        "a pattern too large to compile: an error value, so no rows",
    ),
    get(
        "regex-invalid",
        sparql('SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "((((")) }'),
        200,
        "a pattern that does not compile: an error value, so no rows",
    ),
    get(
        "bodies-regex-chars",
        "/api/bodies?" + urlencode({"q": "((((.*+?[\\"}),
        200,
        "regular-expression characters as a body name: no body matches",
    ),
    get(
        "accept-language-huge",
        "/",
        200,
        "an Accept-Language of 5 000 languages: the page in English",
        headers={"Accept-Language": ", ".join(f"x{i};q=0.{i % 10}" for i in range(5000))},
    ),
    get(
        "cookie-garbage",
        "/bodies",
        200,
        "a language cookie that is not one",
        headers={"Cookie": "lang=\x00%FF; lang=de; =; ;;"},
    ),
]

DATASET = [
    get(
        "default-graph-relative",
        sparql(LABELS, **{"default-graph-uri": "relative"}),
        400,
        "a relative default-graph-uri",
        message="absolute IRI",
    ),
    get(
        "named-graph-relative",
        sparql(LABELS, **{"named-graph-uri": "../x"}),
        400,
        "a relative named-graph-uri",
        message="absolute IRI",
    ),
    get(
        "default-graph-brackets",
        sparql(LABELS, **{"default-graph-uri": "<http://a/>"}),
        400,
        "an IRI in angle brackets",
    ),
    get(
        "default-graph-space",
        sparql(LABELS, **{"default-graph-uri": "http://a b/"}),
        400,
        "a space in the IRI",
    ),
    get("default-graph-empty", sparql(LABELS, **{"default-graph-uri": ""}), 400, "an empty IRI"),
    get(
        "default-graph-file",
        sparql(LABELS, **{"default-graph-uri": "file:///etc/passwd"}),
        200,
        "a file IRI names an empty graph: never read",
        absent=("root:",),
    ),
    get(
        "named-graph-metadata",
        sparql(LABELS, **{"named-graph-uri": "http://169.254.169.254/latest/meta-data/"}),
        200,
        "a cloud metadata IRI names a graph: never fetched",
    ),
    get(
        "from-file",
        sparql("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o } LIMIT 1"),
        200,
        "FROM a local file: a name, never read",
        absent=("root:",),
    ),
]

UNDERSTOOD = "not understood|nothing|no "  # the answer's message says why it is empty
QUESTIONS = [
    get("ask-missing", "/api/ask", 422, "no q= at all", message="query.q: Field required"),
    get("ask-empty", ask(""), 200, "an empty question: an honest empty answer"),
    get("ask-nul", ask("\x00"), 200, "a NUL"),
    get("ask-controls", ask("".join(chr(c) for c in range(1, 32))), 200, "every C0 control"),
    get("ask-rtl", ask("\u202eWho signed the law?\u200f\u200e"), 200, "bidi overrides and marks"),
    get("ask-emoji", ask("🚔💊❓ what did 🏛️ do?"), 200, "emoji"),
    get("ask-zero-width", ask("Wh\u200bo si\u200dgned\ufeff?"), 200, "zero-width characters"),
    get("ask-combining", ask("Wh" + "\u0301" * 1500 + "o?"), 200, "1 500 combining accents"),
    get(
        "ask-surrogate-encoded",
        "/api/ask?q=%ED%A0%80%ED%B0%80",
        200,
        "a surrogate pair encoded separately (CESU-8), read as replacement characters",
    ),
    get("ask-query-invalid-utf8", "/api/ask?q=%FF%FE%C0%AF", 200, "bytes that are not UTF-8"),
    get(
        "ask-2000-cyrillic",
        ask("Какие органы участвовали " * 80),
        200,
        "2 000 characters of repeated Russian: the longest question allowed",
    ),
    get(
        "ask-sparql-injection",
        ask('What did "} } ; DROP ALL # do?'),
        200,
        "SPARQL in a question: never reaches the query",
    ),
    get(
        "ask-lang-unknown",
        ask("x", lang="de"),
        422,
        "a language the service lacks",
        message="query.lang",
    ),
    get("ask-lang-upper", ask("x", lang="EN"), 422, "a language code in upper case"),
    get("ask-lang-nul", "/api/ask?q=x&lang=ru%00", 422, "a NUL after the language"),
    get("ask-lang-newline", "/api/ask?q=x&lang=ru%0A", 422, "a newline after the language"),
    get("ask-lang-invalid-utf8", "/api/ask?q=x&lang=%FF", 422, "a language that is not UTF-8"),
    post("ask-text-plain", "/api/ask", "who?", "text/plain", 422, "a body that is not JSON"),
    post("ask-form", "/api/ask", "q=who", FORM, 422, "a form instead of JSON"),
    post(
        "ask-truncated-json",
        "/api/ask",
        '{"q": "wh',
        JSON,
        422,
        "JSON cut short",
        message="JSON decode error",
    ),
    post("ask-deep-json", "/api/ask", "[" * 100_000, JSON, 400, "100 000 nested JSON arrays"),
    post("ask-q-null", "/api/ask", '{"q": null}', JSON, 422, "a null question"),
    post("ask-q-number", "/api/ask", '{"q": 42}', JSON, 422, "a number as the question"),
    post("ask-q-list", "/api/ask", '{"q": ["a", "b"]}', JSON, 422, "a list as the question"),
    post("ask-array", "/api/ask", '["who?"]', JSON, 422, "an array instead of an object"),
    post("ask-empty-body", "/api/ask", "", JSON, 422, "no body"),
    post("ask-lang-bad", "/api/ask", '{"q": "x", "lang": "xx"}', JSON, 422, "a bad language"),
    get("bodies-lang", "/api/bodies?lang=de", 422, "a language the service lacks"),
    get("bodies-nul", "/api/bodies?q=%00", 200, "a NUL as a body name: no body matches"),
    get("page-lang-garbage", "/?lang=%FF%00", 200, "a page language that is not one: English"),
    get(
        "page-question-controls",
        "/?" + urlencode({"q": "\x00\x1b[31m\u202e"}),
        200,
        "terminal escapes and a bidi override in the question box",
    ),
]

BODIES = [
    post(
        "no-content-type",
        "/sparql",
        "ASK {}",
        "",
        415,
        "a body without Content-Type",
        message="send the query as",
    ),
    post("text-plain", "/sparql", "ASK {}", "text/plain", 415, "text/plain"),
    post("json-body", "/sparql", '{"query": "ASK {}"}', JSON, 415, "JSON"),
    post(
        "multipart",
        "/sparql",
        "--x\r\n\r\nASK {}\r\n--x--",
        "multipart/form-data; boundary=x",
        415,
        "multipart",
    ),
    post("content-type-garbage", "/sparql", "ASK {}", "\x01;;;=", 415, "a garbage Content-Type"),
    post(
        "form-without-query",
        "/sparql",
        "foo=bar",
        FORM,
        400,
        "a form with no query=",
        message="missing the query parameter",
    ),
    post("form-json-body", "/sparql", '{"query": "ASK {}"}', FORM, 400, "JSON sent as a form"),
    post(
        "form-two-queries",
        "/sparql",
        "query=ASK%7B%7D&query=ASK%7B%7D",
        FORM,
        400,
        "two query= in a form",
        message="exactly one",
    ),
    post("query-empty-body", "/sparql", "", SPARQL_QUERY, 400, "an empty query body"),
    post("query-nul-body", "/sparql", b"\x00" * 1000, SPARQL_QUERY, 400, "1 000 NUL bytes"),
    post(
        "form-deep-params",
        "/sparql",
        "&".join(f"a{i}=b" for i in range(20_000)),
        FORM,
        400,
        "20 000 parameters and no query",
    ),
    get(
        "page-query-malformed",
        "/query?" + urlencode({"query": "SELECT * WHERE {"}),
        400,
        "a malformed query on the SPARQL page",
        message="SPARQL syntax error",
    ),
    get(
        "page-query-update",
        "/query?" + urlencode({"query": "DROP ALL"}),
        403,
        "an update on the SPARQL page",
        message=READ_ONLY,
    ),
]

CASES: list[Case] = [
    *MALFORMED_SPARQL,
    *HUGE_NUMBERS,
    *DEEP,
    *SIZE,
    *ENCODING,
    *ACCEPT,
    *TRAVERSAL,
    *METHODS,
    *WRITES,
    *FEDERATION,
    *EXPENSIVE,
    *DATASET,
    *QUESTIONS,
    *BODIES,
]
