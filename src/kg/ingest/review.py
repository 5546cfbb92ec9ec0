"""Read a draft (docs/ingest.md) and show its proposed facts to a curator: a table or a page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final, TextIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from kg.errors import NotFound, SourceError
from kg.namespaces import DCTERMS, ID, KZL, OA, PROV, RDF, RDFS

# Fact kinds in the order a draft lists them, with the first letter of their identifiers and
# the heading they are grouped under.
KINDS: Final[tuple[str, ...]] = ("source", "entity", "link", "activity", "figure", "act")
LETTERS: Final[dict[str, str]] = {
    "s": "source",
    "e": "entity",
    "l": "link",
    "a": "activity",
    "f": "figure",
    "d": "act",
}
HEADINGS: Final[dict[str, str]] = {
    "source": "Source",
    "entity": "Entities",
    "link": "Links",
    "activity": "Activities",
    "figure": "Figures",
    "act": "Acts",
}
FACT_KIND: Final = ID["concept/fact-kind/"]
_ID: Final = re.compile(r"([a-z])([0-9]+)")


@dataclass(frozen=True)
class ProposedFact:
    """One fact of a draft, as its index entry describes it."""

    id: str
    kind: str
    label: str
    confidence: Decimal
    requires: tuple[str, ...]
    start: int  # the sentence's character offsets in the draft's .txt (0, 0: no sentence)
    end: int
    quote: str  # text[start:end]; empty when the fact rests on no sentence
    subjects: tuple[str, ...]  # oa:hasBody IRIs of the index entry
    triples: int  # size of the fact's named graph


@dataclass(frozen=True)
class Draft:
    """A draft's facts, the text they quote and the whole dataset."""

    source: str  # the source IRI
    text: str  # the stored .txt beside the .trig
    facts: tuple[ProposedFact, ...]  # in id order: s0, then by kind, then number
    dataset: Dataset


def fact_order(fact_id: str) -> tuple[int, int, str]:
    """Sort key of a fact identifier: by kind (source first), then by number (e2 before e10)."""
    match = _ID.fullmatch(fact_id)
    if match is None or match[1] not in LETTERS:
        return (len(KINDS), 0, fact_id)
    return (KINDS.index(LETTERS[match[1]]), int(match[2]), fact_id)


def read_draft(path: Path) -> Draft:
    """Read ``{source}.trig`` and the ``{source}.txt`` beside it, and check they agree.

    A fact whose index entry has no ``oa:hasTarget`` rests on no sentence: offsets (0, 0) and
    an empty quote.

    Raises:
        NotFound: the .trig or the .txt beside it does not exist.
        SourceError: a file cannot be read or is not UTF-8, or the TriG does not parse (file
            and line); an index entry lacks an identifier, kind, label or confidence, has no
            fact graph, requires a fact the draft does not hold, or has offsets outside the
            text; or a quote (``oa:exact``) of a fact graph is not found verbatim in the text.
            The message names the file and, where it can, the line of the fact's entry.
    """
    txt = path.with_suffix(".txt")
    if not path.is_file():
        raise NotFound(f"{path}: no such file")
    if not txt.is_file():
        raise NotFound(f"{txt}: no such file: the text of the draft {path.name} must sit beside it")
    trig = _read_text(path)
    text = _read_text(txt)
    dataset = Dataset()
    try:
        dataset.parse(data=trig, format="trig", publicID=path.name)
    except BadSyntax as exc:
        raise SourceError(path, _syntax_line(exc), f"TriG syntax error: {exc._why}") from exc
    except Exception as exc:  # rdflib raises assorted errors for bad terms
        raise SourceError(path, None, f"TriG error: {exc}") from exc
    return _Reader(path, trig, txt, text, dataset).draft()


def _syntax_line(exc: BadSyntax) -> int:
    """The 1-based line of a TriG syntax error, from where it was found in the text.

    Not ``exc.lines``: rdflib's TriG parser counts a newline twice after a subject written on
    a line of its own (the project's style), so that count drifts below the true line.
    """
    try:
        return exc._str.decode("utf-8").count("\n", 0, exc._i) + 1
    except (AttributeError, UnicodeDecodeError):
        return exc.lines + 1


