"""Tổng quan: the program's progress as the union reports it — cards per period (with its theme), target vs
actual, the summary paragraph, the comparisons (the period against the same point of the one before, the
program against another at the same share of its time) and the tier table (met / over 50% / under 50% /
none)."""

import math

import streamlit as st

from analytics.i18n import fmt_date, fmt_int
from ui import data
from ui.compare import comparison_section
from ui.context import current
from ui.quality_view import quality_query
from ui.tiers import tier_table
from ui.widgets import chart, metric, page_header, plain

ctx = current()
prog = data.progress()
page_header(ctx, ctx.t("overview.title"), prog.as_of)

if data.record_total() == 0:
    st.info(ctx.t("empty.store"), icon=":material/upload_file:")
    st.stop()
if prog.program["registered"] == 0:
    st.info(ctx.t("empty.filtered"), icon=":material/filter_alt_off:")


def delta_of(row: dict) -> tuple[str | None, str, str]:
    """The registered card's delta, read against the time elapsed (metric.standing): "vượt 58" (met) in
    green with an up arrow; while the period runs "vượt tiến độ 120" in green or "chậm tiến độ 120" in red
    (its whole target is not due yet); "thiếu 120" in red once it ended short; "chưa bắt đầu" in grey."""
    standing = row.get("standing")
    registered, expected = row.get("registered") or 0, row.get("expected")
    surplus, gap = row.get("surplus") or 0, row.get("gap")
    if standing == "not_started":
        return ctx.t("standing.not_started"), "off", "off"
    if standing in ("ahead", "behind") and expected == expected:
        ahead = math.floor(registered - expected)
        if standing == "behind":
            n = fmt_int(math.ceil(expected - registered), ctx.lang)
            return ctx.t("standing.behind_delta", n=n), "red", "down"
        if ahead == 0:
            return ctx.t("standing.on_line_delta"), "green", "off"
        return ctx.t("standing.ahead_delta", n=fmt_int(ahead, ctx.lang)), "green", "up"
    if surplus > 0:
        return ctx.t("overview.surplus_delta", n=fmt_int(surplus, ctx.lang)), "green", "up"
    if gap is not None and gap == gap and gap > 0:
        return ctx.t("overview.gap_delta", n=fmt_int(gap, ctx.lang)), "red", "down"
    return None, "off", "off"


def progress_cards(row: dict, heading: str, per_row: int, note: str | None = None) -> None:
    """One bordered block: registered (with surplus or gap), target, %, benefit, authors, units met; `note`
    (a period's theme, from the data) under the heading."""
    cards = [
        ("registered", row["registered"], delta_of(row), None),
        ("target", row["target"], None, None),
        ("pct", row["pct"], None, None),
        ("benefit_vnd", fmt_billions_value(row["benefit_vnd"]), None, ctx.t("overview.benefit_billions")),
        ("authors", row["authors"], None, None),
        (
            "units_met",
            ctx.t(
                "overview.units_met_value",
                met=fmt_int(row["units_met"], ctx.lang),
                total=fmt_int(row["units_total"], ctx.lang),
            ),
            None,
            None,
        ),
    ]
    with st.container(border=True):
        st.subheader(heading)
        if note:
            st.caption(plain(note))
        for start in range(0, len(cards), per_row):
            for column, (key, value, delta, label) in zip(
                st.columns(per_row), cards[start : start + per_row], strict=False
            ):
                text, color, arrow = delta or (None, "normal", "auto")
                with column:
                    metric(ctx, key, value, delta=text, delta_color=color, delta_arrow=arrow, label=label)


def fmt_billions_value(vnd: float) -> str:
    """Benefit in tỷ đồng without the unit (the label carries it), so the card stays readable."""
    return fmt_int(vnd / 1e9, ctx.lang)


phases = prog.phases
program_start = ctx.program.start_on if ctx.program else (phases["start_on"].min() if len(phases) else None)
program_end = ctx.program.end_on if ctx.program else (phases["end_on"].max() if len(phases) else None)
if len(phases) > 1:
    progress_cards(
        prog.program,
        ctx.t(
            "overview.program_card",
            start=fmt_date(program_start, ctx.lang),
            end=fmt_date(program_end, ctx.lang),
        ),
        per_row=6,
    )
labels = tuple((int(n), ctx.period_label(int(n))) for n in phases["phase"])
chart(data.phase_chart(ctx.lang, labels), key="overview_phases", filename="chi-tieu-theo-giai-doan")

for _, phase in phases.iterrows():
    progress_cards(
        phase.to_dict(),
        ctx.t(
            "overview.phase_card",
            name=ctx.period_label(int(phase["phase"])),
            start=fmt_date(phase["start_on"], ctx.lang),
            end=fmt_date(phase["end_on"], ctx.lang),
        ),
        per_row=6,
        note=phase.get("theme") if isinstance(phase.get("theme"), str) else None,
    )

heads = data.quality_headlines()  # issue 18: the quality page's headlines, one line
st.markdown(
    ctx.t(
        "quality.headline",
        silent=fmt_int(heads.silent_units, ctx.lang),
        silent_days=heads.silent_days,
        backlog=fmt_int(heads.backlog, ctx.lang),
        backlog_days=heads.backlog_days,
        pairs=fmt_int(heads.pending_pairs, ctx.lang),
        implausible=fmt_int(heads.implausible, ctx.lang),
        query=quality_query(ctx),
    ),
    help=ctx.t("metric.quality_silent.help"),
)

st.subheader(ctx.t("overview.summary"))
for paragraph in data.summary_paragraphs(ctx.lang):
    st.text(paragraph)

comparison_section(ctx, prog)

st.subheader(ctx.t("overview.tiers"))
scopes = [str(p) for p in phases["phase"]] + (["all"] if len(phases) > 1 else [])
scope = st.segmented_control(
    ctx.t("overview.tier_scope"),
    scopes,
    default=scopes[0],
    key="overview_tier_scope",
    required=True,
    format_func=lambda s: ctx.t("word.program") if s == "all" else ctx.period_label(int(s)),
    label_visibility="collapsed",
)
st.caption(
    ctx.t(
        "overview.tiers.caption",
        scope=ctx.t("word.program") if scope == "all" else ctx.period_label(int(scope)),
    )
)
tier_table(ctx, scope)
