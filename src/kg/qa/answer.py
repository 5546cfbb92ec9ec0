"""Run the query an interpretation names and shape an ``Answer``; one cached engine per store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from kg.qa import texts
from kg.qa.intents import Interpretation, match
from kg.qa.lexicon import Lexicon, build_lexicon
from kg.qa.models import Answer, AnswerItem, Evidence
from kg.sparql import substitute
from kg.store.base import Row, Store
from kg.store.cache import per_store

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
KZL = "https://w3id.org/kz-legal-kg/def#"
FALLBACK = ("en", "ru", "kk", "")
MAX_FACTS = 50  # facts listed in one answer; a broader question says how many more there are
EVIDENCE_BATCH = 500  # facts per qa-evidence query: keeps each query text well under 100 kB

# Coarse kinds of the things a question can name, most specific first.
KINDS: tuple[tuple[str, str], ...] = (
    ("http://xmlns.com/foaf/0.1/Person", "person"),
    (KZL + "MediaOutlet", "outlet"),
    ("http://www.w3.org/ns/org#Organization", "agent"),
    (KZL + "AgentGroup", "agent"),
    ("http://www.w3.org/ns/org#Post", "post"),
    ("http://data.europa.eu/eli/ontology#LegalResource", "work"),
    ("https://schema.org/Event", "event"),
    ("https://schema.org/SoftwareApplication", "tool"),
    ("https://schema.org/Place", "place"),
    ("http://www.w3.org/ns/prov#Plan", "plan"),
)


@cache
def load_query(name: str) -> str:
    """The text of ``src/kg/queries/{name}.rq``."""
    return (resources.files("kg") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def text_of(term: Any) -> str:
    """The IRI or lexical value of a term."""
    return str(term.value)


def format_value(term: Any) -> str:
    """A number as written plainly: ``13.0`` → ``13``, ``47.2`` stays."""
    raw = str(term.value)
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return raw
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return str(number.normalize())


@dataclass
class Engine:
    """The labels and lexicon of one store, read once, and the question answering over them."""

    store: Store
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    literals: dict[str, dict[str, str]] = field(default_factory=dict)
    abbreviations: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    singletons: dict[str, str] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # further tables read once (bodies)

    @classmethod
    def build(cls, store: Store) -> Engine:
        """Read every label once and index the names a question can use."""
        engine = cls(store)
        types: dict[str, set[str]] = {}
        label_rows: list[tuple[str, str, str, str]] = []
        for row in store.select(load_query("qa-labels")):
            thing, prop, label = row["thing"], row["property"], row["label"]
            if not isinstance(thing, ox.NamedNode) or not isinstance(label, ox.Literal):
                continue
            iri, lang = thing.value, label.language or ""
            if "type" in row:
                types.setdefault(iri, set()).add(text_of(row["type"]))
            if prop.value == SKOS_ALT:
                abbreviations = engine.abbreviations.setdefault(iri, [])
                if label.value not in abbreviations:
                    abbreviations.append(label.value)
            else:
                by_lang = engine.labels.setdefault(iri, {})
                if prop.value == SKOS_PREF or lang not in by_lang:
                    by_lang[lang] = label.value
            label_rows.append((iri, prop.value, label.value, lang))
        members: dict[str, set[str]] = {}
        for iri, found in types.items():
            kind = next((kind for cls_iri, kind in KINDS if cls_iri in found), None)
            if kind is not None:
                engine.kinds[iri] = kind
            for cls_iri in found:
                members.setdefault(cls_iri, set()).add(iri)
        engine.singletons = {
            cls_iri: next(iter(iris)) for cls_iri, iris in members.items() if len(iris) == 1
        }
        holders: dict[str, set[str]] = {}
        for row in store.select(load_query("qa-post-holders")):
            holders.setdefault(text_of(row["post"]), set()).add(text_of(row["holder"]))
        engine.lexicon = build_lexicon(
            (
                (iri, engine.kinds[iri], label, lang or "en", prop == SKOS_ALT)
                for iri, prop, label, lang in label_rows
                if iri in engine.kinds
            ),
            titles=(
                (next(iter(holders[iri])), label, lang or "en")
                for iri, prop, label, lang in label_rows
                if len(holders.get(iri, ())) == 1 and prop != SKOS_ALT
            ),
        )
        return engine

    # --- labels ----------------------------------------------------------------------------
    def label(self, iri: str, lang: str) -> str:
        """The label in ``lang``, else English, else Russian, else the IRI's last segment."""
        by_lang = self.labels.get(iri, {})
        for candidate in (lang, *FALLBACK):
            if candidate in by_lang:
                return by_lang[candidate]
        return iri.rstrip("/").rsplit("/", 1)[-1]

    # --- querying --------------------------------------------------------------------------
    def run(self, name: str, bindings: dict[str, str]) -> tuple[str, list[Row]]:
        """Run query ``name`` with IRIs written in place of its bound variables (a constant
        lets the planner start from it; a trailing VALUES made Oxigraph scan every activity).
        Returns the query as run, for the reader, and its rows, each with the bound terms."""
        terms = {name: ox.NamedNode(iri) for name, iri in bindings.items()}
        query = substitute(load_query(name), **{name: str(term) for name, term in terms.items()})
        rows = self.store.select(query)
        for row in rows:
            for variable, term in terms.items():
                row.setdefault(variable, term)
        return query, rows

    def evidence(self, facts: Iterable[str]) -> dict[str, list[Evidence]]:
        """The quotes behind each fact (qa-evidence), asked for a batch of facts at a time."""
        found: dict[str, dict[tuple[str, str], Evidence]] = {}
        wanted = list(dict.fromkeys(facts))
        for start in range(0, len(wanted), EVIDENCE_BATCH):
            batch = " ".join(
                str(ox.NamedNode(iri)) for iri in wanted[start : start + EVIDENCE_BATCH]
            )
            for row in self.store.select(
                f"{load_query('qa-evidence')}\nVALUES ?fact {{ {batch} }}"
            ):
                key = (text_of(row["quote"]), text_of(row["source"]))
                quotes = found.setdefault(text_of(row["fact"]), {})
                if key not in quotes:
                    url = row.get("sourceUrl") or row.get("originUrl")
                    quotes[key] = Evidence(
                        quote=key[0], source=key[1], url=text_of(url) if url else None
                    )
        return {fact: list(quotes.values()) for fact, quotes in found.items()}

    # --- answering -------------------------------------------------------------------------
    def interpret(self, question: str, lang: str | None = None) -> Interpretation:
        """Understand a question without running anything."""
        return match(question, self.lexicon, lang, self.singletons)

    def answer(self, question: str, lang: str | None = None) -> Answer:
        """Answer a question; an empty answer carries a message saying why."""
        found = self.interpret(question, lang)
        lang = found.lang
        result = Answer(
            question=question,
            lang=lang,
            intent=found.intent,
            interpretation=texts.interpretation(found, self.label),
        )
        if found.query is None:
            result.message = texts.not_understood(found)
            return result
        result.sparql, rows = self.run(found.query, found.bindings)
        facts = _facts(rows)
        result.total = len(facts)
        if len(facts) > MAX_FACTS:
            facts = facts[:MAX_FACTS]
            listed = set(facts)
            rows = [row for row in rows if text_of(row["fact"]) in listed]
            result.message = texts.capped(MAX_FACTS, result.total, lang)
        shape = SHAPERS[found.intent or ""]
        result.answers = shape(self, rows, lang, self.evidence(facts))
        if found.intent == "took-part":
            result.boolean = bool(rows)
            if not rows:
                result.message = texts.no_participation(found, self.label)
        elif not result.answers:
            result.message = texts.nothing_found(found, self.label)
        return result


