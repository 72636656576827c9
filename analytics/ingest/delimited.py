"""Reading an export as it comes: which format, encoding, delimiter and header row it has, and how to hand
its rows to DuckDB without a Python loop over them.

Detection looks at the first 64 KB only. A UTF-8 CSV (with or without BOM) whose text is already NFC is
read by DuckDB's `read_csv` straight from the file; any other text (UTF-16, Windows-1258 with combining
tone marks, blank lines that DuckDB would silently drop and so shift row numbers) is first rewritten, in
chunks, to a temporary UTF-8 NFC file. Spreadsheets (XLSX, XLS, ODS) are read with python-calamine.
Every cell reaches DuckDB as text; `analytics.ingest` parses and validates it in SQL.

Anything wrong with the file as a whole raises `Refused` with a catalogue code (`ingest.refuse.<code>`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import math
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics.ingest.columns import header_score
from analytics.sandbox import temp_dir
from analytics.textnorm import nfc

SAMPLE_BYTES = 64 * 1024
CHUNK_BYTES = 8 * 1024 * 1024
HEADER_SEARCH_ROWS = 30
PREVIEW_ROWS = 8
SPARE_COLUMNS = 4  # read past the header's width, so a row with extra cells is seen (and rejected)
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
TEXT_FORMATS = ("csv",)
SHEET_FORMATS = ("xlsx", "xls", "ods")
FORMATS = TEXT_FORMATS + SHEET_FORMATS
# Codecs offered for override, in the order shown.
ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", "cp1252", "latin-1")

Progress = Callable[[float, str], None]


class Refused(Exception):
    """The file as a whole cannot be imported; `code` names the catalogue message, `params` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Limits:
    """Size limits: a file above them is refused before it is read; one with more data rows than
    `max_rows` is refused once read, before anything is validated or written (None: no row limit, as on
    the command line and in the benchmark)."""

    max_bytes: int = 512 * 1024 * 1024  # a text export (1,000,000 records is about 130 MB)
    max_sheet_bytes: int = 100 * 1024 * 1024  # a workbook as uploaded (compressed)
    max_unpacked_bytes: int = 1024 * 1024 * 1024  # a workbook's members once unzipped
    max_ratio: int = 100  # a member that inflates more than this (and is large) is a zip bomb
    max_columns: int = 500
    max_rows: int | None = None


@dataclass(frozen=True)
class ReadOptions:
    """What the person overrode in the preview; None means "detect it"."""

    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None  # 1-based row of the file (or sheet) holding the headers
    sheet: str | None = None


@dataclass
class Layout:
    """What was detected (or chosen) about a file, and its first rows."""

    format: str
    size: int
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    headers: list[str] = field(default_factory=list)
    preview: list[list[str | None]] = field(default_factory=list)  # rows after the header, as text
    skip_lines: int = 0  # physical lines up to and including the header (CSV)
    bom: int = 0
    multiline: bool = False  # the sample shows a quoted cell holding a line break (CSV)


# --- format and encoding ----------------------------------------------------------------------------------

_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"\x1f\x8b",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"RIFF",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
    b"\x00\x00\x00\x18ftyp",
    b"\x00\x00\x00\x20ftyp",
    b"\x00\x00\x00\x1cftyp",
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(head: bytes, path: Path) -> str:
    """'csv', 'xlsx', 'xls' or 'ods' from the file's first bytes (never from its name)."""
    if not head.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n"):
        raise Refused("empty")
    if head.startswith(b"PK\x03\x04"):
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
    if head.startswith(_OLE):
        return "xls"
    if head.startswith(_BINARY_MAGIC):
        raise Refused("not_table")
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in lowered[:512]:
        raise Refused("html")
    return "csv"


