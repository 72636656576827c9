"""A record code is held by one record, with no key index (migration 9, issue 19): the one writer keeps
codes unique in the transaction that writes them, by every path (import in each mode, edits, undo,
restore), and the check on opening refuses a store where a code is held twice (rows planted past the app).
All on real DuckDB files, asserting row counts and messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from analytics import backup, ingest
from analytics.cli import main
from analytics.ingest import sql as ingest_sql
from analytics.ingest import undoing
from analytics.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    StoreError,
    check_store,
    load_reference_rows,
    open_store,
    schema_version,
    table_fingerprints,
)
from tests.analytics.ingest import fixtures as fx


def _duplicated(db_or_store) -> int:
    """Rows beyond the first of each code (0 on a sound store)."""
    if isinstance(db_or_store, Store):
        return int(db_or_store.one("SELECT count(*) - count(DISTINCT code) FROM initiatives"))
    con = duckdb.connect(str(db_or_store), read_only=True)
    try:
        return int(con.execute("SELECT count(*) - count(DISTINCT code) FROM initiatives").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "s.duckdb")
    yield opened
    opened.close()


def _plant(db: Path, code: str, copies: int = 1) -> None:
    """Rows written past the app (the DuckDB CLI, another tool): `copies` more rows with an existing code."""
    con = duckdb.connect(str(db))
    try:
        for k in range(copies):
            con.execute(
                "INSERT INTO initiatives SELECT * REPLACE (title || ' (copy ' || ? || ')' AS title) "
                "FROM initiatives WHERE code = ? LIMIT 1",
                [str(k + 1), code],
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()


# --- the schema ---------------------------------------------------------------------------------------------


def _store_at(path: Path, version: int) -> None:
    """A store as the release of schema `version` left it (its migrations, reference rows), with 3 records."""
    con = duckdb.connect(str(path))
    store = Store(path=path, con=con)
    for v in range(1, version + 1):
        with store.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            for statement in MIGRATIONS[v - 1]:
                cur.execute(statement)
            if v == 1:
                cur.execute("INSERT INTO meta VALUES ('schema_version', '0'), ('data_version', '0')")
                load_reference_rows(cur)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(v)])
            cur.execute("COMMIT")
    con.execute(
        """INSERT INTO initiatives (code, title, authors, author_count, unit_code, status, level, registered_on,
                                    benefit_vnd, phase, import_id, program_code, author_shares)
           VALUES ('A-1', 'Bơm', 'An; Bình', 2, 'BSR', 'recognized', 'unit', DATE '2022-03-01', 5, 1, NULL,
                   '1-trieu-sang-kien', [60.0, 40.0]),
                  ('A-2', 'Van', NULL, NULL, 'BSR', 'registered', NULL, DATE '2022-04-01', NULL, 1, NULL,
                   '1-trieu-sang-kien', NULL),
                  ('A-3', 'Lò', 'Cường', 1, 'PVEP', 'applied', 'national', DATE '2023-01-05', 0, 2, NULL,
                   '1-trieu-sang-kien', NULL)"""
    )
    con.execute("CHECKPOINT")
    con.close()


def _columns(reader) -> list[tuple]:
    return reader.rows(
        "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
        "WHERE table_name = 'initiatives' AND database_name = current_database() ORDER BY column_index"
    )


def _constraints(reader) -> list[tuple]:
    return sorted(
        reader.rows(
            "SELECT constraint_type, constraint_text FROM duckdb_constraints() WHERE table_name = 'initiatives' "
            "AND database_name = current_database()"
        )
    )


def test_migration_9_takes_the_key_off_and_keeps_every_row_column_and_check(tmp_path):
    old = tmp_path / "v8.duckdb"
    _store_at(old, 8)
    con = duckdb.connect(str(old), read_only=True)
    before_rows = con.execute("SELECT * FROM initiatives ORDER BY code").fetchall()
    before_columns = con.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns() "
        "WHERE table_name = 'initiatives' ORDER BY column_index"
    ).fetchall()
    before_constraints = sorted(
        con.execute(
            "SELECT constraint_type, constraint_text FROM duckdb_constraints() WHERE table_name = 'initiatives'"
        ).fetchall()
    )
    con.close()
    assert ("PRIMARY KEY", "PRIMARY KEY(code)") in before_constraints

    store = open_store(old, verify=True)  # migrates, then checks
    try:
        assert schema_version(store) == SCHEMA_VERSION >= 9
        assert store.rows("SELECT * FROM initiatives ORDER BY code") == before_rows
        assert _columns(store) == before_columns  # same names, types, order, NOT NULL and (no) defaults
        after = _constraints(store)
        assert after == [c for c in before_constraints if c[0] != "PRIMARY KEY"]
        assert ("NOT NULL", "NOT NULL") in after  # code (and the others) still refuse NULL
        assert not store.rows("SELECT * FROM duckdb_indexes() WHERE table_name = 'initiatives'")
        assert "initiatives_unkeyed" not in {
            r[0] for r in store.rows("SELECT table_name FROM duckdb_tables()")
        }
        # still refused by the table itself: NULL code, unknown status
        for values in ("(NULL, 't', 'BSR', 'recognized', DATE '2022-01-01')",
                       "('Z-1', 't', 'BSR', 'bogus', DATE '2022-01-01')"):  # fmt: skip
            with pytest.raises(duckdb.ConstraintException), store.transaction() as cur:
                cur.execute(
                    f"INSERT INTO initiatives (code, title, unit_code, status, registered_on) VALUES {values}"  # noqa: S608
                )
        # and the migrated store takes imports and undoes them as before
        report = ingest.commit(store, fx.csv_bytes(fx.rows(4)), "a.csv")
        assert report.ok and report.inserted == 4 and store.record_count() == 7
        assert ingest.undo(store, report.import_id).ok and store.record_count() == 3
    finally:
        store.close()


def test_a_store_of_the_release_before_programs_migrates_forward_unkeyed(tmp_path):
    old = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(old))
    store = Store(path=old, con=con)
    for v in range(1, 4):
        with store.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            for statement in MIGRATIONS[v - 1]:
                cur.execute(statement)
            if v == 1:
                cur.execute("INSERT INTO meta VALUES ('schema_version', '0'), ('data_version', '0')")
                load_reference_rows(cur)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(v)])
            cur.execute("COMMIT")
    con.execute(
        "INSERT INTO initiatives (code, title, unit_code, status, registered_on, phase) "
        "VALUES ('OLD-1', 'Bơm', 'BSR', 'recognized', DATE '2022-03-01', 1)"
    )
    con.close()
    migrated = open_store(old, verify=True)
    try:
        assert schema_version(migrated) == SCHEMA_VERSION
        assert migrated.rows("SELECT code, program_code, phase FROM initiatives") == [
            ("OLD-1", "1-trieu-sang-kien", 1)
        ]
        assert not [c for c in _constraints(migrated) if c[0] == "PRIMARY KEY"]
    finally:
        migrated.close()


# --- import -------------------------------------------------------------------------------------------------


def test_importing_the_same_file_twice_keeps_one_record_per_code(store):
    data = fx.csv_bytes(fx.rows(30))
    first = ingest.commit(store, data, "a.csv")
    second = ingest.commit(store, data, "a.csv")
    assert (first.inserted, second.inserted, second.updated, second.unchanged) == (30, 0, 0, 30)
    assert store.record_count() == 30 and _duplicated(store) == 0


def test_a_code_repeated_inside_the_file_is_written_once_and_the_repeats_are_rejected(store):
    body = fx.rows(10)
    repeat = list(body[3])
    repeat[2] = "Một tên khác cho cùng mã"
    body.append(repeat)
    body.append(list(body[5]))
    report = ingest.commit(store, fx.csv_bytes(body), "dup.csv")
    assert report.ok and (report.inserted, report.rejected) == (10, 2)
    assert store.record_count() == 10 and _duplicated(store) == 0
    reasons = {(e.value, e.reason) for e in report.errors}
    assert reasons == {("SK-00004", "duplicate"), ("SK-00006", "duplicate")}
    assert "mã trùng với một dòng phía trên trong cùng tệp" in report.errors[0].reason_text("vi")
    assert "the code repeats a row above in the same file" in report.errors[0].reason_text("en")


def test_a_repeated_code_that_got_past_the_file_check_is_refused_whole_by_the_writer(store, monkeypatch):
    """The writer's own check, in the import's transaction: were the file's repeats not rejected (the check
    turned off here), the import is refused whole with the catalogue's message and nothing is written."""
    ingest.commit(store, fx.csv_bytes(fx.rows(5, start=100)), "before.csv")
    version = store.data_version()
    monkeypatch.setattr(ingest_sql, "mark_dups_sql", lambda shape: "SELECT 1")
    body = fx.rows(6)
    body.append(list(body[2]))
    report = ingest.commit(store, fx.csv_bytes(body), "dup.csv")
    assert not report.ok and report.refusal.code == "duplicate_codes"
    assert report.refusal.params["codes"] == "SK-00003"
    assert "mã SK-00003 sẽ được ghi cho hơn một hồ sơ" in report.message("vi")
    assert "Nothing was written" in report.refusal.message("en")
    assert store.record_count() == 5 and store.data_version() == version and _duplicated(store) == 0
    assert store.one("SELECT count(*) FROM imports") == 1


