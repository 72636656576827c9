"""The same figures as the pages, computed the way most Streamlit apps do it: pandas on an in-memory
DataFrame of every record. The benchmark times these against the DuckDB queries and checks that both
give equal results, so the speed-up is measured on identical work.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from analytics import metrics
from analytics.filters import Filters
from analytics.textnorm import strip_accents

# ---------------------------------------------------------------------------------------------------------
# Loading and validating a CSV export with pandas (the baseline for the import benchmark).

_STATUS_WORDS = {
    "dadangky": "registered",
    "dacongnhan": "recognized",
    "daapdung": "applied",
    "khongcongnhan": "not_recognized",
}


def _fold(series: pd.Series) -> pd.Series:
    return series.fillna("").map(lambda v: re.sub(r"[^0-9a-z]+", "", strip_accents(v.lower())))


def pandas_ingest(path: str, unit_keys: dict[str, str]) -> pd.DataFrame:
    """read_csv plus the validations the importer makes: required fields, day-first dates (impossible
    dates rejected), money with thousands dots, known units, known statuses, duplicate codes."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = pd.DataFrame({"code": raw["Mã SK"].str.strip(), "title": raw["Tên sáng kiến"].str.strip()})
    frame["authors"] = raw["Tác giả"]
    frame["author_count"] = pd.to_numeric(raw["Số tác giả"], errors="coerce")
    frame["unit_code"] = _fold(raw["Đơn vị"]).map(unit_keys)
    frame["field"] = raw["Lĩnh vực"]
    frame["status"] = _fold(raw["Trạng thái"]).map(_STATUS_WORDS)
    for target, source in (
        ("registered_on", "Ngày đăng ký"),
        ("recognized_on", "Ngày công nhận"),
        ("applied_on", "Ngày áp dụng"),
    ):
        frame[target] = pd.to_datetime(raw[source], format="%d/%m/%Y", errors="coerce")
    for target, source in (("benefit_vnd", "Giá trị làm lợi (đồng)"), ("reward_vnd", "Tiền thưởng (đồng)")):
        text = raw[source].str.replace(".", "", regex=False).str.strip()
        frame[target] = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (
        (frame["code"] == "")
        | (frame["title"] == "")
        | frame["unit_code"].isna()
        | frame["registered_on"].isna()
    )
    bad |= frame["code"].duplicated(keep="first") | (frame["benefit_vnd"] < 0)
    return frame[~bad].reset_index(drop=True)


def load_records(store) -> pd.DataFrame:
    """Every record of the store as one pandas DataFrame (what a pandas dashboard keeps in memory)."""
    frame = store.df("SELECT * FROM initiatives")
    frame["registered_on"] = pd.to_datetime(frame["registered_on"])
    frame["recognized_on"] = pd.to_datetime(frame["recognized_on"])
    return frame


# ---------------------------------------------------------------------------------------------------------
# Page figures in pandas.


def filtered(records: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=records.index)
    if filters.phase is not None:
        keep &= records["phase"] == filters.phase
    if filters.units:
        keep &= records["unit_code"].isin(filters.units)
    if filters.as_of is not None:
        keep &= records["registered_on"] <= pd.Timestamp(filters.as_of)
    return records[keep]


def _authors(frame: pd.DataFrame) -> pd.DataFrame:
    names = frame[["unit_code", "phase", "authors"]].assign(name=frame["authors"].fillna("").str.split(";"))
    names = names.explode("name")
    names["name"] = names["name"].str.strip().str.lower()
    return names[names["name"] != ""]


def progress_figures(
    records: pd.DataFrame, targets: pd.DataFrame, phase_targets: dict[int, float], filters: Filters
) -> dict:
    """Registered, benefit, authors, target, % and tier per unit (all phases), and the program totals."""
    f = filtered(records, filters)
    per_unit = f.groupby("unit_code").agg(registered=("code", "size"), benefit=("benefit_vnd", "sum"))
    names = _authors(f)
    authors = names.drop_duplicates(["unit_code", "name"]).groupby("unit_code").size()
    unit_targets = targets.groupby("unit_code")["target"].sum()
    table = pd.DataFrame({"target": unit_targets}).join(per_unit, how="left").join(authors.rename("authors"))
    table = table.fillna({"registered": 0, "benefit": 0, "authors": 0})
    table["pct"] = np.floor(table["registered"] * 1000 / table["target"]) / 10
    table["tier"] = [
        metrics.tier_of(int(r), t) for r, t in zip(table["registered"], table["target"], strict=True)
    ]
    by_phase = f.groupby("phase").size()
    return {
        "registered": int(len(f)),
        "benefit_vnd": float(f["benefit_vnd"].sum()),
        "authors": int(names.drop_duplicates(["unit_code", "name"]).shape[0]),
        "target": float(sum(phase_targets.values())),
        "units_met": int((table["tier"] == "met").sum()),
        "phases": {int(p): int(n) for p, n in by_phase.items()},
        "units": {
            u: (int(r["registered"]), float(r["pct"]), r["tier"], int(r["authors"]))
            for u, r in table.iterrows()
        },
    }


