"""Issue 17 on the pages themselves (AppTest): a past day read against the time path, a met target needs
nothing more a week, the records search kept in the link, and the projector's large charts."""

from __future__ import annotations

import html
import json

from tests.app.apptest import all_text, cards, metric_values, run_app
from tests.conftest import ONE_MILLION


def _deltas(at) -> str:
    return html.unescape(" ".join(element.value for element in cards(at)))


def test_a_past_day_reads_the_running_program_against_its_path(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, program=ONE_MILLION, as_of="2022-05-31")
    deltas = _deltas(at)
    assert "vượt tiến độ 58" in deltas  # 1.458 registered against 1.400 due by 31/05/2022
    assert "chưa bắt đầu" in deltas  # phase 2
    assert "thiếu 3.942" not in deltas  # the whole two-phase target is not due yet
    assert "Theo lộ trình thời gian, đến ngày 31/05/2022 cần 1.400 sáng kiến" in all_text(at)


def test_a_met_target_needs_nothing_more_a_week(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="trends", program=ONE_MILLION)
    assert ("Cần mỗi tuần", "Đã đạt chỉ tiêu") in metric_values(at)
    assert ("Cần mỗi tuần", "0,0") not in metric_values(at)


def test_the_records_search_comes_from_the_link_and_finds_a_unit(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="records", program=ONE_MILLION, q="PV GAS")
    assert at.text_input(key="records_q").value == "PV GAS"
    assert "841 hồ sơ khớp bộ lọc" in all_text(at)
    placeholder = at.text_input(key="records_q").proto.placeholder
    assert placeholder.startswith("Ví dụ: ") and "SKDK-2023" in placeholder


def test_the_projector_draws_charts_in_large_type(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, present="1")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] >= 20
    assert all(trace.get("textfont", {}).get("size", 20) >= 20 for trace in spec["data"])
    assert at.query_params.get("present") in ("1", ["1"])


def test_every_page_says_where_a_running_program_stands(monkeypatch, sample_copy):
    for page in ("units", "trends", "benefit", "records"):
        at = run_app(monkeypatch, sample_copy, page=page, program=ONE_MILLION, as_of="2022-12-31")
        assert "Cả chương trình: chậm tiến độ 460 (lộ trình đến nay: 3.158)" in html.unescape(all_text(at)), (
            page
        )
    at = run_app(monkeypatch, sample_copy, page="units", program=ONE_MILLION, as_of="2022-05-15", phase="2")
    assert "Giai đoạn 2: chưa bắt đầu" in html.unescape(all_text(at))


def test_streamlit_s_labels_are_in_its_bundle_and_in_the_catalogue():
    """Each English text the page translates is one this Streamlit writes (a renamed label after an upgrade
    shows here), and has its Vietnamese words with the same placeholders."""
    import re

    from analytics.i18n import has_key
    from ui.page_hints import STREAMLIT_LABELS, label_rules, static_dir

    bundle = "\n".join(p.read_text(encoding="utf-8") for p in (static_dir() / "static" / "js").glob("*.js"))
    for english, key in STREAMLIT_LABELS:
        assert has_key(key), key
        for part in re.split(r"\{\w+\}", english):
            assert part.strip() == "" or part in bundle, english
    rules = {english: rule for (english, _), rule in zip(STREAMLIT_LABELS, label_rules("vi"), strict=True)}

    def js_replace(pattern: str, words: str, text: str) -> str:  # JavaScript's $1 is Python's \1
        return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", words), text)

    pattern, words, on_screen = rules["Select {n} matches"]
    assert js_replace(pattern, words, "Select 12 matches") == "Chọn 12 kết quả khớp" and on_screen
    pattern, words, on_screen = rules["Today, {date} selected"]
    assert (
        js_replace(pattern, words, "Today, 30 tháng 6, 2026 selected") == "Hôm nay, 30 tháng 6, 2026, đã chọn"
    )
    assert not on_screen  # a pattern taking any text is for attributes only, never for the data on screen


def test_every_multiselect_offers_no_english_select_all():
    """Streamlit's "Select all" / "Select N matches" option is off in every multiselect of the app."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    calls = []
    for path in [root / "app.py", *(root / "ui").rglob("*.py"), *(root / "pages").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "multiselect":
                off = any(
                    k.arg == "select_all" and isinstance(k.value, ast.Constant) and k.value.value is False
                    for k in node.keywords
                )
                calls.append((path.name, node.lineno, off))
    assert calls and all(off for _, _, off in calls), calls


def test_a_chart_s_png_download_carries_its_title_and_name(monkeypatch, sample_copy):
    """The page draws a chart's title as text above it; the figure keeps it too (hidden on the page), so the
    PNG its toolbar downloads says what it shows, under the chart's file name, 1200 px wide whatever the
    screen so the title is whole."""
    at = run_app(monkeypatch, sample_copy)
    element = at.get("plotly_chart")[0]
    spec, config = json.loads(element.proto.spec), json.loads(element.proto.config)
    assert spec["layout"]["title"]["text"] == "Kết quả đăng ký so với chỉ tiêu: 2/3 năm đạt chỉ tiêu"
    assert spec["layout"]["margin"]["t"] >= 60  # room for it in the image
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "chi-tieu-theo-giai-doan",
        "scale": 2,
        "width": 1200,
    }
    # the same words as the page's title above the chart
    assert "Kết quả đăng ký so với chỉ tiêu: 2/3 năm đạt chỉ tiêu" in html.unescape(all_text(at))


def test_a_unit_has_one_name_on_every_screen():
    """Its short name everywhere (tables, axes, tiles), with its code where it is named once (a hover, its
    drawer, the picker), its full name after it on hover and in the picker; never the code alone."""
    import pandas as pd

    from analytics import charts
    from analytics.narrative import unit_label, unit_named
    from ui.labels import unit_choice_label

    row = pd.Series(
        {
            "unit": "QLDA LPSH",
            "short_name": "Ban QLDA Long Phú – Sông Hậu",
            "name": "Ban Quản lý dự án Điện lực Dầu khí Long Phú – Sông Hậu",
            "registered": 12,
            "target": 10,
            "pct": 120.0,
            "tier": "met",
            "benefit_vnd": 0.0,
            "group_name": None,
            "parent_code": None,
        }
    )
    short, named = "Ban QLDA Long Phú – Sông Hậu", "Ban QLDA Long Phú – Sông Hậu (QLDA LPSH)"
    assert unit_label(row) == short and unit_named(row) == named
    assert html.unescape(charts.unit_hover(row, "vi")).startswith(
        f"<b>{named}</b> – Ban Quản lý dự án Điện lực Dầu khí Long Phú – Sông Hậu<br>"
    )
    assert unit_choice_label({"code": "QLDA LPSH", "short_name": short, "name": row["name"]}).startswith(
        named
    )
    assert unit_named({"unit": "PV GAS", "short_name": "PV GAS"}) == "PV GAS"
    tiles = charts.unit_hierarchy(pd.DataFrame([row]), "vi", "t", "Tất cả").data[0].labels
    assert html.unescape(tiles[-1]).startswith(short + "<br>")
