"""Columns that mix font-encoded cells (.VnTime's TCVN3, VNI-Times) and cells typed in Unicode (issue 16):
a cell already in Unicode Vietnamese stays as it is, even one whose letters all exist in Windows-1252 and so
could be read as the font's ("Võ Hùng" is not "Vừ Hựng"), while the font's cells around it are converted; a
lone Unicode cell in a column all in the font stays when it reads as well-formed Vietnamese and its conversion
does not ("Bình" is not "Bỡnh"); in CSV (a sheet saved as UTF-8, and the font's own bytes) and XLSX."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import ingest
from analytics.ingest import legacy
from tests.analytics.ingest import fixtures as fx

AUTHORS = 3  # fx.HEADERS_VI: the authors column
# Names typed in Unicode with the letters Windows-1252 shares with Vietnamese: each reads as Vietnamese as it
# is and, taken for TCVN3, as other syllables ("Vừ Hựng").
LATIN1_NAMES = ("Võ Hùng", "Hà Anh Tú", "Lý Thu Hà")
# Names a legacy cell may hold (whose font spelling does not read as Vietnamese as it is).
LEGACY_NAMES = ("Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Quốc Huy", "Nguyễn Thị Hồng")
UNICODE_NAMES = ("Nguyễn Văn An", "Hoàng Văn Em", *LATIN1_NAMES)


@pytest.fixture
def store(make_store):
    return make_store()


def authors(store) -> dict[str, str]:
    return dict(store.rows("SELECT code, authors FROM initiatives"))


def mixed_body(encoding: str, unicode_rows: dict[int, str], legacy_rows: dict[int, str]) -> list[list[str]]:
    """fx.rows(6) with every text cell in the font but the authors given in `unicode_rows` (typed in Unicode);
    the authors in `legacy_rows` are written in the font."""
    out = []
    for i, row in enumerate(fx.rows(6)):
        values = [legacy.from_unicode(v, encoding) if isinstance(v, str) else v for v in row]
        if i in unicode_rows:
            values[AUTHORS] = unicode_rows[i]
        if i in legacy_rows:
            values[AUTHORS] = legacy.from_unicode(legacy_rows[i], encoding)
        out.append(values)
    return out


UNICODE_ROWS = {0: "Nguyễn Văn An", 1: "Võ Hùng", 3: "Hà Anh Tú"}
LEGACY_ROWS = {2: "Trần Thị Bình", 4: "Lê Văn Cường", 5: "Đặng Quốc Huy"}
EXPECTED = {f"SK-{i + 1:05d}": name for i, name in {**UNICODE_ROWS, **LEGACY_ROWS}.items()}


def legacy_csv(body: list[list[str]], encoding: str, as_bytes: bool) -> bytes:
    headers = [legacy.from_unicode(h, encoding) for h in fx.HEADERS_VI]
    text = fx.csv_text(body, headers=headers, delimiter=";")
    return text.encode("cp1252") if as_bytes else text.encode("utf-8")


def legacy_workbook(body: list[list[str]], encoding: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([legacy.from_unicode(h, encoding) for h in fx.HEADERS_VI])
    for row in body:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("kind", ["csv-utf8", "xlsx"])
def test_a_mixed_column_keeps_its_unicode_cells_and_converts_the_fonts(store, encoding, kind):
    body = mixed_body(encoding, UNICODE_ROWS, LEGACY_ROWS)
    data = legacy_csv(body, encoding, False) if kind == "csv-utf8" else legacy_workbook(body, encoding)
    name = f"mixed.{kind.split('-')[0]}"
    preview = ingest.inspect(data, name)
    assert preview.refusal is None, preview.refusal
    report = ingest.commit(store, data, name)
    assert (report.inserted, report.rejected) == (6, 0), report.message()
    assert authors(store) == EXPECTED
    assert store.one("SELECT title FROM initiatives WHERE code = 'SK-00001'") == (
        "Giải pháp tiết kiệm điện năng tại trạm bơm số 1"
    )


def test_a_tcvn3_file_in_its_own_bytes_keeps_names_typed_in_unicode(store):
    """The font's bytes (Windows-1252): the Unicode cells can only hold Windows-1252's letters; "Hà" (à is
    no TCVN3 code) shows the column holds Unicode, so "Võ Hùng" stays."""
    body = mixed_body("tcvn3", {0: "Lý Thu Hà", 1: "Võ Hùng", 3: "Hà Anh Tú"}, LEGACY_ROWS)
    data = legacy_csv(body, "tcvn3", True)
    report = ingest.commit(store, data, "tcvn3.csv")
    assert (report.inserted, report.rejected) == (6, 0), report.message()
    assert report.preview.layout.encoding == "tcvn3"
    found = authors(store)
    assert (found["SK-00001"], found["SK-00002"], found["SK-00004"]) == ("Lý Thu Hà", "Võ Hùng", "Hà Anh Tú")
    assert found["SK-00003"] == "Trần Thị Bình" and found["SK-00006"] == "Đặng Quốc Huy"


def test_a_column_all_in_the_font_converts_a_cell_that_reads_both_ways():
    """Where nothing shows a cell was typed in Unicode, the column's encoding decides: "Ghi chó" is how
    .VnTime writes "Ghi chú" (and "chó" is a word too)."""
    assert legacy.convert_cell("Ghi chó", "tcvn3") == "Ghi chú"
    assert legacy.convert_cell("Ghi chó", "tcvn3", mixed=True) is None
    assert legacy.convert_cell("Võ Hùng", "tcvn3", mixed=True) is None
    assert legacy.convert_cell("Maõ SK", "vni", mixed=True) == "Mã SK"  # a tone VNI's marks misplace
    assert legacy.convert_cell("Ñôn vò", "vni", mixed=True) == "Đơn vị"  # a tone over a consonant


# A name typed in Unicode with only letters both fonts also write (ì ô õ are TCVN3 codes and VNI marks): as
# TCVN3 it reads "Vừ Cụng Bỡnh", as VNI "Võ Cơng Bình"; neither "ơnh" nor "ơng" is a Vietnamese rhyme.
LONE_NAME = "Võ Công Bình"
LONE_ROWS = {1: LONE_NAME}
LONE_EXPECTED = {
    "SK-00001": "Trần Thị Bình; Lê Văn Cường",  # fx.rows' own authors, in the font
    "SK-00004": "Nguyễn Văn An",
    **{f"SK-{i + 1:05d}": name for i, name in {**LONE_ROWS, **LEGACY_ROWS}.items()},
}


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("kind", ["csv-bytes", "csv-utf8", "xlsx"])
def test_a_lone_unicode_cell_in_a_column_all_in_the_font_is_kept(store, encoding, kind):
    """Nothing else in the column was typed in Unicode, and every letter of the cell is one the font writes:
    it reads as well-formed Vietnamese as it is and not converted, so it stays; the font's cells convert."""
    body = mixed_body(encoding, LONE_ROWS, LEGACY_ROWS)
    assert all(legacy.could_be(LONE_NAME, e) for e in legacy.LEGACY)
    if kind == "xlsx":
        data, name = legacy_workbook(body, encoding), "lone.xlsx"
    else:
        data, name = legacy_csv(body, encoding, kind == "csv-bytes"), "lone.csv"
    preview = ingest.inspect(data, name)
    assert preview.refusal is None, preview.refusal
    if kind != "xlsx":
        assert preview.layout.encoding == (encoding if kind == "csv-bytes" else f"utf-8+{encoding}")
    report = ingest.commit(store, data, name)
    assert (report.inserted, report.rejected) == (6, 0), report.message()
    assert authors(store) == LONE_EXPECTED
    assert store.one("SELECT title FROM initiatives WHERE code = 'SK-00001'") == (
        "Giải pháp tiết kiệm điện năng tại trạm bơm số 1"
    )


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Bình", "tcvn3", None),  # "Bỡnh": no such rhyme
        (LONE_NAME, "tcvn3", None),
        (LONE_NAME, "vni", None),  # "Cơng"
        ("Lê Minh Bình", "tcvn3", None),  # "Lờ Minh Bỡnh"
        ("Ghi chó", "tcvn3", "Ghi chú"),  # both read well-formed: the column's font decides
        ("Võ Hùng", "tcvn3", "Vừ Hựng"),  # both well-formed, nothing typed in Unicode: today's rule
        ("B×nh", "tcvn3", "Bình"),  # only the conversion is well-formed
        ("Coâng", "vni", "Công"),
    ],
)
def test_a_cell_that_reads_both_ways_is_judged_by_well_formedness(text, encoding, expected):
    assert legacy.convert_cell(text, encoding) == expected
    font_bytes = legacy.to_unicode_cells(f"1;{text}", encoding, ";", font_bytes=True)[0]
    assert font_bytes == f"1;{expected or text}"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Võ", True), ("Hùng", True), ("hoà", True), ("hòa", True), ("thuở", True), ("giữa", True),
     ("người", True), ("Quốc", True), ("xoóc", True), ("Maõ", False), ("Voõ", False), ("Ñôn", False),
     ("Vằt", False), ("S¸ng", False),
     # rhymes: nh and ch after a, ê, i, y, oa, uê, uy only; no final after a glide; no ơng, ơc
     ("Bình", True), ("giành", True), ("huynh", True), ("hoạch", True), ("ếch", True), ("huých", True),
     ("giếng", True), ("gìn", True), ("khuỷu", True), ("boong", True), ("tiếng", True), ("xuân", True),
     ("Bỡnh", False), ("Cơng", False), ("thơc", False), ("Hụnh", False), ("Mùach", False), ("caon", False)],
)  # fmt: skip
def test_well_formed_words(word, expected):
    assert legacy.well_formed_word(word) is expected


