"""The app factory: ``create_app(settings)`` opens the store once and mounts the routers."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

from fastapi import APIRouter, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg import __version__
from kg.api.errors import http_error_handler, kg_error_handler, validation_error_handler
from kg.api.routers import dumps, graph_store, health, sparql
from kg.config import Settings, get_settings
from kg.errors import KgError
from kg.store import open_store
from kg.store.base import Store

# Routers written elsewhere, each a module kg.api.routers.<name> exposing ``router``. They are
# included when their module exists, so they can be added without editing this file; a module
# that exists but fails to import is an error, not silently skipped.
OPTIONAL_ROUTERS: Final = ("questions", "bodies", "resources", "pages")


def optional_routers() -> list[APIRouter]:
    """The routers of ``OPTIONAL_ROUTERS`` whose modules are present."""
    routers = []
    for name in OPTIONAL_ROUTERS:
        module_name = f"kg.api.routers.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the module exists but imports something missing
            continue
        routers.append(module.router)
    return routers


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the service.

    The lifespan opens the store (worker processes over ``settings.dist_dir``) and closes it at
    shutdown. A ``store`` given here is used instead and left open (tests pass a MemoryStore).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = store if store is not None else open_store(settings)
        try:
            yield
        finally:
            if store is None:
                app.state.store.close()

    app = FastAPI(
        title="kz-legal-kg",
        summary="Kazakhstan legal knowledge graph: SPARQL 1.1 endpoint, dumps and questions.",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    for module in (health, sparql, graph_store, dumps):
        app.include_router(module.router)
    # questions, bodies (written alongside), resources and pages (later): see OPTIONAL_ROUTERS.
    for router in optional_routers():
        app.include_router(router)
    app.add_exception_handler(KgError, kg_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    # Open to any origin (SPARQL clients in browsers); writes still need the bearer token.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        max_age=86400,
    )
    return app
