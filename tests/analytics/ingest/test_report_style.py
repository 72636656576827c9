"""Workbooks as offices file them: a report (title block, a two-row header with merged cells, the numbering
row, co-authors on the rows under their record, estimated and actual benefit side by side, the signature
block), and one sheet per unit with a summary sheet first. Files are built by fixtures.py."""

from __future__ import annotations

import pytest

from analytics import ingest
from analytics.ingest import ReadOptions
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(make_store):
    return make_store()


def records(store) -> dict[str, tuple]:
    rows = store.rows(
        "SELECT code, authors, author_count, author_shares, unit_code, benefit_vnd FROM initiatives ORDER BY code"
    )
    return {r[0]: r[1:] for r in rows}


EXPECTED = {
    "RP-001": ("Nguyễn Văn An; Trần Thị Bình", 2, [60.0, 40.0], "BSR", 1_250_000_000),
    "RP-002": ("Lê Văn Cường", 1, [100.0], "PVEP", 600_000_000),
    "RP-003": ("Phạm Thị Dung; Hoàng Văn Em; Đặng Quốc Huy", 3, [50.0, 30.0, 20.0], "PV GAS", None),
    "RP-004": ("Võ Thị Giang; Bùi Văn Hải", 2, [70.0, 20.0], "BSR", 90_000_000),
}


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # the record's cells merged down over its co-authors' rows
        {"merge_down": False},  # an empty code and title under the record
        {"title": False, "numbering": False},
        {"signature": False},
    ],
)
def test_report_workbook(store, kwargs):
    data = fx.report_xlsx(**kwargs)
    preview = ingest.inspect(data, "bao-cao.xlsx")
    assert preview.refusal is None, preview.refusal
    layout = preview.layout
    top = 4 if kwargs.get("title", True) else 1
    assert (layout.header_row, layout.header_span) == (top, 2)
    assert layout.numbering_row == (top + 2 if kwargs.get("numbering", True) else None)
    assert preview.headers[3:5] == ["Tác giả Họ tên", "Tác giả Tỷ lệ (%)"]
    assert preview.mapping["authors"] == 3 and preview.mapping["author_shares"] == 4
    # Two columns can supply the benefit: the estimate is used (as before), the actual offered.
    assert preview.alternatives == {"benefit_vnd": [7, 8]} and preview.mapping["benefit_vnd"] == 7
    report = ingest.commit(store, data, "bao-cao.xlsx")
    assert report.ok, report.message()
    assert (report.inserted, report.rejected) == (4, 0), [
        (e.row, e.column, e.value, e.reason) for e in report.errors
    ]
    assert records(store) == EXPECTED
    expected_skips = {"continuation": 4}
    if kwargs.get("numbering", True):
        expected_skips["numbering"] = 1
    if kwargs.get("signature", True):
        expected_skips["signature"] = 4  # place and date, the titles, "(Ký, ghi rõ họ tên)", the names
    assert {k: v for k, v in report.skipped_by.items() if k != "blank"} == expected_skips
    assert report.skipped == sum(report.skipped_by.values())
    assert report.rows_read == report.inserted + report.skipped
    # RP-004's shares add up to 90%: flagged, imported all the same.
    assert [(i.total, i.row) for i in report.share_issues] == [(90.0, layout.data_row + 6)]
    assert "90,0%" in report.message("vi") and "dòng" in report.share_note("vi")
    # The signature block's names are nobody's co-authors, and author counts stay right.
    assert (
        store.one("SELECT count(*) FROM initiatives WHERE authors LIKE '%Lan%' OR authors LIKE '%Hùng%'") == 0
    )


def test_switching_to_the_actual_benefit(store):
    data = fx.report_xlsx()
    preview = ingest.inspect(data, "bao-cao.xlsx")
    mapping = ingest.choose_columns(preview, benefit_column="Thực tế")
    assert mapping["benefit_vnd"] == 8 and mapping["authors"] == 3
    assert ingest.choose_columns(preview, [("Giá trị làm lợi Thực tế", "benefit_vnd")]) == mapping
    assert (
        ingest.choose_columns(preview, [("I", "Giá trị làm lợi (đồng)")]) == mapping
    )  # Excel's letter, the label
    ingest.commit(store, data, "bao-cao.xlsx", mapping=mapping)
    assert {c: r[4] for c, r in records(store).items()} == {
        "RP-001": 1_100_000_000, "RP-002": 650_000_000, "RP-003": 300_000_000, "RP-004": None,
    }  # fmt: skip
    with pytest.raises(ingest.MappingError) as missing:
        ingest.choose_columns(preview, benefit_column="Dự kiến")
    assert missing.value.code == "no_column" and "Giá trị làm lợi Thực tế" in missing.value.params["columns"]


def test_a_reimport_of_the_report_changes_nothing_and_undo_is_exact(store):
    data = fx.report_xlsx()
    first = ingest.commit(store, data, "bao-cao.xlsx")
    again = ingest.commit(store, data, "bao-cao.xlsx")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
    # A corrected report (RP-004's shares fixed, one co-author more on RP-002) updates exactly those two.
    records_ = list(fx.REPORT_RECORDS)
    records_[1] = (*records_[1][:2], [("Lê Văn Cường", 80), ("Mai Thị Kim", 20)], *records_[1][3:])
    records_[3] = (*records_[3][:2], [("Võ Thị Giang", 80), ("Bùi Văn Hải", 20)], *records_[3][3:])
    fixed = ingest.commit(store, fx.report_xlsx(records_), "bao-cao-sua.xlsx")
    assert (fixed.updated, fixed.unchanged, fixed.share_issues) == (2, 2, [])
    assert records(store)["RP-002"][:3] == ("Lê Văn Cường; Mai Thị Kim", 2, [80.0, 20.0])
    assert ingest.undo(store, fixed.import_id).ok
    assert records(store) == EXPECTED
    assert ingest.undo(store, again.import_id).ok and ingest.undo(store, first.import_id).ok
    assert store.record_count() == 0


