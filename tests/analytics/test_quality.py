"""The quality figures (analytics.quality) on hand-made stores whose answers are known, on the sample, and
through the `duplicates` command."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys

import pandas as pd
import pytest

from analytics import ingest, quality
from analytics.filters import Filters
from analytics.i18n import has_key
from analytics.store import open_store
from tests.conftest import DMST, ONE_MILLION, ROOT, insert_records, record

P1 = Filters(program=ONE_MILLION)


def test_the_funnel_counts_stages_levels_days_and_the_backlog(make_store):
    rows = [
        record("F1", "BSR", "2022-01-03", status="registered", recognized_on=None, level=None),
        record(
            "F2", "BSR", "2022-01-03", status="recognized", recognized_on=dt.date(2022, 1, 13), level="unit"
        ),
        record(
            "F3",
            "BSR",
            "2022-01-03",
            status="applied",
            recognized_on=dt.date(2022, 1, 23),
            applied_on=dt.date(2022, 2, 2),
            level="sector",
        ),  # fmt: skip
        record("F4", "VPI", "2023-08-01", status="registered", recognized_on=None, level=None),
        record("F5", "VPI", "2022-07-01", status="not_recognized", recognized_on=None, level=None),
        record(
            "F6",
            "VPI",
            "2022-07-01",
            status="applied",
            recognized_on=dt.date(2022, 7, 31),
            applied_on=dt.date(2022, 8, 30),
            level="national",
        ),  # fmt: skip
        record(
            "F7", "BSR", "2023-08-31", status="recognized", recognized_on=dt.date(2023, 8, 31), level=None
        ),
    ]
    store = make_store(rows)
    fun = quality.funnel(store, P1)  # as of the newest record, 31/08/2023; backlog: before 02/06/2023
    o = fun.overall
    assert fun.as_of == dt.date(2023, 8, 31) and fun.cutoff == dt.date(2023, 6, 2)
    assert (o["registered"], o["recognized"], o["applied"], o["not_recognized"]) == (7, 4, 2, 1)
    assert (o["level_unit"], o["level_sector"], o["level_national"]) == (2, 1, 1)  # F7 without a level: cơ sở
    assert o["recognized_rate"] == pytest.approx(400 / 7) and o["applied_rate"] == 50
    assert o["days_to_recognition"] == 15  # 10, 20, 30, 0 days
    assert o["days_to_application"] == 20  # 10 and 30 days
    assert o["backlog"] == 1 and o["oldest_waiting"] == dt.date(2022, 1, 3)  # F1; F4 waits 30 days only
    by_unit = fun.by_unit.set_index("unit")
    assert by_unit.loc["BSR", "backlog"] == 1 and by_unit.loc["VPI", "backlog"] == 0
    assert by_unit.loc["VPI", "registered"] == 3
    assert fun.by_period.set_index("phase").loc[2, "registered"] == 4  # from 01/06/2022
    assert quality.funnel(store, P1, backlog_days=20).overall["backlog"] == 2  # F4 too
    link = quality.records_link(P1, "vi", status="registered", to=fun.cutoff - dt.timedelta(days=1))
    assert link == "records?program=1-trieu-sang-kien&status=registered&to=2023-06-01"


def test_a_unit_is_silent_when_its_newest_record_is_older_than_n_days(make_store):
    store = make_store(
        [
            record("S1", "BSR", "2023-08-31"),
            record("S2", "VPI", "2023-08-01", recognized_on=dt.date(2023, 8, 21)),  # 30 days: not silent
            record("S3", "PVU", "2023-07-31"),  # 31 days: silent
            record("S4", "PVU", "2023-01-10", recognized_on=dt.date(2023, 1, 30)),
        ]
    )
    fresh = quality.freshness(store, P1)
    assert fresh.silent == ["PVU"]
    units = fresh.units.set_index("unit")
    assert units.loc["PVU", "silent_days"] == 31 and units.loc["VPI", "silent_days"] == 30
    assert units.loc["VPI", "recognition_lag"] == 20 and units.loc["PVU", "newest"] == dt.date(2023, 7, 31)
    assert set(fresh.units["unit"]) == {"BSR", "VPI", "PVU"}  # only units taking part
    assert quality.freshness(store, P1, silent_days=29).silent == ["PVU", "VPI"]
    # A unit with records in the program but none in the view (a period filter) is silent too.
    assert (
        "PVU"
        in quality.freshness(store, P1.with_(units=("PVU", "BSR"), date_from=dt.date(2023, 8, 1))).silent
    )


def test_a_finished_period_is_read_for_silence_at_its_own_end(sample_store):
    """ĐMST's year 2024 seen on 30/06/2026: every unit's newest 2024 record was 18 months old, so all 33
    were "chưa cập nhật 30 ngày" (the Overview's headline too). A closed period is read at its last day."""
    fresh = quality.freshness(sample_store, Filters(program=DMST, phase=2024))
    assert fresh.as_of == dt.date(2024, 12, 31)
    assert fresh.silent == ["PVD Training", "PVMachino", "PetroTimes"]  # newest 11/10, 22/11, 22/11/2024
    assert quality.headlines(sample_store, Filters(program=DMST, phase=2024)).silent_units == 3
    # the running year still stands at the as-of day
    assert quality.freshness(sample_store, Filters(program=DMST, phase=2026)).as_of == dt.date(2026, 6, 30)


def test_titles_are_normalised_the_vietnamese_way():
    same = quality.normalise_title("Giải pháp cải tiến hệ thống bơm tuần hoàn, tại nhà máy Dung Quất")
    assert same == quality.normalise_title("NHA MAY DUNG QUAT - HE THONG BOM TUAN HOAN")
    assert same == quality.normalise_title("Sáng kiến: hệ thống bơm tuần hoàn tại Nhà máy Dung Quất.")
    assert "giai" not in same and "tai" not in same
    assert quality.normalise_title("Hệ thống bơm tuần hoàn") != quality.normalise_title(
        "Hệ thống bơm làm mát"
    )


OBJECTS = ["bơm", "máy nén", "van an toàn", "tuabin", "lò hơi", "tháp chưng cất", "bình tách", "quạt gió",
           "đường ống", "bồn chứa", "cầu trục", "bộ lọc"]  # fmt: skip
PLACES = ["Dung Quất", "Cà Mau", "Phú Mỹ", "Vũng Tàu", "Thái Bình", "Nghi Sơn", "Long Phú", "Hải Phòng"]
ACTIONS = [
    "Cải tiến",
    "Tự động hóa",
    "Giảm rung",
    "Làm sạch",
    "Kiểm tra",
    "Bảo dưỡng",
    "Giám sát",
    "Sửa chữa",
]


def _generated_set(n: int = 60) -> tuple[list[dict], set[tuple[str, str]], set[tuple[str, str]]]:
    """n originals with distinct titles; a reworded copy of each of the first n/2 (the known pairs: filler
    words, word order, case, accents, punctuation; half in another unit or program), and a near-miss of each
    of the next n/4 (same words but one: another object or place, by the same authors)."""
    rng = random.Random(18)
    combos = [(a, o, p) for a in ACTIONS for o in OBJECTS for p in PLACES]
    rng.shuffle(combos)
    rows, known, near = [], set(), set()
    units = ["BSR", "VPI", "PVU", "PVCFC"]
    for i, (action, obj, place) in enumerate(combos[:n]):
        code = f"O{i:03d}"
        authors = f"Tác Giả {i}; Người Thứ {i}"
        rows.append(
            record(code, units[i % 4], "2022-03-01", title=f"{action} {obj} {place} số {i}", authors=authors)
        )
        if i < n // 2:
            copy = f"C{i:03d}"
            style = i % 4
            title = {
                0: f"Giải pháp {action.lower()} {obj} tại {place} số {i}",
                1: f"{place} số {i} - {action} {obj}",
                2: f"SÁNG KIẾN: {action} {obj} {place} SỐ {i}.",
                3: f"cai tien {action} {obj} {place} so {i}".replace("ả", "a").replace("ơ", "o"),
            }[style]
            unit = units[i % 4] if i % 3 else units[(i + 1) % 4]
            program = {"program_code": "dmst-dau-khi"} if i % 5 == 0 else {}
            day = "2024-03-01" if program else "2022-09-01"
            rows.append(
                record(copy, unit, day, title=title, authors=authors if i % 2 else "Ai Khác", **program)
            )
            known.add((code, copy))
        elif i < n // 2 + n // 4:
            other = OBJECTS[(OBJECTS.index(obj) + 1) % len(OBJECTS)]
            miss = f"N{i:03d}"
            rows.append(
                record(
                    miss,
                    units[i % 4],
                    "2022-09-01",
                    title=f"{action} {other} {place} số {i}",
                    authors=authors,
                )
            )
            near.add((code, miss))
    return rows, known, near


def test_the_duplicate_finder_finds_the_known_pairs_and_not_the_near_misses(make_store):
    rows, known, near = _generated_set()
    store = make_store(rows)
    pairs, scanned = quality.duplicate_pairs(store)
    found = {
        tuple(sorted((a, b), key=lambda c: c[0] != "O"))
        for a, b in zip(pairs["code_a"], pairs["code_b"], strict=True)
    }
    hits = found & known
    recall, precision = len(hits) / len(known), len(hits) / max(len(found), 1)
    assert scanned == len(rows)
    assert recall == 1.0, sorted(known - found)
    assert precision == 1.0, sorted(found - known)
    assert not found & near
    reasons = dict(zip(zip(pairs["code_a"], pairs["code_b"], strict=True), pairs["reasons"], strict=True))
    c1 = reasons[("C001", "O001")]
    assert "same_title" in c1 and "same_authors" in c1
    scopes = set(pairs["scope"])
    assert scopes == {"same_unit", "other_unit", "other_program"}
    # Best first, and an import's records are checked against all the others.
    assert list(pairs["similarity"]) == sorted(pairs["similarity"], reverse=True)
    only, _ = quality.duplicate_pairs(store, codes=["C002"])
    assert set(zip(only["code_a"], only["code_b"], strict=True)) == {("C002", "O002")}


def _write_csv(path, rows):
    lines = ["Mã SK,Tên sáng kiến,Tác giả,Đơn vị,Ngày đăng ký,Trạng thái"]
    lines += [f"{c},{t},{a},{u},{d},Đã công nhận" for c, t, a, u, d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_mark_is_checked_against_the_data_when_it_is_written(make_store, tmp_path):
    """The server's check at write time: both records in the store, and (with `expected`) the mark the page
    showed still the newest; a refusal writes nothing, neither a mark nor an audit row."""
    store = make_store([])
    rows = [
        ("Q1", "Cải tiến bơm tuần hoàn số 7", "Lê Văn A", "BSR", "03/01/2022"),
        ("Q2", "Giải pháp cải tiến bơm tuần hoàn số 7", "Lê Văn A", "BSR", "10/02/2022"),
    ]
    _write_csv(tmp_path / "a.csv", rows)
    assert ingest.import_file(store, tmp_path / "a.csv").ok

    def refused(call) -> quality.MarkRefused:
        with pytest.raises(quality.MarkRefused) as caught:
            call()
        return caught.value

    before = store.one("SELECT count(*) FROM audit_log")
    gone = refused(lambda: quality.mark_pair(store, "Q1", "Q9", "same", "lan", expected=None))
    assert (gone.key, gone.values["missing"]) == ("quality.refused.gone", "Q9")
    assert (
        refused(lambda: quality.mark_benefit(store, "Q9", "council", "lan")).key
        == "quality.refused.record_gone"
    )
    quality.mark_pair(store, "Q2", "Q1", "different", "minh", expected=None)
    again = refused(lambda: quality.mark_pair(store, "Q1", "Q2", "same", "lan", expected=None))
    assert (again.key, again.values["mark"], again.values["by"]) == (
        "quality.refused.marked",
        "different",
        "minh",
    )
    assert refused(lambda: quality.undo_mark(store, "Q1", "Q2", "lan", expected="same")).key == (
        "quality.refused.remarked"
    )
    assert quality.undo_mark(store, "Q1", "Q2", "lan", expected="different")
    assert refused(lambda: quality.undo_mark(store, "Q1", "Q2", "lan", expected="different")).key == (
        "quality.refused.unmarked"
    )
    assert store.rows("SELECT code_a, code_b, mark, undone_by FROM duplicate_marks") == [
        ("Q1", "Q2", "different", "lan")
    ]
    assert store.one("SELECT count(*) FROM audit_log") == before + 2  # the mark and its undo, nothing refused
    for key in ("gone", "marked", "undone", "unmarked", "remarked", "record_gone"):
        assert has_key(f"quality.refused.{key}")


def test_marks_are_kept_by_code_undone_and_applied_again_after_a_re_import(make_store, tmp_path):
    store = make_store([])
    rows = [
        ("Q1", "Cải tiến bơm tuần hoàn số 7", "Lê Văn A", "BSR", "03/01/2022"),
        ("Q2", "Giải pháp cải tiến bơm tuần hoàn số 7", "Lê Văn A", "BSR", "10/02/2022"),
        ("Q3", "Tự động hóa lò hơi số 9", "Trần B", "BSR", "03/01/2022"),
        ("Q4", "Tự động hóa lò hơi số 9", "Phạm C", "VPI", "03/03/2022"),
        ("Q5", "Kiểm tra van an toàn số 2", "Đỗ D", "PVU", "03/01/2022"),
        ("Q6", "Kiểm tra van an toàn số 2", "Đỗ E", "PVU", "04/01/2022"),
    ]
    first = tmp_path / "dot-1.csv"
    _write_csv(first, rows)
    assert ingest.import_file(store, first).ok
    view = P1
    assert len(quality.duplicates(store, view).pending) == 3
    quality.mark_pair(store, "Q2", "Q1", "same", "lan.nguyen")
    quality.mark_pair(store, "Q3", "Q4", "spread", "lan.nguyen")
    quality.mark_pair(store, "Q5", "Q6", "different", "minh.tran")
    dup = quality.duplicates(store, view)
    assert dup.pending.empty
    assert dup.not_counted.to_dict("records") == [{"unit": "BSR", "not_counted": 1}]  # Q2, the later one
    assert dup.spread_by_unit.to_dict("records") == [{"unit": "VPI", "spread": 1}]
    assert quality.counted_once(store, view) == {"registered": 6, "not_counted": 1, "counted_once": 5}
    assert dup.same.iloc[0]["marked_by"] == "lan.nguyen" and dup.same.iloc[0]["marked_at"] is not None
    assert "Q5" not in {p["code_a"] for p in quality.duplicates_payload(store)["pairs"]}  # never shown again

    # A re-import of the same records (titles retyped) keeps every mark: they are keyed by the codes.
    second = tmp_path / "dot-2.csv"
    _write_csv(second, [(c, t.upper(), a, u, d) for c, t, a, u, d in rows])
    report = ingest.import_file(store, second)
    assert report.ok and report.updated == 6
    again = quality.duplicates(store, view)
    assert again.pending.empty and len(again.same) == 1 and len(again.spread) == 1
    assert quality.counted_once(store, view)["counted_once"] == 5

    # Undone, the pair is proposed again and counted twice; the earlier mark of a pair is what counts then.
    assert quality.undo_mark(store, "Q1", "Q2", "lan.nguyen")
    assert quality.counted_once(store, view)["not_counted"] == 0
    assert set(quality.duplicates(store, view).pending["code_a"]) == {"Q1"}
    assert not quality.undo_mark(store, "Q1", "Q2", "lan.nguyen")  # nothing left to undo
    assert store.one("SELECT count(*) FROM duplicate_marks") == 3  # the history is kept


def test_the_plausibility_rules_flag_what_they_say(make_store):
    base = dict(status="applied", recognized_on=dt.date(2022, 2, 1), applied_on=dt.date(2022, 3, 1))
    rows = [
        record(f"B{i:02d}", "BSR", "2022-01-10", benefit_vnd=100_000_000 + i * 1_000_000, field="Sản xuất – Vận hành", **base)
        for i in range(40)
    ]  # fmt: skip
    rows += [
        record("HUGE", "BSR", "2022-01-10", benefit_vnd=50_000_000_000, field="Sản xuất – Vận hành", **base),
        record(
            "EARLY",
            "BSR",
            "2022-01-10",
            benefit_vnd=120_000_000,
            status="recognized",
            recognized_on=dt.date(2022, 2, 1),
        ),  # fmt: skip
        *[record(f"Y{i:02d}", "VPI", "2021-10-01", benefit_vnd=10_000_000, **base) for i in range(10)],
        record("YEAR", "VPI", "2022-05-01", benefit_vnd=200_000_000, **base),  # > VPI's 2021 (100 triệu)
    ]
    store = make_store(rows)
    plaus = quality.plausibility(store, P1)
    flagged = plaus.flagged.set_index("code")
    assert flagged.loc["HUGE", "reasons"] == ["over_unit_p99", "over_field_p99", "over_prev_year"] or (
        "over_unit_p99" in flagged.loc["HUGE", "reasons"]
    )
    assert flagged.loc["EARLY", "reasons"] == ["before_applied"]
    assert flagged.loc["YEAR", "reasons"] == ["over_prev_year"]
    assert "B05" not in flagged.index  # an ordinary record
    top = plaus.top_share.set_index("unit")
    assert top.loc["BSR", "flagged"] and top.loc["BSR", "top1_share"] > 50  # HUGE is BSR's top 1%
    assert top.loc["VPI", "top1_share"] == pytest.approx(200 * 100 / 300)  # 11 records: its top 1% is one
    # The analyst's mark gives the two sums.
    total = store.one("SELECT sum(benefit_vnd) FROM initiatives")
    quality.mark_benefit(store, "HUGE", "council", "lan.nguyen")
    sums = quality.benefit_sums(store, P1)
    assert sums["council_vnd"] == 50_000_000_000 and sums["council_vnd"] + sums["self_vnd"] == total
    assert quality.plausibility(store, P1).flagged.set_index("code").loc["HUGE", "basis"] == "council"
    quality.mark_benefit(store, "HUGE", None, "lan.nguyen")
    assert quality.benefit_sums(store, P1)["council_vnd"] == 0


def test_the_headlines_count_of_implausible_benefits_is_the_lists_by_the_outlier_and_year_rules(sample_store):
    # The Overview's headline counts in SQL what the Quality page lists (at a million records the list ran to
    # hundreds of thousands of rows, rebuilt for a number).
    for filters in (
        Filters(program=ONE_MILLION),
        Filters(program=DMST),
        Filters(program=ONE_MILLION, phase=1),
    ):
        flagged = quality.plausibility(sample_store, filters).flagged
        outliers = int(flagged[["over_unit_p99", "over_field_p99", "over_prev_year"]].any(axis=1).sum())
        assert outliers > 0 or filters.phase, filters
        assert quality.implausible_count(sample_store, filters) == outliers, filters
        assert quality.headlines(sample_store, filters).implausible == outliers, filters


def test_the_headlines_count_of_pairs_waiting_is_the_review_lists_in_every_view(sample_copy):
    # The headline reads the stored pairs for each view (kept by data version); a mark is a commit, so the
    # next headline sees it.
    store = open_store(sample_copy)
    views = [
        Filters(program=ONE_MILLION),
        Filters(program=ONE_MILLION, phase=2),
        Filters(program=DMST, phase=2025),
        Filters(program=ONE_MILLION, units=("BSR",)),
        Filters(program=ONE_MILLION, fields=("Sản xuất – Vận hành",)),
        Filters(program=ONE_MILLION, as_of=dt.date(2022, 6, 30)),
    ]
    for filters in views:
        assert (
            quality.headlines(store, filters).pending_pairs
            == quality.duplicates(store, filters, limit=0).pending_total
        )
    first = quality.duplicates(store, views[0], limit=1).pending.iloc[0]
    before = quality.headlines(store, views[0]).pending_pairs
    quality.mark_pair(store, first["code_a"], first["code_b"], "same", "lan.nguyen")
    assert quality.headlines(store, views[0]).pending_pairs == before - 1
    store.close()


def test_the_sample_holds_its_planted_cases_and_varied_titles(sample_store):
    distinct, records = sample_store.rows(
        "SELECT count(DISTINCT title), count(*) FROM initiatives WHERE program_code = ?", [ONE_MILLION]
    )[0]
    assert records == 7085 and distinct > 0.99 * records  # was 2,806 titles from templates
    pairs, _ = quality.duplicate_pairs(sample_store)
    assert {"same_unit", "other_unit", "other_program"} <= set(pairs["scope"])
    assert len(pairs) >= sum(quality_planted() for quality_planted in [lambda: 60])
    for program in (ONE_MILLION, DMST):
        flagged = quality.plausibility(sample_store, Filters(program=program)).flagged
        assert flagged["over_unit_p99"].any(), program


def test_the_duplicates_command_prints_the_json_contract(sample_db, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "analytics", "duplicates", "--db", str(sample_db), "--program", ONE_MILLION,
         "--min-similarity", "0.85", "--json"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    payload = json.loads(run.stdout)
    assert set(payload) == {"pairs", "scanned"} and payload["scanned"] == 15817
    assert payload["pairs"], "the planted pairs of the first program"
    for pair in payload["pairs"]:
        assert set(pair) == {"code_a", "code_b", "unit_a", "unit_b", "similarity", "reasons"}
        assert pair["similarity"] >= 0.85 and pair["code_a"] < pair["code_b"]
        assert set(pair["reasons"]) <= set(quality.REASONS)
        assert pair["code_a"].startswith("SKDK") or pair["code_b"].startswith("SKDK")
    sims = [p["similarity"] for p in payload["pairs"]]
    assert sims == sorted(sims, reverse=True)
    bad = subprocess.run(
        [sys.executable, "-m", "analytics", "duplicates", "--db", str(sample_db), "--min-similarity", "2"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert bad.returncode == 2 and "--min-similarity" in bad.stderr


def _duplicates_command(db, *options):
    return subprocess.run(
        [sys.executable, "-m", "analytics", "duplicates", "--db", str(db), *options],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip


def test_the_duplicates_command_streams_every_pair_and_limit_keeps_the_best(sample_db):
    """Written pair by pair, the JSON is byte for byte what json.dumps of the whole object gives; `--limit N`
    keeps the best N and adds `total` (the pairs found); a bad --limit is refused with exit 2."""
    everything = _duplicates_command(sample_db, "--json")
    assert everything.returncode == 0, everything.stderr
    payload = json.loads(everything.stdout)
    assert set(payload) == {"pairs", "scanned"} and len(payload["pairs"]) > 60
    from analytics.store import open_store

    reader = open_store(sample_db, read_only=True)
    try:
        whole = quality.duplicates_payload(reader)
    finally:
        reader.close()
    assert everything.stdout == json.dumps(whole, ensure_ascii=False) + "\n"
    best = _duplicates_command(sample_db, "--json", "--limit", "3")
    assert best.returncode == 0, best.stderr
    limited = json.loads(best.stdout)
    assert set(limited) == {"pairs", "scanned", "total"}
    assert limited["pairs"] == payload["pairs"][:3] and limited["total"] == len(payload["pairs"])
    assert limited["scanned"] == payload["scanned"]
    none = json.loads(_duplicates_command(sample_db, "--json", "--limit", "0").stdout)
    assert none["pairs"] == [] and none["total"] == len(payload["pairs"])
    text = _duplicates_command(sample_db, "--limit", "2", "--lang", "en")
    lines = text.stdout.strip().splitlines()
    assert text.returncode == 0 and len(lines) == 3
    assert lines[-1].startswith(f"The best 2 of {len(payload['pairs']):,} pairs".replace(",", "."))
    for bad in ("-1", "abc"):
        refused = _duplicates_command(sample_db, "--limit", bad)
        assert refused.returncode == 2 and "--limit" in refused.stderr


def _pair_set(frame):
    return set(zip(frame["code_a"], frame["code_b"], frame["similarity"], strict=True))


def test_the_title_index_is_kept_up_to_date_and_a_read_only_store_scans_without_it(make_store, tmp_path):
    rows, known, _ = _generated_set()
    store = make_store(rows)
    pairs, _ = quality.duplicate_pairs(store)
    version = store.data_version()
    assert store.one("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'dedup_titles_version'") == version
    assert store.one("SELECT count(*) FROM dedup_titles") == len(rows)

    # A record retitled: only it is normalised again, and the pairs follow its new title.
    with store.transaction() as cur:
        cur.execute("UPDATE initiatives SET title = 'Lắp đặt giàn phơi khác hẳn' WHERE code = 'C001'")
    after, _ = quality.duplicate_pairs(store)
    assert ("C001", "O001") not in set(zip(after["code_a"], after["code_b"], strict=True))
    assert store.one("SELECT count(*) FROM dedup_titles") == len(rows)
    assert store.one("SELECT tokens FROM dedup_titles WHERE code = 'C001'") == quality.normalise_title(
        "Lắp đặt giàn phơi khác hẳn"
    )

    # Read-only (the index cannot be refreshed): the query normalises every title itself, same answer.
    with store.transaction() as cur:
        cur.execute("UPDATE initiatives SET title = 'Giải pháp ' || title WHERE code = 'C003'")
    path = store.path
    store.close()
    from analytics.store import open_store

    reader = open_store(path, read_only=True)
    try:
        assert reader.one("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'dedup_titles_version'") != (
            reader.data_version()
        )
        inline, scanned = quality.duplicate_pairs(reader)
    finally:
        reader.close()
    writer = open_store(path)
    try:
        stored, _ = quality.duplicate_pairs(writer)
    finally:
        writer.close()
    assert scanned == len(rows) and _pair_set(inline) == _pair_set(stored)
    assert len(inline) == len(known) - 1  # C001 retitled


def test_the_review_list_is_capped_and_counted_and_an_import_is_checked_against_what_was_there(make_store):
    rows, known, _ = _generated_set()
    store = make_store(rows)
    dup = quality.duplicates(store, Filters(), limit=5)
    everything = quality.find_pairs(store)
    assert len(dup.pending) == 5 and dup.pending_total == everything.total == len(known)
    assert list(dup.pending["code_a"]) == list(everything.pairs["code_a"][:5])  # the best five
    # The copies taken as an import: each is a probable duplicate of its original; the originals are not.
    copies = sorted(c for _, c in known)
    assert quality.import_duplicates(store, copies) == len(copies)
    assert quality.import_duplicates(store, ["O040", "O041"]) == 0  # originals without a copy


def test_a_pages_snapshot_finds_the_pairs_when_the_index_is_built_during_its_run(make_store):
    """A page reads through a snapshot (one read transaction) that cannot see an index written after it
    began: the scan must then read the index where it was written, not an empty table."""
    from analytics.store import Snapshot

    rows, known, _ = _generated_set()
    store = make_store(rows)
    snapshot = Snapshot(store)
    try:
        pairs, _ = quality.duplicate_pairs(snapshot)
        dup = quality.duplicates(snapshot, Filters())
    finally:
        snapshot.close()
    assert len(pairs) == len(known) == dup.pending_total
    assert store.one("SELECT count(*) FROM dedup_titles") == len(rows)  # kept for the next run


def test_the_samples_rewordings_keep_the_field_of_the_record_they_reword(sample_store):
    """A planted "same initiative" (in its unit, or again in the second program) is the same idea: it
    shares the field of the record it rewords, as every planted spread does."""
    pairs, _ = quality.duplicate_pairs(sample_store)
    planted = pairs[pairs["scope"].isin(["same_unit", "other_program"])]
    assert len(planted) >= 30 + 12
    other_field = planted[[("same_field" not in r) for r in planted["reasons"]]]
    assert other_field.empty, other_field[["code_a", "code_b", "title_a", "title_b"]].to_dict("records")


def _scan_both_ways(store, monkeypatch):
    """Every candidate pair (similarity 0 and up) from the stored, incrementally kept pairs, and the same
    scan made from nothing in the query (as on a read-only store)."""
    columns = ["code_a", "code_b", "unit_a", "unit_b", "program_a", "program_b", "similarity", "same_field"]

    def rows(scan):
        return sorted(
            (*(scan.pairs[c].iloc[k] for c in columns), tuple(scan.pairs["reasons"].iloc[k]))
            for k in range(len(scan.pairs))
        )

    stored = quality.find_pairs(store, min_similarity=0)
    assert store.one(quality._INDEX_VERSION_SQL) == store.data_version()  # noqa: SLF001 (the stored pairs were read)
    with monkeypatch.context() as patch:
        patch.setattr(quality, "_index_reader", lambda _store: None)
        inline = quality.find_pairs(store, min_similarity=0)
    return rows(stored), rows(inline)


def test_the_stored_pairs_kept_incrementally_are_the_pairs_made_from_nothing(make_store, monkeypatch):
    """Records added, retitled, moved to another unit, field or program, re-dated and removed, in random
    steps: after each, the pairs kept up to date by data version are exactly those a scan from nothing makes
    (clusters that grow past MAX_BLOCK and shrink back, first records that change, near titles that come
    and go)."""
    rng = random.Random(18)
    words = ["bom", "van", "lo hoi", "bang tai", "may nen", "dan khoan", "ong dan", "tram"]
    places = ["nha may", "kho", "gian khoan", "xuong"]

    def title():
        return f"{rng.choice(ACTIONS)} {rng.choice(words)} {rng.choice(places)} so {rng.randint(1, 3)}"

    def row(code):
        return record(
            code,
            rng.choice(["BSR", "VPI", "PVU", "PVD"]),
            f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            title=title(),
            authors=rng.choice(["Lê Văn A", "Trần B; Lê Văn A", "Phạm C", ""]),
            field=rng.choice(["Kỹ thuật – Công nghệ", "Sản xuất – Vận hành"]),
            **({"program_code": "dmst-dau-khi"} if rng.random() < 0.2 else {}),
        )

    rows = [row(f"R{i:03d}") for i in range(150)]
    rows += [
        record(f"BIG{i:02d}", "BSR", "2022-05-01", title="Bơm dầu thô giàn khoan số 9") for i in range(39)
    ]
    store = make_store(rows)
    stored, inline = _scan_both_ways(store, monkeypatch)
    assert stored == inline and len(stored) > 100
    serial = 150
    for step in range(12):
        with store.transaction() as cur:
            codes = [
                c for (c,) in cur.execute("SELECT code FROM initiatives WHERE code LIKE 'R%'").fetchall()
            ]
            if step == 5:  # the big cluster's first record goes: 40 records again, another first
                cur.execute("DELETE FROM initiatives WHERE code = 'BIG42'")
            for code in rng.sample(sorted(codes), 6):
                change = rng.choice(["title", "authors", "unit", "field", "program", "day", "delete"])
                if change == "delete":
                    cur.execute("DELETE FROM initiatives WHERE code = ?", [code])
                    continue
                sql, value = {
                    "title": ("UPDATE initiatives SET title = ? WHERE code = ?", title()),
                    "authors": (
                        "UPDATE initiatives SET authors = ? WHERE code = ?",
                        rng.choice(["Phạm C", ""]),
                    ),
                    "unit": (
                        "UPDATE initiatives SET unit_code = ? WHERE code = ?",
                        rng.choice(["BSR", "VPI"]),
                    ),
                    "field": ("UPDATE initiatives SET field = ? WHERE code = ?", "Sản xuất – Vận hành"),
                    "program": ("UPDATE initiatives SET program_code = ? WHERE code = ?", "dmst-dau-khi"),
                    "day": ("UPDATE initiatives SET registered_on = ? WHERE code = ?", dt.date(2021, 3, 1)),
                }[change]
                cur.execute(sql, [value, code])
        added = [row(f"R{serial + k:03d}") for k in range(5)]
        if step in (2, 3):  # the big cluster (39) gets a new first record (40), then grows past MAX_BLOCK
            day = "2021-01-02" if step == 2 else "2022-06-01"
            added += [record(f"BIG{40 + step}", "VPI", day, title="Bơm dầu thô giàn khoan số 9")]
        serial += 5
        insert_records(store, added)
        stored, inline = _scan_both_ways(store, monkeypatch)
        assert stored == inline, f"step {step}"
        big = store.one("SELECT count(*) FROM initiatives WHERE code LIKE 'BIG%'")
        assert big == {2: 40, 3: 41, 4: 41, 5: 40}.get(step, big)


def _marks(store):
    return {(r.code_a, r.code_b): r.mark for r in quality.marked_pairs(store).itertuples()}


def test_a_mark_stays_on_its_two_records_when_a_new_record_pairs_the_cluster_differently(
    make_store, tmp_path
):
    """A-B marked; then C arrives, close to both and registered before A, so the scan now pairs the cluster
    by C (C-A, C-B) and no longer proposes A-B. The marks stay on A-B (and B is still counted once), the
    new pairs come unmarked, and a re-import and a rescan change none of it. The same for two near titles,
    paired by their clusters' first records."""
    title = "Cải tiến bơm tuần hoàn nhà máy số 7"
    rows = [
        ("A1", title, "Lê Văn A", "BSR", "03/03/2022"),
        ("B1", title, "Trần B", "VPI", "04/04/2022"),
        ("D1", "Tự động hóa lò hơi khu phụ trợ", "Đỗ D", "PVU", "05/05/2022"),
        ("E1", "Tự động hóa lò hơi khu phụ trợ bắc", "Đỗ D", "PVU", "06/06/2022"),  # D1's title and a word
    ]
    first = tmp_path / "dot-1.csv"
    _write_csv(first, rows)
    store = make_store([])
    assert ingest.import_file(store, first).ok
    pairs = quality.find_pairs(store).pairs
    assert set(zip(pairs["code_a"], pairs["code_b"], strict=True)) == {("A1", "B1"), ("D1", "E1")}
    quality.mark_pair(store, "A1", "B1", "same", "lan.nguyen")
    quality.mark_pair(store, "D1", "E1", "spread", "lan.nguyen")
    before = _marks(store)
    assert before == {("A1", "B1"): "same", ("D1", "E1"): "spread"}
    assert quality.counted_once(store, P1)["not_counted"] == 1  # B1

    # C1 is registered before A1 with the same title; C2 before D1 with D1's title (so E1's near pair is C2-E1).
    second = tmp_path / "dot-2.csv"
    _write_csv(
        second,
        [
            ("C1", title.upper(), "Lê Văn A", "PVD", "01/01/2022"),
            ("C2", "Tự động hóa lò hơi khu phụ trợ", "Ngô F", "BSR", "02/02/2022"),
        ],
    )
    assert ingest.import_file(store, second).ok
    scan = quality.find_pairs(store, min_similarity=0)
    found = dict(
        zip(zip(scan.pairs["code_a"], scan.pairs["code_b"], strict=True), scan.pairs["mark"], strict=True)
    )
    assert ("A1", "B1") not in found and ("D1", "E1") not in found  # the clusters are paired by C1, C2 now
    assert {("A1", "C1"), ("B1", "C1"), ("C2", "D1"), ("C2", "E1")} <= set(found)
    assert all(pd.isna(mark) for mark in found.values())  # no mark moved onto a new pair
    assert _marks(store) == before
    dup = quality.duplicates(store, P1)
    assert set(zip(dup.same["code_a"], dup.same["code_b"], strict=True)) == {("A1", "B1")}
    assert set(zip(dup.spread["code_a"], dup.spread["code_b"], strict=True)) == {("D1", "E1")}
    assert ("A1", "B1") not in set(zip(dup.pending["code_a"], dup.pending["code_b"], strict=True))
    assert quality.counted_once(store, P1)["not_counted"] == 1  # still B1, the later of A1-B1

    # Marking a new pair leaves the others; a re-import of everything (titles retyped) and a rescan too.
    quality.mark_pair(store, "A1", "C1", "different", "minh.tran")
    again = tmp_path / "dot-3.csv"
    _write_csv(again, [(c, t.lower(), a, u, d) for c, t, a, u, d in rows])
    assert ingest.import_file(store, again).ok
    quality.refresh_title_index(store)
    assert _marks(store) == before | {("A1", "C1"): "different"}
    rescan = quality.find_pairs(store, min_similarity=0)
    marks = dict(
        zip(
            zip(rescan.pairs["code_a"], rescan.pairs["code_b"], strict=True),
            rescan.pairs["mark"],
            strict=True,
        )
    )
    assert marks[("A1", "C1")] == "different" and pd.isna(marks[("B1", "C1")])
    assert quality.counted_once(store, P1)["not_counted"] == 1


def test_the_headlines_are_kept_by_data_version_and_the_import_check_computes_the_default_views(
    make_store, tmp_path
):
    """The Overview's headline is read from the store when it was computed at the same data version (the
    import check computes the default view's); any change (a mark, an import) makes it computed again, and
    what is kept is what is computed."""
    rows, known, _ = _generated_set()
    store = make_store(rows)
    view = Filters(program=ONE_MILLION)
    first = quality.headlines(store, view)
    assert first.pending_pairs == len(known)
    assert (
        store.one("SELECT count(*) FROM quality_headlines WHERE data_version = ?", [store.data_version()])
        == 1
    )
    with store.derived_write() as cur:  # what is kept is what is read (no figure computed again)
        cur.execute(
            "UPDATE quality_headlines SET figures = replace(figures, '\"backlog\": 0', '\"backlog\": 7')"
        )
    assert quality.headlines(store, view).backlog == 7
    a, b = sorted(known)[0]
    quality.mark_pair(store, a, b, "different", "lan.nguyen")  # a new data version: computed again
    after = quality.headlines(store, view)
    assert after.pending_pairs == len(known) - 1 and after.backlog == first.backlog
    assert after == quality._compute_headlines(store, view, quality.BACKLOG_DAYS, quality.SILENT_DAYS)  # noqa: SLF001
    assert store.one("SELECT count(*) FROM quality_headlines") == 1  # older versions' rows go

    csv = tmp_path / "them.csv"
    _write_csv(csv, [("NEW1", "Một sáng kiến hoàn toàn mới về máy nén khí", "Lê Văn A", "BSR", "03/01/2023")])
    report = ingest.import_file(store, csv)
    assert quality.probable_duplicates(store, report) == 0
    kept = store.one(
        "SELECT figures FROM quality_headlines WHERE data_version = ? AND view = ?",
        [store.data_version(), repr((view, quality.BACKLOG_DAYS, quality.SILENT_DAYS))],
    )
    assert kept is not None and json.loads(kept)["registered"] == after.registered + 1
