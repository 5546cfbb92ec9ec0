"""`kg ingest`: read a report file, propose its facts, write the draft beside its text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.atomic import write_files
from kg.errors import KgError, NotFound, SourceError
from kg.ingest.draft import Fact, to_dataset
from kg.ingest.propose import LANGUAGES, Report, propose
from kg.ingest.reference import Reference, load_reference
from kg.ingest.translit import slug, transliterate
from kg.iris import graph_iri, slugify


class IngestError(KgError):
    """A report cannot be ingested: bad arguments or an unreadable file."""


@dataclass(frozen=True)
class Ingested:
    """What an ingest wrote."""

    draft: Path
    text: Path
    facts: list[Fact]


def read_report(
    path: Path, *, url: str, publisher: str, published: str, lang: str, source: str | None = None
) -> Report:
    """Check the arguments and read the file into a Report.

    Raises:
        NotFound: the file does not exist.
        SourceError: the file is not UTF-8 text, or is empty.
        IngestError: an argument is malformed (the message names it).
    """
    if not path.is_file():
        raise NotFound(f"{path}: no such report file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise SourceError(path, None, "the report is empty")
    if lang not in LANGUAGES:
        raise IngestError(f"--lang: {lang!r} is not one of {', '.join(sorted(LANGUAGES))}")
    if not url.startswith(("http://", "https://")) or any(c in url for c in ' <>"{}|\\^`'):
        raise IngestError(f"--url: {url!r} is not an absolute http(s) URL")
    if not publisher.strip():
        raise IngestError("--publisher: empty")
    try:
        when = datetime.datetime.fromisoformat(published)
    except ValueError as exc:
        raise IngestError(f"--published: {published!r} is not an ISO 8601 date-time") from exc
    if when.tzinfo is None:
        raise IngestError(f"--published: {published!r} has no time zone offset (e.g. +05:00)")
    name = source or path.stem
    if not slugify(transliterate(name)):
        what = f"--source: {source!r}" if source else f"{path}: the file name"
        raise IngestError(f"{what} has no letter or digit to make the source's IRI from; "
                          "give one with --source")  # fmt: skip
    key = slug(name, max_words=20)
    try:
        graph_iri(key)
    except ValueError as exc:
        raise IngestError(f"--source: {exc}") from exc
    return Report(key, text, url, publisher.strip(), when, lang)


def reference_from(ontology_dir: Path, data_dir: Path, *, exclude: frozenset[str] = frozenset()
                   ) -> Reference:  # fmt: skip
    """The graph ingest links to: ontology/ and data/, without the graphs of ``exclude`` stems."""
    from kg.build import load

    loaded = load(ontology_dir, data_dir)
    graph = Graph()
    for iri, path in loaded.files.items():
        if path.stem not in exclude:
            graph += loaded.dataset.graph(iri)
    return load_reference(graph)


def ingest(report: Report, ref: Reference, drafts: Path) -> Ingested:
    """Propose the report's facts and write ``{drafts}/{source}.trig`` and ``.txt``.

    Raises:
        IngestError: a draft for this source exists with a different text.
    """
    facts = propose(report, ref)
    trig, txt = drafts / f"{report.source}.trig", drafts / f"{report.source}.txt"
    if txt.exists() and txt.read_text(encoding="utf-8") != report.text:
        raise IngestError(
            f"{txt}: a draft of source {report.source!r} exists with another text; "
            "remove it or choose another --source"
        )
    dataset = to_dataset(report.source, facts, started=datetime.datetime.now(datetime.UTC))
    write_files({txt: report.text.encode("utf-8"),
                 trig: dataset.serialize(format="trig").encode("utf-8")})  # fmt: skip
    return Ingested(trig, txt, facts)
