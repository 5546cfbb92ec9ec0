"""Schemathesis against /openapi.json: generated requests to every operation, no 5xx.

The app runs in-process over the real built graph (the ``dist`` and ``store`` fixtures).
Schemathesis generates valid and invalid requests (both generation modes, and its coverage
phase: boundary values, missing parameters, undocumented methods) for each documented
operation; ``test_request_count`` checks that the run sent at least ``MIN_REQUESTS`` of them.
Hypothesis is derandomized and has no example database, so every run sends the same requests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Final

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from kg.api.main import create_app
from kg.config import Settings
from kg.store import MemoryStore

MIN_REQUESTS: Final = 1000
# Per operation and generation mode. 20 operations, of which 9 have no parameters and so only a
# few distinct requests each; 100 gives about 1,900 requests in about 20 s.
MAX_EXAMPLES: Final = 100
TOKEN: Final = "schemathesis-token"

statuses: Counter[int] = Counter()  # of every generated request sent


def body_conformance(
    ctx: CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """response_schema_conformance, except for 422.

    FastAPI documents every 422 as its HTTPValidationError (``detail``: a list of errors), but
    the app answers ``{"error", "detail": "<text>"}`` like every other error, on purpose
    (kg.api.errors.validation_error_handler: FastAPI's answer repeats the input).
    """
    if response.status_code == 422:
        return None
    return response_schema_conformance(ctx, response, case)


def success_status_conformance(
    ctx: CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """status_code_conformance for 2xx and 3xx answers only.

    The routers document their successes, but not every 4xx they give on purpose: 404 for an
    unknown name (/id, /graph, /dist, /sources, /api/bodies/{key}), 400, 404, 409 or 415 at
    /graph-store, FastAPI's 400 for a JSON body that does not parse. 5xx is checked apart.
    """
    if response.status_code >= 400:
        return None
    return status_code_conformance(ctx, response, case)


# Left out: positive_data_acceptance (the schema types a query or an IRI as any string, so a
# schema-valid request may rightly be a 400 or a 404); allow_header_conformance (Starlette
# answers a 405 with the methods of one route only, e.g. ``Allow: GET`` at /graph-store,
# whose PUT, POST and DELETE are other routes); the stateful and authorisation checks (the
# schema has no links and no security schemes).
CHECKS: Final = [
    not_a_server_error,
    success_status_conformance,
    content_type_conformance,
    response_headers_conformance,
    body_conformance,
    negative_data_rejection,
    missing_required_header,
    unsupported_method,
]

# Plain-text bodies (SPARQL, N-Triples) that schemathesis would otherwise not send at all.
schemathesis.serializer.alias(
    ["application/sparql-query", "application/sparql-update", "application/n-triples"],
    "text/plain",
)

# Read at import from the app's own /openapi.json (a TestClient outside ``with`` starts no
# lifespan, so no store is opened); the requests go to the ``app`` fixture. (Loading it from
# that fixture, schemathesis.pytest.from_fixture, fails on pytest 9: schemathesis 4.32 sets
# ``node._nodeid``, which pytest 9 no longer has.)
schema = schemathesis.openapi.from_dict(
    TestClient(create_app(Settings())).get("/openapi.json").raise_for_status().json()
)


@pytest.fixture(scope="module")
def app(dist: Path, store: MemoryStore) -> FastAPI:
    # Writes enabled and every request carrying the token, so that Graph Store and update
    # bodies are read and parsed; the store is not writable, so a write that passes every
    # check ends in 409 and the shared store is never changed.
    return create_app(Settings(dist_dir=dist, write_token=TOKEN), store=store)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors(case: schemathesis.Case, app: FastAPI) -> None:
    response = case.call(app=app, headers={"Authorization": f"Bearer {TOKEN}"})
    statuses[response.status_code] += 1
    assert response.status_code < 500, case.as_curl_command()
    case.validate_response(response, checks=CHECKS)


def test_request_count() -> None:
    """Runs after test_no_server_errors (file order), counting what every operation sent."""
    if not statuses:
        pytest.skip("test_no_server_errors did not run")
    total = statuses.total()
    assert total >= MIN_REQUESTS, f"{total} requests, fewer than {MIN_REQUESTS}: {statuses}"
    assert not any(status >= 500 for status in statuses), statuses
