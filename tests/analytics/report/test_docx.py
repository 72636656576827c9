"""The Word document, opened with python-docx: letterhead, fonts, sections, real tables, charts or the
reason they are missing."""

from __future__ import annotations

import io

from docx import Document

from analytics.report import ChartImages, chart_images, render
from analytics.report import images as chart_png
from tests.analytics.report.conftest import HAS_BROWSER, docx_text, flat


def test_docx_letterhead_title_and_fonts(docx_0531):
    head = docx_0531.tables[0]
    left = flat(head.cell(0, 0).text + " " + head.cell(1, 0).text)
    right = flat(head.cell(0, 1).text + " " + head.cell(1, 1).text)
    assert "TỔNG LĐLĐ VIỆT NAM" in left and "CÔNG ĐOÀN DẦU KHÍ VIỆT NAM" in left and "Số: .../BC-CĐDK" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    issuer = next(
        r for p in head.cell(0, 0).paragraphs for r in p.runs if r.text == "CÔNG ĐOÀN DẦU KHÍ VIỆT NAM"
    )
    motto = next(r for p in head.cell(0, 1).paragraphs for r in p.runs if r.text.startswith("Độc lập"))
    date_run = head.cell(1, 1).paragraphs[0].runs[0]
    assert issuer.bold and motto.bold and motto.underline
    assert date_run.text == "Hà Nội, ngày 14 tháng 4 năm 2023" and date_run.italic
    borders = head._tbl.tblPr.xml
    assert 'w:val="nil"' in borders  # a layout table: no borders
    texts = [p.text for p in docx_0531.paragraphs]
    assert "BÁO CÁO" in texts and "Kết quả thực hiện chương trình “1 triệu sáng kiến”" in texts
    normal = docx_0531.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    section = docx_0531.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_docx_figures_tier_sentences_and_sections(docx_0531):
    text = docx_text(docx_0531)
    for expected in (
        "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)",
        "các đơn vị hoàn thành vượt mức chỉ tiêu gồm BSR, PVCFC, VPI và PVU",
        "các đơn vị đạt trên 50% chỉ tiêu gồm PVFCCo, PV GAS và Ban QLDA NMNĐ Thái Bình 2",
        "Giai đoạn 2 (01/06/2022 – 30/09/2023) cần đăng ký 4.000 sáng kiến.",
        "I. TÌNH HÌNH CHUNG",
        "II. KẾT QUẢ THEO GIAI ĐOẠN",
        "III. KẾT QUẢ THEO ĐƠN VỊ",
        "IV. TIẾN ĐỘ VÀ DỰ BÁO",
        "V. GIÁ TRỊ LÀM LỢI",
        "VII. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "TM. BAN THƯỜNG VỤ",
        "dữ liệu minh họa",
    ):
        assert expected in text, expected
    placeholder = next(
        p for p in docx_0531.paragraphs if p.text.startswith("[Phần do người lập báo cáo viết")
    )
    assert placeholder.runs[0].font.highlight_color is not None


def test_docx_tables_are_real_word_tables(docx_0531):
    tables = {t.cell(0, 0).text: t for t in docx_0531.tables[1:-1]}
    phases = tables["Giai đoạn"]
    assert [c.text for c in phases.rows[0].cells] == [
        "Giai đoạn",
        "Thời gian",
        "Chỉ tiêu",
        "Đã đăng ký",
        "Tỷ lệ đạt",
        "Còn thiếu",
        "Vượt chỉ tiêu",
        "Đơn vị hoàn thành",
    ]
    assert [c.text for c in phases.rows[1].cells] == [
        "Giai đoạn 1",
        "01/09/2021 – 31/05/2022",
        "1.400",
        "1.458",
        "104,1%",
        "0",
        "58",
        "4/33",
    ]
    assert [c.text for c in phases.rows[-1].cells][:5] == [
        "Cả chương trình",
        "01/09/2021 – 30/09/2023",
        "5.400",
        "1.458",
        "27,0%",
    ]
    units = tables["Hạng"]
    assert len(units.rows) == 34
    assert [c.text for c in units.rows[1].cells] == [
        "1",
        "BSR",
        "170",
        "470",
        "276,4%",
        "Hoàn thành",
        "736,2",
    ]
    fields = tables["Lĩnh vực"]
    assert fields.rows[0].cells[-1].text == "Tỷ trọng" and fields.rows[1].cells[-1].text.endswith("%")


def test_docx_has_the_charts_or_says_why_not(docx_0531, images_0531):
    if HAS_BROWSER:
        assert images_0531.problem is None and set(images_0531.pngs) == {
            "phases",
            "units",
            "trend",
            "benefit",
        }
        assert len(docx_0531.inline_shapes) == 4
        assert "không kèm biểu đồ" not in docx_text(docx_0531)
    else:
        assert len(docx_0531.inline_shapes) == 0
        assert "không kèm biểu đồ" in docx_text(docx_0531)


def test_docx_end_of_program(report_end, sample_store):
    document = Document(io.BytesIO(render(report_end, "docx", sample_store, ChartImages(problem="off"))))
    text = docx_text(document)
    assert "7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    assert "1.062 tác giả tham gia" in text and "18/33 đơn vị hoàn thành chỉ tiêu" in text
    assert "trên 9.000 tỷ đồng (9.126 tỷ đồng)" in text
    phases = next(t for t in document.tables if t.cell(0, 0).text == "Giai đoạn")
    assert [c.text for c in phases.rows[-1].cells][2:5] == ["5.400", "7.085", "131,2%"]
    assert len(document.inline_shapes) == 0 and "biểu đồ đã được tắt" in text


def test_without_a_browser_the_report_says_why(monkeypatch, report_0531, sample_store):
    chart_png.clear_cache()
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    images = chart_images(report_0531)
    assert images.problem == "no_browser" and not images.pngs
    document = Document(io.BytesIO(render(report_0531, "docx", sample_store, images)))
    assert len(document.inline_shapes) == 0
    text = docx_text(document)
    assert "tệp này không kèm biểu đồ vì máy chủ không có trình duyệt Chromium" in text
    assert "Bảng 1. Kết quả đăng ký sáng kiến theo giai đoạn" in text  # tables are all there
    monkeypatch.setenv("SANGKIEN_REPORT_CHARTS", "0")
    assert chart_images(report_0531).reason("en").startswith("charts were switched off")
