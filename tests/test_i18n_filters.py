"""Number/date formats per language, and the URL contract of the filters."""

from __future__ import annotations

import datetime as dt

from analytics import i18n
from analytics.filters import Filters, filters_for_selection, from_query, to_query
from analytics.i18n.catalogue import CATALOGUE


def test_vietnamese_and_english_formats():
    assert i18n.fmt_int(7085) == "7.085" and i18n.fmt_int(7085, "en") == "7,085"
    assert i18n.fmt_pct(104.1) == "104,1%" and i18n.fmt_pct(131.2, "en") == "131.2%"
    assert i18n.fmt_money(9_120e9) == "9.120 tỷ đồng" and i18n.fmt_money(9_120e9, "en") == "VND 9,120 bn"
    assert i18n.fmt_money(45.3e9) == "45,3 tỷ đồng"
    assert i18n.fmt_money(850e6) == "850 triệu đồng"
    assert i18n.fmt_vnd(1_250_000_000) == "1.250.000.000 đ"
    assert (
        i18n.fmt_date(dt.date(2022, 5, 31)) == "31/05/2022"
        and i18n.fmt_date(dt.date(2022, 5, 31), "en") == "31 May 2022"
    )
    assert i18n.long_date_vi(dt.date(2023, 4, 14)) == "ngày 14 tháng 4 năm 2023"
    assert i18n.fmt_int(None) == i18n.DASH and i18n.fmt_pct(float("nan")) == i18n.DASH


def test_catalogue_is_complete_in_both_languages():
    for key, (vi, en) in CATALOGUE.items():
        assert vi.strip() and en.strip(), key
        assert vi.count("{") == en.count("{"), key


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
