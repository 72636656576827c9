"""Metric definitions on hand-made data with known answers, including the edge cases."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from analytics import metrics
from analytics.filters import Filters
from analytics.store import STATUSES
from tests.conftest import ONE_MILLION, insert_records, record


def unit_row(prog, unit, scope="all"):
    rows = prog.unit_rows(scope)
    return rows[rows["unit"] == unit].iloc[0]


def test_tiers_at_their_boundaries(make_store):
    # Phase-1 targets from data/targets.csv: PVU 30, VPI 60, PVC 25, PVTex 10.
    rows = [record(f"PVU-{i}", "PVU", "2022-01-10") for i in range(30)]  # 30/30 -> met
    rows += [record(f"VPI-{i}", "VPI", "2022-01-10") for i in range(30)]  # 30/60 -> over half
    rows += [record(f"PVC-{i}", "PVC", "2022-01-10") for i in range(12)]  # 12/25 -> under half
    prog = metrics.progress(make_store(rows), Filters(phase=1))
    assert unit_row(prog, "PVU", 1)[["pct", "tier"]].tolist() == [100.0, "met"]
    assert unit_row(prog, "VPI", 1)[["pct", "tier"]].tolist() == [50.0, "over_half"]
    assert unit_row(prog, "PVC", 1)[["pct", "tier"]].tolist() == [48.0, "under_half"]
    assert unit_row(prog, "PVTex", 1)[["registered", "pct", "tier"]].tolist() == [0, 0.0, "none"]
    assert prog.program["units_met"] == 1 and prog.program["units_total"] == 33


def test_percentage_rounds_down_so_100_means_met():
    assert metrics.pct_of_target(1458, 1400) == 104.1
    assert metrics.pct_of_target(2, 3) == 66.6
    assert metrics.pct_of_target(9999, 10000) == 99.9
    assert math.isnan(metrics.pct_of_target(5, 0))
    assert math.isnan(metrics.pct_of_target(5, None))


def test_unit_without_target(make_store):
    store = make_store([record("A1", "PVTex", "2022-02-01"), record("A2", "PVTex", "2022-07-01")])
    with store.transaction() as cur:
        cur.execute("DELETE FROM targets WHERE unit_code IN ('PVTex', 'PVE')")
    prog = metrics.progress(store, Filters())
    pvtex = unit_row(prog, "PVTex")
    assert math.isnan(pvtex["target"]) and math.isnan(pvtex["pct"]) and math.isnan(pvtex["gap"])
    assert pvtex["tier"] == "met"  # registered something against no target
    assert unit_row(prog, "PVE")["tier"] == "none"
    # The program keeps the union's official targets.
    assert prog.program["target"] == 5400


def test_phase_without_records(make_store):
    store = make_store([record(f"X{i}", "BSR", "2021-10-05") for i in range(7)])
    prog = metrics.progress(store, Filters())
    phase2 = prog.phases[prog.phases["phase"] == 2].iloc[0]
    assert (phase2["registered"], phase2["pct"], phase2["units_met"], phase2["authors"]) == (0, 0.0, 0, 0)
    assert phase2["gap"] == 4000
    assert set(prog.unit_rows(2)["tier"]) == {"none"}
    assert prog.program["registered"] == 7


def test_as_of_includes_its_own_day(make_store):
    store = make_store(
        [
            record("D1", "BSR", "2022-05-30"),
            record("D2", "BSR", "2022-05-31"),
            record("D3", "BSR", "2022-06-01"),
        ]
    )
    assert metrics.progress(store, Filters(as_of=dt.date(2022, 5, 31))).program["registered"] == 2
    assert metrics.progress(store, Filters(as_of=dt.date(2022, 5, 30))).program["registered"] == 1
    assert metrics.progress(store, Filters()).as_of == dt.date(2022, 6, 1)
    # The boundary day is the last day of phase 1; the next day opens phase 2.
    prog = metrics.progress(store, Filters())
    assert prog.phases.set_index("phase")["registered"].to_dict() == {1: 2, 2: 1}


def test_authors_are_people_within_a_unit(make_store):
    store = make_store(
        [
            record("P1", "BSR", "2022-01-01", authors="Nguyễn Văn An; Trần Thị Bình", author_count=2),
            record("P2", "BSR", "2022-01-02", authors=" nguyễn văn an ;Lê Hữu Cường", author_count=2),
            record("P3", "PVU", "2022-01-03", authors="Nguyễn Văn An", author_count=1),
            record("P4", "PVU", "2022-01-04", authors="", author_count=0),
        ]
    )
    prog = metrics.progress(store, Filters())
    assert prog.program["authors"] == 4  # An (BSR), Bình, Cường, An (PVU)
    assert unit_row(prog, "BSR")["authors"] == 3
    assert unit_row(prog, "PVU")["authors"] == 1


def test_unit_filter_sums_the_units_targets(make_store):
    store = make_store(
        [
            record("U1", "BSR", "2022-01-01"),
            record("U2", "PVU", "2022-01-01"),
            record("U3", "VPI", "2022-01-01"),
        ]
    )
    prog = metrics.progress(store, Filters(units=("BSR", "PVU")))
    assert prog.program["registered"] == 2
    assert prog.program["target"] == 170 + 460 + 30 + 90
    assert prog.program["units_total"] == 2
    phase1 = metrics.progress(store, Filters(units=("BSR", "PVU"), phase=1))
    assert phase1.program["target"] == 200


def test_group_filter_adds_whole_groups(make_store):
    store = make_store(
        [
            record("G1", "PV GAS", "2022-01-01"),
            record("G2", "KCM", "2022-01-01"),
            record("G3", "BSR", "2022-01-01"),
        ]
    )
    prog = metrics.progress(store, Filters(groups=("Khí",)))
    assert set(prog.unit_rows()["unit"]) == {"PV GAS", "KCM", "PV Coating"}
    assert prog.program["registered"] == 2


def test_field_status_and_date_filters(make_store):
    store = make_store(
        [
            record("F1", "BSR", "2022-01-01", field="Chuyển đổi số", status="applied", benefit_vnd=5_000_000),
            record("F2", "BSR", "2022-03-01", status="registered"),
            record("F3", "BSR", "2022-08-01", field="Chuyển đổi số", status="applied", benefit_vnd=7_000_000),
        ]
    )

    def count(**kw):
        return metrics.progress(store, Filters(**kw)).program["registered"]

    assert count(fields=("Chuyển đổi số",)) == 2
    assert count(statuses=("registered",)) == 1
    assert count(date_from=dt.date(2022, 2, 1), date_to=dt.date(2022, 12, 31)) == 2
    assert metrics.progress(store, Filters(statuses=("applied",))).program["benefit_vnd"] == 12_000_000


def test_pace_states():
    start, end = dt.date(2022, 6, 1), dt.date(2022, 12, 31)
    as_of = dt.date(2022, 10, 1)  # 91 days left = 13 weeks
    on_track = metrics.pace(60, 100, recent=32, as_of=as_of, start_on=start, end_on=end)
    assert on_track.weekly_recent == pytest.approx(4.0)
    assert on_track.weekly_needed == pytest.approx(40 / 13)
    assert on_track.projected == pytest.approx(60 + 4 * 13) and on_track.state == "on_track"
    assert metrics.pace(60, 100, recent=20, as_of=as_of, start_on=start, end_on=end).state == "at_risk"
    assert metrics.pace(20, 100, recent=8, as_of=as_of, start_on=start, end_on=end).state == "behind"
    assert metrics.pace(100, 100, recent=0, as_of=as_of, start_on=start, end_on=end).state == "done"
    assert (
        metrics.pace(50, 100, recent=0, as_of=dt.date(2023, 2, 1), start_on=start, end_on=end).state
        == "ended"
    )


def test_running_phase_and_needed_rate(sample_store):
    overall, units = metrics.phase_pace(sample_store, Filters(as_of=dt.date(2023, 4, 14)))
    assert overall.phase == 2 and overall.registered == 2058 and overall.target == 4000
    assert overall.weekly_needed == pytest.approx(
        (4000 - 2058) / ((dt.date(2023, 9, 30) - dt.date(2023, 4, 14)).days / 7)
    )
    assert set(units["state"]) <= set(metrics.PACE_STATES)
    assert len(units) == 33


def test_a_period_not_begun_has_no_pace(sample_store):
    """Phase 2 viewed as of a day in phase 1 read "behind", projected 0, with every unit behind too."""
    filters = Filters(program=ONE_MILLION, phase=2, as_of=dt.date(2022, 3, 1))
    overall, units = metrics.phase_pace(sample_store, filters)
    assert overall is None and units.empty
    begun, _ = metrics.phase_pace(
        sample_store, Filters(program=ONE_MILLION, phase=2, as_of=dt.date(2022, 7, 1))
    )
    assert begun.phase == 2 and begun.state in metrics.PACE_STATES


def test_weekly_and_monthly_totals_match_daily(sample_store):
    daily = metrics.daily_registrations(sample_store, Filters(program=ONE_MILLION))
    assert metrics.per_period(daily, "W")["registered"].sum() == 7085
    monthly = metrics.per_period(daily, "M")
    assert monthly["registered"].sum() == 7085
    assert monthly["period"].iloc[0].strftime("%Y-%m-%d") == "2021-09-01"


def test_benefit_by_dimension_and_remuneration(make_store):
    store = make_store(
        [
            record("B1", "BSR", "2022-01-01", status="applied", benefit_vnd=1_000_000_000),
            record("B2", "BSR", "2022-07-01", status="recognized", benefit_vnd=500_000_000),
            record(
                "B3", "PVU", "2022-07-02", status="applied", benefit_vnd=200_000_000, field="Chuyển đổi số"
            ),
        ]
    )
    by = metrics.benefit_by(store, Filters())
    units = by["unit"].set_index("key")
    assert units.loc["BSR", "benefit_vnd"] == 1_500_000_000
    assert units.loc["BSR", "min_remuneration"] == pytest.approx(70_000_000)  # 7% of applied only
    assert by["phase"].set_index("key").loc["2", "benefit_vnd"] == 700_000_000
    assert metrics.min_remuneration(1_000_000_000) == {"per_year": 70_000_000, "three_years": 210_000_000}
    top = metrics.top_initiatives(store, Filters(), limit=2)
    assert top["code"].tolist() == ["B1", "B2"]


def test_record_search_ignores_accents_and_case(make_store):
    store = make_store(
        [
            record("S1", "BSR", "2022-01-01", title="Cải tiến BƠM tuần hoàn"),
            record("S2", "BSR", "2022-01-02", title="Đổi mới quản lý"),
        ]
    )
    assert metrics.records(store, Filters(), search="bom")["code"].tolist() == ["S1"]
    assert metrics.record_count(store, Filters(), search="doi moi") == 1
    assert metrics.record_count(store, Filters(), search="%") == 0
    ordered = metrics.records(store, Filters(), order="registered_asc")["code"].tolist()
    assert ordered == ["S1", "S2"]


def test_rank_change_between_phases(make_store):
    rows = [record(f"R{i}", "PVU", "2022-01-01") for i in range(30)]  # phase 1 leader
    rows += [record(f"Q{i}", "VPI", "2022-07-01") for i in range(180)]  # phase 2 leader
    change = metrics.rank_change(make_store(rows), Filters()).set_index("unit")
    assert change.loc["PVU", "rank_1"] == 1 and change.loc["VPI", "rank_2"] == 1
    assert change.loc["VPI", "rank_change"] > 0 and change.loc["PVU", "rank_change"] < 0


def test_no_rank_change_against_a_period_not_begun(sample_store):
    """At 15/03/2022 phase 2 had not begun: every unit ranked on nothing there, and the Units table showed
    rank changes such as VPI "▼ 29" from phase 1 to a phase with no record yet."""
    early = metrics.rank_change(sample_store, Filters(program=ONE_MILLION, as_of=dt.date(2022, 3, 15)))
    assert early.empty
    # once both periods have begun the change is there (phase 2 began on 01/06/2022)
    later = metrics.rank_change(sample_store, Filters(program=ONE_MILLION, as_of=dt.date(2022, 6, 30)))
    assert len(later) == 33 and later["rank_change"].notna().all()


@pytest.mark.parametrize(
    "base",
    [
        Filters(),
        Filters(as_of=dt.date(2022, 5, 31)),
        Filters(phase=2, as_of=dt.date(2023, 4, 14)),
        Filters(units=("BSR", "PVU"), phase=1),
        Filters(groups=("Khí",)),
    ],
)
def test_author_index_equals_the_exact_count(sample_store, base):
    """The fast path (first registrations per author) and the exact path (filtered records) agree.

    Listing every status is no restriction, but it sends the count down the exact path.
    """
    fast = metrics.progress(sample_store, base)
    exact = metrics.progress(sample_store, base.with_(statuses=STATUSES))
    assert fast.program["authors"] == exact.program["authors"]
    assert fast.phases["authors"].tolist() == exact.phases["authors"].tolist()
    key = ["unit", "scope"]
    assert fast.units.sort_values(key)["authors"].tolist() == exact.units.sort_values(key)["authors"].tolist()


def test_search_pattern_matches_every_accent_and_escapes_regex():
    assert metrics.search_pattern("") == ""
    pattern = metrics.search_pattern("Bơm")
    assert pattern.startswith("b[") and pattern.endswith("m")
    assert metrics.search_pattern("a.b") == "[aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ]\\.b"
    assert metrics.search_pattern("(x") == "\\(x"


def test_search_with_regex_characters_is_literal(make_store):
    store = make_store(
        [
            record("R.1", "BSR", "2022-01-01", title="Van (DN50) ổn định"),
            record("R21", "BSR", "2022-01-02", title="Van DN50"),
        ]
    )
    assert metrics.record_count(store, Filters(), search="(dn50)") == 1
    assert metrics.record_count(store, Filters(), search="r.1") == 1
    assert metrics.record_count(store, Filters(), search="on dinh") == 1


def test_records_page_counts_all_matches_in_one_scan(sample_store):
    rows, total = metrics.records_page(
        sample_store, Filters(program=ONE_MILLION, units=("PVEP",)), search="bom", limit=5, offset=0
    )
    assert total == metrics.record_count(
        sample_store, Filters(program=ONE_MILLION, units=("PVEP",)), "bom"
    ) and len(rows) == min(5, total)
    _, beyond = metrics.records_page(
        sample_store, Filters(program=ONE_MILLION, units=("PVEP",)), limit=5, offset=10_000
    )
    assert beyond == 395  # a page past the end still knows the total
    searched_beyond, found = metrics.records_page(
        sample_store, Filters(program=ONE_MILLION, units=("PVEP",)), search="bom", limit=5, offset=10_000
    )
    assert (
        len(searched_beyond) == 0 and found == total
    )  # ... with a search too (the count from its own query)
    assert list(rows.columns) == list(searched_beyond.columns) and "_matches" not in rows.columns


def test_campaign_registrations_and_lift(sample_store):
    first = Filters(program=ONE_MILLION)
    daily = metrics.daily_registrations(sample_store, first)
    rows = metrics.campaign_registrations(daily, metrics.campaigns(sample_store, first), dt.date(2022, 5, 31))
    campaign = rows.iloc[0]
    expected = sample_store.one(
        "SELECT count(*) FROM initiatives WHERE registered_on BETWEEN DATE '2022-04-22' AND DATE '2022-05-31'"
    )
    assert campaign["registered"] == expected
    assert campaign["share"] == pytest.approx(expected * 100 / 1458)
    assert campaign["per_day"] == pytest.approx(expected / 40)
    assert campaign["lift"] > 3  # "registrations visibly rise" in the 40-day campaign
    # cut at the as-of day while the campaign runs; absent before it starts
    early = metrics.campaign_registrations(daily, metrics.campaigns(sample_store, first), dt.date(2022, 5, 1))
    assert early.iloc[0]["window_end"] == dt.date(2022, 5, 1) and early.iloc[0]["registered"] < expected
    assert metrics.campaign_registrations(
        daily, metrics.campaigns(sample_store, first), dt.date(2022, 4, 1)
    ).empty


def test_no_remaining_sentence_on_the_last_day_of_a_phase(make_store):
    """On a phase's last day, a unit short of its target hears about the next phase, not "before today"."""
    from analytics import narrative

    store = make_store([record("L1", "PVTex", "2022-05-02")])
    prog = metrics.progress(store, Filters(units=("PVTex",), as_of=dt.date(2022, 5, 31)))
    sentence = narrative.remaining_sentence(prog, "vi")
    assert "31/05/2022" not in sentence and sentence.startswith("Giai đoạn 2")


