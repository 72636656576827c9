"""Every number on screen, defined once.

Each metric has one definition here (the SQL or pandas that computes it) and one label and definition text
in the catalogue (`metric.<key>`, `metric.<key>.help`), shown on hover wherever it appears. Queries run in
DuckDB on the filtered set and return small frames; pages, the CLI and reports all call these functions,
so two screens can never disagree.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd

from analytics import programs as pg
from analytics.author_index import AUTHOR_FIRSTS_SQL, FIRSTS_VERSION_SQL
from analytics.filters import Filters
from analytics.programs import Program
from analytics.store import Reader, Store, write_derived
from analytics.textnorm import strip_accents

T = TypeVar("T")

# ---------------------------------------------------------------------------------------------------------
# Metric registry: key -> its value kind (analytics.i18n's table: how the value is written). Labels and
# definitions live in the catalogue.

METRIC_KINDS: dict[str, str] = {
    "registered": "count",
    "target": "count",
    "pct": "percent",
    "gap": "count",
    "surplus": "count",
    "benefit_vnd": "money",
    "authors": "count",
    "units_met": "count",
    "per_100_members": "decimal",
    "authors_per_100": "decimal",
    "benefit_per_member": "money",
    "rank": "count",
    "rank_change": "count",
    "tier": "text",
    "weekly_needed": "decimal",
    "weekly_recent": "decimal",
    "projected": "count",
    "projected_pct": "percent",
    "recognition_days": "decimal",
    "min_remuneration": "money",
    "reward_vnd": "money",
    "applied_rate": "percent",
    "recognized_rate": "percent",
    "change": "count",
    "change_pct": "percent",
    "compare_period": "count",
    "compare_program": "percent",
}
TIERS: tuple[str, ...] = ("met", "over_half", "under_half", "none")
PACE_STATES: tuple[str, ...] = ("done", "on_track", "at_risk", "behind", "ended")
RECENT_WEEKS = 8  # the run rate used for projections: registrations in the last 8 weeks
AT_RISK_SHARE = 0.85  # projected below this share of target is "behind"; between it and 100% "at risk"
REMUNERATION_RATE = 0.07  # Nghị định 13/2012/NĐ-CP, Điều 10: at least 7% of each year's benefit
REMUNERATION_YEARS = 3

# ---------------------------------------------------------------------------------------------------------
# The filtered set. One SQL text for every query: values only as $parameters.
# Membership is written `x IN (SELECT unnest($list))`: DuckDB 2.0.0 returns wrong rows for
# `... OR list_contains(<empty list>, x)` on the units table (tests/test_metrics.py guards it). The
# `len($list) = 0 OR list_contains($list, x)` guards below are safe: the guard is true when the list is empty.

# The program: a record belongs to it by its program_code (set on import); a record written without one
# (by another tool) belongs to the program whose window holds its registration day. Under today's units,
# a merged or split unit's records count under its successor ($map_from -> $map_to); units that took no
# part in the scope ($hidden_units: not yet created, or merged away) are left out of the unit lists.
_SCOPE_UNITS = """
scope_units AS (
    SELECT u.* FROM units u
    WHERE ((len($units) = 0 AND len($groups) = 0)
       OR u.code IN (SELECT unnest($units)) OR u.group_name IN (SELECT unnest($groups)))
      AND u.code NOT IN (SELECT unnest($hidden_units))
)"""
_SCOPE = (
    _SCOPE_UNITS  # noqa: S608  (constant SQL)
    + """,
fp AS (
    SELECT i.* REPLACE (CASE WHEN len($map_from) = 0 THEN i.unit_code
                             ELSE coalesce(list_extract($map_to, list_position($map_from, i.unit_code)), i.unit_code)
                        END AS unit_code)
    FROM initiatives i
    WHERE i.program_code = $program
       OR (i.program_code IS NULL AND i.registered_on BETWEEN $program_start AND $program_end)
),
f AS (
    SELECT i.* FROM fp i
    WHERE ($phase IS NULL OR i.phase = $phase)
      AND ((len($units) = 0 AND len($groups) = 0) OR i.unit_code IN (SELECT code FROM scope_units))
      AND (len($fields) = 0 OR list_contains($fields, i.field))
      AND (len($statuses) = 0 OR list_contains($statuses, i.status))
      AND ($date_from IS NULL OR i.registered_on >= $date_from)
      AND ($date_to IS NULL OR i.registered_on <= $date_to)
      AND ($as_of IS NULL OR i.registered_on <= $as_of)
)"""
)

# One row per author of a record. An author is a name within a unit: the same name in two units is
# two people (Vietnamese names repeat), the same name twice in one unit is one person.
_AUTHORS = """
fa AS (
    SELECT unit_code, phase, unit_code || '|' || lower(trim(name)) AS author
    FROM (SELECT unit_code, phase, unnest(string_split(authors, ';')) AS name FROM f)
    WHERE trim(name) <> ''
)"""

_PARAM = re.compile(r"\$([a-z_]+)")


def as_dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """DuckDB DATE columns arrive as timestamps in pandas; turn them back into `datetime.date`."""
    for column in columns:
        frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    return frame


_PROGRAM_PARAMS = {"program", "program_start", "program_end", "map_from", "map_to", "hidden_units"}


def _run(store: Store, sql: str, filters: Filters, **extra: object) -> pd.DataFrame:
    """Run `sql` with the filter parameters it mentions (DuckDB refuses unused ones)."""
    names = set(_PARAM.findall(sql))
    available = {**filters.sql_params(), **extra}
    if names & _PROGRAM_PARAMS:
        available.update(program_params(store, filters))
    return store.df(sql, {name: available[name] for name in names})


# ---------------------------------------------------------------------------------------------------------
# Programs: which one a view answers for, and how its units are shown (analytics.programs).


def kept_by_version(cache: dict[str, tuple[int, T]], store: Reader, build: Callable[[int], T]) -> T:
    """`build(version)` for `store`'s data version, built once per version and store path and kept in
    `cache`: what only a commit changes (a commit moves the version) is not read again on every rerun."""
    key, version = str(store.path), store.data_version()
    kept = cache.get(key)
    if kept is None or kept[0] != version:
        kept = (version, build(version))
        cache[key] = kept
    return kept[1]


_reference_cache: dict[str, tuple[int, tuple]] = {}
_LAST_DAY_SQL = "SELECT max(registered_on) FROM initiatives"


def _reference(
    store: Reader,
) -> tuple[list[Program], tuple[pg.UnitChange, ...], tuple[pg.UnionName, ...], object]:
    """The store's programs, unit changes, union names and newest registration day, read once per data
    version (they change only with a commit)."""
    return kept_by_version(
        _reference_cache,
        store,
        lambda _version: (
            pg.load_programs(store),
            pg.load_unit_changes(store),
            pg.load_union_names(store),
            store.one(_LAST_DAY_SQL),
        ),
    )


def programs(store: Reader) -> list[Program]:
    """Every program of the store, in the order they started."""
    return _reference(store)[0]


def unit_changes(store: Reader) -> tuple[pg.UnitChange, ...]:
    return _reference(store)[1]


def program_of(store: Reader, filters: Filters) -> Program:
    """The program the filters answer for: the named one, else the default (analytics.programs)."""
    found, _, _, last_day = _reference(store)
    chosen = pg.by_code(found, filters.program) if filters.program else None
    if chosen is None:
        chosen = pg.default_program(found, filters.as_of, last_day, phase=filters.phase)
    if chosen is None:  # a store without any program (not one this app made): one empty window
        return Program("", "", dt.date(1900, 1, 1), dt.date(1900, 1, 1))
    return chosen


def resolve(store: Reader, filters: Filters) -> Filters:
    """The same filters with the program named (the default one when none was)."""
    return filters if filters.program else filters.with_(program=program_of(store, filters).code)


def union_name(store: Reader, day: dt.date | None) -> pg.UnionName | None:
    """The union's own name on `day` (Công đoàn Dầu khí Việt Nam, later Công đoàn Petrovietnam)."""
    return pg.union_name_on(_reference(store)[2], day)


