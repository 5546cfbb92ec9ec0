"""Rendering pages: the Jinja2 environment (autoescaped), the page language and its cookie."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from kg import __version__
from kg.api.negotiation import Format
from kg.web.i18n import COOKIE, LANGS, NATIVE, choose_language, translator
from kg.web.templating import environment

HTML: Final = Format(
    "HTML",
    "text/html",
    "http://www.w3.org/ns/formats/HTML",  # not in the W3C registry; never sent anywhere
    ("html", "htm"),
    ("application/xhtml+xml",),
)
COOKIE_MAX_AGE_S: Final = 365 * 24 * 3600
# Pages depend on the language chosen by cookie or Accept-Language as well as on Accept.
VARY: Final = "Accept, Accept-Language, Cookie"


def page_language(request: Request) -> tuple[str, bool]:
    """The language of the page for ``request``, and whether ``?lang=`` chose it."""
    return choose_language(
        request.query_params.get("lang"), request.cookies, request.headers.get("accept-language")
    )


def url_with(request: Request, **changes: str | None) -> str:
    """The path of ``request`` with query parameters changed (None removes one)."""
    params: dict[str, str] = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: v for k, v in changes.items() if v is not None})
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` in the page language; ``?lang=`` is remembered in a cookie."""
    lang, chosen = page_language(request)
    switch = [(code, NATIVE[code], url_with(request, lang=code)) for code in LANGS]
    body = (
        environment()
        .get_template(template)
        .render(
            t=translator(lang),
            lang=lang,
            switch=switch,
            path=request.url.path,
            version=__version__,
            **context,
        )
    )
    response = HTMLResponse(
        body, status_code=status_code, headers={"Vary": VARY, **(headers or {})}
    )
    if chosen:
        response.set_cookie(COOKIE, lang, max_age=COOKIE_MAX_AGE_S, samesite="lax", httponly=True)
    return response


def wants_html(request: Request) -> bool:
    """Whether the client prefers HTML to JSON (a browser), for error pages."""
    accept = request.headers.get("accept", "")
    if request.query_params.get("format") in HTML.names:
        return True
    return "text/html" in accept or "application/xhtml+xml" in accept
