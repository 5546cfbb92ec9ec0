"""kg: build, validate and query the Kazakhstan legal knowledge graph."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

__version__ = "0.1.0"

# What ``from kg import …`` offers, imported on first use: a query worker process imports only
# kg.store and should not pay for rdflib and pySHACL (about 40 MB and 0.3 s each).
_EXPORTS: Final[dict[str, str]] = {
    "BuildError": "kg.errors",
    "InvalidQuery": "kg.errors",
    "KgError": "kg.errors",
    "NotFound": "kg.errors",
    "SourceError": "kg.errors",
    "ValidationError": "kg.errors",
    "LoadedDataset": "kg.build",
    "load": "kg.build",
    "load_dataset": "kg.build",
    "graph_iri": "kg.iris",
    "mint": "kg.iris",
    "slugify": "kg.iris",
    "source_text_iri": "kg.iris",
    "ValidationOutcome": "kg.validate",
    "ValidationResult": "kg.validate",
    "validate": "kg.validate",
}

if TYPE_CHECKING:
    from kg.build import LoadedDataset, load, load_dataset
    from kg.errors import (
        BuildError,
        InvalidQuery,
        KgError,
        NotFound,
        SourceError,
        ValidationError,
    )
    from kg.iris import graph_iri, mint, slugify, source_text_iri
    from kg.validate import ValidationOutcome, ValidationResult, validate


def __getattr__(name: str) -> Any:
    """Import a re-exported name's module when the name is first asked for (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "BuildError",
    "InvalidQuery",
    "KgError",
    "LoadedDataset",
    "NotFound",
    "SourceError",
    "ValidationError",
    "ValidationOutcome",
    "ValidationResult",
    "__version__",
    "graph_iri",
    "load",
    "load_dataset",
    "mint",
    "slugify",
    "source_text_iri",
    "validate",
]
