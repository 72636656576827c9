"""Every page at the sizes the steering committee uses: a 390 x 844 phone, a 1280 x 800 laptop, a 1440 x 900
desktop and a 1920 x 1080 projector (`?present=1`). On each page: the page never scrolls sideways, no title, card or
chart text is cut or lies over another (their bounding boxes), no English word of Streamlit's own widgets
in the Vietnamese UI, the status words' and badges' colours at 4.5:1 or more (computed from the page's
styles). On the phone: the sidebar is closed, and the Overview's headline figures and first chart are on
the first screen. And the unit picker: "PV GAS" + Enter selects PV GAS alone.

One browser context per size, each page opened once and checked with one script in the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ONE_MILLION
from tests.e2e.conftest import (
    exceptions_on,
    metric_value,
    open_page,
    settle,
    wait_for_metric,
    wait_for_url_param,
)

PAGES = ["", "units", "trends", "benefit", "quality", "records", "report", "data"]
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "projector": {"viewport": {"width": 1920, "height": 1080}},
}
# Pages whose tables all fit a phone's width (the others' wide tables scroll inside themselves, the first
# column pinned).
WHOLE_ON_THE_PHONE = ("quality",)
QUERY = {"phone": "", "laptop": "", "desktop": "", "projector": "?present=1"}

# Streamlit's own widget texts (its bundle's English strings) that must never show in the Vietnamese UI.
STREAMLIT_ENGLISH = (
    "Select all",
    "matches",
    "Press Enter",
    "Enter to apply",
    "Enter to submit",
    "Upload",
    "per file",
    "Drag and drop",
    "Browse files",
    "No results",
    "Choose an option",
    "No options to select",
    "You can only select",
    " more",  # the top navigation's overflow menu ("2 more")
    "Download as CSV",
    "Show/hide columns",
    "Fullscreen",
    "Made with Streamlit",
)
# ... and in the attributes a screen reader speaks and a pointer shows (aria-label, title, placeholder,
# data-title): the sidebar's button, the tables' toolbar, the main menu, the pickers, the calendar, the pager.
STREAMLIT_ENGLISH_LABELS = (
    *STREAMLIT_ENGLISH,
    "Collapse sidebar",
    "Expand sidebar",
    "Sidebar",
    "Main menu",
    "App pages",
    "Search",
    "Help for",
    "Link to heading",
    "Choose date",
    "Choose an option",
    "Previous month",
    "Next month",
    "available date",
    "Pagination",
    "Previous page",
    "Next page",
    "file upload",
    "Add row",
    "Copy to clipboard",
    "Open",
    "Clear all",
)
PLOTLY_ENGLISH = ("Download plot", "Zoom", "Pan", "Reset axes", "Autoscale")
ENGLISH_MONTHS = ("January", "February", "March", "April", "June", "July", "August", "October", "December")

# One script per page: what it measures, as plain data.
MEASURE = """() => {
  const out = {scroll: [], clipped: [], overlaps: [], contrast: [], texts: ''};
  const doc = document.scrollingElement;
  // what a person can scroll sideways: content wider than its scroller, which does not hide its overflow
  const scrolls = (el) => !['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  if (scrolls(document.documentElement) && scrolls(document.body)) out.scroll.push(['document', doc.scrollWidth, doc.clientWidth]);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main && scrolls(main)) out.scroll.push(['main', main.scrollWidth, main.clientWidth]);
  const box = (el) => el.getBoundingClientRect();
  const visible = (el) => { const r = box(el); return r.width > 0 && r.height > 0; };
  const meet = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const name = (el) => (el.textContent || '').trim().slice(0, 60);
  const vw = document.documentElement.clientWidth;
  // Titles, card texts, chart titles: not wider than their box, not past the window's right edge.
  for (const el of document.querySelectorAll('h1, h2, h3, .sk-chart-title, .sk-card-label, .sk-card-value, .sk-card-delta, .sk-badge')) {
    if (!visible(el)) continue;
    const r = box(el);
    if (el.scrollWidth > el.clientWidth + 2 || r.right > vw + 1) out.clipped.push(name(el));
  }
  // A card's label, value and badge never lie over one another, nor past the card's edge.
  for (const card of document.querySelectorAll('.sk-card')) {
    const parts = Array.from(card.children).filter(visible);
    const edge = box(card);
    for (const p of parts) if (box(p).right > edge.right + 1) out.clipped.push('past its card: ' + name(p));
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++)
      if (meet(box(parts[i]), box(parts[j]))) out.overlaps.push('card: ' + name(parts[i]) + ' / ' + name(parts[j]));
  }
  // Cramped: a card narrower than 40% of a phone's width (its figures wrap a character at a time), and the
  // tier table's list of units squeezed under half of the width.
  out.cramped = [];
  out.sideways = [];
  if (vw <= 640) {
    for (const card of document.querySelectorAll('.sk-card'))
      if (visible(card) && box(card).width < 0.4 * vw) out.cramped.push('card: ' + name(card));
    for (const cell of document.querySelectorAll('.sk-tier-table td.sk-tier-units'))
      if (visible(cell) && box(cell).width < 0.5 * vw) out.cramped.push('tier units: ' + name(cell));
    // a table given less height than it asked for (the room made above it for its toolbar came out of the
    // table's own height, and its last rows lay under the next heading)
    for (const table of document.querySelectorAll('[data-testid="stDataFrame"]')) {
      const holder = table.closest('[data-testid="stElementContainer"]');
      if (holder && visible(table) && box(table).height < parseFloat(getComputedStyle(holder).height) - 2)
        out.cramped.push('table: ' + Math.round(box(table).height) + ' of ' + getComputedStyle(holder).height);
    }
    // a table whose columns are wider than the table itself (a column cut at the right edge, reached only
    // by scrolling the table sideways), with the heading above it
    for (const table of document.querySelectorAll('[data-testid="stDataFrame"]')) {
      const scroller = table.querySelector('.dvn-scroller');
      if (scroller && visible(table) && scroller.scrollWidth > scroller.clientWidth + 1) {
        const block = table.closest('[data-testid="stVerticalBlock"]');
        const heads = Array.from(block ? block.querySelectorAll('h3, strong') : []).filter(h =>
          h.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
        out.sideways.push((heads.length ? name(heads[heads.length - 1]) : '?') + ': ' + scroller.scrollWidth + ' of ' + scroller.clientWidth);
      }
    }
    // a chart's plotting area squeezed by its labels or its colour scale (the heatmap's grid was 17% of its
    // chart). The rankings keep units' whole names on the axis, as every other screen names them: with
    // "Ban QLDA Long Phú – Sông Hậu" their bars have 31% of the report preview's narrower chart.
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
      const svg = plot.querySelector('svg.main-svg'), area = plot.querySelector('rect.nsewdrag');
      if (svg && area && visible(svg) && box(area).width < 0.3 * box(svg).width)
        out.cramped.push('chart area: ' + Math.round(box(area).width) + ' of ' + Math.round(box(svg).width));
    }
  }
  // Charts: legend, tick labels, bar labels and notes inside the chart, the legend over no title or tick label.
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg || !visible(svg)) continue;
    const frame = box(svg);
    const legend = plot.querySelector('g.legend');
    const texts = Array.from(plot.querySelectorAll('g.xtick text, g.ytick text, text.bartext, g.annotation-text-g text, .g-gtitle text, g.g-xtitle text, g.g-ytitle text, g.legend text'));
    for (const t of texts) {
      const r = box(t);
      if (r.width === 0) continue;
      if (r.left < frame.left - 2 || r.right > frame.right + 2 || r.top < frame.top - 2 || r.bottom > frame.bottom + 2)
        out.clipped.push('chart text: ' + name(t));
    }
    if (legend && visible(legend)) {
      const lr = box(legend);
      for (const t of plot.querySelectorAll('.g-gtitle text, g.xtick text, g.g-xtitle text')) {
        if (visible(t) && meet(lr, box(t))) out.overlaps.push('legend / ' + name(t));
      }
    }
    // A bar's value label and a target mark never lie over one another.
    // (a target mark is a vertical line: its box has no width, its stroke is 4 px wide)
    const marks = Array.from(plot.querySelectorAll('g.scatterlayer path.point')).map(box).filter(r => r.height > 0)
      .map(r => ({left: r.left - 2, right: r.right + 2, top: r.top, bottom: r.bottom}));
    for (const t of plot.querySelectorAll('text.bartext, g.annotation-text-g text')) {
      if (!visible(t)) continue;
      for (const m of marks) if (meet(box(t), m)) { out.overlaps.push('label / mark: ' + name(t)); break; }
    }
    const title = plot.closest('[data-testid="stElementContainer"]')?.previousElementSibling?.querySelector('.sk-chart-title');
    if (title && meet(box(title), frame)) out.overlaps.push('chart title / chart: ' + name(title));
  }
  // A table's toolbar (always shown on a touch screen) covers no title or caption.
  const heads = Array.from(document.querySelectorAll('h1, h2, h3, h4, .sk-chart-title, [data-testid="stCaptionContainer"]')).filter(visible);
  for (const bar of document.querySelectorAll('[data-testid="stElementToolbar"]')) {
    if (!visible(bar) || getComputedStyle(bar).opacity === '0') continue;
    for (const h of heads) {
      const words = document.createRange();  // the heading's words, not its box's padding
      words.selectNodeContents(h);
      if (meet(box(bar), words.getBoundingClientRect())) out.overlaps.push('table toolbar / ' + name(h));
    }
  }
  // Status words and badges: their colour against their own background (or the page's).
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const lum = (c) => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                       return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                                 if (c.length >= 3 && (c.length === 3 || c[3] > 0)) return c; } return [255, 255, 255]; };
  for (const el of document.querySelectorAll('.sk-badge, .sk-card-delta')) {
    if (!visible(el)) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    out.contrast.push([name(el), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
  out.texts = document.body.innerText;
  out.labels = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [data-title]'))
    for (const a of ['aria-label', 'title', 'placeholder', 'data-title']) { const v = el.getAttribute(a); if (v) out.labels.push(v); }
  out.titles = Array.from(document.querySelectorAll('.modebar-btn[data-title]')).map(b => b.getAttribute('data-title'));
  return out;
}"""


@pytest.fixture(scope="module", params=list(SIZES))
def sized(request, browser, sample_server):
    """A browser context at one size, and every page's measurements there (each page opened once)."""
    size = request.param
    context = browser.new_context(**SIZES[size])
    tab = context.new_page()
    pages = {}
    for path in PAGES:
        open_page(tab, f"{sample_server.url}/{path}{QUERY[size]}")
        tab.wait_for_timeout(500)  # charts lay out after their data arrives
        pages[path] = {"errors": exceptions_on(tab), **tab.evaluate(MEASURE)}
        if size == "phone" and path == "":
            pages[path]["first_screen"] = tab.evaluate(
                """() => ({
                  cards: Array.from(document.querySelectorAll('.sk-card')).slice(0, 6).map(c => c.getBoundingClientRect().bottom),
                  chart: (document.querySelector('.js-plotly-plot') || document.body).getBoundingClientRect().top,
                  sidebar: (document.querySelector('[data-testid="stSidebar"]') || document.body).getBoundingClientRect().right,
                })"""
            )
    yield size, pages
    context.close()


def test_no_page_scrolls_sideways(sized):
    size, pages = sized
    for path, measured in pages.items():
        assert measured["errors"] == [], (size, path)
        for where, scroll_width, client_width in measured["scroll"]:
            assert scroll_width <= client_width + 1, (size, path, where, scroll_width, client_width)


def test_no_text_is_cut_or_overlapping(sized):
    size, pages = sized
    found = {
        path: (m["clipped"], m["overlaps"]) for path, m in pages.items() if m["clipped"] or m["overlaps"]
    }
    assert found == {}, size


def test_no_english_of_streamlit_in_the_vietnamese_ui(sized):
    size, pages = sized
    for path, measured in pages.items():
        shown = [word for word in STREAMLIT_ENGLISH if word in measured["texts"]]
        assert shown == [], (size, path)
        labels = english_labels(measured["labels"])
        assert labels == [], (size, path)
        tooltips = [t for t in measured["titles"] if any(word in t for word in PLOTLY_ENGLISH)]
        assert tooltips == [], (size, path)


def english_labels(labels: list[str]) -> list[str]:
    """The attributes that hold one of Streamlit's English texts (a whole word of it, not part of a word)."""
    found = []
    for label in labels:
        for word in STREAMLIT_ENGLISH_LABELS:
            at = label.find(word.strip())
            end = at + len(word.strip())
            if (
                at >= 0
                and (at == 0 or not label[at - 1].isalpha())
                and (end == len(label) or not label[end].isalpha())
            ):
                found.append(label)
                break
    return found


def test_nothing_is_cramped_on_the_phone(sized):
    """The Overview's comparisons were four cards abreast on a phone ("1.964 · 36,3 %" one word per line), and
    the tier table's list of units a narrow column beside the tier's name, the heatmap's grid 80 px wide beside
    its colour scale; the Quality page's funnel tables had their fourth column, the backlog, cut at the
    phone's right edge (the phone now shows them whole, under short names)."""
    size, pages = sized
    found = {path: m["cramped"] for path, m in pages.items() if m["cramped"]}
    assert found == {}, size
    whole = {path: pages[path]["sideways"] for path in WHOLE_ON_THE_PHONE if pages[path]["sideways"]}
    assert whole == {}, size


def test_status_colours_reach_aa_contrast(sized):
    size, pages = sized
    measured = [item for m in pages.values() for item in m["contrast"]]
    assert measured, "no badge or card delta measured"
    low = [(text, round(ratio, 2)) for text, ratio in measured if ratio < 4.5]
    assert low == [], size


def test_the_phone_opens_with_the_sidebar_closed_and_the_headline_on_the_first_screen(sized):
    size, pages = sized
    if size != "phone":
        pytest.skip("phone only")
    first = pages[""]["first_screen"]
    assert first["sidebar"] <= 0, first  # the sidebar is off the screen
    assert len(first["cards"]) == 6 and max(first["cards"]) <= 844, first
    assert first["chart"] < 844, first


def _open_units_picker(tab):
    picker = tab.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    picker.locator("input").click()
    return picker


def test_typing_a_unit_and_enter_selects_that_unit_alone(sample_server, page):
    open_page(page, sample_server.url + "/")
    picker = _open_units_picker(page)
    picker.locator("input").fill("PV GAS")
    page.keyboard.press("Enter")
    wait_for_url_param(page, "unit", "PV GAS")
    settle(page)
    assert parse_qs(urlsplit(page.url).query)["unit"] == ["PV GAS"]
    header = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "Đơn vị: PV GAS" in header, header
    # the picker's list offers no "select every match"
    picker.locator("input").fill("PV")
    page.wait_for_timeout(300)
    listed = page.locator('[role="listbox"]').inner_text()
    assert "Select" not in listed and "Chọn tất cả" not in listed


SIDEBAR_RIGHT = "() => document.querySelector('[data-testid=\"stSidebar\"]').getBoundingClientRect().right"


def test_the_sidebar_closes_after_a_choice_on_the_phone(browser, sample_server):
    context = browser.new_context(**SIZES["phone"])
    tab = context.new_page()
    try:
        open_page(tab, sample_server.url + f"/?program={ONE_MILLION}")
        assert tab.evaluate(SIDEBAR_RIGHT) <= 0
        tab.locator('[data-testid="stExpandSidebarButton"]').click()
        tab.wait_for_function(SIDEBAR_RIGHT + " > 200")
        sidebar = tab.locator('[data-testid="stSidebar"]')
        sidebar.locator("button", has_text="GĐ 1").first.click()
        tab.wait_for_function(SIDEBAR_RIGHT + " <= 0", timeout=30_000)
        wait_for_url_param(tab, "phase", "1")
    finally:
        context.close()


def _date_field(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stDateInputField"]').first


def test_the_calendar_speaks_vietnamese_and_opens_on_the_data_s_last_day(sample_server, page):
    open_page(page, sample_server.url + "/?program=1-trieu-sang-kien")
    _date_field(page).locator('[data-testid="stDateInputCalendarButton"]').click()
    grid = page.locator('[role="dialog"] [role="grid"]').first
    grid.wait_for(timeout=10_000)
    text = page.locator('[role="dialog"]').first.inner_text()
    assert not any(month in text for month in ENGLISH_MONTHS), text[:300]
    assert "T2" in grid.inner_text() and "CN" in grid.inner_text()  # Vietnamese weekdays
    assert "tháng 8 năm 2023" in text.lower(), text[:300]  # the program's last record: 31/08/2023
    # what the calendar says to a screen reader: its buttons, its grid, its days
    labels = page.evaluate(
        """() => Array.from(document.querySelectorAll('[role="dialog"] [aria-label], [role="dialog"] [title]'))
                 .map(e => e.getAttribute('aria-label') || e.getAttribute('title'))"""
    )
    assert "Tháng trước" in labels and "Tháng sau" in labels, labels[:10]
    assert any(label.endswith("Ngày muộn nhất có thể chọn") for label in labels), labels[-10:]
    assert english_labels(labels) == [] and not any("selected" in label for label in labels), labels


def test_the_tables_toolbar_speaks_vietnamese(sample_server, page):
    """The tooltips of a table's toolbar (Streamlit draws them on hover, in English in its bundle)."""
    open_page(page, sample_server.url + "/trends")
    grid = page.locator('[data-testid="stDataFrame"]:visible').first
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    grid.hover()
    buttons = page.locator('[data-testid="stElementToolbar"]:visible button')
    buttons.first.wait_for(timeout=10_000)
    tips = []
    for i in range(buttons.count()):
        grid.hover()  # the toolbar shows while the pointer is over the table
        buttons.nth(i).hover()
        tip = page.locator('[data-testid="stTooltipContent"]:visible').first
        tip.wait_for(timeout=10_000)
        tips.append(tip.inner_text())
    assert "Tải về dạng CSV" in tips and "Tìm kiếm" in tips and "Toàn màn hình" in tips, tips
    assert english_labels(tips) == [], tips


def test_a_typed_date_applies_on_enter(sample_server, page):
    open_page(page, sample_server.url + "/?program=1-trieu-sang-kien")
    _date_field(page).locator('[role="spinbutton"]').first.click()
    page.keyboard.type("31052022")
    page.keyboard.press("Enter")
    wait_for_url_param(page, "as_of", "2022-05-31")
    settle(page)
    # a past day inside the program: the running program is read against its time path, phase 2 not started
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "vượt tiến độ 58" in text
    assert "chưa bắt đầu" in text
    assert "thiếu 3.942" not in text


def test_streamlit_s_uploader_speaks_vietnamese(sample_server, page):
    open_page(page, sample_server.url + "/data")
    shown = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"], [data-testid="stFileUploaderDropzoneInstructions"] > div'))
             .map(e => getComputedStyle(e, '::after').content)"""
    )
    assert shown and all(text.strip('"') for text in shown), shown
    assert any("Tải tệp lên" in text for text in shown) and any("MB mỗi tệp" in text for text in shown), shown


def test_the_projector_shows_no_sidebar_and_moves_to_the_next_page(sample_server, page):
    open_page(page, sample_server.url + "/?present=1&every=10")
    assert page.evaluate(SIDEBAR_RIGHT) <= 0 or not page.locator('[data-testid="stSidebar"]').is_visible()
    assert (
        page.locator('[data-testid="stExpandSidebarButton"]').count() == 0
        or not page.locator('[data-testid="stExpandSidebarButton"]').is_visible()
    )
    page.wait_for_url("**/units?*", timeout=60_000)  # the next page of the navigation, after 10 s
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("present") == ["1"] and query.get("every") == ["10"]
    settle(page)
    assert exceptions_on(page) == []
    size = page.evaluate(
        "() => Math.min(...Array.from(document.querySelectorAll('.js-plotly-plot g.ytick text'))"
        ".map(t => parseFloat(getComputedStyle(t).fontSize) || parseFloat(t.style.fontSize)))"
    )
    assert size >= 20, size


def test_the_projector_shows_an_import_s_figures_without_a_reload(sample_db, tmp_path, page):
    """A screen left on in the meeting room (`?present=1`): an import into the store (here through the API,
    as a nightly job does) shows on it by itself, the page never reloaded by anyone."""
    import shutil
    import subprocess
    import sys

    from analytics.api import Client
    from tests.analytics.ingest import fixtures as fx
    from tests.conftest import ROOT
    from tests.e2e.helpers import start_app

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "token",
            "create",
            "nightly",
            "--scope",
            "write",
            "--db",
            str(db),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    export = tmp_path / "danh-sach.csv"
    export.write_bytes(fx.csv_bytes(fx.rows(20, prefix="PRESENT-")))
    server = start_app(db, tmp_path / "server")
    try:
        open_page(page, f"{server.url}/?present=1&program={ONE_MILLION}")
        assert metric_value(page, "Đã đăng ký")[0] == "7.085"
        page.evaluate("() => { window.__sameDocument = true; }")  # gone if the page were reloaded
        status, answer = Client(server.url, made.stdout.strip()).import_file(export, [("mode", "upsert")])
        assert status == 200 and answer["inserted"] == 20, answer
        wait_for_metric(page, "Đã đăng ký", "7.105", timeout=90)
        assert page.evaluate("() => window.__sameDocument === true")
        assert exceptions_on(page) == []
    finally:
        server.stop()


def test_a_charts_png_download_keeps_every_label_inside_the_image(browser, sample_server, tmp_path):
    """The camera button's PNG is the chart's SVG drawn as an image, which cannot load the page's web font:
    with the web font first in the charts' fonts the PNG fell back to a wider one, and the Overview's longest
    label ran off the image's left edge ("ả chương trình")."""
    from PIL import Image

    context = browser.new_context(**SIZES["laptop"], accept_downloads=True)
    tab = context.new_page()
    open_page(tab, sample_server.url + "/")
    tab.wait_for_timeout(500)
    plot = tab.locator(".js-plotly-plot").first
    plot.hover()
    with tab.expect_download() as download:
        plot.locator(".modebar-btn").first.click()
    path = tmp_path / "chart.png"
    download.value.save_as(path)
    context.close()
    image = Image.open(path).convert("L")
    width, height = image.size
    edge = [image.getpixel((x, y)) for x in range(4) for y in range(height)]
    assert width >= 1600 and min(edge) > 200, ("ink at the left edge", min(edge))


# The status widget at the top right while a page runs, as the pinned Streamlit draws it (seen on every run
# for a second or more: its "Stop" button showed in English).
STATUS_WIDGET = """() => {
    const widget = document.createElement('div');
    widget.setAttribute('data-testid', 'stStatusWidget');
    widget.innerHTML = '<span><button kind="header" data-testid="stBaseButton-header">Stop</button></span>';
    document.body.appendChild(widget);
    const button = widget.querySelector('button');
    const shown = getComputedStyle(button, '::after').content;
    const own = getComputedStyle(button).fontSize;
    widget.remove();
    return [shown, own];
}"""


def test_the_running_pages_stop_button_speaks_vietnamese(sample_server, page):
    open_page(page, sample_server.url + "/")
    shown, own_size = page.evaluate(STATUS_WIDGET)
    assert shown == '"Dừng"' and own_size == "0px", (shown, own_size)
    open_page(page, sample_server.url + "/?lang=en")
    shown, own_size = page.evaluate(STATUS_WIDGET)
    assert shown == '"Stop"', shown
