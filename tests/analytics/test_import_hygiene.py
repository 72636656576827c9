"""Each command imports only what it uses: a fresh interpreter runs the command, then lists `sys.modules`.

A command that loads the report writers, Plotly or Streamlit (or, for `hash-password`, pandas) pays for
them in every run of a scheduled job; `import` on a million records must stay close to DuckDB's own read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Never needed by the command line's data commands.
HEAVY = (
    "streamlit",
    "plotly",
    "kaleido",
    "docx",
    "fpdf",
    "xlsxwriter",
    "analytics.report",
    "analytics.charts",
    "analytics.narrative",
    "ui",
    "tools",
)

_PROBE = """
import json, sys
from analytics.cli import main
try:
    code = main(json.loads(sys.argv[1]))
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_after(args: list[str], stdin: str = "") -> tuple[int, set[str]]:
    """Run `python -m analytics ARGS` in a fresh interpreter; its exit code and every module it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def loaded(modules: set[str], package: str) -> bool:
    return package in modules or any(name.startswith(package + ".") for name in modules)


@pytest.fixture
def export_csv(tmp_path: Path) -> Path:
    path = tmp_path / "xuat.csv"
    path.write_text(
        "Mã SK,Tên sáng kiến,Đơn vị,Ngày đăng ký,Tác giả\n"
        "HY-1,Cải tiến bơm,BSR,01/10/2021,Nguyễn Văn A\n"
        "HY-2,Tiết kiệm điện,VPI,02/10/2021,Trần Thị B; Lê Văn C\n",
        encoding="utf-8",
    )
    return path


def test_summary_loads_the_metrics_and_nothing_for_the_screens_or_reports(sample_copy):
    code, modules = modules_after(["summary", "--db", str(sample_copy), "--json"])
    assert code == 0
    assert loaded(modules, "analytics.metrics") and loaded(modules, "pandas")
    assert [name for name in HEAVY if loaded(modules, name)] == []
    assert not loaded(modules, "analytics.ingest")


def test_import_loads_the_importer_but_no_report_screen_or_chart_code(tmp_path, export_csv):
    code, modules = modules_after(["import", str(export_csv), "--db", str(tmp_path / "moi.duckdb")])
    assert code == 0
    assert loaded(modules, "analytics.ingest")
    assert [name for name in HEAVY if loaded(modules, name)] == []


def test_a_csv_import_loads_no_pandas_numpy_or_pyarrow(tmp_path, export_csv):
    """A clean CSV's import (its check for duplicates and the author index included) needs DuckDB alone:
    pandas, with numpy and pyarrow, cost 0.4 s of CPU at the start of every import (issue 19)."""
    code, modules = modules_after(["import", str(export_csv), "--db", str(tmp_path / "moi.duckdb"), "--json"])
    assert code == 0
    assert [name for name in ("pandas", "numpy", "pyarrow", "analytics.metrics", "analytics.quality")
            if loaded(modules, name)] == []  # fmt: skip


def test_undo_loads_neither_the_metrics_nor_report_screen_or_chart_code(tmp_path, export_csv):
    db = tmp_path / "moi.duckdb"
    assert modules_after(["import", str(export_csv), "--db", str(db)])[0] == 0
    code, modules = modules_after(["undo", "1", "--db", str(db)])
    assert code == 0
    assert [name for name in HEAVY if loaded(modules, name)] == []
    assert not loaded(modules, "analytics.metrics")


def test_hash_password_loads_no_data_library():
    code, modules = modules_after(["hash-password"], stdin="mat-khau-du-dai-123\n")
    assert code == 0
    for name in ("pandas", "numpy", "pyarrow", "analytics.metrics", "analytics.ingest", *HEAVY):
        assert not loaded(modules, name), name


def test_the_import_command_leaves_the_author_index_to_the_pages_which_build_it_right(tmp_path, export_csv):
    """`import` ends right after its import: it builds no derived index (the server's warm-up or the first
    page after it does), and the pages' path then counts the file's authors."""
    from analytics import metrics
    from analytics.filters import Filters
    from analytics.store import open_store

    db = tmp_path / "moi.duckdb"
    assert modules_after(["import", str(export_csv), "--db", str(db)])[0] == 0
    store = open_store(db)
    try:
        version = store.data_version()
        built = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'author_firsts_version'"
        assert store.one(built) != version
        metrics._author_steps_cache.clear()
        assert metrics.progress(store, Filters()).program["authors"] == 3
        assert store.one(built) == version  # kept for the next process
        # three authors, each in their phase and over all phases
        assert len(store.rows("SELECT * FROM author_firsts")) == 6
    finally:
        store.close()


def test_a_first_import_checks_for_duplicates_of_earlier_records_without_indexing_titles(tmp_path):
    """On a store with no record before it, no new record can be a duplicate of an earlier one: the import
    check says 0 at once instead of building the title index of every record (26 s of a 1,000,000-record
    first import); the next scan builds it. A later import is checked as before."""
    from analytics.store import open_store

    header = "Mã SK,Tên sáng kiến,Đơn vị,Ngày đăng ký,Tác giả\n"
    first, later = tmp_path / "dau.csv", tmp_path / "sau.csv"
    first.write_text(
        header + "HY-1,Cải tiến quy trình bảo dưỡng máy nén khí,BSR,01/10/2021,Nguyễn Văn A\n"
        "HY-2,Giải pháp tiết kiệm điện năng tại trạm bơm,VPI,02/10/2021,Trần Thị B\n",
        encoding="utf-8",
    )
    later.write_text(
        header + "HY-9,Cải tiến quy trình bảo dưỡng máy nén khí,BSR,03/10/2021,Nguyễn Văn A\n",
        encoding="utf-8",
    )
    db = tmp_path / "moi.duckdb"

    def imported(path: Path) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "import", str(path), "--db", str(db), "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    assert imported(first)["probable_duplicates"] == 0
    store = open_store(db)
    try:
        assert store.one("SELECT value FROM meta WHERE key = 'dedup_titles_version'") == "-1"
        assert store.one("SELECT count(*) FROM dedup_titles") == 0
    finally:
        store.close()
    assert imported(later)["probable_duplicates"] == 1  # HY-1's twin
