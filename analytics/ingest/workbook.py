"""The workbook family (XLSX, XLSM, XLS, ODS), read with python-calamine: how a workbook is told from its
first bytes, guarded against zip bombs, which sheet and header row hold the table (a two-row header with
merged cells, the row of column numbers under it), which columns were typed in a TCVN3 or VNI font, and how
its cells reach DuckDB (as text, the way an export would have written them, cleaned of invisible
characters). A workbook with one sheet per unit and no unit column is read as one table over its sheets,
the unit coming from each sheet's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analytics.ingest import cleaning, legacy
from analytics.ingest import sql as q
from analytics.ingest.columns import (
    HEADER_SEARCH_ROWS,
    HeaderBlock,
    blank_row,
    find_header,
    header_block,
    header_score,
    match_headers,
    named_as_written,
)
from analytics.ingest.layout import PREVIEW_ROWS, Layout, Limits, Progress, ReadOptions, Refused
from analytics.ingest.stage import Stage
from analytics.textnorm import fold_key, nfc

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

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
                raise Refused("no_sheet", sheet=sheet, sheets=", ".join(names))
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


# --- a sheet's table ----------------------------------------------------------------------------------------

LEGACY_SAMPLE_ROWS = 200  # rows of a sheet looked at to tell TCVN3 or VNI columns
SHEET_UNIT_HEADER = "Đơn vị (tên trang tính)"  # the column a sheet's name fills when sheets are units
# Sheets that sum up the others (skipped when every sheet is read): their names, folded.
SUMMARY_SHEETS = frozenset(
    fold_key(n)
    for n in ("Tổng hợp", "Tổng", "TH", "Tổng hợp chung", "Báo cáo tổng hợp", "Tổng cộng", "Summary", "Total",
              "Totals", "Overview", "Hướng dẫn", "Ghi chú", "Readme", "Instructions")
)  # fmt: skip


@dataclass(frozen=True)
class SheetPart:
    """One sheet of a workbook read as part of a table that spans sheets: where its header is, which of its
    columns feeds each column of the table (None: it has none), its columns in a font encoding, and whether
    the unit comes from the sheet's name."""

    sheet: str
    header_row: int
    header_span: int
    numbering_row: int | None
    columns: tuple[int | None, ...]
    legacy_columns: tuple[tuple[int, str], ...] = ()
    unit_from_name: bool = False

    @property
    def data_row(self) -> int:
        return self.header_row + self.header_span + (1 if self.numbering_row else 0)


@dataclass
class _Table:
    """What a sheet's first rows show: the header block, its names, and the columns in a font encoding."""

    rows: list[list[object]]  # the first rows, font encodings converted
    block: HeaderBlock
    headers: list[str]
    legacy: dict[int, str]
    fields: dict[str, int]


def _text(value: object) -> str:
    return cell_text(value) or ""


def legacy_columns(rows: list[list[object]]) -> dict[int, str]:
    """The columns whose text is TCVN3 or VNI (cells typed in a .VnTime or VNI-Times font): a column
    clearly Vietnamese only under that reading, or, when the sheet as a whole is, a column holding a cell
    that could be written in it (each cell is then converted or kept on its own: `legacy.convert_cell`)."""
    columns: dict[int, list[str]] = {}
    for row in rows:
        for index, value in enumerate(row):
            if isinstance(value, str) and not value.isascii():
                columns.setdefault(index, []).append(value)
    if not columns:
        return {}
    whole = legacy.better_reading("\n".join(v for values in columns.values() for v in values))
    found: dict[int, str] = {}
    for index, values in columns.items():
        text = "\n".join(values)
        reading = legacy.better_reading(text)
        if reading is None and whole is not None and any(legacy.could_be(v, whole) for v in values):
            reading = whole
        if reading is not None:
            found[index] = reading
    return found


def _converted(rows: list[list[object]], columns: dict[int, str]) -> list[list[object]]:
    if not columns:
        return rows
    mixed = legacy.mixed_columns(rows, columns)
    out = []
    for row in rows:
        new = list(row)
        for index, encoding in columns.items():
            if index < len(new) and isinstance(new[index], str) and not new[index].isascii():
                converted = legacy.convert_cell(new[index], encoding, index in mixed)
                if converted is not None:
                    new[index] = converted
        out.append(new)
    return out


