"""Smaller holes of issue 14 (failure 7) and the chart text helper: the 2,000-column refusal names its
column count (it said "0,0 MB"), and `charts.plot_text` makes data text inert for Plotly."""

from __future__ import annotations

from analytics import charts, ingest
from analytics.store import open_store


def test_too_many_columns_names_the_count_not_megabytes(tmp_path):
    header = ",".join(f"Cột {i}" for i in range(2000))
    data = (header + "\n" + ",".join("x" for _ in range(2000)) + "\n").encode("utf-8")
    store = open_store(tmp_path / "s.duckdb")
    try:
        report = ingest.validate(store, data, "rong.csv")
    finally:
        store.close()
    assert report.refusal and report.refusal.code == "too_many_columns"
    assert report.message() == "Tệp có 2.000 cột, vượt giới hạn 500: có thể đã chọn sai dấu phân cách."
    assert "MB" not in report.message("en") and "2,000 columns, more than the limit of 500" in report.message(
        "en"
    )


def test_plot_text_makes_markup_templates_and_math_inert():
    hostile = '<a href="https://x.example">Bấm</a> <b>đậm</b> & %{customdata} $x^2$'
    text = charts.plot_text(hostile)
    assert "<" not in text and ">" not in text and "%{" not in text and "$" not in text
    assert text == (
        '&lt;a href="https://x.example"&gt;Bấm&lt;/a&gt; &lt;b&gt;đậm&lt;/b&gt; &amp; &#37;{customdata} &#36;x^2&#36;'
    )
    assert (
        charts.plot_text(None) == "" and charts.plot_text(float("nan")) == "" and charts.plot_text(12) == "12"
    )
    # Wrapped labels keep their own line breaks, each line escaped.
    assert charts.wrap_label("Đợt <b>thi đua</b> 40 ngày cao điểm", 12) == (
        "Đợt &lt;b&gt;thi<br>đua&lt;/b&gt; 40<br>ngày cao<br>điểm"
    )


def test_comparison_charts_write_program_and_period_names_as_inert_text():
    """A program's or a period's name is data (the Data page edits it): the comparison charts give Plotly
    the escaped name, in the legend and in the hover text alike, and no template that would render it."""
    import datetime as dt

    import pandas as pd

    hostile = '<a href="https://x.example">GĐ</a> <b>2025</b> & %{customdata} $x$'
    days = [dt.date(2025, 1, 1), dt.date(2025, 1, 2)]
    overlay = charts.period_overlay(
        pd.DataFrame({"period": [2025, 2025, 2024, 2024], "day": days * 2, "cumulative": [1, 3, 2, 4]}),
        {2025: hostile, 2024: "Năm 2024"},
        2025,
        "vi",
        "So sánh",
    )
    shares = charts.program_share_curves(
        pd.DataFrame({"program": ["a", "a", "b", "b"], "share": [0, 50] * 2, "pct": [0, 40, 0, 30],
                      "cumulative": [0, 400, 0, 300]}),
        {"a": hostile, "b": "Chương trình B"},
        "a",
        45.0,
        "vi",
        "So sánh",
    )  # fmt: skip
    for fig in (overlay, shares):
        first = fig.data[0]
        assert first.name == charts.plot_text(hostile)
        assert first.hovertemplate.startswith(charts.plot_text(hostile) + "<br>")
        for trace in fig.data:
            assert "fullData" not in trace.hovertemplate and "%{customdata} $" not in trace.hovertemplate
            assert "<a " not in trace.name and "<b>" not in trace.name


def test_units_ranking_labels_of_bars_short_of_100_percent_start_after_the_dashed_line(sample_store):
    # Written from the bar's end, "84,9%" ran across the dashed 100% line; now such labels are written after
    # the line, and the labels of the bars past it stay at their bars' ends (or inside the long ones).
    from analytics import metrics
    from analytics.filters import Filters
    from tests.conftest import DMST

    rows = metrics.progress(sample_store, Filters(program=DMST)).unit_rows("all")
    fig = charts.unit_ranking(rows, "pct", "vi", "Xếp hạng")
    bars, moved = fig.data[0], [d for d in fig.data if d.type == "scatter" and d.mode == "text"]
    short = [i for i, x in enumerate(bars.x) if x < 100]
    assert short and all(bars.text[i] == "" for i in short)
    assert len(moved) == 1 and sorted(moved[0].text) == sorted(
        charts._metric_text("pct", v, "vi") for v in rows["pct"] if v < 100
    )
    assert all(x > 100 for x in moved[0].x) and list(moved[0].y) == [bars.y[i] for i in short]
    assert all(bars.text[i] for i, x in enumerate(bars.x) if x >= 100)