def sniff_encoding(head: bytes) -> str:
    """The codec of a text file's first bytes: a BOM decides; else UTF-8 when it decodes, else the
    Vietnamese Windows code page (Windows-1258)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    sample = head[:4096]
    if sample.count(b"\x00") > len(sample) // 4:
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        return "utf-16-be" if even > odd else "utf-16-le"
    # UTF-8 unless the bytes mostly fail to decode as UTF-8: a few stray bytes in a UTF-8 file (pasted
    # from elsewhere) must not turn every Vietnamese letter into Windows-1258 mojibake.
    text = head.decode("utf-8", errors="replace")
    if text.endswith("\ufffd") and len(head) >= SAMPLE_BYTES:
        text = text.rstrip("\ufffd")  # the sample cut a character in two
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if bad == 0 or good >= 4 * bad:
        return "utf-8"
    return "cp1258"


def bom_length(encoding: str, head: bytes) -> int:
    if encoding in ("utf-8", "utf-8-sig") and head.startswith(codecs.BOM_UTF8):
        return 3
    if encoding == "utf-16-le" and head.startswith(codecs.BOM_UTF16_LE):
        return 2
    if encoding == "utf-16-be" and head.startswith(codecs.BOM_UTF16_BE):
        return 2
    return 0


def decode_sample(head: bytes, encoding: str, complete: bool) -> str:
    """The sample as text (NFC), cut at its last full line unless it is the whole file."""
    body = head[bom_length(encoding, head) :]
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(body, final=complete)
    if not complete:
        cut = text.rfind("\n")
        if cut > 0:
            text = text[: cut + 1]
    return nfc(text)


def looks_like_text(text: str) -> bool:
    """False for binary content that happened to decode: NUL bytes or many control characters."""
    if not text.strip():
        return False
    if "\x00" in text:
        return False
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    replaced = text[:20000].count("\ufffd")
    return controls <= max(2, len(text[:20000]) // 200) and replaced <= max(2, len(text[:20000]) // 50)


# --- delimiter and header row -----------------------------------------------------------------------------


def _records(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    rows: list[list[str]] = []
    try:
        for row in itertools.islice(reader, limit):
            rows.append(row)
    except csv.Error:
        pass
    return rows


def _blank(row: list[object]) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in row)


def find_header(rows: list[list[object]]) -> int:
    """Index of the header among the first rows: the row naming the most known fields; failing that,
    the first row as wide as most rows."""
    best, best_score = -1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score(list(row))
        if score > best_score:
            best, best_score = index, score
    if best >= 0:
        return best
    widths = [sum(1 for c in r if c not in (None, "")) for r in rows[:HEADER_SEARCH_ROWS] if not _blank(r)]
    if not widths:
        return 0
    common = max(set(widths), key=widths.count)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in row if c not in (None, "")) >= common and not _blank(row):
            return index
    return 0


def sniff_delimiter(text: str) -> str:
    """The delimiter under which a header row names the most fields and the rows agree on their width."""
    best, best_key = ",", (-1, -1, -1)
    for delimiter in DELIMITERS:
        rows = _records(text, delimiter, 200)
        if not rows:
            continue
        header = find_header(rows)
        score = header_score(rows[header]) if rows else 0
        width = len(rows[header])
        body = [r for r in rows[header + 1 :] if not _blank(r)]
        agree = sum(1 for r in body if len(r) == width) if width > 1 else 0
        key = (score, agree, width if width > 1 else 0)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def physical_lines(text: str, records: int, delimiter: str) -> int:
    """Physical lines taken by the first `records` records (quoted cells may hold line breaks)."""
    if records <= 0:
        return 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True)
    try:
        for _ in itertools.islice(reader, records):
            pass
    except csv.Error:
        return records
    return reader.line_num


# --- spreadsheets -----------------------------------------------------------------------------------------


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
            if any(not _blank(r) for r in head):
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
    while end and _blank(body[end - 1]):
        end -= 1
    columns: dict[str, list[str | None]] = {f"c{i}": [] for i in range(width)}
    lists = list(columns.values())
    for row in body[:end]:
        for i in range(width):
            lists[i].append(cell_text(row[i]) if i < len(row) else None)
    return pd.DataFrame(columns, dtype=object)


# --- detection --------------------------------------------------------------------------------------------


@contextmanager
def on_disk(data: bytes | str | Path, name: str | None) -> Iterator[tuple[Path, str]]:
    """A path on disk for the file and the name to report it by (bytes are written to a private temporary
    file first)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        label = name or "upload"
        with temp_dir() as folder:
            path = folder / "upload.bin"
            path.write_bytes(bytes(data))
            yield path, label
    else:
        path = Path(data)
        yield path, name or path.name


