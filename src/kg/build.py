"""Load ontology/ and data/ into a Dataset (one named graph per file) and build dist/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.atomic import check_writable
from kg.dist import write_dist
from kg.errors import BuildError, SourceError
from kg.iris import graph_iri
from kg.materialize import Materializer
from kg.namespaces import KZL, bind_prefixes, new_graph
from kg.ontology import unlabelled_terms
from kg.turtle import canonical, parse_turtle, turtle_files
from kg.validate import Engine, ValidationOutcome, load_shapes, validate


@dataclass(frozen=True)
class LoadedDataset:
    """The loaded Dataset and, for each named graph, the file it came from."""

    dataset: Dataset
    files: dict[URIRef, Path] = field(default_factory=dict)

    def graphs(self) -> Iterator[Graph]:
        """Yield the named graphs in IRI order."""
        for iri in sorted(self.files):
            yield self.dataset.graph(iri)

    def union(self) -> Graph:
        """Return a new Graph holding every triple of every named graph."""
        union = new_graph()
        for graph in self.graphs():
            union += graph
        return union

    def files_with_subject(self, node: Node) -> list[Path]:
        """Return the files whose graph has ``node`` as a subject, in path order."""
        return sorted(
            path
            for iri, path in self.files.items()
            if (node, None, None) in self.dataset.graph(iri)
        )


def load(*roots: Path) -> LoadedDataset:
    """Parse every ``*.ttl`` under ``roots`` into named graph ``{base}graph/{stem}``.

    Blank nodes get canonical labels (see kg.turtle.canonical); non-Turtle files are ignored.
    The superclasses and superproperties of ``kzl:`` terms are stated (kg.materialize).

    Raises:
        NotFound: a root does not exist.
        SourceError: a file is not valid Turtle (names file and line), or has no statements.
        BuildError: two files share a stem, or a stem is not kebab-case.
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    files: dict[URIRef, Path] = {}
    for path in turtle_files(*roots):
        try:
            iri = graph_iri(path.stem)
        except ValueError as exc:
            raise BuildError(f"{path}: {exc}") from exc
        if iri in files:
            raise BuildError(
                f"duplicate file stem {path.stem!r}: {files[iri]} and {path} "
                f"would both become graph <{iri}>"
            )
        files[iri] = path
        graph = dataset.graph(iri)
        parsed = parse_turtle(path, base=str(iri))
        if not parsed:
            # An empty file (or one of comments only) is a save cut short more often than a
            # graph meant to be empty; it would be published as an empty named graph.
            raise SourceError(path, None, "no statements: the file is empty or only comments")
        graph += canonical(parsed, scope=str(iri))
    # Entailments of kzl: terms stay in the graph of the triple they follow from.
    materializer = Materializer(dataset.graph(iri) for iri in files)
    for iri in files:
        materializer.apply(dataset.graph(iri))
    return LoadedDataset(dataset, files)


def load_dataset(*roots: Path) -> Dataset:
    """Return the Dataset of load(*roots): one named graph per Turtle file.

    Raises:
        NotFound, SourceError, BuildError: as load().
    """
    return load(*roots).dataset


@dataclass(frozen=True)
class BuildResult:
    """What a build found and wrote; ``written`` is empty when the data did not conform."""

    loaded: LoadedDataset
    outcome: ValidationOutcome
    written: tuple[Path, ...] = ()


def build(
    *, ontology_dir: Path, data_dir: Path, shapes_dir: Path, out: Path, engine: Engine = "auto"
) -> BuildResult:
    """Load, validate and, only if the data conforms, write the distribution files to ``out``.

    ``engine`` picks the SHACL engine (kg.validate.validate; default: the SPARQL one).

    ``out`` is replaced as a whole; on any failure the previous ``out`` is left untouched.

    Raises:
        NotFound, SourceError, BuildError: as load(), or ``out`` cannot be written, or an
            ontology term lacks its labels.
        ValidationError: the shapes cannot be run.
    """
    check_writable(out)  # before loading and validating, which take seconds
    loaded = load(ontology_dir, data_dir)
    ontology_files = set(turtle_files(ontology_dir))
    ontology = new_graph()
    data = new_graph()
    for iri, path in loaded.files.items():
        target = ontology if path in ontology_files else data
        target += loaded.dataset.graph(iri)
    _check_labels(loaded, ontology_files, ontology)
    outcome = validate(data, load_shapes(shapes_dir), ontology=ontology, engine=engine)
    if not outcome.conforms:
        return BuildResult(loaded, outcome)
    written = write_dist(loaded.dataset, sorted(loaded.files), out)
    return BuildResult(loaded, outcome, tuple(written))


def _check_labels(loaded: LoadedDataset, ontology_files: set[Path], ontology: Graph) -> None:
    """Refuse a kzl: term without its English and Russian labels: the shapes check the data,
    not the ontology, so such a term was published unnamed.

    Raises:
        BuildError: names the term, the file that declares it and, where found, the line.
    """
    for term, lacking in unlabelled_terms(ontology).items():
        path = next(
            path
            for iri, path in sorted(loaded.files.items())
            if path in ontology_files and (term, None, None) in loaded.dataset.graph(iri)
        )
        name = "kzl:" + term.removeprefix(str(KZL))
        text = path.read_text(encoding="utf-8")
        pattern = rf"^(?:{re.escape(name)}|<{re.escape(term)}>)(?!\S)"
        written = re.search(pattern, text, flags=re.MULTILINE)
        line = text.count("\n", 0, written.start()) + 1 if written else None
        where = f"{path}:{line}" if line else str(path)
        raise BuildError(
            f"{where}: {name} has no rdfs:label in {' or '.join(lacking)}; every ontology term "
            "is labelled in English and Russian (and Kazakh)"
        )
