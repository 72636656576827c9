"""The report as a Word document the union edits, signs and files.

Layout follows Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP): A4, margins 20/20/30/15 mm,
Times New Roman 13 pt; the letterhead as a borderless two-column table (issuing body and number on the left,
the national title, motto and place-date on the right); centred title; numbered sections; "Nơi nhận" and
the signature block side by side at the end. Tables are real Word tables with Vietnamese number formats;
charts are the dashboard's figures as PNG. The proposals section is highlighted for the author to write.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from analytics.i18n import t
from analytics.report.images import ChartImages, png_size
from analytics.report.model import Chart, Paragraph, Report, Table, cell_text, is_numeric

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
TEXT_WIDTH_CM = 16.5  # A4 210 mm minus 30 mm left and 15 mm right margins
CHART_WIDTH_CM = 16.0
HEADER_FILL = "D9E2F3"


def _set_cell_borders_none(table: DocxTable) -> None:
    """A layout table: no borders at all (the letterhead and the signature block)."""
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _fix_widths(table: DocxTable, widths: list) -> None:
    """Column widths Word and LibreOffice both honour: fixed layout, grid columns and every cell set."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _keep_row_whole(row) -> None:
    """A row never splits across two pages."""
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _repeat_header(row) -> None:
    """The header row repeats at the top of every page a long table runs onto."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _base_style(document, lang: str) -> None:
    """Times New Roman 13 for every script slot, justified body, Vietnamese proofing language."""
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN" if lang == "vi" else "en-GB")
    rpr.append(language)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15


def _page_setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True  # page numbers from page 2, top centre
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _page_field(paragraph: DocxParagraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _line(
    cell_or_doc,
    text: str,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float = BODY_PT,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> DocxParagraph:
    """One short centred line (letterhead, title, signature): no spacing, the given emphasis."""
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = None
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _letterhead(document, report: Report) -> None:
    """Issuer and number on the left, nation, motto and place-date on the right (borderless table)."""
    head = report.letterhead
    table = document.add_table(rows=2, cols=2)
    _set_cell_borders_none(table)
    _fix_widths(table, [Cm(7.4), Cm(10.1)])  # 1 cm wider than the text, as letterheads usually are
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(int(-0.5 * 567)))  # twips: half a centimetre into the left margin
    indent.set(qn("w:type"), "dxa")
    table._tbl.tblPr.append(indent)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(left, head.parent, size=12, first=True)
    _line(left, head.issuer, bold=True, size=12)
    _line(left, "———————", size=9)
    _line(right, head.nation, bold=True, size=12, first=True)
    _line(right, head.motto, bold=True, underline=True, size=13)
    _line(table.cell(1, 0), head.number, size=13, first=True)
    _line(table.cell(1, 1), head.place_date, italic=True, size=13, first=True)


def _title(document, report: Report) -> None:
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    _line(document, report.title, bold=True, size=14)
    _line(document, report.subtitle, bold=True, size=14)
    scope = _line(document, report.scope_line, italic=True, size=12)
    scope.paragraph_format.space_after = Pt(12)


def _paragraph(document, block: Paragraph) -> None:
    """Body text justified with a first-line indent; bullets as "- " items; notes italic; placeholders
    highlighted so the author sees what is left to write."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    text = block.text
    if block.style == "bullet":
        paragraph.paragraph_format.left_indent = Cm(1.0)
        paragraph.paragraph_format.first_line_indent = Cm(-0.5)
        text = "- " + text
    elif block.style in ("body", "placeholder"):
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    run = paragraph.add_run(text)
    if block.style == "note":
        run.italic = True
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    if block.style == "placeholder":
        run.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _table(document, block: Table, number: int, lang: str) -> None:
    """A real Word table: bold shaded header repeated across pages, numbers right-aligned, total row bold."""
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    run = caption.add_run(t("report.table.caption", lang, n=number, caption=block.caption))
    run.bold, run.italic = True, True
    run.font.size = Pt(12)

    columns = block.document_columns()
    rows = list(block.rows) + ([block.total] if block.total else [])
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fix_widths(table, [Cm(w) for w in block.widths(lang, TEXT_WIDTH_CM)])
    _repeat_header(table.rows[0])
    for row in table.rows:
        _keep_row_whole(row)
    for index, column in enumerate(columns):
        cell = table.cell(0, index)
        _shade(cell, HEADER_FILL)
        _cell_text(cell, column.label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for r, row in enumerate(rows, start=1):
        is_total = block.total is not None and r == len(rows)
        for index, column in enumerate(columns):
            align = WD_ALIGN_PARAGRAPH.RIGHT if is_numeric(column.kind) else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(
                table.cell(r, index), cell_text(row.get(column.key), column.kind, lang), is_total, align
            )
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _cell_text(cell, text: str, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = None
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(TABLE_PT)


def _chart(document, png: bytes) -> None:
    """A chart centred at the text width (or narrower for a short, wide figure)."""
    width_px, height_px = png_size(png)
    width = Cm(CHART_WIDTH_CM)
    if height_px / width_px > 1.3:  # a tall ranking: keep it on one page
        width = Cm(CHART_WIDTH_CM * 1.3 * width_px / height_px)
    document.add_picture(io.BytesIO(png), width=width)
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _closing(document, report: Report) -> None:
    """Closing sentence, then "Nơi nhận" (left) and the signature block (right) in a borderless table."""
    _paragraph(document, report.closing)
    table = document.add_table(rows=1, cols=2)
    _set_cell_borders_none(table)
    _fix_widths(table, [Cm(8.0), Cm(8.5)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    _line(
        left,
        report.recipients_title,
        bold=True,
        italic=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for item in report.recipients:
        _line(left, item, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, item in enumerate(report.signature):
        bold = index < 2 or (item.startswith("[") and item.endswith("]"))
        _line(right, item, bold=bold, italic=item.startswith("("), size=13, first=index == 0)


def to_docx(report: Report, images: ChartImages) -> bytes:
    """The report as .docx bytes. Charts missing from `images` are left out and the reason is noted."""
    document = Document()
    _base_style(document, report.lang)
    _page_setup(document)
    document.core_properties.title = f"{report.title} {report.subtitle}"
    document.core_properties.author = report.letterhead.issuer
    document.core_properties.language = "vi-VN" if report.lang == "vi" else "en-GB"
    _letterhead(document, report)
    _title(document, report)
    notes = list(report.notes)
    reason = images.reason(report.lang) if report.charts() else None
    if reason:
        notes.append(Paragraph(t("report.note.charts_missing", report.lang, reason=reason), "note"))
    for note in notes:
        _paragraph(document, note)
    _paragraph(document, report.intro)
    table_number = 0
    for section in report.sections:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(section.heading).bold = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph(document, block)
            elif isinstance(block, Table):
                table_number += 1
                _table(document, block, table_number, report.lang)
            elif isinstance(block, Chart) and (png := images.get(block.key)):
                _chart(document, png)
    _closing(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
