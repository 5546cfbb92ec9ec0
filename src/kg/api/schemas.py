"""Response models of the JSON endpoints."""

from __future__ import annotations

from pydantic import BaseModel


class Health(BaseModel):
    """The service answers queries over a loaded dataset."""

    status: str = "ok"
    triples: int  # distinct triples of the default graph (the union of the named graphs)
    quads: int
    graphs: int
    query_workers: int
    sparql_timeout_s: float


class Problem(BaseModel):
    """Every error answer: the KgError class name and a message safe to show users."""

    error: str
    detail: str
