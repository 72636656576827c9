"""The meeting report's content: what it says and in which order, built from the metrics.

A `Report` is the administrative letterhead, a title, and sections of blocks (paragraphs, tables, charts).
Every number comes from `analytics.metrics` (the functions the screens call) and every sentence from the
catalogue (`report.*`, and narrative.py's sentences where the union's wording already exists). The DOCX,
PDF, XLSX and HTML renderers (the HTML one is the Report page's preview) only lay these blocks out, so
none of them can disagree with another or with the dashboard.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from analytics import charts, metrics, narrative, quality
from analytics.filters import Filters
from analytics.i18n import (
    Lang,
    fmt_billions,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
    format_value,
    has_key,
    long_date_vi,
    t,
    value_kind,
)
from analytics.store import Store

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_MONTHS_EN_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MAX_NAMED_UNITS = 6  # a scope of more chosen units is written "12 chosen units"


# ---------------------------------------------------------------------------------------------------------
# The blocks a report is made of.


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. `style`: body (justified, indented), bullet (a "- " list item), note (italic, small),
    placeholder (to be written by the author: highlighted in Word)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Column:
    """A table column: `kind` (a value kind of analytics.i18n.kinds: text, count, percent, billions,
    vnd_amount, decimal, date) says how its raw values are written. `document=False` columns appear only in
    the workbook, where width costs nothing."""

    key: str
    label: str
    kind: str = "text"
    document: bool = True


@dataclass(frozen=True)
class Table:
    """A real table: raw values per row (numbers stay numbers for Excel), a caption, an optional total row."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[dict, ...]
    total: dict | None = None
    scope: str = ""  # what the rows cover ("giai đoạn 1"), for titles that name it

    def document_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.document)

    def widths(self, lang: Lang, total: float) -> list[float]:
        """Document column widths summing to `total`, in proportion to each column's longest text (capped,
        so a long unit name wraps), never narrower than its longest header word."""
        rows = list(self.rows) + ([self.total] if self.total else [])
        weights = []
        for column in self.document_columns():
            longest = max([len(cell_text(r.get(column.key), column.kind, lang)) for r in rows] or [1])
            header = max((len(word) for word in column.label.split()), default=1)
            weights.append(max(min(longest, 26), header, 4) + 3)  # + 3: the cell's padding
        return [w * total / sum(weights) for w in weights]


@dataclass(frozen=True, eq=False)
class Chart:
    """One of the dashboard's own Plotly figures, placed in the report (rendered to PNG for documents)."""

    key: str
    figure: go.Figure


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Fact:
    """A key figure for the workbook's summary sheet: label, raw value and how to write it."""

    key: str
    label: str
    value: object
    kind: str


@dataclass(frozen=True)
class Letterhead:
    """The header block of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout)."""

    parent: str
    issuer: str
    number: str
    nation: str
    motto: str
    place_date: str


@dataclass(frozen=True)
class ReportMeta:
    """What the author sets on the document itself rather than on the data: date, place, number."""

    issued_on: dt.date | None = None  # None: today
    place: str | None = None  # None: the catalogue's default (Hà Nội)
    number: str | None = None  # None: ".../BC-CĐDK", filled in by hand when the report is registered


@dataclass(frozen=True)
class Report:
    lang: Lang
    filters: Filters
    as_of: dt.date | None
    empty: bool
    sample: bool
    letterhead: Letterhead
    scope: str
    title: str
    subtitle: str
    scope_line: str
    notes: tuple[Paragraph, ...]
    intro: Paragraph
    sections: tuple[Section, ...]
    closing: Paragraph
    recipients_title: str
    recipients: tuple[str, ...]
    signature: tuple[str, ...]
    facts: tuple[Fact, ...] = field(default=())
    terms: dict = field(default_factory=dict)  # the program's words (narrative.terms), for the renderers

    def charts(self) -> list[Chart]:
        """Every chart in reading order (what the document writers need as images)."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    def tables(self) -> dict[str, Table]:
        return {b.key: b for s in self.sections for b in s.blocks if isinstance(b, Table)}

    def text(self) -> str:
        """The report's words in reading order (paragraphs only): for previews, logs and tests."""
        parts = [self.title, self.subtitle, self.scope_line, *(n.text for n in self.notes), self.intro.text]
        for section in self.sections:
            parts.append(section.heading)
            parts += [b.text for b in section.blocks if isinstance(b, Paragraph)]
        return "\n".join([*parts, self.closing.text])


# ---------------------------------------------------------------------------------------------------------
# Writing values.


def cell_text(value: object, kind: str, lang: Lang) -> str:
    """A raw table value written the way the language writes it (1.458; 104,1%; 31/05/2022): its kind's
    one formatting (analytics.i18n.kinds), as on screen."""
    return format_value(value, kind, lang)


def is_numeric(kind: str) -> bool:
    """A column of numbers: right-aligned in every document."""
    return value_kind(kind).numeric


def long_date(day: dt.date, lang: Lang) -> str:
    """ "ngày 14 tháng 4 năm 2023" / "14 April 2023": the date line of an administrative document."""
    if lang == "vi":
        return long_date_vi(day)
    return f"{day.day} {_MONTHS_EN_LONG[day.month - 1]} {day.year}"


def over_amount(vnd: float, lang: Lang) -> str:
    """ "trên 9.000 tỷ đồng (9.126 tỷ đồng)": the round figure the union quotes, then the exact one."""
    exact = fmt_billions(vnd, lang) if vnd >= 100e9 else fmt_money(vnd, lang)  # "2,4 tỷ", not "2 tỷ"
    billions = vnd / 1e9
    if billions < 10:
        return exact
    step = 10 ** math.floor(math.log10(billions))
    if (
        billions / step < 5
    ):  # 2.428 -> "trên 2.400", 9.126 -> "trên 9.000": two figures when the first is small
        step //= 10
    rounded = math.floor(billions / step) * step
    if rounded >= math.floor(billions):
        return exact
    return t("report.over_amount", lang, rounded=fmt_billions(rounded * 1e9, lang), exact=exact)


