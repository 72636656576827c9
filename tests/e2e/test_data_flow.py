"""The Data page as an analyst and a viewer meet it, in a real browser on the real server: the analyst gate
(a password configured through the server's own secrets file), upload through the real file input, the
preview and validation report, commit, the Overview following exactly, undo with its confirmation, files
with bad rows (each rejected row with its reason, the rejects download, the rest imported), and the upload
limits (size, rows, type, zip bombs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics import ingest
from analytics.filters import Filters
from analytics.metrics import progress
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ONE_MILLION, fingerprint
from tests.e2e.conftest import exceptions_on, metric_value, open_page, settle
from tests.e2e.helpers import (
    PASSWORD,
    UPLOAD_INPUT,
    button,
    click_tab,
    grid_rows,
    metrics_in_main,
    read_csv_download,
    sign_in,
    start_app,
    upload,
    wait_for_main_text,
    wait_until,
)

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = ["", "units", "trends", "benefit", "records", "report", "data"]
# Every label of a control that writes (Vietnamese): none may reach a viewer's screen.
WRITE_LABELS = (
    "Nhập 1 tệp vào kho",
    "Hoàn tác…",
    "Xác nhận hoàn tác",
    "Xóa dữ liệu minh họa…",
    "Lưu chỉ tiêu",
    "Lưu đơn vị",
    "Thêm đơn vị mới",
    "Tải lên tệp chỉ tiêu",
    "Đăng xuất",
    "Lưu chương trình",
    "Lưu kỳ",
    "Lưu chiến dịch",
    "Lưu mốc phấn đấu",
    "Lưu thay đổi đơn vị",
    "Lưu tên Công đoàn",
)


@pytest.fixture
def store_copy(sample_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    return db


def figures(db: Path, **filters) -> dict[str, int]:
    """Registered (whole program and per phase) of "1 triệu sáng kiến" (the files here are dated inside it)
    straight from the store with the app's own metric."""
    store = open_store(db, read_only=True)
    try:
        out = {}
        for phase in (None, 1, 2):
            prog = progress(store, Filters(phase=phase, program=ONE_MILLION, **filters)).program
            out[f"phase{phase or ''}"] = int(prog["registered"])
        return out
    finally:
        store.close()


def expected_after(db: Path, tmp_path: Path, data: bytes, name: str) -> tuple[dict[str, int], ingest.Report]:
    """What the store holds once `data` is imported: the same importer on a private copy."""
    twin = tmp_path / "twin.duckdb"
    shutil.copy(db, twin)
    store = open_store(twin)
    try:
        report = ingest.commit(store, data, name)
    finally:
        store.close()
    return figures(twin), report


def shown(page, url: str) -> dict[str, int]:
    """The Overview's "Đã đăng ký" for the whole program and each phase, as the browser shows them."""
    out = {}
    for key, query in (("phase", f"?program={ONE_MILLION}"), ("phase1", "?phase=1"), ("phase2", "?phase=2")):
        open_page(page, url + "/" + query)
        value = wait_until(lambda: metric_value(page, "Đã đăng ký"), what="registered card")[0]
        out[key] = int(value.replace(".", ""))
    return out


