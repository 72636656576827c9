"""The delimited-text family (CSV, TSV, TXT): how its encoding, delimiter and header row are found in the
first 64 KB, and how its rows reach DuckDB without a Python loop over them.

A UTF-8 file (with or without BOM) whose text is already NFC is read by DuckDB's `read_csv` straight from
the file; any other text (UTF-16, Windows-1258 with combining tone marks, the TCVN3 and VNI font encodings,
control or invisible characters, blank lines that DuckDB would silently drop and so shift row numbers) is
first rewritten, in chunks, to a temporary clean UTF-8 NFC file. Every cell reaches DuckDB as text; the
importer parses and validates it in SQL.

The encoding is chosen by reading the first 64 KB every plausible way (UTF-8, Windows-1258, TCVN3, VNI, and
for a Unicode file, Unicode cells that hold TCVN3 or VNI text) and keeping the reading whose accented words
are Vietnamese syllables (`legacy.score`); a file that reads as mojibake every way is refused, naming the
encoding it most likely went through.

Anything wrong with the file as a whole raises `Refused` with a catalogue code (`ingest.refuse.<code>`).
"""

from __future__ import annotations

import codecs
import concurrent.futures
import csv
import hashlib
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.ingest import cleaning, legacy
from analytics.ingest.columns import (
    HEADER_SEARCH_ROWS,
    blank_row,
    find_header,
    header_block,
    header_score,
    named_as_written,
)
from analytics.ingest.layout import PREVIEW_ROWS, SAMPLE_BYTES, Layout, Limits, Progress, ReadOptions, Refused
from analytics.ingest.stage import Hints, Retry, Stage
from analytics.sandbox import temp_dir
from analytics.textnorm import nfc

CHUNK_BYTES = 8 * 1024 * 1024
SPARE_COLUMNS = 4  # read past the header's width, so a row with extra cells is seen (and rejected)
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
# Encodings offered for override, in the order shown: Python codecs; "tcvn3" and "vni", files written in those
# font encodings; "<codec>+tcvn3" / "<codec>+vni", a Unicode file whose cells hold such text (a .VnTime sheet
# saved as "CSV UTF-8").
ENCODINGS: tuple[str, ...] = (
    "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", "tcvn3", "vni", "utf-8+tcvn3", "utf-8+vni",
    "cp1252", "latin-1",
)  # fmt: skip
DIRECT_ENCODINGS = ("utf-8", "utf-8-sig")  # what DuckDB may read as it is

# Heads of files that are not text: a picture, a PDF, an archive or a program renamed .csv.
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


def recognise(head: bytes, path: Path) -> str | None:
    """'csv' for a head that reads as text; refuses pictures, PDFs, archives and other binaries renamed, and
    web pages saved with a spreadsheet's name."""
    if head.startswith(_BINARY_MAGIC):
        raise Refused("not_table")
    lowered = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<table" in lowered[:512]:
        raise Refused("html")
    return "csv"


# --- encoding ---------------------------------------------------------------------------------------------


def _base_encoding(head: bytes) -> str:
    """The byte codec of a text file's first bytes: a BOM decides; else UTF-8 when it decodes, else an 8-bit
    code page (Windows-1258, or a font encoding over Windows-1252: see `sniff_encoding`)."""
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


def sniff_encoding(head: bytes, complete: bool = False) -> str:
    """The encoding of a text file's first bytes (one of ENCODINGS, or "<codec>+tcvn3"/"<codec>+vni").

    The byte codec comes first (`_base_encoding`). An 8-bit file is read as Windows-1258, TCVN3 and VNI and
    the reading with the most Vietnamese syllables kept; a Unicode file is kept as it is unless its cells
    read as Vietnamese only through TCVN3 or VNI (a .VnTime sheet saved as Unicode). Raises
    `Refused("mojibake")` when every reading is mojibake, naming the likely cause."""
    base = _base_encoding(head)
    if base == "cp1258":
        readings = [
            (name, legacy.score(decode_sample(head, name, complete))) for name in ("cp1258", "tcvn3", "vni")
        ]
        name, best = max(readings, key=lambda item: item[1].ratio)  # the first of equals: Windows-1258
        if best.counted >= legacy.MOJIBAKE_WORDS and best.ratio < legacy.MOJIBAKE_RATIO:
            example = legacy.broken_words(decode_sample(head, name, complete))
            raise Refused("mojibake", likely=name, example=example)
        return name
    text = decode_sample(head, base, complete)
    found = legacy.better_reading(text)
    if found:
        return f"{base}+{found}"
    if legacy.encoded_twice(text):
        raise Refused("mojibake", likely="utf-8-twice", example=legacy.broken_words(text))
    return base


