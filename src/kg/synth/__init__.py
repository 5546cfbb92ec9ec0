"""Synthetic corpora for benchmarks and tests: ``kg synth --triples N --seed S --out DIR``."""

from __future__ import annotations

from kg.synth.generator import MIN_TRIPLES, SynthResult, generate

__all__ = ["MIN_TRIPLES", "SynthResult", "generate"]
