"""Things read once per store (label tables, the question lexicon) and kept while it lives."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from kg.store.base import Store

T = TypeVar("T")

# Every per-store cache, so that a write can drop what was read before it (see forget).
_FORGETTERS: list[Callable[[Store], None]] = []


def per_store(build: Callable[[Store], T]) -> Callable[[Store], T]:
    """Wrap ``build`` so that it runs once per store; the result lives as long as the store."""
    cached: weakref.WeakKeyDictionary[Any, T] = weakref.WeakKeyDictionary()
    pinned: dict[int, tuple[Any, T]] = {}  # stores that cannot be weakly referenced
    lock = threading.Lock()

    def get(store: Store) -> T:
        with lock:
            try:
                if store in cached:
                    return cached[store]
            except TypeError:
                held = pinned.get(id(store))
                if held is not None and held[0] is store:
                    return held[1]
            value = build(store)
            try:
                cached[store] = value
            except TypeError:
                pinned[id(store)] = (store, value)
            return value

    def forget_store(store: Store) -> None:
        with lock:
            try:
                cached.pop(store, None)
            except TypeError:
                pinned.pop(id(store), None)

    _FORGETTERS.append(forget_store)
    get.__doc__ = build.__doc__
    return get


def forget(store: Store) -> None:
    """Drop everything cached for ``store`` (after a write): it is read again on next use."""
    for forget_store in _FORGETTERS:
        forget_store(store)