@pytest.mark.parametrize("mode", ["upsert", "insert", "replace"])
def test_every_import_mode_keeps_one_record_per_code(store, mode):
    ingest.commit(store, fx.csv_bytes(fx.rows(20)), "a.csv")
    changed = fx.rows(15, start=10)  # 10-20 exist (10-14 changed), 21-24 are new
    for row in changed[:5]:
        row[2] = row[2] + " (sửa)"
    report = ingest.commit(store, fx.csv_bytes(changed), "b.csv", mode=mode)
    assert report.ok
    expected = {"upsert": (4, 5, 24), "insert": (4, 0, 24)}.get(mode)
    if expected:
        assert (report.inserted, report.updated, store.record_count()) == expected
    else:  # replace: the file's units' records it no longer holds are deleted
        assert report.inserted == 4 and report.deleted > 0
        assert store.record_count() == 24 - report.deleted
    again = ingest.commit(store, fx.csv_bytes(changed), "b.csv", mode=mode)
    assert again.ok and again.inserted == 0
    assert _duplicated(store) == 0


def test_editing_a_period_moves_records_without_adding_any(tmp_path, sample_db):
    """The one edit that writes records (a period's dates re-derive their `phase`) changes no code."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    in_phase_1 = "SELECT count(*) FROM initiatives WHERE program_code = '1-trieu-sang-kien' AND phase = 1"
    try:
        count, before = store.record_count(), store.one(in_phase_1)
        first = ingest.periods_frame(store, "1-trieu-sang-kien").iloc[0].to_dict()
        first["end_on"] = "2022-04-30"
        result = ingest.save_period(store, first, program="1-trieu-sang-kien", by="lan")
        assert result.ok and result.changed >= 1, result
        assert store.one(in_phase_1) < before
        assert store.record_count() == count and _duplicated(store) == 0
    finally:
        store.close()


# --- undo ---------------------------------------------------------------------------------------------------


def _replace_then_add_back(store: Store) -> tuple[int, int]:
    """Import A (20 records), then a replace of BSR's records that drops SK-00007 (a BSR record), then an
    import that adds SK-00007 again: undoing the replace would bring back a second SK-00007."""
    ingest.commit(store, fx.csv_bytes(fx.rows(20)), "a.csv")
    bsr = [r for r in fx.rows(20) if r[4] == "BSR"]
    assert any(r[1] == "SK-00007" for r in bsr)
    kept = [r for r in bsr if r[1] != "SK-00007"]
    replaced = ingest.commit(store, fx.csv_bytes(kept), "bsr.csv", mode="replace", units=["BSR"])
    assert replaced.ok and replaced.deleted == 1
    back = ingest.commit(store, fx.csv_bytes([r for r in bsr if r[1] == "SK-00007"]), "again.csv")
    assert back.ok and back.inserted == 1
    return replaced.import_id, back.import_id


def test_undoing_an_import_whose_deleted_record_was_added_again_waits_for_the_later_import(store):
    replaced, back = _replace_then_add_back(store)
    assert store.record_count() == 20
    result = ingest.undo(store, replaced)
    assert not result.ok and result.refusal.code == "undo_blocked"
    assert result.refusal.params["imports"] == [back]
    assert f"#{back}" in result.message("vi")
    assert store.record_count() == 20 and _duplicated(store) == 0
    # undone in order, every record comes back once
    assert ingest.undo(store, back).ok and store.record_count() == 19
    assert ingest.undo(store, replaced).ok and store.record_count() == 20
    assert store.one("SELECT count(*) FROM initiatives WHERE code = 'SK-00007'") == 1
    assert _duplicated(store) == 0


def test_the_undo_itself_refuses_to_bring_back_a_code_the_store_holds(store, monkeypatch):
    """The undo's own check, in its transaction: with the later import not named as a blocker (the check
    turned off here), the undo is refused whole with the catalogue's message and nothing changes."""
    replaced, _ = _replace_then_add_back(store)
    version = store.data_version()
    before = table_fingerprints(store)["initiatives"]
    monkeypatch.setattr(undoing, "undo_blockers", lambda store, import_id: [])
    result = ingest.undo(store, replaced)
    assert not result.ok and result.refusal.code == "undo_duplicates"
    assert result.refusal.params == {"id": replaced, "codes": "SK-00007"}
    assert "hồ sơ mã SK-00007 mà lần nhập này đã xóa nay lại có trong kho" in result.message("vi")
    assert "Undo that later import first" in result.message("en")
    assert table_fingerprints(store)["initiatives"] == before and store.data_version() == version
    assert store.one("SELECT undone_at FROM imports WHERE id = ?", [replaced]) is None


