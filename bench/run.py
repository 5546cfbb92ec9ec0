"""The benchmark: load, queries, HTTP latency and throughput, /api/ask, SHACL, cold start.

``python -m bench.run --sizes 100k,1m --repeat 30`` (``make bench``), or ``--quick`` (100k,
few repeats; ``make bench-quick``). Prints markdown tables and the targets with PASS/MISS, and
writes ``bench/results/latest.json``. Every server runs on loopback in its own process group
and is stopped at the end; every loop is bounded in count and time. Figures, not tests: the
exit code is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from bench import profiles, report
from bench.corpus import Corpus, get_corpus, merged_dir, parse_size, pick_bindings, size_name
from bench.questions import QUESTIONS
from bench.servers import (
    PeakSampler,
    Server,
    kg_has_command,
    load_oxigraph,
    start_kg,
    start_oxigraph,
    start_rdflib_endpoint,
    tree_rss,
)
from bench.workload import (
    GRAPH_TURTLE,
    LOOKUP_MIX,
    Query,
    Timing,
    concurrent,
    load_queries,
    sequential,
)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


@dataclass(frozen=True)
class Plan:
    """How much to measure; ``--quick`` shrinks every count and budget."""

    sizes: list[int]
    repeat: int  # timed requests per query and endpoint
    load_repeat: int
    query_budget_s: float  # per query and endpoint
    throughput_budget_s: float
    clients: int
    ask_repeat: int
    rdflib_limit_s: float  # to load the corpus into rdflib-endpoint
    rdflib_timeout_s: float  # one request to rdflib-endpoint
    shacl_limit_s: float
    cold_starts: int


def plan_of(args: argparse.Namespace) -> Plan:
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        return Plan(sizes, args.repeat or 10, 1, 4, 3, 8, 5, 60, 10, 30, 3)
    return Plan(sizes, args.repeat or 30, 3, 15, 6, 8, 15, 180, 30, args.shacl_limit, 5)


def read_result(process: subprocess.Popen[bytes], limit_s: float) -> dict[str, Any] | None:
    """The first JSON line without a ``stage`` key the probe prints, within ``limit_s``."""
    assert process.stdout is not None
    deadline = time.perf_counter() + limit_s
    buffer = b""
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                return None
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                with contextlib.suppress(ValueError):
                    payload: dict[str, Any] = json.loads(line)
                    if "stage" not in payload:
                        return payload
        elif process.poll() is not None:
            return None
    return None


def probe(*argv: str, limit_s: float) -> tuple[dict[str, Any] | None, int, int]:
    """Run ``python -m bench.probe ARGV``: (its JSON, peak tree RSS, steady tree RSS)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.probe", *argv],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        with PeakSampler(process.pid) as sampler:
            result = read_result(process, limit_s)
            steady = tree_rss(process.pid)
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.write(b"\n")
                process.stdin.flush()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        return result, sampler.peak, steady
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def measure_load(corpus: Corpus, plan: Plan) -> dict[str, Any]:
    """Our store (all worker processes) versus pyoxigraph's bulk load of the same file, in
    memory and on disk (each disk run into a fresh directory: no reuse)."""
    out: dict[str, Any] = {}
    kinds = (
        ("load-anchor", "anchor"),
        ("load-ours", "ours"),
        ("load-anchor-disk", "anchor-disk"),
        ("load-ours-disk", "ours-disk"),
    )
    for kind, label in kinds:
        seconds, peaks, steadies = [], [], []
        for _ in range(plan.load_repeat):
            with tempfile.TemporaryDirectory(dir=CACHE, prefix="load-") as scratch:
                extra = ["--at", str(Path(scratch) / "store")] if kind.endswith("-disk") else []
                result, peak, steady = probe(kind, str(corpus.directory), *extra, limit_s=900)
            if result is None:
                out[label] = {"error": "the probe failed or passed 900 s"}
                break
            seconds.append(result["seconds"])
            peaks.append(peak)
            steadies.append(steady)
        else:
            out[label] = {
                "seconds": statistics.median(seconds),
                "runs_s": [round(s, 3) for s in seconds],
                "peak_rss": max(peaks),
                "steady_rss": statistics.median(steadies),
                "quads": result["quads"] if result else None,
                "workers": result.get("workers", 1) if result else None,
            }
    for suffix in ("", "-disk"):
        ours, anchor = out.get("ours" + suffix, {}), out.get("anchor" + suffix, {})
        if "seconds" in ours and "seconds" in anchor:
            out["ratio" + suffix] = ours["seconds"] / anchor["seconds"]
    return out