def test_author_index_is_kept_in_the_store_for_the_next_process(make_store):
    store = make_store(
        [
            record("A1", "BSR", "2022-01-01", authors="An; Bình"),
            record("A2", "PVU", "2022-07-01", authors="Chi"),
        ]
    )
    assert metrics.progress(store, Filters()).program["authors"] == 3
    assert store.one("SELECT value FROM meta WHERE key = 'author_firsts_version'") == str(
        store.data_version()
    )
    assert store.one("SELECT count(*) FROM author_firsts WHERE all_phases = 1") == 3
    # A new process (empty memory) reads the kept index instead of rebuilding it: tamper with it to see.
    metrics._author_steps_cache.clear()
    with store.derived_write() as cur:
        cur.execute("DELETE FROM author_firsts WHERE unit = 'PVU'")
    assert metrics.progress(store, Filters()).program["authors"] == 2
    # Any change of data makes the kept index stale: it is rebuilt from the records.
    insert_records(store, [record("A3", "PVU", "2022-08-01", authors="Dũng")])
    assert metrics.progress(store, Filters()).program["authors"] == 4
    assert store.one("SELECT value FROM meta WHERE key = 'author_firsts_version'") == str(
        store.data_version()
    )


def test_author_index_on_a_read_only_store_is_built_in_memory(sample_db, tmp_path):
    import shutil

    copy = tmp_path / "ro.duckdb"
    shutil.copy(sample_db, copy)
    from analytics.store import open_store

    store = open_store(copy, read_only=True)
    metrics._author_steps_cache.clear()
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["authors"] == 1062  # nothing written
    store.close()


