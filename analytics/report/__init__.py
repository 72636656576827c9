"""The meeting report, from a view (filters) to the file the union files: DOCX, PDF or XLSX.

    report = build_report(store, filters, lang)          # what it says (model)
    data = render(report, "docx", store)                 # the file, charts drawn once per figure
    parts = preview_parts(report)                        # the page's preview: HTML fragments and charts

`model` holds the blocks a report is made of and writes them from the metrics; `docx`, `pdf`, `xlsx` and
`html` lay them out, one renderer each, listed with their MIME types in `renderers.RENDERERS`; `images`
draws the charts to PNG. `python -m analytics report ... --format docx|pdf|xlsx --out FILE`
(analytics.cli) and the Report page call the functions below; nothing outside this package imports its
modules.
"""

from analytics.report.html import PreviewPart, preview_parts, stylesheet
from analytics.report.images import ChartImages, browser_problem
from analytics.report.model import Chart, Report, ReportMeta, build_report, report_filters
from analytics.report.renderers import (
    FORMATS,
    MIME_TYPES,
    RENDERERS,
    Renderer,
    StoreNeeded,
    UnknownFormat,
    chart_images,
    file_name,
    render,
    renderer,
)

__all__ = [
    "FORMATS",
    "MIME_TYPES",
    "RENDERERS",
    "Chart",
    "ChartImages",
    "PreviewPart",
    "Renderer",
    "Report",
    "ReportMeta",
    "StoreNeeded",
    "UnknownFormat",
    "browser_problem",
    "build_report",
    "chart_images",
    "file_name",
    "preview_parts",
    "render",
    "renderer",
    "report_filters",
    "stylesheet",
]
