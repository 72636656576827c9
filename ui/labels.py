"""Words for what is on screen: data values in the page's language, and the line under every title that says
which day and which filters the figures are for."""

from __future__ import annotations

import datetime as dt

from analytics.i18n import Lang, fmt_date, has_key, t
from analytics.narrative import unit_named
from ui.context import Context


def translated(prefix: str, value: str, lang: Lang) -> str:
    """A data value (field, group) in the page language when the catalogue knows it, else as stored."""
    key = f"{prefix}.{value}"
    return t(key, lang) if has_key(key) else value


def unit_choice_label(unit: dict) -> str:
    """A unit in the picker: its short name (the one every screen uses), then its code when the short name
    differs from it, then its full name, so that typing any of the three finds it: "PV GAS – Tổng công ty
    Khí Việt Nam", "Ban QLDA LPSH (QLDA_LPSH) – Ban Quản lý dự án ..."."""
    short, name = _short_name(unit), unit.get("name") or ""
    head = unit_named({"unit": unit["code"], "short_name": short})
    return f"{head} – {name}" if name and name != short else head


def unit_names(ctx: Context) -> dict[str, str]:
    """Each unit's one name on screens: its short name (BSR, PV GAS), else its code."""
    return {u["code"]: _short_name(u) for u in ctx.options.get("units", [])}


def _short_name(unit: dict) -> str:
    """A unit's short name, else its code (a unit without one has NaN there when read through pandas)."""
    short = unit.get("short_name")
    return short if isinstance(short, str) and short else unit["code"]


def as_of_caption(ctx: Context, as_of: dt.date | None) -> str:
    """ "Số liệu tính đến ngày 31/08/2023" (plus what is filtered), under every page title."""
    parts = active_filter_labels(ctx)
    date = fmt_date(as_of, ctx.lang)
    if parts:
        return ctx.t("as_of.caption_filtered", date=date, filters=", ".join(parts))
    return ctx.t("as_of.caption", date=date)


def active_filter_labels(ctx: Context) -> list[str]:
    f, lang = ctx.filters, ctx.lang
    parts = []
    if f.phase:
        parts.append(ctx.t("filter.summary.phase", n=f.phase))
    if f.units_as != "today":
        words = ctx.t("filter.units_as") + " " + ctx.t(f"filter.units_as.{f.units_as}")
        parts.append(words.lower())
    if f.units or f.groups:  # every unit in view named, by the name every screen uses
        chosen = [unit_names(ctx).get(u, u) for u in f.units] + [
            translated("group", g, lang) for g in f.groups
        ]
        parts.append(ctx.t("view.units", names=", ".join(chosen)))
    if f.fields:
        parts.append(t("filter.summary.fields", lang, n=len(f.fields)))
    if f.statuses:
        parts.append(t("filter.summary.statuses", lang, n=len(f.statuses)))
    if f.date_from or f.date_to:
        parts.append(
            t("filter.summary.dates", lang, start=fmt_date(f.date_from, lang), end=fmt_date(f.date_to, lang))
        )
    return parts
