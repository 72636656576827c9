"""The second batch of exports in a real browser on the real server: an analyst uploads a report-style workbook
(two-row header, numbering row, co-author rows, signature block, estimated and actual benefit), reads what was
understood and skipped, switches the benefit to the actual values, and imports; the records hold the names
without their shares, the shares and the actual benefit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.e2e.conftest import open_page, settle
from tests.e2e.helpers import (
    PASSWORD,
    button,
    metrics_in_main,
    sign_in,
    start_app,
    upload,
    wait_for_main_text,
)

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def store_copy(sample_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    return db


def test_a_report_workbook_through_the_browser(store_copy, tmp_path, page):
    server = start_app(store_copy, tmp_path / "srv", password=PASSWORD)
    try:
        open_page(page, server.url + "/data")
        sign_in(page)
        wait_for_main_text(page, "Đã đăng nhập với vai trò phân tích.")
        settle(page)
        upload(page, ("bao-cao-quy-1.xlsx", fx.report_xlsx()), mime=XLSX)
        wait_for_main_text(page, "Đã nhận ra:")
        settle(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "tiêu đề 2 dòng từ dòng 4 (dòng 6 đánh số cột, bỏ qua)" in main
        assert "4 dòng đồng tác giả đã gộp vào sáng kiến phía trên" in main and "4 dòng chữ ký" in main
        assert "dòng 13 (90,0%)" in main
        counts = metrics_in_main(page)
        assert (counts["Thêm mới"], counts["Bị loại"], counts["Bỏ qua"]) == ("4", "0", "11")
        # The benefit comes from the estimate; switch to the actual values.
        assert "Giá trị làm lợi (đồng) lấy từ cột" in main
        page.locator('[data-testid="stRadio"] label', has_text="Giá trị làm lợi Thực tế").first.click()
        settle(page)
        button(page, "Nhập 1 tệp vào kho (4 thay đổi)").click()
        wait_for_main_text(page, "Đã thêm mới 4")
        assert page.errors == []
    finally:
        server.stop()
    store = open_store(store_copy, read_only=True)
    try:
        assert store.rows(
            "SELECT code, authors, author_shares, benefit_vnd FROM initiatives WHERE code LIKE 'RP-%' ORDER BY code"
        ) == [
            ("RP-001", "Nguyễn Văn An; Trần Thị Bình", [60.0, 40.0], 1_100_000_000),
            ("RP-002", "Lê Văn Cường", [100.0], 650_000_000),
            ("RP-003", "Phạm Thị Dung; Hoàng Văn Em; Đặng Quốc Huy", [50.0, 30.0, 20.0], 300_000_000),
            ("RP-004", "Võ Thị Giang; Bùi Văn Hải", [70.0, 20.0], None),
        ]
    finally:
        store.close()
