"""The registry of report formats, and every downloadable format on an empty scope."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from analytics.cli import EXIT_USAGE, main
from analytics.filters import Filters
from analytics.report import (
    FORMATS,
    MIME_TYPES,
    RENDERERS,
    ChartImages,
    Renderer,
    StoreNeeded,
    UnknownFormat,
    build_report,
    render,
    renderer,
)
from tests.analytics.report.conftest import META, docx_text, flat


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_empty_scope_still_writes_documents_that_say_so(make_store, fmt):
    store = make_store()
    report = build_report(store, Filters(), "vi", META)
    assert report.empty and not report.charts()
    data = render(report, fmt, store, ChartImages())
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


# ---------------------------------------------------------------------------------------------------------
# The registry.


def test_each_format_has_its_mime_type_and_row():
    assert MIME_TYPES == {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html": "text/html",
    }
    for fmt, row in RENDERERS.items():
        assert row.format == fmt and renderer(fmt) is row and row.mime_type == MIME_TYPES[fmt]
    assert [fmt for fmt, row in RENDERERS.items() if row.needs_images] == ["docx", "pdf", "html"]
    assert [fmt for fmt, row in RENDERERS.items() if row.needs_store] == ["xlsx"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        RENDERERS["pdf"].needs_images = False  # type: ignore[misc]


def test_downloads_are_the_three_document_formats(sample_db, tmp_path, capsys):
    """The page's buttons and the command line's --format: DOCX, PDF, XLSX; the HTML file is not offered."""
    assert FORMATS == ("docx", "pdf", "xlsx") == tuple(f for f, row in RENDERERS.items() if row.download)
    assert all(RENDERERS[fmt].icon.startswith(":material/") for fmt in FORMATS)
    out = tmp_path / "r.html"
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--db", str(sample_db), "--format", "html", "--out", str(out)])
    assert exit_.value.code == EXIT_USAGE and not out.exists()
    assert "invalid choice: 'html' (choose from 'docx', 'pdf', 'xlsx')" in capsys.readouterr().err


def test_an_unknown_format_names_the_valid_ones(report_0531):
    with pytest.raises(UnknownFormat) as error:
        render(report_0531, "odt")
    assert str(error.value) == "unknown report format: 'odt' (valid: docx, pdf, xlsx, html)"
    assert isinstance(error.value, ValueError) and error.value.format == "odt"
    with pytest.raises(UnknownFormat, match="valid: docx, pdf, xlsx, html"):
        renderer("DOCX")


def test_the_workbook_needs_the_store(report_0531):
    with pytest.raises(StoreNeeded, match="XLSX"):
        render(report_0531, "xlsx")


def test_needs_images_decides_whether_charts_are_drawn(monkeypatch, report_0531, sample_store):
    drawn: list[int] = []

    def drawing(report):
        drawn.append(len(report.charts()))
        return ChartImages(problem="off")

    monkeypatch.setattr("analytics.report.renderers.chart_images", drawing)
    render(report_0531, "xlsx", sample_store)
    assert drawn == []  # Excel draws its own charts
    render(report_0531, "docx", sample_store)
    assert drawn == [4]
    render(report_0531, "pdf", sample_store, ChartImages(problem="off"))
    assert drawn == [4]  # given images are used as they are

    seen: list[ChartImages] = []

    def write(report, images, store):
        seen.append(images)
        return b"text"

    monkeypatch.setitem(RENDERERS, "txt", Renderer("txt", "text/plain", write, needs_images=False))
    assert render(report_0531, "txt", images=ChartImages({"trend": b"png"})) == b"text"
    assert seen == [ChartImages()] and drawn == [4]  # a row without images gets none, drawn or given
    monkeypatch.setitem(RENDERERS, "txt", Renderer("txt", "text/plain", write, needs_images=True))
    render(report_0531, "txt")
    assert drawn == [4, 4] and seen[-1] == ChartImages(problem="off")
