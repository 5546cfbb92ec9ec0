"""kg review: reading a draft (docs/ingest.md), its table and page, and the drafts it refuses."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.errors import KgError, NotFound, SourceError
from kg.ingest.review import (
    HEADINGS,
    Draft,
    ProposedFact,
    fact_order,
    read_draft,
    review_page,
    review_table,
)
from kg.ingest.review_page import segments

SAMPLE = Path(__file__).parent / "fixtures" / "ingest-draft"
EXPECTED_IDS = ("s0", "e1", "e2", "l1", "a1", "f1", "f2", "d1")
VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "wbr", "source", "col", "area"})
# "Сана & Денсаулык" in quotes has exactly as many characters, so offsets stay true.
NAME = '"Сана & Денсаулык"'
HOSTILE = "<script>x</script>"


@pytest.fixture(scope="module")
def draft() -> Draft:
    return read_draft(SAMPLE / "sample.trig")


def copy_sample(tmp_path: Path, *, trig: str | None = None, txt: str | None = None) -> Path:
    """Copy the sample draft into ``tmp_path``, replacing the .trig or .txt text if given."""
    target = tmp_path / "sample.trig"
    for suffix, text in ((".trig", trig), (".txt", txt)):
        if text is None:
            shutil.copyfile(SAMPLE / f"sample{suffix}", tmp_path / f"sample{suffix}")
        else:
            (tmp_path / f"sample{suffix}").write_bytes(text.encode("utf-8"))
    return target


def sample(suffix: str) -> str:
    return (SAMPLE / f"sample{suffix}").read_bytes().decode("utf-8")


class Page(HTMLParser):
    """Checks that tags nest and close, and collects the text inside <mark> (badges apart)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marked: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self.marked.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "mark" in self.stack and "sup" not in self.stack:
            self.marked[-1] += data


def parse_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.problems == []
    assert page.stack == []
    return page


# --- Reading ----------------------------------------------------------------------------------
def test_sample_reads_in_id_order(draft: Draft) -> None:
    assert draft.source == "https://w3id.org/kz-legal-kg/id/source/sample"
    assert tuple(f.id for f in draft.facts) == EXPECTED_IDS
    assert draft.text.startswith("# TEST FIXTURE: invented to test kg review; not a real report.")
    kinds = {f.id: f.kind for f in draft.facts}
    assert kinds == {
        "s0": "source",
        "e1": "entity",
        "e2": "entity",
        "l1": "link",
        "a1": "activity",
        "f1": "figure",
        "f2": "figure",
        "d1": "act",
    }


def test_facts_carry_their_index_entry(draft: Draft) -> None:
    facts = {f.id: f for f in draft.facts}
    for fact in draft.facts:
        assert fact.quote == draft.text[fact.start : fact.end]
        assert fact.triples > 0
        assert fact.id == "s0" or "s0" in fact.requires
    assert facts["a1"].requires == ("s0", "e1", "e2")
    assert facts["f2"].requires == ("s0", "f1")
    assert facts["s0"].confidence == Decimal("1.0")
    assert facts["e2"].confidence == Decimal("0.6")
    assert facts["l1"].subjects == ("https://w3id.org/kz-legal-kg/id/agency/mvd",)
    assert facts["l1"].triples == 8  # a link holds only its quote
    assert facts["d1"].quote.startswith("Участники обсудили применение Закона")
    assert facts["e1"].label.startswith("Person: Иван Петров")


def test_fact_order_is_kind_then_number() -> None:
    ids = ["e10", "d1", "e2", "s0", "f1", "a1", "l3"]
    assert sorted(ids, key=fact_order) == ["s0", "e2", "e10", "l3", "a1", "f1", "d1"]


# --- The table --------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [100, 60])
def test_table_lists_every_fact_under_its_kind(draft: Draft, width: int) -> None:
    out = io.StringIO()
    review_table(draft, out, width=width)
    heading_of: dict[str, str] = {}
    heading = ""
    for line in out.getvalue().splitlines()[2:]:
        if line and not line.startswith(" "):
            heading = line
        elif line.strip() and line.strip() != "(none)":
            heading_of[line.split()[0]] = heading
            assert len(line) <= width
    assert heading_of == {f.id: HEADINGS[f.kind] for f in draft.facts}
    assert "…" in out.getvalue()  # the long quotes were cut


# --- The page ---------------------------------------------------------------------------------
def test_page_marks_every_quote(draft: Draft) -> None:
    html = review_page(draft)
    page = parse_page(html)
    for fact in draft.facts:
        assert any(fact.quote in marked for marked in page.marked), fact.id
        assert ("tr", {"id": f"fact-{fact.id}"}) in page.tags
        assert ("span", {"id": f"at-{fact.id}"}) in page.tags
    # The four facts of one sentence share one mark, listing them all in its title.
    shared = [
        attrs for tag, attrs in page.tags if tag == "mark" and "e1:" in (attrs["title"] or "")
    ]
    assert len(shared) == 1
    assert all(f"{i}: " in (shared[0]["title"] or "") for i in ("e1", "e2", "l1", "a1"))
    assert len(page.marked) == 4  # four sentences, one mark each


def test_page_stands_alone(draft: Draft) -> None:
    page = parse_page(review_page(draft))
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags
    assert "link" not in tags
    assert "style" in tags
    for _, attrs in page.tags:
        assert "src" not in attrs
        assert not (attrs.get("href") or "#").startswith(("http:", "https:", "//"))


