"""`kg accept`: move the accepted facts of a draft into data/, merged and validated.

The accepted facts' graphs are merged with the graph in data/: a proposed activity, observation
or act that the graph already holds from another source (same key: kg.ingest.facts) becomes that
node, which then gets ``prov:wasDerivedFrom`` the new source and the new quote, and no second
label or type. The result, materialised, must conform to shapes/; only then are
``data/reports/{source}.ttl`` and ``data/sources/{source}.txt`` written, both or neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.atomic import write_files
from kg.build import LoadedDataset, load
from kg.errors import KgError
from kg.ingest.facts import ACT_CLASSES, ACTIVITY_CLASSES, QB_OBSERVATION, Keys, act_key
from kg.ingest.facts import observation_key as _observation_key
from kg.ingest.review import Draft, read_draft
from kg.materialize import Materializer
from kg.namespaces import ELI, KZL, QB, bind_prefixes
from kg.turtle import turtle_files
from kg.validate import ValidationOutcome, load_shapes, validate

QB_DATASET, QB_DATASET_OF = QB.DataSet, QB.dataSet


class AcceptError(KgError):
    """A draft cannot be accepted as asked (unknown ids, already accepted)."""


@dataclass
class Accepted:
    """What accept chose, merged and (if valid) wrote."""

    chosen: list[str]
    added: list[str] = field(default_factory=list)  # required by a chosen fact
    dropped: list[str] = field(default_factory=list)  # requiring an excluded fact
    merged: dict[URIRef, URIRef] = field(default_factory=dict)  # draft node → existing node
    outcome: ValidationOutcome | None = None
    written: list[Path] = field(default_factory=list)


def choose(draft: Draft, *, only: Iterable[str] = (), exclude: Iterable[str] = ()) -> Accepted:
    """The fact ids to accept: all, ``only`` those plus what they require, or all but
    ``exclude`` and what requires them.

    Raises:
        AcceptError: an id is not in the draft (the message names it and the option).
    """
    ids = [f.id for f in draft.facts]
    requires = {f.id: set(f.requires) for f in draft.facts}
    only, exclude = list(only), list(exclude)
    for option, given in (("--only", only), ("--except", exclude)):
        unknown = [i for i in given if i not in requires]
        if unknown:
            raise AcceptError(f"{option}: no fact {', '.join(unknown)} in the draft")
    if only:
        chosen = set(only)
        todo = list(only)
        while todo:
            for need in requires[todo.pop()]:
                if need not in chosen:
                    chosen.add(need)
                    todo.append(need)
        return Accepted(
            [i for i in ids if i in chosen], added=[i for i in ids if i in chosen - set(only)]
        )
    dropped = set(exclude)
    changed = True
    while changed:
        changed = False
        for fact_id, needs in requires.items():
            if fact_id not in dropped and needs & dropped:
                dropped.add(fact_id)
                changed = True
    return Accepted([i for i in ids if i not in dropped],
                    dropped=[i for i in ids if i in dropped - set(exclude)])  # fmt: skip


def accept(
    draft_path: Path, *, data_dir: Path, ontology_dir: Path, shapes_dir: Path,
    only: Iterable[str] = (), exclude: Iterable[str] = (),
) -> Accepted:  # fmt: skip
    """Choose, merge, validate and write (see the module docstring).

    Raises:
        NotFound, SourceError: the draft cannot be read (kg.ingest.review.read_draft).
        AcceptError: unknown ids, or the source was already accepted.
    """
    draft = read_draft(draft_path)
    source = draft.source.rsplit("/", 1)[-1]
    report = data_dir / "reports" / f"{source}.ttl"
    text = data_dir / "sources" / f"{source}.txt"
    for path in (report, text):
        if path.exists():
            raise AcceptError(f"{path}: exists; source {source!r} was accepted already")
    accepted = choose(draft, only=only, exclude=exclude)
    graph = Graph()
    bind_prefixes(graph)
    for fact_id in accepted.chosen:
        graph += draft.dataset.graph(URIRef(f"{_index(draft)}/{fact_id}"))
    loaded = load(ontology_dir, data_dir)
    ontology_files = set(turtle_files(ontology_dir))
    ontology, existing = Graph(), Graph()
    for iri, path in loaded.files.items():
        (ontology if path in ontology_files else existing).__iadd__(loaded.dataset.graph(iri))
    accepted.merged = merge(graph, existing, loaded)
    materialised = Graph()
    materialised += graph
    Materializer([ontology]).apply(materialised)
    accepted.outcome = validate(existing + materialised, load_shapes(shapes_dir),
                                ontology=ontology)  # fmt: skip
    if not accepted.outcome.conforms:
        return accepted
    header = (
        f"# Accepted with kg accept from the draft {draft_path.name}: facts "
        f"{', '.join(accepted.chosen)}.\n# Graph: https://w3id.org/kz-legal-kg/graph/{source}\n\n"
    )
    write_files({
        report: (header + graph.serialize(format="turtle")).encode("utf-8"),
        text: draft.text.encode("utf-8"),
    })  # fmt: skip
    accepted.written = [report, text]
    return accepted


def _index(draft: Draft) -> str:
    source = draft.source.rsplit("/", 1)[-1]
    return f"https://w3id.org/kz-legal-kg/draft/{source}"


def merge(graph: Graph, existing: Graph, loaded: LoadedDataset) -> dict[URIRef, URIRef]:
    """Replace, in ``graph``, each proposed node that ``existing`` already holds by that node.

    Returns the replacements made. A node the graph already holds keeps, from the draft, only
    ``prov:wasDerivedFrom`` the new source (and the new quote that names it): its labels, types,
    dimensions and roles are the graph's already, and a second dataset or label would break
    the shapes' cardinalities.
    """
    known = {s for s in existing.subjects() if isinstance(s, URIRef)}
    theirs = Keys(existing, known)
    replaced: dict[URIRef, URIRef] = {}
    # In phases: activities are keyed by the acts and figures they used or measured, so those
    # are merged (renamed) first.
    for classes in ((QB_OBSERVATION, ELI.LegalResource, KZL.Directive, PROV.Plan),
                    (QB_DATASET,), (PROV.Activity,)):  # fmt: skip
        index: dict[tuple[object, ...], URIRef] = {}
        for node in _candidates(existing, classes):
            for key in node_keys(existing, node, theirs):
                index.setdefault(key, node)
        mine = Keys(graph, known)
        found = {}
        for node in sorted(_candidates(graph, classes), key=str):
            if node not in known:
                matches = [index[k] for k in node_keys(graph, node, mine) if k in index]
                if matches and matches[0] != node:
                    found[node] = matches[0]
        if classes == (QB_DATASET,):
            found = _datasets(graph, existing, replaced)
        for old, new in found.items():
            _rename(graph, old, new)
        replaced.update(found)
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    # A duplicate keeps only its new source; a node the draft names by the graph's own IRI
    # keeps what it adds (a type, a relation) but not a second label.
    for node in subjects & set(replaced.values()):
        _strip(graph, node, keep=(PROV.wasDerivedFrom,))
    for node in (subjects & known) - set(replaced.values()):
        for label in (RDFS.label, SKOS.prefLabel):
            graph.remove((node, label, None))
    return replaced


def _strip(graph: Graph, node: URIRef, *, keep: tuple[URIRef, ...]) -> None:
    for _, predicate, obj in list(graph.triples((node, None, None))):
        if predicate not in keep:
            graph.remove((node, predicate, obj))
            if isinstance(obj, BNode):
                graph.remove((obj, None, None))


def _datasets(
    graph: Graph, existing: Graph, replaced: dict[URIRef, URIRef]
) -> dict[URIRef, URIRef]:
    """A new dataset all of whose observations are one existing dataset's is that dataset."""
    found = {}
    for dataset in set(graph.subjects(RDF.type, QB_DATASET)):
        observations = set(graph.subjects(QB_DATASET_OF, dataset))
        if not observations or not observations <= set(replaced.values()):
            continue
        targets = {existing.value(o, QB_DATASET_OF) for o in observations}
        target = targets.pop() if len(targets) == 1 else None
        if isinstance(target, URIRef) and isinstance(dataset, URIRef):
            found[dataset] = target
    return found


