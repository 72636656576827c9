"""Writing: upsert, insert-only and replace-a-unit; the history that makes undo exact; undo and its refusals;
the illustrative sample's removal. Every check compares whole tables before and after."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import ingest
from analytics.filters import Filters
from analytics.metrics import progress
from tests.analytics.ingest import fixtures as fx

HEADERS = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Giá trị làm lợi (đồng)")


def csv(rows: list[list[str]], headers=HEADERS) -> bytes:
    return fx.csv_bytes(rows, headers=headers)


def first_file() -> bytes:
    return csv(
        [
            ["A-1", "Giải pháp một", "Lan", "BSR", "01/03/2022", "1.000.000"],
            ["A-2", "Giải pháp hai", "Minh", "BSR", "02/03/2022", ""],
            ["B-1", "Giải pháp ba", "Hùng", "PVEP", "03/07/2022", "2.000.000"],
        ]
    )


def snapshot(store) -> pd.DataFrame:
    return store.df("SELECT * FROM initiatives ORDER BY code")


@pytest.fixture
def store(make_store):
    return make_store()


def test_same_file_twice_changes_nothing_but_the_log(store):
    one = ingest.commit(store, first_file(), "a.csv", by="lan")
    assert (one.inserted, one.import_id) == (3, 1)
    before, history, version = (
        snapshot(store),
        store.df("SELECT * FROM initiative_history"),
        store.data_version(),
    )
    two = ingest.commit(store, first_file(), "a.csv")
    assert (two.inserted, two.updated, two.unchanged, two.import_id) == (0, 0, 3, 2)
    assert two.seen_before == [1]
    pd.testing.assert_frame_equal(snapshot(store), before)
    pd.testing.assert_frame_equal(store.df("SELECT * FROM initiative_history"), history)
    log = store.rows(
        "SELECT id, file_name, mode, imported_by, rows_read, inserted, unchanged FROM imports ORDER BY id"
    )
    assert log == [(1, "a.csv", "upsert", "lan", 3, 3, 0), (2, "a.csv", "upsert", None, 3, 0, 3)]
    assert store.data_version() == version + 1
    assert store.one("SELECT count(DISTINCT sha256) FROM imports") == 1


def test_dry_run_writes_nothing(store):
    ingest.commit(store, first_file(), "a.csv")
    before, version = snapshot(store), store.data_version()
    report = ingest.import_file(store, fx_path(store, first_file()), dry_run=True)
    assert report.dry_run and report.unchanged == 3 and report.import_id is None
    pd.testing.assert_frame_equal(snapshot(store), before)
    assert store.data_version() == version and store.one("SELECT count(*) FROM imports") == 1


def fx_path(store, data: bytes):
    path = store.path.parent / "file.csv"
    path.write_bytes(data)
    return path


def test_update_keeps_previous_values_and_undo_restores_them_exactly(store):
    ingest.commit(store, first_file(), "a.csv")
    before = snapshot(store)
    changed = csv(
        [
            ["A-1", "Giải pháp một (sửa)", "Lan", "BSR", "01/03/2022", "1.500.000"],
            ["A-2", "Giải pháp hai", "Minh", "BSR", "02/03/2022", ""],
            ["C-1", "Mới", "Nam", "PTSC", "05/05/2023", ""],
        ]
    )
    report = ingest.commit(store, changed, "b.csv")
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 1)
    history = store.rows(
        "SELECT action, code, title, benefit_vnd, prev_import_id FROM initiative_history WHERE import_id = 2 ORDER BY code"
    )
    # Only changed records have previous values to keep; an inserted record is known by its import_id.
    assert history == [("update", "A-1", "Giải pháp một", 1_000_000, 1)]
    assert store.one("SELECT import_id FROM initiatives WHERE code = 'C-1'") == 2
    assert store.one("SELECT import_id FROM initiatives WHERE code = 'A-1'") == 2
    assert store.one("SELECT phase FROM initiatives WHERE code = 'C-1'") == 2
    result = ingest.undo(store, report.import_id, by="lan")
    assert result.ok and (result.deleted, result.restored) == (1, 1)
    pd.testing.assert_frame_equal(snapshot(store), before)
    assert store.one("SELECT undone_at IS NOT NULL FROM imports WHERE id = 2")
    assert (
        store.one("SELECT count(*) FROM reference_history WHERE table_name = 'imports' AND row_key = '2'")
        == 1
    )
    assert ingest.undo(store, 2).refusal.code == "undo_done"


def test_columns_a_file_lacks_are_left_as_they_were(store):
    ingest.commit(store, first_file(), "a.csv")
    partial = csv([["A-1", "Giải pháp một", "Lan", "BSR", "01/03/2022"]], headers=HEADERS[:5])
    report = ingest.commit(store, partial, "partial.csv")
    assert (
        report.unchanged == 1
        and store.one("SELECT benefit_vnd FROM initiatives WHERE code = 'A-1'") == 1_000_000
    )


def test_insert_only_mode_keeps_existing_codes(store):
    ingest.commit(store, first_file(), "a.csv")
    body = [
        ["A-1", "Đổi tên", "Lan", "BSR", "01/03/2022", "9"],
        ["D-1", "Mới", "Lan", "BSR", "01/03/2022", ""],
    ]
    report = ingest.commit(store, csv(body), "b.csv", mode="insert")
    assert (report.inserted, report.updated, report.unchanged, report.kept) == (1, 0, 1, 1)
    assert store.one("SELECT title FROM initiatives WHERE code = 'A-1'") == "Giải pháp một"
    assert "chỉ thêm mới" in report.message()


def test_replace_mode_replaces_the_units_in_the_file_and_undo_brings_them_back(store):
    ingest.commit(store, first_file(), "a.csv")
    before = snapshot(store)
    bsr_only = csv(
        [
            ["A-1", "Giải pháp một", "Lan", "BSR", "01/03/2022", "1.000.000"],
            ["A-9", "Mới", "Lan", "BSR", "09/03/2022", ""],
        ]
    )
    dry = ingest.validate(store, bsr_only, "bsr.csv", mode="replace")
    assert (dry.deleted, dry.replace_units) == (1, ["BSR"])
    report = ingest.commit(store, bsr_only, "bsr.csv", mode="replace")
    assert (report.inserted, report.unchanged, report.deleted) == (1, 1, 1)
    assert sorted(snapshot(store)["code"]) == ["A-1", "A-9", "B-1"]  # PVEP's B-1 untouched, BSR's A-2 gone
    assert store.one("SELECT action FROM initiative_history WHERE import_id = 2 AND code = 'A-2'") == "delete"
    assert ingest.undo(store, report.import_id).ok
    pd.testing.assert_frame_equal(snapshot(store), before)


def test_replace_mode_with_named_units_rejects_rows_of_other_units(store):
    ingest.commit(store, first_file(), "a.csv")
    body = [
        ["A-1", "Giải pháp một", "Lan", "BSR", "01/03/2022", ""],
        ["B-2", "Khác", "Hùng", "PVEP", "01/08/2022", ""],
    ]
    report = ingest.commit(store, csv(body), "x.csv", mode="replace", units=["bsr"])
    assert report.replace_units == ["BSR"] and report.rejected == 1
    assert report.errors[0].reason == "outside_replace"
    assert store.one("SELECT count(*) FROM initiatives WHERE unit_code = 'PVEP'") == 1
    refused = ingest.commit(store, csv(body), "x.csv", mode="replace", units=["Công ty Ma"])
    assert refused.refusal.code == "unknown_replace_unit"


def test_undo_is_refused_while_a_later_import_changed_the_same_records(store):
    first = ingest.commit(store, first_file(), "a.csv")
    before_any = snapshot(store)
    second = ingest.commit(
        store, csv([["A-1", "Sửa lần hai", "Lan", "BSR", "01/03/2022", "1.000.000"]]), "b.csv"
    )
    third = ingest.commit(store, csv([["Z-1", "Không liên quan", "Lan", "PTSC", "01/03/2022", ""]]), "c.csv")
    blocked = ingest.undo(store, first.import_id)
    assert (
        not blocked.ok and blocked.refusal.code == "undo_blocked" and blocked.refusal.params["imports"] == [2]
    )
    assert "#2" in blocked.message("vi")
    assert ingest.undo_blockers(store, third.import_id) == []
    assert ingest.undo(store, second.import_id).ok
    assert ingest.undo(store, first.import_id).ok
    assert ingest.undo(store, third.import_id).ok
    assert store.record_count() == 0
    assert ingest.undo(store, 99).refusal.code == "undo_unknown"
    # Redo in the same order gives the same state as the first time.
    ingest.commit(store, first_file(), "a.csv")
    pd.testing.assert_frame_equal(
        snapshot(store).drop(columns="import_id"), before_any.drop(columns="import_id")
    )


def test_history_frame(store):
    ingest.commit(store, first_file(), "a.csv", by="lan")
    ingest.commit(store, first_file(), "a.csv", by="lan", mode="replace")
    frame = ingest.history(store)
    assert frame["id"].tolist() == [2, 1] and frame["mode"].tolist() == ["replace", "upsert"]
    assert frame.loc[frame["id"] == 1, "inserted"].item() == 3


def test_removing_the_sample_then_loading_real_data(sample_copy):
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        assert store.has_sample() and store.record_count() == 7085 + 8732  # both programs' records
        before = progress(store, Filters()).program["registered"]
        sample_id = ingest.sample_import_id(store)
        result = ingest.undo(store, sample_id)
        assert result.ok and result.deleted == 7085 + 8732
        assert not store.has_sample() and store.record_count() == 0 and not store.never_imported()
        report = ingest.commit(store, fx.csv_bytes(fx.rows(20)), "real.csv")
        assert report.inserted == 20
        assert progress(store, Filters()).program["registered"] == 20 != before
    finally:
        store.close()


def test_sample_removal_is_refused_once_real_imports_changed_sample_records(sample_copy):
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        code, unit, day = store.rows("SELECT code, unit_code, registered_on FROM initiatives LIMIT 1")[0]
        body = [[code, "Sửa hồ sơ minh họa", "Lan", unit, day.strftime("%d/%m/%Y"), ""]]
        assert ingest.commit(store, csv(body), "fix.csv").updated == 1
        refusal = ingest.undo(store, ingest.sample_import_id(store)).refusal
        assert refusal.code == "undo_blocked" and refusal.params["imports"] == [2]
    finally:
        store.close()


def test_templates_round_trip(store):
    for data in (
        ingest.template_csv("vi"),
        ingest.template_xlsx("vi"),
        ingest.template_csv("en"),
        ingest.template_xlsx("en"),
    ):
        report = ingest.validate(store, data, "template")
        assert report.ok and (report.inserted, report.rejected) == (1, 0), report.message()
    assert ingest.template_csv().startswith(b"\xef\xbb\xbf")
    header = ingest.template_csv().decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Mã sáng kiến,Tên sáng kiến,Tác giả")
