"""Targets and units as analysts edit them: validation, one transaction, and a history row per changed cell."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import ingest
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(make_store):
    return make_store()


def target(store, unit: str, phase: int):
    return store.one("SELECT target FROM targets WHERE unit_code = ? AND phase = ?", [unit, phase])


def test_targets_round_trip_through_the_wide_table(store):
    wide = ingest.targets_wide(store)
    assert list(wide.columns) == ["unit_code", "name", "1", "2"] and len(wide) == 33
    assert wide.loc[wide["unit_code"] == "BSR", "1"].item() == 170
    wide.loc[wide["unit_code"] == "BSR", "1"] = 175
    wide.loc[wide["unit_code"] == "PVU", "2"] = None
    result = ingest.save_targets(store, ingest.wide_to_long(wide), by="lan")
    assert result.ok and (result.changed, result.removed, result.added) == (1, 1, 0)
    assert target(store, "BSR", 1) == 175 and target(store, "PVU", 2) is None
    history = store.rows(
        "SELECT changed_by, row_key, old_value, new_value FROM reference_history ORDER BY row_key"
    )
    assert (
        history[0] == ("lan", "BSR|1|1-trieu-sang-kien", "170", "175")  # unit|period|program
        and history[1][:2] == ("lan", "PVU|2|1-trieu-sang-kien")
        and history[1][3] is None
    )
    again = ingest.save_targets(store, ingest.wide_to_long(ingest.targets_wide(store)))
    assert again.ok and (again.changed, again.added, again.removed) == (0, 0, 0)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"unit_code": "BSR", "phase": 1, "target": -1}, "not_whole"),
        ({"unit_code": "BSR", "phase": 1, "target": "nhiều"}, "not_whole"),
        ({"unit_code": "BSR", "phase": 1, "target": 2.5}, "not_whole"),
        ({"unit_code": "NOPE", "phase": 1, "target": 5}, "unit_unknown"),
        ({"unit_code": "BSR", "phase": 9, "target": 5}, "phase_unknown"),
        ({"unit_code": None, "phase": 1, "target": 5}, "unit_missing"),
    ],
)
def test_invalid_targets_save_nothing(store, row, reason):
    good = {"unit_code": "VPI", "phase": 1, "target": 61}
    result = ingest.save_targets(store, pd.DataFrame([good, row]))
    assert not result.ok and [i.reason for i in result.issues] == [reason] and result.issues[0].row == 2
    assert target(store, "VPI", 1) == 60  # the valid row was not saved either
    assert result.issues_frame("vi").iloc[0, 3] and result.issues_frame("en").columns[3] == "Reason"


def test_a_repeated_unit_and_phase_is_refused(store):
    rows = pd.DataFrame(
        [{"unit_code": "BSR", "phase": 1, "target": 1}, {"unit_code": "BSR", "phase": 1, "target": 2}]
    )
    result = ingest.save_targets(store, rows)
    assert [i.reason for i in result.issues] == ["repeated"]


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        (
            ("Đơn vị", "Giai đoạn", "Chỉ tiêu"),
            [["bsr", "1", "180"], ["Tổng công ty Khí Việt Nam", "GĐ 2", "1.000"]],
        ),
        (("Mã đơn vị", "Giai đoạn 1", "Giai đoạn 2"), [["BSR", "180", "460"], ["PV GAS", "150", "1000"]]),
    ],
)
def test_targets_file_long_or_wide(store, headers, body):
    frame, found = ingest.read_targets(store, fx.csv_bytes(body, headers=headers), "chi-tieu.csv")
    assert found.ok, found.issues
    result = ingest.save_targets(store, frame.drop(columns=["row"]))
    assert result.ok
    assert target(store, "BSR", 1) == 180 and target(store, "PV GAS", 2) == 1000


def test_targets_file_problems(store):
    frame, found = ingest.read_targets(
        store, fx.csv_bytes([["Ma", "1", "5"]], headers=("Đơn vị", "Giai đoạn", "Chỉ tiêu")), "x.csv"
    )
    assert [(i.row, i.reason) for i in found.issues] == [(2, "unit_unknown")]
    _, layout = ingest.read_targets(store, fx.csv_bytes([["1"]], headers=("STT",)), "x.csv")
    assert layout.refusal == "ingest.ref.layout"
    _, picture = ingest.read_targets(store, fx.PNG_BYTES, "x.csv")
    assert picture.refusal == "ingest.refuse.not_table"


def test_units_edit_add_and_refuse_clashing_names(store):
    frame = ingest.units_frame(store)
    assert frame.loc[frame["code"] == "PVCFC", "aliases"].item() == "Đạm Cà Mau | Phân bón Cà Mau | PV CFC"
    frame.loc[frame["code"] == "PVCFC", "members"] = 1100
    frame.loc[frame["code"] == "PVCFC", "aliases"] = (
        "Đạm Cà Mau; Phân bón Cà Mau | PV CFC | Nhà máy Đạm Cà Mau"
    )
    new = pd.DataFrame([{"code": "PVX", "name": "Công ty Thử nghiệm", "short_name": None, "group_name": None,
                         "members": 10, "aliases": "Thử nghiệm"}])  # fmt: skip
    result = ingest.save_units(store, pd.concat([frame, new], ignore_index=True), by="lan")
    assert result.ok and result.added == 1 and result.changed == 2
    assert store.one("SELECT aliases FROM units WHERE code = 'PVCFC'") == [
        "Đạm Cà Mau",
        "Phân bón Cà Mau",
        "PV CFC",
        "Nhà máy Đạm Cà Mau",
    ]
    assert store.one("SELECT members FROM units WHERE code = 'PVX'") == 10
    clash = ingest.units_frame(store)
    clash.loc[clash["code"] == "BSR", "aliases"] = "pv gas"
    refused = ingest.save_units(store, clash)
    assert [(i.reason, i.value, i.params) for i in refused.issues] == [
        ("alias_clash", "pv gas", {"unit": "PV GAS"})
    ]
    bad = ingest.units_frame(store)
    bad.loc[bad["code"] == "BSR", "members"] = -3
    bad.loc[bad["code"] == "VPI", "name"] = " "
    assert sorted(i.reason for i in ingest.save_units(store, bad).issues) == ["name_missing", "not_whole"]
