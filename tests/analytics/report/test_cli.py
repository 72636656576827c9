"""`python -m analytics report`: each format written, bad arguments and paths refused with exit 2."""

from __future__ import annotations

import openpyxl
import pytest
from docx import Document

from analytics.cli import main
from tests.analytics.report.conftest import docx_text


def test_cli_writes_each_format(sample_db, tmp_path, capsys):
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"r.{fmt}"
        code = main(
            ["report", "--db", str(sample_db), "--as-of", "2022-05-31", "--format", fmt, "--out", str(out)]
        )
        assert code == 0 and out.stat().st_size > 10_000
        assert f"Đã ghi báo cáo {fmt.upper()} vào {out}" in capsys.readouterr().out
    text = docx_text(Document(str(tmp_path / "r.docx")))
    assert "1.458" in text and "104,1%" in text
    code = main(
        [
            "report",
            "--db",
            str(sample_db),
            "--unit",
            "BSR",
            "--phase",
            "1",
            "--lang",
            "en",
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "bsr.xlsx"),
        ]
    )
    assert code == 0
    units = openpyxl.load_workbook(tmp_path / "bsr.xlsx")["Units"]
    assert units.max_row == 2 and units["B2"].value == "BSR"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "XYZ"], "Không có đơn vị mã XYZ trong kho"),
        (
            ["--phase", "7", "--program", "1-trieu-sang-kien"],
            "Không có giai đoạn 7 trong chương trình “1 triệu",
        ),
        (
            ["--phase", "2", "--program", "dmst-dau-khi"],
            "Không có năm 2 trong chương trình “Đổi mới sáng tạo",
        ),
        (["--program", "khong-co"], "Không có chương trình mã “khong-co” trong kho"),
        (["--as-of", "31/05/2022"], "Ngày không hợp lệ: 31/05/2022"),
    ],
)
def test_cli_bad_arguments_exit_2(sample_db, tmp_path, capsys, extra, message):
    out = tmp_path / "r.pdf"
    code = main(["report", "--db", str(sample_db), *extra, "--format", "pdf", "--out", str(out)])
    assert code == 2 and message in capsys.readouterr().err and not out.exists()


def test_cli_bad_paths_exit_2(sample_db, tmp_path, capsys):
    assert (
        main(
            [
                "report",
                "--db",
                str(tmp_path / "none.duckdb"),
                "--format",
                "xlsx",
                "--out",
                str(tmp_path / "a.xlsx"),
            ]
        )
        == 2
    )
    assert "none.duckdb" in capsys.readouterr().err
    out = tmp_path / "missing-folder" / "a.xlsx"
    assert main(["report", "--db", str(sample_db), "--format", "xlsx", "--out", str(out)]) == 2
    assert "missing-folder" in capsys.readouterr().err
