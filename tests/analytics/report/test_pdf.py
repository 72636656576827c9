"""The PDF, read back with pypdf: A4, fonts embedded, the text extractable with its diacritics."""

from __future__ import annotations

import io

from pypdf import PdfReader

from analytics.report import ChartImages, render
from tests.analytics.report.conftest import HAS_BROWSER, flat


def test_pdf_text_holds_the_figures_with_diacritics(pdf_0531_text):
    reader, text = pdf_0531_text
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 14 tháng 4 năm 2023",
        "CÔNG ĐOÀN DẦU KHÍ VIỆT NAM",
        "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)",
        "BSR, PVCFC, VPI và PVU",
        "PVFCCo, PV GAS và Ban QLDA NMNĐ Thái Bình 2",
        "ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert expected in text, expected
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts.values()]
    assert embedded and all("/FontFile2" in d for d in embedded)
    if HAS_BROWSER:
        assert sum(len(page.images) for page in reader.pages) == 4


def test_pdf_end_of_program(report_end, sample_store):
    reader = PdfReader(io.BytesIO(render(report_end, "pdf", sample_store, ChartImages(problem="off"))))
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert "7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    assert "1.062 tác giả" in text and "trên 9.000 tỷ đồng (9.126 tỷ đồng)" in text
    assert "tệp này không kèm biểu đồ vì biểu đồ đã được tắt" in text
