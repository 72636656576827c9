"""Programs: the default-program rule for links and commands, periods of any shape, units over time, the
importer's program assignment, rankings in three categories and the comparisons (real DuckDB files)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import ingest, metrics
from analytics.filters import Filters, from_query, to_query
from analytics.programs import Period, Program, UnitChange, default_program, program_on, unit_view
from tests.conftest import DMST, ONE_MILLION, insert_records, record

D = dt.date


def _programs(sample_store):
    return metrics.programs(sample_store)


# --- the default program ----------------------------------------------------------------------------------


def test_a_link_without_program_opens_the_program_of_its_as_of_else_the_running_one(sample_store):
    programs = _programs(sample_store)
    last = sample_store.one("SELECT max(registered_on) FROM initiatives")

    def opened(**params) -> Filters:
        return from_query(params, programs=programs, last_day=last)[0]

    assert opened().program == DMST  # a bare link: the union's current work
    assert opened(as_of="2022-05-31").program == ONE_MILLION  # keeps showing what it showed
    assert opened(as_of="2023-09-30").program == ONE_MILLION  # its window's last day
    assert opened(as_of="2023-12-15").program == ONE_MILLION  # between programs: the latest begun by then
    assert opened(as_of="2020-01-01").program == ONE_MILLION  # before every program: the first
    assert opened(as_of="2024-01-01").program == DMST
    assert opened(program=ONE_MILLION).program == ONE_MILLION  # named: always that one
    assert opened(program=ONE_MILLION, as_of="2025-06-01").program == ONE_MILLION


def test_the_period_of_a_link_is_one_of_its_programs_periods(sample_store):
    programs, last = _programs(sample_store), sample_store.one("SELECT max(registered_on) FROM initiatives")
    filters, _, dropped = from_query({"phase": "2025"}, programs=programs, last_day=last)
    assert (filters.program, filters.phase, dropped) == (DMST, 2025, [])
    filters, _, dropped = from_query({"phase": "2", "as_of": "2023-01-01"}, programs=programs, last_day=last)
    assert (filters.program, filters.phase, dropped) == (ONE_MILLION, 2, [])
    # an older link's phase that the running program does not have opens the program that has it
    filters, _, dropped = from_query({"phase": "2"}, programs=programs, last_day=last)
    assert (filters.program, filters.phase, dropped) == (ONE_MILLION, 2, [])
    assert metrics.program_of(sample_store, Filters(phase=1)).code == ONE_MILLION
    filters, _, dropped = from_query({"phase": "7"}, programs=programs, last_day=last)
    assert (filters.program, filters.phase, dropped) == (DMST, None, ["phase=7"])
    filters, _, dropped = from_query({"phase": "2", "program": DMST}, programs=programs, last_day=last)
    assert filters.phase is None and dropped == ["phase=2"]  # no period 2 in the yearly program
    filters, _, dropped = from_query(
        {"program": "khong-co", "units_as": "xưa"}, programs=programs, last_day=last
    )
    assert filters.program == DMST and set(dropped) == {"program=khong-co", "units_as=xưa"}


def test_a_link_names_the_program_only_when_it_is_not_the_one_it_would_open(sample_store):
    assert to_query(Filters(program=DMST), default_code=DMST) == {}
    assert to_query(Filters(program=ONE_MILLION, phase=1), default_code=DMST) == {
        "program": [ONE_MILLION],
        "phase": ["1"],
    }
    assert to_query(Filters(program=ONE_MILLION, units_as="then"), default_code=ONE_MILLION) == {
        "units_as": ["then"]
    }


def test_commands_without_program_follow_the_same_rule(sample_store):
    assert metrics.program_of(sample_store, Filters()).code == DMST
    assert metrics.program_of(sample_store, Filters(as_of=D(2022, 5, 31))).code == ONE_MILLION
    assert metrics.progress(sample_store, Filters(as_of=D(2022, 5, 31))).program["registered"] == 1458


def test_overlapping_windows_open_the_one_that_started_last():
    national = Program("tld", "Quốc gia", D(2024, 1, 1), D(2028, 12, 31))
    province = Program("tinh", "Tỉnh", D(2025, 3, 1), D(2025, 12, 31))
    assert program_on([national, province], D(2025, 6, 1)).code == "tinh"
    assert program_on([national, province], D(2026, 6, 1)).code == "tld"
    assert default_program([national, province], None, None, today=D(2025, 6, 1)).code == "tinh"
    assert default_program([], None) is None


def test_periods_of_any_shape_and_the_share_of_time():
    program = Program(
        "y",
        "Năm",
        D(2024, 1, 1),
        D(2028, 12, 31),
        period_word_vi="Năm",
        period_word_en="Year",
        periods=tuple(Period("y", y, f"Năm {y}", D(y, 1, 1), D(y, 12, 31)) for y in (2024, 2025, 2026)),
    )
    assert program.period_label(2025, "vi") == "Năm 2025" and program.period_label(2025, "en") == "Year 2025"
    assert program.previous_period(2025).period == 2024 and program.previous_period(2024) is None
    assert program.running_period(D(2025, 7, 1)).period == 2025
    assert program.running_period(D(2027, 7, 1)).period == 2026  # after the last: the last
    assert program.elapsed_share(D(2024, 12, 31)) == pytest.approx(366 / 1827)
    assert program.day_at_share(program.elapsed_share(D(2026, 6, 30))) == D(2026, 6, 30)
    assert program.terms("vi")["period"] == "năm" and program.terms("en")["periods"] == "years"


# --- programs of a hand-made store --------------------------------------------------------------------------


def _add_yearly_program(store, code="nam", target=None, years=(2024, 2025)):
    with store.transaction() as cur:
        cur.execute(
            """INSERT INTO programs (code, name, start_on, end_on, target, noun_vi, noun_en, period_word_vi,
                                     period_word_en)
               VALUES (?, 'Chương trình năm', ?, ?, ?, 'sản phẩm', 'products', 'Năm', 'Year')""",
            [code, D(years[0], 1, 1), D(years[-1] + 2, 12, 31), target],
        )
        for year in years:
            cur.execute(
                "INSERT INTO periods VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                [code, year, f"Năm {year}", D(year, 1, 1), D(year, 12, 31)],
            )
            cur.execute(
                "INSERT INTO targets VALUES ('BSR', ?, 10, ?), ('PVU', ?, 4, ?)", [year, code, year, code]
            )


def test_a_program_target_is_its_own_or_the_sum_of_its_periods(make_store):
    store = make_store([record("A", "BSR", "2024-03-01", program_code="nam")], name="t.duckdb")
    _add_yearly_program(store)
    insert_records(store, [record("B", "BSR", "2024-03-02", program_code="nam")])
    prog = metrics.progress(store, Filters(program="nam"))
    assert prog.program["target"] == 28  # no target of its own: 2024's 14 + 2025's 14 (each its units' sum)
    assert list(prog.phases["phase"]) == [2024, 2025]
    assert prog.program["registered"] == 2
    assert store.one("SELECT phase FROM initiatives WHERE code = 'A'") is None  # written before its periods
    with store.transaction() as cur:
        cur.execute("UPDATE programs SET target = 100 WHERE code = 'nam'")
    assert metrics.progress(store, Filters(program="nam")).program["target"] == 100
    assert metrics.progress(store, Filters(program="nam", phase=2024)).program["target"] == 14


def test_records_without_a_program_count_in_the_program_of_their_day(make_store):
    store = make_store()
    with store.transaction() as cur:  # written by another tool, without program_code
        cur.execute(
            "INSERT INTO initiatives (code, title, unit_code, status, registered_on, phase, authors) "
            "VALUES ('X1', 't', 'BSR', 'registered', DATE '2022-03-01', 1, 'Lê A')"
        )
    prog = metrics.progress(store, Filters(program=ONE_MILLION))
    assert prog.program["registered"] == 1 and prog.program["authors"] == 1


# --- units over time -----------------------------------------------------------------------------------------


def _change(store, *rows):
    with store.transaction() as cur:
        for row in rows:
            cur.execute(
                "INSERT INTO unit_changes (on_date, kind, unit_code, successor_code, old_name, old_short_name) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                row,
            )


def test_a_merged_unit_counts_under_its_successor_today_and_apart_then(make_store):
    store = make_store(
        [
            record("M1", "PVTex", "2022-02-01", authors="Lê A"),
            record("M2", "BSR", "2022-02-01", authors="Lê B"),
        ]
        + [record(f"M{i}", "BSR", "2022-07-01", authors="Lê B") for i in range(3, 6)]
    )
    _change(store, (D(2022, 6, 1), "merge", "PVTex", "BSR", None, None))
    today = metrics.progress(store, Filters(program=ONE_MILLION))
    units = today.unit_rows("1").set_index("unit")
    assert "PVTex" not in units.index
    assert (
        units.loc["BSR", "registered"] == 2 and units.loc["BSR", "target"] == 170 + 10
    )  # targets summed too
    assert units.loc["BSR", "authors"] == 2  # the authors of both, exactly
    then = metrics.progress(store, Filters(program=ONE_MILLION, units_as="then"))
    phase1 = then.unit_rows("1").set_index("unit")
    assert phase1.loc["PVTex", "registered"] == 1 and phase1.loc["BSR", "registered"] == 1
    assert "PVTex" not in then.unit_rows("2")["unit"].tolist()  # it had ceased before phase 2 began
    assert today.program["registered"] == then.program["registered"] == 5  # the program's total never moves


def test_a_split_unit_and_an_added_one(make_store):
    store = make_store([record("S1", "PVEP", "2022-02-01"), record("S2", "BSR", "2023-03-01")])
    _change(
        store,
        (D(2022, 6, 1), "split", "PVEP", "PVEP POC", None, None),
        (D(2023, 1, 1), "add", "PVTex", None, None, None),
    )
    today = metrics.progress(store, Filters(program=ONE_MILLION)).unit_rows("all").set_index("unit")
    assert today.loc["PVEP POC", "registered"] == 1 and "PVEP" not in today.index
    assert "PVTex" in today.index  # added inside the program's window: it took part
    phase1 = metrics.progress(store, Filters(program=ONE_MILLION, units_as="then")).unit_rows("1")
    assert "PVTex" not in phase1["unit"].tolist() and "PVEP" in phase1["unit"].tolist()


def test_a_renamed_unit_keeps_its_old_name_as_it_was_then(make_store):
    store = make_store([record("R1", "PVU", "2022-02-01")])
    _change(store, (D(2023, 1, 1), "rename", "PVU", None, "Trường cũ", "ĐH cũ"))
    then = metrics.progress(store, Filters(program=ONE_MILLION, units_as="then"))
    assert then.unit_rows("1").set_index("unit").loc["PVU", "name"] == "Trường cũ"
    assert then.unit_rows("2").set_index("unit").loc["PVU", "name"] == "Trường Đại học Dầu khí Việt Nam"
    today = metrics.progress(store, Filters(program=ONE_MILLION))
    assert today.unit_rows("1").set_index("unit").loc["PVU", "name"] == "Trường Đại học Dầu khí Việt Nam"


def test_unit_view_follows_chains_of_merges():
    changes = [
        UnitChange(D(2024, 1, 1), "merge", "A", "B"),
        UnitChange(D(2025, 1, 1), "merge", "B", "C"),
    ]
    assert unit_view(changes, D(2023, 1, 1), D(2023, 12, 31)).mapping == {"A": "C", "B": "C"}
    assert unit_view(changes, D(2025, 6, 1), D(2025, 12, 31), "then").hidden == frozenset({"A", "B"})


def test_the_union_is_named_as_it_was_called_in_the_period_shown(sample_store):
    assert (
        metrics.progress(sample_store, Filters(program=ONE_MILLION)).union.name
        == "Công đoàn Dầu khí Việt Nam"
    )
    before = metrics.progress(sample_store, Filters(program=DMST, phase=2024)).union
    assert before.name == "Công đoàn Dầu khí Việt Nam"
    after = metrics.progress(sample_store, Filters(program=DMST, phase=2025)).union
    assert after.name == "Công đoàn Petrovietnam"
    assert after.parent_name == "Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam"


# --- imports ---------------------------------------------------------------------------------------------------


def _csv(tmp_path, rows, name="f.csv"):
    path = tmp_path / name
    lines = ["Mã sáng kiến,Tên sáng kiến,Đơn vị,Ngày đăng ký"] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_spanning_two_programs_is_split_and_says_so(sample_copy, tmp_path):
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        path = _csv(tmp_path, [("N1", "Bơm", "BSR", "15/08/2023"), ("N2", "Van", "BSR", "03/02/2026")])
        report = ingest.import_file(store, path)
        assert report.ok and report.inserted == 2
        assert sorted(report.programs) == [(ONE_MILLION, 1), (DMST, 1)]
        assert any(key == "program_split" for key, _ in report.warnings)
        assert "2 chương trình" in report.message("vi")
        rows = store.rows("SELECT code, program_code, phase FROM initiatives WHERE code LIKE 'N_' ORDER BY 1")
        assert rows == [("N1", ONE_MILLION, 2), ("N2", DMST, 2026)]
        # an update that moves the day into the other program moves the record with it
        moved = ingest.import_file(store, _csv(tmp_path, [("N1", "Bơm", "BSR", "10/10/2025")], "g.csv"))
        assert moved.updated == 1
        assert store.rows("SELECT program_code, phase FROM initiatives WHERE code = 'N1'") == [(DMST, 2025)]
        assert ingest.undo(store, moved.import_id).ok
        assert store.rows("SELECT program_code, phase FROM initiatives WHERE code = 'N1'") == [
            (ONE_MILLION, 2)
        ]
    finally:
        store.close()


def test_overlapping_windows_ask_which_program(sample_copy, tmp_path):
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        with store.transaction() as cur:  # a provincial program running inside the national one
            cur.execute(
                """INSERT INTO programs (code, name, start_on, end_on, noun_vi, noun_en, period_word_vi,
                                         period_word_en)
                   VALUES ('tinh', 'Sáng tạo tỉnh', DATE '2025-03-01', DATE '2025-12-31', 'sáng kiến',
                           'initiatives', 'Đợt', 'Round')"""
            )
            cur.execute(
                "INSERT INTO periods VALUES ('tinh', 1, 'Đợt 1', DATE '2025-03-01', DATE '2025-12-31', NULL, NULL)"
            )
        path = _csv(tmp_path, [("P1", "Bơm", "BSR", "01/06/2025"), ("P2", "Van", "BSR", "01/02/2025")])
        asked = ingest.validate(store, path.read_bytes(), "f.csv")
        assert asked.refusal.code == "program_ambiguous" and asked.refusal.params["codes"] == ["tinh", DMST]
        assert "1 hồ sơ" in asked.message("vi") and "--program" in asked.message("vi")
        refused = ingest.import_file(store, path)
        assert not refused.ok and store.one("SELECT count(*) FROM initiatives WHERE code LIKE 'P_'") == 0
        chosen = ingest.import_file(store, path, program="tinh")
        assert chosen.ok
        assert store.rows(
            "SELECT code, program_code, phase FROM initiatives WHERE code LIKE 'P_' ORDER BY 1"
        ) == [
            ("P1", "tinh", 1),
            ("P2", DMST, 2025),  # outside the chosen program's window: the window decides
        ]
        unknown = ingest.import_file(store, path, program="khong-co")
        assert unknown.refusal.code == "unknown_program"
    finally:
        store.close()


def test_records_outside_every_window_are_counted_and_said(make_store, tmp_path):
    store = make_store()
    report = ingest.import_file(store, _csv(tmp_path, [("O1", "Bơm", "BSR", "15/10/2023")]))
    assert report.ok and report.programs == [(ONE_MILLION, 1)]
    assert any(key == "program_outside" for key, _ in report.warnings)
    assert store.rows("SELECT program_code, phase FROM initiatives WHERE code = 'O1'") == [
        (ONE_MILLION, None)
    ]


# --- rankings and comparisons ------------------------------------------------------------------------------------


def test_three_rankings_side_by_side(make_store):
    rows = (
        [record(f"A{i}", "BSR", "2022-01-01", benefit_vnd=1_000_000) for i in range(200)]
        + [record(f"B{i}", "PVU", "2022-01-01", benefit_vnd=None) for i in range(60)]
        + [record("C1", "PVEP", "2022-01-01", benefit_vnd=900_000_000_000)]
    )
    prog = metrics.progress(make_store(rows), Filters(program=ONE_MILLION, phase=1))
    ranked = metrics.rankings(prog, 1).set_index("unit")
    assert ranked.loc["PVU", "rank_pct"] == 1  # 60 / 55 = 109%
    assert ranked.loc["BSR", "rank_registered"] == 1
    assert ranked.loc["PVEP", "rank_benefit"] == 1


def test_a_year_against_the_same_day_of_the_year_before(sample_store):
    comparison = metrics.compare_periods(sample_store, Filters(program=DMST))
    assert (comparison.current.period, comparison.previous.period) == (2026, 2025)
    assert (comparison.day, comparison.previous_day) == (D(2026, 6, 30), D(2025, 6, 30))
    expected = sample_store.one(
        "SELECT count(*) FROM initiatives WHERE program_code = ? AND registered_on BETWEEN ? AND ?",
        [DMST, D(2025, 1, 1), D(2025, 6, 30)],
    )
    assert comparison.totals["registered_before"] == expected
    assert comparison.totals["registered_now"] == 1660
    assert comparison.totals["change"] == 1660 - expected
    assert set(comparison.units["unit"]) >= {"BSR", "PVComBank"}
    full = metrics.compare_periods(sample_store, Filters(program=DMST, phase=2025))
    assert full.previous_day == D(2024, 12, 31) and full.totals["registered_now"] == 3644
    assert metrics.compare_periods(sample_store, Filters(program=DMST, phase=2024)) is None
    assert metrics.same_point(Period("x", 2025, "", D(2025, 1, 1), D(2025, 12, 31)),
                              Period("x", 2024, "", D(2024, 1, 1), D(2024, 12, 31)), D(2025, 3, 1)) == D(2024, 3, 1)  # fmt: skip


def test_a_program_against_another_at_the_same_share_of_its_time(sample_store):
    comparison = metrics.compare_programs(sample_store, Filters(program=DMST))
    assert comparison.other.code == ONE_MILLION
    assert comparison.share == pytest.approx((D(2026, 6, 30) - D(2024, 1, 1)).days / 1827 + 1 / 1827)
    assert comparison.other_day == comparison.other.day_at_share(comparison.share)
    expected = sample_store.one(
        "SELECT count(*) FROM initiatives WHERE program_code = ? AND registered_on <= ?",
        [ONE_MILLION, comparison.other_day],
    )
    assert comparison.then["registered"] == expected and comparison.now["registered"] == 8732
    curves = metrics.program_curves(sample_store, Filters(program=DMST))
    assert set(curves["program"]) == {DMST, ONE_MILLION}
    assert curves.groupby("program")["share"].max()[ONE_MILLION] <= 100


# --- the command line ---------------------------------------------------------------------------------------


def test_reports_of_both_programs_from_the_command_line(sample_db, tmp_path, capsys):
    from docx import Document

    from analytics.cli import main
    from tests.analytics.report.conftest import docx_text

    first, second = tmp_path / "1-trieu.docx", tmp_path / "dmst.docx"
    common = ["--db", str(sample_db), "--format", "docx"]
    assert main(["report", *common, "--program", ONE_MILLION, "--out", str(first)]) == 0
    assert main(["report", *common, "--program", DMST, "--phase", "2025", "--out", str(second)]) == 0
    text = docx_text(Document(str(first)))
    assert (
        "Kết quả thực hiện chương trình “1 triệu sáng kiến”" in text and "CÔNG ĐOÀN DẦU KHÍ VIỆT NAM" in text
    )
    assert "7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    text = docx_text(Document(str(second)))
    assert "Kết quả thực hiện chương trình “Đổi mới sáng tạo Dầu khí 2024–2028”" in text
    assert "CÔNG ĐOÀN PETROVIETNAM" in text and "II. KẾT QUẢ THEO NĂM" in text
    assert "BSR (1.277,9%)" in text and "Năm 2025 ghi nhận 3.644 sản phẩm sáng tạo" in text
    assert "Xếp hạng theo ba tiêu chí (năm 2025)" in text
    assert main(["report", *common, "--program", "khong-co", "--out", str(first)]) == 2
    assert "khong-co" in capsys.readouterr().err


def test_import_with_a_program_from_the_command_line(sample_copy, tmp_path, capsys):
    import json

    from analytics.cli import main
    from analytics.store import open_store

    store = open_store(sample_copy)
    with store.transaction() as cur:
        cur.execute(
            """INSERT INTO programs (code, name, start_on, end_on, noun_vi, noun_en, period_word_vi, period_word_en)
               VALUES ('tinh', 'Sáng tạo tỉnh', DATE '2025-03-01', DATE '2025-12-31', 'sáng kiến', 'initiatives',
                       'Đợt', 'Round')"""
        )
    store.close()
    path = _csv(tmp_path, [("C1", "Bơm", "BSR", "01/06/2025")])
    assert main(["import", str(path), "--db", str(sample_copy), "--json"]) == 1  # which program? refused
    refused = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert not refused["ok"] and "--program" in refused["message"]
    assert main(["import", str(path), "--db", str(sample_copy), "--program", "tinh"]) == 0
    assert main(["import", str(path), "--db", str(sample_copy), "--program", "nope"]) == 2
    store = open_store(sample_copy, read_only=True)
    try:
        assert store.one("SELECT program_code FROM initiatives WHERE code = 'C1'") == "tinh"
    finally:
        store.close()


def test_a_program_is_compared_only_with_one_whose_records_reach_that_point(sample_store):
    # "1 triệu sáng kiến" at its end (97,7% of its time): the running program is not that far yet
    assert metrics.compare_programs(sample_store, Filters(program=ONE_MILLION)) is None
    early = metrics.compare_programs(sample_store, Filters(program=ONE_MILLION, as_of=D(2022, 1, 1)))
    assert early.other.code == DMST and early.other_day < D(2026, 6, 30)
