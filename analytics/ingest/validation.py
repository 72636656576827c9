"""Validation: stage the file, then parse, check and classify every row inside DuckDB (insert, update,
unchanged, reject, skip), count them, and collect the rejected rows with their reasons. Nothing is written
to the store's tables here; `writing` does that, on the same cursor, when the import is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics.ingest import sql as q
from analytics.ingest.assign import Assignment, assignment, split
from analytics.ingest.columns import LEVEL_KEYS, LEVEL_WORDS, STATUS_KEYS, STATUS_WORDS, unit_keys
from analytics.ingest.formats import family_of
from analytics.ingest.layout import Limits, Refused
from analytics.ingest.model import (
    SKIP_REASONS,
    Preview,
    Report,
    RowError,
    ShareIssue,
    field_label,
    reason_params,
    unique_names,
)
from analytics.ingest.stage import Hints, Stage
from analytics.textnorm import fold_key

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    pass

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
    for macro in (*q.MACROS, *q.SHARE_MACROS):
        cur.execute(macro)
    forced = layout.date_order if layout.date_order in q.DATE_ORDERS else None
    shape = q.Shape(
        dict(preview.mapping),
        len(layout.headers),
        family.spare_columns,
        dict(preview.scales),
        date_orders={name: forced for name in q.DATE_FIELDS if forced and name in preview.mapping},
        delimiter=layout.delimiter if family.read_by_duckdb else None,
        sheets=bool(layout.parts),
    )
    first_row = layout.data_row
    replace_units = _replace_scope(cur, units, mode)
    params: dict[str, object] = {**_build_lookups(cur, shape, preview)}
    if not shape.sheets:
        params["first_row"] = first_row
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
    survey = stage.survey
    shape = replace(shape, clean_codes=bool(survey.get("codes")), inline_shares=bool(survey.get("percents")))
    cur.execute(q.rows_sql(shape, mode, 0), params)
    step(0.6, "validate")
    rows = _Rows(cur, shape, stage.rid_base, first_row)
    unfinished, bad_dates, shares, span = _settle(rows, report, layout, stage)
    if forced:
        report.date_orders = {name: {"order": forced, "forced": True} for name in shape.date_orders}
    elif bad_dates:
        orders = _date_orders(rows, preview, report)
        if orders:
            shape = replace(shape, date_orders=orders)
            rows.shape = shape
            cur.execute(q.rows_sql(shape, mode, 0), params)
            unfinished, bad_dates, shares, span = _settle(rows, report, layout, stage)
    # The passes after the first, for the files that need them (the counts above say which).
    if unfinished:
        _signature_block(rows)
        _continuations(rows, mode)
    if shares:
        _shares(rows, report, mode)
    if unfinished or shares:
        span = _count(cur, report, layout, stage)[3]
    _cleaned_codes(rows, report)
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
        _collect_rejects(rows, report, preview)
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


def _settle(rows: _Rows, report: Report, layout, stage: Stage) -> tuple:
    """A code's later occurrences rejected, then the counts (and what the passes after the first need)."""
    cur, shape = rows.cur, rows.shape
    if cur.execute(q.REPEATED_CODES).fetchone()[0]:
        cur.execute(q.dups_sql(shape))
        cur.execute(q.mark_dups_sql(shape))
    else:
        cur.execute(q.no_dups_sql(shape))
    return _count(cur, report, layout, stage)


class _Rows:
    """The classified rows of one import (`ingest_rows`) beside the staged cells (`ingest_raw`): the joins
    and row numbers the passes after the first one share."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, shape: q.Shape, rid_base: int, first_row: int) -> None:
        self.cur, self.shape, self.rid_base, self.first_row = cur, shape, rid_base, first_row

    def pos(self, alias: str = "") -> str:
        """The column that orders the rows as the file ran (`sql.position`), with a table alias."""
        return f"{alias + '.' if alias else ''}{q.position(self.shape)}"

    def sheet(self, alias: str = "") -> str:
        """A row's sheet (NULL for one file)."""
        return f"{alias + '.' if alias else ''}_sheet" if self.shape.sheets else "NULL::VARCHAR"

    def raw_join(self) -> str:
        """ingest_rows r's staged cells, ingest_raw w."""
        if self.shape.sheets:
            return "JOIN ingest_raw w ON w.rowid = r._pos + $rid_base"
        return "JOIN ingest_raw w ON w.rowid = r.row_no - $first_row + $rid_base"

    def raw_row(self) -> str:
        """SQL: a staged row's number in its file or sheet (ingest_raw aliased w)."""
        return "w._row" if self.shape.sheets else "(w.rowid - $rid_base + $first_row)"

    def raw_sheet(self) -> str:
        return "w._sheet" if self.shape.sheets else "NULL::VARCHAR"

    def params(self, sql: str, **extra: object) -> dict[str, object]:
        """The parameters a statement uses (DuckDB refuses unused ones)."""
        values = {"rid_base": self.rid_base, "first_row": self.first_row, **extra}
        return {k: v for k, v in values.items() if f"${k}" in sql}

    def run(self, sql: str, **extra: object) -> list[tuple]:
        return self.cur.execute(sql, self.params(sql, **extra)).fetchall()


