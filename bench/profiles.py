"""One line each on where the time (or memory) goes, for the targets a run misses.

Cheap by design: a decomposition measured in this process (the same query run on an in-process
pyoxigraph store, imports timed in a fresh interpreter) or a short cProfile, never a long run.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pyoxigraph as ox

from bench.workload import Query

ROOT = Path(__file__).resolve().parent.parent


def top_functions(profiler: cProfile.Profile, n: int = 4) -> str:
    """The ``n`` functions with most own time, as ``file:function share%``."""
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values()) or 1.0
    rows = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:n]
    return ", ".join(f"{Path(f).stem}:{fn} {100 * v[2] / total:.0f}%" for (f, _, fn), v in rows)


def import_seconds(module: str) -> float:
    """Seconds a fresh interpreter takes to import ``module`` (median of 3)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        runs.append(float(out.stdout.strip()))
    return sorted(runs)[1]


def engine_ms(store: ox.Store, query: Query, terms: list[str], repeat: int = 20) -> float:
    """Median ms pyoxigraph takes in-process to run and serialise ``query`` (union graph)."""
    times = []
    for i in range(repeat):
        text = query.bound(terms[i % len(terms)])
        start = time.perf_counter()
        result = store.query(text, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, format=ox.RdfFormat.TURTLE)
        elif isinstance(result, ox.QuerySolutions):
            result.serialize(format=ox.QueryResultsFormat.JSON)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def sparql_line(name: str, ours_ms: float, anchor_ms: float, engine: float) -> str:
    """Split our p50 into the query engine's share and the service's own overhead."""
    overhead = ours_ms - engine
    return (
        f"{name}: p50 {ours_ms:.2f} ms vs oxigraph {anchor_ms:.2f} ms; pyoxigraph itself runs and "
        f"serialises it in {engine:.2f} ms in-process, so {overhead:.2f} ms is ours: uvicorn + "
        "FastAPI routing/negotiation, the pipe to the worker process and back, response bytes"
    )


def cpu_seconds(pid: int) -> dict[str, float]:
    """CPU seconds (user+system) of a process (``leader``) and of its children (``children``)."""
    try:
        root = psutil.Process(pid)
        children = root.children(recursive=True)
    except psutil.Error:
        return {"leader": 0.0, "children": 0.0}

    def cpu(process: psutil.Process) -> float:
        try:
            times = process.cpu_times()
        except psutil.Error:
            return 0.0
        return float(times.user + times.system)

    return {"leader": cpu(root), "children": sum(cpu(child) for child in children)}


def per_process_rss(pid: int) -> list[tuple[str, int]]:
    """(name, RSS bytes) of a process and each descendant."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return []
    rows = []
    for process in processes:
        try:
            rows.append((process.name(), process.memory_info().rss))
        except psutil.Error:
            continue
    return rows


def ask_profile(directory: Path, questions: tuple[str, ...], repeat: int = 3) -> str:
    """cProfile of answering the questions in-process over a MemoryStore of ``directory``."""
    from kg.qa import answer
    from kg.store.memory import MemoryStore

    store = MemoryStore.from_dist(directory)
    for question in questions:
        answer(question, store)  # warm caches (lexicon, morphology)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        for question in questions:
            answer(question, store)
    profiler.disable()
    per = (time.perf_counter() - started) * 1000 / (repeat * len(questions))
    return f"in-process {per:.1f} ms per question (profiled); own time in " + top_functions(
        profiler
    )
