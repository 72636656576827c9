"""Which program (and which of its periods) each imported record belongs to.

A record belongs to the program whose window holds its registration day. Where two programs' windows
overlap, it belongs to the program chosen for the import (the Data page asks; `import --program CODE`);
without a choice such a file is refused, saying which programs and how many records. A record dated outside
every window belongs to the chosen program, else to the latest program begun by its day, else to the first
one, and the report says how many. Its period is the program's period holding the day (none when no
period does). A file whose records fall in several programs is split between them, and the report says so.

The SQL here is constant text; the programs' codes and dates are parameters ($ac0, $as0, $ae0 ...).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import duckdb

from analytics.ingest.layout import Refused


@dataclass(frozen=True)
class Window:
    code: str
    name: str
    start_on: dt.date
    end_on: dt.date


@dataclass(frozen=True)
class Assignment:
    """The programs in the order a record's day is matched against them (the chosen one first, then the
    latest started), their periods, and the SQL expressions and parameters that assign them."""

    windows: tuple[Window, ...]
    periods: tuple[tuple[str, int, dt.date, dt.date], ...]
    chosen: str | None
    only: str | None = None  # every record of the file belongs to this program (see `within`)

    def within(self, first: dt.date | None, last: dt.date | None) -> Assignment:
        """The same plan, knowing the file's records run from `first` to `last`: when one program's window
        holds them all and no other window meets that span, every record is that program's, and the SQL
        needs no per-row choice of program (the usual file: one program's records)."""
        if first is None or last is None:
            return self
        holding = [w for w in self.windows if w.start_on <= first and last <= w.end_on]
        meeting = [w for w in self.windows if w.start_on <= last and first <= w.end_on]
        if len(holding) == 1 and len(meeting) == 1:
            return replace(self, only=holding[0].code)
        return self

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for i, w in enumerate(self.windows):
            out[f"ac{i}"], out[f"as{i}"], out[f"ae{i}"] = w.code, w.start_on, w.end_on
        for i, (code, number, start, end) in enumerate(self.periods):
            out[f"pc{i}"], out[f"pn{i}"], out[f"ps{i}"], out[f"pe{i}"] = code, number, start, end
        if self.windows:
            out["afirst"] = min(self.windows, key=lambda w: (w.start_on, w.code)).code
        if self.chosen:
            out["achosen"] = self.chosen
        if self.only:
            out["aonly"] = self.only
        return out

    def program_sql(self, day: str) -> str:
        """The program of a record registered on `day` (a column expression)."""
        if not self.windows:
            return "NULL::VARCHAR"
        if self.only:
            return "$aonly"
        inside = " ".join(
            f"WHEN {day} BETWEEN $as{i} AND $ae{i} THEN $ac{i}" for i in range(len(self.windows))
        )
        if self.chosen:
            return f"CASE {inside} ELSE $achosen END"
        latest = sorted(range(len(self.windows)), key=lambda i: self.windows[i].start_on, reverse=True)
        begun = " ".join(f"WHEN {day} >= $as{i} THEN $ac{i}" for i in latest)
        return f"CASE {inside} {begun} ELSE $afirst END"

    def phase_sql(self, program: str, day: str) -> str:
        """The period number of a record of `program` registered on `day` (NULL when no period holds it)."""
        if not self.periods:
            return "NULL::INTEGER"
        if self.only:  # that program's periods only, and no need to compare the program
            mine = [i for i, p in enumerate(self.periods) if p[0] == self.only]
            if not mine:
                return "NULL::INTEGER"
            return (
                "CASE " + " ".join(f"WHEN {day} BETWEEN $ps{i} AND $pe{i} THEN $pn{i}" for i in mine) + " END"
            )
        whens = " ".join(
            f"WHEN {program} = $pc{i} AND {day} BETWEEN $ps{i} AND $pe{i} THEN $pn{i}"
            for i in range(len(self.periods))
        )
        return f"CASE {whens} END"

    def overlap_sql(self, day: str) -> str:
        """How many programs' windows hold `day`."""
        if not self.windows:
            return "0"
        return " + ".join(
            f"CAST({day} BETWEEN $as{i} AND $ae{i} AS INTEGER)" for i in range(len(self.windows))
        )

    def inside_sql(self, day: str) -> str:
        if not self.windows:
            return "false"
        return " OR ".join(f"{day} BETWEEN $as{i} AND $ae{i}" for i in range(len(self.windows)))

    def name_of(self, code: str | None) -> str:
        return next((w.name for w in self.windows if w.code == code), code or "")


def assignment(cur: duckdb.DuckDBPyConnection, chosen: str | None) -> Assignment:
    """The store's programs for an import, `chosen` (a program code, or None) first. An unknown code is
    refused, naming the known ones."""
    rows = cur.execute(
        "SELECT code, name, start_on, end_on FROM programs ORDER BY start_on DESC, code"
    ).fetchall()
    windows = [Window(*row) for row in rows]
    if chosen is not None and chosen not in {w.code for w in windows}:
        raise Refused("unknown_program", program=chosen, known=", ".join(w.code for w in windows))
    windows.sort(key=lambda w: w.code != chosen)  # stable: the chosen one first, then the latest started
    periods = cur.execute(
        "SELECT program_code, period, start_on, end_on FROM periods ORDER BY program_code, start_on"
    ).fetchall()
    return Assignment(tuple(windows), tuple(periods), chosen)


_PARAM = re.compile(r"\$([a-z_0-9]+)")


def used(sql: str, params: dict[str, object]) -> dict[str, object]:
    """The parameters `sql` mentions (DuckDB refuses the others)."""
    names = set(_PARAM.findall(sql))
    return {k: v for k, v in params.items() if k in names}


# Rows that become records (or update them): the ones a program is assigned to.
_KEPT = "action IN ('insert', 'update', 'unchanged')"


def split(
    cur: duckdb.DuckDBPyConnection, plan: Assignment
) -> tuple[list[tuple[str, int]], int, int, list[str]]:
    """The file's records per program, how many fall outside every window, and how many fall in two
    windows or more (and which programs those are), from the classified rows (`ingest_rows`)."""
    if not plan.windows:
        return [], 0, 0, []
    program = plan.program_sql("registered_on")
    sql = f"""SELECT {program} AS program, count(*) AS n,
                     count(*) FILTER (WHERE NOT ({plan.inside_sql("registered_on")})) AS outside,
                     count(*) FILTER (WHERE ({plan.overlap_sql("registered_on")}) >= 2) AS overlap
              FROM ingest_rows WHERE {_KEPT} GROUP BY ALL ORDER BY n DESC, program"""  # noqa: S608
    rows = cur.execute(sql, used(sql, plan.params())).fetchall()
    shares = [(code, int(n)) for code, n, _, _ in rows]
    outside = sum(int(r[2]) for r in rows)
    overlap = sum(int(r[3]) for r in rows)
    overlapping: list[str] = []
    if overlap:
        flags = ", ".join(
            f"bool_or(registered_on BETWEEN $as{i} AND $ae{i} AND ({plan.overlap_sql('registered_on')}) >= 2)"
            for i in range(len(plan.windows))
        )
        sql = f"SELECT {flags} FROM ingest_rows WHERE {_KEPT}"  # noqa: S608
        found = cur.execute(sql, used(sql, plan.params())).fetchone()
        overlapping = [w.code for w, hit in zip(plan.windows, found, strict=True) if hit]
    return shares, outside, overlap, overlapping
