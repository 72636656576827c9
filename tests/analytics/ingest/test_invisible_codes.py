"""Unicode spaces and invisible characters in codes, units and headers (issue 16): a re-import whose codes
hold a no-break, figure, narrow, ideographic or en space, a zero-width space, a word joiner or a soft hyphen
anywhere (not only at the ends) updates the records it names and never creates a second one; units and
headers written with them still match. On the import functions the Data page calls and on the command line,
for CSV and XLSX, and on the path where DuckDB reads the codes itself (the file's first 64 KB are clean)."""

from __future__ import annotations

import json

import pytest

from analytics import ingest
from analytics.cli import main
from analytics.ingest import cleaning
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx

# Row i of fx.rows holds code SK-0000i; each variant is that code as a re-import writes it.
VARIANTS = (
    "SK-0000\u00a01",  # no-break space inside
    "SK\u2007-00002",  # figure space
    "SK-00003\u202f",  # narrow no-break space at the end
    "\u3000SK-00004",  # ideographic space at the start
    "SK-\u200b00005",  # zero-width space
    "SK-00\u2060006",  # word joiner
    "SK\u2002-\u00ad00007",  # en space and soft hyphen
)
# The headers of fx.HEADERS_VI as a word processor writes them.
DIRTY_HEADERS = (
    "STT", "Mã\u00a0SK", "Tên\u3000sáng\u00a0kiến", "Tác\u200b giả", "Đơn\u2007vị", "Lĩnh vực",
    "Trạng\u202fthái", "Ngày nộp", "Ngày công nhận", "Giá trị làm lợi (đồng)", "Ghi chú",
)  # fmt: skip


def dirty_body(n: int = 8) -> list[list[str]]:
    """fx.rows(n) re-exported: new titles (so every row is an update), codes and units written with Unicode
    spaces and invisible characters."""
    body = fx.rows(n)
    for i, row in enumerate(body):
        row[2] = f"Tên mới {i + 1}"
        if i < len(VARIANTS):
            row[1] = VARIANTS[i]
    body[0][4] = "PV\u00a0GAS"  # was "pv gas"
    body[2][4] = "PV\u200bGAS"  # was "PVGAS"
    body[3][4] = "Viện\u00a0Dầu khí\u3000Việt Nam"
    body[4][4] = "PVEP\ufeff"
    return body


def dirty_file(kind: str, body: list[list[str]]) -> bytes:
    if kind == "csv":
        return fx.csv_bytes(body, headers=DIRTY_HEADERS)
    return fx.xlsx_bytes(body, headers=DIRTY_HEADERS)


def codes(store) -> list[str]:
    return [r[0] for r in store.rows("SELECT code FROM initiatives ORDER BY code")]


CLEAN_CODES = [f"SK-{i:05d}" for i in range(1, 9)]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_reimport_with_unicode_spaces_inside_codes_updates_and_never_duplicates(make_store, kind):
    store = make_store()
    first = ingest.commit(store, fx.csv_bytes(fx.rows(8)), "first.csv")
    assert first.inserted == 8
    units = dict(store.rows("SELECT code, unit_code FROM initiatives"))
    preview = ingest.inspect(dirty_file(kind, dirty_body()), f"again.{kind}")
    assert preview.refusal is None and set(preview.mapping) >= {"code", "title", "authors", "unit", "status"}
    again = ingest.commit(store, dirty_file(kind, dirty_body()), f"again.{kind}")
    assert again.ok, again.message()
    assert (again.inserted, again.updated, again.rejected) == (0, 8, 0), again.message()
    assert codes(store) == CLEAN_CODES
    assert dict(store.rows("SELECT code, unit_code FROM initiatives")) == units
    assert store.one("SELECT title FROM initiatives WHERE code = 'SK-00002'") == "Tên mới 2"
    # Cells cleaned: the seven codes and four units (a CSV's count includes its header line's five cells).
    assert again.cleaned["invisible_cells"] == (16 if kind == "csv" else 11)
    assert "ký tự vô hình" in again.message("vi") and "Invisible characters" in again.message("en")
    # Once more: nothing left to change.
    third = ingest.commit(store, dirty_file(kind, dirty_body()), f"third.{kind}")
    assert (third.inserted, third.updated, third.unchanged) == (0, 0, 8)


