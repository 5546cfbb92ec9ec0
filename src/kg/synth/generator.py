"""``kg synth``: write a deterministic synthetic corpus of about N quads, streamed as N-Quads.

Output (``DIR``): ``dataset.nq`` (the ontology graphs as kg build names them, the reference graph
``graph/synth-reference`` and one graph ``graph/synth-{n}`` per synthetic news article),
``sources/`` (the stored text of every source), ``manifest.json``. The directory is written to a
temporary sibling and renamed into place.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Final, TextIO

from rdflib import Literal
from rdflib.namespace import SKOS

from kg.atomic import replaced_directory
from kg.build import load
from kg.dist import nquads
from kg.errors import BuildError
from kg.iris import graph_iri, mint, slugify, source_text_iri
from kg.materialize import Materializer
from kg.synth.figures import REPORT_COST, FigureWriter
from kg.synth.nquads import (
    XSD_DATETIME,
    A,
    QuadWriter,
    V,
    annotate,
    iri,
    labels,
    lit,
    typed,
)
from kg.synth.reference import STEM, TEXT_FILE, Reference, ReferenceBuilder
from kg.synth.stories import Article, StoryWriter

VERSION: Final = 1
MIN_TRIPLES: Final = 10_000
START: Final = date(2015, 1, 10)
END: Final = date(2025, 12, 20)
# Kazakhstan moved from UTC+6 to UTC+5 on 1 March 2024.
SINGLE_ZONE: Final = date(2024, 3, 1)
STORY_COST: Final = {"meeting": 130, "amendment": 75, "ratification": 120, "report": 150}
STORY_WEIGHTS: Final = {"report": 35, "meeting": 30, "amendment": 20, "ratification": 15}
ARTICLE_OVERHEAD: Final = 30
LANGUAGES: Final = ("ru",) * 7 + ("kk",) * 2 + ("en",)
INDICATOR: Final = "https://w3id.org/kz-legal-kg/id/concept/indicator/"


@dataclass(frozen=True)
class SynthResult:
    """Where the corpus was written and what its manifest says."""

    out: Path
    manifest: dict[str, Any]


def generate(
    *, triples: int, seed: int, out: Path, ontology_dir: Path, force: bool = False
) -> SynthResult:
    """Write a corpus of about ``triples`` quads (±2 %) for ``seed`` into ``out``.

    Raises:
        BuildError: ``triples`` is too small, ``out`` is not empty (and ``force`` is not given),
            or ``out`` cannot be written.
    """
    if triples < MIN_TRIPLES:
        raise BuildError(
            f"--triples must be at least {MIN_TRIPLES} (the ontology alone has ~1,200)"
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise BuildError(f"{out}: directory is not empty (use --force to replace it)")
    with replaced_directory(out, prefix=".kg-synth-", what="the corpus") as tmp:
        manifest = _write(tmp, triples=triples, seed=seed, ontology_dir=ontology_dir)
    return SynthResult(out, manifest)


def _write(tmp: Path, *, triples: int, seed: int, ontology_dir: Path) -> dict[str, Any]:
    loaded = load(ontology_dir)
    names = sorted(loaded.files)
    ontology = [(name, loaded.dataset.graph(name)) for name in names]
    materializer = Materializer(graph for _, graph in ontology)
    indicators = _indicator_labels(ontology)
    sources = tmp / "sources"
    sources.mkdir()
    with (tmp / "dataset.nq").open("w", encoding="utf-8", newline="\n") as stream:
        writer = QuadWriter(stream, materializer)
        writer.raw(nquads(ontology).splitlines(keepends=True))
        writer.flush()
        rng = random.Random(seed)
        ref = ReferenceBuilder(writer, rng, triples).build()
        writer.flush()
        (sources / TEXT_FILE).write_text("\n".join(ref.rows) + "\n", encoding="utf-8")
        corpus = _Corpus(writer, rng, ref, indicators, triples, sources)
        articles = corpus.run(stream)
    entities = {**ref.counts, "sources": articles + 1, **corpus.stories.counts}
    entities["quotes"] = entities.get("quotes", 0) + len(ref.rows) - 1
    manifest = {
        "triples": writer.count,
        "seed": seed,
        "graphs": len(names) + 1 + articles,
        "entities": dict(sorted(entities.items())),
        "version": VERSION,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _indicator_labels(ontology: list[Any]) -> dict[str, tuple[str, str, str]]:
    found: dict[str, dict[str, str]] = {}
    for _, graph in ontology:
        for subject, label in graph.subject_objects(SKOS.prefLabel):
            if str(subject).startswith(INDICATOR) and isinstance(label, Literal) and label.language:
                found.setdefault(str(subject)[len(INDICATOR) :], {})[label.language] = str(label)
    return {key: (v["en"], v["ru"], v["kk"]) for key, v in sorted(found.items())}


class _Corpus:
    """Writes articles until the quad budget is spent."""

    def __init__(
        self,
        writer: QuadWriter,
        rng: random.Random,
        ref: Reference,
        indicators: dict[str, tuple[str, str, str]],
        triples: int,
        sources: Path,
    ) -> None:
        self.w, self.rng, self.ref, self.triples, self.sources = writer, rng, ref, triples, sources
        self.stories = StoryWriter(writer, rng, ref)
        self.figures = FigureWriter(self.stories, indicators)
        self.size = max(250, min(2000, triples // 60))

    def run(self, stream: TextIO) -> int:
        expected = max(1.0, (self.triples - self.w.count) / (self.size * 0.97))
        span = (END - START).days
        n = 0
        while self.triples - self.w.count >= 60:
            n += 1
            day = START + timedelta(days=min(span, int((n - 1) * span / expected)))
            self._article(n, day, min(self.size, self.triples - self.w.count))
            self.w.flush()
        return n

    def _article(self, n: int, day: date, size: int) -> None:
        rng, w = self.rng, self.w
        key = f"synth-{n:06d}"
        art = Article(
            key, iri(str(mint("source", key))), iri(str(graph_iri(key))), day, rng.choice(LANGUAGES)
        )
        start = w.count
        k = 0
        while True:
            left = size - (w.count - start) - ARTICLE_OVERHEAD
            kind = rng.choices(list(STORY_WEIGHTS), weights=list(STORY_WEIGHTS.values()))[0]
            if STORY_COST[kind] > left:
                if k > 0:
                    break
                kind = "report"
            k += 1
            art.paragraphs.append([])
            if kind == "meeting":
                self.stories.meeting(art, k)
            elif kind == "amendment":
                self.stories.amendment(art, k)
            elif kind == "ratification":
                self.stories.ratification(art, k)
            else:
                self.figures.report(art, k, max(REPORT_COST + 60, left))
        self._source(art)

    def _source(self, art: Article) -> None:
        rng = self.rng
        outlet = rng.choice(self.ref.outlets)
        moment = datetime(
            art.day.year, art.day.month, art.day.day, rng.randint(8, 20), rng.randint(0, 59)
        )
        zone = timezone(timedelta(hours=6 if art.day < SINGLE_ZONE else 5))
        issued = moment.replace(tzinfo=zone).isoformat()
        assert art.headline is not None
        headline = {"en": art.headline[0], "ru": art.headline[1], "kk": art.headline[2]}[art.lang]
        stamp = art.day.strftime("%d.%m.%Y")
        first = f"# source: {outlet.en}, published {moment:%Y-%m-%d %H:%M} (Asia/Almaty)"
        text_file = art.key + ".txt"
        url = (
            f"https://{outlet.key.removeprefix('synth-')}.example/{art.lang}/news/"
            f"{art.day:%Y/%m}/{art.key.removeprefix('synth-')}-{slugify(art.headline[0])[:60]}.html"
        )
        self.w.emit(
            art.graph,
            art.iri,
            [
                (A, V.schema("NewsArticle")),
                (A, V.prov("Entity")),
                *labels(
                    *self.stories.unique(
                        f"{outlet.en}, {art.day}: {art.headline[0]}",
                        f"{outlet.ru}, {stamp}: {art.headline[1]}",
                        f"{outlet.kk}, {stamp}: {art.headline[2]}",
                    )
                ),
                (V.schema("headline"), lit(headline, art.lang)),
                (V.schema("url"), iri(url)),
                (V.schema("publisher"), outlet.iri),
                (V.dcterms("issued"), typed(issued, XSD_DATETIME)),
                (V.dcterms("language"), iri(f"http://id.loc.gov/vocabulary/iso639-1/{art.lang}")),
                (V.schema("inLanguage"), lit(art.lang)),
                *((V.schema("about"), about) for about in art.about[:3]),
                (V.kzl("textCopy"), iri(str(source_text_iri(text_file)))),
            ],
        )
        annotate(
            self.w,
            art.graph,
            quote=iri(str(mint("quote", art.key, "publication"))),
            source=art.iri,
            bodies=[art.iri],
            exact=first,
            label_en="Where and when the article was published",
            label_ru="Где и когда опубликован материал",
        )
        body = "\n\n".join(" ".join(sentences) for sentences in art.paragraphs)
        (self.sources / text_file).write_text(f"{first}\n{headline}\n\n{body}\n", encoding="utf-8")


__all__ = ["MIN_TRIPLES", "STEM", "SynthResult", "generate"]
