"""The Jinja2 environment of every page, the site's and kg review's (no web framework needed)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


@cache
def environment() -> jinja2.Environment:
    """The template environment; every value is HTML-escaped unless marked safe."""
    folder = resources.files("kg.web") / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
