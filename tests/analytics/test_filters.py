"""The URL contract of the filters (number/date formats and the catalogue: tests/analytics/i18n/)."""

from __future__ import annotations

import datetime as dt

from analytics.filters import Filters, filters_for_selection, from_query, to_query


def test_url_round_trip():
    filters = Filters(
        phase=2,
        units=("BSR", "PV GAS"),
        fields=("Chuyển đổi số",),
        statuses=("applied",),
        date_from=dt.date(2022, 6, 1),
        date_to=dt.date(2023, 1, 31),
        as_of=dt.date(2023, 4, 14),
    )
    query = to_query(filters, "en")
    assert query == {
        "phase": ["2"],
        "unit": ["BSR", "PV GAS"],
        "field": ["Chuyển đổi số"],
        "status": ["applied"],
        "from": ["2022-06-01"],
        "to": ["2023-01-31"],
        "as_of": ["2023-04-14"],
        "lang": ["en"],
    }
    back, lang, dropped = from_query(query, known_units=["BSR", "PV GAS"])
    assert (back, lang, dropped) == (filters, "en", [])
    assert to_query(Filters()) == {}


def test_invalid_url_values_are_dropped_and_named():
    filters, lang, dropped = from_query(
        {
            "phase": "7",
            "unit": ["BSR", "'; DROP TABLE initiatives; --"],
            "status": ["recognized", "approved"],
            "as_of": "31/05/2022",
            "lang": "fr",
        },
        known_units=["BSR"],
    )
    assert filters == Filters(units=("BSR",), statuses=("recognized",))
    assert lang == "vi"
    assert set(dropped) == {
        "phase=7",
        "unit='; DROP TABLE initiatives; --",
        "status=approved",
        "as_of=31/05/2022",
    }


def test_url_text_is_nfc_normalised():
    decomposed = (
        "Chuye\u0302\u0309n đo\u0302\u0309i so\u0302\u0301"  # combining marks, as Windows-1258 text arrives
    )
    filters, _, _ = from_query({"field": decomposed})
    assert filters.fields == ("Chuyển đổi số",)


def test_selection_to_filter():
    base = Filters(phase=1, groups=("Khí",))
    assert filters_for_selection(base, ["BSR", "PVU", "BSR"]) == Filters(phase=1, units=("BSR", "PVU"))
    assert filters_for_selection(base, []) is base


def test_unknown_fields_in_a_link_are_dropped_and_named():
    filters, _, dropped = from_query({"field": ["Chuyển đổi số", "Không có"]}, known_fields=["Chuyển đổi số"])
    assert filters.fields == ("Chuyển đổi số",) and dropped == ["field=Không có"]


def test_values_echoed_from_a_link_cannot_become_markdown():
    from ui.widgets import markdown_literal

    assert markdown_literal("unit=[bấm](http://evil.example)") == "`unit=[bấm](http://evil.example)`"
    assert markdown_literal("a`b") == "``a`b``"
    assert markdown_literal("`x") == "`` `x ``"


def test_a_date_range_that_ends_before_it_starts_is_dropped_and_named():
    filters, _, dropped = from_query({"from": "2025-05-01", "to": "2025-01-31"})
    assert (filters.date_from, filters.date_to) == (None, None)
    assert dropped == ["from=2025-05-01", "to=2025-01-31"]
    kept, _, none = from_query({"from": "2025-01-31", "to": "2025-01-31"})
    assert none == [] and kept.date_from == kept.date_to
