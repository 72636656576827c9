"""The Quality page in a real browser on the sample: each tab's numbers (as analytics.quality computes them),
and an analyst's mark of a pair that changes the count on the page. Screenshots of each tab at desktop and
phone size go to SANGKIEN_SHOTS when it is set (to look at them; nothing is compared)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analytics import quality
from analytics.filters import Filters
from analytics.i18n import fmt_int, fmt_money
from tests.conftest import ONE_MILLION
from tests.e2e.conftest import exceptions_on, main_text, metric_value, open_page, settle, wait_for_text
from tests.e2e.helpers import start_app

VIEW = Filters(program=ONE_MILLION)
TABS = ("Tiến trình công nhận", "Cập nhật của đơn vị", "Trùng lặp", "Giá trị bất thường")


def _expected(store) -> dict:
    fun = quality.funnel(store, VIEW).overall
    fresh = quality.freshness(store, VIEW)
    dup = quality.duplicates(store, VIEW, limit=0)
    plaus = quality.plausibility(store, VIEW)
    outliers = plaus.flagged[plaus.flagged[["over_unit_p99", "over_field_p99", "over_prev_year"]].any(axis=1)]
    sums = quality.benefit_sums(store, VIEW)
    return {
        "registered": fmt_int(int(fun["registered"]), "vi"),
        "backlog": fmt_int(int(fun["backlog"]), "vi"),
        "silent": len(fresh.silent),
        "pending": dup.pending_total,
        "scanned": fmt_int(dup.scanned, "vi"),
        "outliers": fmt_int(len(outliers), "vi"),
        "self": fmt_money(sums["self_vnd"], "vi"),
    }


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    settle(page)


def _shoot(page, name: str) -> None:
    folder = os.environ.get("SANGKIEN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def quality_server(sample_db, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_app(db, tmp_path / "server")
    yield server
    server.stop()


def test_each_tab_shows_its_numbers_and_a_mark_changes_the_count(quality_server, page, sample_store):
    want = _expected(sample_store)
    open_page(page, f"{quality_server.url}/quality?program={ONE_MILLION}")
    assert exceptions_on(page) == []
    assert metric_value(page, "Đã đăng ký") == [want["registered"]] == ["7.085"]
    assert metric_value(page, "Tồn đọng quá 90 ngày") == [want["backlog"]]
    assert "cài sẵn để minh họa" in main_text(page)
    _shoot(page, "desktop-funnel")

    _tab(page, TABS[1])
    if want["silent"]:
        wait_for_text(page, f"{fmt_int(want['silent'], 'vi')} đơn vị chưa cập nhật 30 ngày")
    else:
        wait_for_text(page, "Mọi đơn vị đều có hồ sơ trong 30 ngày qua")
    _shoot(page, "desktop-freshness")

    _tab(page, TABS[3])
    wait_for_text(page, f"{want['outliers']} hồ sơ có giá trị làm lợi vượt xa")
    assert want["self"] in metric_value(page, "Làm lợi: đơn vị tự khai")
    _shoot(page, "desktop-benefit")

    _tab(page, TABS[2])
    pending = want["pending"]
    assert pending > 1
    _shoot(page, "desktop-duplicates-first")
    wait_for_text(page, f"{fmt_int(pending, 'vi')} cặp hồ sơ có thể là cùng một sáng kiến, chờ xem xét")
    assert f"({want['scanned']} hồ sơ đã quét)" in main_text(page)
    _shoot(page, "desktop-duplicates")
    page.get_by_role("button", name="Cùng một sáng kiến").click()
    wait_for_text(page, f"{fmt_int(pending - 1, 'vi')} cặp hồ sơ có thể là cùng một sáng kiến, chờ xem xét")
    wait_for_text(page, "Tính một lần: 7.085 → 7.084")
    assert exceptions_on(page) == [] and page.errors == []
    _shoot(page, "desktop-marked")


def test_the_page_on_a_phone(quality_server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    try:
        open_page(phone, f"{quality_server.url}/quality?program={ONE_MILLION}")
        assert exceptions_on(phone) == []
        collapse = phone.locator('[data-testid="stSidebarCollapseButton"] button')
        if collapse.count():  # the sidebar opens over the page on a phone: close it, as a person would
            collapse.first.click()
            phone.wait_for_timeout(500)
        assert metric_value(phone, "Đã đăng ký") == ["7.085"]
        widths = phone.evaluate(
            """() => Array.from(document.querySelectorAll('.sk-card')).map(c => c.getBoundingClientRect().right)"""
        )
        assert widths and max(widths) <= 390  # no card runs off the screen
        for name, label in zip(("funnel", "freshness", "duplicates", "benefit"), TABS, strict=True):
            _tab(phone, label)
            _shoot(phone, f"phone-{name}")
        assert exceptions_on(phone) == []
    finally:
        context.close()
