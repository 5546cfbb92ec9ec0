"""Dependencies of the routers: the store and settings opened once by the app lifespan."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from kg.config import Settings
from kg.store.base import Store


def get_store(request: Request) -> Store:
    """The store of the app, opened once in its lifespan."""
    return cast(Store, request.app.state.store)


def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return cast(Settings, request.app.state.settings)


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
