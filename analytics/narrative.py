"""Sentences written from the metrics, in the style of the union's own reports.

"Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu; các đơn vị hoàn thành vượt mức chỉ tiêu gồm
BSR, VPI, PVCFC, PVU; ..." Every number comes from `metrics.Progress`, the object the screens draw, so a
summary can never disagree with the dashboard. Facts only: no adjectives the data do not support. The words
follow the program: its periods ("Năm 2025"), what it counts ("sản phẩm sáng tạo"), the union's name then.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from analytics.i18n import Lang, fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, t
from analytics.metrics import Progress, unit_label  # unit_label: every screen imports it from here


def join_names(names: list[str], lang: Lang) -> str:
    """ "A, B, C và D" (vi) / "A, B, C and D" (en)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('word.and', lang)} " + names[-1]


def unit_named(row: pd.Series | dict) -> str:
    """A unit where it is named once and the reader must know which one it is (a hover, the unit's own
    drawer, the picker): its short name, the one every screen uses (`unit_label`), with its code where the
    two differ: "PV GAS", "Ban QLDA Long Phú – Sông Hậu (QLDA LPSH)"."""
    short, code = unit_label(row), str(row["unit"])
    return short if short == code else f"{short} ({code})"


def phase_label(phase: int, lang: Lang, prog: Progress | None = None) -> str:
    """ "Giai đoạn 2" (the program's word for its periods: "Năm 2025" for a yearly program)."""
    if prog is not None and prog.definition.code:
        return prog.period_label(phase, lang)
    return t("overview.phase_name", lang, n=phase)


def number_word(n: int, lang: Lang) -> str:
    """ "hai" / "two" for small counts, the figure beyond ten."""
    key = f"number.{n}"
    return t(key, lang) if 1 <= n <= 10 else str(n)


def target_name(prog: Progress, lang: Lang) -> str:
    """What the program's target is called: "chỉ tiêu hai giai đoạn" (the sum of two phases' targets),
    "chỉ tiêu ba năm", or "chỉ tiêu cả chương trình" when the program has a target of its own."""
    definition = prog.definition
    if definition.target is not None and prog.filters.phase is None and not prog.units_filtered:
        return t("narr.target_program", lang)
    counted = int(prog.phases["target"].notna().sum()) if len(prog.phases) else 0
    word = definition.period_word(lang).lower() if definition.code else t("word.phase", lang).lower()
    return t("narr.target_span", lang, n=number_word(max(counted, 1), lang), period=word)


def terms(prog: Progress, lang: Lang) -> dict[str, str]:
    """The program's words for the catalogue's placeholders (analytics.i18n PROGRAM_TERMS)."""
    out = dict(prog.definition.terms(lang)) if prog.definition.code else {}
    out["target_name"] = target_name(prog, lang)
    if prog.union is not None:
        out["union"] = prog.union.title(lang)
    organizer = prog.definition.organizer_name(lang)
    if organizer:
        out["organizer"] = organizer
    return out


def tier_clauses(prog: Progress, scope: str | int, lang: Lang) -> list[str]:
    """The clauses that list who met the target, who passed half, and how many are behind."""
    words = terms(prog, lang)
    rows = prog.unit_rows(scope)
    named = {
        tier: [unit_label(r) for _, r in rows[rows["tier"] == tier].iterrows()]
        for tier in ("met", "over_half", "under_half", "none")
    }
    clauses = []
    if named["met"]:
        key = "narr.met_one" if len(named["met"]) == 1 else "narr.met_list"
        clauses.append(t(key, lang, units=join_names(named["met"], lang)))
    else:
        clauses.append(t("narr.met_none", lang))
    if named["over_half"]:
        key = "narr.over_half_one" if len(named["over_half"]) == 1 else "narr.over_half_list"
        clauses.append(t(key, lang, units=join_names(named["over_half"], lang)))
    for tier, key in (("under_half", "narr.rest_under_half"), ("none", "narr.rest_none")):
        if len(named[tier]) == 1:
            clauses.append(t(key + "_one", lang, **words))
        elif named[tier]:
            clauses.append(t(key, lang, n=fmt_int(len(named[tier]), lang), **words))
    return clauses


def phase_sentence(prog: Progress, phase: pd.Series, lang: Lang) -> str | None:
    """One phase's result and its tier lists; None for a phase that had not started by the as-of day."""
    as_of = prog.as_of
    if as_of is not None and as_of < phase["start_on"]:
        return None
    values: dict = {
        **terms(prog, lang),
        "phase": phase_label(int(phase["phase"]), lang, prog),
        "registered": fmt_int(phase["registered"], lang),
        "pct": fmt_pct(phase["pct"], lang),
        "target": fmt_int(phase["target"], lang),
        "date": fmt_date(as_of, lang),
    }
    if pd.isna(phase["target"]):
        head = t("narr.phase_result_no_target", lang, **values)
    elif as_of is not None and as_of < phase["end_on"]:
        head = t("narr.phase_running", lang, **values)
        pace = pace_clause(phase, lang)
        if pace:
            head += ", " + pace
    else:
        head = t("narr.phase_result", lang, **values)
    return "; ".join([head, *tier_clauses(prog, int(phase["phase"]), lang)]) + "."