def rank_figures(records: pd.DataFrame, targets: pd.DataFrame, filters: Filters) -> dict:
    """Each unit's rank by % of target in phase 1 and in phase 2 (as the ranking table shows)."""
    ranks = {}
    for phase in (1, 2):
        f = filtered(records, filters)
        counts = f[f["phase"] == phase].groupby("unit_code").size()
        table = targets[targets["phase"] == phase].set_index("unit_code")[["target"]]
        table["registered"] = counts.reindex(table.index).fillna(0)
        table["pct"] = np.floor(table["registered"] * 1000 / table["target"].where(table["target"] > 0)) / 10
        table = table.reset_index().sort_values(
            ["pct", "registered", "unit_code"], ascending=[False, False, True], na_position="last"
        )
        ranks[phase] = dict(zip(table["unit_code"], range(1, len(table) + 1), strict=True))
    return {u: ranks[1][u] - ranks[2][u] for u in ranks[1]}


def trend_figures(records: pd.DataFrame, filters: Filters) -> dict:
    """Daily cumulative total, units by month, fields by month, recognition times by month and overall,
    and the last 8 weeks' registrations per unit."""
    f = filtered(records, filters)
    daily = f.groupby("registered_on").size().sort_index()
    months = f["registered_on"].dt.to_period("M")
    unit_month = f.groupby([f["unit_code"], months]).size()
    field_month = f.groupby([f["field"].fillna(""), months]).size()
    recognized = f[f["recognized_on"].notna() & (f["recognized_on"] >= f["registered_on"])]
    days = (recognized["recognized_on"] - recognized["registered_on"]).dt.days
    by_month = days.groupby(recognized["registered_on"].dt.to_period("M")).agg(["median", "size"])
    as_of = pd.Timestamp(filters.as_of) if filters.as_of else f["registered_on"].max()
    recent = f[f["registered_on"] > as_of - pd.Timedelta(days=7 * metrics.RECENT_WEEKS)]
    return {
        "days": int(len(daily)),
        "cumulative": int(daily.cumsum().iloc[-1]) if len(daily) else 0,
        "unit_months": int(len(unit_month)),
        "field_months": int(len(field_month)),
        "recognition_median": float(days.median()) if len(days) else math.nan,
        "recognition_months": by_month["median"].astype(float).round(6).tolist(),
        "recent": {u: int(n) for u, n in recent.groupby("unit_code").size().items()},
    }


def benefit_figures(records: pd.DataFrame, filters: Filters) -> dict:
    """Benefit by unit, field and phase; distribution statistics; the 20 largest initiatives."""
    f = filtered(records, filters)
    valued = f.loc[f["benefit_vnd"] > 0, "benefit_vnd"]
    p90 = float(np.quantile(valued, 0.9, method="inverted_cdf")) if len(valued) else math.nan
    top = (
        f.dropna(subset=["benefit_vnd"])
        .sort_values(["benefit_vnd", "code"], ascending=[False, True])
        .head(20)
    )
    return {
        "by_unit": f.groupby("unit_code")["benefit_vnd"].sum().round().to_dict(),
        "by_field": f.groupby("field")["benefit_vnd"].sum().round().to_dict(),
        "by_phase": {int(k): v for k, v in f.groupby("phase")["benefit_vnd"].sum().round().items()},
        "n": int(len(valued)),
        "total": float(valued.sum()),
        "median": float(valued.median()),
        "top_share": float(valued[valued >= p90].sum() * 100 / valued.sum()) if len(valued) else math.nan,
        "top": top["code"].tolist(),
    }


