"""Resources under the base IRI: which paths name one, their RDF description and their page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import pyoxigraph as ox

from kg.errors import InvalidQuery, NotFound
from kg.namespaces import BASE
from kg.qa.models import Evidence
from kg.sparql import substitute
from kg.store.base import Row, Store
from kg.web.labels import Labels, curie, labels_of, load_query, local_href

# A path segment: lower-case letters and digits, joined by single hyphens or dots; so no "..",
# no empty segment, no leading or trailing punctuation, nothing percent-encoded.
_SEGMENT: Final = r"[a-z0-9]+(?:[.-][a-z0-9]+)*"
PATH: Final = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")

RDF_TYPE: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA_HAS_BODY: Final = "http://www.w3.org/ns/oa#hasBody"
ONTOLOGY: Final = BASE + "def"
# Properties listed first on a page, in this order; the rest follow by label.
FIRST: Final = (
    RDF_TYPE,
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://purl.org/dc/terms/description",
)


def iri_of(path: str) -> str:
    """The IRI a request path names: ``id/agency/gpo`` → ``{base}id/agency/gpo``.

    Raises:
        InvalidQuery: the path has characters or segments no IRI of the graph has.
    """
    if not PATH.fullmatch(path):
        raise InvalidQuery(
            f"not a resource path: {path[:200]!r}; paths are lower-case letters, digits and "
            "hyphens, separated by slashes"
        )
    return BASE + path


def exists(store: Store, iri: str) -> bool:
    """Whether the graph holds ``iri`` as a subject or an object."""
    return store.ask(load_query("exists"), resource=ox.NamedNode(iri))


def description(store: Store, iri: str) -> list[ox.Triple]:
    """The concise description of ``iri`` (see description.rq).

    Raises:
        NotFound: the graph does not hold ``iri``.
    """
    triples = store.construct(load_query("description"), resource=ox.NamedNode(iri))
    if not triples and not exists(store, iri):
        raise NotFound(f"the graph holds nothing about <{iri}>")
    return triples


def ontology(store: Store) -> list[ox.Triple]:
    """Every triple of the ontology's named graph."""
    return store.construct(load_query("ontology"), resource=ox.NamedNode(ONTOLOGY))


def graph_triples(store: Store, name: str) -> list[ox.Triple]:
    """Every triple of the named graph ``{base}graph/{name}``.

    Raises:
        NotFound: no such named graph, or it is empty.
    """
    triples = store.construct(load_query("graph"), graph=ox.NamedNode(f"{BASE}graph/{name}"))
    if not triples:
        raise NotFound(f"no named graph <{BASE}graph/{name}>")
    return triples


# --- the page model ------------------------------------------------------------------------------
@dataclass
class Value:
    """One object (or subject) shown on a page: a link, a literal, or a nested blank node."""

    text: str
    href: str | None = None  # a local path or an external IRI
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    nested: list[PropertyGroup] = field(default_factory=list)  # a blank node's statements
    notes: list[str] = field(default_factory=list)  # qualifiers of an incoming link ("Chair")
    anchor: str | None = None  # an id for /def#Term links


@dataclass
class PropertyGroup:
    """The values of one property (or the subjects of one incoming link)."""

    predicate: str
    label: str
    href: str
    values: list[Value] = field(default_factory=list)


@dataclass
class ResourcePage:
    """Everything a resource's HTML page shows."""

    iri: str
    label: str
    labels: dict[str, str]
    types: list[Value]
    properties: list[PropertyGroup]
    incoming: list[PropertyGroup]
    evidence: list[Evidence]


def _link(iri: str) -> str:
    return local_href(iri) or iri


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal, labels: Labels, lang: str) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(text=labels.label(term.value, lang), href=_link(term.value), iri=term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        plain = datatype.endswith(("#string", "#langString"))
        return Value(
            text=term.value, lang=term.language, datatype=None if plain else curie(datatype)
        )
    return Value(text="")


def _order(predicate: str, label: str) -> tuple[int, str]:
    return (FIRST.index(predicate) if predicate in FIRST else len(FIRST), label.lower())


def _groups(
    node: ox.NamedNode | ox.BlankNode,
    by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]],
    labels: Labels,
    lang: str,
    depth: int = 0,
) -> list[PropertyGroup]:
    groups: dict[str, PropertyGroup] = {}
    for triple in by_subject.get(node, []):
        predicate = triple.predicate.value
        group = groups.get(predicate)
        if group is None:
            group = PropertyGroup(predicate, labels.label(predicate, lang), _link(predicate))
            groups[predicate] = group
        obj = triple.object
        if isinstance(obj, ox.BlankNode):
            nested = _groups(obj, by_subject, labels, lang, depth + 1) if depth < 3 else []
            group.values.append(Value(text="", nested=nested))
        elif isinstance(obj, ox.NamedNode | ox.Literal):
            group.values.append(_value(obj, labels, lang))
    for group in groups.values():
        group.values.sort(key=lambda value: (value.text.lower(), value.lang or ""))
    return sorted(groups.values(), key=lambda group: _order(group.predicate, group.label))