# A date only month-first reads (its second part above 12), and one only day-first reads (its first).
_MDY_PROOF = r"\s*(0?[1-9]|1[0-2])[/.-](1[3-9]|2[0-9]|3[01])[/.-]([0-9]{2}|[0-9]{4})([ T].*)?"
_DMY_PROOF = r"\s*(1[3-9]|2[0-9]|3[01])[/.-](0?[1-9]|1[0-2])[/.-]([0-9]{2}|[0-9]{4})([ T].*)?"
EVIDENCE_ROWS = 5  # rows named as proof of a column's date order


def _date_orders(rows: _Rows, preview: Preview, report: Report) -> dict[str, str]:
    """Each date column's order, proven from its values: a column with a date that reads only month-first
    (05/25/2022) and none that reads only day-first (25/05/2022) is month-first throughout; one with both
    is refused, naming the rows that prove each order. Never a silent swap: a column with no proof either
    way is read day-first, as Vietnamese exports write it."""
    orders: dict[str, str] = {}
    shape = rows.shape
    for name in q.DATE_FIELDS:
        if not shape.has(name):
            continue
        cell = f"w.{shape.raw(name)}"
        mdy = rows.run(
            f"""SELECT r.row_no, {rows.sheet("r")}, {cell} FROM ingest_rows r {rows.raw_join()}
                WHERE r.action = 'reject' AND contains(r.errors, '{name}:bad_date')
                  AND regexp_full_match({cell}, '{_MDY_PROOF}')
                ORDER BY {rows.pos("r")} LIMIT {EVIDENCE_ROWS}"""  # noqa: S608
        )
        if not mdy:
            continue
        dmy = rows.run(
            f"""SELECT {rows.raw_row()}, {rows.raw_sheet()}, {cell} FROM ingest_raw w
                WHERE regexp_full_match({cell}, '{_DMY_PROOF}') ORDER BY w.rowid LIMIT {EVIDENCE_ROWS}"""  # noqa: S608
        )
        column = preview.header(shape.mapping[name])
        if dmy:
            raise Refused(
                "mixed_date_order",
                column=column,
                dmy_rows=_rows_text(dmy),
                mdy_rows=_rows_text(mdy),
                dmy_example=str(dmy[0][2]).strip(),
                mdy_example=str(mdy[0][2]).strip(),
            )
        orders[name] = "mdy"
        report.date_orders[name] = {
            "order": "mdy",
            "column": column,
            "rows": [int(r[0]) for r in mdy],
            "example": str(mdy[0][2]).strip(),
        }
    return orders


def _rows_text(found: list[tuple]) -> str:
    return ", ".join(f"{r[1]}!{r[0]}" if r[1] else str(r[0]) for r in found)


def _signature_block(rows: _Rows) -> None:
    """The signature block under a report's table ("Người lập biểu", "Thủ trưởng đơn vị", the place and date,
    the names under them): from its first line to the end of the table (of each sheet), the rows without a
    date and without a code or a title are skipped as 'signature', not rejected."""
    width = rows.shape.width
    cells = ", ".join(f"w.{q.col(i)}" for i in range(width))
    marker = (
        f"regexp_matches(ingest_fold(concat_ws(' ', {cells})), '{q.SIGNATURE_PATTERN}') "
        f"OR regexp_matches(concat_ws(' ', {cells}), '{q.PLACE_DATE_PATTERN}')"
    )
    candidate = "r.action = 'reject' AND r.registered_on IS NULL AND (r.code IS NULL OR r.title IS NULL)"
    starts = rows.run(
        f"""SELECT coalesce({rows.sheet("r")}, ''), min({rows.pos("r")}) FROM ingest_rows r {rows.raw_join()}
            WHERE {candidate} AND ({marker}) GROUP BY 1"""  # noqa: S608
    )
    for sheet, start in starts:
        rows.cur.execute(
            f"""UPDATE ingest_rows SET _skip = 'signature', action = 'skip', errors = NULL
                WHERE coalesce({rows.sheet()}, '') = $sheet AND {rows.pos()} >= $start
                  AND {candidate.replace("r.", "")}""",  # noqa: S608
            {"sheet": sheet, "start": start},
        )