# --- restore ------------------------------------------------------------------------------------------------


def test_restoring_a_snapshot_brings_back_one_record_per_code(store):
    ingest.commit(store, fx.csv_bytes(fx.rows(12)), "a.csv")
    taken = backup.snapshot(store, "manual")
    changed = fx.rows(12)
    for row in changed:
        row[2] += " (mới)"
    ingest.commit(store, fx.csv_bytes(changed + fx.rows(5, start=50)), "b.csv")
    assert store.record_count() == 17
    backup.restore_into(store, taken.path, by="lan")
    assert store.record_count() == 12 and _duplicated(store) == 0
    assert store.one("SELECT count(*) FROM initiatives WHERE title LIKE '%(mới)'") == 0


def _store_file_with_duplicates(tmp_path: Path, sample_db: Path) -> Path:
    planted = tmp_path / "planted" / "other.duckdb"
    planted.parent.mkdir()
    shutil.copy(sample_db, planted)
    _plant(planted, "SK-0001" if _has(planted, "SK-0001") else _first_code(planted), copies=2)
    return planted


def _has(db: Path, code: str) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(con.execute("SELECT count(*) FROM initiatives WHERE code = ?", [code]).fetchone()[0])
    finally:
        con.close()


def _first_code(db: Path) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT min(code) FROM initiatives").fetchone()[0]
    finally:
        con.close()