def pace_clause(row: pd.Series | dict, lang: Lang) -> str | None:
    """ "chậm tiến độ 518 so với lộ trình (1.758)" for a running period (metric.standing), else None."""
    standing, expected = row.get("standing"), row.get("expected")
    if standing not in ("ahead", "behind") or expected is None or pd.isna(expected):
        return None
    n = abs(row["registered"] - expected)
    n = math.floor(n) if standing == "ahead" else math.ceil(n)
    return t(
        "narr.pace_phase",
        lang,
        standing=t(f"standing.{standing}", lang),
        n=fmt_int(n, lang),
        expected=fmt_int(expected, lang),
    )


def pace_sentence(prog: Progress, lang: Lang) -> str | None:
    """The program against its time path while it runs ("Theo lộ trình thời gian, đến ngày 31/12/2022 cần
    3.158 sáng kiến: chương trình chậm tiến độ 460."); None once it ended or met its target."""
    p = prog.program
    standing, expected = p.get("standing"), p.get("expected")
    if standing not in ("ahead", "behind") or expected is None or pd.isna(expected):
        return None
    n = abs(p["registered"] - expected)
    n = math.floor(n) if standing == "ahead" else math.ceil(n)
    return t(
        "narr.pace_program",
        lang,
        **terms(prog, lang),
        date=fmt_date(prog.as_of, lang),
        expected=fmt_int(expected, lang),
        standing=t(f"standing.{standing}", lang),
        n=fmt_int(n, lang),
    )


def remaining_sentence(prog: Progress, lang: Lang) -> str | None:
    """What is left to do: the running or next phase's gap, or the program's, while any remains."""
    as_of = prog.as_of or dt.date.max
    words = terms(prog, lang)
    for _, phase in prog.phases.iterrows():
        if as_of >= phase["end_on"] or pd.isna(phase["gap"]) or phase["gap"] <= 0:  # its last day ends it
            continue
        label = phase_label(int(phase["phase"]), lang, prog)
        if as_of < phase["start_on"]:
            return t(
                "narr.next_phase",
                lang,
                **words,
                phase=label,
                start=fmt_date(phase["start_on"], lang),
                end=fmt_date(phase["end_on"], lang),
                target=fmt_int(phase["target"], lang),
            )
        return t(
            "narr.remaining",
            lang,
            **words,
            gap=fmt_int(phase["gap"], lang),
            phase=label.lower() if lang == "vi" else label,
            target=fmt_int(phase["target"], lang),
            end=fmt_date(phase["end_on"], lang),
        )
    gap = prog.program.get("gap")
    if gap and not pd.isna(gap) and gap > 0:
        return t(
            "narr.remaining_program",
            lang,
            **words,
            gap=fmt_int(gap, lang),
            target=fmt_int(prog.program["target"], lang),
        )
    return None


def program_sentence(prog: Progress, lang: Lang) -> str:
    p = prog.program
    return t(
        "narr.program",
        lang,
        **terms(prog, lang),
        date=fmt_date(prog.as_of, lang),
        registered=fmt_int(p["registered"], lang),
        pct=fmt_pct(p["pct"], lang),
        target=fmt_int(p["target"], lang),
        authors=fmt_int(p["authors"], lang),
        benefit=fmt_money(p["benefit_vnd"], lang),
        met=fmt_int(p["units_met"], lang),
        total=fmt_int(p["units_total"], lang),
    )


def summary_paragraphs(prog: Progress, lang: Lang) -> list[str]:
    """The Overview's summary: each phase's result, the program's, and what remains."""
    paragraphs = [s for _, phase in prog.phases.iterrows() if (s := phase_sentence(prog, phase, lang))]
    if len(prog.phases) > 1:
        paragraphs.append(program_sentence(prog, lang))
    pace = pace_sentence(prog, lang)
    if pace:
        paragraphs.append(pace)
    remaining = remaining_sentence(prog, lang)
    if remaining:
        paragraphs.append(remaining)
    return paragraphs


def phase_chart_title(prog: Progress, lang: Lang) -> str:
    """The target-vs-registered chart's title, stating the finding ("mọi giai đoạn đều vượt chỉ tiêu")."""
    phases = prog.phases
    met = int((phases["tier"] == "met").sum())
    words = terms(prog, lang)
    if met == len(phases) and met:
        verdict = t("overview.verdict.all_met", lang, **words)
    else:
        verdict = t("overview.verdict.some", lang, met=met, total=len(phases), **words)
    return t("overview.chart_title", lang, verdict=verdict)


def campaign_sentence(row: pd.Series | dict, lang: Lang, prog: Progress | None = None) -> str:
    """ "Trong Chiến dịch … (22/04/2022 – 31/05/2022): 642 sáng kiến, 44,0% số đăng ký đến 31/05/2022,
    gấp 4,6 lần nhịp trước chiến dịch." """
    return t(
        "narr.campaign",
        lang,
        **(terms(prog, lang) if prog is not None else {}),
        name=row["name"],
        start=fmt_date(row["start_on"], lang),
        end=fmt_date(row["end_on"], lang),
        n=fmt_int(row["registered"], lang),
        share=fmt_pct(row["share"], lang),
        date=fmt_date(row["window_end"], lang),
        lift=fmt_num(row["lift"], lang),
    )
