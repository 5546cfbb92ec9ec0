"""Responses shared by the routers: serialised graphs and results with their Content-Type."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from fastapi import Response

from kg.api.negotiation import Format
from kg.namespaces import PREFIXES
from kg.store.base import Serialised

# Responses chosen by Accept must not be cached for other Accept values.
VARY = {"Vary": "Accept"}


def content_type(media_type: str) -> str:
    """Content-Type for a media type: every format written here is UTF-8 text."""
    return f"{media_type.partition(';')[0].strip()}; charset=utf-8"


def serialised_response(serialised: Serialised) -> Response:
    """A query result serialised by the store."""
    return Response(serialised.body, media_type=content_type(serialised.media_type), headers=VARY)


def graph_response(
    triples: Iterable[ox.Triple], fmt: Format, *, prefixes: Mapping[str, str] | None = None
) -> Response:
    """Serialise triples with pyoxigraph in ``fmt`` (an RDF format) with the project prefixes
    and ``prefixes``."""
    rdf = ox.RdfFormat.from_media_type(fmt.media_type)
    assert rdf is not None  # RDF_FORMATS lists only formats pyoxigraph writes
    body = ox.serialize(triples, format=rdf, prefixes={**PREFIXES, **(prefixes or {})})
    return Response(body, media_type=fmt.content_type, headers=VARY)
