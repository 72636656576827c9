"""DuckDB's access to files, locked down (issue 6): a store whose connection went through
`sandbox.restrict_file_access` still imports everything the importer takes (bytes and paths, UTF-8
read in place, transcoded Windows-1258 and UTF-16, workbooks) and reads, writes or attaches no other file.

DuckDB takes `enable_external_access = false` once per database instance and never back, so it cannot be
switched off around the import step only: the importer's own folder is allowed instead (`allowed_directories`).
analytics/store.open_store calls it on every store it opens, writable or read-only (the last tests).
"""

from __future__ import annotations

import duckdb
import pytest

from analytics import ingest
from analytics.sandbox import file_access_restricted, import_root, restrict_file_access
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def locked(tmp_path):
    store = open_store(tmp_path / "locked.duckdb")
    restrict_file_access(store.con)
    restrict_file_access(store.con)  # a second call is harmless
    yield store
    store.close()


def test_a_locked_store_still_imports_every_kind_of_file(locked, tmp_path):
    assert file_access_restricted(locked.con)
    sources = [
        (fx.csv_bytes(fx.rows(5, prefix="U8-")), "utf8.csv"),
        (fx.csv_bytes(fx.rows(5, prefix="W58-"), encoding="cp1258", delimiter=";"), "cp1258.csv"),
        (fx.csv_bytes(fx.rows(5, prefix="U16-"), encoding="utf-16-le", bom=True, delimiter="\t"), "u16.txt"),
        (fx.xlsx_bytes(fx.rows(5, prefix="XL-"), title_rows=[["DANH SÁCH"]]), "book.xlsx"),
    ]
    for data, name in sources:
        report = ingest.commit(locked, data, name)
        assert report.ok and report.inserted == 5, (name, report.message())
    # A file given by path, outside the importer's folder (the command line, the benchmark).
    outside = fx.big_csv(tmp_path / "ngoai.csv", 2000)
    assert import_root() not in outside.parents
    assert ingest.import_file(locked, outside).inserted == 2000
    assert ingest.import_file(locked, outside, dry_run=True).unchanged == 2000
    assert locked.record_count() == 2020


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "COPY (SELECT 1) TO '{tmp}/out.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "SET allowed_directories = ['/']",
        "SELECT * FROM read_csv('{root}/../../etc/passwd')",
    ],
)
def test_a_locked_store_reads_writes_and_attaches_no_other_file(locked, tmp_path, sql):
    statement = sql.format(tmp=tmp_path, root=import_root())
    with pytest.raises(duckdb.Error) as caught:
        locked.one(statement)
    assert "disabled" in str(caught.value) or "Cannot" in str(caught.value)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_the_same_reads_work_on_an_unlocked_connection(tmp_path):
    """The statements above are refused because of the lock, not because they are wrong."""
    con = duckdb.connect(str(tmp_path / "plain.duckdb"))
    try:
        assert (
            con.execute(
                "SELECT count(*) FROM read_csv('/etc/passwd', header = false, delim = ':')"
            ).fetchone()[0]
            > 0
        )
        con.execute(f"COPY (SELECT 1) TO '{tmp_path}/out.csv'")
        assert (tmp_path / "out.csv").exists()
    finally:
        con.close()


def test_the_apps_store_comes_locked(tmp_path):
    store = open_store(tmp_path / "app.duckdb")
    try:
        assert file_access_restricted(store.con)
    finally:
        store.close()


def test_a_read_only_store_comes_locked_too(sample_db):
    store = open_store(sample_db, read_only=True)
    try:
        assert file_access_restricted(store.con)
        with pytest.raises(duckdb.Error):
            store.one("SELECT * FROM read_text('/etc/hostname')")
    finally:
        store.close()
