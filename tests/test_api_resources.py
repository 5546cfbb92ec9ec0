"""Linked data: /id/…, /def, /graph/…, /dataset as HTML pages and as RDF, over the real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.api.main import create_app
from kg.config import Settings
from kg.store import MemoryStore, Store
from kg.web.describe import PATH

BASE = "https://w3id.org/kz-legal-kg/"
ID = Namespace(BASE + "id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOID = Namespace("http://rdfs.org/ns/void#")
KZL = Namespace(BASE + "def#")
ASYLOV = ID["person/asylov"]
MEETING = "meeting/coordination-council/reported-2025-11-29"
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
ZAKON_URL = (
    "https://www.zakon.kz/sobytiia/"
    "6499392-genprokuratura-otchitalas-o-rezultatakh-borby-s-narkoprestupnostyu-v-kazakhstane.html"
)


@pytest.fixture(scope="module")
def client(dist: Path, backend_store: Store) -> Iterator[TestClient]:
    # Once per backend: the embedded store, and the real SPARQL servers (see conftest.py).
    with TestClient(create_app(Settings(dist_dir=dist), store=backend_store)) as client:
        yield client


def parse(body: bytes, media_type: str) -> Graph:
    return Graph().parse(data=body, format=RDF_TYPES[media_type])


def test_browser_gets_html(client: TestClient) -> None:
    response = client.get("/id/person/asylov", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Berik Asylov</h1>" in response.text
    # Incoming links resolve to the activity, with the role of the qualified association.
    assert f'href="/id/{MEETING}"' in response.text
    assert "(Chair)" in response.text


@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_rdf_by_accept(client: TestClient, media_type: str) -> None:
    response = client.get("/id/person/asylov", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert "Accept" in response.headers["vary"]
    graph = parse(response.content, media_type)
    assert (ASYLOV, RDFS.label, Literal("Berik Asylov", lang="en")) in graph
    assert (ASYLOV, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")) in graph
    assert {s for s in graph.subjects() if isinstance(s, URIRef)} <= {
        ASYLOV,
        *graph.objects(ASYLOV, None),
    }


@pytest.mark.parametrize(
    ("short", "media_type"),
    [
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
    ],
)
def test_format_overrides_accept(client: TestClient, short: str, media_type: str) -> None:
    response = client.get(
        f"/id/{MEETING}", params={"format": short}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    meeting = ID[MEETING]
    graph = parse(response.content, media_type)
    # The blank-node closure: the qualified association of the chair, and the role's label.
    chair = ID["concept/role/chair"]
    associations = list(graph.objects(meeting, PROV.qualifiedAssociation))
    assert all(isinstance(node, BNode) for node in associations)
    assert any(
        (node, PROV.agent, ASYLOV) in graph and (node, PROV.hadRole, chair) in graph
        for node in associations
    )
    assert (chair, RDFS.label, Literal("Chair", lang="en")) in graph
    assert (ASYLOV, RDFS.label, Literal("Berik Asylov", lang="en")) in graph


def test_description_holds_every_statement_of_the_resource(
    client: TestClient, store: MemoryStore
) -> None:
    gpo = str(ID["agency/gpo"])
    response = client.get("/id/agency/gpo", params={"format": "nt"})
    graph = parse(response.content, "application/n-triples")
    stated = {
        (quad.predicate.value, quad.object.value)
        for quad in store.describe(gpo)
        if quad.subject.value == gpo and not isinstance(quad.object, ox.BlankNode)
    }
    found = {(str(p), str(o)) for p, o in graph.predicate_objects(URIRef(gpo))}
    assert stated and stated <= found


def test_link_and_vary_headers(client: TestClient) -> None:
    response = client.get("/id/agency/gpo", headers={"Accept": "text/html"})
    link = response.headers["link"]
    assert f'<{BASE}id/agency/gpo>; rel="canonical"' in link
    for media_type, short in [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "rdf"),
    ]:
        assert f'</id/agency/gpo?format={short}>; rel="alternate"; type="{media_type}"' in link
    assert "Accept" in response.headers["vary"]
    assert 'rel="alternate" type="text/turtle"' in response.text


def test_head(client: TestClient) -> None:
    response = client.head("/id/agency/gpo", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")


def test_evidence_on_a_fact_page(client: TestClient) -> None:
    page = client.get(f"/id/{MEETING}", headers={"Accept": "text/html"}).text
    assert "под председательством Берика Асылова состоялось заседание" in page
    assert f'href="{ZAKON_URL}"' in page
    assert page.index("<blockquote>") < page.index('id="statements"')  # quotes come first


def test_labels_follow_lang(client: TestClient) -> None:
    en = client.get("/id/agency/gpo", params={"lang": "en"}, headers={"Accept": "text/html"})
    kk = client.get("/id/agency/gpo", params={"lang": "kk"}, headers={"Accept": "text/html"})
    ru = client.get("/id/agency/gpo", params={"lang": "ru"}, headers={"Accept": "text/html"})
    assert "<h1>General Prosecutor&#39;s Office of the Republic of Kazakhstan</h1>" in en.text
    assert "<h1>Қазақстан Республикасының Бас прокуратурасы</h1>" in kk.text
    assert "<h1>Генеральная прокуратура Республики Казахстан</h1>" in ru.text
    assert '<html lang="kk">' in kk.text
    assert kk.cookies.get("kg_lang") == "kk"


def test_language_from_accept_language(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get(
        "/id/agency/gpo",
        headers={"Accept": "text/html", "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"},
    )
    assert "<h1>Генеральная прокуратура Республики Казахстан</h1>" in page.text


def test_body_page_lists_actions(client: TestClient) -> None:
    page = client.get("/id/agency/gpo", params={"lang": "en"}, headers={"Accept": "text/html"})
    assert 'id="actions"' in page.text
    assert "/id/activity/" in page.text


@pytest.mark.parametrize("accept", ["application/json", "text/turtle"])
def test_unknown_iri_is_404_json(client: TestClient, accept: str) -> None:
    response = client.get("/id/agency/no-such-body", headers={"Accept": accept})
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"


def test_unknown_iri_is_404_page_for_browsers(client: TestClient) -> None:
    response = client.get(
        "/id/agency/no-such-body", params={"lang": "ru"}, headers={"Accept": "text/html"}
    )
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Не найдено" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/id/agency/..%2F..%2Fpyproject.toml",
        "/id/Agency/GPO",
        "/id/agency//gpo",
        "/id/agency/gpo%00",
        "/id/",
        "/graph/%2e%2e",
        "/sources/..%2Fpyproject.toml",
        "/sources/.env",
        "/id/agency/gpo.",
        "/def/%2e%2e",
    ],
)
def test_traversal_and_bad_paths_are_refused(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code in {400, 404}
    assert "[project]" not in response.text and "root:" not in response.text


def test_every_iri_of_the_graph_has_a_valid_path(store: MemoryStore) -> None:
    iris = {
        term.value
        for quad in store.engine
        for term in (quad.subject, quad.object)
        if isinstance(term, ox.NamedNode) and term.value.startswith(BASE)
    }
    paths = {iri[len(BASE) :].partition("#")[0] for iri in iris}
    assert paths and all(PATH.fullmatch(path) for path in paths)


def test_ontology(client: TestClient) -> None:
    graph = parse(client.get("/def", params={"format": "ttl"}).content, "text/turtle")
    assert (URIRef(BASE + "def"), RDF.type, OWL.Ontology) in graph
    assert (KZL.Ratification, RDF.type, OWL.Class) in graph
    page = client.get("/def", headers={"Accept": "text/html"}).text
    assert 'id="Ratification"' in page  # /def#Ratification lands on the term


def test_named_graph(client: TestClient) -> None:
    graph = parse(
        client.get("/graph/names", params={"format": "nt"}).content, "application/n-triples"
    )
    assert (ASYLOV, RDFS.label, Literal("Berik Asylov", lang="en")) in graph
    page = client.get("/graph/names", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert 'href="/id/person/asylov"' in page.text
    assert client.get("/graph/no-such-graph", headers={"Accept": "text/turtle"}).status_code == 404


def test_dataset(client: TestClient) -> None:
    graph = parse(client.get("/dataset", headers={"Accept": "text/turtle"}).content, "text/turtle")
    assert (URIRef(BASE + "dataset"), RDF.type, VOID.Dataset) in graph
    page = client.get("/dataset", headers={"Accept": "text/html"})
    assert "Kazakhstan legal knowledge graph" in page.text


def test_unacceptable_format(client: TestClient) -> None:
    assert client.get("/id/agency/gpo", headers={"Accept": "image/png"}).status_code == 406
