"""No outbound requests: no input makes the service, kg build, kg validate or kg query open a
connection.

Each test points hostile input (SERVICE, LOAD, FROM and graph IRIs, function IRIs, remote JSON-LD
contexts, external XML entities and DTDs, owl:imports) at a Listener on a loopback port
(tests/integration/listener.py) and asserts that nothing connected to it, and that the answer is
a clear 4xx, or a 200 where the input is legitimately accepted without any fetch (FROM and graph
IRIs select graphs of the store; DESCRIBE describes what the store holds).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from rdflib import Graph

from integration.listener import Listener
from integration.servers import Stub
from kg.api.main import create_app
from kg.cli import main
from kg.config import Settings
from kg.errors import RemoteError, ValidationError
from kg.namespaces import BASE
from kg.store import RemoteStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SRX = "application/sparql-results+json"
SRX_XML = "application/sparql-results+xml"
RDF_XML = "application/rdf+xml"


@pytest.fixture
def listener() -> Iterator[Listener]:
    with Listener() as port:
        yield port


def hostile(text: str, listener: Listener) -> str:
    """``text`` with ``{L}`` replaced by the listener's origin (SPARQL is full of braces, so
    this is not str.format)."""
    return text.replace("{L}", listener.url("").rstrip("/"))


def assert_silent(listener: Listener) -> None:
    seen = listener.connections
    assert seen == [], f"{len(seen)} connection(s) to the listener: {[bytes(c.data) for c in seen]}"


# --- the listener itself ---------------------------------------------------------------------


def test_listener_records_a_connection(listener: Listener) -> None:
    """The detector works: a request sent on purpose is seen, with its bytes."""
    assert listener.connections == []
    with pytest.raises(httpx.TransportError):  # it answers nothing and hangs up
        httpx.get(listener.url("/probe"), timeout=5)
    listener.wait_for_readers()
    seen = listener.connections
    assert len(seen) == 1
    assert bytes(seen[0].data).startswith(b"GET /probe HTTP/1.1")


def test_listener_sees_pyoxigraph_service(listener: Listener) -> None:
    """Without the SERVICE check, pyoxigraph would call the listener: the check is needed."""
    store = ox.Store()
    with pytest.raises(OSError):
        list(store.query(hostile("SELECT * WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } }", listener)))
    assert len(listener.connections) == 1


# --- /sparql ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(dist: Path, remote_endpoint: str | None) -> Iterator[TestClient]:
    """The app over worker processes (embedded) or in front of a real SPARQL server."""
    settings = Settings(
        dist_dir=dist, query_workers=2, sparql_timeout_s=10, sparql_endpoint=remote_endpoint
    )
    with TestClient(create_app(settings)) as client:
        yield client


SERVICE = "SELECT * WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } }"
# (id, query, status): 400 QueryRefused or syntax, 403 read-only, "empty" a 200 with nothing in
# it (the listener's graphs are not in the store), 200 answered from the store alone.
QUERIES: list[tuple[str, str, int | str]] = [
    ("service", SERVICE, 400),
    ("service-silent", "SELECT * WHERE { SERVICE SILENT <{L}/sparql> { ?s ?p ?o } }", 400),
    ("service-lower", "select * where { service <{L}/sparql> { ?s ?p ?o } }", 400),
    ("service-escaped", r"SELECT * WHERE { \u0053ERVICE <{L}/sparql> { ?s ?p ?o } }", 400),
    ("service-escaped-lower", r"SELECT * WHERE { \u0073ervice <{L}/s> { ?s ?p ?o } }", 400),
    ("service-no-spaces", "SELECT*{SERVICE<{L}/sparql>{?s ?p ?o}}", 400),
    ("service-after-comment", "SELECT * WHERE { # SERVICE?\nSERVICE <{L}/s> { ?s ?p ?o } }", 400),
    (
        "service-subquery",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } } } }",
        400,
    ),
    (
        "service-in-exists",
        "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <{L}/sparql> { ?s ?p ?o } } }",
        400,
    ),
    (
        "service-variable",
        "SELECT * WHERE { BIND(<{L}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        400,
    ),
    ("service-construct", "CONSTRUCT WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } }", 400),
    ("load", "LOAD <{L}/x.ttl>", 403),
    ("load-silent-into", "LOAD SILENT <{L}/x.ttl> INTO GRAPH <urn:x:g>", 403),
    ("load-after-prefix", "PREFIX ex: <http://example.org/> LOAD <{L}/x.ttl>", 403),
    ("load-lower", "load <{L}/x.ttl>", 403),
    ("from", "SELECT * FROM <{L}/g> WHERE { ?s ?p ?o } LIMIT 1", 200),
    ("from-named", "SELECT * FROM NAMED <{L}/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "empty"),
    ("graph", "SELECT * WHERE { GRAPH <{L}/g> { ?s ?p ?o } }", "empty"),
    ("construct-from", "CONSTRUCT { ?s ?p ?o } FROM <{L}/g> WHERE { ?s ?p ?o } LIMIT 1", 200),
    ("describe", "DESCRIBE <{L}/x>", "empty"),
    ("base", "BASE <{L}/> SELECT * WHERE { <x> ?p ?o }", "empty"),
    ("function", "SELECT ?x WHERE { BIND(<{L}/f>(1) AS ?x) }", 400),
    # Virtuoso's pragma that fetches FROM graphs; not SPARQL, refused by the syntax check.
    ("virtuoso-define", 'DEFINE get:soft "replace" SELECT * FROM <{L}/g> WHERE { ?s ?p ?o }', 400),
]


def send(client: TestClient, how: str, query: str, **params: str) -> httpx.Response:
    """Send ``query`` to /sparql by GET, POST form or POST application/sparql-query."""
    if how == "get":
        return client.get("/sparql", params={"query": query, **params})
    if how == "form":
        return client.post("/sparql", data={"query": query, **params})
    return client.post(
        "/sparql",
        params=params,
        content=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query"},
    )


def assert_empty(response: httpx.Response) -> None:
    """A 200 that holds nothing: the listener's graphs are not in the store."""
    assert response.status_code == 200, response.text
    media_type = response.headers["content-type"].partition(";")[0]
    if media_type == SRX:
        body = response.json()
        assert body.get("boolean") in (None, False)
        assert body.get("results", {}).get("bindings", []) == []
    else:
        fmt = ox.RdfFormat.from_media_type(media_type)
        assert fmt is not None, media_type
        assert list(ox.parse(response.content, format=fmt)) == []


