"""Who may write: the holder of ``KG_WRITE_TOKEN``, shown as ``Authorization: Bearer …``."""

from __future__ import annotations

import hmac
from typing import Final

from kg.config import Settings
from kg.errors import Unauthorized, UpdateRefused

READ_ONLY: Final = (
    "this SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, …) are refused"
)


def check_write_access(authorization: str | None, settings: Settings) -> None:
    """Let a write through only with the configured token.

    Raises:
        UpdateRefused: writes are disabled (no token configured), or the token is wrong (403).
        Unauthorized: writes are enabled but the request carries no bearer token (401).
    """
    if settings.write_token is None:
        raise UpdateRefused(READ_ONLY)
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("writing needs the header Authorization: Bearer <KG_WRITE_TOKEN>")
    expected = settings.write_token.get_secret_value().encode("utf-8")
    # Constant time: how much of a guess matches must not show in the time taken.
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected):
        raise UpdateRefused("the bearer token is not the write token")