def _continuations(rows: _Rows, mode: str) -> None:
    """Co-authors written on the rows under their record (cells merged down, or an empty code and title
    under it): each such row's authors (and shares) join the record above it, and the row is skipped as
    'continuation'. A row with nothing above it but a blank or skipped row stays rejected."""
    shape = rows.shape
    if not (shape.has("authors") or shape.has("coauthors") or shape.has("author_shares")):
        return
    unit = "contains(errors, 'unit:missing')" if shape.has("unit") else "true"
    cont = (
        "action = 'reject' AND registered_on IS NULL AND code IS NULL AND title IS NULL AND "
        f"(authors IS NOT NULL OR author_shares IS NOT NULL) AND {unit}"
    )
    pos, sheet = rows.pos(), rows.sheet()
    rows.cur.execute(
        f"""CREATE OR REPLACE TEMP TABLE ingest_cont AS
            WITH c AS (SELECT {pos} AS pos, coalesce({sheet}, '') AS sheet, authors, author_shares
                       FROM ingest_rows WHERE {cont}),
                 o AS (SELECT {pos} AS pos, coalesce({sheet}, '') AS sheet, code, _skip
                       FROM ingest_rows WHERE NOT ({cont}))
            SELECT c.*, o.pos AS owner FROM c ASOF JOIN o ON c.sheet = o.sheet AND c.pos > o.pos
            WHERE o.code IS NOT NULL AND o._skip IS NULL"""  # noqa: S608
    )
    joined = rows.run("SELECT count(*) FROM ingest_cont")[0][0]
    if not joined:
        return
    names = "len(string_split(coalesce({0}, ''), ';')) * ({0} IS NOT NULL)::INTEGER"
    count = (
        "ingest_rows.author_count" if shape.has("author_count") else "len(string_split(j.authors_all, ';'))"
    )
    rows.cur.execute(
        f"""UPDATE ingest_rows SET authors = j.authors_all, author_count = {count},
                   author_shares = CASE WHEN ingest_rows.author_shares IS NOT NULL OR j.any_shares THEN
                       list_concat(coalesce(ingest_rows.author_shares,
                                            list_resize([]::DOUBLE[], {names.format("ingest_rows.authors")})),
                                   j.more_shares) END
            FROM (SELECT k.owner, concat_ws('; ', o.authors, k.more) AS authors_all, k.more_shares, k.any_shares
                  FROM (SELECT owner, string_agg(authors, '; ' ORDER BY pos) AS more,
                               flatten(list(coalesce(author_shares, list_resize([]::DOUBLE[], {names.format("authors")}))
                                            ORDER BY pos)) AS more_shares,
                               bool_or(author_shares IS NOT NULL) AS any_shares
                        FROM ingest_cont GROUP BY owner) k
                  JOIN ingest_rows o ON o.{pos} = k.owner) j
            WHERE ingest_rows.{pos} = j.owner"""  # noqa: S608
    )
    rows.cur.execute(
        f"""UPDATE ingest_rows SET _skip = 'continuation', action = 'skip', errors = NULL
            WHERE {pos} IN (SELECT pos FROM ingest_cont)"""  # noqa: S608
    )
    rows.cur.execute(
        "CREATE OR REPLACE TEMP TABLE ingest_owners AS SELECT DISTINCT owner AS pos FROM ingest_cont"
    )
    statement = q.reclassify_sql(shape, mode, "ingest_owners")
    if statement:
        rows.cur.execute(statement)


SHARE_ISSUES = 200  # share problems listed in a report (the count is exact)


