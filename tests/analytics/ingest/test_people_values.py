"""Values as people write them: dates in words and Google Sheets' form, month-first columns proven (or
refused when they mix both orders, naming the rows), money with ₫, "1 tỷ 200 triệu", dashes and accounting
brackets, authors with their shares; invisible and control characters removed and counted; reasons that
state the numbers. Property tests drive the SQL parsers themselves with generated values."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import ingest
from analytics.ingest import Limits, ReadOptions
from analytics.ingest import sql as q
from tests.analytics.ingest import fixtures as fx

HEADERS = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Giá trị làm lợi")


def row(code: str, date: str = "15/03/2022", benefit: str = "", authors: str = "Nguyễn Văn An") -> list[str]:
    return [code, f"Sáng kiến {code}", authors, "BSR", date, benefit]


@pytest.fixture
def store(make_store):
    return make_store()


def value(store, code: str, column: str):
    return store.one(f"SELECT {column} FROM initiatives WHERE code = ?", [code])  # noqa: S608 - test column names


def load(store, body, **kwargs) -> ingest.Report:
    report = ingest.commit(store, fx.csv_bytes(body, headers=HEADERS), "values.csv", **kwargs)
    assert report.ok, report.message()
    return report


# --- dates --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 15 tháng 3 năm 2022", dt.date(2022, 3, 15)),
        ("Ngày 25 tháng 01 năm 2022", dt.date(2022, 1, 25)),
        ("NGÀY 5 THÁNG 12 NĂM 2022", dt.date(2022, 12, 5)),
        ("15 tháng 3, 2022", dt.date(2022, 3, 15)),
        ("22 thg 2, 2022", dt.date(2022, 2, 22)),  # Google Sheets in Vietnamese
        ("1 thg 11, 2022", dt.date(2022, 11, 1)),
        ("15/03/22", dt.date(2022, 3, 15)),  # a two-digit year
        ("44635", dt.date(2022, 3, 15)),  # an Excel serial
        ("2022-03-15T14:30:00", dt.date(2022, 3, 15)),
        ("2022-03-15T14:30:00+07:00", dt.date(2022, 3, 15)),
        ("2022-03-15 08:00:00.000", dt.date(2022, 3, 15)),
    ],
)
def test_dates_as_people_write_them(store, text, expected):
    load(store, [row("D", date=text)])
    assert value(store, "D", "registered_on") == expected


def test_impossible_dates_in_words_are_rejected(store):
    report = load(store, [row("A"), row("B", date="ngày 31 tháng 2 năm 2022")])
    assert [(e.row, e.value, e.reason) for e in report.errors] == [
        (3, "ngày 31 tháng 2 năm 2022", "bad_date")
    ]


@pytest.mark.parametrize(
    ("dates", "proof_rows"),
    [
        (["05/25/2022", "03/04/2022", "12/31/2022"], [2, 4]),
        (["1/13/2022", "2/1/2022 14:30", "2/28/22", "11/30/2022"], [2, 4, 5]),
    ],
)
def test_a_month_first_column_is_read_month_first_and_said(store, dates, proof_rows):
    report = load(store, [row(f"M{i}", date=d) for i, d in enumerate(dates)])
    assert report.rejected == 0
    assert report.date_orders["registered_on"]["order"] == "mdy"
    assert report.date_orders["registered_on"]["rows"] == proof_rows
    assert "tháng/ngày/năm" in report.message("vi") and "month/day/year" in report.message("en")
    assert value(store, "M1", "registered_on") == (
        dt.date(2022, 3, 4) if dates[1] == "03/04/2022" else dt.date(2022, 2, 1)
    )
    assert value(store, "M0", "registered_on").month in (5, 1)


def test_a_column_mixing_both_orders_is_refused_with_the_rows_proving_each(store):
    body = [row("A", "05/25/2022"), row("B", "03/04/2022"), row("C", "25/05/2022"), row("D", "12/31/2022")]
    report = ingest.commit(store, fx.csv_bytes(body, headers=HEADERS), "mixed.csv")
    assert not report.ok and report.refusal.code == "mixed_date_order"
    message = report.message("vi")
    assert "dòng 4" in message and "dòng 2, 5" in message and "“25/05/2022”" in message
    assert store.record_count() == 0
    # Told how to read it, the file goes in (the other order's rows rejected): never a silent swap.
    dmy = ingest.validate(
        store, fx.csv_bytes(body, headers=HEADERS), "mixed.csv", options=ReadOptions(date_order="dmy")
    )
    assert (dmy.inserted, [e.row for e in dmy.errors]) == (2, [2, 5])
    mdy = ingest.validate(
        store, fx.csv_bytes(body, headers=HEADERS), "mixed.csv", options=ReadOptions(date_order="mdy")
    )
    assert (mdy.inserted, [e.row for e in mdy.errors]) == (3, [4])


def test_day_first_stays_day_first_when_nothing_proves_otherwise(store):
    load(store, [row("A", "03/04/2022"), row("B", "12/11/2022")])
    assert (value(store, "A", "registered_on"), value(store, "B", "registered_on")) == (
        dt.date(2022, 4, 3),
        dt.date(2022, 11, 12),
    )


# --- money --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250.000 ₫", 1_250_000),
        ("₫1,250,000", 1_250_000),
        ("600.000.000 ₫", 600_000_000),
        ("600.000.000₫", 600_000_000),
        ("1 tỷ 200 triệu", 1_200_000_000),
        ("2 tỷ 350 triệu 500 nghìn đồng", 2_350_500_000),
        ("3 triệu 500 nghìn", 3_500_000),
        ("-", None),
        ("–", None),
        (" — ", None),
    ],
)
def test_money_as_excel_and_people_write_it(store, text, expected):
    report = load(store, [row("M", benefit=text)])
    assert report.rejected == 0
    assert value(store, "M", "benefit_vnd") == expected


@pytest.mark.parametrize("text", ["(50.000.000)", "(50.000.000 ₫)", "-50.000.000"])
def test_accounting_negatives_are_rejected_as_negative(store, text):
    report = load(store, [row("A"), row("N", benefit=text)])
    assert [(e.value, e.reason) for e in report.errors] == [(text, "negative")]
    assert "kế toán" in report.errors[0].reason_text("vi")


# --- authors with their shares -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "authors", "shares"),
    [
        ("Nguyễn Văn An (60%); Trần Thị Bình (40%)", "Nguyễn Văn An; Trần Thị Bình", [60.0, 40.0]),
        ("Nguyễn Văn An 60%, Trần Thị Bình 40%", "Nguyễn Văn An; Trần Thị Bình", [60.0, 40.0]),
        ("An (33,3%), Bình (33,3%), Cường (33,4%)", "An; Bình; Cường", [33.3, 33.3, 33.4]),
        ("Lê Văn Cường - 100%", "Lê Văn Cường", [100.0]),
        ("Nguyễn Văn An; Trần Thị Bình", "Nguyễn Văn An; Trần Thị Bình", None),
    ],
)
def test_authors_are_stored_without_their_shares(store, cell, authors, shares):
    report = load(store, [row("S", authors=cell)])
    assert (value(store, "S", "authors"), value(store, "S", "author_shares")) == (authors, shares)
    assert value(store, "S", "author_count") == authors.count(";") + 1
    assert report.share_issues == []


def test_shares_that_do_not_add_up_are_flagged_and_imported(store):
    body = [
        row("A", authors="An (50%); Bình (30%)"),
        row("B", authors="An (50%); Bình"),
        row("C", authors="An (100%)"),
    ]
    report = load(store, body)
    assert report.inserted == 3
    assert [(i.row, i.total, i.missing) for i in report.share_issues] == [(2, 80.0, 0), (3, 50.0, 1)]
    assert value(store, "B", "author_shares") == [50.0, None]
    assert "dòng 2 (80%)" in report.message("vi").replace(",0%", "%")


def test_a_shares_column_beside_the_names(store):
    headers = ("Mã SK", "Tên sáng kiến", "Tác giả", "Tỷ lệ đóng góp (%)", "Đơn vị", "Ngày nộp")
    body = [["A", "T", "An; Bình", "60; 40", "BSR", "01/03/2022"], ["B", "T", "An; Bình", "0,7; 0,3", "BSR", "01/03/2022"],
            ["C", "T", "An", "60; 40", "BSR", "01/03/2022"]]  # fmt: skip
    report = ingest.commit(store, fx.csv_bytes(body, headers=headers), "shares.csv")
    assert report.inserted == 3
    assert (value(store, "A", "author_shares"), value(store, "B", "author_shares")) == (
        [60.0, 40.0],
        [70.0, 30.0],
    )
    assert value(store, "C", "author_shares") is None  # two shares for one author: not kept, flagged
    assert [(i.row, i.given) for i in report.share_issues] == [(4, 2)]
    # The same file again changes nothing (the shares compared as stored: percentages, the unmatched dropped).
    again = ingest.commit(store, fx.csv_bytes(body, headers=headers), "shares.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)


# --- invisible and control characters -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "dirty",
    ["SK-00002\u200b", "\ufeffSK-00002", "SK-00002\u00a0", "SK-\u2060-00002".replace("-\u2060-", "-\u2060"),
     "\u00adSK-00002", "SK-00002\u202f"],
)  # fmt: skip
def test_a_reimport_with_invisible_characters_creates_no_second_record(store, dirty):
    first = ingest.commit(store, fx.csv_bytes(fx.rows(3)), "first.csv")
    assert first.inserted == 3
    body = fx.rows(3)
    body[1][1] = dirty
    body[1][4] = "BSR\u200b"  # in a unit too
    again = ingest.commit(store, fx.csv_bytes(body, headers=fx.HEADERS_VI), "again.csv")
    assert again.ok and (again.inserted, again.rejected) == (0, 0), again.message()
    assert store.record_count() == 3
    assert again.cleaned.get("invisible_cells", 0) + again.cleaned.get("codes", 0) >= 1
    assert "ký tự vô hình" in again.message("vi")


def test_invisible_characters_in_headers_and_a_workbook(store):
    headers = ("Mã\u200b SK", "\ufeffTên sáng kiến", "Tác\u00a0giả", "Đơn vị\u2060", "Ngày nộp")
    body = [["X-1\u200b", "Giải pháp\u00a0mới", "Lê\u200bA", "PVEP", "01/03/2022"],
            ["X-2", "Giải pháp khác", "Lê B", "PVEP", "02/03/2022"]]  # fmt: skip
    preview = ingest.inspect(fx.xlsx_bytes(body, headers=headers), "x.xlsx")
    assert preview.refusal is None and preview.headers == [
        "Mã SK",
        "Tên sáng kiến",
        "Tác giả",
        "Đơn vị",
        "Ngày nộp",
    ]
    report = ingest.commit(store, fx.xlsx_bytes(body, headers=headers), "x.xlsx")
    assert report.inserted == 2 and report.cleaned["invisible_cells"] == 3
    assert store.rows("SELECT code, title, authors FROM initiatives WHERE code = 'X-1'") == [
        ("X-1", "Giải pháp mới", "LêA")
    ]


def test_nul_bytes_and_control_characters_are_removed_and_counted(store):
    data = fx.csv_bytes(fx.rows(4)).replace(b"SK-00002", b"SK-0\x000002").replace(b"PVGAS", b"PV\x01GAS\x7f")
    report = ingest.commit(store, data, "nul.csv")
    assert report.ok and report.inserted == 4, report.message()
    assert report.cleaned["controls"] == 3 and "ký tự điều khiển" in report.message("vi")
    assert value(store, "SK-00002", "code") == "SK-00002"
    assert value(store, "SK-00003", "unit_code") == "PV GAS"  # "PVGAS" once cleaned
    # UTF-16 (Excel's Unicode text) with a NUL in a cell: the same.
    utf16 = fx.csv_text(fx.rows(2), delimiter="\t").replace("SK-00001", "SK-\x0000001").encode("utf-16")
    assert ingest.commit(store, utf16, "u16.txt").cleaned == {"controls": 1}


# --- clear reasons ------------------------------------------------------------------------------------------


def test_a_title_over_the_limit_says_how_long(store):
    report = load(store, [row("A"), ["L", "Giải pháp " * 499 + "mới", "An", "BSR", "01/03/2022", ""]])
    [error] = report.errors
    assert (error.reason, error.params) == ("too_long", {"n": 4993, "max": 4000})
    assert error.reason_text("vi") == "quá dài: 4.993 ký tự, tối đa 4.000; hãy rút gọn"
    assert "ngoặc kép" not in error.reason_text("vi")
    assert "4.993 ký tự" in report.rejects_frame("vi")["Lý do"].iloc[0]


def test_a_quote_left_open_is_named_where_it_swallowed_the_next_lines(store):
    lines = ["Mã SK,Tên sáng kiến,Tác giả,Đơn vị,Ngày nộp", 'Q1,"Quên đóng ngoặc,An,BSR,01/03/2022']
    lines += [f"Q{i},Sáng kiến {i} với tên dài để đủ độ dài,An,BSR,01/03/2022" for i in range(2, 120)]
    report = ingest.validate(store, "\r\n".join(lines).encode(), "quote.csv")
    reasons = {e.reason: e for e in report.errors}
    assert "open_quote" in reasons and reasons["open_quote"].params == {"n": 118}
    assert "nuốt 118 dòng" in reasons["open_quote"].reason_text("vi")


def test_the_column_limit_is_a_number_of_columns_not_megabytes(store):
    data = fx.csv_bytes([["x"] * 12], headers=[f"Cột {i}" for i in range(12)])
    report = ingest.validate(store, data, "wide.csv", limits=Limits(max_columns=10))
    assert report.refusal.code == "too_many_columns"
    assert report.message("vi") == "Tệp có 12 cột, vượt giới hạn 10: có thể đã chọn sai dấu phân cách."
    assert "MB" not in report.message("en")
    big = ingest.validate(store, data, "big.csv", limits=Limits(max_bytes=100))
    assert "MB" in big.message("vi")


# --- the parsers themselves (properties) --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sql():
    con = duckdb.connect()
    for macro in (*q.MACROS, *q.SHARE_MACROS):
        con.execute(macro)
    yield con
    con.close()


def _date_forms(day: dt.date) -> st.SearchStrategy[str]:
    d, m, y = day.day, day.month, day.year
    return st.sampled_from(
        [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d}-{m}-{y}", f"{d}.{m:02d}.{y}", day.isoformat(),
         f"ngày {d} tháng {m} năm {y}", f"Ngày {d:02d} tháng {m:02d} năm {y}", f"{d} thg {m}, {y}",
         f"{d} tháng {m}, {y}", f"{day.isoformat()}T08:15:00", f"{d:02d}/{m:02d}/{y} 14:30",
         str((day - dt.date(1899, 12, 30)).days)]
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)).flatmap(
        lambda d: st.tuples(st.just(d), _date_forms(d))
    )
)
def test_every_written_form_of_a_date_reads_as_that_date(sql, case):
    day, text = case
    assert sql.execute("SELECT ingest_date(?)", [text]).fetchone()[0] == day


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31)))
def test_month_first_forms_read_month_first(sql, day):
    text = f"{day.month}/{day.day}/{day.year}"
    assert sql.execute("SELECT ingest_date_mdy(?)", [text]).fetchone()[0] == day
    if day.day > 12:
        assert sql.execute("SELECT ingest_date(?)", [text]).fetchone()[0] is None  # never a silent swap


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _money_forms(n: int) -> st.SearchStrategy[str]:
    forms = [str(n), _grouped(n, "."), _grouped(n, ","), _grouped(n, " "), _grouped(n, "\u00a0"),
             f"{_grouped(n, '.')} ₫", f"₫{_grouped(n, ',')}", f"{_grouped(n, '.')} đ", f"{_grouped(n, '.')} đồng",
             f"{_grouped(n, ',')} VND", f"{_grouped(n, '.')}₫"]  # fmt: skip
    billions, rest = divmod(n, 10**9)
    millions, rest = divmod(rest, 10**6)
    thousands, rest = divmod(rest, 10**3)
    if rest == 0 and (billions or millions or thousands):
        words = " ".join(
            f"{v} {w}" for v, w in ((billions, "tỷ"), (millions, "triệu"), (thousands, "nghìn")) if v
        )
        forms += [words, words + " đồng"]
    return st.sampled_from(forms)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**13).flatmap(lambda n: st.tuples(st.just(n), _money_forms(n))))
def test_every_written_form_of_an_amount_reads_as_that_amount(sql, case):
    amount, text = case
    assert sql.execute("SELECT round(ingest_money(?))", [text]).fetchone()[0] == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**12))
def test_bracketed_amounts_are_negative(sql, amount):
    assert sql.execute("SELECT ingest_money(?)", [f"({_grouped(amount, '.')})"]).fetchone()[0] == -amount


_NAME = st.lists(
    st.sampled_from(["Nguyễn", "Trần", "Lê", "Phạm", "Văn", "Thị", "An", "Bình", "Cường", "Đức", "Hải", "Ánh"]),
    min_size=1, max_size=3,
).map(" ".join)  # fmt: skip
_SHARE_FORMS = [
    ("{name} ({share}%)", "; "), ("{name} {share}%", ", "), ("{name} ({share}%)", ", "), ("{name} - {share}%", "; "),
    ("{name}: {share}%", "\n"),
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_NAME, st.integers(1, 1000)), min_size=1, max_size=5),
    st.sampled_from(_SHARE_FORMS),
    st.booleans(),
)
def test_authors_with_shares_read_as_names_and_shares(sql, authors, form, comma):
    pattern, separator = form
    shares = [s / 10 for _, s in authors]

    def share(value: float) -> str:
        text = f"{value:g}"
        return text.replace(".", ",") if comma else text

    cell = separator.join(
        pattern.format(name=name, share=share(s)) for (name, _), s in zip(authors, shares, strict=True)
    )
    names, found = sql.execute(
        """SELECT array_to_string(list_transform(ingest_author_items($a), lambda e: ingest_author_name(e)), '; '),
                  list_transform(ingest_author_items($a), lambda e: ingest_author_share(e))""",
        {"a": cell},
    ).fetchone()
    assert names == "; ".join(name for name, _ in authors)
    assert found == pytest.approx(shares)
