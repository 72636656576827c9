"""The app as people use it, in a real browser: every page, filters in the URL, the as-of view, a unit's
detail from a bar click, downloads, and hostile text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ONE_MILLION
from tests.e2e.conftest import (
    exceptions_on,
    main_text,
    metric_value,
    open_page,
    settle,
    start_server,
    wait_for_metric,
    wait_for_text,
    wait_for_url_param,
)
from tests.e2e.helpers import nav_to

PAGES = ["", "units", "trends", "benefit", "records"]
TITLES = {
    "vi": ["Tổng quan", "Kết quả các đơn vị", "Xu hướng", "Hiệu quả", "Tra cứu hồ sơ"],
    "en": ["overview", "Units' results", "Trends", "Benefit", "Records"],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_opens_without_an_error(sample_server, page, lang):
    for path, title in zip(PAGES, TITLES[lang], strict=True):
        open_page(page, f"{sample_server.url}/{path}?lang={lang}")
        assert exceptions_on(page) == [], path
        assert title in page.locator("h1").first.inner_text(), path
    assert page.errors == []


def test_the_tier_table_marks_each_tier_with_its_chart_colour(sample_server, page):
    """The tier table's coloured left border comes from ui/styles.css and the chart colours."""
    open_page(page, sample_server.url + "/")
    page.locator("table.sk-tier-table").wait_for(timeout=30_000)
    borders = page.evaluate(
        """() => Array.from(document.querySelectorAll('table.sk-tier-table td.sk-tier-name'))
               .map(td => getComputedStyle(td).borderLeftColor + ' ' + getComputedStyle(td).borderLeftWidth)"""
    )
    assert borders == [
        "rgb(46, 125, 50) 8px",  # met: #2e7d32
        "rgb(242, 169, 0) 8px",  # over half: #f2a900
        "rgb(216, 67, 21) 8px",  # under half: #d84315
        "rgb(158, 158, 158) 8px",  # none: #9e9e9e
    ]


def test_filter_change_updates_figures_and_url_and_the_link_reproduces_it(sample_server, page, browser):
    open_page(page, sample_server.url + f"/?program={ONE_MILLION}")
    assert metric_value(page, "Đã đăng ký")[0] == "7.085"
    page.locator('[data-testid="stSidebar"] button', has_text="GĐ 1").first.click()
    wait_for_metric(page, "Đã đăng ký", "1.458")
    settle(page)
    assert parse_qs(urlsplit(page.url).query) == {"phase": ["1"]}
    # The same link in a fresh browser shows the same view.
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    open_page(other, page.url)
    assert metric_value(other, "Đã đăng ký")[0] == "1.458"
    assert metric_value(other, "Tỷ lệ đạt")[0] == "104,1%"
    other.context.close()


def test_filters_survive_moving_between_pages(sample_server, page):
    open_page(page, sample_server.url + "/?lang=en&phase=1")
    nav_to(page, "Units")
    wait_for_text(page, "Units' results")
    settle(page)
    assert "Units' results" in page.locator("h1").first.inner_text()
    assert parse_qs(urlsplit(page.url).query) == {"phase": ["1"], "lang": ["en"]}
    assert "/units" in page.url


def test_as_of_end_of_phase_one(sample_server, page):
    open_page(page, sample_server.url + "/?as_of=2022-05-31")
    assert metric_value(page, "Đã đăng ký")[0] == "1.458"
    assert "Số liệu tính đến ngày 31/05/2022" in main_text(page)
    # The Records page holds exactly those records, none registered after that day.
    nav_to(page, "Tra cứu hồ sơ")
    wait_for_text(page, "1.458 hồ sơ khớp bộ lọc")
    settle(page)
    rows = download_csv(page, "Tải CSV (1.458 hồ sơ)")
    assert len(rows) == 1458
    latest = max(dt.datetime.strptime(r["Ngày đăng ký"], "%d/%m/%Y").date() for r in rows)
    assert latest == dt.date(2022, 5, 31)


def test_clicking_a_unit_bar_opens_its_detail(sample_server, page):
    open_page(page, sample_server.url + f"/units?program={ONE_MILLION}")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("g.trace.bars").first.locator("g.point path")  # the units' trace (not the legend)
    assert bars.count() == 33
    top = bars.nth(32)  # Plotly draws the best unit last, at the top of the chart
    top.scroll_into_view_if_needed()
    box = top.bounding_box()  # Plotly takes clicks on its drag layer, above the bars: click the bar's place
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    dialog = page.locator('[role="dialog"]')
    dialog.wait_for(timeout=30_000)
    assert "Chi tiết đơn vị PVEP" in dialog.inner_text()
    assert "Tổng công ty Thăm dò Khai thác Dầu khí" in dialog.inner_text()
    assert parse_qs(urlsplit(page.url).query).get("detail") == ["PVEP"]


def test_records_csv_download_is_exactly_the_filtered_rows(sample_server, page):
    open_page(page, sample_server.url + "/records?unit=PVEP&phase=1")
    assert "22 hồ sơ khớp bộ lọc" in page.content()
    rows = download_csv(page, "Tải CSV (22 hồ sơ)")
    assert len(rows) == 22
    assert {r["Đơn vị"] for r in rows} == {"PVEP"} and {r["Giai đoạn"] for r in rows} == {"1"}


@pytest.mark.parametrize(
    ("path", "period"),
    [
        ("/records?unit=PVEP&phase=1", "GĐ 2"),
        (f"/units?detail=BSR&program={ONE_MILLION}", "GĐ 2"),
        ("/", "2025"),
    ],
)
def test_a_fresh_server_serves_a_deep_link_and_counts_the_first_click(
    sample_db, tmp_path, page, path, period
):
    """The first visitor after a (re)start: the link's page opens with its view, and the first click counts.

    Guards against Streamlit's legacy `pages/` mode on a server's first run (ui.legacy_pages).
    """
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_server(db, tmp_path)
    try:
        open_page(page, server.url + path)
        assert exceptions_on(page) == []
        assert "Page not found" not in page.content()
        if path.startswith("/records"):
            assert "22 hồ sơ khớp bộ lọc" in main_text(page)
        if path.startswith("/units"):
            page.locator('[role="dialog"]').wait_for(timeout=30_000)
            assert "Chi tiết đơn vị BSR" in page.locator('[role="dialog"]').inner_text()
            page.keyboard.press("Escape")
            settle(page)
        page.locator('[data-testid="stSidebar"] button', has_text=period).first.click()
        wait_for_url_param(page, "phase", period.removeprefix("GĐ "))
    finally:
        server.stop()


def download_csv(page, label: str) -> list[dict]:
    """Click a CSV download button; check the file is UTF-8 with BOM (Excel) and return its rows."""
    with page.expect_download(timeout=60_000) as caught:
        page.locator('[data-testid="stDownloadButton"] button', has_text=label).first.click()
    data = Path(caught.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
