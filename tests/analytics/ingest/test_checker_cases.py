"""Cases built from issue 16's text by an independent check, with files and words the other tests do not use:
a quote left open in a short title, authors cells with a trailing separator or a decimal comma, colloquial
amounts, and the currency sign typed in a legacy font."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from analytics import ingest
from analytics.ingest.legacy import from_unicode
from tests.analytics.ingest import fixtures as fx

HEADERS = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Giá trị làm lợi")


@pytest.fixture
def store(make_store):
    return make_store()


def stored(store, code: str, column: str):
    return store.one(f"SELECT {column} FROM initiatives WHERE code = ?", [code])  # noqa: S608 - test column names


# --- a quote left open --------------------------------------------------------------------------------------


def _open_quote_file() -> bytes:
    """The title is the last required column: the quote swallows the next records, and the cell is short."""
    data = (
        'Mã SK,Ngày nộp,Đơn vị,Tên sáng kiến,Tác giả\r\nQ-1,01/02/2023,BSR,"Bộ gá kẹp 6"" cho ống,Lê Hải\r\n'
        "Q-2,02/02/2023,BSR,Đồ gá hàn mặt bích,Lê Bảo\r\nQ-3,03/02/2023,PVEP,Giải pháp ba,Lê Cúc\r\n"
    ).encode()
    return data


def test_an_open_quote_that_swallowed_records_rejects_the_row_naming_the_quote(store):
    data = _open_quote_file()
    report = ingest.commit(store, data, "ngoac.csv")
    reasons = {e.reason: e for e in report.errors}
    assert "open_quote" in reasons, [e.reason for e in report.errors]
    assert reasons["open_quote"].params == {"n": 2}
    assert "nuốt 2 dòng" in reasons["open_quote"].reason_text("vi")
    assert store.one("SELECT count(*) FROM initiatives WHERE code LIKE 'Q-%'") == 0


def test_a_title_with_a_line_break_but_few_delimiters_is_kept(store):
    data = fx.csv_bytes([["QB-1", "Cải tiến\ndòng hai", "Lê Hải", "BSR", "01/02/2023", ""]], headers=HEADERS)
    report = ingest.commit(store, data, "xuongdong.csv")
    assert report.ok and report.inserted == 1, report.message()
    assert stored(store, "QB-1", "title") == "Cải tiến\ndòng hai"


# --- authors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "authors", "count"),
    [
        ("Phùng Thế Tài;", "Phùng Thế Tài", 1),
        ("Phùng Thế Tài; Lạc Thị Xuân;", "Phùng Thế Tài; Lạc Thị Xuân", 2),
        (";Phùng Thế Tài", "Phùng Thế Tài", 1),
        ("Phùng Thế Tài;; Lạc Thị Xuân", "Phùng Thế Tài; Lạc Thị Xuân", 2),
        ("Phùng Thế Tài; ; Lạc Thị Xuân", "Phùng Thế Tài; Lạc Thị Xuân", 2),
        ("Phùng Thế Tài;Lạc Thị Xuân", "Phùng Thế Tài;Lạc Thị Xuân", 2),  # as before: only the count matters
    ],
)
def test_an_empty_author_between_separators_is_not_counted(store, cell, authors, count):
    data = fx.csv_bytes([["TA-1", "Giảm hao hụt xăng dầu", cell, "BSR", "01/02/2023", ""]], headers=HEADERS)
    assert ingest.commit(store, data, "tacgia.csv").ok
    assert (stored(store, "TA-1", "authors"), stored(store, "TA-1", "author_count")) == (authors, count)


@pytest.mark.parametrize(
    ("cell", "count"),
    [
        ("Phùng Thế Tài (0,6); Lạc Thị Xuân (0,4)", 2),
        ("Tổ 1,2 Xưởng cơ khí, Lạc Thị Xuân", 2),
    ],
)
def test_a_decimal_comma_never_splits_an_author(store, cell, count):
    data = fx.csv_bytes([["TA-2", "Giảm hao hụt xăng dầu", cell, "BSR", "01/02/2023", ""]], headers=HEADERS)
    assert ingest.commit(store, data, "tacgia.csv").ok
    assert stored(store, "TA-2", "author_count") == count


# --- amounts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["1 tỷ 2", "2 triệu 5", "3 tỷ 250"])
def test_a_number_after_a_scale_word_without_its_own_scale_is_refused(store, text):
    """ "1 tỷ 2" (said for 1,2 tỷ) was stored as 1.000.000.002 đồng."""
    data = fx.csv_bytes(
        [["TM-1", "Tận dụng nhiệt khói thải", "Lê Hải", "BSR", "01/02/2023", text]], headers=HEADERS
    )
    report = ingest.commit(store, data, "tien.csv")
    assert [e.column for e in report.errors] == ["Giá trị làm lợi"], report.message()
    assert stored(store, "TM-1", "benefit_vnd") is None


@pytest.mark.parametrize(
    ("text", "expected"), [("1 tỷ 200 triệu", 1_200_000_000), ("3 triệu 500 nghìn", 3_500_000)]
)
def test_each_part_with_its_scale_still_adds_up(store, text, expected):
    data = fx.csv_bytes(
        [["TM-2", "Tận dụng nhiệt khói thải", "Lê Hải", "BSR", "01/02/2023", text]], headers=HEADERS
    )
    assert ingest.commit(store, data, "tien.csv").ok
    assert stored(store, "TM-2", "benefit_vnd") == expected


# --- the currency sign typed in a legacy font -----------------------------------------------------------------

_ROWS = [
    ["LF-1", "Lắp biến tần cho quạt tháp giải nhiệt", "Chu Văn Thịnh; Khổng Thị Ngọc", "PVOIL", "05/05/2022",
     "75.000.000 đ"],
    ["LF-2", "Định mức tiêu hao dầu nhờn máy nén", "Mạc Đăng Dung", "PVOIL", "06/05/2022", "2.000.000đ"],
    ["LF-3", "Giảm thời gian dừng máy đột xuất", "Giáp Thị Nhung", "PVOIL", "07/05/2022", "1,5 tỷ đồng"],
]  # fmt: skip


@pytest.mark.parametrize("legacy", ["tcvn3", "vni"])
def test_amounts_in_dong_typed_in_a_legacy_font_in_excel(store, legacy):
    book = Workbook()
    sheet = book.active
    sheet.append([from_unicode(h, legacy) for h in HEADERS])
    for r in _ROWS:
        sheet.append([from_unicode(x, legacy) for x in r])
    buffer = io.BytesIO()
    book.save(buffer)
    report = ingest.commit(store, buffer.getvalue(), "vntime.xlsx")
    assert report.ok and not report.errors, report.message()
    assert [stored(store, c, "benefit_vnd") for c in ("LF-1", "LF-2", "LF-3")] == [
        75_000_000,
        2_000_000,
        1_500_000_000,
    ]
    assert stored(store, "LF-1", "title") == "Lắp biến tần cho quạt tháp giải nhiệt"


def test_amounts_in_dong_in_a_unicode_csv_of_tcvn3_cells(store):
    rows = [[from_unicode(x, "tcvn3") for x in r] for r in _ROWS]
    data = fx.csv_bytes(rows, headers=[from_unicode(h, "tcvn3") for h in HEADERS])
    report = ingest.commit(store, data, "vntime.csv")
    assert report.ok and not report.errors, report.message()
    assert stored(store, "LF-2", "benefit_vnd") == 2_000_000


@pytest.mark.parametrize("text", ["−50.000", "₫−1,250,000"])
def test_an_amount_with_the_unicode_minus_sign_is_rejected_as_negative(store, text):
    """U+2212, what Excel and word processors write for a minus, is named as negative, not "not a number"."""
    data = fx.csv_bytes(
        [["TM-3", "Tận dụng nhiệt khói thải", "Lê Hải", "BSR", "01/02/2023", text]], headers=HEADERS
    )
    report = ingest.commit(store, data, "tien.csv")
    assert [e.reason for e in report.errors] == ["negative"], report.message()


@pytest.mark.parametrize("options", [{"sheet": "Bình Sơn"}, {"sheets": ("Tổng hợp", "Bình Sơn")}])
def test_a_sheet_the_workbook_does_not_have_is_refused_naming_its_sheets(options):
    book = Workbook()
    book.active.title = "Tổng hợp"
    book.create_sheet("BSR").append(["Mã SK", "Tên sáng kiến", "Tác giả", "Ngày nộp"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = ingest.inspect(buffer.getvalue(), "don-vi.xlsx", options=ingest.ReadOptions(**options))
    assert report.refusal.code == "no_sheet"
    assert "Các trang tính của tệp: Tổng hợp, BSR." in report.refusal.message()


# --- a Unicode template filled in a legacy font ---------------------------------------------------------------

_TEMPLATE = ("STT", "Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Giá trị làm lợi (đồng)")
_FILLED = [
    ["1", "KM-1", "Cải tiến máy bơm nước thải", "Nguyễn Thị Mai", "BSR", "05/05/2022", "75.000.000"],
    ["2", "KM-2", "Giảm tiêu hao dầu diesel", "Trần Văn Hùng; Lê Thị Thu", "BSR", "06/05/2022", ""],
    ["3", "KM-3", "Tự động hóa trạm trộn", "Phạm Đức Hải", "BSR", "07/05/2022", ""],
]


def _template_xlsx(legacy: str) -> bytes:
    book = Workbook()
    book.active.append(list(_TEMPLATE))
    for r in _FILLED:
        book.active.append([from_unicode(x, legacy) for x in r])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("mau.xlsx", lambda: _template_xlsx("tcvn3")),
        (
            "mau.csv",
            lambda: fx.csv_bytes([[from_unicode(x, "tcvn3") for x in r] for r in _FILLED], headers=_TEMPLATE),
        ),
    ],
)
def test_unicode_headings_over_cells_typed_in_tcvn3(store, name, make):
    """A union's Unicode template filled in with .VnTime: "Mã SK" (read "MÓ SK" through TCVN3) stays the code."""
    report = ingest.commit(store, make(), name)
    assert report.ok and report.inserted == 3, report.message()
    assert stored(store, "KM-2", "title") == "Giảm tiêu hao dầu diesel"
    assert stored(store, "KM-2", "author_count") == 2
