"""The format families registry: which family each extension belongs to, what an unknown extension is told,
how a file is recognised from its first bytes (never from its name), and the read options each family offers.
Each expectation is written out here, so a wrong row in FAMILIES fails a test."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from analytics import ingest
from analytics.ingest.formats import sniff_format
from analytics.ingest.layout import Refused
from tests.analytics.ingest import fixtures as fx

EXPECTED_FAMILY = {
    "csv": "delimited",
    "tsv": "delimited",
    "txt": "delimited",
    "xlsx": "workbook",
    "xlsm": "workbook",
    "xls": "workbook",
    "ods": "workbook",
}
OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024


def ods_bytes() -> bytes:
    """An OpenDocument spreadsheet's container: a zip whose `mimetype` member names it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def sniff(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    return sniff_format(data[:65536], path)


# --- extensions -------------------------------------------------------------------------------------------


def test_every_extension_maps_to_its_family():
    assert {ext: ingest.family_for_extension(ext).name for ext in ingest.EXTENSIONS} == EXPECTED_FAMILY
    # The upload widget offers them in the table's order: text first, then workbooks.
    assert tuple(EXPECTED_FAMILY) == ingest.EXTENSIONS
    for ext, name in EXPECTED_FAMILY.items():
        assert ingest.family_for_extension(f".{ext.upper()}").name == name  # as file names write them


def test_an_unknown_extension_is_refused_naming_the_accepted_ones():
    for unknown in ("dat", ".pdf", "xlsxx", ""):
        with pytest.raises(ingest.UnknownExtension) as refused:
            ingest.family_for_extension(unknown)
        assert refused.value.extension == unknown
        assert refused.value.accepted == tuple(EXPECTED_FAMILY)
        message = str(refused.value)
        assert all(f".{ext}" in message for ext in EXPECTED_FAMILY), message
    assert issubclass(ingest.UnknownExtension, LookupError)


def test_each_format_belongs_to_one_family():
    assert {fmt: ingest.family_of(fmt).name for f in ingest.FAMILIES for fmt in f.formats} == {
        "csv": "delimited",
        "xlsx": "workbook",
        "xls": "workbook",
        "ods": "workbook",
    }
    assert ingest.family_of("pdf") is None and ingest.family_of(None) is None
    assert [f.name for f in ingest.FAMILIES] == ["delimited", "workbook"]


def test_families_are_frozen_rows():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ingest.FAMILIES[0].extensions = ("csv", "exe")  # type: ignore[misc]


# --- detection from the file head -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data", "fmt"),
    [
        ("utf8-csv", fx.csv_bytes(), "csv"),
        ("utf16-tab", fx.csv_bytes(encoding="utf-16-le", bom=True, delimiter="\t"), "csv"),
        ("cp1258", fx.csv_bytes(encoding="cp1258", delimiter=";"), "csv"),
        ("xlsx", fx.xlsx_bytes(), "xlsx"),
        ("ods", ods_bytes(), "ods"),
        ("xls", OLE_HEAD, "xls"),
    ],
)
def test_the_format_is_recognised_from_the_file_head(tmp_path, label, data, fmt):
    assert sniff(tmp_path, data) == fmt, label


@pytest.mark.parametrize(
    ("label", "data", "code"),
    [
        ("empty", b"", "empty"),
        ("bom-only", b"\xef\xbb\xbf\r\n  \r\n", "empty"),
        ("picture", fx.PNG_BYTES * 20, "not_table"),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "not_table"),
        ("zip-not-a-workbook", plain_zip(), "not_table"),
        ("web-page", b"<html><body><table><tr><td>M\xc3\xa3 SK</td></tr></table></body></html>", "html"),
    ],
)
def test_a_head_no_family_reads_is_refused(tmp_path, label, data, code):
    with pytest.raises(Refused) as refused:
        sniff(tmp_path, data)
    assert refused.value.code == code, label


def test_the_name_never_decides_the_format():
    csv, xlsx = fx.csv_bytes(), fx.xlsx_bytes()
    assert ingest.inspect(csv, "named.xlsx").layout.format == "csv"
    assert ingest.inspect(xlsx, "named.csv").layout.format == "xlsx"
    assert ingest.inspect(csv, "named.dat").layout.format == "csv"  # not an extension the page offers
    # An OLE head goes to the workbook reader (which finds no workbook in it), not to the text reader.
    assert ingest.inspect(OLE_HEAD, "old.csv").refusal.code == "unreadable"


# --- the read options each family offers ------------------------------------------------------------------


def test_each_family_offers_its_read_options():
    fields = {f.name for f in dataclasses.fields(ingest.ReadOptions)}
    offered = {f.name: f.options for f in ingest.FAMILIES}
    assert offered == {
        "delimited": ("encoding", "delimiter", "header_row"),
        "workbook": ("sheet", "header_row"),
    }
    assert all(set(options) <= fields - {"format"} for options in offered.values())


def test_options_of_a_layout_reproduce_it():
    text = ingest.inspect(fx.csv_bytes(encoding="cp1258", delimiter=";", title_rows=[["DS"]]), "a.csv").layout
    assert ingest.options_of(text) == ingest.ReadOptions("csv", "cp1258", ";", 2, None)
    book = ingest.inspect(fx.xlsx_bytes(sheet="Dữ liệu", extra_sheets=["Hướng dẫn"]), "b.xlsx").layout
    assert ingest.options_of(book) == ingest.ReadOptions("xlsx", None, None, 1, "Dữ liệu")


def test_staging_differs_by_family():
    """Only text is read by DuckDB itself (with spare columns to see rows with extra cells)."""
    delimited, book = (ingest.family_of("csv"), ingest.family_of("xlsx"))
    assert (delimited.read_by_duckdb, delimited.spare_columns) == (True, 4)
    assert (book.read_by_duckdb, book.spare_columns) == (False, 0)
