"""The web pages: questions (``/``), the SPARQL page (``/query``) and the bodies (``/bodies``).

Everything is rendered on the server and works without JavaScript; the stylesheet is served
from the package (``/static/style.css``), so the pages need nothing from the internet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response

from kg.api.deps import SettingsDep, StoreDep
from kg.api.errors import status_of
from kg.errors import KgError, NotFound
from kg.qa import answer
from kg.qa.bodies import list_bodies
from kg.qa.models import Answer
from kg.sparql import QueryForm, check_read_query
from kg.store.base import RESULTS_JSON, TURTLE, Store
from kg.web.examples import default_query, example_queries, example_questions
from kg.web.labels import curie, labels_of, local_href
from kg.web.render import page_language, render

router = APIRouter(tags=["pages"], include_in_schema=False)

MAX_ROWS: Final = 500  # rows shown in the results table; the downloads have them all
STATIC: Final = {"style.css": "text/css; charset=utf-8"}
RESULT_DOWNLOADS: Final = (("JSON", "json"), ("CSV", "csv"), ("TSV", "tsv"), ("XML", "xml"))
GRAPH_DOWNLOADS: Final = (("Turtle", "ttl"), ("N-Triples", "nt"), ("JSON-LD", "jsonld"))

Text = Annotated[str | None, Query(max_length=100_000)]


def _link(iri: str) -> str:
    return local_href(iri) or iri


@router.get("/", response_class=Response)
def home(request: Request, store: StoreDep, q: Text = None) -> Response:
    """The home page: what the graph is, the question box, and the answer to ``q``."""
    lang = page_language(request)[0]
    question = (q or "").strip()
    result: Answer | None = None
    error: KgError | None = None
    if question:
        try:
            result = answer(question[:2000], store)  # the language of the question is detected
        except KgError as exc:
            error = exc
    labels = labels_of(store)
    examples = [
        (text, "/?" + urlencode({"q": text, "lang": lang})) for text in example_questions(lang)
    ]
    editor = (
        "/query?" + urlencode({"query": result.sparql, "lang": lang})
        if result and result.sparql
        else ""
    )
    context = {
        "question": question,
        "result": result,
        "examples": examples,
        "editor_url": editor,
        "link": _link,
        "label": lambda iri: labels.label(iri, lang),
        "error": str(error) if error else None,
    }
    return render(request, "home.html", context, status_code=status_of(error) if error else 200)


@dataclass
class Cell:
    """One cell of a results table."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None


@dataclass
class Outcome:
    """What a query gave, ready for the page."""

    kind: str  # select, ask or graph
    variables: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    total: int = 0
    truncated: bool = False
    boolean: bool = False
    text: str = ""


def _cell(binding: dict[str, Any]) -> Cell:
    kind, value = binding.get("type"), str(binding.get("value", ""))
    if kind == "uri":
        return Cell(curie(value), href=_link(value), iri=value)
    if kind == "bnode":
        return Cell("_:" + value)
    if kind == "triple":
        return Cell(json.dumps(value, ensure_ascii=False))
    datatype = binding.get("datatype")
    plain = datatype is None or str(datatype).endswith("#string")
    return Cell(
        value, lang=binding.get("xml:lang"), datatype=None if plain else curie(str(datatype))
    )


def run_query(store: Store, query: str, *, max_bytes: int) -> Outcome:
    """Run a read query through the store and shape its result for the page.

    Raises:
        KgError: the query is malformed, an update, uses SERVICE, too long, or failed.
    """
    shape = check_read_query(query, max_bytes=max_bytes)
    serialised = store.serialise(query, results_format=RESULTS_JSON, graph_format=TURTLE)
    if shape.form in {QueryForm.CONSTRUCT, QueryForm.DESCRIBE} or serialised.media_type.startswith(
        "text/turtle"
    ):
        return Outcome("graph", text=serialised.body.decode("utf-8"))
    data = json.loads(serialised.body)
    if "boolean" in data:
        return Outcome("ask", boolean=bool(data["boolean"]))
    variables = list(data["head"]["vars"])
    bindings = data["results"]["bindings"]
    rows = [
        [_cell(row[name]) if name in row else None for name in variables]
        for row in bindings[:MAX_ROWS]
    ]
    return Outcome(
        "select", variables, rows, total=len(bindings), truncated=len(bindings) > MAX_ROWS
    )


@router.get("/query", response_class=Response)
def query_page(
    request: Request, store: StoreDep, settings: SettingsDep, query: Text = None
) -> Response:
    """The SPARQL page: an editor, the results of ``query`` as a table, and the examples."""
    lang = page_language(request)[0]
    text = query if query and query.strip() else None
    outcome: Outcome | None = None
    error: dict[str, Any] | None = None
    status = 200
    if text is not None:
        try:
            outcome = run_query(store, text, max_bytes=settings.max_query_bytes)
        except KgError as exc:
            status = status_of(exc)
            error = {"status": status, "name": type(exc).__name__, "detail": str(exc)}
    formats = GRAPH_DOWNLOADS if outcome and outcome.kind == "graph" else RESULT_DOWNLOADS
    downloads = (
        [
            (name, "/sparql?" + urlencode({"query": text, "format": short}))
            for name, short in formats
        ]
        if text
        else []
    )
    examples = [
        (example, "/query?" + urlencode({"query": example.text, "lang": lang}))
        for example in example_queries()
    ]
    context = {
        "query": text if text is not None else default_query(),
        "outcome": outcome,
        "error": error,
        "downloads": downloads,
        "examples": examples,
    }
    return render(request, "query.html", context, status_code=status)


@router.get("/bodies", response_class=Response)
def bodies_page(request: Request, store: StoreDep) -> Response:
    """Every body, linking to its page."""
    lang = page_language(request)[0]
    context = {"bodies": list_bodies(store, lang=lang), "link": _link}
    return render(request, "bodies.html", context)


@router.get("/static/{name}", response_class=Response)
def static(name: str) -> Response:
    """The stylesheet; only the files listed in ``STATIC`` are served."""
    if name not in STATIC:
        raise NotFound(f"no static file named {name!r}")
    body = (resources.files("kg.web") / "static" / name).read_bytes()
    return Response(
        body, media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"}
    )
