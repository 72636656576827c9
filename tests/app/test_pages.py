"""Units, Trends, Benefit and Records pages in the real Streamlit runtime, with URL parameters."""

from __future__ import annotations

import datetime as dt
import html
import io

import pandas as pd
import pytest

from analytics import metrics
from analytics.filters import Filters, unit_from_table_selection, units_from_points
from analytics.store import open_store
from tests.app.apptest import all_text, metric_values, run_app
from tests.conftest import ONE_MILLION, insert_records, record
from ui.records import csv_download, xlsx_download

PAGES = ["units", "trends", "benefit", "records"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders_in_both_languages(monkeypatch, sample_copy, page, lang):
    at = run_app(monkeypatch, sample_copy, page=page, lang=lang)
    title = at.title[0].value
    assert title and (
        ("Tra cứu" in title or "Hiệu quả" in title or "Xu hướng" in title or "Kết quả" in title)
        if lang == "vi"
        else title[0].isascii()
    )
    assert "Illustrative data" in all_text(at) if lang == "en" else "Dữ liệu minh họa" in all_text(at)


def test_units_tier_counts_follow_the_phase(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="units", program=ONE_MILLION)
    assert metric_values(at)[:4] == [
        ("Hoàn thành", "18"),
        ("Trên 50%", "11"),
        ("Dưới 50%", "4"),
        ("Chưa đăng ký", "0"),
    ]
    at = run_app(monkeypatch, sample_copy, page="units", phase="1", as_of="2022-05-31")
    assert metric_values(at)[:4] == [
        ("Hoàn thành", "4"),
        ("Trên 50%", "3"),
        ("Dưới 50%", "26"),
        ("Chưa đăng ký", "0"),
    ]


def test_unit_detail_from_the_link_and_the_picker(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="units", detail="BSR", program=ONE_MILLION)
    text = all_text(at)
    assert "Công ty CP Lọc hóa dầu Bình Sơn" in text
    values = metric_values(at)
    assert (
        ("Đã đăng ký", "960") in values
        and ("Chỉ tiêu", "630") in values
        and ("Tỷ lệ đạt", "152,3%") in values
    )
    at = run_app(monkeypatch, sample_copy, page="units", program=ONE_MILLION)
    picker = at.selectbox(key="units_pick")
    assert "PVEP – Tổng công ty Thăm dò Khai thác Dầu khí" in picker.options  # each unit's code and name
    picker.select("PVEP").run()
    assert ("Đã đăng ký", "395") in metric_values(at) and ("Tỷ lệ đạt", "188,0%") in metric_values(at)
    # AppTest re-runs only the page script (not app.py, which writes the URL): assert the state the URL is
    # written from; tests/e2e checks the address bar itself in a real browser.
    assert at.session_state["url_detail"] == "PVEP"


def test_chart_and_table_selection_to_unit():
    points = [
        {"customdata": "BSR", "y": "BSR"},
        {"customdata": ["PVU"]},
        {"y": "legend"},
        {"customdata": "BSR"},
    ]
    assert units_from_points(points) == ["BSR", "PVU"]
    assert units_from_points(None) == []
    assert unit_from_table_selection([2], ["A", "B", "C"]) == "C"
    assert unit_from_table_selection([], ["A"]) is None and unit_from_table_selection([5], ["A"]) is None


def test_trends_pace_on_a_running_day(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="trends", as_of="2023-04-14")
    text = all_text(at)
    assert "Tiến độ Giai đoạn 2 (đến 30/09/2023)" in text
    assert ("Đã đăng ký", "2.058") in metric_values(at)
    assert "Tích lũy 3.516 sáng kiến" in html.unescape(text)  # the chart's title, drawn above it as page text
    # 8-week rate and the rate needed are consistent with the metrics layer
    overall, _ = metrics.phase_pace(open_store(sample_copy), Filters(as_of=dt.date(2023, 4, 14)))
    needed = f"{overall.weekly_needed:.1f}".replace(".", ",")
    assert ("Cần mỗi tuần", needed) in metric_values(at)


def test_benefit_figures_match_the_metrics(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="benefit", program=ONE_MILLION)
    values = dict(metric_values(at))
    assert values["Giá trị làm lợi"] == "9.126 tỷ đồng"
    applied = open_store(sample_copy).one(
        "SELECT sum(benefit_vnd) FROM initiatives WHERE status = 'applied' AND program_code = ?",
        [ONE_MILLION],
    )
    per_year = round(applied * 0.07 / 1e9)
    assert values["Mỗi năm (ước tính)"] == f"{per_year} tỷ đồng"


def test_explorer_search_filters_and_counts(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="records", unit="PVEP", program=ONE_MILLION)
    assert "395 hồ sơ khớp bộ lọc" in all_text(at)
    at.text_input(key="records_q").input("bom").run()
    expected = metrics.record_count(
        open_store(sample_copy), Filters(program=ONE_MILLION, units=("PVEP",)), "bom"
    )
    assert f"{expected} hồ sơ khớp bộ lọc" in all_text(at)
    at = run_app(
        monkeypatch,
        sample_copy,
        page="records",
        program=ONE_MILLION,
        status="not_recognized",
        **{"from": "2022-06-01", "to": "2022-12-31"},
    )
    store = open_store(sample_copy)
    expected = store.one("""SELECT count(*) FROM initiatives WHERE status = 'not_recognized'
                            AND registered_on BETWEEN DATE '2022-06-01' AND DATE '2022-12-31'""")
    assert f"{expected} hồ sơ khớp bộ lọc" in all_text(at)


def test_downloads_hold_exactly_the_rows_and_neutralise_formulas(make_store):
    store = make_store(
        [
            record(
                "H1", "BSR", "2022-01-03", title='=HYPERLINK("http://x","bấm")', benefit_vnd=1_250_000_000
            ),
            record("H2", "BSR", "2022-01-04", title="<img src=x onerror=alert(1)>"),
            record("H3", "PVU", "2022-01-05", title="Cải tiến bơm"),
        ]
    )
    rows = metrics.records(store, Filters(units=("BSR",)), order="registered_asc", limit=None)
    data = csv_download(rows, "vi")
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert frame["Mã hồ sơ"].tolist() == ["H1", "H2"]
    assert frame["Tên sáng kiến"].tolist() == [
        '\'=HYPERLINK("http://x","bấm")',
        "<img src=x onerror=alert(1)>",
    ]
    assert frame["Ngày đăng ký"].tolist() == ["03/01/2022", "04/01/2022"]
    assert frame["Trạng thái"].tolist() == ["Đã được công nhận"] * 2
    book = pd.read_excel(
        io.BytesIO(xlsx_download(rows, "vi", "Hồ sơ")), sheet_name="Hồ sơ", engine="openpyxl"
    )
    assert book["Tên sáng kiến"].iloc[0].startswith("'=")
    assert book["Giá trị làm lợi (đồng)"].iloc[0] == 1_250_000_000
    assert pd.Timestamp(book["Ngày đăng ký"].iloc[0]).date() == dt.date(2022, 1, 3)


def test_hostile_titles_render_as_text(monkeypatch, tmp_path):
    db = tmp_path / "hostile.duckdb"
    store = open_store(db)
    insert_records(store, [record("X1", "BSR", "2022-01-03", title="<script>alert(1)</script>")])
    store.close()
    at = run_app(monkeypatch, db, page="records")
    html = "\n".join(e.proto.body for e in at.get("html"))
    assert "<script>" not in html  # data never reaches an HTML element unescaped