def test_units_targets_and_periods_kept_by_data_version(make_store):
    # progress keeps a view's units, targets and periods by data version: a commit is seen at once, and a
    # caller changing the frames it was given changes nothing for the next view.
    store = make_store([record(f"T{i}", "PVU", "2022-01-10") for i in range(15)])
    first = metrics.progress(store, Filters(phase=1, as_of=dt.date(2022, 1, 20)))
    assert unit_row(first, "PVU", 1)[["target", "pct"]].tolist() == [30.0, 50.0]
    first.units["name"] = "changed"
    first.phases["name"] = "changed"
    again = metrics.progress(store, Filters(phase=1, as_of=dt.date(2022, 1, 25)))
    assert unit_row(again, "PVU", 1)["name"] != "changed" and "changed" not in set(again.phases["name"])
    with store.transaction() as cur:
        cur.execute("UPDATE targets SET target = 15 WHERE unit_code = 'PVU' AND phase = 1")
        cur.execute("UPDATE units SET name = 'Đơn vị mới' WHERE code = 'PVU'")
    after = metrics.progress(store, Filters(phase=1, as_of=dt.date(2022, 1, 20)))
    assert unit_row(after, "PVU", 1)[["target", "pct", "tier", "name"]].tolist() == [
        15.0,
        100.0,
        "met",
        "Đơn vị mới",
    ]
