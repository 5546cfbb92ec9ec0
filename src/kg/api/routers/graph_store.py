"""``/graph-store``: the SPARQL 1.1 Graph Store HTTP Protocol, ``?graph=IRI`` (indirect).

GET answers any client with the graph. PUT (replace), POST (merge) and DELETE exist only when
writes are enabled (``KG_WRITE_TOKEN``) and carry ``Authorization: Bearer …``; each is one
SPARQL update, so it lands whole or not at all. The body is parsed here first (Turtle,
N-Triples, RDF/XML; pyoxigraph, which never fetches anything), so a broken body is a 400 that
names the line, and nothing is written. The default graph is the union of the named graphs, so
writes name a graph.
"""

from __future__ import annotations

from typing import Final

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from kg.api.auth import check_write_access
from kg.api.deps import SettingsDep, StoreDep
from kg.api.negotiation import RDF_FORMATS, negotiate
from kg.api.responses import graph_response
from kg.api.routers.sparql import apply_update, read_body
from kg.errors import InvalidQuery, NotFound, UnsupportedMediaType

router = APIRouter(tags=["graph store"])

PATH: Final = "/graph-store"
# Bodies a write may carry: formats pyoxigraph reads without any network access.
WRITABLE: Final = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# For /openapi.json, which cannot see parameters and bodies read from the request.
GRAPH_PARAMETER: Final = {
    "name": "graph",
    "in": "query",
    "required": True,
    "description": "IRI of the named graph",
    "schema": {"type": "string", "format": "uri"},
}
READ_DOC: Final = {"parameters": [GRAPH_PARAMETER]}
WRITE_DOC: Final = {
    "parameters": [GRAPH_PARAMETER],
    "requestBody": {
        "content": {media_type: {"schema": {"type": "string"}} for media_type in WRITABLE}
    },
}
GRAPH_EXISTS: Final = "ASK { GRAPH ?graph { ?s ?p ?o } }"
GRAPH_TRIPLES: Final = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"


def _graph(request: Request) -> ox.NamedNode:
    """The graph named by ``?graph=``: one absolute IRI.

    Raises:
        InvalidQuery: no ``graph`` (or ``default``, which is not writable here), several, or
            not an absolute IRI.
    """
    values = request.query_params.getlist("graph")
    if "default" in request.query_params and not values:
        raise InvalidQuery(
            "the default graph is the union of the named graphs here: name a graph (?graph=IRI)"
        )
    if len(values) != 1:
        raise InvalidQuery("give exactly one graph=IRI parameter")
    try:
        node = ox.NamedNode(values[0])
    except ValueError as exc:
        raise InvalidQuery(f"graph must be an absolute IRI, not {values[0]!r}: {exc}") from exc
    return node


async def _triples(request: Request, limit: int, graph: ox.NamedNode) -> list[ox.Triple]:
    """The RDF of the request body, parsed completely before anything is written."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    rdf = WRITABLE.get(media_type)
    if rdf is None:
        raise UnsupportedMediaType(
            f"send the graph as one of {', '.join(WRITABLE)}, "
            f"not {media_type or 'a body without Content-Type'}"
        )
    body = await read_body(request, limit)
    try:
        quads = list(ox.parse(body, format=rdf, base_iri=graph.value))
    except SyntaxError as exc:
        raise InvalidQuery(f"the {media_type} body does not parse: {exc}") from exc
    return [quad.triple for quad in quads]


def _insert(graph: ox.NamedNode, triples: list[ox.Triple]) -> str:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return f"INSERT DATA {{ GRAPH {graph} {{\n{body.decode('utf-8')}}} }}"


@router.get(
    PATH,
    openapi_extra=READ_DOC,
    response_class=Response,
    summary="A named graph (Graph Store Protocol)",
)
async def get_graph(request: Request, store: StoreDep) -> Response:
    """The triples of ``?graph=IRI`` in the format ``Accept`` asks for (Turtle by default)."""
    graph = _graph(request)
    fmt = negotiate(request.headers.get("accept"), [], RDF_FORMATS, what="a graph")
    if not await run_in_threadpool(store.ask, GRAPH_EXISTS, graph=graph):
        raise NotFound(f"no graph {graph.value} in the store")
    triples = await run_in_threadpool(store.construct, GRAPH_TRIPLES, graph=graph)
    return graph_response(triples, fmt)


@router.put(
    PATH,
    openapi_extra=WRITE_DOC,
    status_code=204,
    responses={201: {"description": "the graph was created"}},
    summary="Replace a named graph (needs the write token)",
)
async def put_graph(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Replace ``?graph=IRI`` with the body: 201 when the graph is new, 204 otherwise."""
    check_write_access(request.headers.get("authorization"), settings)
    graph = _graph(request)
    triples = await _triples(request, settings.max_upload_bytes, graph)
    existed = await run_in_threadpool(store.ask, GRAPH_EXISTS, graph=graph)
    await apply_update(store, settings, f"DROP SILENT GRAPH {graph} ;\n{_insert(graph, triples)}")
    return Response(status_code=204 if existed else 201)


@router.post(
    PATH,
    openapi_extra=WRITE_DOC,
    status_code=204,
    summary="Add to a named graph (needs the write token)",
)
async def post_graph(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Merge the body into ``?graph=IRI``."""
    check_write_access(request.headers.get("authorization"), settings)
    graph = _graph(request)
    triples = await _triples(request, settings.max_upload_bytes, graph)
    await apply_update(store, settings, _insert(graph, triples))
    return Response(status_code=204)


@router.delete(
    PATH,
    openapi_extra=READ_DOC,
    status_code=204,
    summary="Delete a named graph (needs the write token)",
)
async def delete_graph(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Remove ``?graph=IRI``; 404 when there is no such graph."""
    check_write_access(request.headers.get("authorization"), settings)
    graph = _graph(request)
    if not await run_in_threadpool(store.ask, GRAPH_EXISTS, graph=graph):
        raise NotFound(f"no graph {graph.value} in the store")
    await apply_update(store, settings, f"DROP GRAPH {graph}")
    return Response(status_code=204)
