"""Values as exports write them: day-first and ISO dates, Excel serials, Vietnamese money, unit aliases,
accentless statuses, blank and total rows, and every reason a row is rejected (row, column, value)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from analytics import ingest
from tests.analytics.ingest import fixtures as fx

HEADERS = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Trạng thái", "Cấp công nhận", "Ngày nộp",
           "Ngày công nhận", "Giá trị làm lợi", "Tiền thưởng (VNĐ)", "Số tác giả")  # fmt: skip


def row(code: str, **values: str) -> list[str]:
    base = {
        "unit": "BSR", "status": "", "level": "", "registered": "15/03/2022", "recognized": "", "benefit": "",
        "reward": "", "count": "", "title": f"Sáng kiến {code}", "authors": "Nguyễn Văn A",
    }  # fmt: skip
    base.update(values)
    return [code, base["title"], base["authors"], base["unit"], base["status"], base["level"], base["registered"],
            base["recognized"], base["benefit"], base["reward"], base["count"]]  # fmt: skip


@pytest.fixture
def store(make_store):
    return make_store()


def load(store, body: list[list[str]], **kwargs) -> ingest.Report:
    report = ingest.commit(store, fx.csv_bytes(body, headers=HEADERS), "values.csv", **kwargs)
    assert report.ok, report.message()
    return report


def value(store, code: str, column: str):
    return store.one(f"SELECT {column} FROM initiatives WHERE code = ?", [code])  # noqa: S608 - test column names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/05/2022", dt.date(2022, 5, 31)),
        ("1/6/2022", dt.date(2022, 6, 1)),
        ("05-06-2022", dt.date(2022, 6, 5)),
        ("05.06.2022", dt.date(2022, 6, 5)),
        ("2022-06-05", dt.date(2022, 6, 5)),
        ("2022/06/05", dt.date(2022, 6, 5)),
        ("31/05/2022 14:30", dt.date(2022, 5, 31)),
        ("2022-05-31 00:00:00", dt.date(2022, 5, 31)),
        ("31/5/22", dt.date(2022, 5, 31)),
        ("44712", dt.date(2022, 5, 31)),  # an Excel serial day pasted as a number
        ("  31/05/2022 ", dt.date(2022, 5, 31)),
    ],
)
def test_dates_are_day_first(store, text, expected):
    load(store, [row("D", registered=text)])
    assert value(store, "D", "registered_on") == expected


def test_phase_comes_from_the_registration_date(store):
    load(
        store,
        [
            row("P1", registered="31/05/2022"),
            row("P2", registered="01/06/2022"),
            row("P0", registered="01/01/2019"),
        ],
    )
    assert (value(store, "P1", "phase"), value(store, "P2", "phase"), value(store, "P0", "phase")) == (
        1,
        2,
        None,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250.000.000", 1_250_000_000),
        ("1,250,000,000", 1_250_000_000),
        ("1 250 000 000", 1_250_000_000),
        ("1\u00a0250\u00a0000", 1_250_000),
        ("1.250.000.000 đ", 1_250_000_000),
        ("1.250.000.000đ", 1_250_000_000),
        ("1.250.000.000 đồng", 1_250_000_000),
        ("1.250.000.000 VNĐ", 1_250_000_000),
        ("1,250,000,000 VND", 1_250_000_000),
        ("1,5 tỷ", 1_500_000_000),
        ("2 triệu", 2_000_000),
        ("850 nghìn đồng", 850_000),
        ("1250000000", 1_250_000_000),
        ("1.250", 1_250),
        ("12,5", 13),
        ("0", 0),
    ],
)
def test_money_as_written_in_vietnamese_exports(store, text, expected):
    load(store, [row("M", benefit=text)])
    assert value(store, "M", "benefit_vnd") == expected


def test_money_header_carries_its_scale(store):
    headers = (
        "Mã SK",
        "Tên sáng kiến",
        "Đơn vị",
        "Ngày nộp",
        "Giá trị làm lợi (triệu đồng)",
        "Tiền thưởng (nghìn đồng)",
    )
    body = [["S", "T", "BSR", "01/01/2022", "1.250", "500"]]
    ingest.commit(store, fx.csv_bytes(body, headers=headers), "scale.csv")
    assert (value(store, "S", "benefit_vnd"), value(store, "S", "reward_vnd")) == (1_250_000_000, 500_000)


@pytest.mark.parametrize(
    ("unit", "code"),
    [("pv gas", "PV GAS"), ("PVGAS", "PV GAS"), ("Tổng công ty Khí Việt Nam", "PV GAS"), ("tong cong ty khi viet nam", "PV GAS"),
     ("Pv-Gas", "PV GAS"), ("Ban QLDA NMNĐ Thái Bình 2", "QLDA TB2"), ("Đạm Cà Mau", "PVCFC"), ("  bsr ", "BSR"),
     ("Vietsovpetro", "VSP"), ("CQTĐ", "CQ TĐ")],
)  # fmt: skip
def test_units_by_code_short_name_full_name_or_alias(store, unit, code):
    load(store, [row("U", unit=unit)])
    assert value(store, "U", "unit_code") == code


@pytest.mark.parametrize(
    ("status", "expected"),
    [("Đã công nhận", "recognized"), ("da cong nhan", "recognized"), ("ĐÃ CÔNG NHẬN", "recognized"), ("Đạt", "recognized"),
     ("Đã áp dụng", "applied"), ("da ap dung", "applied"), ("Chờ công nhận", "registered"), ("Đã đăng ký", "registered"),
     ("Không công nhận", "not_recognized"), ("khong dat", "not_recognized"), ("Approved", "recognized")],
)  # fmt: skip
def test_statuses_with_or_without_accents(store, status, expected):
    load(store, [row("S", status=status)])
    assert value(store, "S", "status") == expected


def test_status_left_empty_follows_the_dates(store):
    load(store, [row("A"), row("B", recognized="01/04/2022")])
    assert (value(store, "A", "status"), value(store, "B", "status")) == ("registered", "recognized")


def test_levels_and_author_counts(store):
    load(store, [row("L1", level="Cấp cơ sở"), row("L2", level="toan quoc"), row("L3", level="Cấp ngành")])
    assert [value(store, c, "level") for c in ("L1", "L2", "L3")] == ["unit", "national", "sector"]
    load(
        store,
        [row("A1", authors="Lê A, Trần B; Phạm C"), row("A2", authors="Lê A\nTrần B"), row("A3", count="4")],
    )
    assert value(store, "A1", "authors") == "Lê A; Trần B; Phạm C" and value(store, "A1", "author_count") == 3
    assert value(store, "A2", "authors") == "Lê A; Trần B" and value(store, "A3", "author_count") == 4


def test_blank_and_total_rows_are_skipped_not_rejected(store):
    body = [row("A"), [""] * 11, ["", "", "", "", "", "", "", "", "", "", ""], ["Tổng cộng", "", "", "", "", "", "", "", "2.500.000", "", ""],
            ["", "Cộng:", "", "", "", "", "", "", "", "", ""], ["TOTAL", "", "", "", "", "", "", "", "", "", ""]]  # fmt: skip
    report = load(store, body)
    assert (report.inserted, report.rejected, report.skipped, report.skipped_blank, report.skipped_total) == (
        1,
        0,
        5,
        2,
        3,
    )


def test_every_reject_reason_with_row_column_value(store):
    body = [
        row("OK"),
        row("", title="Không mã"),  # row 3
        row("T1", title=""),  # row 4
        row("U1", unit=""),  # row 5
        row("R1", registered=""),  # row 6
        row("D1", registered="31/02/2022"),  # row 7
        row("D2", recognized="hôm qua"),  # row 8
        row("U2", unit="Công ty Ma"),  # row 9
        row("N1", benefit="-500.000"),  # row 10
        row("N2", benefit="khoảng 2 tỷ"),  # row 11
        row("N3", reward="(1.000)"),  # row 12
        row("OK"),  # row 13: the code repeats row 2
        row("S1", status="Đang bay"),  # row 14
        row("L1", level="Vũ trụ"),  # row 15
        row("N4", benefit="9.999.999.999.999.999"),  # row 16
    ]
    report = load(store, body)
    found = {(e.row, e.column, e.value, e.reason) for e in report.errors}
    assert found == {
        (3, "Mã SK", None, "missing"),
        (4, "Tên sáng kiến", None, "missing"),
        (5, "Đơn vị", None, "missing"),
        (6, "Ngày nộp", None, "missing"),
        (7, "Ngày nộp", "31/02/2022", "bad_date"),
        (8, "Ngày công nhận", "hôm qua", "bad_date"),
        (9, "Đơn vị", "Công ty Ma", "unknown_unit"),
        (10, "Giá trị làm lợi", "-500.000", "negative"),
        (11, "Giá trị làm lợi", "khoảng 2 tỷ", "not_number"),
        (12, "Tiền thưởng (VNĐ)", "(1.000)", "negative"),
        (13, "Mã SK", "OK", "duplicate"),
        (14, "Trạng thái", "Đang bay", "unknown_status"),
        (15, "Cấp công nhận", "Vũ trụ", "unknown_level"),
        (16, "Giá trị làm lợi", "9.999.999.999.999.999", "too_large"),
    }
    assert (report.inserted, report.rejected) == (1, 14)
    assert store.record_count() == 1
    vi = report.errors_frame("vi")
    assert list(vi.columns) == ["Dòng", "Cột", "Giá trị", "Lý do"]
    assert "ngày không hợp lệ" in " ".join(vi["Lý do"])
    assert "not a valid date" in " ".join(report.errors_frame("en")["Reason"])


def test_a_row_with_more_cells_than_the_header_is_rejected(store):
    text = "Mã SK,Tên sáng kiến,Đơn vị,Ngày nộp\r\nA,Giải pháp,BSR,01/01/2022\r\nB,Giải pháp A, B và C,BSR,01/01/2022\r\n"
    report = ingest.commit(store, text.encode(), "extra.csv")
    assert report.rejected == 1 and report.errors[0].reason == "extra_cells" and report.errors[0].row == 3


def test_rejects_download_is_the_file_with_row_and_reason_ready_to_fix(store):
    body = [row("A"), row("B", registered="30/02/2022"), row("C", title='=HYPERLINK("http://x")', unit="???")]
    report = load(store, body)
    data = report.rejects_csv("vi")
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["Dòng", *HEADERS, "Lý do"]
    assert frame["Dòng"].tolist() == ["3", "4"]
    assert frame.loc[0, "Ngày nộp"] == "30/02/2022"
    assert frame.loc[1, "Tên sáng kiến"] == '\'=HYPERLINK("http://x")'  # neutralised, never a formula
    assert frame.loc[1, "Lý do"].startswith("Đơn vị: không khớp đơn vị nào")
    # Fixed and re-imported, the rows go in.
    fixed = frame.drop(columns=["Dòng", "Lý do"])
    fixed.loc[0, "Ngày nộp"] = "28/02/2022"
    fixed.loc[1, "Đơn vị"] = "BSR"
    again = ingest.commit(store, fixed.to_csv(index=False).encode("utf-8-sig"), "fixed.csv")
    assert (again.inserted, again.rejected) == (2, 0)


def test_hostile_text_is_stored_verbatim(store):
    hostile = ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://evil","x")', "+1+2", "@SUM(A1)", "-cmd"]
    load(store, [row(f"H{i}", title=text) for i, text in enumerate(hostile)])
    assert [value(store, f"H{i}", "title") for i in range(len(hostile))] == hostile