def _table(rows: list[list[object]], header_row: int | None) -> _Table | None:
    """The table a sheet holds (None for a sheet with nothing in it)."""
    if not rows or all(blank_row(r) for r in rows):
        return None
    found = legacy_columns(rows)
    if not found:
        text = "\n".join(v for r in rows for v in r if isinstance(v, str) and not v.isascii())
        if legacy.encoded_twice(text):
            raise Refused("mojibake", likely="utf-8-twice", example=legacy.broken_words(text))
    rows = named_as_written(_converted(rows, found), rows) if found else rows
    header_index = header_row - 1 if header_row else find_header(rows)
    if header_index < 0 or header_index >= len(rows):
        raise Refused("header_beyond", row=header_index + 1)
    block = header_block(rows, header_index, _text)
    headers = [cleaning.clean_cell(nfc(h))[0].strip() for h in block.headers]
    while headers and not headers[-1]:
        headers.pop()
    parts = block.parts[: len(headers)]
    mapping, _ = match_headers(headers, parts)
    return _Table(
        rows, HeaderBlock(block.index, block.span, headers, parts, block.numbering), headers, found, mapping
    )


def _preview(table: _Table, width: int) -> list[list[str | None]]:
    below = [
        r for i, r in enumerate(table.rows[table.block.index + table.block.span :], start=table.block.index + table.block.span)
        if i != table.block.numbering
    ]  # fmt: skip
    # As written: `Preview.rows` cleans each cell as the import will (a code loses its Unicode spaces).
    return [[cell_text(r[i]) if i < len(r) else None for i in range(width)] for r in below[:PREVIEW_ROWS]]


def _part(sheet: str, table: _Table, columns: tuple[int | None, ...], unit_from_name: bool) -> SheetPart:
    block = table.block
    return SheetPart(
        sheet=sheet,
        header_row=block.index + 1,
        header_span=block.span,
        numbering_row=None if block.numbering is None else block.numbering + 1,
        columns=columns,
        legacy_columns=tuple(sorted(table.legacy.items())),
        unit_from_name=unit_from_name,
    )


def _is_table(table: _Table | None) -> bool:
    return table is not None and "code" in table.fields and "title" in table.fields


def detect(path: Path, fmt: str, size: int, head: bytes, options: ReadOptions, limits: Limits) -> Layout:
    """The layout of a workbook: its sheet (unless chosen, the first with a recognisable header) and header
    row; or, for a workbook with one sheet per unit and no unit column (or when every sheet, or several, are
    asked for), every sheet that holds the table, the unit coming from each sheet's name."""
    if size > limits.max_sheet_bytes:
        raise Refused("too_large", size=size, limit=limits.max_sheet_bytes)
    if fmt in ("xlsx", "ods"):
        check_archive(path, limits)
    nrows = max(HEADER_SEARCH_ROWS + PREVIEW_ROWS + 2, LEGACY_SAMPLE_ROWS)
    if options.sheets:
        return _detect_sheets(path, fmt, size, options, limits, nrows)
    sheet, names, rows = read_sheet(path, options.sheet, nrows=nrows)
    table = _table(rows, options.header_row)
    if table is None:
        raise Refused("empty")
    if options.sheet is None and len(names) > 1 and "unit" not in table.fields and _is_table(table):
        many = _detect_sheets(path, fmt, size, options, limits, nrows, automatic=True)
        if many is not None:
            return many
    return _layout(fmt, size, sheet, names, table, limits)


def _layout(fmt: str, size: int, sheet: str, names: tuple[str, ...], table: _Table, limits: Limits) -> Layout:
    headers = table.headers
    if len(headers) > limits.max_columns:
        raise Refused("too_many_columns", n=len(headers), limit=limits.max_columns)
    block = table.block
    return Layout(
        format=fmt,
        size=size,
        header_row=block.index + 1,
        sheet=sheet,
        sheets=names,
        headers=headers,
        preview=_preview(table, len(headers)),
        header_span=block.span,
        header_parts=block.parts,
        numbering_row=None if block.numbering is None else block.numbering + 1,
        legacy_columns={i: e for i, e in table.legacy.items() if i < len(headers)},
    )