def _incoming(rows: Iterable[Row], labels: Labels, lang: str) -> list[PropertyGroup]:
    groups: dict[tuple[str, str], PropertyGroup] = {}
    values: dict[tuple[str, str, str], Value] = {}
    for row in rows:
        predicate = row["predicate"].value
        via = row["via"].value if "via" in row else ""
        key = (via, predicate)
        group = groups.get(key)
        if group is None:
            label = labels.label(predicate, lang)
            if via:
                label = f"{labels.label(via, lang)} → {label}"
            group = PropertyGroup(predicate, label, _link(predicate))
            groups[key] = group
        subject = row["subject"].value
        value = values.get((*key, subject))
        if value is None:
            value = _value(ox.NamedNode(subject), labels, lang)
            if subject.startswith(ONTOLOGY + "#"):
                value.anchor = subject[len(ONTOLOGY) + 1 :]
            values[(*key, subject)] = value
            group.values.append(value)
        qualifier = row.get("qualifierValue")
        if qualifier is not None and "qualifier" in row:
            note = _value(qualifier, labels, lang).text
            if note and note not in value.notes:
                value.notes.append(note)
    for group in groups.values():
        group.values.sort(key=lambda value: value.text.lower())
    return sorted(groups.values(), key=lambda group: group.label.lower())


def evidence(store: Store, iri: str) -> list[Evidence]:
    """The quotes ``iri`` rests on, each with its source and the source's public page."""
    seen: dict[tuple[str, str], Evidence] = {}
    for row in store.select(load_query("evidence"), resource=ox.NamedNode(iri)):
        key = (row["quote"].value, row["source"].value)
        url = row.get("sourceUrl") or row.get("originUrl")
        if key not in seen:
            seen[key] = Evidence(quote=key[0], source=key[1], url=url.value if url else None)
        elif url is not None and seen[key].url is None:
            seen[key].url = url.value
    return list(seen.values())


def resource_page(store: Store, iri: str, lang: str) -> ResourcePage:
    """The page of ``iri``: its labels, statements, incoming links and evidence.

    Raises:
        NotFound: the graph does not hold ``iri``.
    """
    triples = description(store, iri)
    labels = labels_of(store)
    node = ox.NamedNode(iri)
    by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = {}
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, ox.NamedNode | ox.BlankNode):
            by_subject.setdefault(subject, []).append(triple)
    groups = _groups(node, by_subject, labels, lang)
    types = next((g.values for g in groups if g.predicate == RDF_TYPE), [])
    properties = [g for g in groups if g.predicate != RDF_TYPE]
    incoming = _incoming(store.select(load_query("incoming"), resource=node), labels, lang)
    return ResourcePage(
        iri=iri,
        label=labels.label(iri, lang),
        labels=labels.all_of(iri),
        types=types,
        properties=properties,
        incoming=incoming,
        evidence=evidence(store, iri),
    )


@dataclass
class GraphPage:
    """A named graph's page: its subjects and how many statements each has there."""

    iri: str
    name: str
    label: str
    subjects: list[tuple[Value, int]]


def graph_page(store: Store, name: str, lang: str) -> GraphPage:
    """The page of the named graph ``{base}graph/{name}``.

    Raises:
        NotFound: no such named graph.
    """
    iri = f"{BASE}graph/{name}"
    # The IRI is written in place of ?graph: a trailing VALUES comes after GROUP BY, where ?graph
    # is out of scope, so it bound nothing and every graph's subjects were listed, even for a
    # graph that does not exist (a page, not a 404).
    rows = store.select(substitute(load_query("graph-subjects"), graph=str(ox.NamedNode(iri))))
    if not rows:
        raise NotFound(f"no named graph <{iri}>")
    labels = labels_of(store)
    subjects = [
        (_value(ox.NamedNode(row["subject"].value), labels, lang), int(row["statements"].value))
        for row in rows
    ]
    subjects.sort(key=lambda item: item[0].text.lower())
    return GraphPage(iri, name, labels.label(iri, lang), subjects)
