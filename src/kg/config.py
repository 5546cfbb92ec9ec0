"""Settings read from the environment (prefix KG_) or a .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_query_workers() -> int:
    """Two more query workers than CPUs: long queries (which run at a lower priority) cannot
    hold every worker, so short ones keep being answered."""
    return (os.cpu_count() or 1) + 2


class Settings(BaseSettings):
    """Where the sources live and where builds go; paths are relative to the working directory."""

    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    ontology_dir: Path = Path("ontology")
    shapes_dir: Path = Path("shapes")
    dist_dir: Path = Path("dist")

    # The HTTP service (kg serve).
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # A query running longer is stopped (its worker process killed) and answered with 503.
    sparql_timeout_s: float = Field(default=10.0, gt=0)
    # Worker processes, each holding its own pyoxigraph store over dist/.
    query_workers: int = Field(default_factory=default_query_workers, ge=1)
    # An on-disk store (RocksDB) the workers share read-only instead of one in-memory copy each:
    # for graphs of millions of triples. Loaded from dist/dataset.nq when missing or stale.
    store_dir: Path | None = None
    # Writes (SPARQL Update, Graph Store PUT/POST/DELETE) exist only when this is set, and only
    # with "Authorization: Bearer <token>"; they need store_dir, where they are kept.
    write_token: SecretStr | None = None
    # Larger Graph Store bodies (PUT/POST /graph-store) are refused with 413.
    max_upload_bytes: int = Field(default=16_000_000, gt=0)
    # Longer query texts are refused with 413 before anything runs.
    max_query_bytes: int = Field(default=100_000, gt=0)
    # Larger serialised results are refused with 400 ("add a LIMIT").
    max_result_bytes: int = Field(default=64_000_000, gt=0)

    # A remote SPARQL 1.1 server to query instead of the embedded store (kg serve --endpoint);
    # each request to it is given sparql_timeout_s (504 beyond, 503 when it is down).
    sparql_endpoint: str | None = None
    # kg load: the Graph Store Protocol URL (derived from the endpoint when None) and the
    # digest credentials it needs (Virtuoso: dba; Oxigraph: none).
    sparql_graph_store: str | None = None
    sparql_user: str | None = None
    sparql_password: SecretStr | None = None


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read once."""
    return Settings()
