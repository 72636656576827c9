"""Query results kept in the server's memory and handed to each caller as its own copy.

`st.cache_data` keeps a result pickled and unpickles it on every hit, after hashing every argument with its
own hasher (and inspecting the function's signature): on a busy server that was a quarter of the time the
scripts held the GIL, for results that are a few small frames. Here a result is kept as the object itself,
under a key that Python hashes (the store, its data version, the filters and the options), and every caller
gets a copy that costs next to nothing: a pandas frame is copied shallowly, which copy-on-write (always on in
pandas 3) makes safe, so a page that adds a column or sorts in place never changes what the next viewer gets.

What counts as a copy is a table (`COPIERS`), by type; a type it does not know is deep-copied.
`st.cache_data.clear()` still empties these caches: each key holds the epoch of a `st.cache_data` entry that
a clear forgets (`_epoch`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import decimal
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import pandas as pd
import streamlit as st

R = TypeVar("R")

_epochs = itertools.count(1)


@st.cache_data(show_spinner=False)
def _epoch() -> int:
    """A number that changes only when Streamlit's data caches are cleared (then this entry is recomputed)."""
    return next(_epochs)


def _same(value: Any) -> Any:
    return value


def _shallow(value: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A shallow copy: copy-on-write copies the data before a change to it, and its labels are views of the
    kept ones (renaming them in place leaves the kept labels as they were; tests/app/test_kept.py)."""
    return value.copy(deep=False)


def _tuple_copy(value: tuple) -> tuple:
    items = [copy_out(item) for item in value]
    return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)


# What a caller's copy of a kept value is, by the value's exact type (values that cannot change are shared).
COPIERS: dict[type, Callable[[Any], Any]] = {
    **dict.fromkeys(
        (str, int, float, bool, complex, bytes, type(None), dt.date, dt.datetime, dt.time, decimal.Decimal),
        _same,
    ),
    pd.Timestamp: _same,
    pd.DataFrame: _shallow,
    pd.Series: _shallow,
    tuple: _tuple_copy,
    list: lambda value: [copy_out(item) for item in value],
    dict: lambda value: {key: copy_out(item) for key, item in value.items()},
}


def _dataclass_copy(value: Any) -> Any:
    """A dataclass rebuilt with copies of its fields (its own __init__ and checks run again)."""
    fields = dataclasses.fields(value)
    if not all(f.init for f in fields):
        return copy.deepcopy(value)
    return dataclasses.replace(value, **{f.name: copy_out(getattr(value, f.name)) for f in fields})


def copy_out(value: R) -> R:
    """The caller's own copy of `value`: changing it leaves `value` as it was."""
    copier = COPIERS.get(type(value))
    if copier is not None:
        return copier(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass_copy(value)
    return copy.deepcopy(value)


class Kept(Generic[R]):
    """At most `max_entries` results, the least recently used dropped first. A result is built once per key
    even when many viewers ask for it at the same moment (they wait for the first). `copies=False` hands
    every caller the kept object itself, for values its callers only read (a Plotly figure)."""

    def __init__(self, max_entries: int, copies: bool = True) -> None:
        self.max_entries = max_entries
        self._out: Callable[[R], R] = copy_out if copies else _same
        self._items: OrderedDict[Hashable, R] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self._epoch = 0

    def get(self, key: Hashable, build: Callable[[], R]) -> R:
        """A copy of the result kept under `key`, built by `build()` when there is none."""
        key = (_epoch(), key)
        found, value = self._lookup(key)
        if found:
            return self._out(value)
        try:
            with self._build_lock(key):
                found, value = self._lookup(key)
                if not found:
                    value = build()
                    self._keep(key, value)
        finally:
            self._done_building(key)
        return self._out(value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key[0] != self._epoch:  # type: ignore[index]  # Streamlit's caches were cleared since
                self._items.clear()
                self._epoch = key[0]  # type: ignore[index]
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def _keep(self, key: Hashable, value: R) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def _build_lock(self, key: Hashable) -> threading.Lock:
        with self._lock:
            return self._building.setdefault(key, threading.Lock())

    def _done_building(self, key: Hashable) -> None:
        with self._lock:
            lock = self._building.get(key)
            if lock is not None and not lock.locked():
                del self._building[key]


def hashable(value: Any) -> bool:
    """Whether `value` can be a key here (else the caller keeps to Streamlit's cache)."""
    try:
        hash(value)
    except TypeError:
        return False
    return True