def _candidates(graph: Graph, classes: tuple[URIRef, ...]) -> set[URIRef]:
    return {s for cls in classes for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def node_keys(graph: Graph, node: URIRef, keys: Keys) -> list[tuple[object, ...]]:
    """What makes two nodes the same fact (kg.ingest.facts; docs/ingest.md): one key, or for a
    directive or plan, which is known by its wording, one key per label."""
    types = set(graph.objects(node, RDF.type))
    if KZL.Directive in types or PROV.Plan in types:
        return [("named", words) for words in _words(graph, node)]
    return [node_key(graph, node, keys)]


def node_key(graph: Graph, node: URIRef, keys: Keys) -> tuple[object, ...]:
    """The key of an observation, act or activity (see node_keys)."""
    types = set(graph.objects(node, RDF.type))
    if QB_OBSERVATION in types:
        return ("figure", *_observation_key(graph, node, keys))
    if ELI.LegalResource in types:
        cls = next((c for c in ACT_CLASSES if c in types), None)
        date = graph.value(node, ELI.date_document)
        return ("act", str(cls), act_key(graph, node, keys), str(date))
    cls = next((c for c in ACTIVITY_CLASSES if c in types), None)
    roles = frozenset(
        (keys.key(graph.value(a, PROV.agent)), str(graph.value(a, PROV.hadRole)))
        for a in graph.objects(node, PROV.qualifiedAssociation)
    )
    figures = frozenset(
        _observation_key(graph, o, keys)
        for o in set(graph.objects(node, KZL.quantifiedBy))
        | set(graph.subjects(PROV.wasGeneratedBy, node))
        if QB_OBSERVATION in set(graph.objects(o, RDF.type))
    )
    used = frozenset(keys.key(u) for u in graph.objects(node, PROV.used))
    return ("activity", str(cls), roles, figures, used, str(graph.value(node, DCTERMS.date)))


def _words(graph: Graph, node: URIRef) -> Iterable[str]:
    """The labels of a node in the languages of the sources, folded: directives and plans are
    known by their wording."""
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language in ("ru", "kk"):
            yield re.sub(r"\W+", " ", str(label)).strip().casefold()


def _rename(graph: Graph, old: URIRef, new: URIRef) -> None:
    for s, p, o in list(graph.triples((old, None, None))):
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o in list(graph.triples((None, None, old))):
        graph.remove((s, p, o))
        graph.add((s, p, new))