def _read_text(path: Path) -> str:
    """The file's characters exactly as stored (no newline translation), so offsets hold."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc.strerror}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(path, line, f"not UTF-8 text: {exc.reason}") from exc


class _Reader:
    """Reads the index graph of one parsed draft into ProposedFacts, naming the file on errors."""

    def __init__(self, path: Path, trig: str, txt: Path, text: str, dataset: Dataset) -> None:
        self.path, self.trig, self.txt, self.text, self.dataset = path, trig, txt, text, dataset
        self.graphs: dict[Node, Graph] = {g.identifier: g for g in dataset.graphs() if len(g)}

    def draft(self) -> Draft:
        entries = {
            s
            for g in self.graphs.values()
            for s in g.subjects(RDF.type, KZL.ProposedFact)
            if isinstance(s, URIRef)
        }
        index_names = {
            name for name, g in self.graphs.items() if (None, RDF.type, KZL.ProposedFact) in g
        }
        if not entries:
            raise SourceError(self.path, None, "no kzl:ProposedFact: not a draft (docs/ingest.md)")
        if len(index_names) != 1:
            found = ", ".join(sorted(f"<{n}>" for n in index_names)) or "none"
            raise SourceError(self.path, None, f"expected one index graph, found {found}")
        index = self.graphs[index_names.pop()]
        ids: dict[Node, str] = {entry: self._identifier(index, entry) for entry in entries}
        twice = sorted({i for i in ids.values() if list(ids.values()).count(i) > 1})
        if twice:
            raise self._fail(twice[0], "two index entries share this dcterms:identifier")
        facts = [self._fact(index, entry, ids) for entry in entries]
        # The source the sentences are quoted from, which the extraction used.
        sources = {
            str(source)
            for target in index.objects(None, OA.hasTarget)
            for source in index.objects(target, OA.hasSource)
        } | {
            str(source)
            for activity in index.objects(None, PROV.wasGeneratedBy)
            for source in index.objects(activity, PROV.used)
        }
        if len(sources) != 1:
            found = ", ".join(sorted(f"<{source}>" for source in sources)) or "none"
            raise SourceError(self.path, None, f"expected one source in the index, found {found}")
        facts.sort(key=lambda fact: fact_order(fact.id))
        return Draft(sources.pop(), self.text, tuple(facts), self.dataset)

    def _fail(self, fact_id: str, message: str) -> SourceError:
        return SourceError(self.path, _line_of(self.trig, f'"{fact_id}"'), f"{fact_id}: {message}")

    def _identifier(self, index: Graph, entry: URIRef) -> str:
        value = index.value(entry, DCTERMS.identifier)
        if value is None:
            raise SourceError(self.path, None, f"index entry <{entry}> has no dcterms:identifier")
        return str(value)

    def _fact(self, index: Graph, entry: URIRef, ids: dict[Node, str]) -> ProposedFact:
        fact_id = ids[entry]
        kind_iri = str(index.value(entry, DCTERMS.type) or "")
        kind = kind_iri.removeprefix(str(FACT_KIND))
        match = _ID.fullmatch(fact_id)
        if kind not in KINDS or not kind_iri.startswith(str(FACT_KIND)):
            raise self._fail(fact_id, f"dcterms:type <{kind_iri}> is not a fact kind")
        if match is None or LETTERS.get(match[1]) != kind:
            raise self._fail(fact_id, f"an identifier of kind {kind} must be {kind[0]}<number>")
        requires = []
        for needed in index.objects(entry, DCTERMS.requires):
            if needed not in ids:
                raise self._fail(fact_id, f"requires <{needed}>, which the draft does not hold")
            requires.append(ids[needed])
        start, end = self._offsets(index, entry, fact_id)
        graph = self.graphs.get(entry)
        if graph is None:
            raise self._fail(fact_id, f"its fact graph <{entry}> is missing or empty")
        for exact in graph.objects(None, OA.exact):
            if str(exact) not in self.text:
                line = _line_of(self.trig, _first_line(str(exact))[:40]) or _line_of(
                    self.trig, f'"{fact_id}"'
                )
                raise SourceError(
                    self.path,
                    line,
                    f"{fact_id}: quote not found verbatim in {self.txt}: {_short(str(exact), 80)}",
                )
        return ProposedFact(
            id=fact_id,
            kind=kind,
            label=self._label(index, entry, fact_id),
            confidence=self._confidence(index, entry, fact_id),
            requires=tuple(sorted(requires, key=fact_order)),
            start=start,
            end=end,
            quote=self.text[start:end],
            subjects=tuple(sorted(str(o) for o in index.objects(entry, OA.hasBody))),
            triples=len(graph),
        )

    def _label(self, index: Graph, entry: URIRef, fact_id: str) -> str:
        labels = sorted(
            (o for o in index.objects(entry, RDFS.label) if isinstance(o, Literal)),
            key=lambda o: (o.language != "en", str(o)),
        )
        if not labels:
            raise self._fail(fact_id, "no rdfs:label")
        return str(labels[0])

    def _confidence(self, index: Graph, entry: URIRef, fact_id: str) -> Decimal:
        value = index.value(entry, KZL.confidence)
        try:
            confidence = Decimal(str(value))
            if value is not None and confidence.is_finite() and 0 <= confidence <= 1:
                return confidence
        except InvalidOperation:
            pass
        raise self._fail(fact_id, f"kzl:confidence must be a decimal in [0, 1], not {value}")

    def _offsets(self, index: Graph, entry: URIRef, fact_id: str) -> tuple[int, int]:
        """The sentence's offsets; (0, 0) for a fact that rests on no sentence (an s0 whose
        outlet is already in the graph has nothing to quote)."""
        selectors = [
            selector
            for target in index.objects(entry, OA.hasTarget)
            for selector in index.objects(target, OA.hasSelector)
        ]
        if not selectors:
            return 0, 0
        if len(selectors) > 1:
            raise self._fail(fact_id, "more than one oa:hasSelector in the index entry")
        try:
            start = int(str(index.value(selectors[0], OA.start)))
            end = int(str(index.value(selectors[0], OA.end)))
        except ValueError as exc:
            raise self._fail(fact_id, "oa:start and oa:end must be integers") from exc
        if not 0 <= start < end <= len(self.text):
            raise self._fail(
                fact_id,
                f"offsets {start}-{end} fall outside the text of {self.txt} "
                f"({len(self.text)} characters)",
            )
        return start, end


def _line_of(text: str, written: str) -> int | None:
    """The 1-based line where ``written`` first occurs in ``text``, if it does."""
    at = text.find(written) if written else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _short(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with … when longer."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)].rstrip() + "…"


def review_table(draft: Draft, out: TextIO, *, width: int = 100) -> None:
    """Write the draft's facts grouped by kind: id, confidence, label and the quote, one row each.

    Rows fit in ``width`` characters (down to about 50): the quote, then the label, is cut with …
    """
    counts = ", ".join(
        f"{HEADINGS[kind].lower()} {n}"
        for kind in KINDS
        if (n := sum(f.kind == kind for f in draft.facts))
    )
    out.write(f"Draft of {draft.source}\n{len(draft.facts)} proposed facts: {counts}\n")
    id_width = max((len(f.id) for f in draft.facts), default=2)
    for kind in KINDS:
        facts = [f for f in draft.facts if f.kind == kind]
        out.write(f"\n{HEADINGS[kind]}\n")
        if not facts:
            out.write("  (none)\n")
        for fact in facts:
            lead = f"  {fact.id:<{id_width}}  {fact.confidence:.2f}  "
            label, quote = " ".join(fact.label.split()), " ".join(fact.quote.split())
            room = max(width - len(lead) - 4, 20)  # 4: the gap and the quote marks
            label_width = min(len(label), max(room // 2, room - len(quote)))
            label, quote = _short(label, label_width), _short(quote, room - label_width)
            out.write(f"{lead}{label}  «{quote}»\n" if quote else f"{lead}{label}  (no quote)\n")


def review_page(draft: Draft) -> str:
    """A self-contained HTML page: the text with each fact's sentence marked, and the facts."""
    from kg.ingest.review_page import render_page  # that module imports this one

    return render_page(draft)
