"""The report's quality section (issue 18): the Quality page's headlines, written from the same figures,
in the model and in every format."""

from __future__ import annotations

import io

import openpyxl

from analytics import quality
from analytics.filters import Filters
from analytics.i18n import fmt_money
from analytics.report import build_report, render
from tests.analytics.report.conftest import META, docx_text, flat
from tests.conftest import ONE_MILLION


def test_the_quality_section_states_the_pages_figures(report_end, sample_store):
    section = next(s for s in report_end.sections if s.key == "quality")
    assert section.heading == "VI. CHẤT LƯỢNG SỐ LIỆU"
    text = flat(" ".join(b.text for b in section.blocks))
    view = report_end.filters
    fun = quality.funnel(sample_store, view).overall
    head = quality.headlines(sample_store, view)
    registered = f"{int(fun['registered']):,}".replace(",", ".")
    recognized = f"{int(fun['recognized']):,}".replace(",", ".")
    assert registered == "7.085"
    assert f"Đã công nhận {recognized} trên {registered} sáng kiến" in text
    assert f"{head.backlog} hồ sơ chờ công nhận quá 90 ngày" in text.replace(".", "")
    assert (
        head.pending_pairs > 0
        and f"{head.pending_pairs} cặp hồ sơ có thể trùng chờ xem xét" in text.replace(".", "")
    )
    assert f"hội đồng đã xác nhận: {fmt_money(0, 'vi')}" in text  # nothing confirmed yet
    assert f"đơn vị tự khai: {fmt_money(head.self_vnd, 'vi')}" in text and head.self_vnd > 0
    assert (
        f"{head.implausible} hồ sơ có giá trị bất thường" in text and head.implausible >= 2
    )  # the planted ones
    facts = {f.key: f.value for f in report_end.facts}
    assert facts["quality_pending"] == head.pending_pairs and facts["quality_benefit_self"] == head.self_vnd


def test_a_council_mark_moves_the_benefit_between_the_two_sums_in_every_format(sample_copy):
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        code, benefit = store.rows(
            "SELECT code, benefit_vnd FROM initiatives WHERE program_code = ? AND benefit_vnd > 0 ORDER BY code "
            "LIMIT 1",
            [ONE_MILLION],
        )[0]
        quality.mark_benefit(store, code, "council", "lan.nguyen")
        report = build_report(store, Filters(program=ONE_MILLION), "vi", META)
        council = f"hội đồng đã xác nhận: {fmt_money(benefit, 'vi')}"
        assert council in flat(report.text())
        from docx import Document
        from pypdf import PdfReader

        from analytics.report.images import ChartImages

        off = ChartImages(problem="off")  # the charts are not what this test reads

        docx = docx_text(Document(io.BytesIO(render(report, "docx", store, off))))
        pdf = PdfReader(io.BytesIO(render(report, "pdf", store, off)))
        pdf_text = flat("\n".join(page.extract_text() for page in pdf.pages))
        html = flat(render(report, "html", store, off).decode("utf-8"))
        book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", store)))
        sheet_text = flat(
            " ".join(str(c.value) for row in book["Tổng hợp"].iter_rows() for c in row if c.value)
        )
        for name, written in (("docx", docx), ("pdf", pdf_text), ("html", html), ("xlsx", sheet_text)):
            assert "CHẤT LƯỢNG SỐ LIỆU" in written, name
            assert council in written, name
    finally:
        store.close()