def test_the_legacy_names_of_these_tests_never_read_as_vietnamese_as_they_are():
    for name in LEGACY_NAMES:
        for encoding in legacy.LEGACY:
            assert not legacy.well_formed(legacy.from_unicode(name, encoding)), (name, encoding)
    for name in UNICODE_NAMES:
        assert legacy.well_formed(name)


@settings(max_examples=60, deadline=None)
@given(
    encoding=st.sampled_from(legacy.LEGACY),
    cells=st.lists(
        st.one_of(
            st.tuples(st.just("unicode"), st.sampled_from(UNICODE_NAMES)),
            st.tuples(st.just("legacy"), st.sampled_from(LEGACY_NAMES)),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_mixed_column_round_trip(encoding, cells):
    """Any mix of font cells and Unicode cells in one column (with one cell beyond doubt in Unicode) comes
    back as the Unicode names, each cell on its own."""
    column = ["Nguyễn Văn An"] + [legacy.from_unicode(n, encoding) if k == "legacy" else n for k, n in cells]
    text, _ = legacy.to_unicode_cells("\n".join(f"{i};{c}" for i, c in enumerate(column)), encoding, ";")
    assert [line.split(";")[1] for line in text.split("\n")] == ["Nguyễn Văn An"] + [n for _, n in cells]