def test_a_store_file_with_a_code_held_twice_is_never_restored(tmp_path, sample_db):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    planted = _store_file_with_duplicates(tmp_path, sample_db)
    code = _first_code(planted)
    store = open_store(db)
    try:
        before = table_fingerprints(store)
        with pytest.raises(backup.BackupError) as caught:
            backup.restore_into(store, planted, by="lan")
        assert caught.value.code == "duplicates"
        assert f"initiatives.code: {code} ×3" in caught.value.params["detail"]
        assert "có mã hồ sơ ghi trên nhiều dòng" in backup.error_text(caught.value, "vi")
        assert "the store stays as it was" in backup.error_text(caught.value, "en")
        assert {k: v for k, v in table_fingerprints(store).items() if k != "meta"} == {
            k: v for k, v in before.items() if k != "meta"
        }
    finally:
        store.close()


def test_the_restore_itself_checks_codes_in_its_transaction(tmp_path, sample_db, monkeypatch):
    """With the snapshot's own check turned off, the restore's transaction still refuses it: nothing changes."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    planted = _store_file_with_duplicates(tmp_path, sample_db)
    monkeypatch.setattr(backup, "_refuse_duplicates_in", lambda path: None)
    store = open_store(db)
    try:
        count, version = store.record_count(), store.data_version()
        with pytest.raises(backup.BackupError) as caught:
            backup.restore_into(store, planted, by="lan")
        assert caught.value.code == "duplicates"
        assert store.record_count() == count and store.data_version() == version and _duplicated(store) == 0
    finally:
        store.close()


def test_the_restore_command_refuses_such_a_file_with_the_message(tmp_path, sample_db, capsys):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    planted = _store_file_with_duplicates(tmp_path, sample_db)
    assert main(["restore", str(planted), "--db", str(db)]) == 1
    assert "có mã hồ sơ ghi trên nhiều dòng" in capsys.readouterr().err
    assert _duplicated(db) == 0


# --- the check on opening -------------------------------------------------------------------------------------


def test_the_check_on_opening_refuses_a_store_with_a_code_held_twice(tmp_path, sample_db):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    code = _first_code(db)
    _plant(db, code)
    before = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(db, verify=True).close()
    assert caught.value.code == "store_duplicates"
    assert caught.value.detail == f"initiatives.code: {code} ×2"
    assert db.read_bytes() == before  # never written to
    text = backup.problem_text(caught.value.code, caught.value.detail, db, "vi")
    assert "bị hỏng: có mã hồ sơ ghi trên nhiều dòng" in text and code in text
    assert "held by more than one row" in backup.problem_text(
        caught.value.code, caught.value.detail, db, "en"
    )
    # a store opened without the check is found out by it too
    opened = open_store(db, read_only=True)
    try:
        with pytest.raises(StoreError, match="store_duplicates"):
            check_store(opened)
    finally:
        opened.close()


def test_many_duplicated_codes_are_counted_and_the_first_named(tmp_path, sample_db):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO initiatives SELECT * FROM initiatives ORDER BY code LIMIT 8")
    con.close()
    with pytest.raises(StoreError) as caught:
        open_store(db, verify=True).close()
    assert caught.value.detail.endswith("(+3)") and caught.value.detail.count("×2") == 5


def test_commands_on_such_a_store_exit_1_with_the_message_and_its_newest_snapshot(
    tmp_path, sample_db, capsys
):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    ingest.commit(store, fx.csv_bytes(fx.rows(3, prefix="NEW-")), "n.csv")  # a snapshot is taken first
    store.close()
    _plant(db, "NEW-00001")
    assert main(["summary", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "có mã hồ sơ ghi trên nhiều dòng (initiatives.code: NEW-00001 ×2)" in err
    assert backup.newest_verified(db).path.name in err  # and how to restore it
    assert main(["import", str(tmp_path / "none.csv"), "--db", str(db)]) != 0
    assert _duplicated(db) == 1  # untouched
