"""Text from data is text in every chart (issue 14, failure 5): a unit name, a field, a campaign or a
milestone holding `<a href=...>`, `<b>`, `&` or a `%{...}` template reaches Plotly escaped, so no link,
no bold and no template is made of it, on every page that draws a chart (Overview, Units and the unit
detail, Trends, Benefit). Each figure is taken from the page as the browser gets it (AppTest) and drawn
to SVG by kaleido in Debian's Chromium: no `<a>` in the drawing, and the hostile text shown literally."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading

import duckdb
import plotly.graph_objects as go
import pytest

from analytics.report.images import find_browser
from tests.app.apptest import run_app

LINK = '<a href="https://evil.example/login">Đăng nhập lại</a>'
BOLD = "<b>ĐẬM</b>"
TEMPLATE = "%{fullData.name}"
HOSTILE_SHORT = f"{LINK}PVX"
HOSTILE_NAME = f"Công ty {BOLD} & {TEMPLATE}"
HOSTILE_FIELD = f"Lĩnh vực {LINK} {TEMPLATE}"
HOSTILE_GROUP = f"Khối {BOLD}"
HOSTILE_CAMPAIGN = f"Đợt thi đua {LINK}"
HOSTILE_MILESTONE = f"Mốc {LINK} {TEMPLATE}"
HOSTILE_PERIOD = f"Đợt {BOLD} {TEMPLATE}"  # the program's word for its periods, typed on the setup tab
HOSTILE_NOUN = f"ý tưởng {LINK}"  # the program's counted noun, typed there too (axis titles name it)
LT, GT = "(?:&lt;|&#60;)", "(?:&gt;|&#62;)"  # "<" and ">" as the SVG source writes text
RAW = ("<a ", "<b>ĐẬM", "%{fullData.name}", "& %")  # what must never reach Plotly as it is


@pytest.fixture(scope="module")
def hostile_db(sample_db, tmp_path_factory):
    """The sample with markup in a unit's names and group, a field, the campaign, a milestone and the
    programs' word for their periods and counted noun."""
    db = tmp_path_factory.mktemp("hostile-charts") / "store.duckdb"
    shutil.copy(sample_db, db)
    con = duckdb.connect(str(db))
    con.execute(
        "UPDATE units SET short_name = ?, name = ?, group_name = ? WHERE code = 'BSR'",
        [HOSTILE_SHORT, HOSTILE_NAME, HOSTILE_GROUP],
    )
    field = con.execute("SELECT field FROM initiatives GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[
        0
    ]
    con.execute("UPDATE initiatives SET field = ? WHERE field = ?", [HOSTILE_FIELD, field])
    con.execute("UPDATE campaigns SET name = ?", [HOSTILE_CAMPAIGN])
    con.execute("UPDATE milestones SET label = ?", [HOSTILE_MILESTONE])
    con.execute("UPDATE programs SET period_word_vi = ?, noun_vi = ?", [HOSTILE_PERIOD, HOSTILE_NOUN])
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
    )
    con.execute("CHECKPOINT")
    con.close()
    return db


PAGES = [
    ("overview", {}),
    ("units", {}),
    ("units", {"detail": "BSR"}),
    ("trends", {}),
    ("benefit", {}),
]


def _strings(value, out: list[str]) -> list[str]:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    return out


@pytest.fixture(scope="module")
def figures(hostile_db):
    monkeypatch = pytest.MonkeyPatch()
    found: list[tuple[str, dict]] = []
    try:
        for page, params in PAGES:
            at = run_app(monkeypatch, hostile_db, page=page, **params)
            for index, element in enumerate(at.get("plotly_chart")):
                found.append((f"{page}{params or ''}#{index}", json.loads(element.proto.spec)))
    finally:
        monkeypatch.undo()
    return found


def test_every_chart_gets_the_data_as_escaped_text(figures):
    """No string Plotly receives holds the raw markup or template, while the values are all there."""
    assert len(figures) >= 12
    seen = ""
    for name, spec in figures:
        for text in _strings(spec, []):
            for raw in RAW:
                assert raw not in text, (name, text[:200])
            seen += text + "\n"
    for needle in ("&lt;a href=", "&lt;b&gt;ĐẬM&lt;/b&gt;", "&#37;{fullData.name}", "&amp;"):
        assert needle in seen, needle


async def _draw(figs: list[tuple[str, dict]], browser: str) -> dict[str, str]:
    import kaleido

    out = {}
    async with kaleido.Kaleido(n=1, timeout=120, path=browser) as k:
        for name, spec in figs:
            figure = go.Figure(spec)
            height = int(figure.layout.height or 450)
            svg = await k.calc_fig(figure, opts={"format": "svg", "width": 1100, "height": height})
            out[name] = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return out


def _draw_apart(figs, browser) -> dict[str, str]:
    result: dict = {}

    def target() -> None:
        try:
            result["svg"] = asyncio.run(_draw(figs, browser))
        except BaseException as exc:  # noqa: BLE001 - handed back to the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["svg"]


def test_no_chart_drawing_holds_a_link_and_the_text_is_shown_literally(figures):
    browser = find_browser()
    assert browser, "Debian's chromium is missing: run `bash scripts/test.sh`"
    drawings = _draw_apart(figures, browser)
    shown = ""
    for name, svg in drawings.items():
        assert not re.search(r"<a[\s>]", svg), name  # no link element
        # No element links anywhere (a heatmap's own picture is inline data; the text may say href).
        assert not re.search(r'<[^>]*href="(?!data:image/)', svg), name
        assert not re.search(r"font-weight:\s*bold[^>]*>ĐẬM", svg), name  # <b> not made bold
        shown += svg
    # The drawn text holds the markup as characters (XML-escaped in the SVG source).
    assert re.search(f'{LT}a href="https://evil\\.example/login"{GT}Đăng nhập lại{LT}/a{GT}', shown)
    assert re.search(f"{LT}b{GT}ĐẬM{LT}/b{GT}", shown)
    assert "%{fullData.name}" in shown
