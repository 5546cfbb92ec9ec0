"""Bodies: the list of organisations and groups, filtered by name, and one body's profile."""

from __future__ import annotations

from kg.errors import NotFound
from kg.qa.answer import Engine, _facts, _group, get_engine, load_query, text_of
from kg.qa.lexicon import detect_lang, tokens
from kg.qa.models import BodyAction, BodyObject, BodyProfile, BodySummary
from kg.store.base import Store

BODY_KINDS = frozenset({"agent", "outlet"})


def _key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _bodies(engine: Engine) -> dict[str, tuple[str, str | None, list[str]]]:
    """IRI → (key, most specific kzl: class, abbreviations), read once per engine."""
    cached: dict[str, tuple[str, str | None, list[str]]] | None = engine.cache.get("bodies")
    if cached is None:
        cached = {}
        for (body, kind), group in _group(
            engine.store.select(load_query("qa-bodies")), "body", "kind"
        ).items():
            abbreviations = sorted(
                {text_of(row["abbreviation"]) for row in group if "abbreviation" in row}
            )
            previous = cached.get(body)
            if previous is None or (previous[1] is None and kind):
                cached[body] = (_key(body), kind or None, abbreviations)
        engine.cache["bodies"] = cached
    return cached


def _summary(engine: Engine, iri: str, lang: str) -> BodySummary:
    key, kind, abbreviations = _bodies(engine)[iri]
    return BodySummary(
        key=key,
        iri=iri,
        label=engine.label(iri, lang),
        kind=engine.label(kind, lang) if kind else None,
        kind_iri=kind,
        abbreviations=abbreviations,
    )


def list_bodies(store: Store, *, q: str | None = None, lang: str = "en") -> list[BodySummary]:
    """Every body, labelled in ``lang``; ``q`` keeps those whose name or abbreviation it names."""
    engine = get_engine(store)
    bodies = _bodies(engine)
    if q and q.strip():
        named = {m.iri for m in engine.lexicon.find(q, detect_lang(q))}
        words = [w.lower() for w in tokens(q)]
        keep = []
        for iri in bodies:
            names = [*engine.labels.get(iri, {}).values(), *bodies[iri][2]]
            text = " ".join(names).lower()
            if iri in named or (words and all(w in text for w in words)):
                keep.append(iri)
    else:
        keep = list(bodies)
    items = [_summary(engine, iri, lang) for iri in keep]
    return sorted(items, key=lambda item: item.label.lower())


def body_profile(store: Store, key: str, *, lang: str = "en") -> BodyProfile:
    """A body and every action the graph records for it.

    Raises:
        NotFound: no body has this key.
    """
    engine = get_engine(store)
    iri = next((iri for iri, found in _bodies(engine).items() if found[0] == key), None)
    if iri is None:
        raise NotFound(f"no body with key {key!r} (see /api/bodies)")
    _, rows = engine.run("qa-body-activities", {"agent": iri})
    quotes = engine.evidence(_facts(rows))
    actions = []
    for (fact, role), group in _group(rows, "fact", "role").items():
        objects = dict.fromkeys(text_of(row["object"]) for row in group if "object" in row)
        dates = sorted({text_of(row["date"])[:10] for row in group if "date" in row})
        actions.append(
            BodyAction(
                activity=fact,
                label=engine.label(fact, lang),
                role=role,
                role_label=engine.label(role, lang),
                date=dates[0] if dates else None,
                objects=[BodyObject(iri=o, label=engine.label(o, lang)) for o in objects],
                evidence=quotes.get(fact, []),
            )
        )
    summary = _summary(engine, iri, lang)
    return BodyProfile(
        **summary.model_dump(), labels=dict(engine.labels.get(iri, {})), actions=actions
    )
