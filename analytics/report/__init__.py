"""The meeting report, from a view (filters) to the file the union files: DOCX, PDF or XLSX.

    report = build_report(store, filters, lang)          # what it says (analytics.report.model)
    data = render(report, "docx", store)                 # the file, charts drawn once per figure

and `python -m analytics report ... --format docx|pdf|xlsx --out FILE` for scheduled reports (exit 0 with
the file written, 2 for bad arguments). The Report page calls the same functions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from analytics import metrics
from analytics.filters import Filters
from analytics.i18n import Lang, as_lang, fmt_date, t
from analytics.report.images import ChartImages, render_charts
from analytics.report.model import Report, ReportMeta, build_report
from analytics.store import Store, default_db_path, open_store

FORMATS: tuple[str, ...] = ("docx", "pdf", "xlsx")
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PLACE_ENV = "SANGKIEN_REPORT_PLACE"  # the place on the date line of command-line reports (default Hà Nội)
NUMBER_ENV = "SANGKIEN_REPORT_NUMBER"  # the document number (default ".../BC-CĐDK", filled in by hand)

__all__ = [
    "FORMATS",
    "MIME_TYPES",
    "Report",
    "ReportMeta",
    "build_report",
    "chart_images",
    "cmd_report",
    "file_name",
    "render",
    "report_filters",
]


def report_filters(view: Filters, phase: int | None, units: Sequence[str], as_of: dt.date | None) -> Filters:
    """The view's filters narrowed to the report's scope: a phase (or all), chosen units (or all; they
    replace unit groups), and the as-of day. Fields, statuses and dates chosen in the view still apply."""
    return view.with_(phase=phase, units=tuple(dict.fromkeys(units)), groups=(), as_of=as_of)


def chart_images(report: Report) -> ChartImages:
    """The report's charts as PNG (drawn in one browser session; cached by figure, so a second format of
    the same report draws nothing)."""
    return render_charts((chart.key, chart.figure) for chart in report.charts())


def render(report: Report, fmt: str, store: Store | None = None, images: ChartImages | None = None) -> bytes:
    """The report as a file in `fmt`. DOCX and PDF carry the charts as images (drawn here unless given);
    XLSX draws its own native charts and needs the store for the records sheet."""
    if fmt == "xlsx":
        from analytics.report.xlsx import to_xlsx

        if store is None:
            raise ValueError("the XLSX report needs the store for its records sheet")
        records = metrics.records(store, report.filters, limit=None, order="code_asc")
        return to_xlsx(report, records)
    images = images if images is not None else chart_images(report)
    if fmt == "docx":
        from analytics.report.docx import to_docx

        return to_docx(report, images)
    if fmt == "pdf":
        from analytics.report.pdf import to_pdf

        return to_pdf(report, images)
    raise ValueError(f"unknown report format: {fmt}")


def file_name(report: Report, fmt: str) -> str:
    """ "bao-cao-sang-kien-2022-05-31.docx": the as-of day in the name, so files sort by date."""
    day = report.as_of.isoformat() if report.as_of else "no-data"
    return f"{t('report.file', report.lang)}-{day}.{fmt}"


# ---------------------------------------------------------------------------------------------------------
# The command line.


class _BadArguments(Exception):
    """A report argument that cannot be right (unknown unit or phase, bad date, missing store)."""


def _parse_as_of(value: str | None, lang: Lang) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _BadArguments(t("cli.bad_date", lang, value=value)) from None


def _check_scope(store: Store, phase: int | None, units: Sequence[str], lang: Lang) -> None:
    """Unknown unit codes or phases are a mistake in the command, not an empty report."""
    options = metrics.filter_options(store)
    known_units = [u["code"] for u in options["units"]]
    unknown = [u for u in units if u not in known_units]
    if unknown:
        raise _BadArguments(
            t("report.cli.unknown_unit", lang, codes=", ".join(unknown), known=", ".join(known_units))
        )
    known_phases = [int(p["phase"]) for p in options["phases"]]
    if phase is not None and phase not in known_phases:
        raise _BadArguments(
            t("report.cli.unknown_phase", lang, phase=phase, known=", ".join(map(str, known_phases)))
        )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a scheduled job never leaves half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_report(args: argparse.Namespace) -> int:
    """`python -m analytics report`: exit 0 with the file written, 2 for bad arguments (message on stderr)."""
    lang = as_lang(getattr(args, "lang", "vi"))
    try:
        as_of = _parse_as_of(args.as_of, lang)
        db = Path(args.db) if args.db else default_db_path()
        if not db.exists():
            raise _BadArguments(t("store.missing", lang, path=db))
        out = Path(args.out)
        if not out.parent.is_dir():
            raise _BadArguments(t("report.cli.no_folder", lang, path=out.parent))
        store = open_store(db, read_only=True)
        try:
            _check_scope(store, args.phase, args.unit, lang)
            filters = report_filters(Filters(), args.phase, args.unit, as_of)
            meta = ReportMeta(
                place=os.environ.get(PLACE_ENV) or None, number=os.environ.get(NUMBER_ENV) or None
            )
            report = build_report(store, filters, lang, meta)
            images = chart_images(report) if args.format != "xlsx" else ChartImages()
            data = render(report, args.format, store, images)
        finally:
            store.close()
        try:
            _write_atomically(out, data)
        except OSError as exc:
            raise _BadArguments(
                t("report.cli.cannot_write", lang, path=out, detail=exc.strerror or exc)
            ) from None
    except _BadArguments as exc:
        print(str(exc), file=sys.stderr)
        return 2
    reason = images.reason(lang) if report.charts() else None
    if reason:
        print(t("report.cli.charts_missing", lang, reason=reason), file=sys.stderr)
    print(
        t("report.cli.done", lang, format=args.format.upper(), path=out)
        + f" ({fmt_date(report.as_of, lang)})"
    )
    return 0
