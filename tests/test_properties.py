"""Properties of IRI minting, slugs and question parsing, checked on generated input (Hypothesis).

tests/test_iris.py has the worked examples of each template; tests/test_qa.py shows that the
words of a question never reach the query text. Here: what holds for any input.
"""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InvalidQuery
from kg.iris import KINDS, graph_iri, mint, slugify, source_text_iri
from kg.namespaces import BASE, ID
from kg.qa import Engine, get_engine
from kg.qa.lexicon import detect_lang, tokens
from kg.qa.models import Question
from kg.store import MemoryStore
from kg.web.describe import iri_of

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGS = ("ru", "kk", "en")
QA_QUERIES = frozenset(p.stem for p in Path("src/kg/queries").glob("qa-*.rq"))
MODULE = [HealthCheck.function_scoped_fixture]  # the fixtures used are read-only

# Text as people and tools write it: Latin with accents, Cyrillic with the Kazakh letters,
# punctuation, digits, spaces of every kind, and the odd control or combining character.
WORDS = st.text(
    alphabet=st.one_of(
        st.sampled_from(string.ascii_letters + string.digits + " -_.,'/\\:()&"),
        st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяӘәҒғҚқҢңӨөҰұҮүҺһІі"),
        st.sampled_from("éèêëçñøåßÆŒ\u0301\u0308\u00a0\u2009\u200b\u202e\t\n\x00"),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)
KEYS = st.one_of(WORDS.filter(lambda text: slugify(text) != ""), st.integers(0, 10**12))


def ascii_alnum(text: str) -> str:
    """The ASCII letters and digits slugify keeps from ``text``, lower case, in order."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(char for char in folded if char.isascii() and char.isalnum())


# --- slugs ----------------------------------------------------------------------------------
@given(WORDS)
def test_slug_is_hyphen_joined_ascii_runs(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.fullmatch(slug)
    assert slugify(slug) == slug


@given(WORDS)
def test_slug_keeps_every_ascii_letter_and_digit(text: str) -> None:
    assert slugify(text).replace("-", "") == ascii_alnum(text)


@given(st.lists(WORDS, min_size=1, max_size=5), st.sampled_from([" ", "/", "--", " — "]))
def test_separators_only_separate(words: list[str], separator: str) -> None:
    expected = "-".join(slug for slug in map(slugify, words) if slug)
    assert slugify(separator.join(words)) == expected


@given(st.text(alphabet=string.ascii_letters + string.digits + " -_.", max_size=40))
def test_slug_ignores_case_of_ascii(text: str) -> None:
    assert slugify(text.upper()) == slugify(text.lower()) == slugify(text)


# --- minting --------------------------------------------------------------------------------
@given(st.sampled_from(sorted(KINDS)), st.lists(KEYS, min_size=1, max_size=5))
def test_minted_iri_is_under_the_base_and_valid(kind: str, keys: list[str | int]) -> None:
    iri = str(mint(kind, *keys))
    assert iri == f"{ID}{kind}/" + "/".join(slugify(str(key)) for key in keys)
    assert ox.NamedNode(iri).value == iri  # an absolute IRI pyoxigraph accepts
    path = iri.removeprefix(BASE)
    assert all(SLUG.fullmatch(segment) for segment in path.split("/")[2:])
    assert iri_of(path) == iri  # and it resolves at /id/…


@given(WORDS.filter(lambda kind: kind not in KINDS), st.lists(KEYS, max_size=3))
def test_mint_refuses_unknown_kinds(kind: str, keys: list[str | int]) -> None:
    with pytest.raises(ValueError, match="unknown resource kind"):
        mint(kind, *keys)


@given(
    st.sampled_from(sorted(KINDS)),
    st.lists(KEYS, max_size=2),
    st.text(alphabet="абвгдҚқ .,-—«»\u0301", max_size=10),
)
def test_mint_refuses_keys_without_ascii(kind: str, keys: list[str | int], empty: str) -> None:
    with pytest.raises(ValueError, match="ASCII letters or digits"):
        mint(kind, *keys, empty)


@given(st.sampled_from(sorted(KINDS)))
def test_mint_needs_a_key(kind: str) -> None:
    with pytest.raises(ValueError, match="at least one key"):
        mint(kind)


@given(st.one_of(WORDS, st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}\s?", fullmatch=True)))
def test_graph_iri_only_for_kebab_case_stems(stem: str) -> None:
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", stem):
        assert ox.NamedNode(str(graph_iri(stem))).value == f"{BASE}graph/{stem}"
    else:
        with pytest.raises(ValueError):
            graph_iri(stem)


@given(WORDS.filter(lambda name: name not in {"", ".", ".."}))
def test_source_text_iri_stays_under_sources(name: str) -> None:
    if "/" in name or "\\" in name:
        with pytest.raises(ValueError):
            source_text_iri(name)
        return
    iri = str(source_text_iri(name))
    assert ox.NamedNode(iri).value == iri
    assert iri.startswith(f"{BASE}sources/") and "/" not in iri.removeprefix(f"{BASE}sources/")


@given(WORDS)
def test_resource_paths_are_refused_or_under_the_base(path: str) -> None:
    try:
        iri = iri_of(path)
    except InvalidQuery:
        return
    assert iri == BASE + path and ox.NamedNode(iri).value == iri
    assert ".." not in path.split("/") and "" not in path.split("/")


# --- questions ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine(store: MemoryStore) -> Engine:
    return get_engine(store)


@pytest.fixture(scope="module")
def names(engine: Engine) -> list[str]:
    """Every label of the graph, to build questions that name things it holds."""
    return sorted({label for by_lang in engine.labels.values() for label in by_lang.values()})


TEMPLATES = (
    "What did {} do?",
    "Who took part in {}?",
    "Did {} take part in the meeting?",
    "When was {} amended?",
    "How many tonnes did {} seize?",
    "Что сделал {}?",
    "Кто участвовал в {}?",
    "Участвовал ли {} в заседании?",
    "{} не істеді?",
    "{} қашан қабылданды?",
    "{}",
)


def questions(names: list[str]) -> st.SearchStrategy[str]:
    """Any text, and questions in the three languages naming one or two things of the graph."""
    named = st.tuples(
        st.sampled_from(TEMPLATES), st.sampled_from(names), st.sampled_from(["", " и ", " and "])
    ).flatmap(
        lambda parts: st.sampled_from(names).map(
            lambda other: parts[0].format(parts[1] + (parts[2] + other if parts[2] else ""))
        )
    )
    return st.one_of(st.text(max_size=300), WORDS, named)


@settings(max_examples=300, deadline=None, suppress_health_check=MODULE)
@given(data=st.data(), lang=st.sampled_from([None, *LANGS]))
def test_interpretation_of_any_text(
    engine: Engine, names: list[str], data: st.DataObject, lang: str | None
) -> None:
    text = data.draw(questions(names), label="question")
    found = engine.interpret(text, lang)  # never raises
    assert found.lang in LANGS
    assert found.lang == (lang or detect_lang(text.replace("ё", "е").replace("Ё", "Е")))
    assert found.query is None or found.query in QA_QUERIES
    for variable, iri in found.bindings.items():
        assert f"?{variable}" in (Path("src/kg/queries") / f"{found.query}.rq").read_text()
        assert iri in engine.labels, iri  # an IRI the graph holds, and labels
    for mention in found.mentions:
        assert mention.iri in engine.labels
        assert 0 <= mention.start <= mention.end <= len(found.text)
    assert engine.interpret(text, lang) == found  # nothing depends on what was asked before


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_language_and_tokens_of_any_text(text: str) -> None:
    assert detect_lang(text) in LANGS
    assert all(token and token in text for token in tokens(text))


@given(st.text(max_size=2000), st.sampled_from([None, *LANGS]))
def test_question_model_takes_any_text_up_to_2000(text: str, lang: str | None) -> None:
    question = Question(q=text, lang=lang)
    assert question.q == text and question.lang == lang