def _sheet_skip_reason(name: str, table: _Table | None) -> str | None:
    if fold_key(name) in SUMMARY_SHEETS:
        return "summary"
    if table is None:
        return "empty"
    if not _is_table(table):
        return "no_table"
    return None


def _detect_sheets(
    path: Path,
    fmt: str,
    size: int,
    options: ReadOptions,
    limits: Limits,
    nrows: int,
    automatic: bool = False,
) -> Layout | None:
    """Several sheets read as one table (each with its own header row), the unit from each sheet's name
    when the table has no unit column. `automatic`: only when two sheets or more hold the table (else None)."""
    with _workbook(path) as book:
        names = tuple(book.sheet_names)  # type: ignore[attr-defined]
        wanted = names if automatic or options.sheets == ("*",) else options.sheets
        for name in wanted:
            if name not in names:
                raise Refused("no_sheet", sheet=name, sheets=", ".join(names))
        tables = {name: _table(_sheet_rows(book, name, nrows), options.header_row) for name in wanted}
    skipped = []
    used: list[tuple[str, _Table]] = []
    for name in wanted:
        reason = _sheet_skip_reason(name, tables[name]) if (automatic or options.sheets == ("*",)) else None
        if reason is None and not _is_table(tables[name]):
            reason = "no_table" if tables[name] is not None else "empty"
            if not automatic and options.sheets != ("*",):
                raise Refused("sheet_no_table", sheet=name)
        if reason:
            skipped.append((name, reason))
        else:
            used.append((name, tables[name]))  # type: ignore[arg-type]
    if automatic and len(used) < 2:
        return None
    if not used:
        raise Refused("no_table_in_sheets")
    first_name, first = used[0]
    headers = list(first.headers)
    header_parts = list(first.block.parts)
    unit_from_name = "unit" not in first.fields
    if unit_from_name:
        headers.append(SHEET_UNIT_HEADER)
        header_parts.append(())
    if len(headers) > limits.max_columns:
        raise Refused("too_many_columns", n=len(headers), limit=limits.max_columns)
    parts = tuple(_part(name, table, _columns_for(first, table), unit_from_name) for name, table in used)
    preview = _preview(first, len(first.headers))
    if unit_from_name:
        preview = [[*r, first_name] for r in preview]
    block = first.block
    return Layout(
        format=fmt,
        size=size,
        header_row=block.index + 1,
        sheet=None,
        sheets=names,
        headers=headers,
        preview=preview,
        header_span=block.span,
        header_parts=header_parts,
        numbering_row=None if block.numbering is None else block.numbering + 1,
        legacy_columns={i: e for i, e in first.legacy.items() if i < len(first.headers)},
        parts=parts,
        skipped_sheets=tuple(skipped),
    )


def _columns_for(first: _Table, table: _Table) -> tuple[int | None, ...]:
    """For each column of the first sheet's table, the column of `table` with the same header (or naming the
    same field); None where it has none."""
    keys = {fold_key(h): i for i, h in reversed(list(enumerate(table.headers))) if h}
    by_field = {name: index for name, index in table.fields.items()}
    first_fields = {index: name for name, index in first.fields.items()}
    out: list[int | None] = []
    for index, header in enumerate(first.headers):
        column = keys.get(fold_key(header)) if header else None
        if column is None and index in first_fields:
            column = by_field.get(first_fields[index])
        out.append(column)
    return tuple(out)


# --- the whole sheet ----------------------------------------------------------------------------------------


class _Cleaner:
    """Cells as text, font encodings converted and invisible or control characters removed, counted; the
    code column's cells lose their Unicode spaces too (`cleaning.clean_code`)."""

    def __init__(
        self, columns: dict[int, str], code_column: int | None = None, rows: list[list[object]] | None = None
    ) -> None:
        self.columns = columns
        self.code_column = code_column
        # Font-encoded columns that hold cells typed in Unicode too (`legacy.mixed_columns`, over `rows`).
        self.mixed = legacy.mixed_columns(rows, columns) if rows and columns else frozenset()
        self.legacy_cells = 0
        self.invisible_cells = 0

    def __call__(self, index: int, value: object) -> str | None:
        text = cell_text(value)
        if text is None or (text.isascii() and text.isprintable()):
            return text
        encoding = self.columns.get(index)
        if encoding is not None and not text.isascii():
            converted = legacy.convert_cell(text, encoding, index in self.mixed)
            if converted is not None:
                self.legacy_cells += 1
                text = converted
        clean = cleaning.clean_code if index == self.code_column else cleaning.clean_cell
        cleaned, changed = clean(text)
        if changed:
            self.invisible_cells += 1
        return cleaned


