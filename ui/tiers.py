"""Tiers (met / over half / under half / none) and pace states as the pages show them: the union's own tier
table, and the text colours of tier and pace words in tables. Colours come from analytics.charts, so a
tier looks the same in a chart, a table and the tier table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

import pandas as pd
import streamlit as st

from analytics import charts, narrative
from analytics.i18n import Lang, fmt_int, fmt_pct, t
from analytics.metrics import Progress
from ui import data
from ui.context import Context


def tier_table_html(lang: Lang, rows: pd.DataFrame, terms: Mapping[str, str] | None = None) -> str:
    """One row per tier: its name, how many units, and those units with their % (every text escaped). The
    tier names take the program's words (`terms`: what it counts, "sản phẩm sáng tạo" for ĐMST). The look is
    in ui/styles.css (.sk-tier-table)."""
    words = dict(terms or {})
    lines = []
    for tier, _, _ in charts.tier_legend_items(lang):
        members = rows[rows["tier"] == tier]
        names = (
            ", ".join(
                f"<b>{escape(narrative.unit_label(r))}</b> ({fmt_pct(r['pct'], lang)})"
                for _, r in members.iterrows()
            )
            or "–"
        )
        lines.append(
            f'<tr><td class="sk-tier-name sk-tier-{tier}">{escape(t(f"tier.{tier}.long", lang, **words))}</td>'
            f'<td class="sk-tier-count">{fmt_int(len(members), lang)}</td>'
            f'<td class="sk-tier-units">{names}</td></tr>'
        )
    head = (
        f'<tr><th class="sk-left">{escape(t("metric.tier", lang))}</th>'
        f"<th>{escape(t('word.units', lang).capitalize())}</th>"
        f'<th class="sk-left">{escape(t("word.unit", lang))} ({escape(t("metric.pct", lang))})</th></tr>'
    )
    return f'<table class="sk-tier-table tier-table"><thead>{head}</thead><tbody>{"".join(lines)}</tbody></table>'


def _view_tier_table_html(prog: Progress, lang: Lang, scope: str) -> str:
    return tier_table_html(lang, prog.unit_rows(scope), narrative.terms(prog, lang))


view_tier_table = data.FromProgress(_view_tier_table_html)


def tier_table(ctx: Context, scope: str) -> None:
    """The tier table of the current view for `scope` (a phase number or "all"), cached with the view."""
    st.html(view_tier_table(ctx.lang, scope))


def _word_colours(words: dict[str, str]) -> Callable[[object], str]:
    """A Styler cell function: the word's colour, bold; other cells unstyled."""
    css = {word: f"color: {colour}; font-weight: 600" for word, colour in words.items()}
    return lambda value: css.get(value, "")


def tier_word_colours(ctx: Context) -> Callable[[object], str]:
    """Colours for a column of tier words ("Đạt chỉ tiêu", ...) in a table."""
    return _word_colours({ctx.t(f"tier.{tier}"): colour for tier, colour in charts.TIER_TEXT_COLORS.items()})


# Pixels for a column of pace words: the longest, "Đã kết thúc, chưa đạt" in bold, without being cut.
PACE_WORD_WIDTH = 170


def pace_word_colours(ctx: Context) -> Callable[[object], str]:
    """Colours for a column of pace words ("Đúng tiến độ", ...) in a table."""
    return _word_colours(
        {ctx.t(f"pace.{state}"): colour for state, colour in charts.PACE_TEXT_COLORS.items()}
    )