SHEETS = {
    "BSR": [[1, "U-1", "Cải tiến A", "Nguyễn Văn An", "15/03/2022", "1.000.000"],
            [2, "U-2", "Cải tiến B", "Lê Văn Bình", "16/03/2022", ""]],
    "PV GAS": [[1, "U-3", "Cải tiến C", "Trần Văn Cường", "17/03/2022", "2.000.000"]],  # the code
    "Đạm Cà Mau": [[1, "U-4", "Cải tiến D", "Phạm Thị Dung", "18/03/2022", ""],  # an alias of PVCFC
                   [2, "U-5", "Cải tiến E", "Hà Văn E", "32/03/2022", ""]],
    "Viện Dầu khí": [[1, "U-6", "Cải tiến F", "Lý Thị F", "19/03/2022", ""]],  # a short name (VPI)
}  # fmt: skip


@pytest.mark.parametrize("title_rows", [0, 2])
def test_one_sheet_per_unit(store, title_rows):
    data = fx.unit_sheets_xlsx(SHEETS, empty=("Sheet3",), title_rows=title_rows)
    preview = ingest.inspect(data, "theo-don-vi.xlsx")
    assert preview.refusal is None, preview.refusal
    layout = preview.layout
    assert [p.sheet for p in layout.parts] == list(SHEETS)
    assert [p.header_row for p in layout.parts] == [title_rows + 1 + i % 2 for i in range(len(SHEETS))]
    assert dict(layout.skipped_sheets) == {"Tổng hợp": "summary", "Sheet3": "empty"}
    assert (
        preview.headers[-1] == "Đơn vị (tên trang tính)"
        and preview.mapping["unit"] == len(preview.headers) - 1
    )
    report = ingest.commit(store, data, "theo-don-vi.xlsx")
    assert report.ok, report.message()
    assert (report.inserted, report.rejected) == (5, 1)
    units = dict(store.rows("SELECT code, unit_code FROM initiatives ORDER BY code"))
    assert units == {"U-1": "BSR", "U-2": "BSR", "U-3": "PV GAS", "U-4": "PVCFC", "U-6": "VPI"}
    # The bad date is reported with its sheet and its row in that sheet.
    [error] = report.errors
    assert (error.sheet, error.row, error.value, error.reason) == (
        "Đạm Cà Mau",
        title_rows + 3,
        "32/03/2022",
        "bad_date",
    )  # its header on row title_rows + 1, U-4 under it, U-5 next
    assert "Trang tính" in report.errors_frame("vi").columns
    assert report.rejects_frame("vi")["Trang tính"].tolist() == ["Đạm Cà Mau"]
    counts = {s["sheet"]: (s["rows"], s["insert"], s["reject"]) for s in report.sheets}
    assert counts == {
        "BSR": (2, 2, 0),
        "PV GAS": (1, 1, 0),
        "Đạm Cà Mau": (2, 1, 1),
        "Viện Dầu khí": (1, 1, 0),
    }
    assert "BSR: 2 dòng" in report.message("vi") and "Tổng hợp (trang tổng hợp)" in report.message("vi")


def test_unit_sheets_chosen_by_name_and_a_sheet_that_is_no_unit(store):
    sheets = {"BSR": SHEETS["BSR"], "Phòng Kỹ thuật": [[1, "U-9", "Cải tiến G", "A", "20/03/2022", ""]]}
    data = fx.unit_sheets_xlsx(sheets, summary=False)
    report = ingest.validate(store, data, "x.xlsx", options=ReadOptions(sheets=("BSR", "Phòng Kỹ thuật")))
    assert (report.inserted, report.rejected) == (2, 1)
    [error] = report.errors
    assert (error.sheet, error.column, error.value, error.reason) == (
        "Phòng Kỹ thuật",
        "Đơn vị (tên trang tính)",
        "Phòng Kỹ thuật",
        "unknown_unit",
    )
    one = ingest.inspect(data, "x.xlsx", options=ReadOptions(sheet="BSR"))
    assert not one.layout.parts and one.refusal.code == "missing_columns"  # one sheet alone has no unit
    with_unit_column = fx.xlsx_bytes(sheet="Danh sách", extra_sheets=["Hướng dẫn"])
    assert not ingest.inspect(with_unit_column, "y.xlsx").layout.parts  # a unit column: one sheet, as before


def test_a_code_repeated_on_two_unit_sheets_is_a_duplicate(store):
    sheets = {
        "BSR": [[1, "D-1", "A", "X", "15/03/2022", ""]],
        "PVEP": [[1, "D-1", "B", "Y", "16/03/2022", ""]],
    }
    report = ingest.validate(store, fx.unit_sheets_xlsx(sheets), "dup.xlsx")
    assert [(e.sheet, e.row, e.reason) for e in report.errors] == [
        ("PVEP", 3, "duplicate")
    ]  # a title row above
