"""The report as an A4 PDF: the same content as the Word document, with its fonts embedded.

Vietnamese needs a Unicode font with every precomposed letter (ế, ộ, ữ ...). The PDF embeds Noto Serif
(SIL Open Font License) from analytics/report/fonts/, cut down to the Latin scripts Vietnamese uses, so a fresh
machine needs no font package; fpdf2 embeds only the glyphs used, with a ToUnicode map, so the text stays
searchable and extractable. A character outside the subset falls back to a system font when one exists.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF, FontFace

from analytics.i18n import t
from analytics.report.images import ChartImages, png_size
from analytics.report.model import Chart, Paragraph, Report, Table, cell_text, is_numeric

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "NotoSerif"
FONT_FILES = {"": "NotoSerif-Regular.ttf", "B": "NotoSerif-Bold.ttf", "I": "NotoSerif-Italic.ttf"}
FALLBACK_FONTS = (  # full-coverage system fonts, used only for characters the subset lacks
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
LEFT, TOP, RIGHT, BOTTOM = 30.0, 20.0, 15.0, 20.0  # mm, as the Word document
BODY_PT, TABLE_PT = 12.0, 9.0
LINE_MM = 6.0
CHART_WIDTH_MM = 160.0
HEADER_FILL = (217, 226, 243)


class FontsMissing(RuntimeError):
    """The embedded fonts are not where they should be (a broken install): say which file."""


class _ReportPdf(FPDF):
    def header(self) -> None:
        """Page numbers at the top centre from page 2, as in administrative documents."""
        if self.page_no() > 1:
            self.set_y(10)
            self.set_font(FAMILY, "", 10)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_y(TOP)


def _new_pdf(report: Report) -> FPDF:
    pdf = _ReportPdf(orientation="P", unit="mm", format="A4")
    for style, name in FONT_FILES.items():
        path = FONT_DIR / name
        if not path.is_file():
            raise FontsMissing(f"font file missing: {path}")
        pdf.add_font(FAMILY, style, str(path))
    fallback = next((p for p in FALLBACK_FONTS if p.is_file()), None)
    if fallback is not None:
        pdf.add_font("Fallback", "", str(fallback))
        pdf.set_fallback_fonts(["Fallback"], exact_match=False)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(f"{report.title} {report.subtitle}")
    pdf.set_author(report.letterhead.issuer)
    pdf.set_lang("vi-VN" if report.lang == "vi" else "en-GB")
    pdf.set_creator("1 triệu sáng kiến dashboard")
    pdf.add_page()
    return pdf


def _centred(
    pdf: FPDF, x: float, w: float, text: str, style: str = "", size: float = BODY_PT, h: float = 5.5
) -> None:
    pdf.set_x(x)
    pdf.set_font(FAMILY, style, size)
    pdf.multi_cell(w, h, text, align="C", new_x="LEFT", new_y="NEXT")


def _letterhead(pdf: FPDF, report: Report) -> None:
    """Issuing body and number on the left, nation, motto and place-date on the right."""
    head = report.letterhead
    left_x, left_w = LEFT - 8, 72.0
    right_x, right_w = LEFT + 62, 105.0
    top = pdf.get_y()
    _centred(pdf, left_x, left_w, head.parent, size=11)
    _centred(pdf, left_x, left_w, head.issuer, "B", size=11)
    rule_y = pdf.get_y() + 1
    pdf.line(left_x + left_w / 2 - 12, rule_y, left_x + left_w / 2 + 12, rule_y)
    left_bottom = rule_y + 2
    pdf.set_y(top)
    _centred(pdf, right_x, right_w, head.nation, "B", size=11)
    _centred(pdf, right_x, right_w, head.motto, "BU", size=12)
    right_bottom = pdf.get_y() + 3
    row = max(left_bottom, right_bottom)
    pdf.set_y(row)
    _centred(pdf, left_x, left_w, head.number, size=12)
    pdf.set_y(row)
    _centred(pdf, right_x, right_w, head.place_date, "I", size=12)
    pdf.ln(6)


def _title(pdf: FPDF, report: Report) -> None:
    width = pdf.w - LEFT - RIGHT
    _centred(pdf, LEFT, width, report.title, "B", size=14, h=7)
    _centred(pdf, LEFT, width, report.subtitle, "B", size=14, h=7)
    _centred(pdf, LEFT, width, report.scope_line, "I", size=11, h=5.5)
    pdf.ln(4)


def _paragraph(pdf: FPDF, block: Paragraph) -> None:
    """Justified body text; "- " items indented; notes and placeholders in italics (placeholders shaded)."""
    width = pdf.w - LEFT - RIGHT
    style = "I" if block.style in ("note", "placeholder") else ""
    size = BODY_PT - 1 if block.style == "note" else BODY_PT
    pdf.set_font(FAMILY, style, size)
    if block.style == "bullet":
        pdf.set_x(LEFT + 6)
        pdf.multi_cell(width - 6, LINE_MM, "- " + block.text, align="J", new_x="LMARGIN", new_y="NEXT")
    elif block.style == "placeholder":
        pdf.set_fill_color(255, 244, 163)
        pdf.multi_cell(width, LINE_MM, block.text, align="L", fill=True, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(width, LINE_MM, block.text, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _table(pdf: FPDF, block: Table, number: int, lang: str) -> None:
    """A ruled table: bold shaded header repeated on each page, numbers right-aligned, total row bold."""
    width = pdf.w - LEFT - RIGHT
    if pdf.get_y() + 30 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FAMILY, "B", 11)
    caption = t("report.table.caption", lang, n=number, caption=block.caption)
    pdf.multi_cell(width, 6, caption, align="C", new_x="LMARGIN", new_y="NEXT")
    columns = block.document_columns()
    align = tuple("RIGHT" if is_numeric(c.kind) else "LEFT" for c in columns)
    pdf.set_font(FAMILY, "", TABLE_PT)
    with pdf.table(
        col_widths=block.widths(lang, width),
        width=width,
        align="LEFT",  # from the left margin (CENTER centres on the page, not the text column)
        text_align=align,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        line_height=4.6,
        padding=1,
        repeat_headings=1,
    ) as table:
        table.row([c.label for c in columns])
        for row in block.rows:
            table.row([cell_text(row.get(c.key), c.kind, lang) for c in columns])
        if block.total:
            pdf.set_font(FAMILY, "B", TABLE_PT)
            table.row(
                [cell_text(block.total.get(c.key), c.kind, lang) for c in columns],
                style=FontFace(emphasis="BOLD"),
            )
    pdf.ln(4)


def _chart(pdf: FPDF, png: bytes) -> None:
    """A chart at the text width (narrower if it would not fit a page), moved to a new page if need be."""
    width_px, height_px = png_size(png)
    width = CHART_WIDTH_MM
    height = width * height_px / width_px
    room = pdf.h - TOP - BOTTOM - 5
    if height > room:
        width, height = width * room / height, room
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=(pdf.w - LEFT - RIGHT - width) / 2 + LEFT, w=width, h=height)
    pdf.ln(3)


def _closing(pdf: FPDF, report: Report) -> None:
    """Closing sentence, then "Nơi nhận" on the left and the signature block on the right."""
    _paragraph(pdf, report.closing)
    if pdf.get_y() + 50 > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 2
    pdf.set_y(top)
    pdf.set_x(LEFT)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(75, 5, report.recipients_title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    for item in report.recipients:
        pdf.multi_cell(75, 4.8, item, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top)
    for index, item in enumerate(report.signature):
        bold = index < 2 or (item.startswith("[") and item.endswith("]"))
        style = "B" if bold else ("I" if item.startswith("(") else "")
        _centred(pdf, LEFT + 80, 85, item or " ", style, size=12, h=6)


def to_pdf(report: Report, images: ChartImages) -> bytes:
    """The report as PDF bytes (A4, fonts embedded). Missing charts are left out and the reason noted."""
    pdf = _new_pdf(report)
    _letterhead(pdf, report)
    _title(pdf, report)
    notes = list(report.notes)
    reason = images.reason(report.lang) if report.charts() else None
    if reason:
        notes.append(Paragraph(t("report.note.charts_missing", report.lang, reason=reason), "note"))
    for note in notes:
        _paragraph(pdf, note)
    _paragraph(pdf, report.intro)
    table_number = 0
    width = pdf.w - LEFT - RIGHT
    for section in report.sections:
        if pdf.get_y() + 20 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(1)
        pdf.set_font(FAMILY, "B", BODY_PT)
        pdf.multi_cell(width, LINE_MM, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                _paragraph(pdf, block)
            elif isinstance(block, Table):
                table_number += 1
                _table(pdf, block, table_number, report.lang)
            elif isinstance(block, Chart) and (png := images.get(block.key)):
                _chart(pdf, png)
    _closing(pdf, report)
    return bytes(pdf.output())
