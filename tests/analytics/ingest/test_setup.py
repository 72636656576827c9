"""Setting up periods and programs (analytics.ingest.setup) on real store files: validation that names every
problem and writes nothing, one transaction, a reference_history row per change, and the figures following."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import ingest, metrics
from analytics.filters import Filters
from analytics.store import open_store
from tests.conftest import DMST, ONE_MILLION

D = dt.date


@pytest.fixture
def store(sample_copy):
    opened = open_store(sample_copy)
    yield opened
    opened.close()


def history(store, table):
    return store.rows(
        "SELECT row_key, column_name, old_value, new_value FROM reference_history WHERE table_name = ? "
        "ORDER BY changed_at, row_key",
        [table],
    )


def test_the_next_period_follows_the_last_one(store):
    assert ingest.next_period(store, DMST) == {
        "period": 2027,
        "name": "Năm 2027",
        "start_on": D(2027, 1, 1),
        "end_on": D(2027, 12, 31),
    }
    assert ingest.next_period(store, ONE_MILLION)["period"] == 3


def test_setting_up_2027_with_proposed_targets(store):
    result = ingest.save_period(
        store,
        {"period": 2027, "start_on": D(2027, 1, 1), "end_on": D(2027, 12, 31), "theme": "Bứt phá"},
        DMST,
        "lan",
    )
    assert result.ok and result.added == 1
    assert store.rows("SELECT name, theme FROM periods WHERE program_code = ? AND period = 2027", [DMST]) == [
        ("Năm 2027", "Bứt phá")
    ]
    assert history(store, "periods") == [(f"{DMST}|2027", "period", None, "2027")]

    proposal = ingest.proposed_targets(store, 2027, growth=10, program=DMST)
    assert proposal.basis == 2026
    bsr = proposal.rows.set_index("unit_code").loc["BSR"]
    done = store.one(
        "SELECT count(*) FROM initiatives WHERE unit_code = 'BSR' AND program_code = ? AND phase = 2026",
        [DMST],
    )
    assert bsr["basis_registered"] == done and bsr["rate_per_100"] == pytest.approx(done * 100 / 1520)
    assert bsr["proposed"] == round(1520 * (done * 100 / 1520) / 100 * 1.1)
    assert bsr["formula"].startswith("1.520 đoàn viên × ") and bsr["formula"].endswith(f"= {bsr['proposed']}")
    edited = ingest.proposal_targets(proposal)
    edited.loc[edited["unit_code"] == "PVU", "target"] = 7  # every number editable before saving
    saved = ingest.save_targets(store, edited, by="lan", program=DMST)
    assert saved.ok and saved.added == len(edited.dropna())
    prog = metrics.progress(store, Filters(program=DMST, phase=2027))
    units = prog.unit_rows(2027).set_index("unit")
    assert units.loc["BSR", "target"] == bsr["proposed"] and units.loc["PVU", "target"] == 7
    assert prog.program["target"] == edited["target"].sum()
    assert ("BSR|2027|" + DMST, "target", None, str(bsr["proposed"])) in history(store, "targets")


def test_targets_copied_from_the_period_before_with_a_percentage(store):
    ingest.save_period(store, {"period": 2027, "start_on": D(2027, 1, 1), "end_on": D(2027, 12, 31)}, DMST)
    copied = ingest.copied_targets(store, 2027, 20, DMST)
    before = dict(
        store.rows("SELECT unit_code, target FROM targets WHERE program_code = ? AND phase = 2026", [DMST])
    )
    rows = copied.rows.set_index("unit_code")
    assert copied.basis == 2026 and rows.loc["BSR", "proposed"] == round(before["BSR"] * 1.2)
    assert len(rows) == len(before)


def test_a_period_is_refused_with_every_reason_and_nothing_written(store):
    version = store.data_version()
    result = ingest.save_period(
        store, {"period": "hai", "start_on": "31/02/2027", "end_on": D(2029, 12, 31), "target": -3}, DMST
    )
    reasons = {i.reason for i in result.issues}
    assert reasons == {"not_whole", "date_bad"}
    overlap = ingest.save_period(
        store, {"period": 2027, "start_on": D(2026, 6, 1), "end_on": D(2027, 5, 31)}, DMST
    )
    assert [i.reason for i in overlap.issues] == ["period_overlap"]
    assert "trùng thời gian với kỳ 2026" in overlap.issues[0].text("vi")
    outside = ingest.save_period(
        store, {"period": 2029, "start_on": D(2029, 1, 1), "end_on": D(2029, 12, 31)}, DMST
    )
    assert [i.reason for i in outside.issues] == ["period_outside_window"]
    assert (
        store.data_version() == version and store.one("SELECT count(*) FROM periods WHERE period > 2026") == 0
    )


def test_records_already_in_a_new_periods_dates_join_it(store):
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO initiatives (code, title, unit_code, status, registered_on, program_code) "
            "VALUES ('L1', 'Sớm', 'BSR', 'registered', DATE '2027-02-01', ?)",
            [DMST],
        )
    assert ingest.save_period(
        store, {"period": 2027, "start_on": D(2027, 1, 1), "end_on": D(2027, 12, 31)}, DMST
    ).ok
    assert store.one("SELECT phase FROM initiatives WHERE code = 'L1'") == 2027


def test_a_new_program_and_its_changes(store):
    values = {
        "code": "sang-tao-tinh",
        "name": "Sáng tạo tỉnh 2026",
        "start_on": D(2026, 3, 1),
        "end_on": D(2026, 12, 31),
        "noun_vi": "giải pháp",
        "noun_en": "solutions",
        "period_word_vi": "Đợt",
        "period_word_en": "Round",
    }
    assert ingest.save_program(store, values, "lan").added == 1
    program = next(p for p in metrics.programs(store) if p.code == "sang-tao-tinh")
    assert program.period_label(1, "vi") == "Đợt 1" and program.noun("en") == "solutions"
    changed = ingest.save_program(store, {**values, "target": "1.200", "end_on": "30/12/2026"}, "lan")
    assert changed.ok and changed.changed == 2
    assert ("sang-tao-tinh", "target", None, "1200") in history(store, "programs")
    bad = ingest.save_program(store, {**values, "code": "Sáng Tạo", "name": "", "end_on": D(2025, 1, 1)})
    assert {i.reason for i in bad.issues} == {"program_code", "name_needed", "dates_order"}
    shrunk = ingest.save_program(store, {**values, "code": DMST, "name": "x", "end_on": D(2025, 6, 30)})
    assert "period_outside_program" in {i.reason for i in shrunk.issues}


def test_campaigns_and_milestones_per_program(store):
    frame = pd.DataFrame(
        [{"name": "Nước rút cuối năm 2026", "start_on": D(2026, 11, 1), "end_on": D(2026, 12, 31)}]
    )
    assert ingest.save_campaigns(store, frame, DMST, "lan").added == 1
    assert metrics.campaigns(store, Filters(program=DMST))["name"].tolist() == ["Nước rút cuối năm 2026"]
    assert metrics.campaigns(store, Filters(program=ONE_MILLION))["name"].tolist() == [
        "Chiến dịch thi đua cao điểm 40 ngày"
    ]
    bad = ingest.save_campaigns(
        store, pd.DataFrame([{"name": "", "start_on": D(2026, 2, 1), "end_on": D(2026, 1, 1)}]), DMST
    )
    assert {i.reason for i in bad.issues} == {"name_needed", "dates_order"}
    milestones = ingest.milestones_frame(store, DMST)
    extra = pd.DataFrame([{"on_date": D(2026, 6, 30), "cumulative_target": 4600, "label": "Giữa năm 2026"}])
    assert ingest.save_milestones(store, pd.concat([milestones, extra]), DMST, "lan").added == 1
    assert len(metrics.milestones(store, Filters(program=DMST))) == len(milestones) + 1
    assert history(store, "milestones")[-1][3] == "Giữa năm 2026"


def test_unit_changes_and_union_names_are_validated_and_kept(store):
    changes = ingest.unit_changes_frame(store)
    assert set(changes["kind"]) == {"add", "rename"}
    merge = pd.DataFrame(
        [{"on_date": D(2026, 1, 1), "kind": "merge", "unit_code": "PVMTC", "successor_code": "PVU"}]
    )
    assert ingest.save_unit_changes(store, pd.concat([changes, merge]), "lan").added == 1
    units = metrics.progress(store, Filters(program=DMST, phase=2026)).unit_rows(2026)
    assert "PVMTC" not in units["unit"].tolist()
    bad = pd.DataFrame([{"on_date": "x", "kind": "gộp", "unit_code": "NOPE", "successor_code": None}])
    assert {i.reason for i in ingest.save_unit_changes(store, bad).issues} == {
        "date_bad",
        "change_kind",
        "unit_unknown",
    }
    names = ingest.union_names_frame(store)
    assert names["name"].tolist() == ["Công đoàn Dầu khí Việt Nam", "Công đoàn Petrovietnam"]
    repeated = pd.concat([names, names.tail(1)])
    assert [i.reason for i in ingest.save_union_names(store, repeated).issues] == ["date_repeated"]


def test_a_programs_words_hold_no_markup(store):
    """The program's name, noun and period word fill sentences shown as Markdown, HTML and chart labels."""
    values = {
        "code": "sang-tao-tinh",
        "name": "Sáng tạo [tỉnh](https://evil.example)",
        "start_on": D(2026, 3, 1),
        "end_on": D(2026, 12, 31),
        "noun_vi": "<b>giải pháp</b>",
        "period_word_en": "Round*",
    }
    refused = ingest.save_program(store, values, "lan")
    assert not refused.ok and {(i.column, i.reason) for i in refused.issues} == {
        ("name", "markup_characters"),
        ("noun_vi", "markup_characters"),
        ("period_word_en", "markup_characters"),
    }
    assert "sang-tao-tinh" not in {p.code for p in metrics.programs(store)}
    fine = {
        **values,
        "name": "Sáng tạo tỉnh (2026) – “Đợt 1”",
        "noun_vi": "giải pháp",
        "period_word_en": "Round",
    }
    assert ingest.save_program(store, fine, "lan").added == 1
