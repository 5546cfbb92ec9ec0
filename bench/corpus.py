"""Corpora of N triples for the benchmark, cached under ``bench/.cache/``.

``kg synth --triples N --seed S --out DIR`` makes the corpus when this checkout has it. Until
then a stand-in is made here: the ontology graphs of the built ``dist/dataset.nq`` once, plus
copies of its data graphs (sources, reference names, quotes) with renamed IRIs, blank nodes and
labels, until N quads are written. Copies chain their amending laws (``eli:amends``) in runs of
20 so that property paths have something to walk.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from bench.servers import BIN, kg_has_command

BASE = "https://w3id.org/kz-legal-kg/"
ONTOLOGY_GRAPHS = frozenset(f"<{BASE}graph/{stem}>" for stem in ("kzl", "kzl-schemes", "kzl-cube"))
VOID_GRAPH = f"<{BASE}graph/void>"
# Shared reference resources keep their IRIs in every copy (concept schemes, areas, periods…).
SHARED_KINDS = frozenset({"concept", "scheme", "area", "period", "structure"})
LABEL_PREDICATES = (
    "<http://www.w3.org/2000/01/rdf-schema#label>",
    "<http://www.w3.org/2004/02/skos/core#prefLabel>",
    "<http://www.w3.org/2004/02/skos/core#altLabel>",
)
AMENDS = "<http://data.europa.eu/eli/ontology#amends>"
CHAIN_RUN = 20

_ID = re.compile(r"<https://w3id\.org/kz-legal-kg/id/([a-z]+)/")
_GRAPH = re.compile(r"<https://w3id\.org/kz-legal-kg/graph/([a-z0-9-]+)>")
_BNODE = re.compile(r"(^| )_:([A-Za-z0-9_.-]+)")
_LABEL = re.compile(r'^(.* )"((?:[^"\\]|\\.)*)"(@[A-Za-z-]+|\^\^<[^>]+>)( <[^>]+> \.)$')


@dataclass(frozen=True)
class Corpus:
    """A directory holding ``dataset.nq`` (what ``kg serve --dist`` reads) and its origin."""

    directory: Path
    quads: int
    origin: str

    @property
    def nq(self) -> Path:
        return self.directory / "dataset.nq"


def parse_size(text: str) -> int:
    """``100k`` → 100000, ``1m`` → 1000000, ``2500`` → 2500."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def size_name(n: int) -> str:
    """1000000 → ``1m``, 100000 → ``100k``."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def get_corpus(n: int, *, real_dist: Path, cache: Path, seed: int = 1) -> Corpus:
    """The corpus of about ``n`` triples: ``kg synth`` if present, else the stand-in; cached."""
    has_synth, _ = kg_has_command("synth", "--triples")
    if has_synth:
        out = cache / f"synth-{size_name(n)}-s{seed}"
        if not (out / "dataset.nq").is_file() or not (out / "manifest.json").is_file():
            shutil.rmtree(out, ignore_errors=True)
            argv = [str(BIN / "kg"), "synth", "--triples", str(n), "--seed", str(seed)]
            started = time.perf_counter()
            subprocess.run([*argv, "--out", str(out)], check=True, timeout=1800)
            print(f"  kg synth {size_name(n)}: {time.perf_counter() - started:.1f} s")
        return Corpus(out, count_lines(out / "dataset.nq"), f"kg synth --seed {seed}")
    out = cache / f"standin-{size_name(n)}"
    if not (out / "dataset.nq").is_file():
        make_standin(real_dist / "dataset.nq", out, n)
    return Corpus(out, count_lines(out / "dataset.nq"), "stand-in: dist/ data graphs replicated")


def _rename(line: str, copy: int) -> str:
    def iri(match: re.Match[str]) -> str:
        kind = match.group(1)
        return match.group(0) if kind in SHARED_KINDS else f"<{BASE}id/{kind}/s{copy}-"

    line = _ID.sub(iri, line)
    line = _GRAPH.sub(lambda m: f"<{BASE}graph/{m.group(1)}-s{copy}>", line)
    line = _BNODE.sub(lambda m: f"{m.group(1)}_:{m.group(2)}s{copy}", line)
    if any(f" {p} " in line for p in LABEL_PREDICATES):
        labelled = _LABEL.match(line)
        if labelled and labelled.group(3).startswith("@"):
            head, text, tag, tail = labelled.groups()
            line = f'{head}"{text} ({copy})"{tag}{tail}'
    return line


def make_standin(source: Path, out: Path, n: int) -> None:
    """Write ``out/dataset.nq``: ontology graphs once, then renamed copies of the data graphs."""
    started = time.perf_counter()
    ontology: list[str] = []
    data: list[str] = []
    amending: list[str] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2]
        if graph in ONTOLOGY_GRAPHS:
            ontology.append(line)
        elif graph != VOID_GRAPH:
            data.append(line)
            if f" {AMENDS} " in line:
                amending.append(line.split(" ", 1)[0])
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    written = 0
    with (tmp / "dataset.nq").open("w", encoding="utf-8") as handle:
        for line in ontology:
            handle.write(line + "\n")
        written += len(ontology)
        copy = 0
        while written < n:
            for line in data:
                handle.write(_rename(line, copy) + "\n")
            written += len(data)
            if copy % CHAIN_RUN:
                graph = _rename(f"<{BASE}graph/names>", copy)
                for law in amending:
                    newer, older = _rename(law, copy), _rename(law, copy - 1)
                    handle.write(f"{newer} {AMENDS} {older} {graph} .\n")
                    written += 1
            copy += 1
    manifest = {"origin": "stand-in", "source": str(source), "quads": written, "copies": copy}
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    print(f"  stand-in corpus {out.name}: {written} quads, {time.perf_counter() - started:.1f} s")


def merged_dir(real_dist: Path, corpus: Corpus, cache: Path) -> Path:
    """A directory whose ``dataset.nq`` is the real graph plus the corpus (graphs differ)."""
    out = cache / f"merged-{corpus.directory.name}"
    target = out / "dataset.nq"
    sources = [real_dist / "dataset.nq", corpus.nq]
    fresh = target.is_file() and all(target.stat().st_mtime >= s.stat().st_mtime for s in sources)
    if not fresh:
        out.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            for source in sources:
                with source.open("rb") as part:
                    shutil.copyfileobj(part, handle, 1 << 20)
    return out


# Picks the IRIs and strings the six queries are bound to: the bodies with most actions, then
# bodies spread over the ranking, their labels, laws that amend something, and units.
PICKS = {
    "body": """
        SELECT ?body (COUNT(?activity) AS ?n) WHERE {
          ?activity prov:qualifiedAssociation ?q . ?q prov:agent ?body .
          ?body a org:Organization .
        } GROUP BY ?body ORDER BY DESC(?n) ?body""",
    "law": """
        SELECT ?law (COUNT(DISTINCT ?amended) AS ?n) WHERE { ?law eli:amends+ ?amended }
        GROUP BY ?law ORDER BY DESC(?n) ?law""",
    "unit": """
        SELECT ?unit (COUNT(?obs) AS ?n) WHERE { ?obs sdmx-attribute:unitMeasure ?unit }
        GROUP BY ?unit ORDER BY DESC(?n) ?unit""",
}
PREFIXES = {
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def _spread(items: list[str], k: int) -> list[str]:
    """``k`` items evenly spread over ``items`` (first, …, last), in order."""
    if len(items) <= k:
        return items
    return [items[round(i * (len(items) - 1) / (k - 1))] for i in range(k)]


def pick_bindings(corpus: Corpus, *, k: int = 5) -> dict[str, list[str]]:
    """Terms (N-Triples syntax) for each variable the queries bind; cached beside the corpus."""
    cached = corpus.directory / "bench-bindings.json"
    if cached.is_file() and cached.stat().st_mtime >= corpus.nq.stat().st_mtime:
        picks: dict[str, list[str]] = json.loads(cached.read_text())
        return picks
    store = ox.Store()
    store.bulk_load(path=corpus.nq, format=ox.RdfFormat.N_QUADS)

    def column(query: str, name: str) -> list[str]:
        solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return [str(row[name]) for row in solutions if row[name] is not None]

    bodies = column(PICKS["body"], "body")
    picks = {
        "body": _spread(bodies, k),
        "law": _spread(column(PICKS["law"], "law"), k),
        "unit": column(PICKS["unit"], "unit")[:k],
    }
    labels: list[str] = []
    for body in picks["body"]:
        found = column(
            f"SELECT ?label WHERE {{ {body} rdfs:label ?label }} ORDER BY ?label", "label"
        )
        labels.extend(found[:1])
    picks["label"] = labels
    cached.write_text(json.dumps(picks, ensure_ascii=False, indent=2))
    return picks