def encoding_parts(encoding: str) -> tuple[str | None, str | None]:
    """(byte codec, legacy font encoding): "utf-8" -> ("utf-8", None); "tcvn3" -> (None, "tcvn3"), the file's
    bytes in that font encoding; "utf-8+vni" -> ("utf-8", "vni"), Unicode cells holding VNI text."""
    if encoding in legacy.LEGACY:
        return None, encoding
    codec, _, layered = encoding.partition("+")
    return codec, layered or None


def check_encoding(encoding: str) -> None:
    """Refuse an encoding no reader knows."""
    codec, layered = encoding_parts(encoding)
    try:
        if codec is not None:
            codecs.lookup(codec)
    except LookupError:
        raise Refused("bad_encoding", encoding=encoding) from None
    if layered is not None and layered not in legacy.LEGACY:
        raise Refused("bad_encoding", encoding=encoding)


def bom_length(encoding: str, head: bytes) -> int:
    codec = encoding_parts(encoding)[0]
    if codec in ("utf-8", "utf-8-sig") and head.startswith(codecs.BOM_UTF8):
        return 3
    if codec == "utf-16-le" and head.startswith(codecs.BOM_UTF16_LE):
        return 2
    if codec == "utf-16-be" and head.startswith(codecs.BOM_UTF16_BE):
        return 2
    return 0


class TextDecoder:
    """Bytes to text in one encoding, chunk by chunk: the codec, then a font encoding's letters, then NFC."""

    def __init__(
        self, encoding: str, errors: str = "replace", start: bytes = b"", delimiter: str | None = None
    ) -> None:
        self.delimiter = delimiter
        codec, self.legacy = encoding_parts(encoding)
        self.per_word = codec is not None and self.legacy is not None
        self.converted = 0  # cells converted from a font encoding (Unicode cells holding TCVN3 or VNI)
        self.cursor = legacy.Cursor()  # where the next text starts: in a quoted cell spread over lines or not
        if codec is None:
            self._decoder = None
            return
        codec = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}.get(codec, codec)
        if (
            codec == "utf-16"
            and encoding.startswith("utf-16-le")
            and not start.startswith(codecs.BOM_UTF16_LE)
        ):
            codec = "utf-16-le"
        if (
            codec == "utf-16"
            and encoding.startswith("utf-16-be")
            and not start.startswith(codecs.BOM_UTF16_BE)
        ):
            codec = "utf-16-be"
        if codec == "utf-8" and start.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        self._decoder = codecs.getincrementaldecoder(codec)(errors=errors)

    def decode(self, data: bytes, final: bool = False) -> str:
        """The next chunk's text as decoded, before `convert`."""
        if self._decoder is None:
            return legacy.decode_bytes(data)
        return self._decoder.decode(data, final=final)

    def convert(self, text: str) -> str:
        """Decoded text in Unicode NFC: a font encoding's letters converted."""
        if self.legacy is None:
            return nfc(text)
        if self.per_word:
            text, converted = legacy.to_unicode_cells(text, self.legacy, self.delimiter, cursor=self.cursor)
            self.converted += converted
            return nfc(text)
        if self.delimiter:  # the font's own bytes: cells typed in Unicode are kept (`legacy.kept_as_typed`)
            text = legacy.to_unicode_cells(text, self.legacy, self.delimiter, True, self.cursor)[0]
            return nfc(text)
        return legacy.to_unicode_lines(text, self.legacy, self.delimiter)


def decode_sample(head: bytes, encoding: str, complete: bool, delimiter: str | None = None) -> str:
    """The sample as text (NFC, a font encoding's letters converted, cell by cell once the delimiter is
    known), cut at its last full line unless it is the whole file."""
    body = head[bom_length(encoding, head) :]
    decoder = TextDecoder(encoding.replace("utf-8-sig", "utf-8"), delimiter=delimiter)
    text = decoder.decode(body, final=complete)
    if not complete:
        cut = text.rfind("\n")
        if cut > 0:
            text = text[: cut + 1]
    return decoder.convert(text)


def looks_like_text(text: str) -> bool:
    """False for binary content that happened to decode: mostly control characters, or many characters
    that did not decode. A few NUL bytes and control characters in a text file are removed, not a reason
    to refuse it."""
    sample = text[:20000]
    controls = cleaning.count_controls(sample)
    stripped = cleaning.strip_controls(sample)
    if not stripped.strip():
        return False
    replaced = stripped.count("\ufffd")
    return controls <= len(sample) // 10 and replaced <= max(2, len(stripped) // 50)


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
        body = [r for r in rows[header + 1 :] if not blank_row(r)]
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