def _field_label(value: object, lang: Lang) -> str:
    if not isinstance(value, str) or not value:
        return t("field.none", lang)
    return t(f"field.{value}", lang) if has_key(f"field.{value}") else value


def _t(prog: metrics.Progress, key: str, lang: Lang, **values: object) -> str:
    """t() with the program's words (its noun, period word, name, the union's name then) filled in."""
    return t(key, lang, **{**narrative.terms(prog, lang), **values})


def _phase_name(prog: metrics.Progress, phase: int, lang: Lang) -> str:
    return narrative.phase_label(phase, lang, prog)


def _phase_lower(prog: metrics.Progress, phase: int, lang: Lang) -> str:
    """ "giai đoạn 1" / "năm 2025" inside a Vietnamese sentence, "Phase 1" / "Year 2025" in English."""
    name = _phase_name(prog, phase, lang)
    return name.lower() if lang == "vi" else name


# ---------------------------------------------------------------------------------------------------------
# What the report is about.


@dataclass
class _Inputs:
    """The metric results one report is written from (each fetched once)."""

    filters: Filters
    lang: Lang
    prog: metrics.Progress
    daily: pd.DataFrame
    pace: metrics.Pace | None
    unit_pace: pd.DataFrame
    benefit: dict[str, pd.DataFrame]
    distribution: tuple[pd.DataFrame, dict]
    milestones: pd.DataFrame | None
    campaigns: pd.DataFrame
    as_of: dt.date  # the day the report speaks of (the issue day when the store holds no record at all)
    periods: metrics.PeriodComparison | None = None  # the period against the same point of the one before
    programs: metrics.ProgramComparison | None = None  # the program against another at the same share
    quality: quality.Headlines | None = None  # the Quality page's headlines (issue 18)
    silent: tuple[str, ...] = ()  # the silent units' short names, longest silent first

    @property
    def empty(self) -> bool:
        return int(self.prog.program["registered"]) == 0


def _inputs(store: Store, filters: Filters, lang: Lang, issued_on: dt.date) -> _Inputs:
    filters = metrics.resolve(store, filters)
    prog = metrics.progress(store, filters)
    overall, unit_pace = metrics.phase_pace(store, filters)
    program_wide = not prog.units_filtered and filters.phase is None
    return _Inputs(
        filters=filters,
        lang=lang,
        prog=prog,
        daily=metrics.daily_registrations(store, filters),
        pace=overall,
        unit_pace=unit_pace,
        benefit=metrics.benefit_by(store, filters),
        distribution=metrics.benefit_distribution(store, filters),
        milestones=metrics.milestones(store, filters) if program_wide else None,  # as the Trends page
        campaigns=metrics.campaigns(store, filters),
        as_of=prog.as_of or issued_on,
        periods=metrics.compare_periods(store, filters),
        programs=metrics.compare_programs(store, filters) if filters.phase is None else None,
        quality=quality.headlines(store, filters),
        silent=_silent_units(store, filters),
    )


def _silent_units(store: Store, filters: Filters) -> tuple[str, ...]:
    fresh = quality.freshness(store, filters)
    names = dict(zip(fresh.units["unit"], fresh.units["short_name"], strict=True))
    return tuple(str(names.get(code) or code) for code in fresh.silent)


def unit_scope(prog: metrics.Progress, filters: Filters) -> str:
    """Which results the unit section ranks: the filtered phase; else the only phase begun by the as-of
    day (at the end of phase 1 the union reports phase 1's tiers); else the whole program."""
    if filters.phase is not None:
        return str(filters.phase)
    if prog.as_of is not None and len(prog.phases) > 1:
        begun = prog.phases[prog.phases["start_on"] <= prog.as_of]
        if len(begun) == 1:
            return str(int(begun.iloc[0]["phase"]))
    return "all"


def _scope_name(prog: metrics.Progress, scope: str, lang: Lang) -> str:
    return t("word.program", lang).lower() if scope == "all" else _phase_lower(prog, int(scope), lang)


def scope_text(prog: metrics.Progress, filters: Filters, lang: Lang) -> str:
    """What the report covers, in words: units, phase, and any further filter from the view."""
    if prog.units_filtered:
        rows = prog.unit_rows("all")
        order = {code: i for i, code in enumerate(filters.units)}  # as chosen, then units of chosen groups
        rows = rows.assign(_order=[order.get(u, len(order)) for u in rows["unit"]]).sort_values(
            ["_order", "unit"]
        )
        names = [narrative.unit_label(r) for _, r in rows.iterrows()]
        if len(names) == 1:
            parts = [t("report.scope.unit", lang, unit=names[0])]
        elif len(names) <= MAX_NAMED_UNITS:
            parts = [t("report.scope.units", lang, units=narrative.join_names(names, lang))]
        else:
            parts = [t("report.scope.units_n", lang, n=fmt_int(len(names), lang))]
    else:
        parts = [t("report.scope.all_units", lang, n=fmt_int(prog.program["units_total"], lang))]
    if filters.phase is not None and len(prog.phases):
        phase = prog.phases.iloc[0]
        parts.append(
            t(
                "report.scope.phase",
                lang,
                phase=_phase_lower(prog, int(phase["phase"]), lang),
                start=fmt_date(phase["start_on"], lang),
                end=fmt_date(phase["end_on"], lang),
            )
        )
    else:
        parts.append(t("report.scope.program", lang))
    text = ", ".join(parts)
    extra = extra_filter_text(filters, lang)
    return text + "; " + t("report.scope.filtered", lang, items=extra) if extra else text


def extra_filter_text(filters: Filters, lang: Lang) -> str:
    """The view's filters beyond the report's scope (fields, statuses, registration dates), in words;
    empty when there are none."""
    extra = []
    if filters.fields:
        extra.append(
            t("report.scope.fields", lang, items=", ".join(_field_label(f, lang) for f in filters.fields))
        )
    if filters.statuses:
        extra.append(
            t(
                "report.scope.statuses",
                lang,
                items=", ".join(t(f"status.{s}", lang) for s in filters.statuses),
            )
        )
    if filters.date_from or filters.date_to:
        extra.append(
            t(
                "report.scope.dates",
                lang,
                start=fmt_date(filters.date_from, lang),
                end=fmt_date(filters.date_to, lang),
            )
        )
    return "; ".join(extra)


