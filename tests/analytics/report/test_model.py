"""The report's content on the sample store: its narrative in both languages, the scope and the figures
(the same metrics as the screens)."""

from __future__ import annotations

import datetime as dt

from analytics.filters import Filters
from analytics.report import build_report, file_name, report_filters
from analytics.report.model import over_amount
from tests.analytics.report.conftest import META, PHASE1_END, flat
from tests.conftest import DMST, ONE_MILLION


def test_narrative_at_the_end_of_phase_1(report_0531):
    text = flat(report_0531.text())
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)" in text
    assert "các đơn vị hoàn thành vượt mức chỉ tiêu gồm BSR, PVCFC, VPI và PVU" in text
    assert "các đơn vị đạt trên 50% chỉ tiêu gồm PVFCCo, PV GAS và Ban QLDA NMNĐ Thái Bình 2" in text
    assert "Giai đoạn 2 (01/06/2022 – 30/09/2023) cần đăng ký 4.000 sáng kiến." in text
    # the unit section ranks phase 1 (the only phase begun), each tier with its units' %
    assert "Kết quả giai đoạn 1 theo đơn vị (33 đơn vị):" in text
    assert (
        "Hoàn thành, vượt chỉ tiêu (4 đơn vị): BSR (276,4%), PVCFC (272,7%), VPI (225,0%), PVU (183,3%)."
        in text
    )
    # no unit can have met the two-phase target yet, so the program line does not count them
    assert "0/33 đơn vị" not in text
    assert report_0531.as_of == PHASE1_END and not report_0531.empty and report_0531.sample


def test_narrative_at_the_end_of_the_program(report_end):
    text = flat(report_end.text())
    assert report_end.as_of == dt.date(2023, 8, 31)
    assert "toàn chương trình ghi nhận 7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    assert "1.062 tác giả tham gia" in text and "18/33 đơn vị hoàn thành chỉ tiêu" in text
    assert "đạt trên 9.000 tỷ đồng (9.126 tỷ đồng)" in text
    assert "Hoàn thành, vượt chỉ tiêu (18 đơn vị): PVEP (188,0%)" in text
    assert "Mốc phấn đấu tiếp theo, 5.400 sáng kiến lũy kế đến ngày 30/09/2023" in text


def test_facts_come_from_the_same_metrics_as_the_screens(report_end, sample_store):
    from analytics import metrics

    program = metrics.progress(sample_store, Filters(program=ONE_MILLION)).program
    facts = {f.key: f.value for f in report_end.facts}
    assert facts["registered"] == program["registered"] == 7085
    assert facts["pct"] == program["pct"] == 131.2
    assert facts["authors"] == 1062 and facts["units_met"] == 18 and facts["benefit_vnd"] == 9_126_409_000_000


def test_english_narrative(sample_store):
    report = build_report(sample_store, Filters(as_of=PHASE1_END), "en", META)
    text = flat(report.text())
    assert "Phase 1 recorded 1,458 initiatives, 104.1% of its target (1,400)" in text
    assert "the units that exceeded their target were BSR, PVCFC, VPI and PVU" in text
    assert "PVFCCo, PV GAS and Ban QLDA NMNĐ Thái Bình 2" in text
    assert "Phase 2 (1 Jun 2022 – 30 Sep 2023) needs 4,000 initiatives registered." in text
    assert report.letterhead.place_date == "Hanoi, 14 April 2023"
    assert report.title == "REPORT" and "VII. PROPOSALS AND RECOMMENDATIONS" in text


def test_chosen_units_and_a_phase(sample_store):
    filters = report_filters(Filters(groups=("Khí",)), 2, ["BSR", "PVU", "BSR"], None)
    assert filters.units == ("BSR", "PVU") and filters.groups == () and filters.phase == 2
    report = build_report(sample_store, filters, "vi", META)
    text = flat(report.text())
    assert "phạm vi: các đơn vị BSR và PVU, giai đoạn 2 (01/06/2022 – 30/09/2023)" in text
    assert "Chỉ tiêu giai đoạn 2 (01/06/2022 – 30/09/2023) 550 sáng kiến." in text
    assert [r["unit"] for r in report.tables()["units"].rows] == ["PVU", "BSR"]


def test_over_amount_quotes_a_round_figure_first():
    assert over_amount(9_126_409_000_000, "vi") == "trên 9.000 tỷ đồng (9.126 tỷ đồng)"
    assert over_amount(2_428_381_000_000, "vi") == "trên 2.400 tỷ đồng (2.428 tỷ đồng)"
    assert over_amount(9_000_000_000_000, "vi") == "9.000 tỷ đồng"
    assert over_amount(850_000_000, "vi") == "850 triệu đồng"
    assert over_amount(9_126_409_000_000, "en") == "over VND 9,000 bn (VND 9,126 bn)"


def test_units_before_the_program_began(sample_store):
    report = build_report(sample_store, Filters(units=("BSR",), as_of=dt.date(2021, 8, 1)), "en", META)
    text = flat(report.text())
    assert report.empty and "no initiative has been registered within the report's scope" in text
    assert file_name(report, "pdf") == "initiatives-report-2021-08-01.pdf"


def test_the_recipients_name_the_union_that_issues_the_report(sample_store):
    """A report of "Đổi mới sáng tạo Dầu khí" in 2026 is issued by Công đoàn Petrovietnam: its "Nơi nhận"
    sent a copy to the "Thường trực Công đoàn DKVN", a name the union no longer had."""
    later = build_report(sample_store, Filters(program=DMST), "vi", META)
    assert later.letterhead.issuer == "CÔNG ĐOÀN PETROVIETNAM"
    assert "- Thường trực Công đoàn Petrovietnam;" in later.recipients
    assert not any("DKVN" in line for line in later.recipients)
    first = build_report(sample_store, Filters(program=ONE_MILLION), "vi", META)
    assert "- Thường trực Công đoàn Dầu khí Việt Nam;" in first.recipients
    english = build_report(sample_store, Filters(program=DMST), "en", META)
    assert "- Standing office of the Petrovietnam Trade Union;" in english.recipients


def test_a_period_not_begun_is_not_started_in_the_reports_table(report_0531):
    """At 31/05/2022 the report's table of phases read phase 2, which begins on 01/06/2022, as failing:
    0,0% and 4.000 still missing. It says the phase has not started and gives no % or gap."""
    table = next(b for s in report_0531.sections for b in s.blocks if getattr(b, "key", "") == "phases")
    second = table.rows[1]
    assert second["name"] == "Giai đoạn 2 (chưa bắt đầu)"
    assert second["registered"] == 0 and second["target"] == 4000
    assert second["pct"] != second["pct"] and second["gap"] != second["gap"]  # none: NaN
    first = table.rows[0]
    assert first["name"] == "Giai đoạn 1" and first["pct"] == 104.1
