"""Linked data: every IRI under the base resolves here, as an HTML page or as RDF.

``{base}id/…`` is ``/id/…``; ``/def`` is the ontology, ``/graph/{name}`` a named graph, and
``/dataset`` the VoID description. ``Accept`` chooses between HTML and Turtle, JSON-LD,
N-Triples or RDF/XML; ``?format=html|ttl|jsonld|nt|rdf`` overrides it. RDF is the concise
description (see ``kg.web.describe``), serialised by pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, JSONResponse

from kg.api.deps import SettingsDep, StoreDep
from kg.api.errors import status_of
from kg.api.negotiation import JSON_LD, N_TRIPLES, RDF_XML, TURTLE, Format, negotiate
from kg.api.responses import VARY as VARY_ACCEPT
from kg.errors import KgError, NotFound
from kg.namespaces import BASE, PREFIXES
from kg.qa.bodies import body_profile, list_bodies
from kg.qa.models import BodyAction
from kg.store.base import Store
from kg.web import describe
from kg.web.i18n import translator
from kg.web.labels import labels_of, local_href
from kg.web.render import HTML, VARY, page_language, render, wants_html

router = APIRouter(tags=["linked data"])

RESOURCE_FORMATS: Final[tuple[Format, ...]] = (HTML, TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
# The short name of each RDF format in ?format= links.
SHORT_NAMES: Final[dict[str, str]] = {
    TURTLE.media_type: "ttl",
    JSON_LD.media_type: "jsonld",
    N_TRIPLES.media_type: "nt",
    RDF_XML.media_type: "rdf",
}
# The stored source texts ({base}sources/{file}) that may be served from data/sources/.
SOURCE_TYPES: Final = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".tsv": "text/tab-separated-values",
}

# Prefixes for written RDF: not id: or graph:, whose local names would need escaped slashes.
RDF_PREFIXES: Final = {k: v for k, v in PREFIXES.items() if k not in {"id", "graph"}}


def graph_response(triples: list[ox.Triple], fmt: Format) -> Response:
    """Serialise ``triples`` with pyoxigraph in the RDF format ``fmt``."""
    rdf = ox.RdfFormat.from_media_type(fmt.media_type)
    assert rdf is not None  # RESOURCE_FORMATS lists only formats pyoxigraph writes, and HTML
    body = ox.serialize(triples, format=rdf, prefixes=RDF_PREFIXES)
    return Response(body, media_type=fmt.content_type, headers=VARY_ACCEPT)


def alternates(path: str) -> list[tuple[str, str, str]]:
    """(label, media type, link) of each RDF representation of the resource at ``path``."""
    return [
        (fmt.label, fmt.media_type, f"{path}?format={SHORT_NAMES[fmt.media_type]}")
        for fmt in RESOURCE_FORMATS
        if fmt is not HTML
    ]


def link_header(path: str, iri: str) -> str:
    """The ``Link`` header: the IRI itself and every alternate representation."""
    links = [f'<{iri}>; rel="canonical"']
    links += [f'<{href}>; rel="alternate"; type="{media}"' for _, media, href in alternates(path)]
    links.append(f'<{path}?format=html>; rel="alternate"; type="text/html"')
    return ", ".join(links)


def error_response(request: Request, exc: KgError) -> Response:
    """An error as an HTML page for browsers, else as the service's JSON problem."""
    status = status_of(exc)
    if wants_html(request):
        t = translator(page_language(request)[0])
        title = t("not_found_title") if status == 404 else t("bad_request_title")
        text = t("not_found_text") if status == 404 else ""
        context = {"title": title, "text": text, "detail": str(exc)}
        return render(request, "error.html", context, status_code=status)
    return JSONResponse(
        {"error": type(exc).__name__, "detail": str(exc)},
        status_code=status,
        headers={"Vary": VARY},
    )


def _actions(store: Store, iri: str, lang: str) -> list[BodyAction]:
    """The actions of a body (as /api/bodies/{key} gives them); none for other resources."""
    if not iri.startswith(BASE + "id/") or iri not in {b.iri for b in list_bodies(store)}:
        return []
    profile = body_profile(store, iri.rstrip("/").rsplit("/", 1)[-1], lang=lang)
    return profile.actions if profile.iri == iri else []


def _link(iri: str) -> str:
    return local_href(iri) or iri


