"""What a read is asked and what it finds: the size limits and the person's overrides it is given, the layout
it detects in a file's first bytes, or the whole-file refusal it stops with. Every format family speaks these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

SAMPLE_BYTES = 64 * 1024  # detection looks at the file's first 64 KB only
PREVIEW_ROWS = 8  # rows under the header kept for the preview

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
    header_row: int | None = (
        None  # 1-based row of the file (or sheet) holding the headers (the top one of two)
    )
    sheet: str | None = None
    sheets: tuple[str, ...] = ()  # several sheets read as one table (("*",): every sheet holding one)
    date_order: str | None = None  # "dmy" or "mdy" for every date column (None: day first unless proven)


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
    # Rows after the header, as text as written (invisible characters kept): `Preview.rows` cleans them.
    preview: list[list[str | None]] = field(default_factory=list)
    skip_lines: int = 0  # physical lines up to and including the header (CSV)
    bom: int = 0
    multiline: bool = False  # the sample shows a quoted cell holding a line break (CSV)
    header_span: int = 1  # rows the header takes: 2 for "Tác giả" merged over "Họ tên" / "Tỷ lệ (%)"
    header_parts: list[tuple[str, ...]] = field(default_factory=list)  # a composed header's parts, per column
    numbering_row: int | None = None  # the row of column numbers "(1) (2) ..." under the header (skipped)
    dirty: bool = False  # the sample holds control or invisible characters: the file is cleaned first (CSV)
    legacy_columns: dict[int, str] = field(default_factory=dict)  # workbook columns in TCVN3 or VNI
    parts: tuple = ()  # one `workbook.SheetPart` per sheet when several sheets are read as one table
    skipped_sheets: tuple[tuple[str, str], ...] = ()  # (sheet, reason): summary, empty or no table
    date_order: str | None = None  # the person's choice for every date column (ReadOptions.date_order)

    @property
    def data_row(self) -> int:
        """The 1-based row of the first data row: under the header and its numbering row."""
        return self.header_row + self.header_span + (1 if self.numbering_row else 0)
