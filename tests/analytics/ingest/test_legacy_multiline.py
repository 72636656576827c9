"""A CSV report in a font encoding (.VnTime's TCVN3, VNI-Times) whose cells hold line breaks and delimiters
inside quotes (issue 16): under a title block, a two-row header and the numbering row, a title spread over
lines keeps its lines and is converted, the records after it keep their file row numbers in the report, and
every cell is judged in its own column: a name typed in Unicode in a column that holds others keeps its
spelling even on a record whose title spans lines. In the font's own bytes and in a Unicode file holding
its text."""

from __future__ import annotations

import csv
import io

import pytest

from analytics import ingest
from analytics.ingest import legacy
from tests.analytics.ingest import fixtures as fx

# Names typed in Unicode in the authors column: "Lý Thu Hà" (à is no TCVN3 code, and Hà is no VNI spelling's
# reading) shows the column holds Unicode; the second reads as Vietnamese as the font's text too ("Vừ Hựng",
# "Hồng Anh Tú") and is kept only when judged in its own column.
TYPED = {"tcvn3": ("Lý Thu Hà", "Võ Hùng"), "vni": ("Lý Thu Hà", "Hoàng Anh Tú")}
TITLE_1 = "Cải tiến quy trình bảo dưỡng\nmáy nén khí; tổ Điện"  # a line break and the delimiter inside
TITLE_2 = "Giải pháp tiết kiệm\nđiện năng\ntại trạm bơm"


def report_rows(first: str, second: str) -> list[list[object]]:
    """The report (as fx.report_xlsx lays it out) with two titles over lines: title block (rows 1-3), header
    (4-5), numbering (6), RP-001 and its co-author (7-8), RP-002 (9), RP-003 with an impossible date (10),
    RP-004 (11), a blank row and the signature block."""
    width = len(fx.REPORT_TOP)
    rows: list[list[object]] = [list(r) + [None] * (width - len(r)) for r in fx.REPORT_TITLE]
    rows += [list(fx.REPORT_TOP), list(fx.REPORT_SUB), [f"({i})" for i in range(1, width + 1)]]
    rows += [
        [1, "RP-001", TITLE_1, first, 60, "BSR", "15/03/2022", "1.250.000.000", ""],
        [None, None, None, "Trần Thị Bình", 40, None, None, None, None],
        [2, "RP-002", TITLE_2, second, 100, "PVEP", "16/03/2022", "600.000.000", ""],
        [3, "RP-003", "Sai ngày", "Phạm Thị Dung", 100, "BSR", "31/02/2022", "", ""],
        [4, "RP-004", "Nâng cao hiệu suất", "Lê Văn Cường", 100, "PVEP", "18/03/2022", "", ""],
        [None] * width,
    ]
    rows += [list(r) + [None] * (width - len(r)) for r in fx.SIGNATURE]
    return rows


def report_csv(encoding: str, typed: tuple[str, ...]) -> str:
    """The report as CSV text, every text cell in the font but the names in `typed` (typed in Unicode)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in report_rows(*typed):
        writer.writerow(
            ["" if v is None else v if not isinstance(v, str) or v in typed else legacy.from_unicode(v, encoding)
             for v in row]
        )  # fmt: skip
    return buffer.getvalue()


@pytest.fixture
def store(make_store):
    return make_store()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("as_bytes", [True, False], ids=["font-bytes", "utf8"])
def test_a_report_in_a_font_with_cells_over_lines(store, encoding, as_bytes):
    typed = TYPED[encoding]
    text = report_csv(encoding, typed)
    assert text.count('"') == 4  # the two titles, quoted
    data = text.encode("cp1252") if as_bytes else text.encode("utf-8")
    preview = ingest.inspect(data, "bao-cao.csv")
    assert preview.refusal is None, preview.refusal
    layout = preview.layout
    assert layout.encoding == (encoding if as_bytes else f"utf-8+{encoding}")
    assert (layout.header_row, layout.header_span, layout.numbering_row) == (4, 2, 6)
    assert preview.rows()[0][2] == TITLE_1  # the preview shows the cell whole, converted
    report = ingest.commit(store, data, "bao-cao.csv")
    assert (report.inserted, report.rejected) == (3, 1), report.message()
    # The file's rows: RP-003 is row 10, though the lines before it are 13 (its title's and RP-001's).
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (10, "Ngày đăng ký", "31/02/2022", "bad_date")
    ]
    assert report.skipped_by == {"blank": 2, "numbering": 1, "signature": 4, "continuation": 1}
    assert store.rows("SELECT code, title, authors FROM initiatives ORDER BY code") == [
        ("RP-001", TITLE_1, f"{typed[0]}; Trần Thị Bình"),
        ("RP-002", TITLE_2, typed[1]),
        ("RP-004", "Nâng cao hiệu suất", "Lê Văn Cường"),
    ]


def test_cells_are_told_apart_as_a_csv_reader_does():
    cursor = legacy.Cursor()
    lines = ['1;"a;b";c', '2;"x', 'y;z";w', "3;d"]
    assert [legacy.line_cells(line, ";", cursor) for line in lines] == [
        [(0, "1"), (1, '"a;b"'), (2, "c")],
        [(0, "2"), (1, '"x')],
        [(1, 'y;z"'), (2, "w")],
        [(0, "3"), (1, "d")],
    ]
    assert cursor == legacy.Cursor(0, False)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_text_converted_in_blocks_reads_as_it_does_whole(encoding):
    """A file is converted chunk by chunk: a chunk that starts inside a quoted cell carries on from where the
    chunk before ended, so its cells are judged in their columns as in the whole text, and a column found to
    hold Unicode cells in a chunk ("Lý Thu Hà") is taken to hold them in the chunks after."""
    text = report_csv(encoding, TYPED[encoding])
    whole = legacy.to_unicode_cells(text, encoding, ";")[0]
    cut = text.index("\n", text.index("RP-002")) + 1  # after the first line of TITLE_2
    cursor = legacy.Cursor()
    first = legacy.to_unicode_cells(text[:cut], encoding, ";", cursor=cursor)[0]
    assert cursor.quoted and cursor.column == 2
    second = legacy.to_unicode_cells(text[cut:], encoding, ";", cursor=cursor)[0]
    assert first + second == whole
    assert f'"{TITLE_2}";{TYPED[encoding][1]};' in whole
