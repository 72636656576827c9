"""The Report page in the real Streamlit runtime (AppTest), against a copy of the sample store.

AppTest re-runs only the page script after the first run, so every URL state gets a fresh AppTest."""

from __future__ import annotations

import datetime as dt

from tests.app.apptest import all_text, html_text, run_app
from tests.conftest import ONE_MILLION


def preview_text(at) -> str:
    return " ".join(html_text(at).split())


def test_report_page_previews_the_end_of_phase_1(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="report", as_of="2022-05-31")
    assert at.title[0].value == "Báo cáo kết quả chương trình"
    assert at.date_input(key="report_as_of").value == dt.date(2022, 5, 31)  # from the sidebar
    assert at.selectbox(key="report_phase").value == 0 and at.multiselect(key="report_units").value == []
    text = preview_text(at)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số: .../BC-CĐDK" in text
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)" in text
    assert "BSR, PVCFC, VPI và PVU" in text and "PVFCCo, PV GAS và Ban QLDA NMNĐ Thái Bình 2" in text
    assert "Bảng 1. Kết quả đăng ký sáng kiến theo giai đoạn" in text
    assert '<td class="num">104,1%</td>' in text  # the table as the document prints it, numbers right
    assert len(at.get("plotly_chart")) == 4
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Word (.docx)", "PDF", "Excel (.xlsx)"]
    assert "Dữ liệu minh họa" in all_text(at)


def test_report_page_scope_from_the_sidebar_and_on_the_page(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="report", unit=["BSR", "PVU"], phase="2")
    assert at.multiselect(key="report_units").value == ["BSR", "PVU"]
    assert at.selectbox(key="report_phase").value == 2
    assert "phạm vi: các đơn vị BSR và PVU, giai đoạn 2" in preview_text(at)
    at.selectbox(key="report_phase").set_value(0).run()  # widen the report without touching the view
    text = preview_text(at)
    assert "phạm vi: các đơn vị BSR và PVU, cả chương trình" in text
    assert "đạt 153,3% chỉ tiêu hai giai đoạn (750)" in text


def test_report_page_in_english(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="report", lang="en", program=ONE_MILLION)
    text = preview_text(at)
    assert at.title[0].value == "Program report"
    assert "the program recorded 7,085 initiatives, 131.2% of the two-phase target (5,400)" in text
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text
    assert [b.proto.label for b in at.get("download_button")][0] == "Word (.docx)"


def test_report_page_with_an_empty_scope(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="report", unit="BSR", as_of="2021-08-01")
    text = preview_text(at)
    assert "Không có dữ liệu" in text and "chưa có sáng kiến nào được đăng ký trong phạm vi báo cáo" in text
    assert len(at.get("download_button")) == 3
