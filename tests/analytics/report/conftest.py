"""Shared by the report's tests: the sample store's report at two checkpoints, its charts drawn once per
session, each format written once, and helpers that read the files back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader

from analytics.filters import Filters
from analytics.report import ReportMeta, build_report, chart_images, render
from analytics.report import images as chart_png
from tests.conftest import ONE_MILLION

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
    return build_report(sample_store, Filters(program=ONE_MILLION), "vi", META)


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
