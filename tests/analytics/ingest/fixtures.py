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