def serve_resource(
    request: Request,
    store: Store,
    path: str,
    *,
    rdf: Callable[[str], list[ox.Triple]] | None = None,
) -> Response:
    """Answer for the resource ``{base}{path}``: its page, or its RDF (``rdf(iri)`` if given,
    else its concise description)."""
    try:
        fmt = negotiate(
            request.headers.get("accept"),
            request.query_params.getlist("format"),
            RESOURCE_FORMATS,
            what="a resource",
        )
        iri = describe.iri_of(path)
        here = "/" + path
        headers = {"Link": link_header(here, iri), "Vary": VARY}
        if fmt is not HTML:
            triples = (rdf or (lambda found: describe.description(store, found)))(iri)
            if not triples:
                raise NotFound(f"the graph holds nothing about <{iri}>")
            response = graph_response(triples, fmt)
            response.headers.update(headers)
            return response
        lang = page_language(request)[0]
        page = describe.resource_page(store, iri, lang)
        labels = labels_of(store)
        context = {
            "page": page,
            "actions": _actions(store, iri, lang),
            "alternates": alternates(here),
            "link": _link,
            "label": lambda found: labels.label(found, lang),
        }
        return render(request, "resource.html", context, headers=headers)
    except KgError as exc:
        return error_response(request, exc)


@router.get("/id/{path:path}", response_class=Response, summary="A resource of the graph")
@router.head("/id/{path:path}", include_in_schema=False)
def resource(path: str, request: Request, store: StoreDep) -> Response:
    """``{base}id/{path}``: its HTML page or its concise description in RDF."""
    return serve_resource(request, store, "id/" + path)


@router.get("/def", response_class=Response, summary="The ontology")
@router.head("/def", include_in_schema=False)
def ontology(request: Request, store: StoreDep) -> Response:
    """The kzl: ontology: a page listing its terms, or the whole ontology graph in RDF."""
    return serve_resource(request, store, "def", rdf=lambda _: describe.ontology(store))


@router.get("/def/{path:path}", response_class=Response, summary="A version of the ontology")
@router.head("/def/{path:path}", include_in_schema=False)
def ontology_version(path: str, request: Request, store: StoreDep) -> Response:
    """``{base}def/{path}`` (the version IRI), as any resource."""
    return serve_resource(request, store, "def/" + path)


@router.get("/graph/{name}", response_class=Response, summary="A named graph")
@router.head("/graph/{name}", include_in_schema=False)
def named_graph(name: str, request: Request, store: StoreDep) -> Response:
    """The named graph ``{base}graph/{name}``: a page of its subjects, or all its triples."""
    try:
        fmt = negotiate(
            request.headers.get("accept"),
            request.query_params.getlist("format"),
            RESOURCE_FORMATS,
            what="a named graph",
        )
        iri = describe.iri_of("graph/" + name)
        here = "/graph/" + name
        headers = {"Link": link_header(here, iri), "Vary": VARY}
        if fmt is not HTML:
            response = graph_response(describe.graph_triples(store, name), fmt)
            response.headers.update(headers)
            return response
        page = describe.graph_page(store, name, page_language(request)[0])
        context = {"page": page, "alternates": alternates(here)}
        return render(request, "graph.html", context, headers=headers)
    except KgError as exc:
        return error_response(request, exc)


@router.get("/dataset", response_class=Response, summary="The dataset (VoID)")
@router.head("/dataset", include_in_schema=False)
def dataset(request: Request, store: StoreDep) -> Response:
    """The VoID/DCAT description of the dataset, as a page or in RDF."""
    return serve_resource(request, store, "dataset")


@router.get("/dataset/{path:path}", response_class=Response, summary="A distribution")
@router.head("/dataset/{path:path}", include_in_schema=False)
def distribution(path: str, request: Request, store: StoreDep) -> Response:
    """A distribution of the dataset, as the VoID description gives it."""
    return serve_resource(request, store, "dataset/" + path)


@router.get("/sources/{name}", response_class=Response, summary="A stored source text")
@router.head("/sources/{name}", include_in_schema=False)
def source_text(name: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The stored text of a source (``data/sources/{name}``) where this server has it, else
    what the graph says about it."""
    try:
        describe.iri_of("sources/" + name)  # only safe names reach the file system
    except KgError as exc:
        return error_response(request, exc)
    suffix = "." + name.rpartition(".")[2]
    folder = settings.data_dir / "sources"
    path = folder / name
    if suffix in SOURCE_TYPES and path.is_file() and path.parent == folder:
        return FileResponse(path, media_type=f"{SOURCE_TYPES[suffix]}; charset=utf-8")
    return serve_resource(request, store, "sources/" + name)