# ---------------------------------------------------------------------------------------------------------
# Sections.


def _no_data(lang: Lang) -> Paragraph:
    return Paragraph(t("report.no_data_section", lang), "note")


def _general_section(inp: _Inputs) -> Section:
    """I. The program's frame (targets by phase) and where it stands: registered, authors, benefit."""
    prog, lang = inp.prog, inp.lang
    p = prog.program
    blocks: list[Block] = [_targets_paragraph(prog, lang)] if len(prog.phases) else []
    if inp.empty:
        blocks.append(Paragraph(_t(prog, "report.general.no_data", lang, date=fmt_date(inp.as_of, lang))))
        return Section("general", _heading(0, "report.s.general", lang), tuple(blocks))
    if len(prog.phases) > 1 and unit_scope(prog, inp.filters) == "all":
        blocks.append(Paragraph(narrative.program_sentence(prog, lang)))
    elif len(prog.phases) > 1:  # only the first phase has begun: no unit can have met a two-phase target yet
        blocks.append(
            Paragraph(
                _t(
                    prog,
                    "report.general.program_early",
                    lang,
                    date=fmt_date(prog.as_of, lang),
                    registered=fmt_int(p["registered"], lang),
                    pct=fmt_pct(p["pct"], lang),
                    target=fmt_int(p["target"], lang),
                    authors=fmt_int(p["authors"], lang),
                    benefit=fmt_money(p["benefit_vnd"], lang),
                )
            )
        )
    else:
        blocks.append(
            Paragraph(
                _t(
                    prog,
                    "report.general.one_phase",
                    lang,
                    date=fmt_date(prog.as_of, lang),
                    phase=_phase_lower(prog, int(prog.phases.iloc[0]["phase"]), lang)
                    if len(prog.phases)
                    else "",
                    registered=fmt_int(p["registered"], lang),
                    pct=fmt_pct(p["pct"], lang),
                    target=fmt_int(p["target"], lang),
                    authors=fmt_int(p["authors"], lang),
                    benefit=fmt_money(p["benefit_vnd"], lang),
                    met=fmt_int(p["units_met"], lang),
                    total=fmt_int(p["units_total"], lang),
                )
            )
        )
    pace = narrative.pace_sentence(prog, lang)  # a running program read against its time path
    if pace:
        blocks.append(Paragraph(pace))
    blocks.append(
        Paragraph(
            _t(
                prog,
                "report.general.participation",
                lang,
                units=fmt_int(p["units_registered"], lang),
                total=fmt_int(p["units_total"], lang),
                per100=fmt_num(p["per_100_members"], lang),
                recognized=fmt_pct(p["recognized_rate"], lang),
                applied=fmt_pct(p["applied_rate"], lang),
            )
        )
    )
    return Section("general", _heading(0, "report.s.general", lang), tuple(blocks))


def _targets_paragraph(prog: metrics.Progress, lang: Lang) -> Paragraph:
    """The targets the report measures against: each phase's, and their sum."""
    parts = [
        _t(
            prog,
            "report.general.phase_target",
            lang,
            phase=_phase_lower(prog, int(r["phase"]), lang),
            start=fmt_date(r["start_on"], lang),
            end=fmt_date(r["end_on"], lang),
            target=fmt_int(r["target"], lang),
        )
        for _, r in prog.phases.iterrows()
    ]
    units = prog.unit_rows("all")
    if len(parts) == 1:
        key = "report.general.target_one"
    elif prog.units_filtered and len(units) == 1:
        key = "report.general.targets_one_unit"
    else:
        key = "report.general.targets_units" if prog.units_filtered else "report.general.targets"
    values = {
        "n": fmt_int(len(parts), lang),
        "target": fmt_int(prog.program["target"], lang),
        "unit": narrative.unit_label(units.iloc[0]) if len(units) else "",
    }
    return Paragraph(_t(prog, key, lang, phases="; ".join(parts), **values))


def _heading(index: int, key: str, lang: Lang, prog: metrics.Progress | None = None) -> str:
    return f"{ROMAN[index]}. {_t(prog, key, lang) if prog is not None else t(key, lang)}"


def phases_table(prog: metrics.Progress, lang: Lang) -> Table:
    """Target, registered, %, gap and units met per phase, and the program on a total row."""
    columns = (
        Column("name", prog.definition.period_word(lang) if prog.definition.code else t("word.phase", lang)),
        Column("period", t("report.col.period", lang)),
        Column("target", t("metric.target", lang), "count"),
        Column("registered", t("metric.registered", lang), "count"),
        Column("pct", t("metric.pct", lang), "percent"),
        Column("gap", t("metric.gap", lang), "count"),
        Column("surplus", t("metric.surplus", lang), "count"),
        Column("units_met", t("report.col.units_met", lang)),
        Column("authors", t("metric.authors", lang), "count", document=False),
        Column("benefit_vnd", t("report.col.benefit_bn", lang), "billions", document=False),
        Column("start_on", t("report.col.start", lang), "date", document=False),
        Column("end_on", t("report.col.end", lang), "date", document=False),
    )
    rows = []
    for _, r in prog.phases.iterrows():
        name = _phase_name(prog, int(r["phase"]), lang)
        begun = r.get("standing") != "not_started"  # a period not begun has no % or gap to read as failing
        rows.append(
            {
                "name": name if begun else f"{name} ({t('standing.not_started', lang)})",
                "period": f"{fmt_date(r['start_on'], lang)} – {fmt_date(r['end_on'], lang)}",
                "target": r["target"],
                "registered": int(r["registered"]),
                "pct": r["pct"] if begun else float("nan"),
                "gap": r["gap"] if begun else float("nan"),
                "surplus": r["surplus"],
                "units_met": f"{int(r['units_met'])}/{int(r['units_total'])}",
                "authors": int(r["authors"]),
                "benefit_vnd": float(r["benefit_vnd"]),
                "start_on": r["start_on"],
                "end_on": r["end_on"],
            }
        )
    total = None
    if len(prog.phases) > 1:
        p = prog.program
        total = {
            "name": t("word.program", lang),
            "period": f"{fmt_date(prog.phases['start_on'].min(), lang)} – "
            f"{fmt_date(prog.phases['end_on'].max(), lang)}",
            "target": p["target"],
            "registered": int(p["registered"]),
            "pct": p["pct"],
            "gap": p["gap"],
            "surplus": p["surplus"],
            "units_met": f"{int(p['units_met'])}/{int(p['units_total'])}",
            "authors": int(p["authors"]),
            "benefit_vnd": float(p["benefit_vnd"]),
            "start_on": prog.phases["start_on"].min(),
            "end_on": prog.phases["end_on"].max(),
        }
    return Table("phases", _t(prog, "report.table.phases", lang), columns, tuple(rows), total)


