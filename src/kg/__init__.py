"""kg: build, validate and query the Kazakhstan legal knowledge graph."""

__version__ = "0.1.0"

# Re-exported after __version__, which kg.void imports.
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