def texts_for(query: Query, picks: dict[str, list[str]], server: str = "") -> list[tuple[str, str]]:
    """(query text, Accept) for each picked term.

    rdflib-endpoint serialises only CONSTRUCT results as graphs: a DESCRIBE gets RDF/XML, the
    one graph format its results table maps (``application/xml``).
    """
    accept = query.accept
    if server == "rdflib-endpoint" and accept == GRAPH_TURTLE:
        accept = "application/xml"
    return [(query.bound(term), accept) for term in picks.get(query.variable, [])]


def measure_endpoint(
    server: Server, queries: list[Query], picks: dict[str, list[str]], plan: Plan
) -> dict[str, Any]:
    """Sequential latency of each query, then throughput of the lookup mix (1 and N clients)."""
    slow = server.name == "rdflib-endpoint"
    timeout_s = plan.rdflib_timeout_s if slow else 60
    budget = plan.query_budget_s * (2 if slow else 1)
    per_query: dict[str, Any] = {}
    broken = ""
    for query in queries:
        texts = texts_for(query, picks, server.name)
        if not texts:
            per_query[query.name] = {"skipped": f"no ?{query.variable} found in the corpus"}
            continue
        if broken:
            per_query[query.name] = {"skipped": broken}
            continue
        timing = sequential(
            server.sparql_url,
            texts,
            n=plan.repeat,
            budget_s=budget,
            timeout_s=timeout_s,
            warmup=1 if slow else 2,
        )
        per_query[query.name] = timing.summary()
        if timing.errors and "timed out" in " ".join(timing.errors):
            per_query[query.name]["timeout_s"] = timeout_s
            broken = f"not run: the server was still busy with a query past {timeout_s:g} s"
        print(f"    {server.name:16} {query.name:26} {report.cell(timing)}", flush=True)
    mix = [t for q in queries if q.name in LOOKUP_MIX for t in texts_for(q, picks, server.name)]
    throughput: dict[str, Any] = {}
    if mix and not broken:
        before = profiles.cpu_seconds(server.pid)
        seq = sequential(
            server.sparql_url,
            mix,
            n=100_000,
            budget_s=plan.throughput_budget_s,
            timeout_s=timeout_s,
        )
        middle = profiles.cpu_seconds(server.pid)
        conc = concurrent(
            server.sparql_url,
            mix,
            clients=plan.clients,
            n=100_000,
            budget_s=plan.throughput_budget_s,
            timeout_s=timeout_s,
        )
        after = profiles.cpu_seconds(server.pid)
        throughput = {
            "sequential": seq.summary(),
            "concurrent": conc.summary(),
            "clients": plan.clients,
            "cpu_ms_per_request": _cpu_per_request(middle, after, conc.n),
            "cpu_ms_per_request_sequential": _cpu_per_request(before, middle, seq.n),
        }
        print(
            f"    {server.name:16} {'lookup mix, 1 client':26} {report.cell(seq)}\n"
            f"    {server.name:16} {f'lookup mix, {plan.clients} clients':26} {report.cell(conc)}",
            flush=True,
        )
    return {
        "url": server.sparql_url,
        "ready_s": server.started_s,
        "queries": per_query,
        "throughput": throughput,
        "rss": server.rss(),
        "rss_by_process": profiles.per_process_rss(server.pid),
        "notes": server.notes,
    }