def phases_figure(prog: metrics.Progress, lang: Lang) -> go.Figure:
    """The Overview's target-vs-registered chart, with the Overview's title."""
    return charts.phase_bullets(
        labelled_phases(prog, lang), prog.program, lang, narrative.phase_chart_title(prog, lang)
    )


def labelled_phases(prog: metrics.Progress, lang: Lang) -> pd.DataFrame:
    """The program's periods, each with the program's name for it ("Năm 2026", "Giai đoạn 2"), as the
    pages pass them to the charts."""
    return prog.phases.assign(label=[narrative.phase_label(int(p), lang, prog) for p in prog.phases["phase"]])


def _phases_section(inp: _Inputs) -> Section:
    """II. Each phase in the union's own sentence (result, who met, who passed half), a table, the chart."""
    prog, lang = inp.prog, inp.lang
    blocks: list[Block] = []
    if inp.empty:
        blocks.append(_no_data(lang))
    else:
        blocks += [
            Paragraph(s)
            for _, ph in prog.phases.iterrows()
            if (s := narrative.phase_sentence(prog, ph, lang))
        ]
    blocks.append(phases_table(prog, lang))
    if not inp.empty:
        blocks.append(Chart("phases", phases_figure(prog, lang)))
    return Section("phases", _heading(1, "report.s.phases", lang, prog), tuple(blocks))


def units_table(prog: metrics.Progress, scope: str, lang: Lang) -> Table:
    """Every unit in scope, ranked as the Units page ranks them (by % of target, then registered)."""
    rows = prog.unit_rows(scope)
    scope_label = _scope_name(prog, scope, lang)
    columns = (
        Column("rank", t("metric.rank", lang), "count"),
        Column("label", t("word.unit", lang)),
        Column("name", t("units.table.name", lang), document=False),
        Column("group", t("units.table.group", lang), document=False),
        Column("target", t("metric.target", lang), "count"),
        Column("registered", t("metric.registered", lang), "count"),
        Column("pct", t("metric.pct", lang), "percent"),
        Column("gap", t("metric.gap", lang), "count", document=False),
        Column("tier", t("metric.tier", lang)),
        Column("benefit_vnd", t("report.col.benefit_bn", lang), "billions"),
        Column("authors", t("metric.authors", lang), "count", document=False),
        Column("per_100_members", t("metric.per_100_members", lang), "decimal", document=False),
    )
    out = []
    for _, r in rows.iterrows():
        group = r.get("group_name")
        out.append(
            {
                "rank": int(r["rank"]),
                "unit": r["unit"],
                "label": narrative.unit_label(r),
                "name": r["name"],
                "group": t(f"group.{group}", lang)
                if isinstance(group, str) and has_key(f"group.{group}")
                else group,
                "target": r["target"],
                "registered": int(r["registered"]),
                "pct": r["pct"],
                "gap": r["gap"],
                "tier": t(f"tier.{r['tier']}", lang),
                "tier_key": r["tier"],
                "benefit_vnd": float(r["benefit_vnd"]),
                "authors": int(r["authors"]),
                "per_100_members": r["per_100_members"],
            }
        )
    caption = t("report.table.units", lang, scope=scope_label)
    return Table("units", caption, columns, tuple(out), scope=scope_label)


def units_figure(prog: metrics.Progress, scope: str, lang: Lang) -> go.Figure:
    """The Units page's ranking by % of target, with the Units page's title."""
    rows = prog.unit_rows(scope)
    scope_label = (
        t("units.scope_all", lang) if scope == "all" else _t(prog, "units.scope_phase", lang, n=scope)
    )
    if rows.empty:
        return charts.empty_figure(lang, t("units.title", lang))
    leader = rows.sort_values("pct", ascending=False, na_position="last").iloc[0]
    title = t(
        "units.title.pct",
        lang,
        met=fmt_int(int((rows["tier"] == "met").sum()), lang),
        total=fmt_int(len(rows), lang),
        scope=scope_label,
        leader=narrative.unit_label(leader),
        value=fmt_pct(leader["pct"], lang),
    )
    return charts.unit_ranking(rows, "pct", lang, title)