def scope_window(program: Program, filters: Filters, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days a view covers: its period (or the program), cut at the as-of day."""
    period = program.period(filters.phase)
    start, end = (period.start_on, period.end_on) if period else (program.start_on, program.end_on)
    if as_of is not None and start <= as_of < end:
        end = as_of
    return start, end


def program_params(store: Reader, filters: Filters) -> dict[str, object]:
    """The program's SQL parameters: its code and window, and the unit view of the scope."""
    program = program_of(store, filters)
    start, end = scope_window(program, filters, filters.as_of)
    view = pg.unit_view(unit_changes(store), start, end, filters.units_as)
    return {
        "program": program.code,
        "program_start": program.start_on,
        "program_end": program.end_on,
        "map_from": list(view.mapping),
        "map_to": list(view.mapping.values()),
        "hidden_units": sorted(view.hidden),
    }


def with_scope(body: str, authors: bool = False, searched: bool = False, search_once: bool = False) -> str:
    """A query over the filtered records `f`, the units in scope, and on request `fa` (their authors)
    or `fs` (those matching $search; `search_once` materialises it for a body that reads it twice). Only
    constant SQL is joined here; values stay parameters."""
    found = ("," + (_SEARCHED_ONCE if search_once else _SEARCHED)) if searched else ""
    ctes = _SCOPE + ("," + _AUTHORS if authors else "") + found
    return f"WITH {ctes}\n{body}"


# The same filtered set over the store's counts by day (derived by data version, `store_day_counts`): the records
# counted per program, unit, period and registration day (`day_counts`), and the same per field too
# (`field_day_counts`, for the figures by field). Neither has the status, so they answer only views without a
# status filter, and `day_counts` only those without a field filter either (`_counted`).
_FIELD_FILTER = "\n      AND (len($fields) = 0 OR list_contains($fields, i.field))"
_STATUS_FILTER = "\n      AND (len($statuses) = 0 OR list_contains($statuses, i.status))"


def _counts_scope(table: str, dropped: tuple[str, ...]) -> str:
    scope = _SCOPE.replace("FROM initiatives i", f"FROM {table} i", 1)
    for condition in dropped:
        if scope.count(condition) != 1:
            raise AssertionError(f"the filtered set changed: {condition.strip()}")
        scope = scope.replace(condition, "")
    return scope


_DAY_COUNTS_SCOPE = _counts_scope("day_counts", (_FIELD_FILTER, _STATUS_FILTER))
_FIELD_DAY_COUNTS_SCOPE = _counts_scope("field_day_counts", (_STATUS_FILTER,))


@dataclass(frozen=True)
class Counted:
    """One query written twice: over the records, and over a table of counts by day whose rows hold what
    the records' query counts and sums (`registered`, `benefit_vnd`, ...). Both give the same frame."""

    records: str
    counts: str
    by_field: bool  # over `field_day_counts` (which answers a field filter), else over `day_counts`


def counted(records_body: str, counts_body: str, by_field: bool = False) -> Counted:
    """`records_body` over the filtered records `f`, `counts_body` over the filtered counts `f`."""
    scope = _FIELD_DAY_COUNTS_SCOPE if by_field else _DAY_COUNTS_SCOPE
    return Counted(with_scope(records_body), f"WITH {scope}\n{counts_body}", by_field)


# A record's benefit mark (`benefit_marks bm`, joined by code): confirmed by the council, or self-declared
# (marked so, or not marked); the same in the counts by day and in quality.benefit_sums over the records.
COUNCIL_MARK = "bm.basis = 'council'"
SELF_MARK = "(bm.basis IS NULL OR bm.basis = 'self')"
_DAY_COUNTS_VERSION_SQL = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'day_counts_version'"
_BUILD_DAY_COUNTS_SQL = (
    f"""INSERT INTO field_day_counts
SELECT program_code, unit_code, phase, field, registered_on, count(*), sum(benefit_vnd), count(benefit_vnd),
       count(*) FILTER (WHERE status = 'applied'), count(*) FILTER (WHERE status IN ('recognized', 'applied')),
       sum(benefit_vnd) FILTER (WHERE status = 'applied'),
       sum(benefit_vnd) FILTER (WHERE {COUNCIL_MARK}), sum(benefit_vnd) FILTER (WHERE {SELF_MARK}),
       count(*) FILTER (WHERE {COUNCIL_MARK} AND benefit_vnd > 0), count(*) FILTER (WHERE {SELF_MARK} AND benefit_vnd > 0)
FROM initiatives i LEFT JOIN benefit_marks bm ON bm.code = i.code
GROUP BY program_code, unit_code, phase, field, registered_on""",  # noqa: S608  (constant SQL)
    """INSERT INTO day_counts
SELECT program_code, unit_code, phase, registered_on, CAST(sum(registered) AS BIGINT), sum(benefit_vnd),
       CAST(sum(applied) AS BIGINT), CAST(sum(recognized) AS BIGINT), sum(council_vnd), sum(self_vnd),
       CAST(sum(council_records) AS BIGINT), CAST(sum(self_records) AS BIGINT)
FROM field_day_counts GROUP BY program_code, unit_code, phase, registered_on""",
)


def day_counts_current(store: Reader) -> bool:
    """Whether the store's counts by day were built from the data version `store` sees."""
    return store.one(_DAY_COUNTS_VERSION_SQL) == store.data_version()


def store_day_counts(store: Reader) -> bool:
    """Build the counts by day for the store's current data version (in the store, one transaction:
    `write_derived`), unless they are current already or the store cannot be written (a read-only store, a
    replica: its pages then count the records). True when they are current after."""
    return write_derived(store, _build_day_counts, what="counts by day") is not None


def _build_day_counts(cur: duckdb.DuckDBPyConnection, now: int) -> None:
    """The counts by day of data version `now`, built in the store's write transaction (none when current)."""
    if cur.execute(_DAY_COUNTS_VERSION_SQL).fetchone()[0] == now:
        return
    cur.execute("DELETE FROM day_counts")
    cur.execute("DELETE FROM field_day_counts")
    for statement in _BUILD_DAY_COUNTS_SQL:
        cur.execute(statement)
    cur.execute("UPDATE meta SET value = ? WHERE key = 'day_counts_version'", [str(now)])


def _counted(store: Reader, query: Counted, filters: Filters, **extra: object) -> pd.DataFrame:
    """The counts' answer when they can give it (no status filter, no field filter unless they have the
    field, built from the version `store` sees), else the records' (and the counts are built for the next
    time, when the store can be written)."""
    if filters.statuses or (filters.fields and not query.by_field):
        return _run(store, query.records, filters, **extra)
    if day_counts_current(store):
        return _run(store, query.counts, filters, **extra)
    frame = _run(store, query.records, filters, **extra)
    store_day_counts(store)
    return frame


def run_counted(store: Reader, query: Counted, filters: Filters, **extra: object) -> pd.DataFrame:
    """A `Counted` query's frame for modules beside this one: the counts' answer when they can give it,
    else the records' (as every figure here that the counts by day answer)."""
    return _counted(store, query, filters, **extra)


# ---------------------------------------------------------------------------------------------------------
# Progress against targets: the heart of Overview, Units and the summary command.


def pct_of_target(registered: pd.Series | float, target: pd.Series | float) -> pd.Series | float:
    """metric.pct: registered / target x 100, rounded down to 0.1 (so 100% always means met).

    No target (missing or 0) gives no percentage.
    """
    if isinstance(registered, pd.Series) or isinstance(target, pd.Series):
        reg = pd.Series(registered, dtype="float64")
        tgt = pd.Series(target, dtype="float64")
        ratio = np.floor(reg * 1000 / tgt.where(tgt > 0)) / 10
        return ratio.astype("float64")
    if target is None or (isinstance(target, float) and math.isnan(target)) or target <= 0:
        return float("nan")
    return math.floor(registered * 1000 / target) / 10


def tier_of(registered: int, target: float | None) -> str:
    """metric.tier: met (>= 100%), over_half (>= 50%), under_half (> 0), none (nothing registered).

    A unit without a target (0 or missing) that registered something counts as met.
    """
    if not registered:
        return "none"
    if target is None or (isinstance(target, float) and math.isnan(target)) or target <= 0:
        return "met"
    if registered >= target:
        return "met"
    if registered * 2 >= target:
        return "over_half"
    return "under_half"


def gap_to_target(registered: float, target: float | None) -> float:
    """metric.gap: what is still missing to reach the target (0 once met; none without a target)."""
    if target is None or (isinstance(target, float) and math.isnan(target)):
        return float("nan")
    return max(target - registered, 0)


# metric.standing: where a period stands on the as-of day, read against the time elapsed.
STANDINGS = ("not_started", "ahead", "behind", "met", "missed", "no_target")


def expected_by(target: float | None, start_on: dt.date, end_on: dt.date, as_of: dt.date | None) -> float:
    """metric.expected: where a straight line from 0 on the first day to the target on the last day stands
    on `as_of` (counting the as-of day): the share of the target a period should hold by then."""
    if target is None or (isinstance(target, float) and math.isnan(target)):
        return float("nan")
    if as_of is None or as_of >= end_on:
        return float(target)
    if as_of < start_on:
        return 0.0
    return float(target) * ((as_of - start_on).days + 1) / ((end_on - start_on).days + 1)


def standing_of(
    registered: float, target: float | None, start_on: dt.date, end_on: dt.date, as_of: dt.date | None,
    expected: float | None = None,
) -> str:  # fmt: skip
    """metric.standing: "not_started" before the first day; "met" once the target is reached; while the
    period runs, "ahead" when the registrations reach where the straight line to the target stands that
    day (metric.expected), else "behind"; "missed" when it ended short of its target; "no_target" without
    one. A running period is never called failing for not having reached its whole target yet."""
    if as_of is not None and as_of < start_on:
        return "not_started"
    if target is None or (isinstance(target, float) and math.isnan(target)) or target <= 0:
        return "no_target"
    if registered >= target:
        return "met"
    if as_of is None or as_of >= end_on:
        return "missed"
    line = expected_by(target, start_on, end_on, as_of) if expected is None else expected
    return "ahead" if registered >= line else "behind"


def add_standing(
    phases: pd.DataFrame, program: dict, as_of: dt.date | None, start_on: dt.date, end_on: dt.date
) -> tuple[pd.DataFrame, dict]:
    """The periods and the program with `expected` (metric.expected) and `standing` (metric.standing) on
    `as_of`. The program's line follows its periods' lines (one period's target reached by its end, the
    next one's added on top), scaled to the program's own target when it has one of its own."""
    phases = phases.copy()
    phases["expected"] = [
        expected_by(tg, s, e, as_of)
        for tg, s, e in zip(phases["target"], phases["start_on"], phases["end_on"], strict=True)
    ]
    phases["standing"] = [
        standing_of(r, tg, s, e, as_of, x)
        for r, tg, s, e, x in zip(
            phases["registered"], phases["target"], phases["start_on"], phases["end_on"], phases["expected"],
            strict=True,
        )
    ]  # fmt: skip
    program = dict(program)
    target = program.get("target")
    summed = float(phases["target"].fillna(0).sum()) if len(phases) else 0.0
    if summed > 0 and target is not None and target == target:
        line = target_path_on(phases, as_of) * float(target) / summed if as_of else float(target)
    else:
        line = expected_by(target, start_on, end_on, as_of)
    program["expected"] = line
    program["standing"] = standing_of(program["registered"], target, start_on, end_on, as_of, line)
    return phases, program


def _add_progress(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds pct, gap, surplus and tier to rows that have `registered` and `target` (pct_of_target's
    arithmetic on the columns' arrays, the rest from plain lists: a Series per step cost more than the rows)."""
    registered, target = frame["registered"].tolist(), frame["target"].tolist()
    reg = frame["registered"].to_numpy(dtype="float64")
    tgt = frame["target"].to_numpy(dtype="float64")
    return frame.assign(
        pct=np.floor(reg * 1000 / np.where(tgt > 0, tgt, np.nan)) / 10,
        gap=[gap_to_target(r, t) for r, t in zip(registered, target, strict=True)],
        surplus=(frame["registered"] - frame["target"]).clip(lower=0),
        tier=[tier_of(r, t) for r, t in zip(registered, target, strict=True)],
    )


_PROGRESS_SQL = counted(
    """SELECT unit_code, phase, GROUPING(unit_code) AS gu, GROUPING(phase) AS gp,
              count(*) AS registered, sum(benefit_vnd) AS benefit_vnd,
              count(*) FILTER (WHERE status = 'applied') AS applied,
              count(*) FILTER (WHERE status IN ('recognized', 'applied')) AS recognized
       FROM f GROUP BY GROUPING SETS ((unit_code, phase), (unit_code), (phase), ())""",
    """SELECT unit_code, phase, GROUPING(unit_code) AS gu, GROUPING(phase) AS gp,
              -- the total of no rows (the empty set `()`) counts 0, as count(*) does
              CAST(coalesce(sum(registered), 0) AS BIGINT) AS registered, sum(benefit_vnd) AS benefit_vnd,
              CAST(coalesce(sum(applied), 0) AS BIGINT) AS applied,
              CAST(coalesce(sum(recognized), 0) AS BIGINT) AS recognized
       FROM f GROUP BY GROUPING SETS ((unit_code, phase), (unit_code), (phase), ())""",
)

# ---------------------------------------------------------------------------------------------------------
# Authors (metric.authors). An author is a name within a unit, so authors partition by unit: the program's
# and each phase's count are sums of the units' counts. For the usual view (phase, units, as-of day) the
# counts come from each author's first registration per phase, built once per data version; other filters
# (field, status, date range) count exactly over the filtered records.

_AUTHOR_FIRSTS_SQL = AUTHOR_FIRSTS_SQL  # analytics.author_index: the one definition
_AUTHORS_EXACT_SQL = with_scope(
    """, ua AS (SELECT unit_code, author, list_distinct(list(phase)) AS phases FROM fa GROUP BY unit_code, author)
    SELECT unit_code AS unit, NULL AS phase, 1 AS all_phases, count(*) AS authors FROM ua GROUP BY unit_code
    UNION ALL
    SELECT unit_code, p, 0, count(*) FROM (SELECT unit_code, unnest(phases) AS p FROM ua)
    WHERE p IS NOT NULL GROUP BY unit_code, p""",
    authors=True,
)
_author_steps_cache: dict[str, tuple[int, tuple]] = {}
_EPOCH = dt.date(1970, 1, 1)
_STORED_FIRSTS_SQL = "SELECT program_code AS program, unit, phase, all_phases, first_on FROM author_firsts"
_FIRSTS_VERSION_SQL = FIRSTS_VERSION_SQL


def _author_firsts(store: Reader, version: int) -> pd.DataFrame:
    """Each (unit, author)'s first registration day, per phase and over all phases, for data `version`:
    from the store's `author_firsts` table when it was built from that version, else built now (and kept
    in the store when it can be written)."""
    if store.one(_FIRSTS_VERSION_SQL) == version:
        frame = store.df(_STORED_FIRSTS_SQL)
    else:
        frame = store.df(_AUTHOR_FIRSTS_SQL)
        _keep_author_firsts(store, frame, version)
    frame["first_on"] = pd.to_datetime(frame["first_on"])
    return frame


def _author_steps(store: Reader) -> pd.DataFrame:
    """The author index as running totals, kept in this process's memory for the store's data version: for
    each (program, unit, phase, all_phases) and each day someone's first registration fell on, how many authors had
    appeared by then. Some 30,000 rows instead of one per author (400,000 at a million records), so counting
    as of any day is a quick look-up."""
    return _author_steps_kept(store)[0]


_AuthorRuns = dict[str, dict[tuple, tuple[list[int], list[int]]]]


def _author_steps_kept(store: Reader) -> tuple[pd.DataFrame, _AuthorRuns]:
    """The running totals (`_author_steps`) and the same as plain lists, per program and (unit, phase,
    all_phases): the days (as day numbers) and the totals reached on them, for a look-up by bisection."""

    def build(version: int) -> tuple[pd.DataFrame, _AuthorRuns]:
        groups = ["program", "unit", "phase", "all_phases"]
        daily = _author_firsts(store, version).groupby([*groups, "first_on"], dropna=False).size()
        steps = daily.groupby(level=groups, dropna=False).cumsum().rename("authors").reset_index()
        runs: _AuthorRuns = {}
        days = steps["first_on"].to_numpy().astype("datetime64[D]").astype("int64").tolist()
        columns = (steps[c].tolist() for c in ("program", "unit", "phase", "all_phases", "authors"))
        for (program, unit, phase, whole, total), day in zip(zip(*columns, strict=True), days, strict=True):
            if not isinstance(program, str):
                continue  # a record outside every program's window: counted in none
            run = runs.setdefault(program, {}).setdefault((unit, phase, whole), ([], []))
            run[0].append(day)
            run[1].append(total)
        return steps, runs

    return kept_by_version(_author_steps_cache, store, build)


def _keep_author_firsts(reader: Reader, frame: pd.DataFrame, version: int) -> None:
    """Store the index built from `version`, so that the next process (after a restart) need not rebuild it.

    Skipped on a read-only store; a failure to keep it costs only time, never a figure."""
    store = getattr(reader, "store", reader)  # a snapshot writes through its store
    if store.read_only or not hasattr(store, "derived_write"):
        return
    try:
        with store.derived_write() as cur:
            cur.register("new_author_firsts", frame)
            cur.execute("DELETE FROM author_firsts")
            cur.execute(
                "INSERT INTO author_firsts (unit, phase, all_phases, first_on, program_code) "
                "SELECT unit, phase, all_phases, first_on, program FROM new_author_firsts"
            )
            cur.execute("UPDATE meta SET value = ? WHERE key = 'author_firsts_version'", [str(version)])
            cur.unregister("new_author_firsts")
    except duckdb.Error:
        return


def refresh_author_index(store: Reader) -> None:
    """Build (and keep) the author index for the current data version now, e.g. right after an import,
    so that the next person to open a page does not wait for it; and the author parts and the day counts
    with it."""
    _author_steps(store)
    store_author_parts(store)
    store_day_counts(store)


def author_counts(store: Store, filters: Filters, units: list[str]) -> pd.DataFrame:
    """metric.authors per unit: one row per unit and phase (`phase` set) and per unit over all phases
    (`all_phases` = 1), for the units in scope."""
    exact = filters.fields or filters.statuses or filters.date_from or filters.date_to
    if exact or program_params(store, filters)["map_from"]:  # merged units: their authors are unioned
        return _run(store, _AUTHORS_EXACT_SQL, filters)
    steps, all_runs = _author_steps_kept(store)
    runs = all_runs.get(program_of(store, filters).code, {})
    wanted = set(units)
    last_day = None if filters.as_of is None else (filters.as_of - _EPOCH).days
    found = []
    for (unit, phase, whole), (days, totals) in runs.items():  # in pandas' group order, as built
        if unit not in wanted:
            continue
        if filters.phase is not None and (whole != 0 or pd.isna(phase) or phase != filters.phase):
            continue  # within one phase, "all phases" means that phase: its rows serve for both
        reached = len(days) if last_day is None else bisect.bisect_right(days, last_day)
        if reached:
            found.append((unit, phase, whole, totals[reached - 1]))
    counts = pd.DataFrame(found, columns=["unit", "phase", "all_phases", "authors"]).astype(
        steps.dtypes[["unit", "phase", "all_phases", "authors"]].to_dict()
    )
    if filters.phase is not None:
        counts = counts.drop(columns="all_phases").assign(all_phases=0).astype({"phase": "float64"})
        return pd.concat([counts, counts.assign(phase=None, all_phases=1)], ignore_index=True)
    return counts


# The units, targets and periods of a view read only the units in scope (`_SCOPE_UNITS`), never the records:
# their answers change only with a commit and are kept by data version (`_reference_frame`).
_UNITS_SQL = f"""WITH {_SCOPE_UNITS}
SELECT code AS unit, name, short_name, group_name, parent_code, members FROM scope_units ORDER BY code"""  # noqa: S608  (constant SQL)
# Under today's units a merged unit's targets are added to its successor's.
_TARGETS_SQL = (
    f"WITH {_SCOPE_UNITS}\n"  # noqa: S608  (constant SQL)
    + """SELECT unit, phase, sum(target) AS target FROM (
           SELECT CASE WHEN len($map_from) = 0 THEN t.unit_code
                       ELSE coalesce(list_extract($map_to, list_position($map_from, t.unit_code)), t.unit_code)
                  END AS unit, t.phase, t.target
           FROM targets t WHERE t.program_code = $program AND ($phase IS NULL OR t.phase = $phase))
       WHERE unit IN (SELECT code FROM scope_units) GROUP BY unit, phase"""
)
_PHASES_SQL = """SELECT period AS phase, name, start_on, end_on, target, theme FROM periods
                 WHERE program_code = $program AND ($phase IS NULL OR period = $phase)
                 ORDER BY start_on, period"""
_REFERENCE_FRAME_LIMIT = 256  # answers kept per store: a view's units, targets and periods are a few kB
_reference_frames: dict[str, tuple[int, dict[tuple, pd.DataFrame]]] = {}


def _reference_frame(store: Reader, sql: str, filters: Filters, *dates: str) -> pd.DataFrame:
    """`sql`'s answer (`dates` turned into dates) for the parameters it mentions, read once per data version
    and store: the units, targets and periods of a view are the same whatever day it stands at, and each of
    the three queries cost a page about as much as its counts (three views of progress on the Units page).
    A copy each time (callers may add columns)."""
    names = sorted(set(_PARAM.findall(sql)))
    available = {**filters.sql_params(), **program_params(store, filters)}
    params = {name: available[name] for name in names}
    answers = kept_by_version(_reference_frames, store, lambda _version: {})
    entry = (sql, dates, tuple((n, tuple(v) if isinstance(v, list) else v) for n, v in params.items()))
    frame = answers.get(entry)
    if frame is None:
        frame = as_dates(store.df(sql, params), *dates)
        if len(answers) >= _REFERENCE_FRAME_LIMIT:
            answers.clear()
        answers[entry] = frame
    return frame.copy()


_PROGRAM_LAST_DAY_SQL = counted("SELECT max(registered_on) FROM fp", "SELECT max(registered_on) FROM fp")


@dataclass(frozen=True)
class Progress:
    """Registered against target for the program, each phase and each unit, under one set of filters.

    `program` holds the totals; `phases` one row per phase (period) of the program; `units` one row per
    unit and scope, where scope is "all" (every phase in the filter) or a phase number. `definition` is the
    program itself (its name, noun, period word, window), `filters` the filters with the program named.
    """

    program: dict
    phases: pd.DataFrame
    units: pd.DataFrame
    as_of: dt.date | None
    units_filtered: bool
    definition: Program = Program("", "", dt.date(1900, 1, 1), dt.date(1900, 1, 1))
    filters: Filters = Filters()
    union: pg.UnionName | None = None  # the union's name in the period shown

    def unit_rows(self, scope: str | int = "all") -> pd.DataFrame:
        """The units for one scope, ranked by % of target then registered (rank 1 is best)."""
        rows = self.units[self.units["scope"] == str(scope)].copy()
        rows = rows.sort_values(
            ["pct", "registered", "unit"], ascending=[False, False, True], na_position="last"
        )
        rows["rank"] = range(1, len(rows) + 1)
        return rows.reset_index(drop=True)

    def tier_lists(self, scope: str | int = "all") -> dict[str, list[str]]:
        """Unit codes per tier, best first: the lists the union publishes."""
        rows = self.unit_rows(scope)
        return {tier: rows.loc[rows["tier"] == tier, "unit"].tolist() for tier in TIERS}

    def period_label(self, phase: int, lang: str) -> str:
        """ "Giai đoạn 2", "Năm 2025" (the program's own word for its periods)."""
        return self.definition.period_label(phase, lang)  # type: ignore[arg-type]

    def noun(self, lang: str) -> str:
        """What the program counts: "sáng kiến", "sản phẩm sáng tạo"."""
        return self.definition.noun(lang)  # type: ignore[arg-type]


def unit_label(row: pd.Series | dict) -> str:
    """How reports name a unit: its short name (BSR, PV GAS, Ban QLDA NMNĐ Thái Bình 2), else its code.
    Here, with the rows it names, so that the command line names units without loading the narrative."""
    short = row.get("short_name")
    return short if isinstance(short, str) and short else str(row["unit"])


def effective_as_of(store: Store, filters: Filters) -> dt.date | None:
    """The date the figures stand at: the as-of filter, else the program's newest registration."""
    if filters.as_of is not None:
        return filters.as_of
    if not programs(store):
        return store.one(_LAST_DAY_SQL)
    return _as_date(_counted(store, _PROGRAM_LAST_DAY_SQL, filters).iloc[0, 0])


def _as_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamps too
        return value.date()
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


def progress(store: Store, filters: Filters, authors: bool = True) -> Progress:
    """Registered, target, %, gap, tier, benefit (and authors) for program, phases and units.

    `authors=False` skips the author counts (0 everywhere) for callers that only rank or pace.
    """
    filters = resolve(store, filters)
    definition = program_of(store, filters)
    agg = _counted(store, _PROGRESS_SQL, filters)
    units = _reference_frame(store, _UNITS_SQL, filters)
    targets = _reference_frame(store, _TARGETS_SQL, filters)
    phases = _reference_frame(store, _PHASES_SQL, filters, "start_on", "end_on")
    units_filtered = bool(filters.units or filters.groups)
    as_of = _as_date(effective_as_of(store, filters))
    people = (
        author_counts(store, filters, units["unit"].tolist())
        if authors
        else pd.DataFrame(columns=["unit", "phase", "all_phases", "authors"])
    )
    changes = unit_changes(store)

    start, end = scope_window(definition, filters, as_of)
    views: dict[str, pg.UnitView] = {}
    if changes:
        views["all"] = pg.unit_view(changes, start, end, filters.units_as)
        for _, phase in phases.iterrows():
            phase_end = (
                min(phase["end_on"], as_of) if as_of and as_of >= phase["start_on"] else phase["end_on"]
            )
            views[str(phase["phase"])] = pg.unit_view(changes, phase["start_on"], phase_end, filters.units_as)
    scope_names = ["all", *(str(number) for number in phases["phase"])]
    unit_frame = _scoped_units(units, scope_names, agg, targets, people, views)
    for column in ("registered", "applied", "recognized", "authors"):
        unit_frame[column] = unit_frame[column].fillna(0).astype("int64")
    unit_frame["benefit_vnd"] = unit_frame["benefit_vnd"].fillna(0).astype("float64")
    unit_frame = _add_progress(unit_frame)
    unit_frame = _add_rates(unit_frame)
    unit_frame = unit_frame.drop(columns=["phase", "gu", "gp"])

    phase_rows = []
    for _, phase in phases.iterrows():
        figures = agg[(agg.gu == 1) & (agg.gp == 0) & (agg.phase == phase["phase"])]
        in_phase = unit_frame[unit_frame["scope"] == str(phase["phase"])]
        phase_rows.append(
            {
                "phase": int(phase["phase"]),
                "name": phase["name"],
                "start_on": phase["start_on"],
                "end_on": phase["end_on"],
                "target": _scope_target(phase["target"], in_phase, units_filtered),
                **_figures(figures, int(in_phase["authors"].sum())),
                "units_met": int((in_phase["tier"] == "met").sum()),
                "units_total": len(in_phase),
                "theme": phase["theme"] if isinstance(phase["theme"], str) else None,
            }
        )
    phase_frame = _add_progress(pd.DataFrame(phase_rows, columns=_PHASE_COLUMNS))

    everything = agg[(agg.gu == 1) & (agg.gp == 1)]
    in_all = unit_frame[unit_frame["scope"] == "all"]
    program_target = _program_target(definition, filters, phase_frame, in_all, units_filtered)
    program = {
        "target": program_target,
        **_figures(everything, int(in_all["authors"].sum())),
        "units_met": int((in_all["tier"] == "met").sum()),
        "units_total": len(in_all),
        "units_registered": int((in_all["registered"] > 0).sum()),
        "members": float(in_all["members"].sum()),
    }
    program = _add_progress(pd.DataFrame([program])).iloc[0].to_dict()
    program.update(_rates(program))
    period = definition.period(filters.phase)
    window = (period.start_on, period.end_on) if period else (definition.start_on, definition.end_on)
    phase_frame, program = add_standing(phase_frame, program, as_of, *window)
    return Progress(
        program=program,
        phases=phase_frame,
        units=unit_frame,
        as_of=as_of,
        units_filtered=units_filtered,
        definition=definition,
        filters=filters,
        union=union_name(store, end if as_of is None else min(end, as_of)),
    )


def _scope_of(all_phases: object, phase: object) -> str | None:
    """The scope a row of per-unit figures belongs to: "all" (over every period), its period's number as
    text, or none (a record of no period)."""
    if all_phases == 1:
        return "all"
    return None if pd.isna(phase) else str(int(phase))  # None, NaN or NA: no period


def _keyed_by_scope(frame: pd.DataFrame, all_phases: str, columns: list[str]) -> dict[tuple, tuple]:
    """`frame`'s `columns` per (unit, scope), for the few hundred rows of a view's per-unit figures."""
    units = frame["unit_code" if "unit_code" in frame else "unit"].tolist()
    wholes, phases = frame[all_phases].tolist(), frame["phase"].tolist()
    values = list(zip(*(frame[c].tolist() for c in columns), strict=True)) if columns else [()] * len(units)
    return {
        (unit, scope): row
        for unit, whole, phase, row in zip(units, wholes, phases, values, strict=True)
        if (scope := _scope_of(whole, phase)) is not None
    }


def _scoped_units(
    units: pd.DataFrame,
    scope_names: list[str],
    agg: pd.DataFrame,
    targets: pd.DataFrame,
    people: pd.DataFrame,
    views: dict[str, pg.UnitView],
) -> pd.DataFrame:
    """Every unit once per scope (the whole program, then each period, in `scope_names`' order), with its
    counts, target and authors in that scope. `views`: each scope's unit view, when units merged or were
    renamed (those that took no part left out, names as then). Put together from plain look-ups: a few
    hundred rows, for which pandas' merges (one set per scope) cost a page a tenth of its time."""
    per_unit = agg[agg.gu == 0]
    figure_columns = [c for c in agg.columns if c != "unit_code"]
    figures = _keyed_by_scope(per_unit, "gp", figure_columns)
    all_targets: dict[str, float] = {}
    for unit, target in zip(targets["unit"].tolist(), targets["target"].tolist(), strict=True):
        all_targets[unit] = all_targets.get(unit, 0.0) + (
            0.0 if target is None or target != target else target
        )
    period_targets = {
        key: row[0] for key, row in _keyed_by_scope(targets.assign(_all=0), "_all", ["target"]).items()
    }
    authors = _keyed_by_scope(people, "all_phases", ["authors"])

    codes, names, shorts = units["unit"].tolist(), units["name"].tolist(), units["short_name"].tolist()
    positions: list[int] = []
    scopes: list[str] = []
    for scope in scope_names:
        view = views.get(scope)
        for position, code in enumerate(codes):
            if view is not None and code in view.hidden:
                continue
            positions.append(position)
            scopes.append(scope)
    frame = units.take(positions).reset_index(drop=True)
    if views:
        renamed = [
            views[s].names.get(codes[p]) if s in views else None
            for p, s in zip(positions, scopes, strict=True)
        ]
        frame["name"] = pd.Series(
            [r[0] if r else names[p] for r, p in zip(renamed, positions, strict=True)],
            dtype=units["name"].dtype,
        )
        frame["short_name"] = pd.Series(
            [r[1] if r and r[1] else shorts[p] for r, p in zip(renamed, positions, strict=True)],
            dtype=units["short_name"].dtype,
        )
    keys = [(codes[p], s) for p, s in zip(positions, scopes, strict=True)]
    missing = (float("nan"),) * len(figure_columns)
    found = [figures.get(key, missing) for key in keys]
    for index, column in enumerate(figure_columns):
        frame[column] = [row[index] for row in found]
    frame["scope"] = scopes
    frame["target"] = np.array(
        [
            all_targets.get(unit, np.nan) if scope == "all" else period_targets.get((unit, scope), np.nan)
            for unit, scope in keys
        ],
        dtype="float64",
    )
    frame["authors"] = [authors.get(key, (np.nan,))[0] for key in keys]
    return frame


def _program_target(
    definition: Program, filters: Filters, phases: pd.DataFrame, in_all: pd.DataFrame, units_filtered: bool
) -> float:
    """metric.target for the program: its own target when it has one, else the sum of its periods' targets
    (each the official one, or its units' when it has none); for chosen units, the sum of their targets.
    With a phase filter, that phase's."""
    if units_filtered:
        return _scope_target(float("nan"), in_all, True)
    if filters.phase is None and definition.target is not None:
        return float(definition.target)
    known = phases["target"].dropna()
    return float(known.sum()) if len(known) else float("nan")


_PHASE_COLUMNS = [
    "phase",
    "name",
    "start_on",
    "end_on",
    "target",
    "registered",
    "benefit_vnd",
    "authors",
    "applied",
    "recognized",
    "units_met",
    "units_total",
    "theme",
]


def _scope_target(official: float, unit_rows: pd.DataFrame, units_filtered: bool) -> float:
    """metric.target: the official phase/program target; for chosen units, the sum of their targets."""
    if units_filtered or pd.isna(official):
        known = unit_rows["target"].dropna()
        return float(known.sum()) if len(known) else float("nan")
    return float(official)


def _figures(rows: pd.DataFrame, authors: int) -> dict:
    """One aggregate row as plain numbers; authors are the sum of the units' (they partition by unit)."""
    if rows.empty:
        return {"registered": 0, "benefit_vnd": 0.0, "authors": authors, "applied": 0, "recognized": 0}
    row = rows.iloc[0]
    return {
        "registered": int(row["registered"]),
        "benefit_vnd": float(row["benefit_vnd"]) if pd.notna(row["benefit_vnd"]) else 0.0,
        "authors": authors,
        "applied": int(row["applied"]),
        "recognized": int(row["recognized"]),
    }


def _rates(row: dict) -> dict:
    """metric.per_100_members, authors_per_100, benefit_per_member, applied_rate, recognized_rate."""
    members = row.get("members") or 0
    registered = row.get("registered") or 0
    return {
        "per_100_members": row["registered"] * 100 / members if members else float("nan"),
        "authors_per_100": row["authors"] * 100 / members if members else float("nan"),
        "benefit_per_member": row["benefit_vnd"] / members if members else float("nan"),
        "applied_rate": row["applied"] * 100 / registered if registered else float("nan"),
        "recognized_rate": row["recognized"] * 100 / registered if registered else float("nan"),
    }


def _add_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """`_rates` for every row at once (the same divisions, column by column: a unit table's rows were each
    made a dict and back)."""
    members = frame["members"].astype("float64")
    members = members.where(members != 0)  # no members: no rate (a missing number stays missing)
    registered = frame["registered"].astype("float64")
    registered = registered.where(registered != 0)
    rates = pd.DataFrame(
        {
            "per_100_members": frame["registered"] * 100 / members,
            "authors_per_100": frame["authors"] * 100 / members,
            "benefit_per_member": frame["benefit_vnd"] / members,
            "applied_rate": frame["applied"] * 100 / registered,
            "recognized_rate": frame["recognized"] * 100 / registered,
        },
        index=frame.index,
    ).astype("float64")
    return pd.concat([frame, rates], axis=1)


def rank_pair(program: Program, filters: Filters, as_of: dt.date | None) -> tuple[int, int] | None:
    """The two periods a rank change compares: the period in view (the phase filter, else the one the as-of
    day falls in) and the one before it; for the first period, it and the next. None with one period."""
    numbers = [p.period for p in sorted(program.periods, key=lambda p: (p.start_on, p.period))]
    if len(numbers) < 2:
        return None
    current = filters.phase
    if current not in numbers:
        running = program.running_period(as_of)
        current = running.period if running else numbers[-1]
    index = numbers.index(current)
    return (numbers[index - 1], current) if index > 0 else (numbers[0], numbers[1])


def rank_change(store: Store, filters: Filters, prog: Progress | None = None) -> pd.DataFrame:
    """metric.rank_change: rank in the earlier period minus rank in the later one (positive = moved up):
    phase 1 to phase 2 for "1 triệu sáng kiến", the year before to the year in view for a yearly program
    (analytics.metrics.rank_pair). Columns rank_<earlier>, rank_<later>, rank_change.

    Uses `prog` when it holds both periods (no phase filter), else computes each period's ranking. None
    (an empty frame) while the later period has not begun by the as-of day: every unit would rank on nothing.
    """
    filters = resolve(store, filters)
    program = program_of(store, filters)
    as_of = _as_date(prog.as_of if prog is not None else effective_as_of(store, filters))
    pair = rank_pair(program, filters, as_of)
    if pair is None or (as_of is not None and as_of < program.period(pair[1]).start_on):
        return pd.DataFrame(columns=["unit", "rank_change"])
    scopes = set(prog.units["scope"]) if prog is not None else set()
    ranks = []
    for phase in pair:
        if str(phase) in scopes:
            rows = prog.unit_rows(phase)
        else:
            rows = progress(store, filters.with_(phase=phase), authors=False).unit_rows(phase)
        ranks.append(rows[["unit", "rank"]].rename(columns={"rank": f"rank_{phase}"}))
    merged = ranks[0].merge(ranks[1], on="unit", how="outer")
    merged["rank_change"] = merged[f"rank_{pair[0]}"] - merged[f"rank_{pair[1]}"]
    return merged


# ---------------------------------------------------------------------------------------------------------
# Ranking as the union ranks now: three categories side by side (the 2025 awards of "Đổi mới sáng tạo Dầu
# khí" named the leader by number registered and by value benefited; the union's tables rank by % of target).

RANKING_CATEGORIES: tuple[str, ...] = ("pct", "registered", "benefit_vnd")
_RANK_ORDER = {
    "pct": (["pct", "registered", "unit"], [False, False, True]),
    "registered": (["registered", "benefit_vnd", "unit"], [False, False, True]),
    "benefit_vnd": (["benefit_vnd", "registered", "unit"], [False, False, True]),
}


def rankings(prog: Progress, scope: str | int = "all") -> pd.DataFrame:
    """metric.rank in each category for one scope: rank_pct (by % of target, then registered), rank_registered
    (by number registered, then value) and rank_benefit (by value benefited, then number); 1 is first."""
    rows = prog.unit_rows(scope)
    for category, (columns, ascending) in _RANK_ORDER.items():
        order = rows.sort_values(columns, ascending=ascending, na_position="last").index
        rank = pd.Series(range(1, len(rows) + 1), index=order)
        rows[f"rank_{'benefit' if category == 'benefit_vnd' else category}"] = rank.reindex(rows.index)
    return rows


# ---------------------------------------------------------------------------------------------------------
# Comparisons: a period against the same point of the one before (2025 against 2024 on the same day of the
# year), and a program against another at the same elapsed share of its time.


def same_point(current: pg.Period, previous: pg.Period, day: dt.date) -> dt.date:
    """The day of `previous` that stands where `day` stands in `current`: the same day of the year when both
    start on the same calendar day (yearly rounds; 29 February becomes the 28th), else as many days after its
    start; never past its end."""
    if (current.start_on.month, current.start_on.day) == (previous.start_on.month, previous.start_on.day):
        years = current.start_on.year - previous.start_on.year
        try:
            point = day.replace(year=day.year - years)
        except ValueError:
            point = day.replace(year=day.year - years, day=28)
    else:
        point = previous.start_on + (day - current.start_on)
    return min(max(point, previous.start_on), previous.end_on)


@dataclass(frozen=True)
class PeriodComparison:
    """The period in view against the one before at the same point: totals and each unit."""

    current: pg.Period
    previous: pg.Period
    day: dt.date
    previous_day: dt.date
    totals: dict
    units: pd.DataFrame


_COMPARED = ("registered", "benefit_vnd", "pct", "target")


def _period_pair(store: Store, filters: Filters) -> tuple[pg.Period, pg.Period, dt.date, dt.date] | None:
    """The period in view, the one before it, the day the view stands at and the same point before."""
    return _period_pair_at(program_of(store, filters), filters, _as_date(effective_as_of(store, filters)))


def _period_pair_at(
    program: Program, filters: Filters, as_of: dt.date | None
) -> tuple[pg.Period, pg.Period, dt.date, dt.date] | None:
    current = program.period(filters.phase) or program.running_period(as_of)
    if current is None or as_of is None or as_of < current.start_on:
        return None
    previous = program.previous_period(current.period)
    if previous is None:
        return None
    day = min(as_of, current.end_on)
    return current, previous, day, same_point(current, previous, day)


def compare_periods(store: Store, filters: Filters) -> PeriodComparison | None:
    """metric.compare_period: the period in view (the phase filter, else the one the as-of day falls in), up
    to the as-of day, against the period before it up to the same point (`same_point`). None for a first
    period, a program of one period, or a period not begun by the as-of day."""
    filters = resolve(store, filters)
    pair = _period_pair(store, filters)
    if pair is None:
        return None
    current, previous, day, before_day = pair
    now = progress(store, filters.with_(phase=current.period, as_of=day), authors=False)
    before = progress(store, filters.with_(phase=previous.period, as_of=before_day), authors=False)
    totals = {}
    for key in _COMPARED:
        totals[f"{key}_now"] = now.program[key]
        totals[f"{key}_before"] = before.program[key]
    totals["change"] = totals["registered_now"] - totals["registered_before"]
    totals["change_pct"] = _change_pct(totals["registered_now"], totals["registered_before"])
    units_now = now.unit_rows(current.period)[
        ["unit", "name", "short_name", "registered", "benefit_vnd", "pct"]
    ]
    units_before = before.unit_rows(previous.period)[["unit", "registered", "benefit_vnd", "pct"]]
    units = units_now.merge(units_before, on="unit", how="outer", suffixes=("_now", "_before"))
    for column in ("registered_now", "registered_before"):
        units[column] = units[column].fillna(0).astype("int64")
    units["change"] = units["registered_now"] - units["registered_before"]
    units["change_pct"] = [
        _change_pct(a, b) for a, b in zip(units["registered_now"], units["registered_before"], strict=True)
    ]
    units = units.sort_values(["change", "unit"], ascending=[False, True]).reset_index(drop=True)
    return PeriodComparison(current, previous, day, before_day, totals, units)


def _change_pct(now: float, before: float) -> float:
    """metric.change_pct: (now − before) ÷ before × 100; none when there was nothing before."""
    return (now - before) * 100 / before if before else float("nan")


@dataclass(frozen=True)
class ProgramComparison:
    """The program in view and another one at the same elapsed share of their time."""

    program: Program
    other: Program
    share: float
    day: dt.date
    other_day: dt.date
    now: dict
    then: dict


def other_programs(store: Reader, filters: Filters) -> list[Program]:
    """The programs a program can be compared with, the one that started last before it first."""
    current = program_of(store, filters)
    others = [p for p in programs(store) if p.code != current.code]
    return sorted(others, key=lambda p: (p.start_on >= current.start_on, -p.start_on.toordinal()))


def _program_pair(
    store: Store, filters: Filters, other: str | None
) -> tuple[Program, Program, float, dt.date, dt.date] | None:
    """The program in view, the one compared with (`other`, else the one before it; only a program whose
    records reach that point of its own time), the share of time passed, and both days."""
    program = program_of(store, filters)
    as_of = _as_date(effective_as_of(store, filters))
    if as_of is None:
        return None
    day = min(max(as_of, program.start_on), program.end_on)
    share = program.elapsed_share(day)
    candidates = [
        p
        for p in other_programs(store, filters)
        if (last := _as_date(effective_as_of(store, filters.with_(program=p.code, as_of=None))))
        and last >= p.day_at_share(share)
    ]
    chosen = next((p for p in candidates if p.code == other), candidates[0] if candidates else None)
    if chosen is None:
        return None
    return program, chosen, share, day, chosen.day_at_share(share)


def compare_programs(store: Store, filters: Filters, other: str | None = None) -> ProgramComparison | None:
    """metric.compare_program: where the program stands on the as-of day, against where `other` (by default
    the program before it) stood after the same share of its own time ("where were we after 40% of the
    time"). Whole programs (no phase filter); the unit and other filters apply to both. None when no other
    program's records reach that share of its time."""
    filters = resolve(store, filters).with_(phase=None)
    pair = _program_pair(store, filters, other)
    if pair is None:
        return None
    program, chosen, share, day, other_day = pair
    now = progress(store, filters.with_(as_of=day), authors=False).program
    then = progress(store, filters.with_(program=chosen.code, as_of=other_day), authors=False).program
    keep = ("registered", "target", "pct", "benefit_vnd", "units_met", "units_total")
    return ProgramComparison(
        program, chosen, share, day, other_day, {k: now[k] for k in keep}, {k: then[k] for k in keep}
    )


_PROGRAM_PERIOD_TARGETS_SQL = with_scope(
    """SELECT p.period AS phase, p.target AS official,
              (SELECT sum(t.target) FROM targets t
               WHERE t.program_code = $program AND t.phase = p.period
                 AND t.unit_code IN (SELECT code FROM scope_units)) AS units_target
       FROM periods p WHERE p.program_code = $program"""
)


def program_target(store: Store, filters: Filters) -> float:
    """metric.target of the whole program under the unit filters, from the reference tables alone (what
    `progress` gives as program["target"], without counting any record): its own target, else the sum of
    its periods' (each the official one, else its units'); for chosen units, the sum of their targets.
    Unit views are not applied here: a merged unit's targets count under the unit that holds them."""
    filters = resolve(store, filters).with_(phase=None)
    definition = program_of(store, filters)
    rows = _run(store, _PROGRAM_PERIOD_TARGETS_SQL, filters)
    if filters.units or filters.groups:
        known = rows["units_target"].dropna()
        return float(known.sum()) if len(known) else float("nan")
    if definition.target is not None:
        return float(definition.target)
    per_period = rows["official"].where(rows["official"].notna(), rows["units_target"]).dropna()
    return float(per_period.sum()) if len(per_period) else float("nan")


def program_curves(store: Store, filters: Filters, other: str | None = None) -> pd.DataFrame:
    """Both programs' cumulative registrations by elapsed share of their time (0-100), as % of each one's
    own target: the Trends chart "where were we after 40% of the time". Columns program, share, day,
    cumulative, pct; the program in view first, up to the as-of day, the other one whole."""
    columns = ["program", "share", "day", "cumulative", "pct"]
    base = resolve(store, filters).with_(phase=None)
    pair = _program_pair(store, base, other)
    if pair is None:
        return pd.DataFrame(columns=columns)
    program, chosen, _, day, _ = pair
    frames = []
    for each, as_of in ((program, day), (chosen, None)):
        scoped = base.with_(program=each.code, as_of=as_of)
        daily = daily_registrations(store, scoped)
        if daily.empty:
            continue
        target = program_target(store, scoped)
        days = daily["day"].dt.date
        frames.append(
            pd.DataFrame(
                {
                    "program": each.code,
                    "share": [each.elapsed_share(d) * 100 for d in days],
                    "day": daily["day"],
                    "cumulative": daily["cumulative"],
                    "pct": pct_of_target(daily["cumulative"], pd.Series(target, index=daily.index)),
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def period_curves(store: Store, filters: Filters) -> pd.DataFrame:
    """The period in view and the one before, cumulative by day, the earlier one moved onto the later one's
    calendar (its day `same_point` maps onto): the Trends overlay "2025 against 2024". Columns period,
    day (on the current period's calendar), cumulative. One pass over the program's records."""
    window = period_curves_window(store, filters)
    if window is None:
        return pd.DataFrame(columns=["period", "day", "cumulative"])
    daily_filters, current, previous, day = window
    return period_curves_from(daily_registrations(store, daily_filters), current, previous, day)


def period_curves_window(
    store: Reader, filters: Filters
) -> tuple[Filters, pg.Period, pg.Period, dt.date] | None:
    """What `period_curves` draws from: the filters of its daily counts (both periods, up to the day the
    view stands at), the period in view, the one before and that day; None when there is no period before."""
    filters = resolve(store, filters)
    as_of = _as_date(effective_as_of(store, filters))
    pair = _period_pair_at(program_of(store, filters), filters, as_of)
    if pair is None:
        return None
    current, previous, day, _ = pair
    # Without an as-of filter the view stands at the program's newest registration: when that is the day,
    # nothing lies after it to cut, and the counts are those of the view itself (the page's own, cached).
    cut = None if filters.as_of is None and day == as_of else day
    return filters.with_(phase=None, as_of=cut), current, previous, day


def period_curves_from(
    both: pd.DataFrame, current: pg.Period, previous: pg.Period, day: dt.date
) -> pd.DataFrame:
    """`period_curves` from the daily counts of `period_curves_window`'s filters (`daily_registrations`)."""
    yearly = (current.start_on.month, current.start_on.day) == (
        previous.start_on.month,
        previous.start_on.day,
    )
    frames = []
    for period in (current, previous):
        dates = both["day"].dt.date
        rows = both[(dates >= period.start_on) & (dates <= min(period.end_on, day))]
        cumulative = rows["registered"].cumsum()
        if period is current:
            moved = [d.date() for d in rows["day"]]
        elif yearly:
            moved = [
                _years_later(d.date(), current.start_on.year - period.start_on.year) for d in rows["day"]
            ]
        else:
            moved = [d.date() + (current.start_on - period.start_on) for d in rows["day"]]
        frames.append(
            pd.DataFrame({"period": period.period, "day": pd.to_datetime(moved), "cumulative": cumulative})
        )
    return pd.concat(frames, ignore_index=True)


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------------------------------------------
# Time series: trends, pace and projection.

_DAILY_SQL = counted(
    "SELECT registered_on AS day, count(*) AS registered FROM f GROUP BY registered_on ORDER BY registered_on",
    """SELECT registered_on AS day, CAST(sum(registered) AS BIGINT) AS registered FROM f
       GROUP BY registered_on ORDER BY registered_on""",
)


def daily_registrations(store: Store, filters: Filters) -> pd.DataFrame:
    """Registrations per day and their running total (metric.registered over time)."""
    daily = _counted(store, _DAILY_SQL, filters)
    daily["day"] = pd.to_datetime(daily["day"])
    daily["registered"] = daily["registered"].astype("int64")
    daily["cumulative"] = daily["registered"].cumsum()
    return daily


def per_period(daily: pd.DataFrame, period: str) -> pd.DataFrame:
    """Weekly ("W", weeks start on Monday) or monthly ("M") registrations from the daily series."""
    if daily.empty:
        return pd.DataFrame(
            {"period": pd.Series(dtype="datetime64[ns]"), "registered": pd.Series(dtype="int64")}
        )
    freq = "W-SUN" if period == "W" else "MS"
    series = daily.set_index("day")["registered"].resample(freq).sum()
    frame = series.reset_index().rename(columns={"day": "period"})
    if period == "W":
        frame["period"] = frame["period"] - pd.Timedelta(days=6)
    return frame


_MONTH_COUNTS_SQL = counted(
    """, m AS (SELECT unit_code, coalesce(field, '') AS field, date_trunc('month', registered_on) AS month FROM f)
    SELECT GROUPING(unit_code) AS by_field, unit_code AS unit, field, month, count(*) AS registered
    FROM m GROUP BY GROUPING SETS ((unit_code, month), (field, month)) ORDER BY ALL""",
    """, m AS (SELECT unit_code, coalesce(field, '') AS field, date_trunc('month', registered_on) AS month,
                      registered FROM f)
    SELECT GROUPING(unit_code) AS by_field, unit_code AS unit, field, month,
           CAST(sum(registered) AS BIGINT) AS registered
    FROM m GROUP BY GROUPING SETS ((unit_code, month), (field, month)) ORDER BY ALL""",
    by_field=True,
)


def month_counts(store: Store, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Registrations per unit and month (the heatmap) and per field and month (the field mix), one pass."""
    frame = _counted(store, _MONTH_COUNTS_SQL, filters)
    units = frame[frame["by_field"] == 0][["unit", "month", "registered"]].reset_index(drop=True)
    fields = frame[frame["by_field"] == 1][["field", "month", "registered"]].reset_index(drop=True)
    return units, fields


def unit_month_counts(store: Store, filters: Filters) -> pd.DataFrame:
    """Registrations per unit and month (for the heatmap)."""
    return month_counts(store, filters)[0]


def field_month_counts(store: Store, filters: Filters) -> pd.DataFrame:
    """Registrations per field and month (the mix of fields over time)."""
    return month_counts(store, filters)[1]


# The days are whole numbers, so each group's median and 90th percentile come exactly from its histogram: one
# grouping of the recognised records by (month, days) and by days alone (a few thousand rows at a million
# records), then each quantile as quantile_cont defines it, from the running counts: the values at ranks
# floor(r) and ceil(r), r = (n - 1) x q in doubles as DuckDB computes it, interpolated (lo + (hi - lo) x
# (r - floor r)). quantile_cont itself
# kept every group's days and sorted them (twice the time); tests/analytics/test_page_queries.py holds the
# query it replaced and checks both give the same figures.
_RECOGNITION_SQL = with_scope(
    """, h AS (
        SELECT date_trunc('month', registered_on) AS month, grouping(month) AS gm,
               recognized_on - registered_on AS days, count(*) AS n
        FROM f WHERE recognized_on IS NOT NULL AND recognized_on >= registered_on
        GROUP BY GROUPING SETS ((month, days), (days))
    ), running AS (
        SELECT month, gm, days, sum(n) OVER (PARTITION BY gm, month ORDER BY days) AS cum,
               sum(n) OVER (PARTITION BY gm, month) AS total
        FROM h
    ), ranks AS (
        SELECT month, gm, any_value(total) AS total, any_value(r50) AS r50, any_value(r90) AS r90,
               min(days) FILTER (WHERE cum > floor(r50)) AS lo50, min(days) FILTER (WHERE cum > ceil(r50)) AS hi50,
               min(days) FILTER (WHERE cum > floor(r90)) AS lo90, min(days) FILTER (WHERE cum > ceil(r90)) AS hi90
        FROM (SELECT *, (CAST(total AS DOUBLE) - 1) * CAST(0.5 AS DOUBLE) AS r50,
                        (CAST(total AS DOUBLE) - 1) * CAST(0.9 AS DOUBLE) AS r90 FROM running)
        GROUP BY month, gm
    )
    SELECT * FROM (
        SELECT 2 * gm + 1 AS level, month, NULL AS week, CAST(total AS BIGINT) AS recognized,
               lo50 + (hi50 - lo50) * (r50 - floor(r50)) AS median_days,
               lo90 + (hi90 - lo90) * (r90 - floor(r90)) AS p90_days
        FROM ranks
        UNION ALL
        SELECT 2, NULL, least(days // 7, 26) AS week, CAST(sum(n) AS BIGINT), NULL, NULL
        FROM h WHERE gm = 1 GROUP BY week
    ) ORDER BY level, month, week"""
)
# level: 1 = by month, 2 = by week, 3 = overall (grouping(month, week)'s numbers)
_BY_MONTH, _BY_WEEK, _OVERALL = 1, 2, 3


def recognition_time(store: Store, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """metric.recognition_days: days from registration to recognition, by month, as a histogram (in
    weeks; the last bin, 26, holds everything slower than half a year) and overall (median, p90).
    One scan of the filtered records for all three (grouping sets)."""
    rows = _run(store, _RECOGNITION_SQL, filters)
    by_month = rows[rows["level"] == _BY_MONTH][["month", "recognized", "median_days", "p90_days"]]
    by_week = rows[rows["level"] == _BY_WEEK][["week", "recognized"]].astype({"week": "int64"})
    total = rows[rows["level"] == _OVERALL]
    overall = {"recognized": 0, "median_days": None, "p90_days": None}
    if not total.empty and total["recognized"].iloc[0]:
        overall = total[["recognized", "median_days", "p90_days"]].iloc[0].to_dict()
    return by_month.reset_index(drop=True), by_week.reset_index(drop=True), overall


@dataclass(frozen=True)
class Pace:
    """Where a phase stands against its target on a day, and where the recent rate would take it."""

    phase: int
    target: float
    registered: int
    as_of: dt.date
    end_on: dt.date
    weeks_left: float
    weekly_recent: float
    weekly_needed: float
    projected: float
    projected_pct: float
    state: str


def pace(
    registered: int,
    target: float,
    recent: int,
    as_of: dt.date,
    start_on: dt.date,
    end_on: dt.date,
    phase: int = 0,
) -> Pace:
    """metric.projected / weekly_needed / pace state for one phase or unit.

    The recent rate is the average weekly registrations over the last RECENT_WEEKS weeks (or since the
    phase began, if sooner). Projected = registered + recent rate x weeks left. State: "done" once the
    target is met, "ended" when the phase is over and it was not, "on_track" when the projection reaches
    the target, "at_risk" when it reaches AT_RISK_SHARE of it, else "behind".
    """
    as_of = min(max(as_of, start_on - dt.timedelta(days=1)), end_on)
    weeks_left = max((end_on - as_of).days, 0) / 7
    window_days = max(min(RECENT_WEEKS * 7, (as_of - start_on).days + 1), 1)
    weekly_recent = recent * 7 / window_days
    missing = max((target or 0) - registered, 0)
    weekly_needed = missing / weeks_left if weeks_left > 0 else float("nan")
    projected = registered + weekly_recent * weeks_left
    projected_pct = pct_of_target(projected, target) if target else float("nan")
    if target and registered >= target:
        state = "done"
    elif weeks_left <= 0:
        state = "ended"
    elif not target or projected >= target:
        state = "on_track"
    elif projected >= AT_RISK_SHARE * target:
        state = "at_risk"
    else:
        state = "behind"
    return Pace(
        phase,
        float(target or 0),
        int(registered),
        as_of,
        end_on,
        weeks_left,
        weekly_recent,
        weekly_needed,
        projected,
        projected_pct,
        state,
    )


_RECENT_SQL = counted(
    """SELECT unit_code AS unit, phase, count(*) AS recent FROM f
       WHERE registered_on > $window_start GROUP BY ALL""",
    """SELECT unit_code AS unit, phase, CAST(sum(registered) AS BIGINT) AS recent FROM f
       WHERE registered_on > $window_start GROUP BY ALL""",
)


def running_phase(phases: pd.DataFrame, as_of: dt.date | None) -> pd.Series | None:
    """The phase the as-of day falls in; after the last phase, the last one; before the first, the first."""
    if phases.empty:
        return None
    if as_of is None:
        return phases.iloc[-1]
    for _, row in phases.iterrows():
        if row["start_on"] <= as_of <= row["end_on"]:
            return row
    return phases.iloc[-1] if as_of > phases["end_on"].max() else phases.iloc[0]


def recent_registrations(store: Store, filters: Filters, as_of: dt.date | None = None) -> pd.DataFrame:
    """Registrations per unit and phase in the RECENT_WEEKS weeks up to `as_of` (the run rate)."""
    as_of = as_of or effective_as_of(store, filters)
    if as_of is None:
        return pd.DataFrame(columns=["unit", "phase", "recent"])
    return _counted(store, _RECENT_SQL, filters, window_start=as_of - dt.timedelta(days=RECENT_WEEKS * 7))


def phase_pace(store: Store, filters: Filters) -> tuple[Pace | None, pd.DataFrame]:
    """The running phase's pace for the whole scope and for each unit (with the reason for its state)."""
    prog = progress(store, filters, authors=False)
    return pace_from(prog, recent_registrations(store, filters, prog.as_of))


def pace_from(prog: Progress, recent: pd.DataFrame) -> tuple[Pace | None, pd.DataFrame]:
    """phase_pace from figures the page already has: its Progress and the recent registrations. None before
    the first period begins: a period not begun has no pace (it would read as "behind", projected 0)."""
    phase = running_phase(prog.phases, prog.as_of)
    if phase is None or prog.as_of is None or prog.as_of < phase["start_on"]:
        return None, pd.DataFrame()
    recent = recent[recent["phase"] == phase["phase"]].set_index("unit")["recent"]
    row = prog.phases[prog.phases["phase"] == phase["phase"]].iloc[0]
    overall = pace(
        int(row["registered"]),
        row["target"],
        int(recent.sum()),
        prog.as_of,
        phase["start_on"],
        phase["end_on"],
        int(phase["phase"]),
    )
    units = prog.unit_rows(int(phase["phase"]))
    rows = []
    for _, unit in units.iterrows():
        p = pace(
            int(unit["registered"]),
            unit["target"],
            int(recent.get(unit["unit"], 0)),
            prog.as_of,
            phase["start_on"],
            phase["end_on"],
            int(phase["phase"]),
        )
        rows.append(
            {
                "unit": unit["unit"],
                "short_name": unit["short_name"],
                "target": unit["target"],
                "registered": p.registered,
                "pct": unit["pct"],
                "weekly_recent": p.weekly_recent,
                "weekly_needed": p.weekly_needed,
                "projected": p.projected,
                "projected_pct": p.projected_pct,
                "state": p.state,
            }
        )
    return overall, pd.DataFrame(rows)


def pace_in_progress(prog: Progress, recent: pd.DataFrame) -> Pace | None:
    """The running period's pace (pace_from's overall) while that period is in progress on the as-of day;
    None before its first day (pace_from has none then), from its last day on (weeks_left is 0: the period
    or the whole program is over, as the report reads it) and without data."""
    overall, _ = pace_from(prog, recent)
    return overall if overall is not None and overall.weeks_left > 0 else None


def target_path_on(phases: pd.DataFrame, day: dt.date) -> float:
    """Where the straight-line path to the targets stands on `day`, cumulated over phases.

    Each phase's path runs from 0 at its start to its target at its end (so on the last day of phase 1
    it equals phase 1's target, and phase 2's path is added on top).
    """
    value = 0.0
    for _, phase in phases.iterrows():
        target = float(phase["target"]) if pd.notna(phase["target"]) else 0.0
        start, end = phase["start_on"], phase["end_on"]
        if day >= end:
            value += target
        elif day >= start:
            value += target * ((day - start).days + 1) / ((end - start).days + 1)
    return value


def projection_line(prog: Progress, overall: Pace | None, daily: pd.DataFrame) -> dict | None:
    """The dotted projection for the cumulative chart: from the as-of day to the running phase's end."""
    if overall is None or overall.weeks_left <= 0 or prog.as_of is None:
        return None
    so_far = int(daily["registered"].sum()) if not daily.empty else 0
    return {
        "from_day": overall.as_of,
        "from_value": so_far,
        "to_day": overall.end_on,
        "to_value": so_far + overall.weekly_recent * overall.weeks_left,
    }


def campaign_registrations(
    daily: pd.DataFrame, campaigns: pd.DataFrame, as_of: dt.date | None
) -> pd.DataFrame:
    """metric.campaign_registered: registrations inside each emulation campaign begun by the as-of day.

    From the daily series the Trends chart draws: the count in the window (cut at the as-of day), its share
    of everything registered up to the window's end, and the daily rate in the window against the daily
    rate from the start of the data to the campaign's start (the lift).
    """
    columns = [
        "name",
        "start_on",
        "end_on",
        "window_end",
        "registered",
        "share",
        "per_day",
        "per_day_before",
        "lift",
    ]
    if daily.empty or as_of is None:
        return pd.DataFrame(columns=columns)
    days = daily["day"].dt.date
    first = days.min()
    rows = []
    for _, campaign in campaigns.iterrows():
        if campaign["start_on"] > as_of:
            continue
        end = min(campaign["end_on"], as_of)
        inside = int(daily.loc[(days >= campaign["start_on"]) & (days <= end), "registered"].sum())
        upto = int(daily.loc[days <= end, "registered"].sum())
        before = int(daily.loc[days < campaign["start_on"], "registered"].sum())
        window_days = (end - campaign["start_on"]).days + 1
        before_days = max((campaign["start_on"] - first).days, 0)
        per_day = inside / window_days
        per_day_before = before / before_days if before_days else float("nan")
        rows.append(
            {
                "name": campaign["name"],
                "start_on": campaign["start_on"],
                "end_on": campaign["end_on"],
                "window_end": end,
                "registered": inside,
                "share": inside * 100 / upto if upto else float("nan"),
                "per_day": per_day,
                "per_day_before": per_day_before,
                "lift": per_day / per_day_before if per_day_before else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=columns)


_MILESTONES_SQL = """SELECT on_date, cumulative_target, label FROM milestones
                     WHERE program_code = $program ORDER BY on_date"""
_CAMPAIGNS_SQL = """SELECT name, start_on, end_on FROM campaigns
                    WHERE program_code = $program ORDER BY start_on"""


def milestones(store: Store, filters: Filters | None = None) -> pd.DataFrame:
    """The program's intermediate goals (mốc phấn đấu): cumulative targets by date."""
    code = program_of(store, filters or Filters()).code
    return as_dates(store.df(_MILESTONES_SQL, {"program": code}), "on_date")


def campaigns(store: Store, filters: Filters | None = None) -> pd.DataFrame:
    """The program's emulation campaigns (e.g. the 40-day peak campaign ending 31/05/2022), shaded on
    trend charts."""
    code = program_of(store, filters or Filters()).code
    return as_dates(store.df(_CAMPAIGNS_SQL, {"program": code}), "start_on", "end_on")


# ---------------------------------------------------------------------------------------------------------
# Benefit (giá trị làm lợi).

_BENEFIT_BY_SQL = counted(
    """SELECT CASE WHEN GROUPING(unit_code) = 0 THEN 'unit' WHEN GROUPING(field) = 0 THEN 'field'
                   ELSE 'phase' END AS dimension,
              coalesce(unit_code, field, CAST(phase AS VARCHAR)) AS key,
              sum(benefit_vnd) AS benefit_vnd, count(benefit_vnd) AS with_benefit, count(*) AS registered,
              sum(benefit_vnd) FILTER (WHERE status = 'applied') AS applied_benefit_vnd
       FROM f GROUP BY GROUPING SETS ((unit_code), (field), (phase))""",
    """SELECT CASE WHEN GROUPING(unit_code) = 0 THEN 'unit' WHEN GROUPING(field) = 0 THEN 'field'
                   ELSE 'phase' END AS dimension,
              coalesce(unit_code, field, CAST(phase AS VARCHAR)) AS key,
              sum(benefit_vnd) AS benefit_vnd, CAST(sum(with_benefit) AS BIGINT) AS with_benefit,
              CAST(sum(registered) AS BIGINT) AS registered, sum(applied_benefit_vnd) AS applied_benefit_vnd
       FROM f GROUP BY GROUPING SETS ((unit_code), (field), (phase))""",
    by_field=True,
)


def benefit_by(store: Store, filters: Filters) -> dict[str, pd.DataFrame]:
    """metric.benefit_vnd by unit, by field and by phase, largest first."""
    frame = _counted(store, _BENEFIT_BY_SQL, filters)
    frame["benefit_vnd"] = frame["benefit_vnd"].astype("float64").fillna(0)
    frame["applied_benefit_vnd"] = frame["applied_benefit_vnd"].astype("float64").fillna(0)
    frame["min_remuneration"] = frame["applied_benefit_vnd"] * REMUNERATION_RATE
    out = {}
    for dimension in ("unit", "field", "phase"):
        part = frame[(frame["dimension"] == dimension) & frame["key"].notna()].drop(columns="dimension")
        out[dimension] = part.sort_values("benefit_vnd", ascending=False).reset_index(drop=True)
    return out


# Bins of a quarter decade (x1.78) from 1 triệu: the benefit has a long tail, so its histogram is in log scale.
# Both in one pass over the records: the records with a benefit kept once, the summary joined to every bin
# (and alone, its bins empty, when no record has a benefit).
_BENEFIT_SQL = with_scope(
    """, v AS MATERIALIZED (SELECT benefit_vnd FROM f WHERE benefit_vnd > 0),
    q AS (SELECT quantile_disc(benefit_vnd, 0.9) AS p90 FROM v),
    s AS (
        SELECT count(*) AS n, sum(benefit_vnd) AS total, median(benefit_vnd) AS median, avg(benefit_vnd) AS mean,
               (SELECT p90 FROM q) AS p90, max(benefit_vnd) AS max,
               sum(benefit_vnd) FILTER (WHERE benefit_vnd >= (SELECT p90 FROM q)) AS top_sum
        FROM v
    ),
    h AS (
        SELECT floor(log10(greatest(benefit_vnd, 1e6)) * 4) / 4 AS log_low, count(*) AS initiatives,
               sum(benefit_vnd) AS hist_benefit_vnd
        FROM v GROUP BY ALL
    )
    SELECT h.log_low, h.initiatives, h.hist_benefit_vnd AS benefit_vnd, s.* FROM s LEFT JOIN h ON true
    ORDER BY h.log_low"""
)
_HIST_COLUMNS = {"log_low": "float64", "initiatives": "int64", "benefit_vnd": "float64"}
_STATS_COLUMNS = ("n", "total", "median", "mean", "p90", "max", "top_sum")


def benefit_distribution(store: Store, filters: Filters) -> tuple[pd.DataFrame, dict]:
    """How benefit is spread: a log-binned histogram and its summary (median, mean, top-10% share).

    The top-10% share is the part of the total brought by initiatives at or above the 90th percentile.
    """
    both = _run(store, _BENEFIT_SQL, filters)
    hist = both[both["log_low"].notna()][list(_HIST_COLUMNS)].reset_index(drop=True)
    hist = hist.astype(_HIST_COLUMNS)
    hist["low_vnd"] = 10 ** hist["log_low"]
    hist["high_vnd"] = 10 ** (hist["log_low"] + 0.25)
    stats = both[list(_STATS_COLUMNS)].iloc[0].to_dict()
    total, top = stats.get("total"), stats.pop("top_sum", None)
    stats["top10_share"] = float(top) * 100 / float(total) if total and pd.notna(top) else float("nan")
    return hist, stats


# The largest first found on the narrow columns, each record's row number (`rid`) carried along; their long
# texts (title, authors) are then read for those rows only, not sorted with every record's.
_WITH_ROWID = "\n    FROM initiatives i\n"
assert _SCOPE.count(_WITH_ROWID) == 1
_ROWID_SCOPE = _SCOPE.replace(_WITH_ROWID, ", i.rowid AS rid" + _WITH_ROWID)
_TOP_SQL = f"""WITH {_ROWID_SCOPE},
t AS (SELECT rid, code, unit_code, benefit_vnd FROM f WHERE benefit_vnd IS NOT NULL
      ORDER BY benefit_vnd DESC, code LIMIT $limit)
SELECT t.code, i.title, t.unit_code AS unit, u.name AS unit_name, i.field, i.status, i.authors,
       i.registered_on, i.applied_on, t.benefit_vnd, t.benefit_vnd * $rate AS min_remuneration
FROM t JOIN initiatives i ON i.rowid = t.rid LEFT JOIN units u ON u.code = t.unit_code
ORDER BY t.benefit_vnd DESC, t.code"""  # noqa: S608  (constant SQL)


# The largest of a view are looked for first among the records whose benefit is above `floor`, the smallest of
# the TOP_CANDIDATES largest of every record: their long texts are kept per data version, so the view's query
# reads only narrow columns (with a filter on the benefit), and no record's title. Exact: a record at or below
# the floor ranks after every record above it, so when the view holds `limit` records above it, those are the
# view's largest; else every record of the view is sorted as before.
TOP_CANDIDATES = 2000
_TOP_TEXTS_SQL = """SELECT i.code, i.title, i.authors, i.applied_on, t.benefit_vnd
FROM (SELECT rowid AS rid, benefit_vnd FROM initiatives WHERE benefit_vnd IS NOT NULL
      ORDER BY benefit_vnd DESC LIMIT $n) t
JOIN initiatives i ON i.rowid = t.rid"""
_TOP_ABOVE_SQL = f"""WITH {_SCOPE},
t AS (SELECT code, unit_code, field, status, registered_on, benefit_vnd FROM f WHERE benefit_vnd > $floor
      ORDER BY benefit_vnd DESC, code LIMIT $limit)
SELECT t.code, t.unit_code AS unit, u.name AS unit_name, t.field, t.status, t.registered_on, t.benefit_vnd,
       t.benefit_vnd * $rate AS min_remuneration
FROM t LEFT JOIN units u ON u.code = t.unit_code
ORDER BY t.benefit_vnd DESC, t.code"""  # noqa: S608  (constant SQL)
_TOP_COLUMNS = [
    "code", "title", "unit", "unit_name", "field", "status", "authors", "registered_on", "applied_on",
    "benefit_vnd", "min_remuneration",
]  # fmt: skip
_top_texts_cache: dict[str, tuple[int, tuple[object, pd.DataFrame]]] = {}


def _top_texts(store: Reader) -> tuple[object, pd.DataFrame]:
    """The floor (None when no record has a benefit) and the long texts of the records above it, read once
    per data version."""

    def build(_version: int) -> tuple[object, pd.DataFrame]:
        largest = store.df(_TOP_TEXTS_SQL, {"n": TOP_CANDIDATES})
        floor = largest["benefit_vnd"].min() if len(largest) else None
        above = largest[largest["benefit_vnd"] > floor] if floor is not None else largest
        return None if floor is None else int(floor), above.drop(columns="benefit_vnd")

    return kept_by_version(_top_texts_cache, store, build)


def _top_above_floor(store: Reader, filters: Filters, limit: int) -> pd.DataFrame | None:
    """The view's largest from the records above the floor, or None when it holds fewer than `limit` of them."""
    floor, texts = _top_texts(store)
    if floor is None:
        return None
    found = _run(store, _TOP_ABOVE_SQL, filters, limit=limit, rate=REMUNERATION_RATE, floor=floor)
    if len(found) < limit:
        return None
    return found.merge(texts, on="code", how="left", validate="one_to_one")[_TOP_COLUMNS]


def keep_largest(store: Reader) -> None:
    """Read the floor's texts and the candidate authors of the current data version now (the server's
    warm-up), so that the first Benefit page after a write does not wait for them (0.1-0.3 s at a million)."""
    _top_texts(store)
    if author_parts_current(store):
        _author_candidates(store)


def top_initiatives(store: Store, filters: Filters, limit: int = 10) -> pd.DataFrame:
    """The initiatives with the largest value benefited (those above the floor first, see TOP_CANDIDATES)."""
    found = _top_above_floor(store, filters, limit) if limit > 0 else None
    if found is not None:
        return found
    return _run(store, _TOP_SQL, filters, limit=limit, rate=REMUNERATION_RATE)


# Each author's part of the minimum remuneration of applied initiatives: by the shares recorded on the
# initiative (authors_shares, as a part of their sum where they do not add up to 100), else in equal parts.
# An author is a name within a unit (as for metric.authors).
_AUTHOR_PAY_SQL = with_scope(
    """, a AS (
        SELECT unit_code, benefit_vnd, author_shares, string_split(authors, ';') AS names FROM f
        WHERE status = 'applied' AND benefit_vnd > 0 AND authors IS NOT NULL
    ), p AS (
        SELECT unit_code, benefit_vnd, author_shares, names, unnest(range(1, len(names) + 1)) AS i FROM a
    ), s AS (
        SELECT unit_code, trim(names[i]) AS author,
               benefit_vnd * CASE WHEN len(author_shares) = len(names) AND list_sum(author_shares) > 0
                                       AND len(list_filter(author_shares, lambda x: x IS NULL)) = 0
                                  THEN author_shares[i] / list_sum(author_shares) ELSE 1.0 / len(names) END AS part,
               author_shares IS NOT NULL AS by_share
        FROM p WHERE trim(names[i]) <> ''
    )
    SELECT s.unit_code AS unit, any_value(u.name) AS unit_name, min(s.author) AS author, count(*) AS initiatives,
           sum(s.part) AS benefit_part, sum(s.part) * $rate AS min_remuneration, bool_or(s.by_share) AS by_share
    FROM s LEFT JOIN units u ON u.code = s.unit_code
    GROUP BY s.unit_code, lower(s.author)
    ORDER BY min_remuneration DESC, unit, author LIMIT $limit"""
)


# The same figures from the store's author parts (`author_parts`, `author_names`; derived, built once per
# data version by `store_author_parts`): the filters apply to the parts' copy of their records' columns, and
# the groups are integer keys, named after grouping (a group's first name in sort order, as min(author) above).
# The largest are chosen before the names are joined: `name_rank` numbers the names in their sort order, so
# ordering by it is ordering by the name (the join of every group, 400,000 at a million records, to its name
# was a third of the query).
_AUTHOR_PARTS_SCOPE = _SCOPE.replace("FROM initiatives i", "FROM author_parts i", 1)
_AUTHOR_PAY_STORED_SQL = f"""WITH {_AUTHOR_PARTS_SCOPE},
g AS (
    SELECT unit_code, author, min(name_rank) AS name_rank, count(*) AS initiatives,
           sum(benefit_vnd * share) AS benefit_part, bool_or(by_share) AS by_share
    FROM f GROUP BY unit_code, author
),
top AS (SELECT * FROM g ORDER BY benefit_part * $rate DESC, unit_code, name_rank LIMIT $limit)
SELECT g.unit_code AS unit, u.name AS unit_name, n.name AS author, g.initiatives, g.benefit_part,
       g.benefit_part * $rate AS min_remuneration, g.by_share
FROM top g JOIN author_names n ON n.name_rank = g.name_rank LEFT JOIN units u ON u.code = g.unit_code
ORDER BY min_remuneration DESC, unit, author"""  # noqa: S608  (constant SQL)
_PARTS_VERSION_SQL = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'author_parts_version'"
_APPLIED_WITH_AUTHORS = "status = 'applied' AND benefit_vnd > 0 AND authors IS NOT NULL"
_BUILD_AUTHOR_NAMES_SQL = f"""INSERT INTO author_names
SELECT CAST(row_number() OVER (ORDER BY name) AS INTEGER), CAST(dense_rank() OVER (ORDER BY lower(name)) AS INTEGER),
       name
FROM (SELECT DISTINCT trim(unnest(string_split(authors, ';'))) AS name FROM initiatives
      WHERE {_APPLIED_WITH_AUTHORS})
WHERE name <> ''"""  # noqa: S608  (constant SQL)
# Each part exactly as _AUTHOR_PAY_SQL computes it: the share of the record's benefit, its own `part`.
_BUILD_AUTHOR_PARTS_SQL = f"""INSERT INTO author_parts
WITH a AS (
    SELECT unit_code, program_code, phase, field, status, registered_on, benefit_vnd, author_shares,
           string_split(authors, ';') AS names
    FROM initiatives WHERE {_APPLIED_WITH_AUTHORS}
), p AS (SELECT *, unnest(range(1, len(names) + 1)) AS i FROM a),
s AS (
    SELECT unit_code, program_code, phase, field, status, registered_on, benefit_vnd, trim(names[i]) AS name,
           CASE WHEN len(author_shares) = len(names) AND list_sum(author_shares) > 0
                     AND len(list_filter(author_shares, lambda x: x IS NULL)) = 0
                THEN author_shares[i] / list_sum(author_shares) ELSE 1.0 / len(names) END AS share,
           author_shares IS NOT NULL AS by_share
    FROM p WHERE trim(names[i]) <> ''
)
SELECT s.unit_code, s.program_code, s.phase, s.field, s.status, s.registered_on, s.benefit_vnd, n.author,
       n.name_rank, s.share, s.by_share
FROM s JOIN author_names n ON n.name = s.name"""  # noqa: S608  (constant SQL)


def author_parts_current(store: Reader) -> bool:
    """Whether the store's author parts were built from the data version `store` sees."""
    return store.one(_PARTS_VERSION_SQL) == store.data_version()


def store_author_parts(store: Reader) -> bool:
    """Build the author parts for the store's current data version (in the store, one transaction, no
    DataFrame), unless they are current already or the store cannot be written (a read-only store, a
    replica: its pages then compute the figures from the records). True when they are current after."""
    return write_derived(store, _build_author_parts, what="author parts") is not None


def _build_author_parts(cur: duckdb.DuckDBPyConnection, now: int) -> None:
    """The author parts of data version `now`, built in the store's write transaction (write_derived)."""
    if cur.execute(_PARTS_VERSION_SQL).fetchone()[0] == now:
        return
    cur.execute("DELETE FROM author_parts")
    cur.execute("DELETE FROM author_names")
    cur.execute(_BUILD_AUTHOR_NAMES_SQL)
    cur.execute(_BUILD_AUTHOR_PARTS_SQL)
    cur.execute("UPDATE meta SET value = ? WHERE key = 'author_parts_version'", [str(now)])


# The authors owed most under a filter are looked for first among those owed most over every record (the
# candidates: AUTHOR_CANDIDATES author keys, their groups in every unit summed from their parts alone, a few
# thousand rows instead of 700,000 parts grouped). Exact: no group of another author is owed more under any
# filter than that author's positive parts over every record, at most `bound` (the largest such sum outside the
# candidates); when the last row found is owed more than that, no other group can be in the table, else the
# parts are all grouped as before.
AUTHOR_CANDIDATES = 2000
_AUTHOR_PAY_CANDIDATES_SQL = _AUTHOR_PAY_STORED_SQL.replace(
    "FROM f GROUP BY unit_code, author",
    "FROM f WHERE author IN (SELECT unnest($authors)) GROUP BY unit_code, author",
    1,
)
assert _AUTHOR_PAY_CANDIDATES_SQL != _AUTHOR_PAY_STORED_SQL
_AUTHOR_OWED_SQL = """SELECT author, sum(greatest(benefit_vnd * share, 0)) AS owed FROM author_parts
GROUP BY author ORDER BY owed DESC, author LIMIT $n"""
_author_candidates_cache: dict[str, tuple[int, tuple[list[int], float]]] = {}


def _author_candidates(store: Reader) -> tuple[list[int], float]:
    """The candidate authors' keys and the bound on every other author's part (-inf when there is none),
    read once per data version from parts of that version (the caller checked author_parts_current)."""

    def build(_version: int) -> tuple[list[int], float]:
        owed = store.rows(_AUTHOR_OWED_SQL, {"n": AUTHOR_CANDIDATES + 1})
        bound = float(owed[AUTHOR_CANDIDATES][1]) if len(owed) > AUTHOR_CANDIDATES else -math.inf
        return [row[0] for row in owed[:AUTHOR_CANDIDATES]], bound

    return kept_by_version(_author_candidates_cache, store, build)


def _pay_of_candidates(store: Reader, filters: Filters, limit: int) -> pd.DataFrame | None:
    """The table of authors from the candidates' parts alone, or None when another author might be in it."""
    authors, bound = _author_candidates(store)
    frame = _run(
        store, _AUTHOR_PAY_CANDIDATES_SQL, filters, limit=limit, rate=REMUNERATION_RATE, authors=authors
    )
    if bound == -math.inf:  # every author is a candidate
        return frame
    # the parts' sums added in another order may differ in their last bits: a margin far above that
    if len(frame) < limit or not float(frame["benefit_part"].iloc[-1]) > bound + abs(bound) * 1e-9:
        return None
    return frame


def remuneration_by_author(store: Store, filters: Filters, limit: int = 20) -> pd.DataFrame:
    """metric.min_remuneration per author (per year), the authors owed most first: each applied
    initiative's 7% shared by the authors' recorded shares, or equally where none were recorded.

    From the store's author parts when they are of the data version `store` sees (the candidates' first);
    else from the records (and the parts are built for the next time, when the store can be written)."""
    if author_parts_current(store):
        found = _pay_of_candidates(store, filters, limit) if limit > 0 else None
        if found is not None:
            return found
        return _run(store, _AUTHOR_PAY_STORED_SQL, filters, limit=limit, rate=REMUNERATION_RATE)
    frame = _run(store, _AUTHOR_PAY_SQL, filters, limit=limit, rate=REMUNERATION_RATE)
    store_author_parts(store)
    return frame


def min_remuneration(benefit_vnd: float) -> dict[str, float]:
    """metric.min_remuneration: Nghị định 13/2012 — at least 7% of each year's benefit, for 3 years.

    An estimate: it assumes the recorded benefit is one year's and repeats for the first 3 years.
    """
    per_year = benefit_vnd * REMUNERATION_RATE
    return {"per_year": per_year, "three_years": per_year * REMUNERATION_YEARS}


# ---------------------------------------------------------------------------------------------------------
# Composition: fields and statuses.

_MIX_SQL = with_scope(
    """SELECT CASE WHEN GROUPING(field) = 0 THEN 'field' ELSE 'status' END AS dimension,
              coalesce(field, status) AS key, count(*) AS registered, sum(benefit_vnd) AS benefit_vnd
       FROM f GROUP BY GROUPING SETS ((field), (status))"""
)


def composition(store: Store, filters: Filters) -> dict[str, pd.DataFrame]:
    """Registrations by field and by status, largest first."""
    frame = _run(store, _MIX_SQL, filters)
    return {
        dimension: frame[(frame["dimension"] == dimension) & frame["key"].notna()]
        .drop(columns="dimension")
        .sort_values("registered", ascending=False)
        .reset_index(drop=True)
        for dimension in ("field", "status")
    }


# ---------------------------------------------------------------------------------------------------------
# The records behind a number (data explorer, exports, unit detail).

# Search: the folded search words become a regular expression whose letters match every accented form
# ("bom" -> "b[oòóỏ…ơờ…]m"), so "bom", "bơm" and "BƠM" all find "Cải tiến bơm". A regex on the stored (NFC)
# text is about ten times faster than folding every record's text at query time.
_SEARCHED = """
fs AS (
    SELECT * FROM f
    WHERE $pattern = ''
       OR regexp_matches(f.title, $pattern, 'i') OR regexp_matches(f.code, $pattern, 'i')
       OR regexp_matches(coalesce(f.authors, ''), $pattern, 'i')
       OR f.unit_code IN (SELECT code FROM units WHERE regexp_matches(code, $pattern, 'i')
                          OR regexp_matches(coalesce(short_name, ''), $pattern, 'i')
                          OR regexp_matches(name, $pattern, 'i'))
)"""
# With a search, the matching records are found once (a materialised CTE) for both the page and the count:
# the regular expressions over every title and author are what a search costs (1.3 s at 10,000,000 records).
_SEARCHED_ONCE = _SEARCHED.replace("fs AS (", "fs AS MATERIALIZED (", 1)
# Each order as a fixed ORDER BY (chosen from this table by key, never from input): a plain ORDER BY ... LIMIT
# is a top-N that DuckDB answers without sorting every matching record; the unit's name is joined onto the
# page only. The count comes from its own query (a window count would sort them all).
_RECORD_ORDER_SQL = {
    "registered_desc": "registered_on DESC, code",
    "registered_asc": "registered_on ASC, code",
    "benefit_desc": "benefit_vnd DESC NULLS LAST, code",
    "code_asc": "code",
    "unit_asc": "unit_code ASC, registered_on DESC, code",
}
_RECORDS_PAGE = """SELECT p.code, p.title, p.unit_code AS unit, u.name AS unit_name, p.field, p.status, p.level,
       p.authors, p.author_count, p.registered_on, p.recognized_on, p.applied_on, p.benefit_vnd,
       p.reward_vnd, p.phase{total}
FROM (SELECT * FROM fs ORDER BY {order} LIMIT $limit OFFSET $offset) p
LEFT JOIN units u ON u.code = p.unit_code
ORDER BY {outer}"""
_RECORDS_SQL = {
    (order, searching): with_scope(
        _RECORDS_PAGE.format(
            order=sql,
            outer=", ".join("p." + part for part in sql.split(", ")),
            total=", (SELECT count(*) FROM fs) AS _matches" if searching else "",
        ),
        searched=True,
        search_once=searching,
    )
    for order, sql in _RECORD_ORDER_SQL.items()
    for searching in (False, True)
}
# Sort orders a person may pick (a key of the table above; anything else falls back to the first).
RECORD_ORDERS: tuple[str, ...] = tuple(_RECORD_ORDER_SQL)
NEWEST_FIRST = "registered_desc"  # the default order (the first of RECORD_ORDERS)
_RECORDS_COUNT_SQL = with_scope("SELECT count(*) FROM fs", searched=True)


_ACCENTED = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
    "d": "dđ",
}
_REGEX_SPECIAL = set(".^$*+?()[]{}|\\/-")


def search_examples(store: Store, filters: Filters) -> dict[str, str]:
    """Words that find records in this view, for the search box's placeholder: the newest record's code
    prefix ("DMST-2026"), its unit's short name and the first word of its title longer than three
    letters."""
    rows = _run(store, _EXAMPLES_SQL, filters)
    if rows.empty:
        return {}
    row = rows.iloc[0]
    return examples_from(row["code"], row["title"], row["unit"])


def examples_from(code: str | None, title: str | None, unit: str | None) -> dict[str, str]:
    """The search examples a record gives: its code's prefix, its unit (short name, else code), the first
    word of its title longer than three letters, in lower case."""
    code = str(code or "")
    prefix = code.rsplit("-", 1)[0] if "-" in code else code
    word = next((w for w in str(title or "").split() if len(w) > 3), "")
    return {"code": prefix, "unit": str(unit or ""), "word": word.lower()}


# The records page's default order (NEWEST_FIRST): its first page's first record is this one.
_EXAMPLES_SQL = with_scope(
    """SELECT f.code, f.title, coalesce(u.short_name, f.unit_code) AS unit FROM f
       LEFT JOIN units u ON u.code = f.unit_code
       ORDER BY f.registered_on DESC, f.code LIMIT 1"""
)


def search_key(text: str | None) -> str:
    """The accent- and case-free form of a search ("Bơm" -> "bom")."""
    return strip_accents((text or "").strip().lower())


def search_pattern(text: str | None) -> str:
    """A regular expression (RE2) matching `text` whatever its accents and case; '' matches everything."""
    parts = []
    for char in search_key(text):
        if char in _ACCENTED:
            letters = _ACCENTED[char]
            parts.append(f"[{letters}{letters.upper()}]")
        elif char in _REGEX_SPECIAL:
            parts.append("\\" + char)
        else:
            parts.append(char)
    return "".join(parts)


def records(
    store: Store,
    filters: Filters,
    search: str = "",
    order: str = "registered_desc",
    limit: int | None = 1000,
    offset: int = 0,
) -> pd.DataFrame:
    """The filtered records (a page of them, or all with limit=None), searched in title, code, authors and
    the unit (its code, short name or full name: "PV GAS", "BSR")."""
    return records_page(store, filters, search, order, limit, offset)[0]


def records_page(
    store: Store,
    filters: Filters,
    search: str = "",
    order: str = "registered_desc",
    limit: int | None = 1000,
    offset: int = 0,
) -> tuple[pd.DataFrame, int]:
    """A page of the filtered, searched records and how many match in all."""
    order = order if order in RECORD_ORDERS else NEWEST_FIRST
    pattern = search_pattern(search)
    frame = _run(
        store,
        _RECORDS_SQL[order, bool(pattern)],
        filters,
        pattern=pattern,
        limit=limit if limit is not None else 2**62,
        offset=offset,
    )
    if pattern:  # the count came with the page (from the same search); a page past the end has none
        matches = int(frame["_matches"].iloc[0]) if len(frame) else None
        frame = frame.drop(columns="_matches")
        if matches is not None:
            return frame, matches
    if limit is None and not offset:
        return frame, len(frame)
    return frame, record_count(store, filters, search)


def record_count(store: Store, filters: Filters, search: str = "") -> int:
    return int(_run(store, _RECORDS_COUNT_SQL, filters, pattern=search_pattern(search)).iloc[0, 0])


# ---------------------------------------------------------------------------------------------------------
# Reference lists for the filter widgets.


def filter_options(store: Store) -> dict[str, list]:
    """Programs (each with its periods), units, groups, fields, and the first and last registration day,
    for the sidebar widgets. `phases` holds the periods of the default program (the one a bare link
    opens), as plain rows."""
    units = store.df("SELECT code, name, short_name, group_name, parent_code FROM units ORDER BY code")
    fields = store.df(
        "SELECT field, count(*) AS n FROM initiatives WHERE field IS NOT NULL GROUP BY field ORDER BY n DESC, field"
    )
    found = programs(store)
    bounds = store.rows("SELECT min(registered_on), max(registered_on) FROM initiatives")[0]
    default = pg.default_program(found, None, bounds[1])
    phases = [
        {"phase": p.period, "name": p.name, "start_on": p.start_on, "end_on": p.end_on, "target": p.target}
        for p in (default.periods if default else ())
    ]
    per_program = store.rows(
        "SELECT program_code, max(registered_on) FROM initiatives WHERE program_code IS NOT NULL GROUP BY 1"
    )
    return {
        "units": units.to_dict("records"),
        "groups": sorted(g for g in units["group_name"].dropna().unique()),
        "fields": fields["field"].tolist(),
        "phases": phases,
        "programs": found,
        "default_program": default.code if default else None,
        "program_last_day": dict(per_program),
        "unit_changes": bool(unit_changes(store)),
        "first_day": bounds[0],
        "last_day": bounds[1],
    }