def _cpu_per_request(a: dict[str, float], b: dict[str, float], n: int) -> dict[str, float]:
    if not n:
        return {}
    return {key: round(1000 * (b[key] - a[key]) / n, 3) for key in a}


def measure_ask(directory: Path, plan: Plan, logs: Path) -> dict[str, Any]:
    """/api/ask p50/p95 for each example question, on the real graph plus the corpus."""
    server = start_kg(directory, logs)
    try:
        base = server.sparql_url.rsplit("/", 1)[0] + "/api/ask"
        per: dict[str, Any] = {}
        pooled = Timing()
        for question in QUESTIONS:
            timing = sequential(
                base,
                [(question, "application/json")],
                n=plan.ask_repeat,
                budget_s=plan.query_budget_s,
                param="q",
            )
            summary = timing.summary()
            summary["answers"] = _answer_count(base, question)
            per[question] = summary
            pooled.times_ms.extend(timing.times_ms)
            pooled.errors.extend(timing.errors)
        return {
            "questions": per,
            "all": pooled.summary(),
            "rss": server.rss(),
            "quads_served": directory.name,
        }
    finally:
        server.stop()


def _answer_count(base: str, question: str) -> int | None:
    from bench.workload import Connection

    conn = Connection(base, 30, param="q")
    try:
        status, body = conn.get(question, "application/json")
        if status != 200:
            return None
        return len(json.loads(body).get("answers", []))
    except (OSError, ValueError):
        return None
    finally:
        conn.close()


