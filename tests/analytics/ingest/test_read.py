"""Reading exports as they come: formats, encodings, delimiters, title blocks, headers in two languages,
and every whole-file refusal. Files are built by tests/analytics/ingest/fixtures.py; stores are real DuckDB files."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import ingest
from analytics.ingest import Limits, ReadOptions
from tests.analytics.ingest import fixtures as fx

TITLE = [
    ["TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"],
    ["DANH SÁCH SÁNG KIẾN ĐĂNG KÝ NĂM 2022"],
    ["Ngày xuất: 01/09/2023"],
    [],
]


@pytest.fixture
def store(make_store):
    return make_store()


def stored(store, code: str) -> dict:
    frame = store.df("SELECT * FROM initiatives WHERE code = ?", [code])
    assert len(frame) == 1, f"{code} not stored"
    return frame.iloc[0].to_dict()


def expected_first_rows(n: int = 5) -> list[list[str]]:
    return fx.rows(n)


@pytest.mark.parametrize(
    ("label", "kwargs", "encoding", "delimiter"),
    [
        ("utf8-crlf", {}, "utf-8", ","),
        ("utf8-bom", {"bom": True}, "utf-8-sig", ","),
        ("utf8-lf-semicolon", {"newline": "\n", "delimiter": ";"}, "utf-8", ";"),
        ("utf8-pipe", {"delimiter": "|"}, "utf-8", "|"),
        ("utf16le-tab-bom", {"encoding": "utf-16-le", "bom": True, "delimiter": "\t"}, "utf-16-le", "\t"),
        ("utf16be-tab-bom", {"encoding": "utf-16-be", "bom": True, "delimiter": "\t"}, "utf-16-be", "\t"),
        ("utf16le-no-bom", {"encoding": "utf-16-le", "delimiter": "\t"}, "utf-16-le", "\t"),
        ("cp1258-combining", {"encoding": "cp1258", "delimiter": ";"}, "cp1258", ";"),
        ("utf8-nfd", {"decomposed": True}, "utf-8", ","),
        ("quoted-everything", {"quote_all": True}, "utf-8", ","),
    ],
)
def test_every_encoding_and_delimiter_stores_the_same_nfc_records(store, label, kwargs, encoding, delimiter):
    data = fx.csv_bytes(**kwargs)
    preview = ingest.inspect(data, f"{label}.csv")
    assert preview.refusal is None
    assert (preview.layout.encoding, preview.layout.delimiter, preview.layout.header_row) == (
        encoding,
        delimiter,
        1,
    )
    report = ingest.commit(store, data, f"{label}.csv")
    assert report.ok, report.message()
    assert (report.inserted, report.rejected, report.skipped) == (5, 0, 0)
    first = stored(store, "SK-00001")
    # NFC whatever the file used: Windows-1258 and NFD files arrive as base letters plus combining marks.
    assert first["title"] == "Giải pháp tiết kiệm điện năng tại trạm bơm số 1"
    assert first["authors"] == "Trần Thị Bình; Lê Văn Cường"
    assert first["unit_code"] == "PV GAS"  # "pv gas"
    assert first["status"] == "recognized"  # "da cong nhan"
    assert stored(store, "SK-00002")["unit_code"] == "PV GAS"  # "Tổng công ty Khí Việt Nam"
    assert stored(store, "SK-00004")["unit_code"] == "VPI"  # full name
    assert stored(store, "SK-00003")["benefit_vnd"] == 37_500_000  # "37.500.000"


def test_title_block_above_the_header_is_found_and_row_numbers_are_the_files(store):
    body = fx.rows(3) + [["4", "SK-00004", "Sáng kiến", "A", "BSR", "", "", "31/02/2022", "", "", ""]]
    data = fx.csv_bytes(body, title_rows=TITLE)
    preview = ingest.inspect(data, "title.csv")
    assert preview.layout.header_row == 5
    assert preview.ignored == ["STT", "Ghi chú"]
    report = ingest.validate(store, data, "title.csv")
    assert report.rejected == 1
    assert [(e.row, e.column, e.value, e.reason) for e in report.errors] == [
        (9, "Ngày nộp", "31/02/2022", "bad_date")
    ]


def test_quoted_cells_with_delimiters_and_line_breaks(store):
    body = [
        [
            "1",
            "SK-1",
            'Giải pháp "A", bước 1\nvà bước 2',
            "Nguyễn Văn A",
            "BSR",
            "",
            "",
            "01/03/2022",
            "",
            "",
            "",
        ],
        ["2", "SK-2", "Bình thường", "Lê B", "BSR", "", "", "02/03/2022", "", "", ""],
        ["3", "SK-3", "Sai ngày", "Lê C", "BSR", "", "", "99/99/2022", "", "", ""],
    ]
    report = ingest.commit(store, fx.csv_bytes(body), "multiline.csv")
    assert (report.inserted, report.rejected) == (2, 1)
    assert stored(store, "SK-1")["title"] == 'Giải pháp "A", bước 1\nvà bước 2'
    # The row numbers are the spreadsheet's rows: a cell with a line break is still one row.
    assert report.errors[0].row == 4


def test_blank_lines_do_not_shift_row_numbers(store):
    text = fx.csv_text(fx.rows(2), newline="\n").replace("\nSK", "\nSK")
    lines = text.split("\n")
    text = "\n".join([lines[0], "", lines[1], "", "", lines[2]]) + "\n3,SK-3,X,A,NOPE,,,01/01/2022,,,\n"
    report = ingest.validate(store, text.encode(), "blank.csv")
    assert report.rejected == 1 and report.errors[0].row == 7 and report.errors[0].reason == "unknown_unit"
    assert report.skipped == 3 and report.skipped_blank == 3


def test_english_headers_and_synonyms(store):
    headers = ("Record ID", "Initiative name", "Main author", "Organisation", "Submission date", "Result",
               "Estimated benefit (VND million)", "Recognition level")  # fmt: skip
    body = [["X-1", "Energy saving", "Lan", "PVEP", "2022-05-31", "Approved", "1,5", "National"]]
    preview = ingest.inspect(fx.csv_bytes(body, headers=headers), "en.csv")
    assert set(preview.mapping) == {
        "code",
        "title",
        "authors",
        "unit",
        "registered_on",
        "status",
        "benefit_vnd",
        "level",
    }
    assert preview.scales["benefit_vnd"] == 1_000_000
    report = ingest.commit(store, fx.csv_bytes(body, headers=headers), "en.csv")
    record = stored(store, "X-1")
    assert (record["status"], record["level"], record["benefit_vnd"]) == ("recognized", "national", 1_500_000)
    assert record["registered_on"].date() == dt.date(2022, 5, 31) and record["phase"] == 1
    assert report.inserted == 1


@pytest.mark.parametrize(
    "headers",
    [
        ("Mã hồ sơ", "Tên SK", "Họ và tên", "Tên đơn vị", "Ngày gửi"),
        ("MÃ SÁNG KIẾN", "TÊN SÁNG KIẾN", "TÁC GIẢ CHÍNH", "ĐƠN VỊ", "NGÀY ĐĂNG KÝ (dd/mm/yyyy)"),
        ("ma sk", "ten sang kien", "tac gia", "don vi", "ngay nop"),
        ("Mã_SK:", "Tên  sáng\nkiến", "Tác giả*", "Đơn vị (*)", "Ngày nộp hồ sơ"),
    ],
)
def test_headers_match_without_case_accents_spacing_or_punctuation(headers):
    preview = ingest.inspect(fx.csv_bytes([["A1", "T", "N", "BSR", "01/01/2022"]], headers=headers), "h.csv")
    assert preview.mapping == {"code": 0, "title": 1, "authors": 2, "unit": 3, "registered_on": 4}
    assert preview.refusal is None


def test_xlsx_with_merged_title_real_dates_and_numbers(store):
    data = fx.xlsx_bytes(title_rows=[["BÁO CÁO DANH SÁCH SÁNG KIẾN"], ["Đơn vị: Công đoàn Dầu khí Việt Nam"]])
    preview = ingest.inspect(data, "export.xlsx")
    assert (preview.layout.format, preview.layout.sheet, preview.layout.header_row) == (
        "xlsx",
        "Danh sách",
        3,
    )
    report = ingest.commit(store, data, "export.xlsx")
    assert (report.inserted, report.rejected) == (5, 0)
    first = stored(store, "SK-00001")
    assert first["registered_on"].date() == dt.datetime.strptime(fx.rows(1)[0][7], "%d/%m/%Y").date()
    assert stored(store, "SK-00003")["benefit_vnd"] == 37_500_000


def test_xlsx_chooses_the_sheet_with_the_table_and_obeys_an_override(store):
    data = fx.xlsx_bytes(sheet="Dữ liệu", extra_sheets=["Hướng dẫn"])
    assert ingest.inspect(data, "x.xlsx").layout.sheet == "Dữ liệu"
    override = ingest.inspect(data, "x.xlsx", options=ReadOptions(sheet="Hướng dẫn"))
    assert override.layout.sheet == "Hướng dẫn" and override.refusal.code == "missing_columns"
    assert ingest.inspect(data, "x.xlsx", options=ReadOptions(sheet="Không có")).refusal.code == "no_sheet"


def test_xlsx_bad_cells_are_reported_with_excel_row_numbers(store):
    body = fx.rows(2) + [["3", "SK-3", "X", "A", "BSR", "", "", "không rõ", "", "", ""]]
    report = ingest.validate(store, fx.xlsx_bytes(body, title_rows=[["BÁO CÁO"]]), "bad.xlsx")
    assert [(e.row, e.reason) for e in report.errors] == [(5, "bad_date")]


def test_overrides_for_delimiter_header_row_and_encoding(store):
    data = fx.csv_bytes(encoding="cp1258", delimiter=";", title_rows=TITLE[:2])
    detected = ingest.inspect(data, "x.csv")
    assert (detected.layout.encoding, detected.layout.delimiter, detected.layout.header_row) == (
        "cp1258",
        ";",
        3,
    )
    forced = ingest.inspect(
        data, "x.csv", options=ReadOptions(encoding="latin-1", delimiter=",", header_row=1)
    )
    assert (forced.layout.encoding, forced.layout.delimiter, forced.layout.header_row) == ("latin-1", ",", 1)
    assert forced.refusal.code == "missing_columns"


def test_manual_mapping_rescues_unknown_headers(store):
    headers = ("Số TT", "Ký hiệu", "Nội dung đề xuất", "Người thực hiện", "Nơi công tác", "Thời điểm")
    body = [["1", "K-1", "Ý tưởng", "Lan", "PVEP", "05/05/2022"]]
    data = fx.csv_bytes(body, headers=headers)
    assert ingest.inspect(data, "x.csv").refusal.code == "missing_columns"
    mapping = {"code": 1, "title": 2, "authors": 3, "unit": 4, "registered_on": 5}
    report = ingest.commit(store, data, "x.csv", mapping=mapping)
    assert report.inserted == 1 and stored(store, "K-1")["unit_code"] == "PVEP"


# --- whole-file refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.csv", "empty"),
        (b"\xef\xbb\xbf\r\n  \r\n", "bom-only.csv", "empty"),
        (fx.PNG_BYTES * 20, "picture.csv", "not_table"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "report.csv", "not_table"),
        ("Mã SK,Tên sáng kiến,Đơn vị,Ngày nộp\r\n".encode(), "header-only.csv", "header_only"),
        (
            "Mã SK,Tên sáng kiến,Đơn vị,Ngày nộp\r\n,,,\r\nTổng cộng,,,\r\n".encode(),
            "blank-and-total.csv",
            "header_only",
        ),
        ("STT,Ghi chú\r\n1,a\r\n".encode(), "no-ids.csv", "missing_columns"),
        (b"<html><body><table><tr><td>M\xc3\xa3 SK</td></tr></table></body></html>", "export.xls", "html"),
        (b"\x00\x01\x02\x03" * 300, "binary.txt", "not_table"),
    ],
)
def test_whole_file_refusals_write_nothing(store, data, name, code):
    before = store.data_version()
    report = ingest.commit(store, data, name)
    assert not report.ok and report.refusal.code == code
    assert "Không có gì được ghi" in report.message() or code == "no_sheet"
    assert store.record_count() == 0 and store.one("SELECT count(*) FROM imports") == 0
    assert store.data_version() == before


def test_missing_columns_message_names_them(store):
    report = ingest.validate(store, fx.csv_bytes([["1", "A"]], headers=("STT", "Tên sáng kiến")), "x.csv")
    message = report.message("vi")
    assert "Mã sáng kiến" in message and "Đơn vị" in message and "Ngày đăng ký" in message
    assert "Tên sáng kiến" not in message.split("Các cột tìm thấy")[0]
    assert "Initiative code" in report.message("en")


def test_size_limits_refuse_before_reading(store):
    data = fx.csv_bytes(fx.rows(50))
    report = ingest.commit(store, data, "big.csv", limits=Limits(max_bytes=1000))
    assert report.refusal.code == "too_large" and "MB" in report.message()
    xlsx = fx.xlsx_bytes()
    assert (
        ingest.commit(store, xlsx, "big.xlsx", limits=Limits(max_sheet_bytes=1000)).refusal.code
        == "too_large"
    )
    assert store.record_count() == 0


def test_xlsx_zip_bomb_is_refused_unopened(store):
    report = ingest.commit(store, fx.zip_bomb_xlsx(40), "bomb.xlsx")
    assert report.refusal.code == "zip_bomb"
    assert store.record_count() == 0


def test_a_zip_that_is_not_a_workbook_is_not_a_table(store):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert ingest.commit(store, buffer.getvalue(), "data.xlsx").refusal.code == "not_table"


def test_utf8_file_with_stray_bytes_is_read_with_a_warning(store):
    data = fx.csv_bytes(fx.rows(2)) + b"3,SK-3,Caf" + b"\xe9" + b",A,BSR,,,01/01/2022,,,\r\n"
    report = ingest.commit(store, data, "mixed.csv")
    assert report.ok and report.inserted == 3
    assert any(key == "bad_bytes" for key, _ in report.warnings)
    assert stored(store, "SK-3")["title"] == "Caf\ufffd"