def test_page_escapes_the_text(tmp_path: Path) -> None:
    text = sample(".txt")
    assert len(NAME) == len(HOSTILE) and NAME in text
    text = text.replace(NAME, HOSTILE) + '<script>alert("&")</script>\n'
    trig = sample(".trig").replace(NAME.replace('"', '\\"'), HOSTILE)
    draft = read_draft(copy_sample(tmp_path, trig=trig, txt=text))
    html = review_page(draft)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    page = parse_page(html)
    assert "script" not in {tag for tag, _ in page.tags}
    assert any(HOSTILE in marked for marked in page.marked)
    titles = [attrs["title"] or "" for tag, attrs in page.tags if tag == "mark"]
    assert any(HOSTILE in title for title in titles)  # labels too, in the title attribute


def fact(fact_id: str, start: int, end: int, text: str) -> ProposedFact:
    label, confidence, quote = f"label {fact_id}", Decimal("0.5"), text[start:end]
    return ProposedFact(fact_id, "entity", label, confidence, (), start, end, quote, (), 1)


def test_overlapping_facts_split_into_runs() -> None:
    text = "Aaaa. Bbbb. Cccc."
    facts = (fact("e1", 0, 11, text), fact("e2", 6, 17, text), fact("e3", 6, 17, text))
    draft = Draft("https://w3id.org/kz-legal-kg/id/source/x", text, facts, Dataset())
    runs = [(s.text, tuple(f.id for f in s.facts), s.starts) for s in segments(draft)]
    assert runs == [
        ("Aaaa. ", ("e1",), ("e1",)),
        ("Bbbb.", ("e1", "e2", "e3"), ("e2", "e3")),
        (" Cccc.", ("e2", "e3"), ()),
    ]
    assert "".join(text for text, _, _ in runs) == text
    page = parse_page(review_page(draft))
    assert page.marked == ["Aaaa. ", "Bbbb.", " Cccc."]


# --- Refused drafts ---------------------------------------------------------------------------
def test_missing_text_is_named(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE / "sample.trig", tmp_path / "sample.trig")
    with pytest.raises(NotFound, match=r"sample\.txt"):
        read_draft(tmp_path / "sample.trig")


def test_missing_draft_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"nothing\.trig"):
        read_draft(tmp_path / "nothing.trig")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    lines = sample(".trig").splitlines(keepends=True)
    # Deep in the file, after many subjects written on lines of their own (rdflib's own line
    # count drifts there).
    broken = next(i for i, line in enumerate(lines) if "kzl:statedAs" in line)
    lines[broken] = lines[broken].replace("kzl:statedAs", "kzl:statedAs @@@")
    path = copy_sample(tmp_path, trig="".join(lines))
    with pytest.raises(SourceError) as caught:
        read_draft(path)
    assert caught.value.path == path
    assert caught.value.line == broken + 1
    assert str(caught.value).startswith(f"{path}:{broken + 1}: TriG syntax error")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Участники обсудили применение", "Участники не обсуждали", "d1: quote not found verbatim"),
        ("oa:start 444 ; oa:end 536", "oa:start 444 ; oa:end 5360", "d1: offsets 444-5360"),
        ("d:d1 {", "d:d9 {", "d1: its fact graph"),
        ("dcterms:requires d:s0 , d:f1", "dcterms:requires d:s0 , d:f7", "f2: requires"),
        ("kzl:confidence 0.6 ;", "kzl:confidence 1.6 ;", "e2: kzl:confidence"),
        ("kzl:confidence 0.6 ;", 'kzl:confidence "NaN" ;', "e2: kzl:confidence"),
        ('dcterms:identifier "e2"', 'dcterms:identifier "e1"', "e1: two index entries"),
        ("prov:used src:sample", "prov:used src:other", "expected one source"),
        ("dcterms:type kind:act ;", "dcterms:type kind:law ;", "d1: dcterms:type"),
    ],
    ids=["quote", "offsets", "graph", "requires", "confidence", "nan", "twice", "source", "kind"],
)
def test_broken_draft_is_refused_naming_the_file(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    trig = sample(".trig")
    assert old in trig
    path = copy_sample(tmp_path, trig=trig.replace(old, new, 1))
    with pytest.raises(SourceError) as caught:
        read_draft(path)
    assert str(caught.value).startswith(str(path))
    assert expected in str(caught.value)
    assert isinstance(caught.value, KgError)


def test_quote_error_names_the_text_and_the_line(tmp_path: Path) -> None:
    trig = sample(".trig").replace("Участники обсудили применение", "Участники не обсуждали")
    path = copy_sample(tmp_path, trig=trig)
    with pytest.raises(SourceError) as caught:
        read_draft(path)
    assert str(tmp_path / "sample.txt") in str(caught.value)
    line = trig.splitlines()[(caught.value.line or 0) - 1]
    assert "Участники не обсуждали" in line


def test_a_fact_without_a_sentence_is_listed_unmarked(tmp_path: Path) -> None:
    target = """        oa:hasTarget [
            oa:hasSource src:sample ;
            oa:hasSelector [ a oa:TextPositionSelector ; oa:start 63 ; oa:end 124 ] ;
        ] ;
"""
    trig = sample(".trig")
    assert target in trig
    draft = read_draft(copy_sample(tmp_path, trig=trig.replace(target, "", 1)))
    s0 = draft.facts[0]
    assert (s0.id, s0.start, s0.end, s0.quote) == ("s0", 0, 0, "")
    out = io.StringIO()
    review_table(draft, out)
    assert "  s0  1.00  Source: " in out.getvalue()
    assert "(no quote)" in out.getvalue()
    page = parse_page(review_page(draft))
    assert ("tr", {"id": "fact-s0"}) in page.tags
    assert not any("Пример.kz, published" in marked for marked in page.marked)
