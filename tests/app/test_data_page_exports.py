"""The Data page with the second batch of exports, in the real Streamlit runtime (AppTest) on real store files:
the encoding named for a TCVN3 file, a report workbook (two-row header, skipped rows by reason, the shares
flagged, the estimated/actual benefit switch), sheets per unit with each sheet's counts, the month-first
column said, and a mojibake file refused."""

from __future__ import annotations

import datetime as dt

from analytics.ingest import legacy
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.app.apptest import all_text
from tests.app.test_data_page import button, data_page, metrics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shown_text(at) -> str:
    """The page's text as a person reads it (Markdown's escapes of data text removed)."""
    return all_text(at).replace("\\", "")


def upload(at, name: str, data: bytes, mime: str = "text/csv"):
    at.file_uploader[0].set_value((name, data, mime))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stored(db, sql: str) -> list[tuple]:
    store = open_store(db)
    try:
        return store.rows(sql)
    finally:
        store.close()


def test_a_tcvn3_file_is_named_and_stored_in_unicode(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    data = legacy.encode_bytes(fx.csv_text(fx.rows(6), delimiter=";"), "tcvn3")
    upload(at, "vntime.csv", data)
    text = all_text(at)
    assert "Đã nhận ra: CSV · TCVN3 (ABC, phông .VnTime) · dấu chấm phẩy" in text
    assert [s.value for s in at.selectbox if s.key and s.key.endswith("_enc")] == ["tcvn3"]
    assert metrics(at)["Thêm mới"] == "6"
    button(at, "data_commit").click()
    at.run()
    assert stored(db, "SELECT title FROM initiatives WHERE code = 'SK-00001'") == [
        ("Giải pháp tiết kiệm điện năng tại trạm bơm số 1",)
    ]


def test_a_report_workbook_and_the_benefit_switch(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    upload(at, "bao-cao.xlsx", fx.report_xlsx(), XLSX)
    text = shown_text(at)
    assert "tiêu đề 2 dòng từ dòng 4 (dòng 6 đánh số cột, bỏ qua)" in text
    assert (
        "1 dòng đánh số cột (1), (2)…; 4 dòng chữ ký; 4 dòng đồng tác giả đã gộp vào sáng kiến phía trên"
        in text
    )
    assert "không cộng lại 100% ở 1 sáng kiến: dòng 13 (90,0%)" in " ".join(
        w.value for w in at.warning
    ).replace("\\", "")
    shown = metrics(at)
    assert (shown["Thêm mới"], shown["Bị loại"], shown["Bỏ qua"]) == ("4", "0", "11")
    [switch] = [r for r in at.radio if r.key and r.key.startswith("data_alt_")]
    assert switch.label == "Giá trị làm lợi (đồng) lấy từ cột"
    assert switch.options == ["Giá trị làm lợi Ước tính", "Giá trị làm lợi Thực tế"] and switch.value == 7
    switch.set_value(8)  # the column of the actual benefit
    at.run()
    assert not at.exception
    button(at, "data_commit").click()
    at.run()
    assert stored(
        db,
        "SELECT code, benefit_vnd, author_shares FROM initiatives WHERE code LIKE 'RP-%' ORDER BY code LIMIT 2",
    ) == [
        ("RP-001", 1_100_000_000, [60.0, 40.0]),
        ("RP-002", 650_000_000, [100.0]),
    ]


def test_sheets_per_unit_show_each_sheets_counts(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    sheets = {"BSR": [[1, "U-1", "A", "An", "15/03/2022", ""], [2, "U-2", "B", "Bình", "16/03/2022", ""]],
              "PVEP": [[1, "U-3", "C", "Cường", "17/03/2022", ""]]}  # fmt: skip
    upload(at, "don-vi.xlsx", fx.unit_sheets_xlsx(sheets, empty=("Sheet3",)), XLSX)
    assert "2 trang tính, đơn vị theo tên trang (BSR, PVEP)" in shown_text(at)
    assert "Trang tính bỏ qua: Tổng hợp (trang tổng hợp), Sheet3 (trống)." in shown_text(at)
    table = [d.value for d in at.dataframe if "Số dòng" in d.value.columns][0]
    assert table[["Trang tính", "Số dòng", "Thêm mới"]].values.tolist() == [
        ["BSR", "2", "2"],
        ["PVEP", "1", "1"],
    ]
    assert [s.value for s in at.selectbox if s.key and s.key.endswith("_sheet")] == ["*"]
    button(at, "data_commit").click()
    at.run()
    assert stored(db, "SELECT code, unit_code FROM initiatives WHERE code LIKE 'U-%' ORDER BY code") == [
        ("U-1", "BSR"), ("U-2", "BSR"), ("U-3", "PVEP"),
    ]  # fmt: skip


def test_a_month_first_column_is_said_and_a_mojibake_file_refused(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    headers = ("Mã SK", "Tên sáng kiến", "Đơn vị", "Ngày nộp")
    upload(
        at,
        "mdy.csv",
        fx.csv_bytes([["A", "T", "BSR", "05/25/2022"], ["B", "T", "BSR", "03/04/2022"]], headers=headers),
    )
    assert "Cột “Ngày nộp” được đọc theo tháng/ngày/năm trong cả cột" in shown_text(at)
    button(at, "data_commit").click()
    at.run()
    assert stored(
        db, "SELECT code, registered_on FROM initiatives WHERE code IN ('A', 'B') ORDER BY code"
    ) == [
        ("A", dt.date(2022, 5, 25)),
        ("B", dt.date(2022, 3, 4)),
    ]
    at = data_page(monkeypatch, db)
    twice = legacy.decode_bytes(fx.csv_text(fx.rows(8)).encode("utf-8")).encode("utf-8")
    upload(at, "hai-lan.csv", twice)
    errors = " ".join(e.value for e in at.error)
    assert "mã hóa hai lần" in errors and "Không có gì được ghi" in errors
    assert not [b for b in at.button if b.key == "data_commit"]
