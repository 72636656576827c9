"""The records search box's examples (metrics.search_examples: the newest record in view) are the same
whether the page reads them from its own first record (the default order, first page, no search) or asks
for them (another order, a later page, a search)."""

from __future__ import annotations

from analytics import metrics
from analytics.filters import Filters
from analytics.i18n import t
from analytics.store import open_store
from tests.app.apptest import run_app
from tests.conftest import ONE_MILLION


def _placeholder(at) -> str:
    return at.text_input(key="records_q").proto.placeholder


def _expected(db, units: tuple[str, ...]) -> str:
    store = open_store(db, read_only=True)
    try:
        examples = metrics.search_examples(store, Filters(program=ONE_MILLION, units=units))
    finally:
        store.close()
    assert examples["code"] and examples["unit"] and examples["word"]
    return t("records.search.placeholder_from", "vi", **examples)


def test_the_newest_records_page_gives_the_examples_of_the_newest_record_in_view(monkeypatch, sample_copy):
    # read before the app opens the store
    expected = {unit: _expected(sample_copy, (unit,) if unit else ()) for unit in ("", "VSP")}
    shown = {}
    for unit in ("", "VSP"):
        params = {"unit": unit} if unit else {}
        at = run_app(monkeypatch, sample_copy, page="records", program=ONE_MILLION, **params)
        shown[unit] = _placeholder(at)
        assert shown[unit] == expected[unit], unit

        at.selectbox(key="records_order").set_value("code_asc").run()  # now asked for: the same words
        assert _placeholder(at) == shown[unit], unit
    assert "Vietsovpetro" in shown["VSP"] and shown["VSP"] != shown[""]  # its short name, its newest record