def read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SAMPLE_BYTES)


def detect(path: Path, options: ReadOptions | None = None, limits: Limits | None = None) -> Layout:
    """Detect (or apply the overrides for) a file's layout; raises `Refused` for a file that is not one."""
    options = options or ReadOptions()
    limits = limits or Limits()
    size = path.stat().st_size
    if size == 0:
        raise Refused("empty")
    head = read_head(path)
    fmt = options.format or sniff_format(head, path)
    if fmt not in FORMATS:
        raise Refused("not_table")
    if fmt in SHEET_FORMATS:
        return _detect_sheet(path, fmt, size, options, limits)
    if size > limits.max_bytes:
        raise Refused("too_large", size=size, limit=limits.max_bytes)
    encoding = options.encoding or sniff_encoding(head)
    if encoding not in ENCODINGS:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise Refused("bad_encoding", encoding=encoding) from None
    text = decode_sample(head, encoding, complete=size <= SAMPLE_BYTES)
    if not looks_like_text(text):
        raise Refused("empty" if not text.strip() else "not_table")
    delimiter = options.delimiter or sniff_delimiter(text)
    rows = _records(text, delimiter, HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1)
    if not rows or all(_blank(r) for r in rows):
        raise Refused("empty")
    header_index = options.header_row - 1 if options.header_row else find_header(rows)
    if header_index < 0 or header_index >= len(rows):
        raise Refused("header_beyond", row=header_index + 1)
    headers = [nfc(h).strip() for h in rows[header_index]]
    if len(headers) > limits.max_columns:
        raise Refused("too_many_columns", n=len(headers), limit=limits.max_columns)
    preview = [
        [c if c != "" else None for c in r[: len(headers)]] for r in rows[header_index + 1 :][:PREVIEW_ROWS]
    ]
    return Layout(
        format="csv",
        size=size,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_index + 1,
        headers=headers,
        preview=preview,
        skip_lines=physical_lines(text, header_index + 1, delimiter),
        bom=bom_length(encoding, head),
        multiline=any(line.count('"') % 2 for line in text.splitlines()),
    )


def _detect_sheet(path: Path, fmt: str, size: int, options: ReadOptions, limits: Limits) -> Layout:
    if size > limits.max_sheet_bytes:
        raise Refused("too_large", size=size, limit=limits.max_sheet_bytes)
    if fmt in ("xlsx", "ods"):
        check_archive(path, limits)
    sheet, names, rows = read_sheet(path, options.sheet, nrows=HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1)
    if not rows or all(_blank(r) for r in rows):
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


# --- the whole file ---------------------------------------------------------------------------------------


@dataclass
class Scan:
    """One pass over a text file's bytes: its digest and what decides whether DuckDB may read it as is."""

    sha256: str
    lines: int  # physical lines, not counting blank lines at the very end
    combining: bool  # holds combining marks (U+0300-U+036F): must be NFC-normalised first
    blank_lines: bool | None = None  # known only when looked for


def scan_bytes(path: Path, progress: Progress | None = None, look_for_blank_lines: bool = False) -> Scan:
    digest = hashlib.sha256()
    lines = 0
    combining = False
    blank = False
    size = max(path.stat().st_size, 1)
    done = 0
    tail = b""
    trailing = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            if not combining and (b"\xcc" in chunk or b"\xcd" in chunk):
                combining = True
            if look_for_blank_lines and not blank:
                joined = tail + chunk
                blank = b"\n\n" in joined or b"\n\r\n" in joined
            tail = chunk[-2:]
            trailing = chunk
            done += len(chunk)
            if progress:
                progress(min(done / size, 1.0), "scan")
    # Blank lines at the very end hold nothing: they neither count as lines nor matter for numbering.
    stripped = trailing.rstrip(b"\r\n")
    end_newlines = trailing[len(stripped) :].count(b"\n")
    if stripped:
        lines = lines - end_newlines + 1
        if look_for_blank_lines and blank and end_newlines >= 2:
            blank = _blank_inside(path)
    return Scan(digest.hexdigest(), lines, combining, blank if look_for_blank_lines else None)