# Where a remote server answers otherwise. Oxigraph reports an unknown function as a 500 (502
# here, naming it); the project's graphs sent as named-graph-uri override FROM NAMED.
REMOTE_STATUS: dict[str, int | str] = {"function": 502, "from-named": 200}


@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize("case", [c[0] for c in QUERIES])
def test_sparql_query_never_calls_out(
    client: TestClient, remote_endpoint: str | None, listener: Listener, how: str, case: str
) -> None:
    query, status = next((q, s) for name, q, s in QUERIES if name == case)
    if remote_endpoint is not None:
        status = REMOTE_STATUS.get(case, status)
    response = send(client, how, hostile(query, listener))
    assert_silent(listener)
    if status == "empty":
        assert_empty(response)
    elif status == 200:
        # FROM is taken as a graph name, never fetched. (The embedded store answers from the
        # union of its graphs as if there were no FROM: pyoxigraph's union default overrides it.)
        assert response.status_code == 200, response.text
    else:
        assert response.status_code == status, response.text
        errors = {"QueryRefused", "UpdateRefused", "InvalidQuery", "RemoteError"}
        assert response.json()["error"] in errors


UPDATE = "LOAD <{L}/x.ttl>"


@pytest.mark.parametrize("how", ["get", "form", "url-of-form", "body"])
def test_sparql_update_load_is_refused(client: TestClient, listener: Listener, how: str) -> None:
    update = hostile(UPDATE, listener)
    if how == "get":
        response = client.get("/sparql", params={"update": update})
    elif how == "form":
        response = client.post("/sparql", data={"update": update})
    elif how == "url-of-form":
        response = client.post("/sparql", params={"update": update}, data={"query": "ASK {}"})
    else:
        response = client.post(
            "/sparql",
            content=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
    assert_silent(listener)
    assert response.status_code == 403
    assert response.json()["error"] == "UpdateRefused"


# (id, parameters, a query over the graphs they name)
TOKEN = "no-outbound-test-token"
# Updates a holder of the write token may send: any that would fetch is refused, USING names.
UPDATES = [
    ("load", "LOAD <{L}/x.ttl>", 400),
    ("load-silent-into", "LOAD SILENT <{L}/x.ttl> INTO GRAPH <urn:x:g>", 400),
    ("load-escaped", r"\u004COAD <{L}/x.ttl>", 400),
    ("load-after-insert", "INSERT DATA { <urn:x:s> <urn:x:p> 1 } ; LOAD <{L}/x.ttl>", 400),
    ("service", "INSERT { ?s ?p ?o } WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } }", 400),
    ("using", "INSERT { <urn:x:s> <urn:x:p> ?o } USING <{L}/g> WHERE { ?s ?p ?o }", 204),
]


@pytest.fixture(scope="module")
def writer(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app with writes enabled, over a private on-disk store."""
    root = tmp_path_factory.mktemp("no-outbound-writes")
    shutil.copytree(dist, root / "dist")
    settings = Settings(
        dist_dir=root / "dist",
        store_dir=root / "store",
        write_token=SecretStr(TOKEN),
        query_workers=2,
        sparql_timeout_s=10,
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("how", ["form", "body"])
@pytest.mark.parametrize(
    ("update", "status"), [c[1:] for c in UPDATES], ids=[c[0] for c in UPDATES]
)
def test_authorised_update_never_calls_out(
    writer: TestClient, listener: Listener, how: str, update: str, status: int
) -> None:
    """Even with the write token, LOAD and SERVICE are refused before anything runs."""
    text = hostile(update, listener)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    if how == "form":
        response = writer.post("/sparql", data={"update": text}, headers=auth)
    else:
        headers = {**auth, "Content-Type": "application/sparql-update"}
        response = writer.post("/sparql", content=text.encode(), headers=headers)
    assert_silent(listener)
    assert response.status_code == status, response.text
    if status == 400:  # InvalidQuery for the escaped keyword, which pyoxigraph does not decode
        assert response.json()["error"] in {"QueryRefused", "InvalidQuery"}


GRAPH_PARAMETERS = [
    ("default", {"default-graph-uri": "{L}/g"}, "SELECT * WHERE { ?s ?p ?o } LIMIT 5"),
    ("named", {"named-graph-uri": "{L}/g"}, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"),
    (
        "both",
        {"default-graph-uri": "{L}/g", "named-graph-uri": "{L}/h"},
        "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT 5",
    ),
]


@pytest.mark.parametrize("how", ["get", "form", "body"])
@pytest.mark.parametrize(
    ("params", "query"), [c[1:] for c in GRAPH_PARAMETERS], ids=[c[0] for c in GRAPH_PARAMETERS]
)
def test_graph_uri_parameters_are_never_fetched(
    client: TestClient, listener: Listener, how: str, params: dict[str, str], query: str
) -> None:
    values = {name: hostile(value, listener) for name, value in params.items()}
    response = send(client, how, query, **values)
    assert_silent(listener)
    assert_empty(response)


@pytest.mark.parametrize(
    ("query", "status"),
    [(SERVICE, 400), (UPDATE, 403), ("SELECT * FROM <{L}/g> WHERE { ?s ?p ?o }", 200)],
    ids=["service", "load", "from"],
)
def test_query_page_never_calls_out(
    client: TestClient, listener: Listener, query: str, status: int
) -> None:
    response = client.get("/query", params={"query": hostile(query, listener)})
    assert_silent(listener)
    assert response.status_code == status


# --- the API and the pages -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/ask?q={Q}",
        "/api/ask?q=What+is+{Q}%3F&lang=en",
        "/api/bodies?q={Q}",
        "/api/bodies/{Q}",
        "/id/{P}",
        "/id/agency/{Q}",
        "/graph/{Q}",
        "/def/{Q}",
        "/?q={Q}",
        "/bodies?q={Q}",
    ],
)
def test_api_and_pages_never_call_out(client: TestClient, listener: Listener, path: str) -> None:
    """A URL in a question, a search or a path is text or a name, never fetched."""
    url = listener.url("/x.ttl")
    response = client.get(path.replace("{Q}", quote(url, safe="")).replace("{P}", url))
    assert_silent(listener)
    assert response.status_code in {200, 400, 404, 422}, response.text


def test_ask_by_post_never_calls_out(client: TestClient, listener: Listener) -> None:
    text = f"Who took part in {listener.url('/meeting')}? SERVICE <{listener.url('/s')}> {{}}"
    response = client.post("/api/ask", json={"q": text})
    assert_silent(listener)
    assert response.status_code == 200
    origin = listener.url("")
    assert not any(str(a.get("iri")).startswith(origin) for a in response.json()["answers"])


# --- a remote SPARQL server that answers with hostile XML or JSON-LD ----------------------------

SRX_BODY = (
    '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="a"/></head>'
    '<results><result><binding name="a"><literal>{V}</literal></binding></result></results>'
    "</sparql>"
)
RDF_BODY = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:e="http://example.org/"><rdf:Description rdf:about="http://example.org/s">'
    "<e:p>{V}</e:p></rdf:Description></rdf:RDF>"
)
# (id, DOCTYPE, the literal's text, whether the parser refuses it)
DOCTYPES = [
    ("external-entity", '<!DOCTYPE {R} [<!ENTITY x SYSTEM "{L}/xxe">]>', "&x;", True),
    ("parameter-entity", '<!DOCTYPE {R} [<!ENTITY % p SYSTEM "{L}/dtd"> %p;]>', "v", None),
    ("external-dtd", '<!DOCTYPE {R} SYSTEM "{L}/dtd">', "v", False),
    ("public-dtd", '<!DOCTYPE {R} PUBLIC "-//kg//x//EN" "{L}/dtd">', "v", False),
]
GRAPHS = [f"{BASE}graph/x"]


def xml(body: str, doctype: str, root: str, value: str, listener: Listener) -> bytes:
    text = '<?xml version="1.0"?>' + doctype.replace("{R}", root) + body.replace("{V}", value)
    return hostile(text, listener).encode()


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    try:
        yield server
    finally:
        server.close()


@pytest.mark.parametrize(
    ("doctype", "value", "refused"), [c[1:] for c in DOCTYPES], ids=[c[0] for c in DOCTYPES]
)
def test_remote_xml_results_are_never_expanded(
    stub: Stub, listener: Listener, doctype: str, value: str, refused: bool | None
) -> None:
    stub.media_type, stub.body = SRX_XML, xml(SRX_BODY, doctype, "sparql", value, listener)
    store = RemoteStore(stub.url, graphs=GRAPHS, timeout_s=5)
    try:
        rows = store.select("SELECT ?a WHERE { ?a ?b ?c }")
    except RemoteError as exc:
        assert refused is not False, exc
        assert "unreadable" in str(exc)
    else:
        assert refused is not True
        assert [str(row["a"].value) for row in rows] == ["v"]
    assert_silent(listener)
    assert stub.requests  # the stub is the only server asked: the listener saw nothing


def test_remote_xml_results_pass_through_unexpanded(stub: Stub, listener: Listener) -> None:
    """Asked for XML and answered in XML, the server's bytes are passed on as they are: the
    entity reaches the client as written, never resolved here."""
    stub.media_type = SRX_XML
    stub.body = xml(SRX_BODY, DOCTYPES[0][1], "sparql", "&x;", listener)
    store = RemoteStore(stub.url, graphs=GRAPHS, timeout_s=5)
    serialised = store.serialise("SELECT ?a WHERE { ?a ?b ?c }", results_format=SRX_XML)
    assert_silent(listener)
    assert serialised.body == stub.body


@pytest.mark.parametrize(
    ("doctype", "value", "refused"), [c[1:] for c in DOCTYPES], ids=[c[0] for c in DOCTYPES]
)
def test_remote_rdf_xml_graph_is_never_expanded(
    stub: Stub, listener: Listener, doctype: str, value: str, refused: bool | None
) -> None:
    stub.media_type, stub.body = RDF_XML, xml(RDF_BODY, doctype, "rdf:RDF", value, listener)
    store = RemoteStore(stub.url, graphs=GRAPHS, timeout_s=5)
    try:
        triples = store.construct("CONSTRUCT WHERE { ?s ?p ?o }")
    except RemoteError as exc:
        assert refused is not False, exc
        assert "unreadable" in str(exc)
    else:
        assert refused is not True
        assert [str(t.object.value) for t in triples] == ["v"]
    assert_silent(listener)


def test_remote_json_ld_context_is_never_fetched(stub: Stub, listener: Listener) -> None:
    stub.media_type = "application/ld+json"
    document = {"@context": listener.url("/ctx.jsonld"), "@id": "http://example.org/s", "p": "v"}
    stub.body = json.dumps(document).encode()
    store = RemoteStore(stub.url, graphs=GRAPHS, timeout_s=5)
    with pytest.raises(RemoteError, match="unreadable"):
        store.construct("CONSTRUCT WHERE { ?s ?p ?o }")
    assert_silent(listener)


@pytest.mark.parametrize(
    ("accept", "graphs", "status"),
    [(SRX, False, 502), (SRX_XML, False, 502), (SRX, True, 502), (SRX_XML, True, 200)],
    ids=["json", "xml", "json-graphs-given", "xml-graphs-given"],
)
def test_service_over_hostile_remote_never_calls_out(
    stub: Stub, listener: Listener, tmp_path: Path, accept: str, graphs: bool, status: int
) -> None:
    """kg serve --endpoint: the project's graphs are looked up first (that answer is hostile
    too) unless the client names the graphs; XML asked for and sent is passed on as written."""
    stub.media_type = SRX_XML
    stub.body = xml(SRX_BODY, DOCTYPES[0][1], "sparql", "&x;", listener)
    settings = Settings(dist_dir=tmp_path, sparql_endpoint=stub.url, sparql_timeout_s=5)
    params = {"query": "SELECT ?a WHERE { ?a ?b ?c }"}
    if graphs:
        params |= {"default-graph-uri": GRAPHS[0], "named-graph-uri": GRAPHS[0]}
    with TestClient(create_app(settings)) as app:
        response = app.get("/sparql", params=params, headers={"Accept": accept})
    assert_silent(listener)
    assert response.status_code == status, response.text
    if status == 502:
        assert response.json()["error"] == "RemoteError"
    else:
        assert response.content == stub.body


# --- kg build, kg validate, kg query ---------------------------------------------------------

TURTLE = """\
@base <{L}/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .

<onto> a owl:Ontology ;
    owl:imports <{L}/imported.ttl> , <imported-relative.ttl> ;
    rdfs:seeAlso <{L}/see-also.ttl> ;
    rdfs:isDefinedBy <{L}/defined-by.ttl> ;
    sh:shapesGraph <{L}/shapes.ttl> ;
.
"""
JSON_LD = '{"@context": "{L}/ctx.jsonld", "@id": "{L}/s", "name": "v"}'
RDF_XML_FILE = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{L}/dtd" [<!ENTITY x SYSTEM "{L}/xxe">]>\n'
    + RDF_BODY.replace("{V}", "&x;")
)
SHAPES = """\
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .

<{L}/more-shapes> a owl:Ontology ; owl:imports <{L}/imported-shapes.ttl> .
<{L}/data> sh:shapesGraph <{L}/shapes-graph.ttl> .
"""


@pytest.fixture
def sources(tmp_path: Path, listener: Listener) -> dict[str, Path]:
    """Copies of ontology/ and shapes/ plus hostile files, and a data/ of hostile files."""
    ontology, shapes, data = tmp_path / "ontology", tmp_path / "shapes", tmp_path / "data"
    shutil.copytree(ROOT / "ontology", ontology)
    shutil.copytree(ROOT / "shapes", shapes)
    data.mkdir()
    (ontology / "remote-imports.ttl").write_text(hostile(TURTLE, listener))
    (shapes / "remote-shapes.ttl").write_text(hostile(SHAPES, listener))
    (data / "remote-iris.ttl").write_text(hostile(TURTLE, listener))
    (data / "remote-context.jsonld").write_text(hostile(JSON_LD, listener))
    (data / "external-entity.rdf").write_text(hostile(RDF_XML_FILE, listener))
    (data / "external-entity.xml").write_text(hostile(RDF_XML_FILE, listener))
    return {"ontology": ontology, "shapes": shapes, "data": data, "out": tmp_path / "dist"}


def test_build_never_calls_out(sources: dict[str, Path], listener: Listener) -> None:
    """kg build reads Turtle only: JSON-LD and RDF/XML files are skipped unread, and the IRIs,
    @base, owl:imports and sh:shapesGraph of the Turtle are data, never dereferenced."""
    code = main(
        [
            "build",
            *("--ontology-dir", str(sources["ontology"])),
            *("--shapes-dir", str(sources["shapes"])),
            *("--data-dir", str(sources["data"])),
            *("--out", str(sources["out"])),
        ]
    )
    assert_silent(listener)
    assert code == 0
    quads = (sources["out"] / "dataset.nq").read_text()
    assert f"<{BASE}graph/remote-iris>" in quads
    assert f"<{listener.url('/imported.ttl')}>" in quads  # kept as an IRI, not followed
    assert "graph/remote-context>" not in quads and "graph/external-entity>" not in quads


@pytest.mark.parametrize("target", ["data", "remote-iris.ttl"])
def test_validate_never_calls_out(
    sources: dict[str, Path], listener: Listener, target: str
) -> None:
    """kg validate (pySHACL) follows neither owl:imports nor sh:shapesGraph, in data or shapes."""
    path = sources["data"] if target == "data" else sources["data"] / target
    code = main(
        [
            "validate",
            str(path),
            *("--ontology-dir", str(sources["ontology"])),
            *("--shapes-dir", str(sources["shapes"])),
        ]
    )
    assert_silent(listener)
    assert code == 0


SPARQL_SHAPE = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:shape> a sh:NodeShape ;
    sh:targetNode <urn:x:node> ;
    sh:sparql [ sh:message "m" ; sh:select "SELECT $this {Q}" ] ;
.
"""


@pytest.mark.parametrize(
    ("pattern", "runs"),
    [
        ("WHERE { SERVICE <{L}/sparql> { ?s ?p ?o } }", False),
        ("FROM <{L}/g> WHERE { ?s ?p ?o }", True),
    ],
    ids=["service", "from"],
)
def test_sparql_shapes_never_call_out(listener: Listener, pattern: str, runs: bool) -> None:
    """pySHACL runs SPARQL-based constraints with rdflib, which would send SERVICE requests:
    pySHACL refuses SERVICE in a constraint, and a graph IRI is only a name."""
    shapes = Graph().parse(data=hostile(SPARQL_SHAPE.replace("{Q}", pattern), listener))
    data = Graph().parse(data="<urn:x:node> <urn:x:p> 1 .", format="turtle")
    if runs:
        validate(data, shapes)  # rdflib reads FROM as a name here: it has no dataset to pick
    else:
        with pytest.raises(ValidationError, match="SERVICE"):
            validate(data, shapes)
    assert_silent(listener)


@pytest.mark.parametrize("name", ["remote-context.jsonld", "external-entity.rdf"])
def test_validate_refuses_other_formats(
    sources: dict[str, Path], listener: Listener, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(sources["data"] / name), "--shapes-dir", str(sources["shapes"])])
    assert_silent(listener)
    assert code == 2
    assert "not a Turtle file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("query", "code"),
    [(SERVICE, 2), (UPDATE, 2), ("SELECT * WHERE { GRAPH <{L}/g> { ?s ?p ?o } }", 1)],
    ids=["service", "load", "graph"],
)
def test_kg_query_never_calls_out(
    dist: Path, listener: Listener, query: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", hostile(query, listener), "--dist", str(dist)]) == code
    assert_silent(listener)
    if code == 2:
        assert "kg: error:" in capsys.readouterr().err
