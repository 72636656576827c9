"""The metric card's markup (ui.widgets.card_html): the card is Markdown with raw HTML, so every text in it
must arrive escaped, and the delta badge must carry its tone and arrow."""

from ui.widgets import card_html


def test_card_shows_label_and_value_and_no_badge_without_a_delta():
    html = card_html("Chỉ tiêu", "5.400", None, "normal", "auto")
    assert html == (
        '<div class="sk-card"><div class="sk-card-label">Chỉ tiêu</div>'
        '<div class="sk-card-value">5.400</div></div>'
    )


def test_surplus_badge_is_green_with_an_up_arrow_and_gap_badge_red_with_a_down_one():
    surplus = card_html("Đã đăng ký", "7.085", "vượt 1.685", "green", "up")
    assert '<div class="sk-card-delta sk-up"><span aria-hidden=true>▲</span> vượt 1.685</div>' in surplus
    gap = card_html("Đã đăng ký", "1.280", "thiếu 120", "red", "down")
    assert '<div class="sk-card-delta sk-down"><span aria-hidden=true>▼</span> thiếu 120</div>' in gap


def test_neutral_delta_has_no_arrow():
    html = card_html("Tác giả", "852", "±0", "off", "off")
    assert '<div class="sk-card-delta sk-off">±0</div>' in html


def test_every_text_in_the_card_is_escaped():
    html = card_html("<script>alert(1)</script>", "<b>9</b>", "<img src=x onerror=alert(1)>", "green", "up")
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;9&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_syntax_in_a_card_stays_text():
    html = card_html("$x$ :red[b] *c* _d_ `e` [f](g)", "1", None, "normal", "auto")
    for active in ("$", ":red", "*", "_", "`", "["):
        assert active not in html.split('class="sk-card-label">')[1].split("</div>")[0]
    assert "&#36;x&#36; &#58;red&#91;b&#93; &#42;c&#42; &#95;d&#95; &#96;e&#96; &#91;f&#93;(g)" in html


def test_a_shared_figure_is_drawn_from_the_copy_made_the_first_time_and_stays_as_it_was():
    import gc

    import plotly.graph_objects as go

    from ui import widgets

    shared = go.Figure(go.Bar(x=[1, 2], y=["a", "b"]), layout={"title": {"text": "Đăng ký &amp; chỉ tiêu"}})
    title, drawn = widgets._drawn(shared, False)
    assert (
        title == drawn.layout.title.text == "Đăng ký &amp; chỉ tiêu" and drawn.layout.margin.t == 64
    )  # PNG title
    assert widgets._drawn(shared, False)[1] is drawn  # the next rerun: no new copy
    assert widgets._drawn(shared, True)[1] is not drawn  # the projector's own copy
    assert shared.layout.title.text == "Đăng ký &amp; chỉ tiêu" and shared.layout.margin.t is None
    key = (id(shared), False)
    del shared, drawn
    gc.collect()  # a Plotly figure is a cycle (its parts name their parent)
    assert key not in widgets._DRAWN  # the entry goes with the figure


def test_a_themed_figure_is_drawn_as_it_is_the_same_figure_a_copy_would_give():
    import pandas as pd
    import plotly.graph_objects as go

    from analytics import charts
    from ui import widgets

    fig = charts.share_bars(
        pd.DataFrame({"label": ["A", "B"], "v": [3.0, 1.0]}), "label", "v", "vi", "Tiêu đề"
    )
    title, drawn = widgets._drawn(fig, False)
    assert drawn is fig and title == "Tiêu đề"  # no copy: nothing to change
    copied = go.Figure(fig)
    copied.update_layout(margin_t=64)
    assert drawn.to_plotly_json() == copied.to_plotly_json()  # what the copy drew before
    assert widgets._drawn(fig, True)[1] is not fig  # the projector still draws its own copy


def test_on_the_projector_a_chart_of_horizontal_bars_gets_rows_as_much_taller_as_its_texts():
    # At the projector's 22 px the Units ranking's 24 px rows skipped every other unit's name and its labels
    # overlapped; other charts keep their height.
    import plotly.graph_objects as go

    from ui.present import PAGE_FONT, PRESENT_FONT, present_figure

    bars = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"), layout={"height": 936})
    line = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]), layout={"height": 400})
    assert present_figure(bars).layout.height == round(936 * PRESENT_FONT / PAGE_FONT) > 936
    assert present_figure(line).layout.height == 400