def _units_section(inp: _Inputs) -> Section:
    """III. The tier lists as the union words them, each tier with its units' %, the ranking table."""
    prog, lang = inp.prog, inp.lang
    scope = unit_scope(prog, inp.filters)
    blocks: list[Block] = []
    if inp.empty:  # no results to rank; the table still gives each unit's target
        blocks += [_no_data(lang), units_table(prog, scope, lang)]
        return Section("units", _heading(2, "report.s.units", lang), tuple(blocks))
    rows = prog.unit_rows(scope)
    lead = t("report.units.lead", lang, scope=_scope_name(prog, scope, lang), n=fmt_int(len(rows), lang))
    if scope == "all":  # a phase's tier sentence is already in section II
        lead += " " + _sentence("; ".join(narrative.tier_clauses(prog, scope, lang)), lang)
    blocks.append(Paragraph(lead))
    for tier in metrics.TIERS:
        members = rows[rows["tier"] == tier]
        if members.empty:
            continue
        names = ", ".join(
            f"{narrative.unit_label(r)} ({fmt_pct(r['pct'], lang)})"
            if tier != "none"
            else narrative.unit_label(r)
            for _, r in members.iterrows()
        )
        blocks.append(
            Paragraph(
                t(
                    "report.units.tier_line",
                    lang,
                    tier=_t(prog, f"tier.{tier}.long", lang),
                    n=fmt_int(len(members), lang),
                    units=names,
                ),
                "bullet",
            )
        )
    blocks.append(units_table(prog, scope, lang))
    blocks.append(ranking_table(prog, scope, lang))
    blocks.append(Chart("units", units_figure(prog, scope, lang)))
    return Section("units", _heading(2, "report.s.units", lang), tuple(blocks))


def ranking_table(prog: metrics.Progress, scope: str, lang: Lang) -> Table:
    """The three rankings side by side (metrics.rankings): by % of target, by number registered, by value
    benefited, in the order of the first."""
    rows = metrics.rankings(prog, scope)
    scope_label = _scope_name(prog, scope, lang)
    columns = (
        Column("label", t("word.unit", lang)),
        Column("rank_pct", t("metric.rank_pct", lang), "count"),
        Column("pct", t("metric.pct", lang), "percent"),
        Column("rank_registered", t("metric.rank_registered", lang), "count"),
        Column("registered", t("metric.registered", lang), "count"),
        Column("rank_benefit", t("metric.rank_benefit", lang), "count"),
        Column("benefit_vnd", t("report.col.benefit_bn", lang), "billions"),
    )
    out = tuple(
        {
            "label": narrative.unit_label(r),
            "rank_pct": int(r["rank_pct"]),
            "pct": r["pct"],
            "rank_registered": int(r["rank_registered"]),
            "registered": int(r["registered"]),
            "rank_benefit": int(r["rank_benefit"]),
            "benefit_vnd": float(r["benefit_vnd"]),
        }
        for _, r in rows.iterrows()
    )
    return Table(
        "ranking", t("report.table.ranking", lang, scope=scope_label), columns, out, scope=scope_label
    )


def _sentence(clause: str, lang: Lang) -> str:
    """A clause from narrative.py as a sentence of its own: capital first letter, full stop."""
    clause = clause.strip()
    return (clause[:1].upper() + clause[1:]).rstrip(".") + "." if clause else ""


def trend_figure(inp: _Inputs) -> go.Figure:
    """The Trends page's cumulative-vs-target chart (campaigns, milestones, projection), its title too."""
    prog, lang, daily = inp.prog, inp.lang, inp.daily
    registered = int(daily["registered"].sum()) if not daily.empty else 0
    gap = registered - metrics.target_path_on(prog.phases, prog.as_of) if prog.as_of else 0
    title = _t(
        prog,
        "trends.chart.ahead" if gap >= 0 else "trends.chart.behind",
        lang,
        registered=fmt_int(registered, lang),
        ahead=fmt_int(gap, lang),
        behind=fmt_int(-gap, lang),
        date=fmt_date(prog.as_of, lang),
    )
    return charts.cumulative_vs_target(
        daily,
        labelled_phases(prog, lang),
        inp.milestones,
        inp.campaigns,
        metrics.projection_line(prog, inp.pace, daily),
        lang,
        title,
        narrative.terms(prog, lang),  # the program's word for its periods on the boundaries ("Năm 2026")
    )


def _pace_paragraphs(inp: _Inputs) -> list[Paragraph]:
    """The running phase: recent weekly rate, the rate still needed, where the rate leads, units at risk."""
    pace, lang, prog = inp.pace, inp.lang, inp.prog
    if pace is None or pace.weeks_left <= 0:
        return []
    phase = _phase_lower(prog, pace.phase, lang)
    parts = [
        _t(
            prog,
            "report.trend.recent",
            lang,
            phase=_phase_name(prog, pace.phase, lang),
            end=fmt_date(pace.end_on, lang),
            recent=fmt_num(pace.weekly_recent, lang),
        )
    ]
    if pace.target and pace.registered < pace.target:
        parts.append(
            _t(
                prog,
                "report.trend.needed",
                lang,
                target=fmt_int(pace.target, lang),
                needed=fmt_num(pace.weekly_needed, lang),
            )
        )
    text = "; ".join(parts) + ". "
    if pace.target:
        text += _t(
            prog,
            "report.trend.projection",
            lang,
            end=fmt_date(pace.end_on, lang),
            projected=fmt_int(pace.projected, lang),
            pct=fmt_pct(pace.projected_pct, lang),
            phase=phase,
            state=t(f"pace.{pace.state}", lang).lower(),
        )
    out = [Paragraph(text.strip())]
    units = inp.unit_pace
    if not units.empty:
        counts = units["state"].value_counts()
        out.append(
            Paragraph(
                t(
                    "report.trend.units",
                    lang,
                    phase=phase,
                    done=fmt_int(int(counts.get("done", 0)), lang),
                    on_track=fmt_int(int(counts.get("on_track", 0)), lang),
                    at_risk=fmt_int(int(counts.get("at_risk", 0)), lang),
                    behind=fmt_int(int(counts.get("behind", 0)), lang),
                )
            )
        )
        for state in ("at_risk", "behind"):
            late = units[units["state"] == state].sort_values("projected_pct")
            if len(late):
                names = ", ".join(
                    f"{narrative.unit_label(r)} ({fmt_pct(r['projected_pct'], lang)})"
                    for _, r in late.iterrows()
                )
                out.append(Paragraph(_t(prog, f"report.trend.units_{state}", lang, units=names), "bullet"))
    return out