def _blank_inside(path: Path) -> bool:
    """Whether a blank line occurs before the blank lines that end the file."""
    with open(path, "rb") as handle:
        data_end = path.stat().st_size
        tail = b""
        while True:
            step = min(data_end, 1024 * 1024)
            handle.seek(data_end - step)
            block = handle.read(step)
            stripped = block.rstrip(b"\r\n")
            if stripped or data_end - step == 0:
                data_end = data_end - step + len(stripped)
                break
            data_end -= step
        handle.seek(0)
        read = 0
        while read < data_end:
            chunk = handle.read(min(CHUNK_BYTES, data_end - read))
            if not chunk:
                break
            joined = tail + chunk
            if b"\n\n" in joined or b"\n\r\n" in joined:
                return True
            tail = chunk[-2:]
            read += len(chunk)
    return False


def transcode(
    src: Path,
    dst: Path,
    encoding: str,
    delimiter: str,
    errors: str = "replace",
    progress: Progress | None = None,
) -> None:
    """Rewrite a text file as UTF-8 NFC, chunk by chunk, with every blank line (outside quotes) replaced by
    a lone delimiter so that DuckDB keeps it as an empty row and row numbers stay those of the file."""
    codec = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(encoding, encoding)
    with open(src, "rb") as probe:
        start = probe.read(4)
    if encoding == "utf-16-le" and not start.startswith(codecs.BOM_UTF16_LE):
        codec = "utf-16-le"
    if encoding == "utf-16-be" and not start.startswith(codecs.BOM_UTF16_BE):
        codec = "utf-16-be"
    if encoding == "utf-8" and start.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    size = max(src.stat().st_size, 1)
    done = 0
    carry = ""
    in_quotes = False
    with open(src, "rb") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
        while True:
            chunk = fin.read(CHUNK_BYTES)
            final = not chunk
            text = carry + decoder.decode(chunk, final=final)
            if not final:
                cut = text.rfind("\n") + 1
                if cut == 0 and len(text) < 64 * 1024 * 1024:
                    carry = text
                    continue
                if cut:
                    carry, text = text[cut:], text[:cut]
                else:
                    carry = ""
            else:
                carry = ""
            text = unicodedata.normalize("NFC", text)
            if text.startswith(("\n", "\r\n")) or "\n\n" in text or "\n\r\n" in text:
                lines = text.split("\n")
                for i, line in enumerate(lines[:-1]):
                    if not in_quotes and line in ("", "\r"):
                        lines[i] = delimiter + line
                    if line.count('"') % 2:
                        in_quotes = not in_quotes
                if lines[-1].count('"') % 2:
                    in_quotes = not in_quotes
                text = "\n".join(lines)
            elif text.count('"') % 2:
                in_quotes = not in_quotes
            fout.write(text)
            done += len(chunk)
            if progress:
                progress(min(done / size, 1.0), "transcode")
            if final:
                break


def csv_source_sql(width: int) -> tuple[str, dict[str, object]]:
    """The `read_csv(...)` call every CSV is read with (values bound as parameters)."""
    sql = (
        "read_csv($path, header = false, skip = $skip, delim = $delim, quote = '\"', escape = '\"', "
        "auto_detect = false, columns = $columns, null_padding = true, strict_mode = false, "
        "parallel = $parallel, max_line_size = 16777216)"
    )
    return sql, {"columns": {f"c{i}": "VARCHAR" for i in range(width)}}
