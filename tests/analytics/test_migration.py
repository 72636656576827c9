"""The programs migration on a store built by the previous release's schema (version 2).

`build_previous_release_store` rebuilds such a store from scratch: the first two entries of MIGRATIONS are
the previous release's schema (released entries are never edited), the reference rows come from data/,
and the records are the previous release's sample, inserted the way its `load_sample` did (15 columns,
the phase from the phases table). No binary fixture: the file is built in each run.
"""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb

from analytics import metrics
from analytics.cli import summary_payload
from analytics.filters import Filters
from analytics.sample import build_records
from analytics.store import MIGRATIONS, SCHEMA_VERSION, Store, load_reference_rows, open_store, schema_version

PREVIOUS_VERSION = 3
OLD_COLUMNS = (
    "code, title, authors, author_count, unit_code, field, status, level, registered_on, recognized_on, "
    "applied_on, benefit_vnd, reward_vnd, phase, import_id"
)


def build_previous_release_store(path) -> None:
    """A store exactly as the previous release left it: schema version 3 (audit log included), reference rows, the sample."""
    con = duckdb.connect(str(path))
    store = Store(path=path, con=con)
    for version in range(1, PREVIOUS_VERSION + 1):
        with store.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            for statement in MIGRATIONS[version - 1]:
                cur.execute(statement)
            if version == 1:
                cur.execute("INSERT INTO meta VALUES ('schema_version', '0'), ('data_version', '0')")
                load_reference_rows(cur)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
            cur.execute("COMMIT")
    records = build_records(store.df("SELECT code, group_name FROM units"))
    with store.cursor() as cur:
        cur.execute("BEGIN TRANSACTION")
        cur.register("old_sample", records)
        cur.execute(
            """INSERT INTO initiatives
               SELECT s.code, s.title, s.authors, s.author_count, s.unit_code, s.field, s.status, s.level,
                      s.registered_on, s.recognized_on, s.applied_on, s.benefit_vnd, s.reward_vnd,
                      (SELECT p.phase FROM phases p WHERE s.registered_on BETWEEN p.start_on AND p.end_on), 1
               FROM old_sample s"""
        )
        cur.execute(
            """INSERT INTO imports (id, file_name, imported_at, imported_by, mode, rows_read, inserted, updated,
                                    unchanged, rejected, skipped)
               VALUES (nextval('import_id_seq'), 'sample', now(), 'analytics sample', 'sample', 7085, 7085, 0, 0,
                       0, 0)"""
        )
        cur.execute("UPDATE meta SET value = '5' WHERE key = 'data_version'")
        cur.execute("COMMIT")
    con.close()


def _old_reads(path) -> dict:
    """What someone querying the file with the previous release's queries reads from it."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "initiatives": con.execute(
                f"SELECT sum(hash({OLD_COLUMNS})), count(*) FROM initiatives"  # noqa: S608
            ).fetchone(),
            "phases": con.execute(
                "SELECT phase, name, start_on, end_on, target FROM phases ORDER BY phase"
            ).fetchall(),
            "targets": con.execute("SELECT unit_code, phase, target FROM targets ORDER BY 1, 2").fetchall(),
            "campaigns": con.execute("SELECT name, start_on, end_on FROM campaigns").fetchall(),
            "milestones": con.execute("SELECT on_date, cumulative_target, label FROM milestones").fetchall(),
            "units": con.execute("SELECT * FROM units ORDER BY code").fetchall(),
            "imports": con.execute("SELECT id, mode, inserted FROM imports").fetchall(),
        }
    finally:
        con.close()


def test_a_previous_release_store_becomes_the_first_program_and_reads_the_same(tmp_path):
    old = tmp_path / "old.duckdb"
    build_previous_release_store(old)
    before = _old_reads(old)
    copy = tmp_path / "migrated.duckdb"
    shutil.copy(old, copy)

    store = open_store(copy)  # migrates
    try:
        assert schema_version(store) == SCHEMA_VERSION
        assert store.rows("SELECT code, name, start_on, end_on, target, noun_vi, period_word_vi FROM programs") == [
            ("1-trieu-sang-kien", "1 triệu sáng kiến", dt.date(2021, 9, 1), dt.date(2023, 9, 30), None, "sáng kiến",
             "Giai đoạn")
        ]  # fmt: skip
        assert store.rows("SELECT program_code, period, target FROM periods ORDER BY period") == [
            ("1-trieu-sang-kien", 1, 1400),
            ("1-trieu-sang-kien", 2, 4000),
        ]
        for table in ("initiatives", "initiative_history", "targets", "campaigns", "milestones"):
            sql = f"SELECT DISTINCT program_code FROM {table} WHERE program_code IS NOT NULL"  # noqa: S608
            assert store.rows(sql) in ([("1-trieu-sang-kien",)], []), table
        assert store.one("SELECT count(*) FROM initiatives WHERE program_code IS NULL") == 0
        assert store.one("SELECT count(*) FROM unit_changes") == 0
        # Every published figure, as the previous release computed them (test_sample.py's checkpoints).
        for filters in (Filters(), Filters(program="1-trieu-sang-kien")):
            payload = summary_payload(store, filters)
            assert (payload["records"], payload["target"], payload["pct"], payload["authors"]) == (
                7085,
                5400,
                131.2,
                1062,
            )
            assert payload["program"]["code"] == "1-trieu-sang-kien"
        phase1 = summary_payload(store, Filters(as_of=dt.date(2022, 5, 31)))["phases"][0]
        assert (phase1["registered"], phase1["pct"]) == (1458, 104.1)
        assert summary_payload(store, Filters(as_of=dt.date(2023, 4, 14)))["records"] == 3516
        assert metrics.programs(store)[0].period_label(2, "vi") == "Giai đoạn 2"
    finally:
        store.close()
    assert _old_reads(copy) == before  # the previous release's queries read exactly what they read before


def test_a_migrated_store_imports_and_undoes_as_before(tmp_path):
    from analytics import ingest

    old = tmp_path / "old.duckdb"
    build_previous_release_store(old)
    store = open_store(old)
    try:
        csv = tmp_path / "them.csv"
        csv.write_text(
            "Mã sáng kiến,Tên sáng kiến,Đơn vị,Ngày đăng ký\nMIG-1,Cải tiến bơm,BSR,15/08/2023\n",
            encoding="utf-8",
        )
        report = ingest.import_file(store, csv)
        assert report.ok and report.inserted == 1
        assert store.rows("SELECT program_code, phase FROM initiatives WHERE code = 'MIG-1'") == [
            ("1-trieu-sang-kien", 2)
        ]
        assert ingest.undo(store, report.import_id).ok
        assert store.record_count() == 7085
    finally:
        store.close()


def test_the_commands_that_only_read_work_on_a_previous_release_store(tmp_path, capsys):
    """`summary` and `report` open the store read-only: an earlier release's store is migrated first."""
    import json

    from analytics.cli import main

    old = tmp_path / "old.duckdb"
    build_previous_release_store(old)
    assert main(["summary", "--db", str(old), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["records"], payload["pct"], payload["program"]["code"]) == (
        7085,
        131.2,
        "1-trieu-sang-kien",
    )
    assert main(["report", "--db", str(old), "--format", "xlsx", "--out", str(tmp_path / "r.xlsx")]) == 0
