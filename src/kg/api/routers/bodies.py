"""Bodies: organisations and groups with their labels, kinds, abbreviations and actions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from kg.api.deps import StoreDep
from kg.qa.bodies import body_profile, list_bodies
from kg.qa.models import BodyProfile, BodySummary

router = APIRouter(prefix="/api/bodies", tags=["bodies"])

Lang = Annotated[str, Query(pattern="^(ru|kk|en)$", description="Language of the labels.")]


@router.get("", response_model=list[BodySummary])
def bodies(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or abbreviation.")] = None,
    lang: Lang = "en",
) -> list[BodySummary]:
    """Every body; ``q`` keeps those it names (any inflected form or abbreviation)."""
    return list_bodies(store, q=q, lang=lang)


@router.get("/{key}", response_model=BodyProfile)
def body(
    store: StoreDep,
    key: Annotated[str, Path(max_length=200, pattern="^[a-z0-9-]+$")],
    lang: Lang = "en",
) -> BodyProfile:
    """A body's profile and every action the graph records for it; 404 for an unknown key."""
    return body_profile(store, key, lang=lang)
