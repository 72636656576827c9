"""Validation: stage the file, then parse, check and classify every row inside DuckDB (insert, update,
unchanged, reject, skip), count them, and collect the rejected rows with their reasons. Nothing is written
to the store's tables here; `writing` does that, on the same cursor, when the import is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from analytics.ingest import sql as q
from analytics.ingest.assign import Assignment, assignment, split
from analytics.ingest.columns import LEVEL_KEYS, LEVEL_WORDS, STATUS_KEYS, STATUS_WORDS, unit_keys
from analytics.ingest.formats import family_of
from analytics.ingest.layout import Limits, Refused
from analytics.ingest.model import Preview, Report, RowError, field_label, unique_names
from analytics.ingest.stage import Hints, Stage
from analytics.textnorm import fold_key

MAX_ERRORS = 10_000  # error items kept in a report (the rejected count is always exact)
MAX_REJECT_ROWS = 200_000  # rows in the downloadable rejects file


def check_rows(
    cur: duckdb.DuckDBPyConnection,
    path: Path,
    folder: Path,
    preview: Preview,
    report: Report,
    mode: str,
    units: Sequence[str],
    step,
    hints: Hints,
    limits: Limits | None = None,
    program: str | None = None,
) -> Assignment:
    """Stage the file and classify its rows into `ingest_rows`; fill the report's counts, rejects, the
    programs its records belong to (analytics.ingest.assign) and earlier imports of the same bytes. Raises
    `Refused` for a file with no data rows or too many, or with records in two programs' overlapping
    windows when no program was chosen. Returns how records are assigned to programs and periods."""
    layout = preview.layout
    assert layout is not None
    family = family_of(layout.format)
    assert family is not None  # detection gave the format
    for macro in q.MACROS:
        cur.execute(macro)
    shape = q.Shape(dict(preview.mapping), len(layout.headers), family.spare_columns, dict(preview.scales))
    first_row = layout.header_row + 1
    replace_units = _replace_scope(cur, units, mode)
    params: dict[str, object] = {"first_row": first_row, **_build_lookups(cur, shape, preview)}
    if mode == "replace":
        params["replace_units"] = replace_units
    plan = assignment(cur, program)  # the program and period are assigned when writing (ingest.assign)
    step(0.02, "read")
    stage = Stage(cur, shape, hints)
    family.stage(stage, path, folder, layout, step)
    report.rows_read, report.sha256 = stage.rows, stage.sha256
    max_rows = limits.max_rows if limits else None
    if max_rows is not None and stage.rows > max_rows:
        raise Refused("too_many_rows", rows=stage.rows, max_rows=max_rows)
    params["rid_base"] = stage.rid_base
    # From here on each row carries its file row number (row_no) and every listing sorts by it, so DuckDB
    # may write ingest_rows and the new records in any order: both passes then write in parallel (0.2-0.3 s
    # less per million rows). This cursor's session only; the staging above keeps file order (rowid).
    cur.execute("SET SESSION preserve_insertion_order = false")
    cur.execute(q.rows_sql(shape, mode, 0), params)
    step(0.6, "validate")
    cur.execute(q.dups_sql())
    dups = int(cur.execute("SELECT count(*) FROM ingest_dups").fetchone()[0])
    if dups:
        cur.execute(q.mark_dups_sql())
    span = _count(cur, report)
    if report.rows_read == 0 or report.rows_read == report.skipped:
        raise Refused("header_only")
    plan = _programs(cur, plan.within(*span), report)
    if mode == "replace":
        scope = replace_units or [
            r[0]
            for r in cur.execute(
                "SELECT DISTINCT unit_code FROM ingest_rows WHERE action IN ('insert', 'update', 'unchanged') ORDER BY 1"
            ).fetchall()
        ]
        report.replace_units = list(scope)
        report.deleted = int(cur.execute(q.REPLACED_COUNT, {"scope": report.replace_units}).fetchone()[0])
    if report.rejected:
        _collect_rejects(cur, report, preview, shape, first_row, stage.rid_base)
    if report.sha256:
        report.seen_before = [
            int(r[0])
            for r in cur.execute(
                "SELECT id FROM imports WHERE sha256 = ? AND undone_at IS NULL ORDER BY id", [report.sha256]
            ).fetchall()
        ]
    return plan


def _programs(cur: duckdb.DuckDBPyConnection, plan: Assignment, report: Report) -> Assignment:
    """The report's programs (records per program), and a refusal when records fall in two programs'
    windows and none was chosen; the split and the records outside every window become warnings. A file
    inside one program's window only needs no pass over its rows for this."""
    if plan.only:
        report.programs = [(plan.only, report.inserted + report.updated + report.unchanged)]
        return plan
    shares, outside, overlap, overlapping = split(cur, plan)
    report.programs = shares
    if overlap and plan.chosen is None:
        raise Refused(
            "program_ambiguous",
            records=overlap,
            programs=", ".join(f"{plan.name_of(c)} ({c})" for c in overlapping),
            codes=overlapping,
        )
    if len(shares) > 1:
        parts = ", ".join(f"{plan.name_of(code)}: {n}" for code, n in shares)
        report.warnings.append(("program_split", {"n": len(shares), "parts": parts}))
    if outside:
        names = ", ".join(plan.name_of(code) for code, _ in shares)
        report.warnings.append(("program_outside", {"n": outside, "programs": names}))
    return plan


def _replace_scope(cur: duckdb.DuckDBPyConnection, units: Sequence[str], mode: str) -> list[str]:
    if mode != "replace" or not units:
        return []
    known = unit_keys(_units(cur))
    scope = []
    for unit in units:
        code = known.get(fold_key(unit))
        if code is None:
            raise Refused("unknown_replace_unit", unit=unit)
        scope.append(code)
    return sorted(set(scope))