def _path_paragraph(inp: _Inputs) -> Paragraph | None:
    """Registered so far against the straight-line path to the targets (what the Trends chart shows)."""
    prog, lang, daily = inp.prog, inp.lang, inp.daily
    if prog.as_of is None or daily.empty:
        return None
    registered = int(daily["registered"].sum())
    path = metrics.target_path_on(prog.phases, prog.as_of)
    gap = registered - path
    return Paragraph(
        _t(
            prog,
            "report.trend.ahead" if gap >= 0 else "report.trend.behind",
            lang,
            date=fmt_date(prog.as_of, lang),
            registered=fmt_int(registered, lang),
            path=fmt_int(path, lang),
            n=fmt_int(abs(gap), lang),
        )
    )


def _campaign_paragraphs(inp: _Inputs) -> list[Paragraph]:
    """Registrations inside each emulation campaign begun by the as-of day (metric.campaign_registered)."""
    rows = metrics.campaign_registrations(inp.daily, inp.campaigns, inp.prog.as_of)
    return [
        Paragraph(narrative.campaign_sentence(row, inp.lang, inp.prog))
        for _, row in rows.iterrows()
        if row["registered"]
    ]


def _milestone_paragraph(inp: _Inputs) -> Paragraph | None:
    """The next intermediate goal (mốc phấn đấu) after the as-of day and what it still needs."""
    prog, lang = inp.prog, inp.lang
    if inp.milestones is None or inp.milestones.empty or prog.as_of is None:
        return None
    ahead = inp.milestones[inp.milestones["on_date"] > prog.as_of]
    if ahead.empty:
        return None
    m = ahead.iloc[0]
    gap = float(m["cumulative_target"]) - float(prog.program["registered"])
    key = "report.trend.milestone" if gap > 0 else "report.trend.milestone_passed"
    return Paragraph(
        _t(
            prog,
            key,
            lang,
            label=m["label"],
            target=fmt_int(m["cumulative_target"], lang),
            date=fmt_date(m["on_date"], lang),
            gap=fmt_int(max(gap, 0), lang),
        )
    )


def _trend_section(inp: _Inputs) -> Section:
    """IV. Pace against the target path, the campaign, the projection, the next milestone, what remains."""
    lang = inp.lang
    blocks: list[Block] = []
    if inp.empty:
        blocks.append(_no_data(lang))
        remaining = narrative.remaining_sentence(inp.prog, lang)
        if remaining:
            blocks.append(Paragraph(remaining))
        return Section("trend", _heading(3, "report.s.trend", lang), tuple(blocks))
    for paragraph in (
        _path_paragraph(inp),
        *_campaign_paragraphs(inp),
        *_pace_paragraphs(inp),
        _milestone_paragraph(inp),
        *_comparison_paragraphs(inp),
    ):
        if paragraph is not None:
            blocks.append(paragraph)
    remaining = narrative.remaining_sentence(inp.prog, lang)
    if remaining:
        blocks.append(Paragraph(remaining))
    if inp.periods is not None:
        blocks.append(comparison_table(inp))
    blocks.append(Chart("trend", trend_figure(inp)))
    return Section("trend", _heading(3, "report.s.trend", lang), tuple(blocks))


def _change_text(prog: metrics.Progress, change: float, change_pct: float, lang: Lang) -> str:
    """ "tăng 120 (8,3%)", "giảm 40 (−2,1%)", "bằng cùng kỳ"."""
    if not change:
        return t("report.compare.same", lang)
    key = "report.compare.up" if change > 0 else "report.compare.down"
    return t(key, lang, n=fmt_int(abs(change), lang), pct=fmt_pct(abs(change_pct), lang))


def _comparison_paragraphs(inp: _Inputs) -> list[Paragraph]:
    """The period against the same point of the one before, and the program against another at the same
    elapsed share of its time (metrics.compare_periods / compare_programs), as the Trends page shows them."""
    prog, lang = inp.prog, inp.lang
    out = []
    periods = inp.periods
    if periods is not None:
        totals = periods.totals
        out.append(
            Paragraph(
                _t(
                    prog,
                    "report.compare.period",
                    lang,
                    current=_phase_name(prog, periods.current.period, lang),
                    day=fmt_date(periods.day, lang),
                    now=fmt_int(totals["registered_now"], lang),
                    previous=_phase_lower(prog, periods.previous.period, lang),
                    previous_day=fmt_date(periods.previous_day, lang),
                    before=fmt_int(totals["registered_before"], lang),
                    change=_change_text(prog, totals["change"], totals["change_pct"], lang),
                )
            )
        )
    programs = inp.programs
    if programs is not None:
        other = programs.other
        out.append(
            Paragraph(
                _t(
                    prog,
                    "report.compare.program",
                    lang,
                    share=fmt_pct(programs.share * 100, lang),
                    day=fmt_date(programs.day, lang),
                    registered=fmt_int(programs.now["registered"], lang),
                    pct=fmt_pct(programs.now["pct"], lang),
                    other=other.title(lang),
                    other_day=fmt_date(programs.other_day, lang),
                    other_registered=fmt_int(programs.then["registered"], lang),
                    other_noun=other.noun(lang),
                    other_pct=fmt_pct(programs.then["pct"], lang),
                )
            )
        )
    return out


def comparison_table(inp: _Inputs) -> Table:
    """Each unit in the period in view against the same point of the period before."""
    prog, lang, periods = inp.prog, inp.lang, inp.periods
    assert periods is not None
    now = _phase_name(prog, periods.current.period, lang)
    before = _phase_name(prog, periods.previous.period, lang)
    columns = (
        Column("label", t("word.unit", lang)),
        Column("registered_now", f"{now} ({fmt_date(periods.day, lang)})", "count"),
        Column("registered_before", f"{before} ({fmt_date(periods.previous_day, lang)})", "count"),
        Column("change", t("metric.change", lang), "count"),
        Column("change_pct", t("metric.change_pct", lang), "percent"),
    )
    rows = tuple(
        {
            "label": narrative.unit_label(r) if isinstance(r.get("short_name"), str) else r["unit"],
            "registered_now": int(r["registered_now"]),
            "registered_before": int(r["registered_before"]),
            "change": int(r["change"]),
            "change_pct": r["change_pct"],
        }
        for _, r in periods.units.iterrows()
    )
    totals = periods.totals
    total = {
        "label": t("word.program", lang) if not prog.units_filtered else t("word.units", lang),
        "registered_now": int(totals["registered_now"]),
        "registered_before": int(totals["registered_before"]),
        "change": int(totals["change"]),
        "change_pct": totals["change_pct"],
    }
    scope = f"{now} / {before}"
    return Table("compare", t("report.table.compare", lang, scope=scope), columns, rows, total, scope=scope)