def explorer_figures(records: pd.DataFrame, filters: Filters, search: str) -> dict:
    """The count of records matching an accent-free search, and the first page, newest first."""
    f = filtered(records, filters)
    key = metrics.search_key(search)
    text = (f["title"] + " " + f["code"] + " " + f["authors"].fillna("")).str.lower().map(strip_accents)
    hits = f[text.str.contains(key, regex=False)]
    page = hits.sort_values(["registered_on", "code"], ascending=[False, True]).head(100)
    return {"count": int(len(hits)), "page": page["code"].tolist()}


# ---------------------------------------------------------------------------------------------------------
# The same figures from the project's DuckDB metrics, in the same shape, for the equality check.


def duckdb_progress(store, filters: Filters) -> dict:
    prog = metrics.progress(store, filters)
    rows = prog.unit_rows("all").set_index("unit")
    return {
        "registered": int(prog.program["registered"]),
        "benefit_vnd": float(prog.program["benefit_vnd"]),
        "authors": int(prog.program["authors"]),
        "target": float(prog.program["target"]),
        "units_met": int(prog.program["units_met"]),
        "phases": {
            int(p): int(n) for p, n in zip(prog.phases["phase"], prog.phases["registered"], strict=True) if n
        },
        "units": {
            u: (int(r["registered"]), float(r["pct"]), r["tier"], int(r["authors"]))
            for u, r in rows.iterrows()
        },
    }


def duckdb_ranks(store, filters: Filters) -> dict:
    change = metrics.rank_change(store, filters, metrics.progress(store, filters, authors=False))
    return {u: int(c) for u, c in zip(change["unit"], change["rank_change"], strict=True)}


def duckdb_trends(store, filters: Filters) -> dict:
    daily = metrics.daily_registrations(store, filters)
    by_month, _, overall = metrics.recognition_time(store, filters)
    recent = metrics.recent_registrations(store, filters)
    units, fields = metrics.month_counts(store, filters)
    return {
        "days": int(len(daily)),
        "cumulative": int(daily["cumulative"].iloc[-1]) if len(daily) else 0,
        "unit_months": int(len(units)),
        "field_months": int(len(fields)),
        "recognition_median": float(overall["median_days"])
        if overall["median_days"] is not None
        else math.nan,
        "recognition_months": by_month["median_days"].astype(float).round(6).tolist(),
        "recent": {u: int(n) for u, n in recent.groupby("unit")["recent"].sum().items()},
    }


def duckdb_benefit(store, filters: Filters) -> dict:
    by = metrics.benefit_by(store, filters)
    _, stats = metrics.benefit_distribution(store, filters)
    top = metrics.top_initiatives(store, filters, limit=20)
    return {
        "by_unit": dict(zip(by["unit"]["key"], by["unit"]["benefit_vnd"].round(), strict=True)),
        "by_field": dict(zip(by["field"]["key"], by["field"]["benefit_vnd"].round(), strict=True)),
        "by_phase": {
            int(k): v for k, v in zip(by["phase"]["key"], by["phase"]["benefit_vnd"].round(), strict=True)
        },
        "n": int(stats["n"]),
        "total": float(stats["total"]),
        "median": float(stats["median"]),
        "top_share": float(stats["top10_share"]),
        "top": top["code"].tolist(),
    }


def duckdb_explorer(store, filters: Filters, search: str) -> dict:
    """What the Records page asks: the first page of the searched records and how many match."""
    frame, count = metrics.records_page(store, filters, search, limit=100)
    return {"count": count, "page": frame["code"].tolist()}


def differences(left: object, right: object, path: str = "") -> list[str]:
    """Where two results differ (numbers compared to 1e-9 relative), for the benchmark's equality check."""
    if isinstance(left, dict) and isinstance(right, dict):
        out = [f"{path}/{k}: only one side" for k in set(left) ^ set(right)]
        for key in set(left) & set(right):
            out += differences(left[key], right[key], f"{path}/{key}")
        return out
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        if len(left) != len(right):
            return [f"{path}: {len(left)} != {len(right)} items"]
        return [
            d
            for i, (a, b) in enumerate(zip(left, right, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    if isinstance(left, (int, float, np.number)) and isinstance(right, (int, float, np.number)):
        a, b = float(left), float(right)
        if (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6):
            return []
        return [f"{path}: {a} != {b}"]
    return [] if left == right else [f"{path}: {left!r} != {right!r}"]