def test_a_first_import_with_unicode_spaces_stores_the_clean_code(make_store):
    store = make_store()
    report = ingest.commit(store, dirty_file("csv", dirty_body()), "first.csv")
    assert report.inserted == 8 and codes(store) == CLEAN_CODES
    assert ingest.commit(store, fx.csv_bytes(fx.rows(8)), "plain.csv").inserted == 0


def test_ordinary_spaces_in_a_code_are_kept_and_trimmed_as_before(make_store):
    store = make_store()
    body = fx.rows(2)
    body[0][1], body[1][1] = "  PVEP 2022 015 ", "PVEP-2022-016"
    assert ingest.commit(store, fx.csv_bytes(body), "a.csv").inserted == 2
    assert codes(store) == ["PVEP 2022 015", "PVEP-2022-016"]
    body[0][1], body[1][1] = "PVEP 2022\u00a0015", "PVEP-2022\u00a0-016"
    again = ingest.commit(store, fx.csv_bytes(body), "b.csv")
    # "PVEP 2022\u00a0015" loses its no-break space: a different code from the one with two ordinary spaces.
    assert (again.inserted, again.unchanged) == (1, 1)
    assert codes(store) == ["PVEP 2022 015", "PVEP 2022015", "PVEP-2022-016"]


def test_titles_and_authors_keep_a_unicode_space_as_an_ordinary_space(make_store):
    store = make_store()
    body = fx.rows(2)
    body[0][1], body[0][2], body[0][3] = "SK\u00a0-1", "Giải\u00a0pháp\u3000mới", "Lê\u00a0Văn\u2007An"
    for kind in ("csv", "xlsx"):
        data = fx.csv_bytes(body) if kind == "csv" else fx.xlsx_bytes(body)
        assert ingest.commit(store, data, f"t.{kind}").ok
        assert store.rows("SELECT code, title, authors FROM initiatives WHERE code <> 'SK-00002'") == [
            ("SK-1", "Giải pháp mới", "Lê Văn An")
        ]


def test_codes_read_by_duckdb_itself_lose_their_unicode_spaces(make_store):
    """A file whose first 64 KB are clean is read by DuckDB as it is: the codes further down are cleaned in
    SQL the same way."""
    store = make_store()
    n = 1200
    assert ingest.commit(store, fx.csv_bytes(fx.rows(n)), "first.csv").inserted == n
    body = fx.rows(n)
    body[-1][1] = "SK-01\u00a0200"
    body[-2][1] = "SK\u3000-01199\u200b"
    data = fx.csv_bytes(body)
    assert data.find("\u00a0".encode()) > 64 * 1024
    again = ingest.commit(store, data, "again.csv")
    assert (again.inserted, again.rejected) == (0, 0), again.message()
    assert store.record_count() == n and again.cleaned.get("codes") == 2