# --- shaping rows into answer items -------------------------------------------------------------
Quotes = dict[str, list[Evidence]]  # a fact's IRI → the quotes stating it


def _facts(rows: Iterable[Row]) -> list[str]:
    """The facts rows are about, in order."""
    return list(dict.fromkeys(text_of(row["fact"]) for row in rows if "fact" in row))


def _group(rows: list[Row], *names: str) -> dict[tuple[str, ...], list[Row]]:
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        key = tuple(text_of(row[name]) if name in row else "" for name in names)
        groups.setdefault(key, []).append(row)
    return groups


def _date(rows: list[Row], name: str = "date") -> str | None:
    dates = sorted({text_of(row[name]) for row in rows if name in row})
    return dates[0][:10] if dates else None


def _objects(engine: Engine, rows: list[Row], name: str, lang: str) -> list[str]:
    iris = dict.fromkeys(text_of(row[name]) for row in rows if name in row)
    return [engine.label(iri, lang) for iri in iris]


def _literal(rows: list[Row], name: str, lang: str) -> str | None:
    by_lang: dict[str, str] = {}
    for row in rows:
        term = row.get(name)
        if isinstance(term, ox.Literal):
            by_lang.setdefault(term.language or "", term.value)
        elif term is not None:
            by_lang.setdefault("", text_of(term))
    for candidate in (lang, *FALLBACK):
        if candidate in by_lang:
            return by_lang[candidate]
    return None


