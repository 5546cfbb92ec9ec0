"""Content negotiation: the formats the service writes, chosen by ``format=`` or ``Accept``.

SELECT and ASK results are written in the SPARQL 1.1 results formats (JSON by default), graphs
(CONSTRUCT, DESCRIBE, the service and dataset descriptions) in RDF formats (Turtle by default).
Like the Wikidata Query Service, a ``format`` parameter (a short name or a media type) overrides
``Accept``; ``Accept`` is read with its q-values, and a more specific range wins over ``*/*``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from kg.errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    """One serialisation the service writes."""

    label: str
    media_type: str  # the canonical IANA media type, sent as Content-Type (with charset)
    iri: str  # its IRI in the W3C format registry, http://www.w3.org/ns/formats/
    names: tuple[str, ...]  # short names accepted in format=
    aliases: tuple[str, ...] = ()  # other media types that Accept or format= may name

    @property
    def content_type(self) -> str:
        """The Content-Type header: every format served here is UTF-8 text."""
        return f"{self.media_type}; charset=utf-8"

    def media_types(self) -> tuple[str, ...]:
        """The canonical media type and its aliases."""
        return (self.media_type, *self.aliases)


_W3C: Final = "http://www.w3.org/ns/formats/"

SPARQL_JSON: Final = Format(
    "SPARQL JSON",
    "application/sparql-results+json",
    _W3C + "SPARQL_Results_JSON",
    ("json", "srj"),
    ("application/json",),
)
SPARQL_XML: Final = Format(
    "SPARQL XML",
    "application/sparql-results+xml",
    _W3C + "SPARQL_Results_XML",
    ("xml", "srx"),
    ("application/xml", "text/xml"),
)
SPARQL_CSV: Final = Format("CSV", "text/csv", _W3C + "SPARQL_Results_CSV", ("csv",))
SPARQL_TSV: Final = Format(
    "TSV", "text/tab-separated-values", _W3C + "SPARQL_Results_TSV", ("tsv",)
)
TURTLE: Final = Format(
    "Turtle",
    "text/turtle",
    _W3C + "Turtle",
    ("turtle", "ttl", "n3"),  # Turtle is valid N3, so SPARQLWrapper's "n3" is served Turtle
    ("application/x-turtle", "application/turtle"),
)
N_TRIPLES: Final = Format(
    "N-Triples",
    "application/n-triples",
    _W3C + "N-Triples",
    ("nt", "ntriples", "n-triples"),
    ("text/plain",),
)
RDF_XML: Final = Format(
    "RDF/XML",
    "application/rdf+xml",
    _W3C + "RDF_XML",
    ("rdfxml", "rdf+xml", "rdf", "xml"),
    ("application/xml", "text/xml"),
)
JSON_LD: Final = Format(
    "JSON-LD",
    "application/ld+json",
    _W3C + "JSON-LD",
    ("jsonld", "json-ld", "json"),
    ("application/json",),
)
TRIG: Final = Format("TriG", "application/trig", _W3C + "TriG", ("trig",))
N_QUADS: Final = Format(
    "N-Quads", "application/n-quads", _W3C + "N-Quads", ("nq", "nquads", "n-quads")
)

# In order of preference: the first is the default.
RESULTS_FORMATS: Final[tuple[Format, ...]] = (SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)
RDF_FORMATS: Final[tuple[Format, ...]] = (TURTLE, N_TRIPLES, RDF_XML, JSON_LD, TRIG, N_QUADS)


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int:
        """How closely this range names ``media_type``: 2 exactly, 1 by type/*, 0 by */*, -1 not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an Accept header; entries that are not ``type/subtype`` are skipped."""
    ranges: list[MediaRange] = []
    for entry in header.split(","):
        media, *params = (part.strip() for part in entry.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def _quality(fmt: Format, ranges: Sequence[MediaRange]) -> float:
    """The q-value the client gives ``fmt``: that of the most specific range naming it."""
    best_specificity, best_q = -1, 0.0
    for media_type in fmt.media_types():
        for media_range in ranges:
            specificity = media_range.specificity(media_type)
            if specificity > best_specificity or (
                specificity == best_specificity and media_range.q > best_q
            ):
                best_specificity, best_q = specificity, media_range.q
    return best_q if best_specificity >= 0 else 0.0


def _by_name(value: str, formats: Iterable[Format]) -> Format | None:
    key = value.strip().lower().partition(";")[0].strip()
    for fmt in formats:
        if key in fmt.names or key in fmt.media_types():
            return fmt
    return None


def describe_formats(formats: Sequence[Format]) -> str:
    """List formats for an error message: ``text/turtle (turtle), …``."""
    return ", ".join(f"{fmt.media_type} (format={fmt.names[0]})" for fmt in formats)


def negotiate(
    accept: str | None, format_values: Sequence[str], formats: Sequence[Format], *, what: str
) -> Format:
    """Choose the format for a response of kind ``what`` ("SELECT results", "a graph", …).

    A ``format`` value that names one of ``formats`` wins; values naming no format known to
    the service at all are ignored (SPARQLWrapper sends several). Otherwise the Accept header
    decides, ties going to the service's order; no header means the first format.

    Raises:
        NotAcceptable: ``format`` names only formats for other results, or nothing acceptable
            can be written; the message lists what can.
    """
    if format_values:
        for value in format_values:
            chosen = _by_name(value, formats)
            if chosen is not None:
                return chosen
        known = (*RESULTS_FORMATS, *RDF_FORMATS)
        if any(_by_name(value, known) is not None for value in format_values):
            raise NotAcceptable(
                f"format={format_values[0]} cannot represent {what}; "
                f"available: {describe_formats(formats)}"
            )
    if accept is None or not accept.strip():
        return formats[0]
    ranges = parse_accept(accept)
    if not ranges:
        return formats[0]
    scored = [(_quality(fmt, ranges), -index, fmt) for index, fmt in enumerate(formats)]
    q, _, best = max(scored, key=lambda item: (item[0], item[1]))
    if q <= 0:
        raise NotAcceptable(
            # The header is repeated only in part: one of 100 kB made a 100 kB message.
            f"no acceptable format for {what} (Accept: {accept[:200]}"
            f"{'…' if len(accept) > 200 else ''}); "
            f"available: {describe_formats(formats)}"
        )
    return best
