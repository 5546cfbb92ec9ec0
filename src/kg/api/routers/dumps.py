"""The files ``kg build`` writes, under ``/dist/{file}``, and the dataset's VoID description."""

from __future__ import annotations

from typing import Final

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from kg.api.deps import SettingsDep
from kg.api.negotiation import RDF_FORMATS, TURTLE, negotiate
from kg.api.responses import VARY, content_type, graph_response
from kg.errors import NotFound
from kg.void import MEDIA_TYPES

# Only these names are served: a path never reaches the file system unchecked.
DUMPS: Final[dict[str, str]] = {**MEDIA_TYPES, "void.ttl": "text/turtle"}

router = APIRouter(tags=["dumps"])


@router.get("/dist/{name}", response_class=FileResponse)
@router.head("/dist/{name}", response_class=FileResponse, include_in_schema=False)
def dump(name: str, settings: SettingsDep) -> FileResponse:
    """One dump of the dataset (TriG, N-Quads, Turtle of the union, JSON-LD) or ``void.ttl``."""
    if name not in DUMPS:
        raise NotFound(f"no dump named {name!r}; the dumps are {', '.join(DUMPS)}")
    path = settings.dist_dir / name
    if not path.is_file():
        raise NotFound(f"{name} has not been built: run kg build")
    return FileResponse(path, media_type=content_type(DUMPS[name]))


@router.get("/.well-known/void", response_class=Response)
@router.head("/.well-known/void", include_in_schema=False)
def void(request: Request, settings: SettingsDep) -> Response:
    """The VoID/DCAT description of the dataset (RFC 5785 well-known location); Turtle by
    default, or any RDF format by ``Accept`` or ``format=``."""
    fmt = negotiate(
        request.headers.get("accept"),
        request.query_params.getlist("format"),
        RDF_FORMATS,
        what="the dataset description",
    )
    path = settings.dist_dir / "void.ttl"
    if not path.is_file():
        raise NotFound("void.ttl has not been built: run kg build")
    if fmt is TURTLE:
        return Response(path.read_bytes(), media_type=fmt.content_type, headers=VARY)
    triples = [quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]
    return graph_response(triples, fmt)