def benefit_units(inp: _Inputs) -> pd.DataFrame:
    """Benefit by unit with the label reports use, largest first (as the Benefit page shows it)."""
    units = inp.benefit["unit"].merge(
        inp.prog.unit_rows("all")[["unit", "short_name"]], left_on="key", right_on="unit", how="left"
    )
    units["label"] = [
        narrative.unit_label(r) if isinstance(r["short_name"], str) else r["key"] for _, r in units.iterrows()
    ]
    return units


def benefit_figure(inp: _Inputs) -> go.Figure:
    """The Benefit page's by-unit bars, with its title."""
    units, lang = benefit_units(inp), inp.lang
    if units.empty:
        return charts.empty_figure(lang, t("report.s.benefit", lang))
    leader = units.iloc[0]
    title = t("benefit.by_unit", lang, leader=leader["label"], value=fmt_money(leader["benefit_vnd"], lang))
    return charts.share_bars(units, "label", "benefit_vnd", lang, title, money=True)


def fields_table(inp: _Inputs) -> Table:
    """Registrations and benefit by field, largest benefit first, with each field's share."""
    lang = inp.lang
    fields = inp.benefit["field"]
    total = float(fields["benefit_vnd"].sum())
    columns = (
        Column("field", t("col.field", lang)),
        Column("registered", t("metric.registered", lang), "count"),
        Column("benefit_vnd", t("report.col.benefit_bn", lang), "billions"),
        Column("share", t("report.col.share", lang), "percent"),
    )
    rows = tuple(
        {
            "field": _field_label(r["key"], lang),
            "registered": int(r["registered"]),
            "benefit_vnd": float(r["benefit_vnd"]),
            "share": float(r["benefit_vnd"]) * 100 / total if total else float("nan"),
        }
        for _, r in fields.iterrows()
    )
    return Table("fields", t("report.table.fields", lang), columns, rows)


def _benefit_section(inp: _Inputs) -> Section:
    """V. Value benefited: the total as the union quotes it, who and which fields bring it, its spread,
    and the authors' minimum remuneration estimate (Nghị định 13/2012)."""
    prog, lang = inp.prog, inp.lang
    p = prog.program
    hist, stats = inp.distribution
    blocks: list[Block] = []
    if inp.empty or not p["benefit_vnd"]:
        blocks.append(_no_data(lang))
        return Section("benefit", _heading(4, "report.s.benefit", lang), tuple(blocks))
    blocks.append(
        Paragraph(
            _t(
                prog,
                "report.benefit.total",
                lang,
                amount=over_amount(float(p["benefit_vnd"]), lang),
                per_member=fmt_money(p["benefit_per_member"], lang),
            )
        )
    )
    units = benefit_units(inp)
    total = float(units["benefit_vnd"].sum())
    if len(units) > 1 and total:
        top = units.head(3)
        items = ", ".join(
            f"{r['label']} ({fmt_money(r['benefit_vnd'], lang)}, {fmt_pct(r['benefit_vnd'] * 100 / total, lang)})"
            for _, r in top.iterrows()
        )
        blocks.append(Paragraph(t("report.benefit.top_units", lang, items=items)))
    fields = inp.benefit["field"]
    field_total = float(fields["benefit_vnd"].sum())
    if len(fields) and field_total:
        lead = fields.iloc[0]
        blocks.append(
            Paragraph(
                t(
                    "report.benefit.top_field",
                    lang,
                    field=_field_label(lead["key"], lang),
                    value=fmt_money(lead["benefit_vnd"], lang),
                    share=fmt_pct(float(lead["benefit_vnd"]) * 100 / field_total, lang),
                )
            )
        )
    if stats.get("n"):
        blocks.append(
            Paragraph(
                _t(
                    prog,
                    "report.benefit.spread",
                    lang,
                    top10=fmt_pct(stats["top10_share"], lang),
                    median=fmt_money(stats["median"], lang),
                )
            )
        )
    applied = float(inp.benefit["unit"]["applied_benefit_vnd"].sum())
    if applied:
        pay = metrics.min_remuneration(applied)
        blocks.append(
            Paragraph(
                _t(
                    prog,
                    "report.benefit.remuneration",
                    lang,
                    per_year=fmt_money(pay["per_year"], lang),
                    three=fmt_money(pay["three_years"], lang),
                )
            )
        )
    blocks.append(fields_table(inp))
    blocks.append(Chart("benefit", benefit_figure(inp)))
    return Section("benefit", _heading(4, "report.s.benefit", lang), tuple(blocks))


def _quality_section(inp: _Inputs) -> Section:
    """VI. Data quality (issue 18): the funnel's headline, the silent units, the duplicates waiting for
    review and those counted once, the two benefit sums and the implausible benefits; each figure as the
    Quality page defines it (analytics.quality)."""
    prog, lang, head = inp.prog, inp.lang, inp.quality
    heading = f"{ROMAN[5]}. {t('quality.report.heading', lang).upper()}"
    if head is None or inp.empty:
        return Section("quality", heading, (_no_data(lang),))
    blocks: list[Block] = [
        Paragraph(
            _t(
                prog,
                "quality.report.funnel",
                lang,
                recognized=fmt_int(head.recognized, lang),
                registered=fmt_int(head.registered, lang),
                rate=fmt_pct(head.recognized_rate, lang),
                backlog=fmt_int(head.backlog, lang),
                backlog_days=fmt_int(head.backlog_days, lang),
            )
        )
    ]
    if inp.silent:
        blocks.append(
            Paragraph(
                t(
                    "quality.report.silent",
                    lang,
                    n=fmt_int(len(inp.silent), lang),
                    days=fmt_int(head.silent_days, lang),
                    units=", ".join(inp.silent),
                )
            )
        )
    blocks.append(
        Paragraph(
            t(
                "quality.report.duplicates",
                lang,
                pairs=fmt_int(head.pending_pairs, lang),
                not_counted=fmt_int(head.not_counted, lang),
            )
        )
    )
    blocks.append(
        Paragraph(
            t(
                "quality.report.benefit",
                lang,
                council=fmt_money(head.council_vnd, lang),
                self=fmt_money(head.self_vnd, lang),
                implausible=fmt_int(head.implausible, lang),
            )
        )
    )
    return Section("quality", heading, tuple(blocks))


