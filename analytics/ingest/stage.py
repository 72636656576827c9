"""Staging: the file's cells into the TEMP table `ingest_raw` (as text, in file order), read by DuckDB itself
wherever it can, and the hints with which a read that must be done differently starts the import again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from analytics.ingest import sql as q
from analytics.ingest.layout import Refused


@dataclass(frozen=True)
class Hints:
    """How to read a CSV this time: single-threaded (cells with line breaks), transcoded (bad bytes)."""

    serial: bool = False
    transcode: bool = False
    warnings: list = field(default_factory=list)


class Retry(Exception):
    """Start the import again with these hints (a failed statement spoils the transaction)."""

    def __init__(self, hints: Hints) -> None:
        super().__init__("retry")
        self.hints = hints


class Stage:
    """The staging of one import: `ingest_raw` (the cells as text, in file order) on the import's cursor,
    filled by the file's family (`Family.stage`), with what that read found (rows, first rowid, digest)."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, shape: q.Shape, hints: Hints) -> None:
        self.cur, self.shape, self.hints = cur, shape, hints
        self.rows = 0
        self.rid_base = 0
        self.sha256: str | None = None
        # What the reader cleaned on the way: control characters, cells with invisible characters, words
        # converted from a font encoding (`delimited.Cleaned`, or the workbook reader's counts).
        self.cleaned: dict[str, int] = {}
        self.sheet_rows: dict[str, int] = {}  # rows staged per sheet (a table over several sheets)
        self.survey: dict[str, int] = {}  # sql.SURVEY -> rows: codes not plain ASCII, authors with a '%'

    def run(self, source: str, source_params: dict) -> int:
        """`ingest_raw` from a table expression (a family's reader gives it); returns its row count."""
        try:
            self.cur.execute(q.raw_sql(source), source_params)
        except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
            message = str(exc)
            if "CSV" not in message or "parallel" in message.lower() or "unicode" in message.lower():
                raise  # not the file's fault, or a case the caller retries differently
            raise Refused("unreadable", detail=message.splitlines()[0][:200]) from None
        # One scan for the bounds and, in the same pass, what the rows hold (`sql.survey_terms`).
        terms = q.survey_terms(self.shape)
        low, high, count, *found = self.cur.execute(
            f"SELECT min(rowid), max(rowid), count(*), {', '.join(terms)} FROM ingest_raw"  # noqa: S608
        ).fetchone()
        self.survey = dict(zip(q.SURVEY, (int(v or 0) for v in found), strict=True))
        if count and high - low + 1 != count:  # never seen; a fresh copy in file order has dense rowids
            self.cur.execute(
                "CREATE OR REPLACE TEMP TABLE ingest_raw AS SELECT * FROM ingest_raw ORDER BY rowid"
            )
            low = self.cur.execute("SELECT min(rowid) FROM ingest_raw").fetchone()[0]
        self.rid_base = int(low or 0)
        return int(count)