def detect(path: Path, fmt: str, size: int, head: bytes, options: ReadOptions, limits: Limits) -> Layout:
    """The layout of a text file: encoding, delimiter, header row (each detected unless overridden)."""
    if size > limits.max_bytes:
        raise Refused("too_large", size=size, limit=limits.max_bytes)
    complete = size <= SAMPLE_BYTES
    encoding = options.encoding or sniff_encoding(head, complete)
    check_encoding(encoding)
    text = decode_sample(head, encoding, complete=complete)
    if not looks_like_text(text):
        raise Refused("empty" if not text.strip() else "not_table")
    delimiter = options.delimiter or sniff_delimiter(cleaning.strip_controls(text))
    if encoding_parts(encoding)[1]:  # a font encoding: converted cell by cell, as the whole file will be
        text = decode_sample(head, encoding, complete=complete, delimiter=delimiter)
    written_text = cleaning.strip_controls(text)  # the cells as written, for the preview (`Preview.rows`)
    text, controls, invisible = cleaning.clean_lines(text, delimiter)
    rows = _records(text, delimiter, HEADER_SEARCH_ROWS + PREVIEW_ROWS + 2)
    as_written = _records(written_text, delimiter, len(rows)) if invisible else rows
    codec, layered = encoding_parts(encoding)
    if codec and layered:  # Unicode cells in a font encoding: headings typed in Unicode are kept as written
        written = cleaning.clean_lines(decode_sample(head, codec, complete=complete), delimiter)[0]
        rows = named_as_written(rows, _records(written, delimiter, HEADER_SEARCH_ROWS))
    if not rows or all(blank_row(r) for r in rows):
        raise Refused("empty")
    header_index = options.header_row - 1 if options.header_row else find_header(rows)
    if header_index < 0 or header_index >= len(rows):
        raise Refused("header_beyond", row=header_index + 1)
    block = header_block(rows, header_index)
    headers = [nfc(h).strip() for h in block.headers]
    if len(headers) > limits.max_columns:
        raise Refused("too_many_columns", n=len(headers), limit=limits.max_columns)
    below = [
        _as_written(r, as_written[i] if i < len(as_written) else r)
        for i, r in enumerate(rows[block.index + block.span :], start=block.index + block.span)
        if i != block.numbering
    ]  # fmt: skip
    preview = [[c if c != "" else None for c in r[: len(headers)]] for r in below[:PREVIEW_ROWS]]
    return Layout(
        format=fmt,
        size=size,
        encoding=encoding,
        delimiter=delimiter,
        header_row=block.index + 1,
        headers=headers,
        preview=preview,
        skip_lines=physical_lines(text, block.index + block.span + (block.numbering is not None), delimiter),
        bom=bom_length(encoding, head),
        multiline=any(line.count('"') % 2 for line in text.splitlines()),
        header_span=block.span,
        header_parts=block.parts,
        numbering_row=None if block.numbering is None else block.numbering + 1,
        dirty=bool(controls or invisible),
    )


def _as_written(row: list[str], written: list[str]) -> list[str]:
    """A preview row's cells as the file writes them (invisible characters and Unicode spaces kept, for the
    preview to clean each as the import will: `Preview.rows`), where the cleaned cell is that cell cleaned."""
    return [
        w if c != w and cleaning.clean_cell(w)[0] == c else c
        for c, w in itertools.zip_longest(row, written[: len(row)], fillvalue="")
    ]


# --- the whole file ---------------------------------------------------------------------------------------


@dataclass
class Scan:
    """One pass over a text file's bytes: its digest and what decides whether DuckDB may read it as is."""

    sha256: str
    lines: int  # physical lines, not counting blank lines at the very end
    combining: bool  # holds combining marks (U+0300-U+036F): must be NFC-normalised first
    blank_lines: bool | None = None  # known only when looked for
    controls: bool = False  # holds NUL bytes or other control characters: must be cleaned first


# What the scan looks for: line feeds, the lead bytes of UTF-8's combining marks (U+0300-U+036F: 0xCC, 0xCD)
# and the control characters the importer removes. bytes.translate deletes every other byte, so one pass in
# C leaves a chunk's few bytes of interest, counted and searched after (cheaper than a pass for each).
_SCANNED = b"\n\xcc\xcd"
_NOT_SCANNED = bytes(b for b in range(256) if b not in _SCANNED and chr(b) not in cleaning.CONTROLS)


def scan_bytes(path: Path, progress: Progress | None = None, look_for_blank_lines: bool = False) -> Scan:
    digest = hashlib.sha256()
    lines = 0
    combining = False
    controls = False
    blank = False
    size = max(path.stat().st_size, 1)
    done = 0
    tail = b""
    trailing = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            found = chunk.translate(None, _NOT_SCANNED)
            newlines, marks = found.count(b"\n"), found.count(b"\xcc") + found.count(b"\xcd")
            lines += newlines
            combining = combining or marks > 0
            controls = controls or len(found) > newlines + marks
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
    return Scan(digest.hexdigest(), lines, combining, blank if look_for_blank_lines else None, controls)


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