def _units(cur: duckdb.DuckDBPyConnection) -> list[tuple]:
    return cur.execute("SELECT code, short_name, name, aliases FROM units").fetchall()


def _spellings(texts: Sequence[str | None]) -> set[str]:
    """A name as exports write it: as stored, upper case, lower case, title case."""
    out: set[str] = set()
    for text in texts:
        if text:
            out.update({text, text.upper(), text.lower(), text.title()})
    return out


def _build_lookups(cur: duckdb.DuckDBPyConnection, shape: q.Shape, preview: Preview) -> dict[str, list[str]]:
    """Lookup tables (raw spelling -> canonical value) for units, statuses and levels, built before the file
    is read: every spelling the store and the synonym lists know, and every value in the preview rows,
    each matched in Python with the app's own fold. A spelling met later in the file falls back to the
    SQL fold and the returned key/value lists (see sql._lookup)."""
    units = _units(cur)
    keys_by_name = {"unit": unit_keys(units), "status": STATUS_KEYS, "level": LEVEL_KEYS}
    known = {
        "unit": [t for code, short, name, aliases in units for t in (code, short, name, *(aliases or []))],
        "status": [w for words in STATUS_WORDS.values() for w in words],
        "level": [w for words in LEVEL_WORDS.values() for w in words],
    }
    tables = {"unit": "ingest_units", "status": "ingest_statuses", "level": "ingest_levels"}
    params: dict[str, list[str]] = {}
    layout = preview.layout
    for name, table in tables.items():
        keys = keys_by_name[name]
        spellings = _spellings(known[name])
        if shape.has(name) and layout:
            index = shape.mapping[name]
            spellings.update(str(r[index]) for r in layout.preview if index < len(r) and r[index] is not None)
        pairs = [(raw, keys[fold_key(raw)]) for raw in sorted(spellings) if fold_key(raw) in keys]
        frame = pd.DataFrame(pairs, columns=["raw", "value"], dtype=object)
        cur.register("ingest_pairs", frame)
        try:
            cur.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS "  # noqa: S608
                "SELECT DISTINCT CAST(raw AS VARCHAR) AS raw, CAST(value AS VARCHAR) AS value FROM ingest_pairs"
            )
        finally:
            cur.unregister("ingest_pairs")
        if shape.has(name):
            params[f"{name}_keys"] = list(keys)
            params[f"{name}_values"] = list(keys.values())
    return params


def _count(cur: duckdb.DuckDBPyConnection, report: Report) -> tuple:
    """Fill the report's counts; returns the first and last registration day of the rows that become or
    change records (for the program assignment), in the same pass."""
    rows = cur.execute(
        """SELECT action, count(*), count(*) FILTER (WHERE kept), count(*) FILTER (WHERE _skip = 'blank'),
                  CAST(min(registered_on) AS DATE), CAST(max(registered_on) AS DATE)
           FROM ingest_rows GROUP BY action"""
    ).fetchall()
    counts = {action: (n, kept, blank) for action, n, kept, blank, _, _ in rows}
    days = [(lo, hi) for action, *_, lo, hi in rows if action in ("insert", "update", "unchanged") and lo]
    span = (min(d[0] for d in days), max(d[1] for d in days)) if days else (None, None)
    report.inserted = counts.get("insert", (0, 0, 0))[0]
    report.updated = counts.get("update", (0, 0, 0))[0]
    report.unchanged, report.kept = counts.get("unchanged", (0, 0, 0))[:2]
    report.rejected = counts.get("reject", (0, 0, 0))[0]
    report.skipped = counts.get("skip", (0, 0, 0))[0]
    report.skipped_blank = counts.get("skip", (0, 0, 0))[2]
    report.skipped_total = report.skipped - report.skipped_blank
    report.rows_read = sum(n for n, _, _ in counts.values())
    return span


def _collect_rejects(
    cur: duckdb.DuckDBPyConnection,
    report: Report,
    preview: Preview,
    shape: q.Shape,
    first_row: int,
    rid_base: int,
) -> None:
    """The rejected rows (the file's cells, row number, reason keys) and one error item per bad cell."""
    columns = ", ".join(f"w.{q.col(i)}" for i in range(shape.width + shape.spare))
    sql = (
        f"SELECT r.row_no, r.errors, {columns} FROM ingest_rows r "  # noqa: S608
        "JOIN ingest_raw w ON w.rowid = r.row_no - $first_row + $rid_base WHERE r.action = 'reject' "
        "ORDER BY r.row_no LIMIT $limit"
    )
    rows = cur.execute(
        sql, {"first_row": first_row, "rid_base": rid_base, "limit": MAX_REJECT_ROWS}
    ).fetchall()
    headers = unique_names([preview.header(i) for i in range(shape.width)])
    frame = pd.DataFrame([r[2 : 2 + shape.width] for r in rows], columns=headers, dtype=object)
    frame["_row"] = [r[0] for r in rows]
    frame["_errors"] = [r[1] for r in rows]
    report.rejects = frame
    errors: list[RowError] = []
    count = 0
    for row in rows:
        values = row[2:]
        for item in (row[1] or "").split("|"):
            name, _, reason = item.partition(":")
            count += 1
            if len(errors) >= MAX_ERRORS:
                continue
            if name in shape.mapping:
                index = shape.mapping[name]
                column, value = preview.header(index), values[index]
            elif name == "_row":
                column = ""
                value = " | ".join(str(v) for v in values[shape.width :] if v not in (None, ""))
            else:
                column, value = field_label(name), None
            errors.append(RowError(int(row[0]), column, None if value is None else str(value), reason))
    report.errors = errors
    report.rejected_items = count
