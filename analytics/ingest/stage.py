"""Staging: the file's cells into the TEMP table `ingest_raw` (as text, in file order), read by DuckDB itself
wherever it can, and the hints with which a read that must be done differently starts the import again.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics.ingest import sql as q
from analytics.ingest.delimited import (
    Layout,
    Refused,
    csv_source_sql,
    read_sheet,
    scan_bytes,
    sheet_frame,
    transcode,
)


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
    """Reads the file into `ingest_raw` (the cells as text, in file order), choosing how DuckDB reads it."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, shape: q.Shape, hints: Hints) -> None:
        self.cur, self.shape, self.hints = cur, shape, hints
        self.rows = 0
        self.rid_base = 0
        self.sha256: str | None = None

    def _run(self, source: str, source_params: dict) -> int:
        try:
            self.cur.execute(q.raw_sql(source), source_params)
        except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
            message = str(exc)
            if "CSV" not in message or "parallel" in message.lower() or "unicode" in message.lower():
                raise  # not the file's fault, or a case the caller retries differently
            raise Refused("unreadable", detail=message.splitlines()[0][:200]) from None
        low, high, count = self.cur.execute(
            "SELECT min(rowid), max(rowid), count(*) FROM ingest_raw"
        ).fetchone()
        if count and high - low + 1 != count:  # never seen; a fresh copy in file order has dense rowids
            self.cur.execute(
                "CREATE OR REPLACE TEMP TABLE ingest_raw AS SELECT * FROM ingest_raw ORDER BY rowid"
            )
            low = self.cur.execute("SELECT min(rowid) FROM ingest_raw").fetchone()[0]
        self.rid_base = int(low or 0)
        return int(count)

    def csv(self, path: Path, folder: Path, layout: Layout, step) -> None:
        """A UTF-8 NFC file is read by DuckDB as it is, while its bytes are scanned (digest, lines, combining
        marks) on a second thread; anything else is first transcoded to a temporary UTF-8 NFC file."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            scan = pool.submit(scan_bytes, path)
            rows: int | None = None
            if layout.encoding in ("utf-8", "utf-8-sig") and not self.hints.transcode:
                try:
                    rows = self._read_csv(path, layout)
                except duckdb.InvalidInputException as exc:
                    if "unicode" not in str(exc).lower():
                        raise
                    scan.result()
                    warnings = [("bad_bytes", {})]
                    raise Retry(Hints(self.hints.serial, True, warnings)) from None
            scanned = scan.result()
        self.sha256 = scanned.sha256
        step(0.4, "read")
        if rows is not None and scanned.combining:
            rows = None
        # Fewer rows than lines: blank lines (which DuckDB drops, shifting row numbers) or cells that hold
        # line breaks (harmless). Only the first needs the slower, exact path.
        if (
            rows is not None
            and rows + layout.skip_lines != scanned.lines
            and scan_bytes(path, look_for_blank_lines=True).blank_lines
        ):
            rows = None
        if rows is None:
            target = folder / "utf8.csv"
            transcode(
                path,
                target,
                layout.encoding or "utf-8",
                layout.delimiter or ",",
                errors="replace",
                progress=lambda f, _: step(0.05 + 0.3 * f, "transcode"),
            )
            try:
                rows = self._read_csv(target, layout)
            except duckdb.InvalidInputException as exc:  # even clean UTF-8 did not read: not a table
                raise Refused("unreadable", detail=str(exc).splitlines()[0][:200]) from None
        self.rows = rows

    def _read_csv(self, path: Path, layout: Layout) -> int:
        source, extra = csv_source_sql(self.shape.width + self.shape.spare)
        params = {"path": str(path), "skip": layout.skip_lines, "delim": layout.delimiter or ",", **extra}
        try:
            return self._run(source, {**params, "parallel": not self.hints.serial})
        except duckdb.Error as exc:
            if "parallel" not in str(exc).lower() or self.hints.serial:
                raise
            # Cells with line breaks and short rows together need the single-threaded reader.
            raise Retry(Hints(True, self.hints.transcode, self.hints.warnings)) from None

    def sheet(self, path: Path, layout: Layout) -> None:
        self.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        _, _, cells = read_sheet(path, layout.sheet)
        frame = sheet_frame(cells, layout.header_row - 1, self.shape.width)
        del cells
        self.cur.register("ingest_frame", frame)  # stays registered for a re-read; the cursor closes after
        columns = ", ".join(f"CAST({q.col(i)} AS VARCHAR) AS {q.col(i)}" for i in range(self.shape.width))
        self.rows = self._run(f"(SELECT {columns} FROM ingest_frame)", {})  # noqa: S608
