"""The workbook, opened with openpyxl and as zip parts: typed cells, formats, native Excel charts, and
text that is never run as a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl

from analytics.filters import Filters
from analytics.report import build_report, render
from tests.analytics.report.conftest import META, PHASE1_END
from tests.conftest import insert_records, record


def test_xlsx_sheets_values_and_formats(xlsx_0531):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_0531))
    assert book.sheetnames == ["Tổng hợp", "Giai đoạn", "Đơn vị", "Hồ sơ"]
    phases = book["Giai đoạn"]
    assert [c.value for c in phases[1][:5]] == [
        "Giai đoạn",
        "Thời gian",
        "Chỉ tiêu",
        "Đã đăng ký",
        "Tỷ lệ đạt",
    ]
    assert [c.value for c in phases[2][:5]] == ["Giai đoạn 1", "01/09/2021 – 31/05/2022", 1400, 1458, 1.041]
    assert phases["C2"].number_format == "#,##0" and phases["E2"].number_format == "0.0%"
    start = next(c for c in phases[1] if c.value == "Bắt đầu").column
    assert phases.cell(2, start).value == dt.datetime(2021, 9, 1)
    assert phases.cell(2, start).number_format == "dd/mm/yyyy"
    units = book["Đơn vị"]
    assert [c.value for c in units[2][:7]] == [
        1,
        "BSR",
        "Công ty CP Lọc hóa dầu Bình Sơn",
        "Lọc hóa dầu",
        170,
        470,
        2.764,
    ]
    records = book["Hồ sơ"]
    assert records.max_row == 1 + 1458 and records["A1"].value == "Mã hồ sơ"
    assert records["J2"].number_format == "dd/mm/yyyy" and isinstance(records["J2"].value, dt.datetime)
    summary = book["Tổng hợp"]
    values = {row[0].value: row[1].value for row in summary.iter_rows(min_row=1, max_col=2) if row[0].value}
    assert values["Đã đăng ký"] == 1458 and values["Chỉ tiêu"] == 5400
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)" in "\n".join(
        str(v) for v in values
    )


def test_xlsx_charts_are_native_excel_charts(xlsx_0531):
    parts = zipfile.ZipFile(io.BytesIO(xlsx_0531)).namelist()
    charts = sorted(p for p in parts if re.fullmatch(r"xl/charts/chart\d+\.xml", p))
    assert len(charts) == 2 and any(p.startswith("xl/drawings/drawing") for p in parts)
    xml = {p: zipfile.ZipFile(io.BytesIO(xlsx_0531)).read(p).decode() for p in charts}
    assert any("<c:barChart>" in x and "'Giai đoạn'!$C$2:$C$3" in x for x in xml.values())  # target per phase
    assert any("'Đơn vị'!$G$2:$G$34" in x for x in xml.values())  # % of target per unit


def test_xlsx_neutralises_formula_like_titles(sample_copy):
    from analytics.store import open_store

    store = open_store(sample_copy)
    insert_records(store, [record("EVIL-1", "BSR", "2022-05-30", title='=HYPERLINK("http://x","y")')])
    report = build_report(store, Filters(as_of=PHASE1_END, units=("BSR",)), "vi", META)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", store)))
    titles = [row[1].value for row in book["Hồ sơ"].iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x","y")' in titles
    assert all(not (isinstance(t, str) and t.startswith("=")) for t in titles)
    store.close()


def test_xlsx_records_sheet_has_the_explorer_downloads_columns_in_its_order(xlsx_0531):
    """One column order for records everywhere: the report's sheet once had a second list of its own, with
    the authors after the unit while the explorer's download (and the API's CSV) put them after the title."""
    from analytics.export import RECORD_COLUMNS, record_headers

    records = openpyxl.load_workbook(io.BytesIO(xlsx_0531))["Hồ sơ"]
    header = [c.value for c in records[1] if c.value]
    assert header == list(record_headers(RECORD_COLUMNS, "vi").values())
    assert header.index("Tác giả") == header.index("Tên sáng kiến") + 1