def _shares(rows: _Rows, report: Report, mode: str) -> None:
    """Authors' shares: written as fractions (0,6 and 0,4) made percentages; a record whose shares cannot be
    matched to its authors (more or fewer shares than names) keeps none; shares that do not add up to 100,
    or that some authors lack, are listed in the report (the record is imported all the same)."""
    cur = rows.cur
    fraction = "list_max(author_shares) <= 1 AND abs(list_sum(author_shares) - 1) < 0.011"
    unmatched = "len(author_shares) <> len(string_split(coalesce(authors, ''), ';'))"
    cur.execute(
        f"""CREATE OR REPLACE TEMP TABLE ingest_share_fix AS SELECT {rows.pos()} AS pos FROM ingest_rows
            WHERE author_shares IS NOT NULL AND (({fraction}) OR {unmatched})"""  # noqa: S608
    )
    cur.execute(
        f"""UPDATE ingest_rows SET author_shares = list_transform(author_shares, lambda x: x * 100)
            WHERE author_shares IS NOT NULL AND {fraction}"""  # noqa: S608
    )
    found = rows.run(
        f"""SELECT row_no, {rows.sheet()}, list_sum(author_shares), len(author_shares),
                   len(list_filter(author_shares, lambda x: x IS NULL)), count(*) OVER () AS n
            FROM ingest_rows
            WHERE author_shares IS NOT NULL AND action IN ('insert', 'update', 'unchanged', 'reject')
              AND ({unmatched} OR len(list_filter(author_shares, lambda x: x IS NULL)) > 0
                   OR abs(coalesce(list_sum(author_shares), 0) - 100) > 0.5)
            ORDER BY {rows.pos()} LIMIT {SHARE_ISSUES}"""  # noqa: S608
    )
    if found:
        report.share_issues_count = int(found[0][5])
        report.share_issues = [
            ShareIssue(int(r[0]), r[1], None if r[2] is None else round(float(r[2]), 1), int(r[3]), int(r[4]))
            for r in found
        ]
    clear = f"UPDATE ingest_rows SET author_shares = NULL WHERE author_shares IS NOT NULL AND {unmatched}"  # noqa: S608
    cur.execute(clear)
    statement = q.reclassify_sql(rows.shape, mode, "ingest_share_fix")
    if statement:
        cur.execute(statement)


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
            shown = preview.rows(shape.mapping)
            spellings.update(str(r[index]) for r in shown if index < len(r) and r[index] is not None)
        pairs = [(raw, keys[fold_key(raw)]) for raw in sorted(spellings) if fold_key(raw) in keys]
        # Bound as two lists (no DataFrame: a CSV's import never loads pandas).
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS "  # noqa: S608
            "SELECT DISTINCT CAST(raw AS VARCHAR) AS raw, CAST(value AS VARCHAR) AS value "
            "FROM (SELECT unnest(CAST($raw AS VARCHAR[])) AS raw, unnest(CAST($value AS VARCHAR[])) AS value)",
            {"raw": [r for r, _ in pairs], "value": [v for _, v in pairs]},
        )
        if shape.has(name):
            params[f"{name}_keys"] = list(keys)
            params[f"{name}_values"] = list(keys.values())
    return params