def _agent_roles(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact, agent, role), group in _group(rows, "fact", "agent", "role").items():
        items.append(
            AnswerItem(
                label=engine.label(agent, lang),
                iri=agent,
                date=_date(group),
                role=role,
                role_label=engine.label(role, lang),
                context=engine.label(fact, lang),
                context_iri=fact,
                objects=_objects(engine, group, "object", lang),
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _activities(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact, role), group in _group(rows, "fact", "role").items():
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                date=_date(group),
                role=role,
                role_label=engine.label(role, lang),
                objects=_objects(engine, group, "object", lang),
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _figures(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    groups = _group(rows, "fact")
    changes: dict[str, str] = {}
    for group in groups.values():
        level = group[0].get("changeOf")
        if level is not None:
            sign = "+" if not text_of(group[0]["value"]).startswith("-") else ""
            unit = texts.suffix(text_of(group[0]["unit"]), lang) if "unit" in group[0] else ""
            changes[text_of(level)] = f"{sign}{format_value(group[0]['value'])}{unit}"
    items = []
    for (fact,), group in groups.items():
        first = group[0]
        if "changeOf" in first:
            continue
        qualifier = first.get("qualifier")
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                value=format_value(first["value"]),
                unit=texts.unit(text_of(first["unit"]), lang) if "unit" in first else None,
                qualifier=engine.label(text_of(qualifier), lang) if qualifier else None,
                stated_as=_literal(group, "statedAs", lang),
                part_of=text_of(first["whole"]) if "whole" in first else None,
                change=changes.get(fact),
                context=engine.label(text_of(first["indicator"]), lang),
                context_iri=text_of(first["indicator"]),
                evidence=quotes.get(fact, []),
            )
        )
    items.sort(key=lambda item: (item.part_of is not None, item.part_of or ""))
    return items


def _amendments(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact, amended), group in _group(rows, "fact", "amended").items():
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                date=_date(group),
                context=engine.label(amended, lang),
                context_iri=amended,
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _dates(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for fact, work, date in _group(rows, "fact", "work", "date"):
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                date=date[:10],
                context=engine.label(work, lang),
                context_iri=work,
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _tools(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact,), group in _group(rows, "fact").items():
        status = next((text_of(row["status"]) for row in group if "status" in row), None)
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                description=_literal(group, "purpose", lang),
                context=engine.label(status, lang) if status else None,
                context_iri=status,
                objects=_objects(engine, group, "creator", lang),
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _directives(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact,), group in _group(rows, "fact").items():
        instructing = text_of(group[0]["instructing"])
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                context=engine.label(instructing, lang),
                context_iri=instructing,
                objects=_objects(engine, group, "addressee", lang),
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _parties(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact, party), group in _group(rows, "fact", "party").items():
        items.append(
            AnswerItem(
                label=engine.label(party, lang),
                iri=party,
                date=_date(group),
                role="https://w3id.org/kz-legal-kg/id/concept/role/party",
                role_label=engine.label("https://w3id.org/kz-legal-kg/id/concept/role/party", lang),
                context=engine.label(fact, lang),
                context_iri=fact,
                evidence=quotes.get(fact, []),
            )
        )
    return items


def _outlets(engine: Engine, rows: list[Row], lang: str, quotes: Quotes) -> list[AnswerItem]:
    items = []
    for (fact,), group in _group(rows, "fact").items():
        about = next((text_of(row["about"]) for row in group if "about" in row), None)
        url = next((text_of(row["url"]) for row in group if "url" in row), None)
        items.append(
            AnswerItem(
                label=engine.label(fact, lang),
                iri=fact,
                date=_date(group),
                description=url,
                context=engine.label(about, lang) if about else None,
                context_iri=about,
                objects=_objects(engine, group, "outlet", lang),
                evidence=quotes.get(fact, []),
            )
        )
    return items


SHAPERS = {
    "took-part": _agent_roles,
    "participants": _agent_roles,
    "role-holders": _agent_roles,
    "activities": _activities,
    "figures": _figures,
    "amendments": _amendments,
    "dates": _dates,
    "tools": _tools,
    "directives": _directives,
    "parties": _parties,
    "outlet-reports": _outlets,
}


@per_store
def get_engine(store: Store) -> Engine:
    """The engine of ``store``, built on first use and kept as long as the store lives."""
    return Engine.build(store)


def answer(question: str, store: Store, *, lang: str | None = None) -> Answer:
    """Answer ``question`` over ``store`` (in ``lang`` if given, else the detected language)."""
    return get_engine(store).answer(question, lang)
