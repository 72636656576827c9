"""The workbook family (XLSX, XLSM, XLS, ODS), read with python-calamine: how a workbook is told from its
first bytes, guarded against zip bombs, which sheet and header row hold the table, and how its cells reach
DuckDB (as text, the way an export would have written them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pandas as pd

from analytics.ingest import sql as q
from analytics.ingest.columns import HEADER_SEARCH_ROWS, blank_row, find_header, header_score
from analytics.ingest.layout import PREVIEW_ROWS, Layout, Limits, Progress, ReadOptions, Refused
from analytics.ingest.stage import Stage
from analytics.textnorm import nfc

ZIP_MAGIC = b"PK\x03\x04"  # XLSX, XLSM and ODS are zip archives
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # XLS is an OLE compound file


def recognise(head: bytes, path: Path) -> str | None:
    """'xlsx', 'ods' or 'xls' for a head that is a zip archive or an OLE file; a zip that holds no workbook
    is not a table."""
    if head.startswith(OLE_MAGIC):
        return "xls"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise Refused("not_table") from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    raise Refused("not_table")


def check_archive(path: Path, limits: Limits) -> None:
    """Refuse a workbook whose members would inflate past the limits (a zip bomb) before opening it."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused("unreadable") from None
    total = sum(i.file_size for i in infos)
    if len(infos) > 10000 or total > limits.max_unpacked_bytes:
        raise Refused("zip_bomb", size=total)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 16 * 1024 * 1024 and ratio > limits.max_ratio:
            raise Refused("zip_bomb", size=total)


def cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text an export would have held: dates ISO, whole numbers without '.0'."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


@contextmanager
def _workbook(path: Path) -> Iterator[object]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        name = type(exc).__name__
        raise Refused("encrypted" if "Password" in name else "unreadable") from None
    try:
        yield book
    finally:
        with suppress(Exception):  # closing a damaged workbook must not hide the real error
            book.close()


def _sheet_rows(book: object, sheet: str, nrows: int | None = None) -> list[list[object]]:
    try:
        data = book.get_sheet_by_name(sheet)  # type: ignore[attr-defined]
        rows = (
            data.to_python(skip_empty_area=False, nrows=nrows)
            if nrows
            else data.to_python(skip_empty_area=False)
        )
    except Exception:
        raise Refused("unreadable") from None
    return rows


def read_sheet(
    path: Path, sheet: str | None, nrows: int | None = None
) -> tuple[str, tuple[str, ...], list[list[object]]]:
    """(sheet used, every sheet's name, rows). Without a choice, the first sheet with a recognisable
    header is used, else the first sheet that holds anything."""
    with _workbook(path) as book:
        names = tuple(book.sheet_names)  # type: ignore[attr-defined]
        if not names:
            raise Refused("empty")
        if sheet is not None:
            if sheet not in names:
                raise Refused("no_sheet", sheet=sheet)
            return sheet, names, _sheet_rows(book, sheet, nrows)
        first_filled: tuple[str, list[list[object]]] | None = None
        best: tuple[int, str] | None = None
        for name in names:
            head = _sheet_rows(book, name, HEADER_SEARCH_ROWS + 1)
            if any(not blank_row(r) for r in head):
                if first_filled is None:
                    first_filled = (name, head)
                score = max((header_score(list(r)) for r in head), default=0)
                if score and (best is None or score > best[0]):
                    best = (score, name)
        if first_filled is None:
            raise Refused("empty")
        chosen = best[1] if best else first_filled[0]
        return chosen, names, _sheet_rows(book, chosen, nrows)


def sheet_frame(rows: list[list[object]], header_index: int, width: int) -> pd.DataFrame:
    """The data rows below the header as text columns c0..c{width-1} (trailing blank rows dropped)."""
    body = rows[header_index + 1 :]
    end = len(body)
    while end and blank_row(body[end - 1]):
        end -= 1
    columns: dict[str, list[str | None]] = {f"c{i}": [] for i in range(width)}
    lists = list(columns.values())
    for row in body[:end]:
        for i in range(width):
            lists[i].append(cell_text(row[i]) if i < len(row) else None)
    return pd.DataFrame(columns, dtype=object)


def detect(path: Path, fmt: str, size: int, head: bytes, options: ReadOptions, limits: Limits) -> Layout:
    """The layout of a workbook: its sheet (unless chosen, the first with a recognisable header) and header
    row."""
    if size > limits.max_sheet_bytes:
        raise Refused("too_large", size=size, limit=limits.max_sheet_bytes)
    if fmt in ("xlsx", "ods"):
        check_archive(path, limits)
    sheet, names, rows = read_sheet(path, options.sheet, nrows=HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1)
    if not rows or all(blank_row(r) for r in rows):
        raise Refused("empty")
    header_index = options.header_row - 1 if options.header_row else find_header(rows)
    if header_index < 0 or header_index >= len(rows):
        raise Refused("header_beyond", row=header_index + 1)
    header_cells = list(rows[header_index])
    while header_cells and (header_cells[-1] is None or str(header_cells[-1]).strip() == ""):
        header_cells.pop()
    headers = [nfc(cell_text(h) or "").strip() for h in header_cells]
    if len(headers) > limits.max_columns:
        raise Refused("too_many_columns", n=len(headers), limit=limits.max_columns)
    preview = [
        [cell_text(r[i]) if i < len(r) else None for i in range(len(headers))]
        for r in rows[header_index + 1 :][:PREVIEW_ROWS]
    ]
    return Layout(
        format=fmt,
        size=size,
        header_row=header_index + 1,
        sheet=sheet,
        sheets=names,
        headers=headers,
        preview=preview,
    )


def stage(staging: Stage, path: Path, folder: Path, layout: Layout, step: Progress) -> None:
    """Into `ingest_raw`: the sheet's cells as text, handed to DuckDB as a registered frame."""
    staging.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    _, _, cells = read_sheet(path, layout.sheet)
    frame = sheet_frame(cells, layout.header_row - 1, staging.shape.width)
    del cells
    staging.cur.register("ingest_frame", frame)  # stays registered for a re-read; the cursor closes after
    columns = ", ".join(f"CAST({q.col(i)} AS VARCHAR) AS {q.col(i)}" for i in range(staging.shape.width))
    staging.rows = staging.run(f"(SELECT {columns} FROM ingest_frame)", {})  # noqa: S608


def all_rows(path: Path, layout: Layout) -> list[list[object]]:
    """Every row under the header (for small reference files)."""
    _, _, rows = read_sheet(path, layout.sheet)
    return [list(r) for r in rows[layout.header_row :]]