@dataclass
class Cleaned:
    """What rewriting a text file changed, for the import report."""

    controls: int = 0  # control characters and NUL bytes removed
    invisible_cells: int = 0  # cells whose invisible characters were removed
    legacy_cells: int = 0  # cells converted from TCVN3 or VNI inside a Unicode file


def transcode(
    src: Path,
    dst: Path,
    encoding: str,
    delimiter: str,
    errors: str = "replace",
    progress: Progress | None = None,
    code_column: int | None = None,
) -> Cleaned:
    """Rewrite a text file as clean UTF-8 NFC, chunk by chunk (a font encoding's letters converted, control
    and invisible characters removed; in `code_column`, Unicode spaces removed too), with every blank line
    (outside quotes) replaced by a lone delimiter so that DuckDB keeps it as an empty row and row numbers stay
    those of the file."""
    with open(src, "rb") as probe:
        start = probe.read(4)
    decoder = TextDecoder(encoding, errors=errors, start=start, delimiter=delimiter)
    cleaned = Cleaned()
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
            text, controls, invisible = cleaning.clean_lines(
                decoder.convert(text), delimiter, code_column, in_quotes
            )
            cleaned.controls += controls
            cleaned.invisible_cells += invisible
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
    cleaned.legacy_cells = decoder.converted
    return cleaned


def csv_source_sql(width: int) -> tuple[str, dict[str, object]]:
    """The `read_csv(...)` call every CSV is read with (values bound as parameters)."""
    sql = (
        "read_csv($path, header = false, skip = $skip, delim = $delim, quote = '\"', escape = '\"', "
        "auto_detect = false, columns = $columns, null_padding = true, strict_mode = false, "
        "parallel = $parallel, max_line_size = 16777216)"
    )
    return sql, {"columns": {f"c{i}": "VARCHAR" for i in range(width)}}


def stage(staging: Stage, path: Path, folder: Path, layout: Layout, step: Progress) -> None:
    """Into `ingest_raw`: a UTF-8 NFC file is read by DuckDB as it is, while its bytes are scanned (digest,
    lines, combining marks) on a second thread; anything else is first transcoded to a temporary UTF-8 NFC
    file."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        scan = pool.submit(scan_bytes, path)
        rows: int | None = None
        if layout.encoding in DIRECT_ENCODINGS and not staging.hints.transcode and not layout.dirty:
            try:
                rows = _read_csv(staging, path, layout)
            except duckdb.InvalidInputException as exc:
                if "unicode" not in str(exc).lower():
                    raise
                scan.result()
                warnings = [("bad_bytes", {})]
                raise Retry(Hints(staging.hints.serial, True, warnings)) from None
        scanned = scan.result()
    staging.sha256 = scanned.sha256
    step(0.4, "read")
    if rows is not None and (scanned.combining or scanned.controls):
        rows = None
    # Fewer rows than lines: blank lines (which DuckDB drops, shifting row numbers) or cells that hold
    # line breaks (harmless). Only the first needs the slower, exact path.
    if (
        rows is not None
        and rows + layout.skip_lines != scanned.lines
        and scan_bytes(path, look_for_blank_lines=True).blank_lines
    ):
        rows = None
    if rows is None:
        target = folder / "utf8.csv"
        cleaned = transcode(
            path,
            target,
            layout.encoding or "utf-8",
            layout.delimiter or ",",
            errors="replace",
            progress=lambda f, _: step(0.05 + 0.3 * f, "transcode"),
            code_column=staging.shape.mapping.get("code"),
        )
        staging.cleaned.update(vars(cleaned))
        try:
            rows = _read_csv(staging, target, layout)
        except duckdb.InvalidInputException as exc:  # even clean UTF-8 did not read: not a table
            raise Refused("unreadable", detail=str(exc).splitlines()[0][:200]) from None
    staging.rows = rows


def _read_csv(staging: Stage, path: Path, layout: Layout) -> int:
    source, extra = csv_source_sql(staging.shape.width + staging.shape.spare)
    params = {"path": str(path), "skip": layout.skip_lines, "delim": layout.delimiter or ",", **extra}
    try:
        return staging.run(source, {**params, "parallel": not staging.hints.serial})
    except duckdb.Error as exc:
        if "parallel" not in str(exc).lower() or staging.hints.serial:
            raise
        # Cells with line breaks and short rows together need the single-threaded reader.
        raise Retry(Hints(True, staging.hints.transcode, staging.hints.warnings)) from None


def all_rows(path: Path, layout: Layout) -> list[list[object]]:
    """Every row under the header (for small reference files: read whole, in Python)."""
    with temp_dir() as folder:
        target = folder / "utf8.csv"
        transcode(path, target, layout.encoding or "utf-8", layout.delimiter or ",")
        text = target.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter or ","))
    return [r for r in rows[layout.data_row - 1 :]]