def _proposals_section(lang: Lang) -> Section:
    """VII. Left to the author: a marked place for proposals, never written by the machine."""
    blocks = [Paragraph(t("report.proposals.hint", lang), "placeholder")]
    blocks += [Paragraph(f"{i}. {t('report.proposals.blank', lang)}", "placeholder") for i in (1, 2, 3)]
    return Section("proposals", _heading(6, "report.s.proposals", lang), tuple(blocks))


def _facts(inp: _Inputs) -> tuple[Fact, ...]:
    """The key figures for the workbook's summary sheet, raw (numbers stay numbers)."""
    p, lang = inp.prog.program, inp.lang

    def fact(key: str, value: object, kind: str, label_key: str | None = None) -> Fact:
        return Fact(key, t(label_key or f"metric.{key}", lang), value, kind)

    return (
        fact("as_of", inp.as_of, "date", "report.fact.as_of"),
        fact("registered", int(p["registered"]), "count"),
        fact("target", p["target"], "count"),
        fact("pct", p["pct"], "percent"),
        fact("gap", p["gap"], "count"),
        fact("surplus", p["surplus"], "count"),
        fact("authors", int(p["authors"]), "count"),
        fact("units_met", int(p["units_met"]), "count"),
        fact("units_registered", int(p["units_registered"]), "count", "report.fact.units_registered"),
        fact("units_total", int(p["units_total"]), "count", "report.fact.units_total"),
        fact("benefit_vnd", float(p["benefit_vnd"]), "vnd_amount", "col.benefit_vnd"),
        fact("recognized_rate", p["recognized_rate"], "percent"),
        fact("applied_rate", p["applied_rate"], "percent"),
        *(
            (
                fact("quality_pending", inp.quality.pending_pairs, "count"),
                fact("quality_implausible", inp.quality.implausible, "count"),
                fact("quality_benefit_council", inp.quality.council_vnd, "vnd_amount"),
                fact("quality_benefit_self", inp.quality.self_vnd, "vnd_amount"),
            )
            if inp.quality is not None
            else ()
        ),
    )


# ---------------------------------------------------------------------------------------------------------
# The whole report.


def report_filters(view: Filters, phase: int | None, units: Sequence[str], as_of: dt.date | None) -> Filters:
    """The view's filters narrowed to the report's scope: a phase (or all), chosen units (or all; they
    replace unit groups), and the as-of day. Fields, statuses and dates chosen in the view still apply."""
    return view.with_(phase=phase, units=tuple(dict.fromkeys(units)), groups=(), as_of=as_of)


def letterhead(meta: ReportMeta, lang: Lang, prog: metrics.Progress | None = None) -> Letterhead:
    """The letterhead; the issuer is the union under the name it had on the report's day."""
    issued = meta.issued_on or dt.date.today()
    place = meta.place or t("report.place.default", lang)
    issuer = _t(prog, "report.header.issuer", lang) if prog is not None else t("report.header.issuer", lang)
    return Letterhead(
        parent=t("report.header.parent", lang),
        issuer=issuer.upper(),
        number=t("report.header.number", lang, number=meta.number or t("report.number.default", lang)),
        nation=t("report.header.nation", lang),
        motto=t("report.header.motto", lang),
        place_date=t("report.header.place_date", lang, place=place, date=long_date(issued, lang)),
    )


def build_report(store: Store, filters: Filters, lang: Lang = "vi", meta: ReportMeta | None = None) -> Report:
    """The report for a view (filters) in a language: every section written from the metrics."""
    meta = meta or ReportMeta()
    inp = _inputs(store, filters, lang, meta.issued_on or dt.date.today())
    prog = inp.prog
    sample = store.has_sample()
    notes = []
    if sample:
        notes.append(Paragraph(_t(prog, "report.note.sample", lang), "note"))
    if inp.empty:
        notes.append(Paragraph(_t(prog, "report.note.empty", lang), "note"))
    date = fmt_date(inp.as_of, lang)
    scope = scope_text(prog, filters, lang)
    intro = (
        "report.intro"
        if prog.definition.organizer_name(lang) or not prog.definition.code
        else "report.intro_own"
    )
    return Report(
        lang=lang,
        filters=inp.filters,
        as_of=inp.as_of,
        empty=inp.empty,
        sample=sample,
        letterhead=letterhead(meta, lang, prog),
        scope=scope,
        title=t("report.title", lang),
        subtitle=_t(prog, "report.subtitle", lang),
        scope_line=t("report.scope_line", lang, date=date, scope=scope),
        notes=tuple(notes),
        intro=Paragraph(_t(prog, intro, lang, date=date)),
        sections=(
            _general_section(inp),
            _phases_section(inp),
            _units_section(inp),
            _trend_section(inp),
            _benefit_section(inp),
            _quality_section(inp),
            _proposals_section(lang),
        ),
        closing=Paragraph(_t(prog, "report.closing", lang, date=date)),
        recipients_title=t("report.recipients.title", lang),
        recipients=tuple(_t(prog, "report.recipients", lang).split("\n")),
        signature=tuple(t("report.signature", lang).split("\n")),
        facts=_facts(inp),
        terms=narrative.terms(prog, lang),
    )
