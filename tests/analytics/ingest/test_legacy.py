"""The font encodings offices still use (TCVN3/ABC with the .VnTime fonts, VNI-Windows with VNI-Times): the
tables against the published standard, the round trip Unicode -> legacy -> Unicode, and files in them (CSV as
bytes, Unicode CSV and Excel cells holding such text) read as Unicode, named in the preview; mojibake under
every reading refused, naming the likely cause, never stored."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import ingest
from analytics.ingest import ReadOptions, legacy
from tests.analytics.ingest import fixtures as fx

LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONED = [
    unicodedata.normalize("NFC", base + tone)
    for base in "aăâeêioôơuưy"
    for tone in "\u0300\u0301\u0303\u0309\u0323"
]
ALL_LETTERS = list(legacy.VNI_LETTERS)  # every Vietnamese letter with a mark, both cases


@pytest.fixture
def store(make_store):
    return make_store()


def stored(store, code: str) -> dict:
    frame = store.df("SELECT * FROM initiatives WHERE code = ?", [code])
    assert len(frame) == 1, f"{code} not stored"
    return frame.iloc[0].to_dict()


# --- the tables -------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("iconv") is None, reason="the system's iconv (glibc) holds TCVN 5712")
def test_tcvn3_table_is_the_standards_vn3_table():
    """Every TCVN3 byte the importer maps decodes to the same letter in glibc's TCVN5712-1 converter (TCVN
    5712:1993, whose upper half is the VN3 table the ABC fonts implement)."""
    codes = bytes(sorted(legacy.TCVN3_BYTES))
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=codes, capture_output=True, check=True
    )
    assert unicodedata.normalize("NFC", out.stdout.decode("utf-8")) == "".join(
        legacy.TCVN3_BYTES[c] for c in sorted(legacy.TCVN3_BYTES)
    )
    assert len(legacy.TCVN3_BYTES) == 74  # 7 capitals with a mark, 7 lower-case, 60 toned lower-case letters


def test_vni_table_covers_every_vietnamese_letter_both_cases():
    assert len(legacy.VNI_LETTERS) == 134
    assert {unicodedata.normalize("NFC", c) for c in TONED} <= set(legacy.VNI_LETTERS)
    # The published spellings of a few letters (VNI-Windows as the VNI fonts draw them).
    assert [legacy.VNI_LETTERS[c] for c in ("á", "ầ", "ặ", "ơ", "ự", "đ", "Đ", "ỵ", "Ở")] == [
        "aù", "aà", "aë", "ô", "öï", "ñ", "Ñ", "î", "ÔÛ",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("legacy_text", "encoding", "unicode"),
    [
        ("NguyÔn V¨n An", "tcvn3", "Nguyễn Văn An"),
        ("B¸t X¸t, Kh¬ng", "tcvn3", "Bát Xát, Khơng"),
        ("T£N S¸NG KIÕN", "tcvn3", "TÊN SÁNG KIẾN"),  # a .VnTimeH heading: capitals from lower-case codes
        ("Hä vµ tªn", "tcvn3", "Họ và tên"),
        ("Nguyeãn Vaên An", "vni", "Nguyễn Văn An"),
        ("Xin chaøo caùc baïn", "vni", "Xin chào các bạn"),
        ("ÑÔN VÒ", "vni", "ĐƠN VỊ"),
    ],
)
def test_known_spellings(legacy_text, encoding, unicode):
    assert legacy.to_unicode(legacy_text, encoding) == unicode


# --- the round trip (property) ----------------------------------------------------------------------------

# A word as .VnTime can hold it: lower case (a first ASCII capital or one of TCVN3's seven capitals allowed).
_TCVN3_WORD = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(list(LOWER) + TONED + list("BCDGHKLMNPQRSTVXĂÂÊÔƠƯĐ")),
    st.text(st.sampled_from(list(LOWER) + TONED), max_size=7),
)
_ANY_WORD = st.text(st.sampled_from(list(LOWER) + list(LOWER.upper()) + ALL_LETTERS), min_size=1, max_size=8)
_GLUE = st.sampled_from([" ", ", ", "; ", " – ", " (", ") ", "/", "\n", " 2022 "])


def _text(words):
    return st.lists(st.tuples(words, _GLUE), max_size=12).map(lambda items: "".join(w + g for w, g in items))


@settings(max_examples=300, deadline=None)
@given(_text(_TCVN3_WORD))
def test_tcvn3_round_trip(text):
    text = unicodedata.normalize("NFC", text)
    assert legacy.to_unicode(legacy.from_unicode(text, "tcvn3"), "tcvn3") == text
    assert legacy.decode_bytes(legacy.encode_bytes(text, "tcvn3")) == legacy.from_unicode(text, "tcvn3")


@settings(max_examples=300, deadline=None)
@given(_text(_TCVN3_WORD).filter(lambda t: any(c.isalpha() for c in t)))
def test_tcvn3_headings_in_capitals_round_trip(text):
    """A cell typed in .VnTimeH: all capitals, with a word of two capitals or more, comes back in capitals."""
    heading = unicodedata.normalize("NFC", "TÊN " + text.upper())
    assert legacy.to_unicode(legacy.from_unicode(heading, "tcvn3"), "tcvn3") == heading


@settings(max_examples=300, deadline=None)
@given(_text(_ANY_WORD))
def test_vni_round_trip(text):
    text = unicodedata.normalize("NFC", text)
    assert legacy.to_unicode(legacy.from_unicode(text, "vni"), "vni") == text


@settings(max_examples=200, deadline=None)
@given(
    _text(
        st.sampled_from(["Nguyễn", "Văn", "Trần", "Thị", "Bình", "cải", "tiến", "giải", "pháp", "Đơn", "vị"])
    )
)
def test_unicode_text_is_never_taken_for_a_font_encoding(text):
    """Text already in Unicode reads as Vietnamese as it is: no other reading is found better."""
    assert legacy.better_reading(text) is None
    assert legacy.convert_cell("Đơn vị " + text, "tcvn3") is None  # Đ, ơ, ị: never written by TCVN3


# --- files in those encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "make", "encoding"),
    [
        ("tcvn3-bytes", lambda text: legacy.encode_bytes(text, "tcvn3"), "tcvn3"),
        ("vni-bytes", lambda text: legacy.encode_bytes(text, "vni"), "vni"),
        ("vnTime-sheet-saved-as-utf8", lambda text: legacy.from_unicode(text, "tcvn3").encode("utf-8"), "utf-8+tcvn3"),
        ("vni-sheet-saved-as-utf8-bom", lambda text: b"\xef\xbb\xbf" + legacy.from_unicode(text, "vni").encode(), "utf-8-sig+vni"),
    ],
)  # fmt: skip
def test_csv_in_a_font_encoding_is_stored_as_unicode(store, label, make, encoding):
    text = fx.csv_text(fx.rows(5), delimiter=";")
    data = make(text)
    preview = ingest.inspect(data, f"{label}.csv")
    assert preview.refusal is None, preview.refusal
    assert preview.layout.encoding == encoding
    assert preview.headers[2] == "Tên sáng kiến" and preview.layout.delimiter == ";"
    report = ingest.commit(store, data, f"{label}.csv")
    assert (report.inserted, report.rejected) == (5, 0), report.message()
    first = stored(store, "SK-00001")
    assert first["title"] == "Giải pháp tiết kiệm điện năng tại trạm bơm số 1"
    assert first["authors"] == "Trần Thị Bình; Lê Văn Cường"
    assert stored(store, "SK-00004")["unit_code"] == "VPI"  # "Viện Dầu khí Việt Nam"
    assert stored(store, "SK-00002")["status"] == "applied"  # "Đã áp dụng"
    assert store.one("SELECT count(*) FROM initiatives WHERE title <> nfc_normalize(title)") == 0


def test_a_font_encoding_can_be_chosen(store):
    data = legacy.encode_bytes(fx.csv_text(fx.rows(3)), "vni")
    preview = ingest.inspect(data, "x.csv", options=ReadOptions(encoding="cp1258"))
    assert preview.layout.encoding == "cp1258" and preview.refusal.code == "missing_columns"  # read wrong
    again = ingest.inspect(data, "x.csv", options=ReadOptions(encoding="vni"))
    assert again.refusal is None and again.headers[1] == "Mã SK"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_excel_cells_typed_in_a_font_encoding(store, encoding):
    """Every text cell (headers too) holds the Windows-1252 characters the font draws; the unit column was
    typed in Unicode: each cell is converted or kept on its own."""
    data = fx.legacy_xlsx(fx.rows(4), encoding, unicode_columns=(4,))
    preview = ingest.inspect(data, f"{encoding}.xlsx")
    assert preview.refusal is None, preview.refusal
    assert preview.layout.legacy_columns and set(preview.layout.legacy_columns.values()) == {encoding}
    assert [preview.header(i) for i in (1, 2, 4)] in (
        ["Mã SK", "Tên sáng kiến", "Đơn vị"],
        ["MÃ SK", "TÊN SÁNG KIẾN", "ĐƠN VỊ"],  # the .VnTimeH headings
    )
    report = ingest.commit(store, data, f"{encoding}.xlsx")
    assert (report.inserted, report.rejected) == (4, 0), report.message()
    assert report.cleaned.get("legacy_cells", 0) >= 12
    first = stored(store, "SK-00001")
    assert first["title"] == "Giải pháp tiết kiệm điện năng tại trạm bơm số 1"
    assert first["authors"] == "Trần Thị Bình; Lê Văn Cường"
    assert stored(store, "SK-00002")["unit_code"] == "PV GAS"  # "Tổng công ty Khí Việt Nam", typed in Unicode
    assert "TCVN3" in report.message() or "VNI" in report.message()


@pytest.mark.parametrize(
    ("label", "data", "likely"),
    [
        # A UTF-8 export opened as Windows-1252 and saved as UTF-8 again: "Nguyá»…n".
        ("twice", legacy.decode_bytes(fx.csv_text(fx.rows(8)).encode("utf-8")).encode("utf-8"), "utf-8-twice"),
        # UTF-8 bytes cut to Windows-1258 mojibake by a second program, saved in an 8-bit code page.
        ("broken-8bit", fx.csv_text(fx.rows(8)).encode("utf-8").decode("cp1252", errors="replace")
         .encode("cp1252", errors="replace").replace(b"\xc3", b"\x8f\x90"), None),
    ],
)  # fmt: skip
def test_mojibake_under_every_reading_is_refused_naming_the_likely_encoding(store, label, data, likely):
    report = ingest.commit(store, data, f"{label}.csv")
    assert not report.ok and report.refusal.code == "mojibake", report.message()
    if likely:
        assert report.refusal.params["likely"] == likely
        assert "mã hóa hai lần" in report.message("vi") and "encoded twice" in report.message("en")
    assert "Không có gì được ghi" in report.message()
    assert store.record_count() == 0 and store.one("SELECT count(*) FROM imports") == 0


def test_excel_cells_encoded_twice_are_refused(store):
    """A UTF-8 CSV opened in Excel as Windows-1252 and saved as a workbook: every cell "Nguyá»…n"."""

    def twice(value):
        return legacy.decode_bytes(value.encode("utf-8")) if isinstance(value, str) else value

    headers = [twice(h) for h in fx.HEADERS_VI]
    data = fx.xlsx_bytes([[twice(v) for v in r] for r in fx.rows(6)], headers=headers, real_types=False)
    report = ingest.commit(store, data, "hai-lan.xlsx")
    assert not report.ok and report.refusal.code == "mojibake"
    assert report.refusal.params["likely"] == "utf-8-twice" and "Ã" in report.refusal.params["example"]
    assert store.record_count() == 0
