"""Labels for pages: every label of the graph read once per store, chosen by language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Final

import pyoxigraph as ox

from kg.namespaces import BASE, PREFIXES
from kg.store.base import Store
from kg.store.cache import per_store

RDFS_LABEL: Final = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF: Final = "http://www.w3.org/2004/02/skos/core#prefLabel"
# Label properties, strongest first: a preferred label beats rdfs:label beats a title.
PRIORITY: Final = {SKOS_PREF: 0, RDFS_LABEL: 1}
# Data labels fall back to English, then Russian, then Kazakh, then an untagged literal.
FALLBACK: Final = ("en", "ru", "kk", "")
# Extra prefixes for showing IRIs compactly (vocabularies the project does not bind).
EXTRA_PREFIXES: Final = {
    "vann": "http://purl.org/vocab/vann/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


@cache
def load_query(name: str) -> str:
    """The text of ``src/kg/web/queries/{name}.rq``."""
    return (resources.files("kg.web") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def curie(iri: str) -> str:
    """``prov:wasAssociatedWith`` for a known namespace, else the IRI itself."""
    best = ""
    best_prefix = ""
    for prefix, namespace in {**PREFIXES, **EXTRA_PREFIXES}.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if best and len(iri) > len(best):
        return f"{best_prefix}:{iri[len(best) :]}"
    return iri


def local_href(iri: str) -> str | None:
    """The path on this server of an IRI under the base (``/id/…``, ``/def#Term``), else None."""
    if not iri.startswith(BASE):
        return None
    rest = iri[len(BASE) :]
    return "/" + rest if rest else "/"


@dataclass
class Labels:
    """IRI → language → label, with the strength of the property each label came from."""

    by_iri: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store) -> Labels:
        """Read every label of ``store`` once."""
        labels = cls()
        for row in store.select(load_query("labels")):
            thing, prop, label = row["thing"], row["property"], row["label"]
            if isinstance(label, ox.Literal):
                labels.add(
                    thing.value, label.value, label.language or "", PRIORITY.get(prop.value, 2)
                )
        return labels

    def add(self, iri: str, text: str, lang: str, strength: int = 1) -> None:
        """Record a label unless a stronger one is known in that language."""
        by_lang = self.by_iri.setdefault(iri, {})
        known = by_lang.get(lang)
        if known is None or strength < known[0]:
            by_lang[lang] = (strength, text)

    def get(self, iri: str, lang: str) -> str | None:
        """The label of ``iri`` in ``lang``, else English, else Russian, else any; None if none."""
        by_lang = self.by_iri.get(iri)
        if not by_lang:
            return None
        for candidate in (lang, *FALLBACK):
            if candidate in by_lang:
                return by_lang[candidate][1]
        return next(iter(by_lang.values()))[1]

    def label(self, iri: str, lang: str) -> str:
        """The label of ``iri`` in ``lang`` with fallbacks, else its compact IRI."""
        return self.get(iri, lang) or curie(iri)

    def all_of(self, iri: str) -> dict[str, str]:
        """Every language's label of ``iri``."""
        return {lang: text for lang, (_, text) in sorted(self.by_iri.get(iri, {}).items())}


@per_store
def labels_of(store: Store) -> Labels:
    """The labels of ``store``, read on first use and kept as long as the store lives."""
    return Labels.read(store)
