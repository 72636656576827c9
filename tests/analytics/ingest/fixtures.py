"""Builders of import files for the tests: every format, encoding and kind of damage the importer must
handle, made at test time (no binary fixtures in the repository).

`rows()` gives realistic Vietnamese records; `csv_bytes()` and `xlsx_bytes()` lay them out the way real
exports do (title blocks above the header, BOMs, code pages, delimiters, CRLF); `big_csv()` writes the
1,000,000-row file of the speed measurement with DuckDB itself.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

HEADERS_VI = (
    "STT", "Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Lĩnh vực", "Trạng thái", "Ngày nộp",
    "Ngày công nhận", "Giá trị làm lợi (đồng)", "Ghi chú",
)  # fmt: skip
HEADERS_EN = (
    "No.", "Initiative code", "Title", "Authors", "Unit", "Field", "Status", "Registered on", "Recognised on",
    "Benefit (VND)", "Notes",
)  # fmt: skip

_UNITS = (
    "BSR",
    "pv gas",
    "Tổng công ty Khí Việt Nam",
    "PVGAS",
    "Viện Dầu khí Việt Nam",
    "PVEP",
    "Vietsovpetro",
)
_TITLES = (
    "Cải tiến quy trình bảo dưỡng máy nén khí",
    "Giải pháp tiết kiệm điện năng tại trạm bơm",
    "Ứng dụng chuyển đổi số trong quản lý vật tư",
    "Nâng cao hiệu suất thu hồi nhiệt lò hơi",
)
_AUTHORS = ("Nguyễn Văn An", "Trần Thị Bình, Lê Văn Cường", "Phạm Thị Dung; Hoàng Văn Em", "Đặng Quốc Huy")
_STATUSES = ("Đã công nhận", "da cong nhan", "Đã áp dụng", "Đã đăng ký")


def rows(n: int = 5, start: int = 1, prefix: str = "SK-") -> list[list[str]]:
    """n valid records under HEADERS_VI (STT first, notes last)."""
    out = []
    for i in range(start, start + n):
        registered = dt.date(2022, 1, 1) + dt.timedelta(days=(i * 37) % 600)
        recognized = registered + dt.timedelta(days=30)
        out.append(
            [
                str(i),
                f"{prefix}{i:05d}",
                f"{_TITLES[i % len(_TITLES)]} số {i}",
                _AUTHORS[i % len(_AUTHORS)],
                _UNITS[i % len(_UNITS)],
                "Kỹ thuật – Công nghệ",
                _STATUSES[i % len(_STATUSES)],
                registered.strftime("%d/%m/%Y"),
                recognized.strftime("%d/%m/%Y") if i % 3 else "",
                f"{(i * 12_500_000):,}".replace(",", ".") if i % 2 else "",
                "",
            ]
        )
    return out


def csv_text(
    body: Iterable[Sequence[object]],
    headers: Sequence[str] = HEADERS_VI,
    delimiter: str = ",",
    newline: str = "\r\n",
    title_rows: Sequence[Sequence[object]] = (),
    quote_all: bool = False,
) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    for row in title_rows:
        writer.writerow(row)
    writer.writerow(headers)
    for row in body:
        writer.writerow(row)
    return buffer.getvalue()


def csv_bytes(
    body: Iterable[Sequence[object]] | None = None,
    headers: Sequence[str] = HEADERS_VI,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\r\n",
    title_rows: Sequence[Sequence[object]] = (),
    decomposed: bool = False,
    quote_all: bool = False,
) -> bytes:
    """A CSV export as bytes. `decomposed` writes Vietnamese marks as combining characters (NFD), as
    Windows-1258 software does."""
    import unicodedata

    text = csv_text(rows() if body is None else body, headers, delimiter, newline, title_rows, quote_all)
    if decomposed:
        text = unicodedata.normalize("NFD", text).replace("Đ", "Đ").replace("đ", "đ")
    if encoding == "cp1258":
        text = to_cp1258_form(text)
    data = text.encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    return data


def to_cp1258_form(text: str) -> str:
    """Windows-1258 has no precomposed letter with a tone mark: it writes the base letter (which it has)
    followed by a combining tone mark. Decompose, then recompose only what the code page holds."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tone)
    return "".join(out)


