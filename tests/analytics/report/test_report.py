"""The meeting report on the sample store: its narrative, and each file opened with a real reader
(python-docx, pypdf, openpyxl and the workbook's zip parts). Charts are drawn once per session."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from analytics.cli import main
from analytics.filters import Filters
from analytics.report import build_report, chart_images, file_name, render, report_filters
from analytics.report import images as chart_png
from analytics.report.model import ReportMeta, over_amount
from tests.conftest import insert_records, record

PHASE1_END = dt.date(2022, 5, 31)
ISSUED = dt.date(2023, 4, 14)
META = ReportMeta(issued_on=ISSUED)
HAS_BROWSER = chart_png.find_browser() is not None and not chart_png.charts_switched_off()


def flat(text: str) -> str:
    """Whitespace folded to single spaces (PDF text comes back with line breaks where lines wrapped)."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------------------
# Session fixtures: one report per checkpoint, its charts drawn once, each format written once.


@pytest.fixture(scope="session")
def report_0531(sample_store):
    return build_report(sample_store, Filters(as_of=PHASE1_END), "vi", META)


@pytest.fixture(scope="session")
def report_end(sample_store):
    return build_report(sample_store, Filters(), "vi", META)


@pytest.fixture(scope="session")
def images_0531(report_0531):
    return chart_images(report_0531)


@pytest.fixture(scope="session")
def docx_0531(report_0531, images_0531, sample_store):
    return Document(io.BytesIO(render(report_0531, "docx", sample_store, images_0531)))