def test_cli_reimport_with_unicode_spaces(tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    first, csv_again, xlsx_again = tmp_path / "first.csv", tmp_path / "again.csv", tmp_path / "again.xlsx"
    first.write_bytes(fx.csv_bytes(fx.rows(8)))
    csv_again.write_bytes(dirty_file("csv", dirty_body()))
    xlsx_again.write_bytes(dirty_file("xlsx", dirty_body()))
    assert main(["import", str(first), "--db", str(db), "--json"]) == 0
    capsys.readouterr()
    assert main(["import", str(csv_again), "--db", str(db), "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (dry["inserted"], dry["updated"]) == (0, 8)
    assert dry["preview"]["cleaned"]["invisible_cells"] == 16
    assert dry["preview"]["mapping"]["code"] == "Mã SK"
    assert main(["import", str(csv_again), str(xlsx_again), "--db", str(db), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert [(r["inserted"], r["updated"], r["unchanged"]) for r in lines] == [(0, 8, 0), (0, 0, 8)]
    assert main(["import", str(csv_again), "--db", str(db)]) == 0
    assert "không ngắt…) ở 16 ô" in capsys.readouterr().out
    store = open_store(db)
    try:
        assert codes(store) == CLEAN_CODES
    finally:
        store.close()


@pytest.mark.parametrize(
    ("line", "delimiter", "column", "expected"),
    [
        ("a,b,c", ",", 0, (0, 1)),
        ("a,b,c", ",", 2, (4, 5)),
        ("a,b,c\r", ",", 2, (4, 5)),
        ('"x, y",SK-1,z', ",", 1, (7, 11)),
        ('"say ""hi""",SK-1', ",", 1, (13, 17)),
        ('1,"SK-1",z', ",", 1, (2, 8)),
        ("a,b", ",", 3, None),
        ('"open, cell', ",", 1, None),
        ("a;;b", ";", 1, (2, 2)),
        ("a\tSK 1\tb", "\t", 1, (2, 6)),
    ],
)
def test_field_span(line, delimiter, column, expected):
    assert cleaning.field_span(line, delimiter, column) == expected


def test_clean_lines_cleans_the_code_column_only_on_lines_that_start_a_record():
    text = '1,SK\u00a0-1,"Tên\u00a0dài\nnối\u00a0dòng",A\n2,"SK\u3000-2",Tên\u00a0khác,B\n'
    cleaned, controls, cells = cleaning.clean_lines(text, ",", code_column=1)
    assert cleaned == '1,SK-1,"Tên dài\nnối dòng",A\n2,"SK-2",Tên khác,B\n'
    assert (controls, cells) == (0, 5)
    # A block that starts inside a quoted cell: its first line's cells are not the record's columns.
    inside = 'nối\u00a0dòng,x",A\n2,SK\u00a0-2,T,B\n'
    assert (
        cleaning.clean_lines(inside, ",", code_column=1, in_quotes=True)[0] == 'nối dòng,x",A\n2,SK-2,T,B\n'
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_preview_shows_the_codes_the_import_stores(make_store, kind):
    """The preview before an import cleans a code as the import does: "SK-0000\u00a01" is shown as the
    "SK-00001" that will be stored, not "SK-0000 1"; the other cells keep a Unicode space as a space."""
    store = make_store()
    data = dirty_file(kind, dirty_body())
    preview = ingest.inspect(data, f"p.{kind}")
    column = preview.mapping["code"]
    shown = [row[column] for row in preview.rows()]
    assert list(preview.rows_frame()[preview.header(column)]) == shown
    assert preview.rows()[0][4] == "PV GAS"  # a unit: the no-break space made an ordinary space
    report = ingest.commit(store, data, f"p.{kind}")
    assert report.inserted == 8, report.message()
    assert shown == codes(store) == CLEAN_CODES


def test_the_preview_cleans_the_column_a_person_maps_to_the_code(make_store):
    """A mapping chosen by hand (the Data page's editor, --map): the column given the code is the one shown
    cleaned as a code."""
    store = make_store()
    headers = ("Số TT", "Ký hiệu", "Nội dung đề xuất", "Người thực hiện", "Nơi công tác", "Thời điểm")
    body = [["1", "K\u00a0-\u200b1", "Ý tưởng", "Lan", "PVEP", "05/05/2022"]]
    data = fx.csv_bytes(body, headers=headers)
    preview = ingest.inspect(data, "k.csv")
    mapping = {"code": 1, "title": 2, "authors": 3, "unit": 4, "registered_on": 5}
    assert preview.rows()[0][1] == "K -1" and preview.rows(mapping)[0][1] == "K-1"
    assert list(preview.rows_frame(mapping)[preview.header(1)]) == ["K-1"]
    assert ingest.commit(store, data, "k.csv", mapping=mapping).inserted == 1
    assert codes(store) == ["K-1"]
