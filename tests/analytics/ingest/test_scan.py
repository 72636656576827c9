"""The byte scan that decides whether DuckDB may read a text file as it is (`delimited.scan_bytes`): its
digest, line count, combining marks and control characters, pinned against their plain definitions on files
that hold each (one pass over the bytes now finds all of them)."""

from __future__ import annotations

import hashlib

import pytest

from analytics.ingest import delimited
from analytics.ingest.cleaning import CONTROLS

HEADER = "Mã SK,Tên sáng kiến,Tác giả\n".encode()
NFC_ROW = "SK-1,Cải tiến bơm,Nguyễn Văn An\n".encode()
# Combining marks (UTF-8 lead bytes 0xCC, 0xCD).
NFD_ROW = "SK-2,Cai tie\u0302\u0301n bo\u031bm,Nguye\u0302\u0303n An\n".encode()


def _expected(data: bytes) -> tuple[str, int, bool, bool]:
    """The scan's findings by their definitions: lines without the blank lines that end the file."""
    stripped = data.rstrip(b"\r\n")
    lines = data.count(b"\n") - data[len(stripped) :].count(b"\n") + 1 if stripped else data.count(b"\n")
    combining = any(0x300 <= ord(ch) <= 0x36F for ch in data.decode("utf-8", errors="ignore"))
    controls = any(chr(b) in CONTROLS for b in data)
    return hashlib.sha256(data).hexdigest(), lines, combining, controls


@pytest.mark.parametrize(
    "data",
    [
        HEADER + NFC_ROW * 3,
        HEADER + NFC_ROW * 3 + b"\n\n\n",
        HEADER + NFC_ROW + NFD_ROW,
        HEADER + NFC_ROW + b"SK-3,Tit\x00le,An\n",
        HEADER + b"SK-4,Ti\x7ftle,An\r\n" + NFD_ROW + b"SK-5,x\x1b,y",
        HEADER + b"SK-6,\xcd\x81 alone,An\n",
        HEADER + b"SK-7,tab\tand\rreturn,An\n",  # tab and carriage return are not controls removed
        b"",
    ],
)
def test_the_scan_finds_what_each_file_holds(tmp_path, data):
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    scan = delimited.scan_bytes(path)
    assert (scan.sha256, scan.lines, scan.combining, scan.controls) == _expected(data)


def test_the_scan_counts_across_chunks(tmp_path, monkeypatch):
    """Chunks smaller than a row: each finding is counted once whatever the chunk it falls in."""
    monkeypatch.setattr(delimited, "CHUNK_BYTES", 7)
    data = HEADER + NFC_ROW * 5 + NFD_ROW + b"SK-9,a\x01b,c\n"
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    scan = delimited.scan_bytes(path)
    assert (scan.sha256, scan.lines, scan.combining, scan.controls) == _expected(data)
    assert scan.lines == 8