def sheet_frame(
    rows: list[list[object]],
    data_index: int,
    width: int,
    columns: tuple[int | None, ...] | None = None,
    cleaner: _Cleaner | None = None,
) -> pd.DataFrame:
    """The data rows from `data_index` as text columns c0..c{width-1} (trailing blank rows dropped); with
    `columns`, column i of the frame is the sheet's column columns[i]."""
    import pandas as pd

    body = rows[data_index:]
    end = len(body)
    while end and blank_row(body[end - 1]):
        end -= 1
    cleaner = cleaner or _Cleaner({})
    sources = list(columns) if columns is not None else list(range(width))
    sources += [None] * (width - len(sources))
    frame: dict[str, list[str | None]] = {f"c{i}": [] for i in range(width)}
    lists = list(frame.values())
    for row in body[:end]:
        for i, source in enumerate(sources[:width]):
            lists[i].append(
                cleaner(source, row[source]) if source is not None and source < len(row) else None
            )
    return pd.DataFrame(frame, dtype=object)


def stage(staging: Stage, path: Path, folder: Path, layout: Layout, step: Progress) -> None:
    """Into `ingest_raw`: the sheet's cells as text (or every chosen sheet's, one after the other, with each
    row's sheet and row number), handed to DuckDB as a registered frame."""
    import pandas as pd

    staging.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    width = staging.shape.width
    code = staging.shape.mapping.get("code")
    if layout.parts:
        frames = []
        with _workbook(path) as book:
            for part in layout.parts:
                cells = _sheet_rows(book, part.sheet)
                cleaner = _Cleaner(
                    dict(part.legacy_columns), _source(part.columns, code), cells[part.data_row - 1 :]
                )
                frame = sheet_frame(cells, part.data_row - 1, width, part.columns, cleaner)
                if part.unit_from_name:
                    frame[f"c{width - 1}"] = part.sheet
                frame["_row"] = range(part.data_row, part.data_row + len(frame))
                frame["_sheet"] = part.sheet
                frames.append(frame)
                _count_cleaned(staging, cleaner)
                staging.sheet_rows[part.sheet] = len(frame)
                del cells
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        extra = ", _row, _sheet"
    else:
        _, _, cells = read_sheet(path, layout.sheet)
        cleaner = _Cleaner(layout.legacy_columns, code, cells[layout.data_row - 1 :])
        frame = sheet_frame(cells, layout.data_row - 1, width, None, cleaner)
        _count_cleaned(staging, cleaner)
        del cells
        extra = ""
    staging.cur.register("ingest_frame", frame)  # stays registered for a re-read; the cursor closes after
    columns = ", ".join(f"CAST({q.col(i)} AS VARCHAR) AS {q.col(i)}" for i in range(width))
    staging.rows = staging.run(f"(SELECT {columns}{extra} FROM ingest_frame)", {})  # noqa: S608


def _source(columns: tuple[int | None, ...], index: int | None) -> int | None:
    """The sheet's column that feeds column `index` of the table (None where none does)."""
    return columns[index] if index is not None and index < len(columns) else None


def _count_cleaned(staging: Stage, cleaner: _Cleaner) -> None:
    for key, value in (("legacy_cells", cleaner.legacy_cells), ("invisible_cells", cleaner.invisible_cells)):
        if value:
            staging.cleaned[key] = staging.cleaned.get(key, 0) + value


def all_rows(path: Path, layout: Layout) -> list[list[object]]:
    """Every row under the header (for small reference files)."""
    _, _, rows = read_sheet(path, layout.sheet)
    return [list(r) for r in rows[layout.data_row - 1 :]]