@pytest.fixture(scope="session")
def pdf_0531_text(report_0531, images_0531, sample_store):
    data = render(report_0531, "pdf", sample_store, images_0531)
    reader = PdfReader(io.BytesIO(data))
    return reader, flat("\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="session")
def xlsx_0531(report_0531, sample_store):
    return render(report_0531, "xlsx", sample_store)


def docx_text(document) -> str:
    """Every paragraph, including those inside tables (the letterhead and signature are tables)."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return flat("\n".join(parts))


# ---------------------------------------------------------------------------------------------------------
# The narrative.


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

    program = metrics.progress(sample_store, Filters()).program
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
    assert report.title == "REPORT" and "VI. PROPOSALS AND RECOMMENDATIONS" in text


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


# ---------------------------------------------------------------------------------------------------------
# Word.


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
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
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
    document = Document(
        io.BytesIO(render(report_end, "docx", sample_store, chart_png.ChartImages(problem="off")))
    )
    text = docx_text(document)
    assert "7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    assert "1.062 tác giả tham gia" in text and "18/33 đơn vị hoàn thành chỉ tiêu" in text
    assert "trên 9.000 tỷ đồng (9.126 tỷ đồng)" in text
    phases = next(t for t in document.tables if t.cell(0, 0).text == "Giai đoạn")
    assert [c.text for c in phases.rows[-1].cells][2:5] == ["5.400", "7.085", "131,2%"]
    assert len(document.inline_shapes) == 0 and "biểu đồ đã được tắt" in text


# ---------------------------------------------------------------------------------------------------------
# PDF.


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
    reader = PdfReader(
        io.BytesIO(render(report_end, "pdf", sample_store, chart_png.ChartImages(problem="off")))
    )
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert "7.085 sáng kiến, đạt 131,2% chỉ tiêu hai giai đoạn (5.400)" in text
    assert "1.062 tác giả" in text and "trên 9.000 tỷ đồng (9.126 tỷ đồng)" in text
    assert "tệp này không kèm biểu đồ vì biểu đồ đã được tắt" in text


# ---------------------------------------------------------------------------------------------------------
# Excel.


def test_xlsx_sheets_values_and_formats(xlsx_0531):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_0531))
    assert book.sheetnames == ["Tổng hợp", "Giai đoạn", "Đơn vị", "Hồ sơ"]
    phases = book["Giai đoạn"]
    assert [c.value for c in phases[1][:5]] == [
        "Giai đoạn",
        "Thời gian",
        "Chỉ tiêu",
        "Đã đăng ký",
        "Tỷ lệ đạt",
    ]
    assert [c.value for c in phases[2][:5]] == ["Giai đoạn 1", "01/09/2021 – 31/05/2022", 1400, 1458, 1.041]
    assert phases["C2"].number_format == "#,##0" and phases["E2"].number_format == "0.0%"
    start = next(c for c in phases[1] if c.value == "Bắt đầu").column
    assert phases.cell(2, start).value == dt.datetime(2021, 9, 1)
    assert phases.cell(2, start).number_format == "dd/mm/yyyy"
    units = book["Đơn vị"]
    assert [c.value for c in units[2][:7]] == [
        1,
        "BSR",
        "Công ty CP Lọc hóa dầu Bình Sơn",
        "Lọc hóa dầu",
        170,
        470,
        2.764,
    ]
    records = book["Hồ sơ"]
    assert records.max_row == 1 + 1458 and records["A1"].value == "Mã hồ sơ"
    assert records["J2"].number_format == "dd/mm/yyyy" and isinstance(records["J2"].value, dt.datetime)
    summary = book["Tổng hợp"]
    values = {row[0].value: row[1].value for row in summary.iter_rows(min_row=1, max_col=2) if row[0].value}
    assert values["Đã đăng ký"] == 1458 and values["Chỉ tiêu"] == 5400
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)" in "\n".join(
        str(v) for v in values
    )


def test_xlsx_charts_are_native_excel_charts(xlsx_0531):
    parts = zipfile.ZipFile(io.BytesIO(xlsx_0531)).namelist()
    charts = sorted(p for p in parts if re.fullmatch(r"xl/charts/chart\d+\.xml", p))
    assert len(charts) == 2 and any(p.startswith("xl/drawings/drawing") for p in parts)
    xml = {p: zipfile.ZipFile(io.BytesIO(xlsx_0531)).read(p).decode() for p in charts}
    assert any("<c:barChart>" in x and "'Giai đoạn'!$C$2:$C$3" in x for x in xml.values())  # target per phase
    assert any("'Đơn vị'!$G$2:$G$34" in x for x in xml.values())  # % of target per unit


def test_xlsx_neutralises_formula_like_titles(sample_copy):
    from analytics.store import open_store

    store = open_store(sample_copy)
    insert_records(store, [record("EVIL-1", "BSR", "2022-05-30", title='=HYPERLINK("http://x","y")')])
    report = build_report(store, Filters(as_of=PHASE1_END, units=("BSR",)), "vi", META)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", store)))
    titles = [row[1].value for row in book["Hồ sơ"].iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x","y")' in titles
    assert all(not (isinstance(t, str) and t.startswith("=")) for t in titles)
    store.close()


# ---------------------------------------------------------------------------------------------------------
# An empty scope, charts without a browser, the command line.


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_empty_scope_still_writes_documents_that_say_so(make_store, fmt):
    store = make_store()
    report = build_report(store, Filters(), "vi", META)
    assert report.empty and not report.charts()
    data = render(report, fmt, store, chart_png.ChartImages())
    if fmt == "docx":
        text = docx_text(Document(io.BytesIO(data)))
    elif fmt == "pdf":
        text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    else:
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book["Hồ sơ"].max_row == 1 and book["Đơn vị"].max_row == 34
        text = flat("\n".join(str(c.value) for row in book["Tổng hợp"].iter_rows() for c in row if c.value))
    assert "Không có dữ liệu" in text
    assert "chưa có sáng kiến nào được đăng ký trong phạm vi báo cáo" in text


def test_units_before_the_program_began(sample_store):
    report = build_report(sample_store, Filters(units=("BSR",), as_of=dt.date(2021, 8, 1)), "en", META)
    text = flat(report.text())
    assert report.empty and "no initiative has been registered within the report's scope" in text
    assert file_name(report, "pdf") == "initiatives-report-2021-08-01.pdf"


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


def test_cli_writes_each_format(sample_db, tmp_path, capsys):
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"r.{fmt}"
        code = main(
            ["report", "--db", str(sample_db), "--as-of", "2022-05-31", "--format", fmt, "--out", str(out)]
        )
        assert code == 0 and out.stat().st_size > 10_000
        assert f"Đã ghi báo cáo {fmt.upper()} vào {out}" in capsys.readouterr().out
    text = docx_text(Document(str(tmp_path / "r.docx")))
    assert "1.458" in text and "104,1%" in text
    code = main(
        [
            "report",
            "--db",
            str(sample_db),
            "--unit",
            "BSR",
            "--phase",
            "1",
            "--lang",
            "en",
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "bsr.xlsx"),
        ]
    )
    assert code == 0
    units = openpyxl.load_workbook(tmp_path / "bsr.xlsx")["Units"]
    assert units.max_row == 2 and units["B2"].value == "BSR"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "XYZ"], "Không có đơn vị mã XYZ trong kho"),
        (["--phase", "7"], "Không có giai đoạn 7 trong kho"),
        (["--as-of", "31/05/2022"], "Ngày không hợp lệ: 31/05/2022"),
    ],
)
def test_cli_bad_arguments_exit_2(sample_db, tmp_path, capsys, extra, message):
    out = tmp_path / "r.pdf"
    code = main(["report", "--db", str(sample_db), *extra, "--format", "pdf", "--out", str(out)])
    assert code == 2 and message in capsys.readouterr().err and not out.exists()


def test_cli_bad_paths_exit_2(sample_db, tmp_path, capsys):
    assert (
        main(
            [
                "report",
                "--db",
                str(tmp_path / "none.duckdb"),
                "--format",
                "xlsx",
                "--out",
                str(tmp_path / "a.xlsx"),
            ]
        )
        == 2
    )
    assert "none.duckdb" in capsys.readouterr().err
    out = tmp_path / "missing-folder" / "a.xlsx"
    assert main(["report", "--db", str(sample_db), "--format", "xlsx", "--out", str(out)]) == 2
    assert "missing-folder" in capsys.readouterr().err
