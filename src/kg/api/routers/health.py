"""``GET /health``: the store answers, and how much it holds."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from kg.api.deps import SettingsDep, StoreDep
from kg.api.schemas import Health
from kg.service import dataset_size

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def health(store: StoreDep, settings: SettingsDep) -> Health:
    """200 with the triple count once a query has gone through the store; 503 otherwise."""
    size = await run_in_threadpool(dataset_size, store)
    return Health(
        triples=size.triples,
        quads=size.quads,
        graphs=size.graphs,
        query_workers=settings.query_workers,
        sparql_timeout_s=settings.sparql_timeout_s,
    )
