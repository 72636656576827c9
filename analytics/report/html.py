"""The report as HTML: the Report page's preview, and a standalone document with the charts inlined.

The preview is a list of parts in reading order: HTML fragments (letterhead, paragraphs, each table, the
signature block) and the report's own `Chart` blocks, so the page can draw interactive Plotly charts
between the fragments. The markup carries classes only; the look (the documents' fonts, sizes, table
rules, highlighted placeholders, letterhead layout) is in html.css beside this file, which the page
injects once and the standalone document embeds. Every text is escaped.
"""

from __future__ import annotations

import base64
import functools
from html import escape
from pathlib import Path

from analytics.i18n import Lang, t
from analytics.report.images import ChartImages
from analytics.report.model import Chart, Column, Paragraph, Report, Table, cell_text, is_numeric

STYLESHEET = Path(__file__).resolve().with_name("html.css")
PARAGRAPH_CLASSES = {  # Paragraph.style -> class; any other style is written as body text
    "body": "sk-report-body",
    "bullet": "sk-report-bullet",
    "note": "sk-report-note",
    "placeholder": "sk-report-placeholder",
}

_NUMBER_CELL = '<td class="num">'  # right-aligned by the stylesheet

PreviewPart = str | Chart  # an HTML fragment, or a chart the page draws itself


@functools.cache
def stylesheet() -> str:
    """The preview's CSS rules (read once per process)."""
    return STYLESHEET.read_text(encoding="utf-8")


def _block(html: str, kind: str = "") -> str:
    """A fragment in the report's typeface; `kind` adds the class of a smaller block (tables, closing)."""
    classes = f"sk-report {kind}" if kind else "sk-report"
    return f'<div class="{classes}">{html}</div>'


def letterhead_html(report: Report) -> str:
    """Issuing body and number on the left, nation, motto and place-date on the right; then the title."""
    head = report.letterhead
    return _block(
        '<table class="sk-report-letterhead"><tr>'
        f'<td class="sk-report-issuer">{escape(head.parent)}<br><b>{escape(head.issuer)}</b><br>'
        f'<span class="sk-report-rule">———</span><br>{escape(head.number)}</td>'
        f"<td><b>{escape(head.nation)}</b><br><b><u>{escape(head.motto)}</u></b>"
        f"<br><br><i>{escape(head.place_date)}</i></td></tr></table>"
        f'<p class="sk-report-title"><b>{escape(report.title)}</b><br><b>{escape(report.subtitle)}</b><br>'
        f"<i>{escape(report.scope_line)}</i></p>"
    )


def paragraph_html(block: Paragraph) -> str:
    """A paragraph in its style's class; a bullet starts with "- " as in the documents."""
    text = escape(block.text)
    if block.style == "bullet":
        text = f"- {text}"
    return f'<p class="{PARAGRAPH_CLASSES.get(block.style, PARAGRAPH_CLASSES["body"])}">{text}</p>'


def heading_html(heading: str) -> str:
    return f'<p class="sk-report-heading">{escape(heading)}</p>'


def table_html(block: Table, number: int, report: Report) -> str:
    """The table as the documents print it: the same columns, number formats and numbered caption;
    numbers right-aligned (class "num"), the total row bold (class "total")."""
    lang = report.lang
    columns = block.document_columns()
    head = "".join(f"<th>{escape(c.label)}</th>" for c in columns)
    body = [_row_html(row, columns, lang) for row in block.rows]
    if block.total:
        body.append(_row_html(block.total, columns, lang, total=True))
    caption = escape(t("report.table.caption", lang, n=number, caption=block.caption))
    return _block(
        f'<p class="sk-report-caption">{caption}</p>'
        f'<table class="sk-report-grid"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>',
        "sk-report-tables",
    )


def _row_html(row: dict, columns: tuple[Column, ...], lang: Lang, total: bool = False) -> str:
    cells = "".join(
        (_NUMBER_CELL if is_numeric(c.kind) else "<td>")
        + f"{escape(cell_text(row.get(c.key), c.kind, lang))}</td>"
        for c in columns
    )
    return f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>"


def _signature_line(index: int, line: str) -> str:
    """Title lines and the name in bold, "(Ký tên, đóng dấu)" in italics, blank lines kept."""
    if not line:
        return "&nbsp;"
    if line.startswith("("):
        return f"<i>{escape(line)}</i>"
    return f"<b>{escape(line)}</b>" if index < 2 or line.startswith("[") else escape(line)


def signature_html(report: Report) -> str:
    """ "Nơi nhận" on the left, the signature block centred on the right."""
    recipients = "<br>".join(escape(r) for r in report.recipients)
    signature = "<br>".join(_signature_line(index, line) for index, line in enumerate(report.signature))
    return _block(
        '<table class="sk-report-signature"><tr>'
        f'<td class="sk-report-recipients"><b><i>{escape(report.recipients_title)}</i></b><br>{recipients}</td>'
        f'<td class="sk-report-signer">{signature}</td></tr></table>',
        "sk-report-closing",
    )


def _parts(report: Report, notes: tuple[Paragraph, ...]) -> list[PreviewPart]:
    """Fragments and charts in reading order. Paragraphs run together into one fragment until a table
    or a chart interrupts them."""
    parts: list[PreviewPart] = [
        letterhead_html(report),
        _block("".join(paragraph_html(n) for n in notes) + paragraph_html(report.intro)),
    ]
    table_number = 0
    for section in report.sections:
        pending = [heading_html(section.heading)]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                pending.append(paragraph_html(block))
                continue
            if pending:
                parts.append(_block("".join(pending)))
                pending = []
            if isinstance(block, Table):
                table_number += 1
                parts.append(table_html(block, table_number, report))
            elif isinstance(block, Chart):
                parts.append(block)
        if pending:
            parts.append(_block("".join(pending)))
    parts.append(_block(paragraph_html(report.closing)))
    parts.append(signature_html(report))
    return parts


def preview_parts(report: Report) -> list[PreviewPart]:
    """The report on screen: letterhead and title, sections with their paragraphs, tables and charts,
    the closing and the signature block."""
    return _parts(report, report.notes)


def _chart_html(block: Chart, png: bytes) -> str:
    title = block.figure.layout.title.text or block.key
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure class="sk-report-figure"><img class="sk-report-chart" alt="{escape(title)}" '
        f'src="data:image/png;base64,{data}"></figure>'
    )


def to_html(report: Report, images: ChartImages) -> bytes:
    """The report as one HTML file (stylesheet embedded, charts as PNG data URIs). Charts missing from
    `images` are left out and the reason is noted, as in the Word and PDF files."""
    notes = report.notes
    reason = images.reason(report.lang) if report.charts() else None
    if reason:
        notes = (*notes, Paragraph(t("report.note.charts_missing", report.lang, reason=reason), "note"))
    body = []
    for part in _parts(report, notes):
        if isinstance(part, Chart):
            png = images.get(part.key)
            if png:
                body.append(_chart_html(part, png))
        else:
            body.append(part)
    lang = "vi" if report.lang == "vi" else "en"
    title = escape(f"{report.title} {report.subtitle}")
    document = (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
        f"<style>{stylesheet()}</style></head>"
        f'<body class="sk-report-document"><main>{"".join(body)}</main></body></html>\n'
    )
    return document.encode("utf-8")