def _count(cur: duckdb.DuckDBPyConnection, report: Report, layout, stage: Stage) -> tuple:
    """The report's counts; returns, from the same scan, the rejected rows without a date and without a code
    or a title (what a signature block or a co-author under a record leaves), the rows rejected for a date,
    and the rows with shares, and the first and last registration day of the rows that become or change
    records (for the program assignment)."""
    rows = cur.execute(
        """SELECT action, coalesce(_skip, ''), count(*), count(*) FILTER (WHERE kept),
                  count(*) FILTER (WHERE action = 'reject' AND registered_on IS NULL AND (code IS NULL OR title IS NULL)),
                  count(*) FILTER (WHERE action = 'reject' AND contains(errors, ':bad_date')),
                  count(author_shares), CAST(min(registered_on) AS DATE), CAST(max(registered_on) AS DATE)
           FROM ingest_rows GROUP BY ALL"""
    ).fetchall()
    counts: dict[str, int] = {}
    skipped_by: dict[str, int] = {}
    kept = unfinished = bad_dates = shares = 0
    days = [(lo, hi) for action, *_, lo, hi in rows if action in ("insert", "update", "unchanged") and lo]
    span = (min(d[0] for d in days), max(d[1] for d in days)) if days else (None, None)
    for action, skip, n, kept_n, unfinished_n, bad_dates_n, shares_n, _, _ in rows:
        counts[action] = counts.get(action, 0) + n
        kept += kept_n
        unfinished, bad_dates, shares = unfinished + unfinished_n, bad_dates + bad_dates_n, shares + shares_n
        if skip:
            skipped_by[skip] = skipped_by.get(skip, 0) + n
    # The row of column numbers under a report's header is read with the header, not staged: counted here.
    numbering = (
        sum(1 for p in layout.parts if p.numbering_row) if layout.parts else int(bool(layout.numbering_row))
    )
    if numbering:
        skipped_by["numbering"] = numbering
        counts["skip"] = counts.get("skip", 0) + numbering
    report.inserted = counts.get("insert", 0)
    report.updated = counts.get("update", 0)
    report.unchanged, report.kept = counts.get("unchanged", 0), kept
    report.rejected = counts.get("reject", 0)
    report.skipped = counts.get("skip", 0)
    report.skipped_by = {k: skipped_by[k] for k in SKIP_REASONS if skipped_by.get(k)}
    report.skipped_blank = skipped_by.get("blank", 0)
    report.skipped_total = skipped_by.get("total", 0)
    report.rows_read = sum(counts.values())
    report.cleaned = {k: v for k, v in stage.cleaned.items() if v}
    if layout.parts:
        per_sheet = cur.execute("SELECT _sheet, action, count(*) FROM ingest_rows GROUP BY ALL").fetchall()
        sheets: dict[str, dict[str, int]] = {
            p.sheet: {"rows": 0, **{a: 0 for a in ("insert", "update", "unchanged", "reject", "skip")}}
            for p in layout.parts
        }
        for sheet, action, n in per_sheet:
            sheets[sheet][action] += n
            sheets[sheet]["rows"] += n
        for part in layout.parts:
            if part.numbering_row:
                sheets[part.sheet]["skip"] += 1
                sheets[part.sheet]["rows"] += 1
        report.sheets = [{"sheet": name, **values} for name, values in sheets.items()]
        report.skipped_sheets = [{"sheet": name, "reason": reason} for name, reason in layout.skipped_sheets]
    return unfinished, bad_dates, shares, span


def _cleaned_codes(rows: _Rows, report: Report) -> None:
    """Codes DuckDB read itself that held invisible characters (the file's other cells were read as they
    are): counted only in a file with a code that is not plain ASCII, which is rare."""
    shape = rows.shape
    if not shape.clean_codes:
        return
    cell = shape.raw("code")
    n = rows.run(
        f"""SELECT count(*) FROM ingest_raw WHERE strlen({cell}) <> length({cell})
            AND ingest_code({cell}) IS DISTINCT FROM ingest_txt({cell})"""  # noqa: S608
    )[0][0]
    if n:
        report.cleaned["codes"] = report.cleaned.get("codes", 0) + int(n)


def _collect_rejects(rows: _Rows, report: Report, preview: Preview) -> None:
    """The rejected rows (the file's cells, row number, reason keys) and one error item per bad cell."""
    import pandas as pd  # here: only a file with rejected rows needs it (a clean CSV's import never loads it)

    shape = rows.shape
    columns = ", ".join(f"w.{q.col(i)}" for i in range(shape.width + shape.spare))
    sql = (
        f"SELECT r.row_no, r.errors, {rows.sheet('r')}, {columns} FROM ingest_rows r {rows.raw_join()} "  # noqa: S608
        f"WHERE r.action = 'reject' ORDER BY {rows.pos('r')} LIMIT $limit"
    )
    found = rows.run(sql, limit=MAX_REJECT_ROWS)
    headers = unique_names([preview.header(i) for i in range(shape.width)])
    frame = pd.DataFrame([r[3 : 3 + shape.width] for r in found], columns=headers, dtype=object)
    frame["_row"] = [r[0] for r in found]
    frame["_errors"] = [r[1] for r in found]
    if shape.sheets:
        frame["_sheet"] = [r[2] for r in found]
    report.rejects = frame
    errors: list[RowError] = []
    count = 0
    for row in found:
        values = row[3:]
        for item in (row[1] or "").split("|"):
            name, _, reason = item.partition(":")
            reason, _, detail = reason.partition("#")
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
            params = reason_params(name, reason, detail)
            errors.append(
                RowError(int(row[0]), column, None if value is None else str(value), reason, row[2], params)
            )
    report.errors = errors
    report.rejected_items = count