def xlsx_bytes(
    body: Iterable[Sequence[object]] | None = None,
    headers: Sequence[str] = HEADERS_VI,
    title_rows: Sequence[Sequence[object]] = (),
    sheet: str = "Danh sách",
    extra_sheets: Sequence[str] = (),
    real_types: bool = True,
    merge_title: bool = True,
) -> bytes:
    """An Excel workbook the way office exports look: a merged title block, then the header and rows.
    With `real_types`, dates are real Excel dates and amounts real numbers."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = sheet
    for name in extra_sheets:
        book.create_sheet(name).append(["Ghi chú", "Trang phụ"])
    for row in title_rows:
        first.append(list(row))
    if title_rows and merge_title:
        first.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    first.append(list(headers))
    for row in rows() if body is None else body:
        values: list[object] = []
        for header, value in zip(headers, row, strict=False):
            values.append(_typed(header, value) if real_types else value)
        first.append(values)
    for cell in first[len(title_rows) + 2 : first.max_row]:
        for c in cell:
            if isinstance(c.value, dt.datetime | dt.date):
                c.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _typed(header: str, value: object) -> object:
    if not isinstance(value, str) or not value:
        return value
    if header.startswith(("Ngày", "Registered", "Recognised")):
        try:
            return dt.datetime.strptime(value, "%d/%m/%Y")
        except ValueError:
            return value
    if header.startswith(("Giá trị", "Benefit")):
        try:
            return int(value.replace(".", ""))
        except ValueError:
            return value
    return value


def zip_bomb_xlsx(unpacked_mb: int = 40) -> bytes:
    """A workbook-shaped zip whose sheet inflates far past its size (a decompression bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"0" * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def big_csv(path: Path, n: int, start: int = 0) -> Path:
    """A Vietnamese export of n records (about 140 bytes a row), written by DuckDB in a second or two per
    million rows: day-first dates, thousands-dotted amounts, units by code, name and alias."""
    units = ["BSR", "VPI", "PVCFC", "PV GAS", "Tổng công ty Khí Việt Nam", "pvgas", "PVEP", "PTSC", "Vietsovpetro",
             "PV Power"]  # fmt: skip
    fields = ["Kỹ thuật – Công nghệ", "Sản xuất – Vận hành", "An toàn – Môi trường", "Chuyển đổi số"]
    statuses = ["Đã công nhận", "Đã áp dụng", "Đã đăng ký", "da cong nhan"]
    con = duckdb.connect()
    try:
        con.execute(
            """COPY (SELECT
                 'SK-' || lpad(i::VARCHAR, 7, '0') AS "Mã SK",
                 'Cải tiến máy nén số ' || (i % 9973) AS "Tên sáng kiến",
                 'Nguyễn Văn ' || chr((65 + i % 26)::INTEGER) AS "Tác giả",
                 $units[1 + i % 10] AS "Đơn vị",
                 $fields[1 + i % 4] AS "Lĩnh vực",
                 $statuses[1 + i % 4] AS "Trạng thái",
                 strftime(DATE '2021-09-01' + (i % 700)::INTEGER, '%d/%m/%Y') AS "Ngày đăng ký",
                 CASE WHEN i % 3 = 0 THEN NULL
                      ELSE strftime(DATE '2021-10-01' + (i % 650)::INTEGER, '%d/%m/%Y') END AS "Ngày công nhận",
                 replace(format('{:,d}', (i * 7919 % 500000) * 1000), ',', '.') AS "Giá trị làm lợi (đồng)"
               FROM range($start, $stop) r(i)) TO '"""
            + str(path).replace("'", "''")
            + "' (HEADER, DELIMITER ',')",
            {"units": units, "fields": fields, "statuses": statuses, "start": start, "stop": start + n},
        )
    finally:
        con.close()
    return path


# --- the second batch of real-looking exports (issue 16) -----------------------------------------------------

REPORT_TOP = (
    "STT",
    "Mã SK",
    "Tên sáng kiến",
    "Tác giả",
    None,
    "Đơn vị",
    "Ngày đăng ký",
    "Giá trị làm lợi",
    None,
)
REPORT_SUB = (None, None, None, "Họ tên", "Tỷ lệ (%)", None, None, "Ước tính", "Thực tế")
REPORT_TITLE = (
    ("CÔNG ĐOÀN DẦU KHÍ VIỆT NAM",),
    ("BÁO CÁO DANH SÁCH SÁNG KIẾN ĐĂNG KÝ",),
    ("(Kèm theo Báo cáo số 12/BC-CĐDK)",),
)
# Each record: code, title, [(author, share)], unit, date, estimated, actual.
REPORT_RECORDS = (
    ("RP-001", "Cải tiến quy trình bảo dưỡng máy nén khí", [("Nguyễn Văn An", 60), ("Trần Thị Bình", 40)], "BSR",
     "15/03/2022", "1.250.000.000", "1.100.000.000"),
    ("RP-002", "Giải pháp tiết kiệm điện năng tại trạm bơm", [("Lê Văn Cường", 100)], "PVEP", "16/03/2022",
     "600.000.000", "650.000.000"),
    ("RP-003", "Ứng dụng chuyển đổi số trong quản lý vật tư",
     [("Phạm Thị Dung", 50), ("Hoàng Văn Em", 30), ("Đặng Quốc Huy", 20)], "PV GAS", "17/03/2022", "", "300.000.000"),
    ("RP-004", "Nâng cao hiệu suất thu hồi nhiệt lò hơi", [("Võ Thị Giang", 70), ("Bùi Văn Hải", 20)], "BSR",
     "18/03/2022", "90.000.000", ""),
)  # fmt: skip
SIGNATURE = (
    (None, None, None, None, None, None, "Hà Nội, ngày 20 tháng 12 năm 2022"),
    (None, "Người lập biểu", None, None, None, None, "Thủ trưởng đơn vị"),
    (None, "(Ký, ghi rõ họ tên)", None, None, None, None, "(Ký tên, đóng dấu)"),
    (),
    (None, "Nguyễn Thị Lan", None, None, None, None, "Trần Văn Hùng"),
)


def report_xlsx(
    records=REPORT_RECORDS,
    merge_down: bool = True,
    numbering: bool = True,
    signature: bool = True,
    title: bool = True,
    sheet: str = "Báo cáo",
) -> bytes:
    """A report-style workbook: a title block, a two-row header with merged cells ("Tác giả" over "Họ tên" and
    "Tỷ lệ (%)", "Giá trị làm lợi" over "Ước tính" and "Thực tế"), the numbering row "(1) (2) ...", co-authors
    on the rows under their record (the record's cells merged down when `merge_down`), and the signature
    block under the table."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in REPORT_TITLE if title else ():
        ws.append(list(row))
    if title:
        for r in range(1, len(REPORT_TITLE) + 1):
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(REPORT_TOP))
    top = ws.max_row + 1 if title else 1
    ws.append(list(REPORT_TOP))
    ws.append(list(REPORT_SUB))
    for letter in "ABCFG":
        ws.merge_cells(f"{letter}{top}:{letter}{top + 1}")
    ws.merge_cells(start_row=top, start_column=4, end_row=top, end_column=5)
    ws.merge_cells(start_row=top, start_column=8, end_row=top, end_column=9)
    if numbering:
        ws.append([f"({i})" for i in range(1, len(REPORT_TOP) + 1)])
    for number, (code, title_text, authors, unit, date, estimated, actual) in enumerate(records, start=1):
        first = ws.max_row + 1
        name, share = authors[0]
        ws.append([number, code, title_text, name, share, unit, date, estimated, actual])
        for name, share in authors[1:]:
            ws.append([None, None, None, name, share, None, None, None, None])
        last = ws.max_row
        if merge_down and last > first:
            for letter in "ABCFGHI":
                ws.merge_cells(f"{letter}{first}:{letter}{last}")
    if signature:
        ws.append([])
        for row in SIGNATURE:
            ws.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


UNIT_SHEET_HEADERS = ("STT", "Mã SK", "Tên sáng kiến", "Tác giả", "Ngày đăng ký", "Giá trị làm lợi (đồng)")


def unit_sheets_xlsx(
    sheets: dict[str, list[list[object]]],
    summary: bool = True,
    empty: tuple[str, ...] = (),
    title_rows: int = 0,
) -> bytes:
    """A workbook with one sheet per unit (named by its short name, code or alias) and no unit column, a
    summary sheet first and `empty` sheets, each unit sheet with `title_rows` title lines above its header."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    if summary:
        first.title = "Tổng hợp"
        first.append(["Đơn vị", "Số sáng kiến", "Giá trị làm lợi"])
        for name, body in sheets.items():
            first.append([name, len(body), 0])
    else:
        book.remove(first)
    for index, (name, body) in enumerate(sheets.items()):
        ws = book.create_sheet(name)
        for t in range(title_rows + index % 2):  # sheets' headers on different rows
            ws.append([f"DANH SÁCH SÁNG KIẾN – {name}" if t == 0 else ""])
        ws.append(list(UNIT_SHEET_HEADERS))
        for row in body:
            ws.append(list(row))
    for name in empty:
        book.create_sheet(name)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def legacy_xlsx(rows_: Iterable[Sequence[object]], encoding: str, headers: Sequence[str] = HEADERS_VI,
                unicode_columns: Sequence[int] = ()) -> bytes:  # fmt: skip
    """A workbook typed in a .VnTime (TCVN3) or VNI-Times font: every text cell holds the Windows-1252
    characters the font draws as Vietnamese (but the columns in `unicode_columns`, typed in Unicode); the
    headers too (in the capital .VnTimeH style for TCVN3)."""
    from openpyxl import Workbook

    from analytics.ingest import legacy

    book = Workbook()
    ws = book.active
    ws.title = "Danh sach"
    ws.append([legacy.from_unicode(h.upper() if encoding == "tcvn3" else h, encoding) for h in headers])
    for row in rows_:
        ws.append(
            [
                legacy.from_unicode(v, encoding) if isinstance(v, str) and i not in unicode_columns else v
                for i, v in enumerate(row)
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
