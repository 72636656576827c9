"""A new store's reference rows (units, phases, targets, campaigns, milestones) are the CSV files in data/,
row for row in file order, with their types: pinned from the files themselves, so that the way they are
loaded (one statement per table) may change and what is stored may not."""

from __future__ import annotations

import csv
import datetime as dt

from analytics.store import DATA_DIR, open_store


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _none(value: str) -> str | None:
    return value or None


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def test_a_new_store_holds_the_reference_files_row_for_row(tmp_path):
    store = open_store(tmp_path / "moi.duckdb")
    try:
        units = [
            (
                r["code"], r["name"], _none(r["short_name"]), _none(r["parent_code"]), _none(r["group_name"]),
                int(r["members"]) if r["members"] else None,
                [a.strip() for a in r["aliases"].split("|") if a.strip()],
            )
            for r in _rows("units.csv")
        ]  # fmt: skip
        assert (
            store.rows(
                "SELECT code, name, short_name, parent_code, group_name, members, aliases FROM units ORDER BY rowid"
            )
            == units
        )
        assert store.rows(
            "SELECT typeof(members), typeof(aliases) FROM units WHERE members IS NOT NULL LIMIT 1"
        ) == [("INTEGER", "VARCHAR[]")]
        targets = [(r["unit_code"], int(r["phase"]), int(r["target"])) for r in _rows("targets.csv")]
        assert store.rows("SELECT unit_code, phase, target FROM targets ORDER BY rowid") == targets
        campaigns = [(r["name"], _day(r["start_on"]), _day(r["end_on"])) for r in _rows("campaigns.csv")]
        assert store.rows("SELECT name, start_on, end_on FROM campaigns ORDER BY rowid") == campaigns
        milestones = [
            (_day(r["on_date"]), int(r["cumulative_target"]), _none(r["label"]))
            for r in _rows("milestones.csv")
        ]
        assert (
            store.rows("SELECT on_date, cumulative_target, label FROM milestones ORDER BY rowid")
            == milestones
        )
        phases = [
            (int(r["phase"]), r["name"], _day(r["start_on"]), _day(r["end_on"]), int(r["target"]))
            for r in _rows("phases.csv")
        ]
        assert store.rows("SELECT phase, name, start_on, end_on, target FROM phases ORDER BY phase") == phases
        assert len(units) > 10 and len(targets) > 10 and phases and campaigns and milestones
    finally:
        store.close()
