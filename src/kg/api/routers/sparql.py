"""``/sparql``: a SPARQL 1.1 Protocol endpoint (read-only by default) and its description.

Queries come by GET ``?query=``, by POST form (``query=``) or by POST
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` set the dataset.
SERVICE is refused (400) before anything runs. Updates (POST ``update=`` or
``application/sparql-update``) are refused (403) unless writes are enabled, and then need the
bearer token (``kg.api.auth``); LOAD is refused (400). GET without a query answers with the
service description.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from kg.api.auth import READ_ONLY, check_write_access
from kg.api.deps import SettingsDep, StoreDep
from kg.api.negotiation import RDF_FORMATS, RESULTS_FORMATS, Format, negotiate
from kg.api.responses import graph_response, serialised_response
from kg.config import Settings
from kg.errors import (
    InvalidQuery,
    NotAcceptable,
    QueryTooLarge,
    UnsupportedMediaType,
    UpdateRefused,
    WritesUnavailable,
)
from kg.service import DESCRIPTION_PREFIXES, describe_service
from kg.sparql import QueryForm, check_read_query, check_update
from kg.store.base import Store
from kg.store.cache import forget

router = APIRouter(tags=["sparql"])

FORM: Final = "application/x-www-form-urlencoded"
SPARQL_QUERY: Final = "application/sparql-query"
SPARQL_UPDATE: Final = "application/sparql-update"
ALLOW: Final = "GET, HEAD, POST, OPTIONS"
# Parameters that may come without a query and still ask for the service description.
DESCRIPTION_PARAMETERS: Final = frozenset({"format"})


@dataclass(frozen=True)
class ProtocolRequest:
    """The parameters of a SPARQL protocol request, wherever they came from."""

    query: str
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    formats: list[str]


def _limits(settings: Settings) -> str:
    return (
        f"Read-only; SPARQL 1.1 Query only, no SERVICE. A query may be at most "
        f"{settings.max_query_bytes} bytes (413 beyond), run at most "
        f"{settings.sparql_timeout_s:g} s (503 beyond) and return at most "
        f"{settings.max_result_bytes} bytes (400 beyond)."
    )


def _one_query(values: Sequence[str]) -> str:
    if not values:
        raise InvalidQuery("missing the query parameter: send query=<SPARQL text>")
    if len(values) > 1:
        raise InvalidQuery("send exactly one query parameter")
    return values[0]


def _protocol_request(query: str, params: Mapping[str, Sequence[str]]) -> ProtocolRequest:
    return ProtocolRequest(
        query=query,
        default_graphs=list(params.get("default-graph-uri", [])) or None,
        named_graphs=list(params.get("named-graph-uri", [])) or None,
        formats=list(params.get("format", [])),
    )


def _choose(form: QueryForm, accept: str | None, formats: list[str]) -> tuple[Format, Format]:
    """The formats for SELECT/ASK results and for graphs; 406 if the query's own is impossible."""
    if form in {QueryForm.SELECT, QueryForm.ASK}:
        results = negotiate(accept, formats, RESULTS_FORMATS, what=f"{form} results")
        return results, RDF_FORMATS[0]
    if form in {QueryForm.CONSTRUCT, QueryForm.DESCRIBE}:
        graph = negotiate(accept, formats, RDF_FORMATS, what=f"a {form} graph")
        return RESULTS_FORMATS[0], graph
    # UNKNOWN: the engine will report the syntax error; pick what can be picked.
    chosen = []
    for candidates, what in ((RESULTS_FORMATS, "results"), (RDF_FORMATS, "a graph")):
        try:
            chosen.append(negotiate(accept, formats, candidates, what=what))
        except NotAcceptable:
            chosen.append(candidates[0])
    return chosen[0], chosen[1]


async def _answer(
    request: Request, store: Store, settings: Settings, sparql: ProtocolRequest
) -> Response:
    shape = check_read_query(sparql.query, max_bytes=settings.max_query_bytes)
    results, graph = _choose(shape.form, request.headers.get("accept"), sparql.formats)
    serialised = await run_in_threadpool(
        store.serialise,
        sparql.query,
        results_format=results.media_type,
        graph_format=graph.media_type,
        default_graph=sparql.default_graphs,
        named_graphs=sparql.named_graphs,
    )
    return serialised_response(serialised)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused once it passes ``limit`` bytes (before reading it all)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise QueryTooLarge(f"the request body is {declared} bytes; the limit is {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise QueryTooLarge(f"the request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidQuery(f"the request body is not UTF-8: {exc}") from exc


ERRORS: Final[dict[int | str, dict[str, object]]] = {
    200: {
        "description": "SELECT/ASK results or a CONSTRUCT/DESCRIBE graph, by Accept or format=",
        "content": {f.media_type: {} for f in (*RESULTS_FORMATS, *RDF_FORMATS)},
    },
    400: {"description": "malformed or missing query, non-IRI graph, SERVICE, result too large"},
    401: {"description": "an update without a bearer token, writes being enabled"},
    403: {"description": "an update: the endpoint is read-only, or the token is wrong"},
    406: {"description": "no acceptable format; the message lists those available"},
    413: {"description": "query longer than the limit"},
    503: {"description": "query stopped at the time limit, or every worker busy"},
}


def _parameter(name: str, description: str, *, many: bool = False) -> dict[str, object]:
    schema: dict[str, object] = {"type": "string"}
    if many:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "description": description, "schema": schema}


