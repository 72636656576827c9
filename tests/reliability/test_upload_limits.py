"""The page's per-upload row limit (issue 6): the importer refuses a file with more data rows than
`Limits.max_rows` before validating or writing anything; the command line and the benchmark keep no row
limit; the Data page reads its limit from SANGKIEN_UPLOAD_MAX_ROWS (default 1,000,000)."""

from __future__ import annotations

import pytest

from analytics import ingest
from analytics.ingest import Limits
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "store.duckdb")
    yield opened
    opened.close()


@pytest.mark.parametrize("make", [lambda body: fx.csv_bytes(body), lambda body: fx.xlsx_bytes(body)])
def test_more_rows_than_the_limit_is_refused_whole_and_writes_nothing(store, make):
    data = make(fx.rows(60, prefix="ROW-"))
    version = store.data_version()
    dry = ingest.validate(store, data, "x", limits=Limits(max_rows=50))
    done = ingest.commit(store, data, "x", limits=Limits(max_rows=50))
    for report in (dry, done):
        assert report.refusal and report.refusal.code == "too_many_rows"
        assert report.message() == (
            "Tệp có 60 dòng dữ liệu, vượt giới hạn 50 dòng cho một lần tải lên trang này. Hãy chia nhỏ tệp, "
            "hoặc nạp bằng dòng lệnh `python -m analytics import` (không giới hạn số dòng). Không có gì được ghi."
        )
        assert report.inserted == 0 and report.import_id is None
    assert "60 data rows, more than the limit of 50" in done.message("en")
    assert store.record_count() == 0 and store.one("SELECT count(*) FROM imports") == 0
    assert store.data_version() == version


def test_the_limit_counts_data_rows_and_is_inclusive(store):
    # A title block above the header does not count; exactly max_rows rows pass.
    data = fx.csv_bytes(fx.rows(50, prefix="OK-"), title_rows=[["DANH SÁCH"], []])
    report = ingest.commit(store, data, "x.csv", limits=Limits(max_rows=50))
    assert report.ok and report.inserted == 50


def test_no_row_limit_by_default_command_line_and_benchmark(store, tmp_path):
    assert Limits().max_rows is None
    path = fx.big_csv(tmp_path / "big.csv", 3000)
    assert ingest.import_file(store, path).inserted == 3000


def test_the_pages_limit_comes_from_the_environment(monkeypatch):
    from ui.upload import DEFAULT_MAX_ROWS, page_limits

    monkeypatch.delenv("SANGKIEN_UPLOAD_MAX_ROWS", raising=False)
    assert page_limits().max_rows == DEFAULT_MAX_ROWS == 1_000_000
    monkeypatch.setenv("SANGKIEN_UPLOAD_MAX_ROWS", "250000")
    assert page_limits().max_rows == 250_000
    for bad in ("0", "-5", "beaucoup", ""):
        monkeypatch.setenv("SANGKIEN_UPLOAD_MAX_ROWS", bad)
        assert page_limits().max_rows == DEFAULT_MAX_ROWS
    # The other limits stay the importer's own.
    assert page_limits().max_bytes == Limits().max_bytes
