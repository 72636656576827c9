"""Value kinds, defined once: format_value writes each kind as tables, cards, charts and reports show it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import charts, metrics
from analytics.i18n import KINDS, format_value, is_missing, value_kind

MISSING = [None, float("nan"), np.nan, pd.NaT, pd.NA]


def test_each_kind_writes_its_example_in_both_languages():
    for kind in KINDS.values():
        value, vi, en = kind.example
        assert (format_value(value, kind.name, "vi"), format_value(value, kind.name, "en")) == (vi, en)


def test_the_real_outputs():
    assert format_value(7085, "count") == "7.085" and format_value(7085, "count", "en") == "7,085"
    assert format_value(131.2, "percent") == "131,2%" and format_value(131.2, "percent", "en") == "131.2%"
    assert format_value(12.345, "decimal") == "12,3"
    assert (
        format_value(9_120e9, "money") == "9.120 tỷ đồng" and format_value(850e6, "money") == "850 triệu đồng"
    )
    assert format_value(1_250_000_000, "vnd") == "1.250.000.000 đ"
    assert format_value(1_250_000_000, "vnd", "en") == "VND 1,250,000,000"
    assert format_value(1_250_000_000, "vnd_amount") == "1.250.000.000"
    assert format_value(9_126.3e9, "billions") == "9.126,3" and format_value(2.4e9, "billions", "en") == "2.4"
    assert format_value("Lọc hóa dầu", "text") == "Lọc hóa dầu"


def test_a_date_is_written_from_a_date_a_timestamp_a_datetime_or_an_iso_text():
    for value in (
        dt.date(2022, 5, 31),
        pd.Timestamp("2022-05-31"),
        dt.datetime(2022, 5, 31, 23, 59),
        "2022-05-31",
    ):
        assert format_value(value, "date") == "31/05/2022", value
        assert format_value(value, "date", "en") == "31 May 2022", value


def test_a_missing_value_is_a_dash_whatever_its_kind():
    for name in KINDS:
        for value in MISSING:
            assert format_value(value, name) == "–", (name, value)
            assert format_value(value, name, "en") == "–", (name, value)
    assert all(is_missing(v) for v in MISSING)
    assert not any(is_missing(v) for v in (0, 0.0, "", "–", dt.date(2022, 5, 31), False))


def test_the_two_meanings_of_vnd_are_two_kinds():
    assert value_kind("vnd") is KINDS["vnd"]
    assert format_value(1_250_000_000, "vnd") != format_value(1_250_000_000, "vnd_amount")
    assert KINDS["vnd"].excel_format == KINDS["vnd_amount"].excel_format == "#,##0"


def test_an_unknown_kind_is_an_error():
    with pytest.raises(KeyError):
        format_value(1, "vnd_with_cents")
    with pytest.raises(KeyError):  # an unknown kind is an error even when the value is missing
        format_value(None, "vnd_with_cents")


def test_numbers_are_right_aligned_and_have_an_excel_format():
    for kind in KINDS.values():
        if kind.numeric:
            assert kind.excel_format and kind.excel_format.startswith(("#,##0", "0.0%")), kind.name
    assert {k.name for k in KINDS.values() if not k.numeric} == {"date", "text"}
    assert KINDS["text"].excel_format is None and KINDS["date"].excel_format == "dd/mm/yyyy"
    assert (
        KINDS["percent"].excel_divisor,
        KINDS["billions"].excel_divisor,
        KINDS["count"].excel_divisor,
    ) == (
        100,
        1e9,
        1,
    )


# --- the callers: metrics, charts, tables, records ---------------------------------------------------------


def test_every_metric_names_a_kind_from_the_table():
    assert set(metrics.METRIC_KINDS.values()) <= set(KINDS)
    assert metrics.METRIC_KINDS["benefit_vnd"] == "money" and metrics.METRIC_KINDS["pct"] == "percent"


def test_a_charts_metric_label_is_written_by_the_metrics_kind():
    expected = {
        "pct": ("104,1%", "104.1%"),
        "registered": ("7.085", "7,085"),
        "benefit_vnd": ("9.120 tỷ đồng", "VND 9,120 bn"),
        "per_100_members": ("12,3", "12.3"),
        "authors_per_100": ("12,3", "12.3"),
    }
    values = {"pct": 104.14, "registered": 7085, "benefit_vnd": 9_120e9}
    assert set(expected) == set(charts.RANKING_METRICS)
    for metric, (vi, en) in expected.items():
        value = values.get(metric, 12.345)
        assert (charts._metric_text(metric, value, "vi"), charts._metric_text(metric, value, "en")) == (
            vi,
            en,
        )
    assert charts._metric_text("pct", float("nan"), "vi") == "–"


def test_a_styled_table_writes_cells_by_kind_and_keeps_numbers_for_sorting():
    from ui.tables import styled

    frame = pd.DataFrame({"n": [7085, None], "p": [131.2, 50.0], "v": [1_250_000_000, np.nan]})
    style = styled(frame, {"n": "count", "p": "percent", "v": "vnd"}, "vi")
    html = style.to_html()
    for text in ("7.085", "131,2%", "50,0%", "1.250.000.000 đ", "–"):
        assert text in html, text
    assert "VND 1,250,000,000" in styled(frame, {"v": "vnd"}, "en").to_html()
    assert style.data["n"].dtype.kind == "f"  # the frame behind the cells still holds numbers


def test_records_show_exact_amounts_with_dong_and_download_them_as_numbers():
    from ui.records import COLUMN_KINDS

    assert {COLUMN_KINDS[c] for c in ("benefit_vnd", "reward_vnd", "min_remuneration")} == {"vnd"}
    assert format_value(1_250_000_000, COLUMN_KINDS["benefit_vnd"]) == "1.250.000.000 đ"
    assert value_kind(COLUMN_KINDS["author_count"]).name == "count"


# --- the report: its tables write every cell through the kinds ----------------------------------------------


def test_every_column_of_a_report_names_a_kind_and_its_cells_read_as_on_screen(sample_store):
    from analytics.filters import Filters
    from analytics.report import build_report
    from analytics.report.model import cell_text

    report = build_report(sample_store, Filters(), "vi")
    kinds = {c.kind for table in report.tables().values() for c in table.columns}
    assert kinds <= set(KINDS) and {"count", "percent", "billions"} <= kinds
    assert {f.kind for f in report.facts} <= set(KINDS)
    assert cell_text(1_250_000_000, "vnd_amount", "vi") == "1.250.000.000"  # under a header saying đồng
    assert cell_text(9_126.3e9, "billions", "vi") == "9.126,3"
    assert cell_text(pd.NaT, "date", "vi") == "–" and cell_text(None, "count", "en") == "–"