def measure_shacl(corpus: Corpus, plan: Plan, engines: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for engine in engines:
        result, peak, _ = probe("shacl", str(corpus.directory), engine, limit_s=plan.shacl_limit_s)
        if result is None:
            out[engine] = {"exceeded_s": plan.shacl_limit_s, "peak_rss": peak}
        else:
            result["us_per_triple"] = 1e6 * result["validate_s"] / max(1, result["triples"])
            result["peak_rss"] = peak
            out[engine] = result
        print(f"    SHACL {engine}: {report.shacl_cell(out[engine])}", flush=True)
    return out


def measure_revalidate(corpus: Corpus, plan: Plan, engines: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for engine in engines:
        args = ["revalidate", str(corpus.directory), engine]
        result, _, _ = probe(*args, limit_s=plan.shacl_limit_s)
        out[engine] = result or {"exceeded_s": plan.shacl_limit_s}
        print(f"    re-validation {engine}: {report.revalidate_cell(out[engine])}", flush=True)
    return out


def measure_cold_start(dist: Path, plan: Plan, logs: Path) -> dict[str, Any]:
    """``kg serve`` on the real graph: process start to the first 200 on a trivial ASK."""
    runs = []
    for _ in range(plan.cold_starts):
        started = time.perf_counter()
        server = start_kg(dist, logs, limit_s=60)
        runs.append(time.perf_counter() - started)
        server.stop()
    return {"median_s": statistics.median(runs), "runs_s": [round(r, 3) for r in runs]}


def shacl_engines() -> tuple[list[str], str]:
    """kg (judged) and pyshacl (reference) always; pyshacl-turbo when it imports (it is not a
    project dependency)."""
    try:
        import pyshacl_turbo  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return ["kg", "pyshacl"], "pyshacl-turbo is not installed (pip install pyshacl-turbo)"
    return ["kg", "pyshacl", "turbo"], ""


def run_size(
    n: int, plan: Plan, dist: Path, logs: Path, engines: list[str], remote: tuple[bool, str]
) -> dict[str, Any]:
    name = size_name(n)
    print(f"\n## {name} triples", flush=True)
    corpus = get_corpus(n, real_dist=dist, cache=CACHE)
    picks = pick_bindings(corpus)
    queries = load_queries()
    result: dict[str, Any] = {
        "size": name,
        "corpus": {
            "directory": str(corpus.directory),
            "quads": corpus.quads,
            "origin": corpus.origin,
        },
        "bindings": picks,
        "endpoints": {},
        "skipped": {},
    }
    print(f"  corpus: {corpus.quads} quads ({corpus.origin})", flush=True)
    print("  load: ours (PooledStore) vs pyoxigraph bulk_load", flush=True)
    result["load"] = measure_load(corpus, plan)
    endpoints: dict[str, Any] = result["endpoints"]

    server: Server | None = None
    # kg: each worker holds the graph in memory; kg-disk: the workers share one on-disk store.
    for label, store_dir in (("kg", None), ("kg-disk", CACHE / f"kg-store-{name}")):
        try:
            server = start_kg(corpus.directory, logs, store_dir=store_dir)
            endpoints[label] = measure_endpoint(server, queries, picks, plan)
        except RuntimeError as exc:
            result["skipped"][label] = str(exc)
        finally:
            if server:
                server.stop()
                server = None

    location = CACHE / f"oxigraph-{name}"
    oxigraph: Server | None = None
    try:
        result["oxigraph_load_s"] = load_oxigraph(corpus.nq, location)
        oxigraph = start_oxigraph(location, logs)
        endpoints["oxigraph"] = measure_endpoint(oxigraph, queries, picks, plan)
        if remote[0]:
            try:
                endpoint = oxigraph.sparql_url
                server = start_kg(corpus.directory, logs, endpoint=endpoint)
                endpoints["kg-remote"] = measure_endpoint(server, queries, picks, plan)
            except RuntimeError as exc:
                result["skipped"]["kg-remote"] = str(exc)
            finally:
                if server:
                    server.stop()
                    server = None
        else:
            result["skipped"]["kg-remote"] = remote[1]
    except RuntimeError as exc:
        result["skipped"]["oxigraph"] = str(exc)
    finally:
        if oxigraph:
            oxigraph.stop()

    try:
        started = time.perf_counter()
        server = start_rdflib_endpoint(corpus.nq, logs, limit_s=plan.rdflib_limit_s)
        server.started_s = time.perf_counter() - started
        endpoints["rdflib-endpoint"] = measure_endpoint(server, queries, picks, plan)
    except RuntimeError as exc:
        result["skipped"]["rdflib-endpoint"] = str(exc)
        print(f"    rdflib-endpoint: {exc}", flush=True)
    finally:
        if server:
            server.stop()
            server = None

    result["ask"] = measure_ask(merged_dir(dist, corpus, CACHE), plan, logs)
    print(f"    /api/ask, real graph + corpus: {report.ask_cell(result['ask'])}", flush=True)
    result["shacl"] = measure_shacl(corpus, plan, engines)
    result["revalidate"] = measure_revalidate(corpus, plan, engines)
    result["profiles"] = {}
    return result


def add_profiles(result: dict[str, Any], rows: list[report.Target], dist: Path) -> None:
    """Fill ``result['profiles']`` with one line per missed target of this size."""
    missed = {row.key for row in rows if row.status == "MISS" and row.size == result["size"]}
    lines: dict[str, str] = result["profiles"]
    if not missed:
        return
    directory = Path(result["corpus"]["directory"])
    sparql_missed = [k for k in missed if k.startswith("sparql:")]
    if sparql_missed:
        store = ox.Store()
        store.bulk_load(path=directory / "dataset.nq", format=ox.RdfFormat.N_QUADS)
        queries = {q.name: q for q in load_queries()}
        for key in sparql_missed:
            query = queries[key.split(":", 1)[1]]
            terms = result["bindings"].get(query.variable, [])
            ours = result["endpoints"]["kg"]["queries"][query.name]["p50_ms"]
            anchor = result["endpoints"]["oxigraph"]["queries"][query.name]["p50_ms"]
            engine = profiles.engine_ms(store, query, terms)
            lines[key] = profiles.sparql_line(query.name, ours, anchor, engine)
        del store
    if "throughput" in missed:
        ours = result["endpoints"]["kg"]["throughput"]["cpu_ms_per_request"]
        anchor = result["endpoints"]["oxigraph"]["throughput"]["cpu_ms_per_request"]
        lines["throughput"] = (
            f"server CPU per request under {result['endpoints']['kg']['throughput']['clients']} "
            f"clients: ours {ours.get('leader', 0):.2f} ms in the uvicorn process + "
            f"{ours.get('children', 0):.2f} ms in the query workers, oxigraph "
            f"{anchor.get('leader', 0) + anchor.get('children', 0):.2f} ms; with 2 cores "
            "shared with the client threads, the Python front process is the bottleneck"
        )
    if "load" in missed:
        load = result["load"]
        imports = profiles.import_seconds("kg.store.memory")
        lines["load"] = (
            f"ours {load['ours']['seconds']:.2f} s vs bulk_load {load['anchor']['seconds']:.2f} s: "
            f"{load['ours']['workers']} spawned workers each start Python and import kg "
            f"({imports:.2f} s measured) then bulk-load the whole file, in parallel on "
            f"{os.cpu_count()} cores"
        )
    if "rss" in missed:
        by = result["endpoints"]["kg"]["rss_by_process"]
        parts = " + ".join(f"{name} {rss / 2**20:.0f} MB" for name, rss in by)
        anchor = result["load"]["anchor"]["steady_rss"] / 2**20
        lines["rss"] = (
            f"{parts}: every query worker holds a full copy of the store "
            f"(one pyoxigraph store alone: {anchor:.0f} MB with its interpreter)"
        )
    if "ask" in missed:
        merged = merged_dir(dist, Corpus(directory, 0, ""), CACHE)
        lines["ask"] = profiles.ask_profile(merged, QUESTIONS)
    for engine in report.SHACL_ENGINES:
        if f"shacl:{engine}" in missed or f"revalidate:{engine}" in missed:
            args = ["revalidate", str(directory), engine, "--profile"]
            found, _, _ = probe(*args, limit_s=300)
            if found:
                line = f"cProfile of {engine} on one graph + references: {found['profile']}"
                if f"shacl:{engine}" in missed:
                    lines[f"shacl:{engine}"] = line
                if f"revalidate:{engine}" in missed:
                    lines[f"revalidate:{engine}"] = line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m", help="e.g. 100k,1m,10m")
    parser.add_argument("--repeat", type=int, default=0, help="timed requests per query")
    parser.add_argument("--quick", action="store_true", help="100k only, few repeats")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--shacl-limit", type=float, default=240.0, help="seconds per run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = "100k"
    plan = plan_of(args)
    if not (args.dist / "dataset.nq").is_file():
        print(f"{args.dist}/dataset.nq is missing: run `make build` first", file=sys.stderr)
        return 2
    logs = args.out.parent / "logs"
    started = time.perf_counter()
    engines, engine_note = shacl_engines()
    remote = kg_has_command("serve", "--endpoint")
    results: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__,
            "platform": platform.platform(),
        },
        "plan": plan.__dict__,
        "notes": [n for n in (engine_note, remote[1]) if n],
        "sizes": [],
    }
    print("## cold start and the real graph", flush=True)
    results["cold_start"] = measure_cold_start(args.dist, plan, logs)
    results["shacl_real"] = measure_shacl(Corpus(args.dist, 0, "dist/"), plan, engines)
    for n in plan.sizes:
        results["sizes"].append(run_size(n, plan, args.dist, logs, engines, remote))
    rows = report.targets(results)
    for size in results["sizes"]:
        add_profiles(size, rows, args.dist)
    results["targets"] = [row.__dict__ for row in rows]
    results["seconds"] = time.perf_counter() - started
    print()
    print(report.render(results, rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    size_note = ", ".join(s["size"] for s in results["sizes"])
    print(f"\nwrote {args.out} ({size_note}; {results['seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
