"""The HTML renderer without Streamlit: the preview's parts in reading order, escaped text, classes only
(no inline styles), and the standalone document with its charts inlined."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from analytics.filters import Filters
from analytics.report import (
    MIME_TYPES,
    Chart,
    ChartImages,
    build_report,
    file_name,
    preview_parts,
    render,
    stylesheet,
)
from analytics.report.model import cell_text
from analytics.store import open_store
from tests.analytics.report.conftest import HAS_BROWSER, META, PHASE1_END, flat
from tests.conftest import ROOT, insert_records, record

HOSTILE = {  # the short name is what the report writes in its sentences and tables
    "name": "<script>alert('x')</script> Công ty",
    "short_name": '<script>alert(1)</script><a href="http://evil.example/">BSR</a>',
}


class _Markup(HTMLParser):
    """Start tags with their attributes, the text, and each table's cells, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.tables: list[list[tuple[str, str]]] = []  # per grid table: (cell class, cell text)
        self._cell: list[str] | None = None
        self._cell_class = ""
        self._in_grid = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "table":
            self._in_grid = attributes.get("class") == "sk-report-grid"
            if self._in_grid:
                self.tables.append([])
        if tag == "td" and self._in_grid:
            self._cell, self._cell_class = [], attributes.get("class") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_grid = False
        if tag == "td" and self._cell is not None:
            self.tables[-1].append((self._cell_class, "".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> _Markup:
    markup = _Markup()
    markup.feed(html)
    markup.close()
    return markup


def fragments(report) -> str:
    return "".join(part for part in preview_parts(report) if isinstance(part, str))


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """A one-unit report whose unit's names are markup (as a careless reference file could hold)."""
    store = open_store(tmp_path_factory.mktemp("hostile") / "hand.duckdb")
    insert_records(store, [record("X-1", "BSR", "2022-05-30", benefit_vnd=5e9)])
    with store.transaction() as cur:
        cur.execute(
            "UPDATE units SET name = ?, short_name = ? WHERE code = 'BSR'",
            [HOSTILE["name"], HOSTILE["short_name"]],
        )
    yield build_report(store, Filters(units=("BSR",), as_of=PHASE1_END), "vi", META)
    store.close()


def test_parts_follow_the_report_in_reading_order(report_0531):
    parts = preview_parts(report_0531)
    assert all(isinstance(part, str | Chart) for part in parts)
    head = flat(" ".join(read(parts[0]).text))
    letterhead = report_0531.letterhead
    for line in (
        letterhead.parent,
        letterhead.issuer,
        letterhead.number,
        letterhead.nation,
        letterhead.motto,
    ):
        assert line in head
    assert letterhead.place_date == "Hà Nội, ngày 14 tháng 4 năm 2023" and letterhead.place_date in head
    assert report_0531.title in head and report_0531.subtitle in head
    # the charts are the report's own blocks, in the document's order, between the fragments
    assert [p.key for p in parts if isinstance(p, Chart)] == [c.key for c in report_0531.charts()]
    assert [p for p in parts if isinstance(p, Chart)] == report_0531.charts()
    # every section heading, in order, and the closing and signature at the end
    text = flat(" ".join(read(fragments(report_0531)).text))
    positions = [text.index(section.heading) for section in report_0531.sections]
    assert positions == sorted(positions) and len(positions) == 7
    assert text.index("TM. BAN THƯỜNG VỤ") > positions[-1] and "Nơi nhận:" in text


def test_tables_hold_every_formatted_number_in_order(report_0531):
    tables = list(report_0531.tables().values())
    markup = read(fragments(report_0531))
    # phases, units, the three rankings side by side, fields (no comparison: phase 1 has no period before it)
    assert len(markup.tables) == len(tables) == 4
    for table, cells in zip(tables, markup.tables, strict=True):
        columns = table.document_columns()
        rows = list(table.rows) + ([table.total] if table.total else [])
        expected = [cell_text(row.get(c.key), c.kind, "vi") for row in rows for c in columns]
        assert [text for _, text in cells] == expected
        kinds = [c.kind for _ in rows for c in columns]
        assert [cls for cls, _ in cells] == [
            "num" if kind in ("count", "percent", "billions", "vnd_amount", "decimal") else ""
            for kind in kinds
        ]
    first = [text for _, text in markup.tables[0]]
    assert first[:8] == [
        "Giai đoạn 1",
        "01/09/2021 – 31/05/2022",
        "1.400",
        "1.458",
        "104,1%",
        "0",
        "58",
        "4/33",
    ]
    assert '<td class="num">104,1%</td>' in fragments(report_0531)
    captions = re.findall(r'<p class="sk-report-caption">(.*?)</p>', fragments(report_0531))
    assert captions[0] == "Bảng 1. Kết quả đăng ký sáng kiến theo giai đoạn" and len(captions) == 4


def test_the_total_row_is_marked_bold(report_0531):
    html = fragments(report_0531)
    assert html.count('<tr class="total">') == sum(1 for t in report_0531.tables().values() if t.total)
    assert re.search(r"\.sk-report-grid tr\.total td \{[^}]*font-weight: 700", stylesheet())


def test_hostile_unit_names_stay_text(hostile_report):
    parts = [part for part in preview_parts(hostile_report) if isinstance(part, str)]
    document = render(hostile_report, "html", images=ChartImages(problem="off")).decode("utf-8")
    for html in ("".join(parts), document):
        assert "<script" not in html and "<a " not in html
        assert not [tag for tag, attributes in read(html).tags if "href" in attributes]
        assert "&lt;script&gt;" in html and "&lt;a href=&quot;http://evil.example/&quot;&gt;" in html
        markup = read(html)
        assert {tag for tag, _ in markup.tags} <= {
            "html", "head", "meta", "title", "style", "body", "main", "div", "table", "thead", "tbody",
            "tr", "th", "td", "p", "b", "i", "u", "br", "span", "figure", "img",
        }  # fmt: skip
        text = "".join(markup.text)
        assert HOSTILE["short_name"] in text  # shown as the letters it is made of
    units = list(hostile_report.tables()).index("units")
    unit_cells = [text for _, text in read("".join(parts)).tables[units]]
    assert HOSTILE["short_name"] in unit_cells


def test_no_inline_style_anywhere(report_0531, hostile_report):
    for report in (report_0531, hostile_report):
        document = render(report, "html", images=ChartImages(problem="off")).decode("utf-8")
        for html in (fragments(report), document):
            assert not [tag for tag, attributes in read(html).tags if "style" in attributes]
            assert "style=" not in html


def test_every_class_in_the_markup_has_its_rule(report_0531):
    document = render(report_0531, "html", images=ChartImages(problem="off")).decode("utf-8")
    classes = {
        name
        for _, attributes in read(fragments(report_0531) + document).tags
        for name in (attributes.get("class") or "").split()
    }
    css = stylesheet()
    assert {"sk-report", "sk-report-grid", "sk-report-letterhead", "sk-report-placeholder", "num"} <= classes
    for name in classes:
        assert f".{name}" in css, name
    assert re.search(r"\.sk-report-grid td\.num \{ text-align: right; \}", css)
    assert re.search(r"\.sk-report-placeholder \{[^}]*background: #fff4a3", css)


def test_standalone_document_embeds_the_stylesheet_and_the_charts(report_0531, images_0531):
    data = render(report_0531, "html", images=images_0531)
    html = data.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    assert f"<style>{stylesheet()}</style>" in html
    assert MIME_TYPES["html"] == "text/html" and file_name(report_0531, "html").endswith("-2022-05-31.html")
    text = flat(" ".join(read(html).text))
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu (1.400)" in text
    images = re.findall(r'<img class="sk-report-chart" alt="[^"]*" src="data:image/png;base64,', html)
    if HAS_BROWSER:
        assert len(images) == 4 and "không kèm biểu đồ" not in text
    else:
        assert not images and "không kèm biểu đồ" in text


def test_standalone_document_says_why_charts_are_missing(report_0531):
    html = render(report_0531, "html", images=ChartImages(problem="off")).decode("utf-8")
    assert "<img" not in html
    assert "tệp này không kèm biểu đồ vì biểu đồ đã được tắt" in flat(" ".join(read(html).text))
    assert "không kèm biểu đồ" not in fragments(report_0531)  # the page draws its charts live


def test_the_preview_needs_no_streamlit(sample_copy):
    script = (
        "import sys, datetime as dt\n"
        "from analytics.filters import Filters\n"
        "from analytics.report import build_report, preview_parts, stylesheet\n"
        "from analytics.store import open_store\n"
        f"store = open_store({str(sample_copy)!r}, read_only=True)\n"
        "parts = preview_parts(build_report(store, Filters(as_of=dt.date(2022, 5, 31)), 'vi'))\n"
        "assert stylesheet() and any('104,1%' in p for p in parts if isinstance(p, str))\n"
        "print(len(parts), 'streamlit' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    count, streamlit_loaded = done.stdout.split()
    assert int(count) > 10 and streamlit_loaded == "False"
