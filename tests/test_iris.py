from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.iris import KINDS, graph_iri, mint, slugify, source_text_iri

MODEL = Path(__file__).resolve().parent.parent / "docs" / "model.md"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Ministère de l'Intérieur", "ministere-de-l-interieur"),
        ("226-V", "226-v"),
        ("2025-01-02-criminal-code-amendments", "2025-01-02-criminal-code-amendments"),
        ("  Crypto Trace ", "crypto-trace"),
        ("ProkAI", "prokai"),
        ("a__b--c", "a-b-c"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@given(st.text())
def test_slugify_is_idempotent_and_ascii(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)


def test_mint_follows_the_templates() -> None:
    base = "https://w3id.org/kz-legal-kg/id/"
    assert str(mint("agency", "mvd")) == base + "agency/mvd"
    assert str(mint("law", "kz", 2014, "226-V")) == base + "law/kz/2014/226-v"
    assert (
        str(mint("law", "kz", 2025, "2025-01-02-criminal-code-amendments"))
        == base + "law/kz/2025/2025-01-02-criminal-code-amendments"
    )
    assert str(mint("ratification", "kz-tm-crime-agreement", "KZ")) == (
        base + "ratification/kz-tm-crime-agreement/kz"
    )
    assert str(mint("concept", "role", "chair")) == base + "concept/role/chair"
    assert str(mint("obs", "ds", "kz", "unstated", "drug-crimes", "relative-change")) == (
        base + "obs/ds/kz/unstated/drug-crimes/relative-change"
    )


def test_kinds_are_exactly_those_of_the_model() -> None:
    table = MODEL.read_text(encoding="utf-8").split("## IRI templates", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z]+)` \|", table, flags=re.MULTILINE))
    assert documented == KINDS


@pytest.mark.parametrize(
    ("kind", "keys"), [("agencies", ("mvd",)), ("agency", ()), ("agency", ("Ё",))]
)
def test_mint_rejects_bad_input(kind: str, keys: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        mint(kind, *keys)


def test_graph_iri() -> None:
    assert str(graph_iri("kzl-schemes")) == "https://w3id.org/kz-legal-kg/graph/kzl-schemes"
    with pytest.raises(ValueError):
        graph_iri("Has Spaces")


def test_source_text_iri() -> None:
    assert str(source_text_iri("zakon-2025-11-29-drug-crime-council.txt")) == (
        "https://w3id.org/kz-legal-kg/sources/zakon-2025-11-29-drug-crime-council.txt"
    )
    with pytest.raises(ValueError):
        source_text_iri("../etc/passwd")