GRAPH_PARAMETERS: Final = [
    _parameter("default-graph-uri", "IRI of a graph to use as default graph", many=True),
    _parameter("named-graph-uri", "IRI of a graph to make available to GRAPH", many=True),
    _parameter("format", "json, xml, csv, tsv; turtle, nt, rdfxml, jsonld, trig, nq"),
]


@router.get(
    "/sparql",
    response_class=Response,
    responses=ERRORS,
    openapi_extra={"parameters": [_parameter("query", "the SPARQL 1.1 query"), *GRAPH_PARAMETERS]},
)
@router.head("/sparql", include_in_schema=False)
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Run ``query`` (SPARQL 1.1 Protocol, query via GET); without parameters, describe the
    service (SPARQL 1.1 Service Description, Turtle by default)."""
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    if "update" in params:
        raise UpdateRefused(READ_ONLY)
    if "query" not in params and set(params) <= DESCRIPTION_PARAMETERS:
        fmt = negotiate(
            request.headers.get("accept"),
            params.get("format", []),
            RDF_FORMATS,
            what="the service description",
        )
        endpoint = str(request.url.replace(query="", fragment=""))
        triples = await run_in_threadpool(
            describe_service,
            store,
            endpoint,
            result_formats=[f.iri for f in (*RESULTS_FORMATS, *RDF_FORMATS)],
            limits=_limits(settings),
        )
        return graph_response(triples, fmt, prefixes=DESCRIPTION_PREFIXES)
    sparql = _protocol_request(_one_query(params.get("query", [])), params)
    return await _answer(request, store, settings, sparql)


@router.post(
    "/sparql",
    response_class=Response,
    responses={**ERRORS, 415: {"description": "unsupported request body type"}},
    openapi_extra={
        "parameters": GRAPH_PARAMETERS,
        "requestBody": {
            "content": {
                FORM: {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}},
                        "required": ["query"],
                    }
                },
                SPARQL_QUERY: {"schema": {"type": "string"}},
                SPARQL_UPDATE: {"schema": {"type": "string"}},
            }
        },
    },
)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Run a query sent as a form (``query=``) or as an ``application/sparql-query`` body.
    Updates, by form (``update=``) or as ``application/sparql-update``, need writes enabled
    and the bearer token (403 otherwise, 401 without a token); 204 when one landed."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    url_params = {key: request.query_params.getlist(key) for key in request.query_params}
    if "update" in url_params:  # SPARQL 1.1 Protocol: an update comes in the body only
        raise UpdateRefused("send an update in the body (update=… or sparql-update), not the URL")
    # Form encoding can triple a text; leave room for the other parameters too.
    limit = 3 * settings.max_query_bytes + 65_536
    if media_type == SPARQL_UPDATE:
        check_write_access(request.headers.get("authorization"), settings)
        body = await read_body(request, settings.max_query_bytes)
        return await _update(store, settings, _text(body))
    if media_type == SPARQL_QUERY:
        body = await read_body(request, settings.max_query_bytes)
        sparql = _protocol_request(_text(body), url_params)
    elif media_type == FORM:
        body = await read_body(request, limit)
        form = parse_qs(_text(body), keep_blank_values=True)
        if "update" in form:
            check_write_access(request.headers.get("authorization"), settings)
            return await _update(store, settings, _one_update(form["update"]))
        keys = {*url_params, *form}
        params = {key: [*url_params.get(key, []), *form.get(key, [])] for key in keys}
        sparql = _protocol_request(_one_query(form.get("query", [])), params)
    else:
        raise UnsupportedMediaType(
            f"send the query as {FORM} (query=…) or as {SPARQL_QUERY}, "
            f"not {media_type or 'a body without Content-Type'}"
        )
    return await _answer(request, store, settings, sparql)


def _one_update(values: Sequence[str]) -> str:
    if len(values) != 1 or not values[0].strip():
        raise InvalidQuery("give exactly one non-empty update= parameter")
    return values[0]


async def _update(store: Store, settings: Settings, text: str) -> Response:
    """Apply an authorised SPARQL update in one transaction; 204 when it landed."""
    check_update(text, max_bytes=settings.max_query_bytes)
    await apply_update(store, settings, text)
    return Response(status_code=204)


async def apply_update(store: Store, settings: Settings, text: str) -> None:
    """Apply an authorised, checked update (also the Graph Store's writes)."""
    if not getattr(store, "writable", False):
        raise WritesUnavailable(
            "writes are enabled but this store cannot keep them: the service needs an on-disk "
            "store (kg serve --store-dir), and a remote server takes writes directly"
        )
    await run_in_threadpool(store.update, text)  # type: ignore[attr-defined]
    forget(store)  # labels and the question lexicon are read again


@router.options("/sparql", status_code=204, include_in_schema=False)
def sparql_options() -> Response:
    """The methods of /sparql (CORS preflight requests are answered by the middleware)."""
    return Response(status_code=204, headers={"Allow": ALLOW})
