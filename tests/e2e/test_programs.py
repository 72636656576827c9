"""Programs in Chromium against the real server: an analyst sets up the next period with proposed targets
and sees them on the Units page; the program switch in the sidebar changes the figures and the link."""

from __future__ import annotations

import shutil

from analytics import ingest
from analytics.store import open_store
from tests.conftest import DMST, ONE_MILLION
from tests.e2e.conftest import metric_value, open_page, settle, wait_for_metric, wait_for_url_param
from tests.e2e.helpers import button, click_tab, grid_rows, start_app, wait_for_main_text, wait_until


def test_an_analyst_sets_up_2027_and_sees_its_targets_on_the_units_page(sample_db, tmp_path, page):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    reader = open_store(sample_db, read_only=True)
    try:  # what the page will propose: each unit's 2026 rate per 100 members, raised by the default 10%
        proposed = ingest.proposed_targets(reader, 2027, 10.0, DMST).rows.set_index("unit_code")["proposed"]
    finally:
        reader.close()
    server = start_app(db, tmp_path / "srv")  # no analyst role configured: writing is open
    try:
        open_page(page, server.url + "/data")
        click_tab(page, "Chương trình")
        page.get_by_text("Thêm kỳ mới hoặc sửa một kỳ").first.click()
        settle(page)
        number = page.locator('input[aria-label="Số kỳ"]').first
        assert number.input_value() == "2027"  # the next period, filled in
        page.locator('input[aria-label="Chủ đề"]').first.fill("Bứt phá – Về đích")
        button(page, "Lưu kỳ").click()
        wait_for_main_text(page, "Đã lưu")
        settle(page)
        # the proposal for the newest period (2027), from each unit's 2026 rate per 100 members
        wait_for_main_text(page, "Tính từ kết quả Năm 2026")
        button(page, "Lưu chỉ tiêu Năm 2027").click()
        # this save's own message: the period's "Đã lưu" (1 row added) may still be on the page
        wait_for_main_text(page, f"Đã lưu: 0 ô sửa, {len(proposed.dropna())} dòng thêm")
        open_page(page, server.url + "/units?phase=2027")
        wait_for_main_text(page, "Kết quả các đơn vị")
        page.locator('[data-testid="stTab"]', has_text="Bảng xếp hạng").first.click()
        settle(page)
        rows = wait_until(lambda: grid_rows(page, 0), what="the ranking table")
        header = rows[0]
        target_column, unit_column = header.index("Chỉ tiêu"), header.index("Đơn vị")
        shown = {r[unit_column]: r[target_column] for r in rows[1:]}
        assert shown["BSR"] == f"{int(proposed['BSR']):,}".replace(",", ".")
        assert shown["PVU"] == f"{int(proposed['PVU']):,}".replace(",", ".")
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "2027" in sidebar  # the new period in the filter
        assert page.errors == []
    finally:
        server.stop()
    store = open_store(db, read_only=True)
    try:
        saved = dict(
            store.rows(
                "SELECT unit_code, target FROM targets WHERE program_code = ? AND phase = 2027", [DMST]
            )
        )
        theme = store.one("SELECT theme FROM periods WHERE program_code = ? AND period = 2027", [DMST])
        logged = store.one(
            "SELECT count(*) FROM reference_history WHERE table_name IN ('periods', 'targets') AND row_key LIKE ?",
            ["%2027%"],
        )
    finally:
        store.close()
    assert theme == "Bứt phá – Về đích" and saved == {u: int(v) for u, v in proposed.dropna().items()}
    assert logged == len(saved) + 1  # the period and each unit's target, in the reference history


def test_the_program_switch_in_the_sidebar(sample_server, page):
    open_page(page, sample_server.url + "/")
    assert metric_value(page, "Đã đăng ký")[0] == "8.732"
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="1 triệu sáng kiến").click()
    wait_for_metric(page, "Đã đăng ký", "7.085")
    wait_for_url_param(page, "program", ONE_MILLION)
    settle(page)  # the first card shows the new program before the rest of the run has drawn
    assert "GĐ 1" in sidebar.inner_text()
    wait_for_main_text(page, "Giai đoạn 1 ghi nhận 1.458 sáng kiến")
    # the link reproduces the view in a new visit
    link = page.url
    other = page.context.new_page()
    try:
        open_page(other, link)
        assert metric_value(other, "Đã đăng ký")[0] == "7.085"
    finally:
        other.close()
