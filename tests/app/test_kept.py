"""Query results kept in the server's memory (ui.kept, issue 19): built once per key, each caller's copy its
own, bounded, emptied by st.cache_data.clear()."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from analytics.store import open_store
from ui import data as ui_data
from ui.kept import Kept, copy_out


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"unit": ["BSR", "PV GAS"], "registered": [5, 7]}, index=pd.Index([10, 11], name="k"))


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f.__setitem__("extra", 1),
        lambda f: f.loc.__setitem__((10, "registered"), 99),
        lambda f: f["registered"].iloc.__setitem__(0, 98),
        lambda f: f.sort_values("registered", ascending=False, inplace=True),
        lambda f: f.rename(columns={"unit": "đơn vị"}, inplace=True),
        lambda f: setattr(f.index, "name", "other"),
        lambda f: setattr(f.columns, "name", "cols"),
        lambda f: f.drop(index=10, inplace=True),
    ],
    ids=[
        "new column",
        "loc",
        "chained iloc",
        "sort in place",
        "rename",
        "index name",
        "columns name",
        "drop",
    ],
)
def test_a_change_to_a_copied_frame_leaves_the_kept_frame_as_it_was(change):
    kept = _frame()
    before = kept.copy(deep=True)
    mine = copy_out(kept)
    change(mine)
    pd.testing.assert_frame_equal(kept, before)
    assert kept.index.name == "k" and kept.columns.name is None


def test_a_kept_progress_is_copied_field_by_field(sample_copy: Path):
    store = open_store(sample_copy, read_only=True)
    try:
        prog = metrics.progress(store, Filters())
    finally:
        store.close()
    registered = prog.program["registered"]
    units = prog.units.copy(deep=True)
    mine = copy_out(prog)
    assert dataclasses.is_dataclass(mine) and mine is not prog and mine == mine
    mine.program["registered"] = -1
    mine.units["pct"] = 0.0
    mine.units.drop(mine.units.index, inplace=True)
    assert prog.program["registered"] == registered
    pd.testing.assert_frame_equal(prog.units, units)
    assert mine.definition == prog.definition and mine.filters == prog.filters


def test_nested_values_are_copied_and_unknown_types_deep_copied():
    class Box:
        def __init__(self) -> None:
            self.items = [1, 2]

    kept = ({"days": [1, 2, 3], "when": dt.date(2025, 1, 1)}, _frame(), Box())
    mine = copy_out(kept)
    mine[0]["days"].append(4)
    mine[1]["x"] = 0
    mine[2].items.append(3)
    assert kept[0]["days"] == [1, 2, 3] and "x" not in kept[1] and kept[2].items == [1, 2]
    assert mine[0]["when"] is kept[0]["when"]  # what cannot change is shared


def test_a_result_is_built_once_per_key_and_the_least_recently_used_goes_first():
    built: list[str] = []
    kept: Kept[list[str]] = Kept(max_entries=2)

    def build(name: str):
        return lambda: built.append(name) or [name]

    assert kept.get("a", build("a")) == ["a"]
    assert kept.get("a", build("a")) == ["a"]
    kept.get("b", build("b"))
    kept.get("a", build("a"))  # a is now the most recent
    kept.get("c", build("c"))  # b goes
    kept.get("a", build("a"))
    kept.get("b", build("b"))
    assert built == ["a", "b", "c", "b"] and len(kept) == 2


def test_many_callers_at_once_wait_for_one_build():
    calls: list[int] = []
    kept: Kept[int] = Kept(max_entries=4)
    start = threading.Barrier(8)
    answers: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    def ask() -> None:
        start.wait()
        answers.append(kept.get("view", slow))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert answers == [42] * 8 and len(calls) == 1


def test_a_failed_build_is_not_kept_and_is_tried_again():
    kept: Kept[int] = Kept(max_entries=4)

    def fails() -> int:
        raise RuntimeError("store closed")

    with pytest.raises(RuntimeError):
        kept.get("view", fails)
    assert kept.get("view", lambda: 7) == 7


def test_streamlit_s_cache_clear_empties_the_kept_results():
    kept: Kept[int] = Kept(max_entries=4)
    built: list[int] = []
    kept.get("view", lambda: built.append(1) or 1)
    kept.get("view", lambda: built.append(1) or 1)
    st.cache_data.clear()
    kept.get("view", lambda: built.append(1) or 1)
    assert len(built) == 2


def test_pages_query_once_per_view_and_a_page_s_change_is_not_seen_by_the_next(
    monkeypatch, sample_copy: Path
):
    from tests.app.test_warmup import counting

    st.cache_data.clear()
    calls = counting(monkeypatch, "progress")
    store = open_store(sample_copy, read_only=True)
    try:
        version = store.data_version()
        first = ui_data.progress.prime(store, version, Filters())
        expected = first.units.copy(deep=True)
        first.units.loc[first.units.index[0], "registered"] = -5
        first.program["registered"] = -5
        second = ui_data.progress.prime(store, version, Filters())
        other = ui_data.progress.prime(store, version, Filters(phase=2))
    finally:
        store.close()
    assert len(calls) == 2  # the view, then the other view; the second ask of the view from the kept result
    pd.testing.assert_frame_equal(second.units, expected)
    assert second.program["registered"] > 0
    assert other.filters.phase == 2


def test_a_shared_result_is_the_kept_object_itself():
    kept: Kept[list[int]] = Kept(max_entries=2, copies=False)
    first = kept.get("figure", lambda: [1])
    assert kept.get("figure", lambda: [2]) is first
    assert Kept(max_entries=2).get("figure", lambda: first) is not first
