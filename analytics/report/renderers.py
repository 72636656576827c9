"""The report's formats in one table: each row says its MIME type, how it is written and what it needs.

Adding a format is one row here and one writer module beside this one; `render`, the Report page's
download buttons and the command line's `--format` choices all read the table. Writers are imported when
first used, so the page and the other formats never load python-docx, fpdf2 or XlsxWriter for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics import metrics
from analytics.i18n import t
from analytics.report.images import ChartImages, render_charts
from analytics.report.model import Report
from analytics.store import Store

Writer = Callable[[Report, ChartImages, Store | None], bytes]


@dataclass(frozen=True)
class Renderer:
    """One report format. `needs_images`: the charts are drawn to PNG before writing (XLSX draws Excel's
    own); `needs_store`: the writer reads the records themselves; `download`: offered by the Report page
    and the command line (the HTML document is not: the page shows the report live, from the same
    markup)."""

    format: str
    mime_type: str
    write: Writer
    needs_images: bool
    needs_store: bool = False
    download: bool = True
    icon: str = ""  # the download button's Material icon


class UnknownFormat(ValueError):
    """A format no row of the table writes; the message lists the valid ones."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"unknown report format: {fmt!r} (valid: {', '.join(RENDERERS)})")
        self.format = fmt


class StoreNeeded(ValueError):
    """A format that reads the records was asked for without a store."""


def _write_docx(report: Report, images: ChartImages, store: Store | None) -> bytes:
    from analytics.report.docx import to_docx

    return to_docx(report, images)


def _write_pdf(report: Report, images: ChartImages, store: Store | None) -> bytes:
    from analytics.report.pdf import to_pdf

    return to_pdf(report, images)


def _write_xlsx(report: Report, images: ChartImages, store: Store | None) -> bytes:
    """The workbook's records sheet holds every record in scope, in code order."""
    from analytics.report.xlsx import to_xlsx

    return to_xlsx(report, metrics.records(store, report.filters, limit=None, order="code_asc"))


def _write_html(report: Report, images: ChartImages, store: Store | None) -> bytes:
    from analytics.report.html import to_html

    return to_html(report, images)


RENDERERS: dict[str, Renderer] = {
    row.format: row
    for row in (
        Renderer(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _write_docx,
            needs_images=True,
            icon=":material/description:",
        ),
        Renderer("pdf", "application/pdf", _write_pdf, needs_images=True, icon=":material/picture_as_pdf:"),
        Renderer(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _write_xlsx,
            needs_images=False,
            needs_store=True,
            icon=":material/table_view:",
        ),
        Renderer("html", "text/html", _write_html, needs_images=True, download=False),
    )
}


def renderer(fmt: str) -> Renderer:
    """The table's row for `fmt`; an unknown format is an error that names the valid ones."""
    try:
        return RENDERERS[fmt]
    except KeyError:
        raise UnknownFormat(fmt) from None


def chart_images(report: Report) -> ChartImages:
    """The report's charts as PNG (drawn in one browser session; cached by figure, so a second format of
    the same report draws nothing)."""
    return render_charts((chart.key, chart.figure) for chart in report.charts())


def render(report: Report, fmt: str, store: Store | None = None, images: ChartImages | None = None) -> bytes:
    """The report as a file in `fmt`. Formats that carry the charts as images get them drawn here unless
    given; XLSX draws its own native charts and needs the store for the records sheet."""
    row = renderer(fmt)
    if row.needs_store and store is None:
        raise StoreNeeded(f"the {fmt.upper()} report needs the store for its records sheet")
    if not row.needs_images:
        images = ChartImages()
    elif images is None:
        images = chart_images(report)
    return row.write(report, images, store)


def file_name(report: Report, fmt: str) -> str:
    """ "bao-cao-sang-kien-2022-05-31.docx": the as-of day in the name, so files sort by date."""
    day = report.as_of.isoformat() if report.as_of else "no-data"
    return f"{t('report.file', report.lang)}-{day}.{fmt}"


FORMATS: tuple[str, ...] = tuple(fmt for fmt, row in RENDERERS.items() if row.download)
MIME_TYPES: dict[str, str] = {fmt: row.mime_type for fmt, row in RENDERERS.items()}
