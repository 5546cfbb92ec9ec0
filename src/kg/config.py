"""Settings read from the environment (prefix KG_) or a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the sources live and where builds go; paths are relative to the working directory."""

    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    ontology_dir: Path = Path("ontology")
    shapes_dir: Path = Path("shapes")
    dist_dir: Path = Path("dist")


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read once."""
    return Settings()
