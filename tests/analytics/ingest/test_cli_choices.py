"""`python -m analytics import` does what the Data page does: --sheet, --header-row, --map, --encoding,
--date-order, --benefit-column, and --dry-run --json reporting the preview (encoding, delimiter, header row,
sheet, column mapping, rows skipped by reason)."""

from __future__ import annotations

import json

import pytest

from analytics.cli import main
from analytics.ingest import legacy
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx


def run(capsys, *args: str) -> tuple[int, list[dict], str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    lines = [json.loads(line) for line in out.out.splitlines() if line.startswith("{")]
    return code, lines, out.out, out.err


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store.duckdb")


def rows(db: str, sql: str) -> list[tuple]:
    store = open_store(db)
    try:
        return store.rows(sql)
    finally:
        store.close()


def test_dry_run_json_reports_the_preview(tmp_path, db, capsys):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(fx.report_xlsx())
    code, [line], _, _ = run(capsys, "import", str(path), "--db", db, "--dry-run", "--json")
    assert code == 0 and line["ok"] and line["inserted"] == 4
    preview = line["preview"]
    assert (preview["format"], preview["sheet"], preview["header_row"], preview["header_rows"]) == (
        "xlsx",
        "Báo cáo",
        4,
        2,
    )
    assert (
        preview["mapping"]["authors"] == "Tác giả Họ tên"
        and preview["mapping"]["benefit_vnd"] == "Giá trị làm lợi Ước tính"
    )
    assert preview["alternatives"] == {"benefit_vnd": ["Giá trị làm lợi Ước tính", "Giá trị làm lợi Thực tế"]}
    assert preview["skipped_by"] == {"blank": 2, "numbering": 1, "signature": 4, "continuation": 4}
    assert preview["share_issues"] == [{"row": 13, "total": 90.0}]
    assert rows(db, "SELECT count(*) FROM initiatives") == [(0,)]
    # Text output: the same preview, in lines.
    code, _, out, _ = run(capsys, "import", str(path), "--db", db, "--dry-run")
    assert "Đã nhận ra: XLSX · trang tính “Báo cáo” · tiêu đề ở dòng 4 (2 dòng)" in out
    assert "Giá trị làm lợi Thực tế" in out and "--benefit-column" in out


def test_benefit_column_and_map(tmp_path, db, capsys):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(fx.report_xlsx())
    code, [line], _, _ = run(capsys, "import", str(path), "--db", db, "--benefit-column", "Thực tế", "--json")
    assert code == 0 and line["inserted"] == 4
    assert rows(db, "SELECT code, benefit_vnd FROM initiatives ORDER BY code")[:2] == [
        ("RP-001", 1_100_000_000),
        ("RP-002", 650_000_000),
    ]
    headers = ("Số TT", "Ký hiệu", "Nội dung đề xuất", "Người thực hiện", "Nơi công tác", "Thời điểm")
    odd = tmp_path / "odd.csv"
    odd.write_bytes(fx.csv_bytes([["1", "K-1", "Ý tưởng", "Lan", "PVEP", "05/05/2022"]], headers=headers))
    code, _, _, err = run(capsys, "import", str(odd), "--db", db)
    assert code == 1 and "Thiếu cột bắt buộc" in err
    code, [line], _, _ = run(
        capsys, "import", str(odd), "--db", db, "--json", "--map", "Ký hiệu=code", "--map", "Nội dung đề xuất=title",
        "--map", "Người thực hiện=Tác giả", "--map", "E=unit", "--map", "6=registered_on",
    )  # fmt: skip
    assert code == 0 and line["inserted"] == 1
    assert rows(db, "SELECT unit_code, authors FROM initiatives WHERE code = 'K-1'") == [("PVEP", "Lan")]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--map", "Không có=code"], "không có cột “Không có”"),
        (["--map", "Mã SK=trường lạ"], "không có trường “trường lạ”"),
        (["--map", "chỉ một vế"], "Tên cột=trường"),
        (["--benefit-column", "Thực tế"], "không có cột “Thực tế”"),
        (["--encoding", "klingon"], "không có bảng mã này"),
        (["--header-row", "0"], "dòng tiêu đề bắt đầu từ 1"),
    ],
)
def test_bad_choices_are_usage_errors_naming_what_exists(tmp_path, db, capsys, args, needle):
    path = tmp_path / "a.csv"
    path.write_bytes(fx.csv_bytes(fx.rows(2)))
    code, _, _, err = run(capsys, "import", str(path), "--db", db, *args)
    assert code == 2 and needle in err
    if "không có cột" in needle:
        assert "Mã SK, Tên sáng kiến" in err  # the columns the file has


def test_a_date_order_outside_the_two_is_refused_by_the_parser(tmp_path, db, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(fx.csv_bytes(fx.rows(2)))
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(path), "--db", db, "--date-order", "ymd"])
    assert exit_.value.code == 2 and "dmy" in capsys.readouterr().err


def test_sheets_header_row_encoding_and_date_order(tmp_path, db, capsys):
    sheets = {
        "BSR": [[1, "U-1", "A", "An", "15/03/2022", ""]],
        "PVEP": [[1, "U-2", "B", "Bình", "16/03/2022", ""]],
    }
    book = tmp_path / "don-vi.xlsx"
    book.write_bytes(fx.unit_sheets_xlsx(sheets))
    code, [line], _, _ = run(capsys, "import", str(book), "--db", db, "--sheet", "all", "--dry-run", "--json")
    assert line["preview"]["sheets"] == ["BSR", "PVEP"] and line["inserted"] == 2
    assert [s["sheet"] for s in line["preview"]["sheet_counts"]] == ["BSR", "PVEP"]
    assert line["preview"]["skipped_sheets"] == [{"sheet": "Tổng hợp", "reason": "summary"}]
    code, [line], _, _ = run(
        capsys, "import", str(book), "--db", db, "--sheet", "PVEP", "--sheet", "BSR", "--json"
    )
    assert code == 0 and line["inserted"] == 2
    assert rows(db, "SELECT code, unit_code FROM initiatives ORDER BY code") == [
        ("U-1", "BSR"),
        ("U-2", "PVEP"),
    ]
    # A TCVN3 file read as such, a header on row 3 named, a month-first column chosen.
    text = fx.csv_text(
        [["1", "T-1", "Cải tiến", "Trần Thị Bình", "BSR", "", "", "03/04/2022", "", "", ""]],
        title_rows=[["DANH SÁCH"], ["Năm 2022"]],
    )
    legacy_file = tmp_path / "vntime.csv"
    legacy_file.write_bytes(legacy.encode_bytes(text, "tcvn3"))
    code, [line], _, _ = run(
        capsys, "import", str(legacy_file), "--db", db, "--encoding", "tcvn3", "--header-row", "3",
        "--date-order", "mdy", "--json", "--dry-run",
    )  # fmt: skip
    assert (line["preview"]["encoding"], line["preview"]["header_row"]) == ("tcvn3", 3)
    assert line["preview"]["date_orders"] == {
        "registered_on": {"order": "mdy"},
        "recognized_on": {"order": "mdy"},
    }
    run(capsys, "import", str(legacy_file), "--db", db, "--encoding", "tcvn3", "--date-order", "mdy")
    assert rows(db, "SELECT authors, registered_on::VARCHAR FROM initiatives WHERE code = 'T-1'") == [
        ("Trần Thị Bình", "2022-03-04")
    ]
