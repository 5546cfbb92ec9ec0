"""The KgError hierarchy: every failure a user can cause or fix is one of these."""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class; messages are safe to show users and name the file, IRI or query involved."""


class NotFound(KgError):
    """A file, directory, resource or built dataset that was asked for does not exist."""


class InvalidQuery(KgError):
    """A SPARQL query does not parse or cannot be run."""


class SourceError(KgError):
    """An input file cannot be read or parsed; names the file and, when known, the line."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


class BuildError(KgError):
    """The dataset cannot be assembled or written (duplicate graph names, unwritable output)."""


class ValidationError(KgError):
    """SHACL validation could not run at all (as opposed to data that does not conform)."""


class QueryRefused(InvalidQuery):
    """A query that parses but may not run here, e.g. one that would call a remote SERVICE."""


class UpdateRefused(KgError):
    """A SPARQL update (INSERT, DELETE, LOAD, …) sent to the read-only endpoint."""


class QueryTooLarge(KgError):
    """A query text longer than the configured limit (``KG_MAX_QUERY_BYTES``)."""


class ResultTooLarge(KgError):
    """A serialised result larger than the configured limit (``KG_MAX_RESULT_BYTES``)."""


class QueryTimeout(KgError):
    """A query ran past the time limit (``KG_SPARQL_TIMEOUT_S``) and was stopped."""


class StoreUnavailable(KgError):
    """No query worker could take the query (all busy, or one died while running it)."""


class NotAcceptable(KgError):
    """None of the formats the client accepts can represent the result; names those that can."""


class UnsupportedMediaType(KgError):
    """A request body in a media type the endpoint does not read."""


class RemoteUnavailable(StoreUnavailable):
    """The remote SPARQL server (``KG_SPARQL_ENDPOINT``) refused the connection or is down."""


class RemoteTimeout(QueryTimeout):
    """The remote SPARQL server did not answer within ``KG_SPARQL_TIMEOUT_S``."""


class RemoteError(KgError):
    """The remote SPARQL server failed (a 5xx) or answered with something unreadable."""


class LoadError(KgError):
    """``kg load`` could not push a graph to the remote server (HTTP error, refused, …)."""


class Unauthorized(KgError):
    """A write without ``Authorization: Bearer …`` while writes are enabled (401)."""


class WritesUnavailable(KgError):
    """Writes are enabled but this store cannot keep them (in memory, or a remote server)."""