def overview_cards(page, url: str) -> list[tuple[str, str]]:
    open_page(page, url + f"/?program={ONE_MILLION}")
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .sk-card')).map(c => [
              (c.querySelector('.sk-card-label')?.innerText || '').trim(),
              (c.querySelector('.sk-card-value')?.innerText || '').trim()])"""
    )


def write_controls(page) -> list[str]:
    """What a viewer must never get: file inputs, data editors, and buttons that write."""
    found = []
    if page.locator(UPLOAD_INPUT).count():
        found.append("file input")
    text = page.locator('[data-testid="stMain"]').inner_text()
    found += [label for label in WRITE_LABELS if label in text]
    # An editable grid (st.data_editor) shows the "add row"/edit affordances; read-only grids do not.
    found += ["data editor"] * page.locator(
        '[data-testid="stDataFrame"] [data-testid="stDataFrameAddRowButton"]'
    ).count()
    return found


def test_viewer_sees_no_write_control_and_an_analyst_signs_in(store_copy, tmp_path, page):
    server = start_app(store_copy, tmp_path / "srv", password=PASSWORD)
    try:
        for path in PAGES:
            open_page(page, f"{server.url}/{path}")
            assert exceptions_on(page) == [], path
            assert write_controls(page) == [], path
        # The Data page, every tab, as a viewer: the read-only notice, no control that writes.
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Bạn đang xem ở chế độ chỉ đọc" in main and "Ai mở ứng dụng này" not in main
        for tab in ("Nhập dữ liệu", "Lịch sử nhập", "Chỉ tiêu", "Đơn vị", "Mẫu tệp và hướng dẫn"):
            click_tab(page, tab)
            assert write_controls(page) == [], tab
        # A wrong password changes nothing; the right one shows the analyst's controls.
        sign_in(page, "sai-mat-khau")
        wait_for_main_text(page, "Mật khẩu không đúng.")
        assert page.locator(UPLOAD_INPUT).count() == 0
        sign_in(page, PASSWORD)
        wait_for_main_text(page, "Đã đăng nhập với vai trò phân tích.")
        settle(page)
        assert page.locator(UPLOAD_INPUT).count() >= 1
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Xóa dữ liệu minh họa…" in main and "Đăng xuất" in main
        click_tab(page, "Lịch sử nhập")
        assert button(page, "Hoàn tác…").is_visible()
        click_tab(page, "Chỉ tiêu")
        assert button(page, "Lưu chỉ tiêu").is_visible()
        assert page.errors == []
    finally:
        server.stop()


def test_analyst_uploads_previews_commits_and_undoes(store_copy, tmp_path, page, browser):
    body = fx.rows(14, prefix="THAT-")
    data = fx.xlsx_bytes(
        body,
        title_rows=[["TỔNG CÔNG TY KHÍ VIỆT NAM"], ["DANH SÁCH SÁNG KIẾN ĐĂNG KÝ NĂM 2022"], []],
    )
    before = figures(store_copy)
    after, twin = expected_after(store_copy, tmp_path, data, "danh-sach-2022.xlsx")
    assert twin.inserted == 14 and after["phase"] == before["phase"] + 14

    server = start_app(store_copy, tmp_path / "srv", password=PASSWORD)
    # The Overview is read by a second visitor; the analyst's tab keeps its session (and so its role).
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        assert shown(visitor, server.url) == before
        cards_before = overview_cards(visitor, server.url)
        open_page(page, server.url + "/data")
        sign_in(page)
        wait_for_main_text(page, "Đã đăng nhập với vai trò phân tích.")
        settle(page)
        upload(page, ("danh-sach-2022.xlsx", data), mime=XLSX)
        wait_for_main_text(page, "Đã nhận ra:")
        settle(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        # The preview: what was detected (a workbook, its sheet, the header under the title block).
        assert "Đã nhận ra: XLSX · trang tính “Danh sách” · tiêu đề ở dòng 4 · 11 cột" in main
        assert "Các cột không dùng (bỏ qua): STT, Ghi chú" in main
        # The column mapping: each column of the file and the field it feeds.
        page.locator('[data-testid="stExpander"] summary', has_text="Ghép cột").first.click()
        mapping = wait_until(
            lambda: [r for r in _visible_grid(page, "Cột trong tệp") if r], what="mapping grid"
        )
        pairs = {row[0]: row[2] for row in mapping[1:]}
        assert pairs["Mã SK"] == "Mã sáng kiến" and pairs["Ngày nộp"] == "Ngày đăng ký"
        assert pairs["Đơn vị"] == "Đơn vị" and pairs["STT"] == "— bỏ qua —"
        # The validation report, before anything is written.
        counts = metrics_in_main(page)
        assert (counts["Thêm mới"], counts["Cập nhật"], counts["Bị loại"], counts["Bỏ qua"]) == (
            "14",
            "0",
            "0",
            "0",
        )
        button(page, "Nhập 1 tệp vào kho (14 thay đổi)").click()
        wait_for_main_text(page, "Đã thêm mới 14")
        assert "Lần nhập số 2" in page.locator('[data-testid="stMain"]').inner_text()

        # The Overview follows by exactly the inserted rows, overall and in each phase.
        assert shown(visitor, server.url) == after

        # Undo from the history tab, with its confirmation.
        click_tab(page, "Lịch sử nhập")
        button(page, "Hoàn tác…").click()
        wait_for_main_text(page, "Hoàn tác lần nhập #2?")
        button(page, "Xác nhận hoàn tác").click()
        # The outcome shows where the person is (the history tab), above the tabs.
        wait_for_main_text(page, "Đã hoàn tác lần nhập số 2: gỡ 14 hồ sơ đã thêm")
        assert shown(visitor, server.url) == before
        assert overview_cards(visitor, server.url) == cards_before
        assert page.errors == []
    finally:
        visitor.context.close()
        server.stop()
    assert figures(store_copy) == before


def _visible_grid(page, first_header: str) -> list[list[str]]:
    """The rows of the first data grid whose header starts with `first_header` ([] until it is drawn)."""
    count = page.locator('[data-testid="stDataFrame"]').count()
    for index in range(count):
        rows = grid_rows(page, index)
        if rows and rows[0] and rows[0][0] == first_header:
            return rows
    return []


# --- files with bad rows ------------------------------------------------------------------------------------

TITLE_BLOCK = [["CÔNG ĐOÀN DẦU KHÍ VIỆT NAM"], ["DANH SÁCH SÁNG KIẾN ĐĂNG KÝ"], []]


def bad_files() -> tuple[list[tuple[str, bytes]], dict[str, list[tuple[int, str, str, str]]], set[str]]:
    """Two exports with bad rows: Windows-1258 with semicolons under a title block, and UTF-16 (Excel's
    "Unicode Text", tab-separated). Returns the files, the rejections expected for each (file row, column,
    value, reason) and the codes that must be imported."""
    good_a = fx.rows(6, prefix="XA-")
    bad_a = [
        [
            "7",
            "XA-00007",
            "Ngày không có thật",
            "Lê Văn B",
            "BSR",
            "",
            "Đã công nhận",
            "31/02/2022",
            "",
            "",
            "",
        ],
        [
            "8",
            "XA-00008",
            "Đơn vị lạ",
            "Lê Văn B",
            "Công ty Ma",
            "",
            "Đã công nhận",
            "01/03/2022",
            "",
            "",
            "",
        ],
        [
            "9",
            "XA-00009",
            "Số tiền âm",
            "Lê Văn B",
            "PVEP",
            "",
            "Đã áp dụng",
            "02/03/2022",
            "",
            "-5.000.000",
            "",
        ],
        ["10", "XA-00001", "Mã trùng", "Lê Văn B", "PVEP", "", "Đã đăng ký", "03/03/2022", "", "", ""],
        ["11", "XA-00011", "", "Lê Văn B", "VPI", "", "Đã đăng ký", "04/03/2022", "", "", ""],
    ]
    first_row = len(TITLE_BLOCK) + 2  # the header is on the row after the title block
    file_a = fx.csv_bytes(good_a + bad_a, delimiter=";", encoding="cp1258", title_rows=TITLE_BLOCK)
    good_b = fx.rows(4, start=50, prefix="XB-")
    bad_b = [
        [
            "5",
            "XB-00099",
            "Tiền bằng chữ",
            "Ngô Thị C",
            "PV GAS",
            "",
            "Đã áp dụng",
            "05/05/2022",
            "",
            "nhiều lắm",
            "",
        ]
    ]
    file_b = fx.csv_bytes(good_b + bad_b, delimiter="\t", encoding="utf-16-le", bom=True)
    expected = {
        "a": [
            (first_row + 6, "Ngày nộp", "31/02/2022", "ngày không hợp lệ"),
            (first_row + 7, "Đơn vị", "Công ty Ma", "không khớp đơn vị nào"),
            (first_row + 8, "Giá trị làm lợi (đồng)", "-5.000.000", "là số âm"),
            (first_row + 9, "Mã SK", "XA-00001", "mã trùng với một dòng phía trên"),
            (first_row + 10, "Tên sáng kiến", "", "bỏ trống"),
        ],
        "b": [(6, "Giá trị làm lợi (đồng)", "nhiều lắm", "không phải số")],
    }
    imported = {r[1] for r in good_a} | {r[1] for r in good_b}
    return [("danh-sach-1258.csv", file_a), ("unicode-text.txt", file_b)], expected, imported


def test_bad_rows_are_listed_with_reasons_offered_as_a_download_and_the_rest_imported(
    store_copy, tmp_path, page, browser
):
    files, expected, imported = bad_files()
    before = figures(store_copy)
    server = start_app(store_copy, tmp_path / "srv")  # no password: writing open (with its notice)
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        open_page(page, server.url + "/data")
        assert (
            "Ai mở ứng dụng này cũng nhập và sửa được dữ liệu"
            in page.locator('[data-testid="stMain"]').inner_text()
        )
        upload(page, files)
        wait_until(
            lambda: page.get_by_text("Tải các dòng bị loại (CSV, có cột lý do)").count() == 2,
            what="two reports",
        )
        settle(page)
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Windows-1258 (tiếng Việt) · dấu chấm phẩy ( ; ) · tiêu đề ở dòng 4" in main
        assert "UTF-16 LE (Unicode Text của Excel) · dấu tab · tiêu đề ở dòng 1" in main
        assert "5 dòng có lỗi sẽ không được nhập" in main and "1 dòng có lỗi sẽ không được nhập" in main

        # Each rejected row on screen with its column, value and reason (the grids' accessible tables).
        grids = [
            g
            for g in (grid_rows(page, i) for i in range(page.locator('[data-testid="stDataFrame"]').count()))
            if g and g[0][:4] == ["Dòng", "Cột", "Giá trị", "Lý do"]
        ]
        assert len(grids) == 2
        for grid, key in zip(grids, ("a", "b"), strict=True):
            rows = [(int(r[0]), r[1], r[2], r[3]) for r in grid[1:]]
            assert len(rows) == len(expected[key]), rows
            for (row, column, value, reason), want in zip(rows, expected[key], strict=True):
                assert (row, column, value) == want[:3] and want[3] in reason, (row, column, value, reason)

        # The rejects download: exactly the rejected rows, the file's own columns and a reason column.
        for index, key in enumerate(("a", "b")):
            data, rejects = read_csv_download(page, "Tải các dòng bị loại", index=index)
            assert data.startswith(b"\xef\xbb\xbf")  # opens in Excel with Vietnamese intact
            assert [int(r["Dòng"]) for r in rejects] == [e[0] for e in expected[key]]
            assert "Mã SK" in rejects[0] and "Tên sáng kiến" in rejects[0]  # the file's own columns
            for row, want in zip(rejects, expected[key], strict=True):
                assert want[3] in row["Lý do"], row

        # The rest goes in.
        button(page, "Nhập 2 tệp vào kho (10 thay đổi)").click()
        wait_for_main_text(page, "Đã thêm mới 6")
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "Đã thêm mới 4" in main and "Lần nhập số 2" in main and "Lần nhập số 3" in main
        assert shown(visitor, server.url)["phase"] == before["phase"] + 10
        assert page.errors == []
    finally:
        visitor.context.close()
        server.stop()
    store = open_store(store_copy, read_only=True)
    try:
        codes = {r[0] for r in store.rows("SELECT code FROM initiatives WHERE import_id IN (2, 3)")}
        assert codes == imported
    finally:
        store.close()


# --- upload limits ------------------------------------------------------------------------------------------


def test_upload_limits_size_rows_type_and_zip_bombs(store_copy, tmp_path, page):
    """Each limit refuses the file with a message and writes nothing: the size limit (Streamlit's
    server.maxUploadSize, 1 MB here), the page's row limit (SANGKIEN_UPLOAD_MAX_ROWS, 50 here), the file
    type (by the uploader's list and by content), and an XLSX zip bomb."""
    before = fingerprint(store_copy)
    server = start_app(
        store_copy,
        tmp_path / "srv",
        env={"STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1", "SANGKIEN_UPLOAD_MAX_ROWS": "50"},
    )
    try:
        open_page(page, server.url + "/data")

        def refused(name: str, data: bytes, message: str, mime: str = "text/csv") -> None:
            upload(page, (name, data), mime=mime)
            wait_for_main_text(page, message)
            settle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, name
            assert page.locator("button:visible", has_text="tệp vào kho").count() == 0, name
            # Clear the uploader for the next file.
            page.locator('[data-testid="stFileChipDeleteBtn"] button').first.click()
            settle(page)

        big = fx.csv_bytes(fx.rows(9000, prefix="BIG-"))
        assert len(big) > 1024 * 1024
        refused("qua-lon.csv", big, "File must be 1.0MB or smaller.")
        refused(
            "60-dong.csv",
            fx.csv_bytes(fx.rows(60, prefix="ROW-")),
            "Tệp có 60 dòng dữ liệu, vượt giới hạn 50 dòng",
        )
        refused("anh.csv", fx.PNG_BYTES, "Tệp không phải bảng dữ liệu")
        refused("bom.xlsx", fx.zip_bomb_xlsx(40), "Tệp Excel khi giải nén lớn bất thường", mime=XLSX)
        # A type the uploader does not take never reaches the importer.
        upload(page, ("bao-cao.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), mime="application/pdf")
        wait_for_main_text(page, "not allowed")
        assert page.locator("button:visible", has_text="tệp vào kho").count() == 0
        # 50 rows is within the limit: accepted.
        upload(page, ("50-dong.csv", fx.csv_bytes(fx.rows(50, prefix="OK-"))))
        wait_for_main_text(page, "Nhập 1 tệp vào kho (50 thay đổi)")
        click_tab(page, "Lịch sử nhập")
        history = wait_until(lambda: _visible_grid(page, "Lần nhập"), what="history grid")
        assert [r[0] for r in history[1:]] == ["#1"]  # only the sample: nothing was written
    finally:
        server.stop()
    assert fingerprint(store_copy) == before
