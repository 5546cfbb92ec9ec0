"""The review page of a draft: its text with each proposed fact's sentence marked, then the facts.

The page is one self-contained file (the site's stylesheet inlined, no scripts, no requests), so
a curator can open it from disk; ``templates/draft.html`` lays it out like the site's pages.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from importlib import resources
from typing import Final

from rdflib import URIRef

from kg import __version__
from kg.ingest.review import HEADINGS, KINDS, Draft, ProposedFact
from kg.namespaces import BASE, SCHEMA
from kg.web.strings import STRINGS
from kg.web.templating import environment

SITE_TITLE: Final = STRINGS["site_title"][0]


@dataclass(frozen=True)
class Segment:
    """A run of the text covered by the same facts (none, one, or several overlapping)."""

    text: str
    facts: tuple[ProposedFact, ...]
    starts: tuple[str, ...]  # ids of the facts whose sentence begins here (link targets)

    @property
    def kind(self) -> str:
        """The kind that colours the mark: the first fact's, in draft order."""
        return self.facts[0].kind

    @property
    def title(self) -> str:
        """The labels of the facts, one a line, for the mark's tooltip."""
        return "\n".join(f"{fact.id}: {fact.label}" for fact in self.facts)


def segments(draft: Draft) -> list[Segment]:
    """Cut the text at every fact's start and end; runs covered by the same facts are merged,
    so overlapping facts on one sentence give one mark listing all of them."""
    text = draft.text
    cuts = sorted({0, len(text)} | {f.start for f in draft.facts} | {f.end for f in draft.facts})
    runs: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        covering = tuple(f for f in draft.facts if f.start <= a < f.end)
        starts = tuple(f.id for f in covering if f.start == a)
        if runs and runs[-1].facts == covering and not starts:
            runs[-1] = Segment(runs[-1].text + text[a:b], covering, runs[-1].starts)
        else:
            runs.append(Segment(text[a:b], covering, starts))
    return runs


def short_iri(iri: str) -> str:
    """An IRI under the project's base without the base (``id/agency/mvd``), others unchanged."""
    return iri.removeprefix(BASE)


def _stylesheet() -> str:
    """The site's stylesheet, inlined so the page needs nothing beside it."""
    return (resources.files("kg.web") / "static" / "style.css").read_text(encoding="utf-8")


def text_language(draft: Draft) -> str | None:
    """The language the source node states (``schema:inLanguage``), for the text's lang."""
    stated = draft.dataset.quads((URIRef(draft.source), SCHEMA.inLanguage, None, None))
    return next((str(quad[2]) for quad in stated), None)


def render_page(draft: Draft) -> str:
    """The review page of ``draft`` as one HTML document."""
    groups = [(kind, HEADINGS[kind], [f for f in draft.facts if f.kind == kind]) for kind in KINDS]
    return (
        environment()
        .get_template("draft.html")
        .render(
            site_title=SITE_TITLE,
            version=__version__,
            stylesheet=_stylesheet(),
            source=draft.source,
            name=short_iri(draft.source).rpartition("/")[2],
            segments=segments(draft),
            groups=groups,
            count=len(draft.facts),
            short_iri=short_iri,
            lang=text_language(draft),
        )
    )
