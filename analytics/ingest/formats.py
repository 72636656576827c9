"""The import formats, as families: one row of `FAMILIES` per kind of file the importer reads (delimited text,
workbook), carrying everything that differs between kinds: the formats detection names, the extensions it is
offered under, how it is recognised from the file's first bytes, the read options a person may override, and
its readers (layout, staging, whole file). A new kind of file is a new row, not a new branch elsewhere.

Detection never trusts a file's name: the extensions only say what the upload widget offers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analytics.ingest import delimited, workbook
from analytics.ingest.layout import Layout, Limits, Progress, ReadOptions, Refused
from analytics.ingest.stage import Stage


@dataclass(frozen=True)
class Family:
    """One kind of file the importer reads, and how it is read."""

    name: str
    formats: tuple[str, ...]  # what detection calls its files (`Layout.format`, shown on the page)
    extensions: tuple[str, ...]  # file-name extensions it is offered under (without the dot)
    magic: tuple[bytes, ...]  # file heads that announce it; empty: recognised by its content instead
    recognise: Callable[[bytes, Path], str | None]  # its format from the file head (or Refused)
    options: tuple[str, ...]  # the ReadOptions fields the preview offers to override, in the order shown
    detect: Callable[[Path, str, int, bytes, ReadOptions, Limits], Layout]  # (path, format, size, head, ...)
    stage: Callable[[Stage, Path, Path, Layout, Progress], None]  # the rows into `ingest_raw`
    rows: Callable[[Path, Layout], list[list[object]]]  # every row under the header (small files)
    spare_columns: int  # columns staged past the header's width, so a row with extra cells is seen
    read_by_duckdb: bool  # DuckDB opens the file itself (a store kept to the importer's folder needs a link)


FAMILIES: tuple[Family, ...] = (
    Family(
        name="delimited",
        formats=("csv",),
        extensions=("csv", "tsv", "txt"),
        magic=(),
        recognise=delimited.recognise,
        options=("encoding", "delimiter", "header_row"),
        detect=delimited.detect,
        stage=delimited.stage,
        rows=delimited.all_rows,
        spare_columns=delimited.SPARE_COLUMNS,
        read_by_duckdb=True,
    ),
    Family(
        name="workbook",
        formats=("xlsx", "xls", "ods"),
        extensions=("xlsx", "xlsm", "xls", "ods"),
        magic=(workbook.ZIP_MAGIC, workbook.OLE_MAGIC),
        recognise=workbook.recognise,
        options=("sheet", "header_row"),
        detect=workbook.detect,
        stage=workbook.stage,
        rows=workbook.all_rows,
        spare_columns=0,
        read_by_duckdb=False,
    ),
)

# Every extension the importer is offered under, in the table's order (the upload widget's `type`).
EXTENSIONS: tuple[str, ...] = tuple(ext for family in FAMILIES for ext in family.extensions)

_BY_FORMAT: dict[str, Family] = {fmt: family for family in FAMILIES for fmt in family.formats}
_BY_EXTENSION: dict[str, Family] = {ext: family for family in FAMILIES for ext in family.extensions}


class UnknownExtension(LookupError):
    """A file-name extension no family is offered under; the message names the accepted ones."""

    def __init__(self, extension: str) -> None:
        self.extension = extension
        self.accepted = EXTENSIONS
        super().__init__(
            f"no import format for the extension {extension!r}: accepted are "
            + ", ".join(f".{ext}" for ext in EXTENSIONS)
        )


def family_of(fmt: str | None) -> Family | None:
    """The family of a detected (or chosen) format such as 'csv' or 'xlsx'; None for a format none reads."""
    return _BY_FORMAT.get(fmt or "")


def family_for_extension(extension: str) -> Family:
    """The family offered under a file-name extension ('tsv', '.XLSX'); raises `UnknownExtension`."""
    key = extension.strip().lower().removeprefix(".")
    family = _BY_EXTENSION.get(key)
    if family is None:
        raise UnknownExtension(extension)
    return family


def sniff_format(head: bytes, path: Path) -> str:
    """The format from the file's first bytes (never from its name): the family whose magic the head starts
    with, else the first family recognised by its content."""
    if not head.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n"):
        raise Refused("empty")
    for family in FAMILIES:
        if family.magic and head.startswith(family.magic):
            fmt = family.recognise(head, path)
            if fmt:
                return fmt
    for family in FAMILIES:
        if not family.magic:
            fmt = family.recognise(head, path)
            if fmt:
                return fmt
    raise Refused("not_table")


def options_of(layout: Layout) -> ReadOptions:
    """The read options that reproduce a layout: its format and the options its family offers (a table
    read over several sheets: every sheet that holds one)."""
    family = family_of(layout.format)
    offered = family.options if family else ()
    values = {name: getattr(layout, name) for name in offered}
    values["date_order"] = layout.date_order  # every family's dates
    if layout.parts:  # each sheet's header row is its own
        values.update(sheets=("*",), header_row=None)
    return ReadOptions(format=layout.format, **values)
