"""`python -m analytics ...`: the dashboard's figures and data operations without a browser.

Commands are contracts (scheduled jobs call them): exit 0 on success, 1 when the work was refused as a
whole, 2 for bad arguments, always with a message that says what to do.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import getpass
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from analytics import metrics
from analytics.filters import Filters
from analytics.i18n import Lang, as_lang, fmt_date, fmt_int, fmt_money, fmt_pct, t
from analytics.store import Store, StoreError, default_db_path, open_store

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The report's place on the date line (default Hà Nội) and document number (default ".../BC-CĐDK", filled
# in by hand) for command-line reports.
REPORT_PLACE_ENV, REPORT_NUMBER_ENV = "SANGKIEN_REPORT_PLACE", "SANGKIEN_REPORT_NUMBER"


class UsageError(Exception):
    """Bad arguments: exit status 2 with this message."""


class _Parser(argparse.ArgumentParser):
    """`later`: adds the arguments that need a module imported (the report's formats come from the report
    package); called when this command is parsed, so that the other commands never import that module."""

    def __init__(self, *args, later: Callable[[argparse.ArgumentParser], None] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._later = later

    def parse_known_args(self, args=None, namespace=None):
        if self._later is not None:
            add, self._later = self._later, None
            add(self)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # argparse would print English only and exit 2
        self.print_usage(sys.stderr)
        print(f"Lỗi tham số / bad arguments: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def parse_date(value: str, lang: Lang = "vi") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(t("cli.bad_date", lang, value=value)) from None


def _json_number(value: float | int | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def summary_payload(store: Store, filters: Filters) -> dict:
    """The Overview's figures as the `summary --json` contract."""
    prog = metrics.progress(store, filters)
    p = prog.program
    phases = [
        {
            "phase": int(r["phase"]),
            "name": r["name"],
            "start": r["start_on"].isoformat(),
            "end": r["end_on"].isoformat(),
            "target": _json_number(r["target"]),
            "registered": int(r["registered"]),
            "pct": _json_number(r["pct"]),
        }
        for _, r in prog.phases.iterrows()
    ]
    units = []
    for scope in [*(str(x) for x in prog.phases["phase"]), "all"]:
        for _, r in prog.unit_rows(scope).iterrows():
            units.append(
                {
                    "unit": r["unit"],
                    "name": r["name"],
                    "phase": int(scope) if scope != "all" else "all",
                    "registered": int(r["registered"]),
                    "target": _json_number(r["target"]),
                    "pct": _json_number(r["pct"]),
                    "tier": r["tier"],
                }
            )
    return {
        "as_of": prog.as_of.isoformat() if prog.as_of else None,
        "records": int(p["registered"]),
        "authors": int(p["authors"]),
        "benefit_vnd": _json_number(p["benefit_vnd"]),
        "target": _json_number(p["target"]),
        "pct": _json_number(p["pct"]),
        "units_met": int(p["units_met"]),
        "units_total": int(p["units_total"]),
        "phases": phases,
        "units": units,
    }


def summary_text(payload: dict, lang: Lang) -> str:
    """A readable table of the same figures for the terminal."""
    as_of = dt.date.fromisoformat(payload["as_of"]) if payload["as_of"] else None
    lines = [t("cli.summary.title", lang, date=fmt_date(as_of, lang)), ""]
    head = (
        f"{'':<26}{t('metric.registered', lang):>14}{t('metric.target', lang):>12}{t('metric.pct', lang):>14}"
    )
    lines.append(head)
    for ph in payload["phases"]:
        label = t("overview.phase_name", lang, n=ph["phase"])
        lines.append(
            f"{label:<26}{fmt_int(ph['registered'], lang):>14}{fmt_int(ph['target'], lang):>12}"
            f"{fmt_pct(ph['pct'], lang):>14}"
        )
    lines.append(
        f"{t('cli.summary.program', lang):<26}{fmt_int(payload['records'], lang):>14}"
        f"{fmt_int(payload['target'], lang):>12}{fmt_pct(payload['pct'], lang):>14}"
    )
    lines += [
        "",
        f"{t('metric.authors', lang)}: {fmt_int(payload['authors'], lang)}",
        f"{t('metric.benefit_vnd', lang)}: {fmt_money(payload['benefit_vnd'], lang)}",
        f"{t('metric.units_met', lang)}: {payload['units_met']}/{payload['units_total']}",
        "",
        t("cli.summary.units_header", lang) + f" ({t('word.program', lang).lower()})",
    ]
    lines.append(
        f"{t('word.unit', lang):<16}{t('metric.registered', lang):>12}{t('metric.target', lang):>10}"
        f"{t('metric.pct', lang):>12}  {t('metric.tier', lang)}"
    )
    for row in (u for u in payload["units"] if u["phase"] == "all"):
        lines.append(
            f"{row['unit']:<16}{fmt_int(row['registered'], lang):>12}{fmt_int(row['target'], lang):>10}"
            f"{fmt_pct(row['pct'], lang):>12}  {t('tier.' + row['tier'], lang)}"
        )
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    lang = as_lang(args.lang)
    filters = Filters(as_of=parse_date(args.as_of, lang) if args.as_of else None)
    store = _open(args.db, read_only=True)
    payload = summary_payload(store, filters)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print(summary_text(payload, lang))
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from analytics.sample import load_sample

    lang = as_lang(args.lang)
    store = _open(args.db)
    foreign = store.one(
        "SELECT count(*) FROM initiatives i JOIN imports m ON m.id = i.import_id WHERE m.mode <> 'sample'"
    ) or store.one("SELECT count(*) FROM initiatives WHERE import_id IS NULL")
    if foreign and not args.replace:
        print(t("cli.sample.refused", lang, path=store.path, n=fmt_int(foreign, lang)), file=sys.stderr)
        return EXIT_REFUSED
    load_sample(store)
    print(t("cli.sample.done", lang, n=fmt_int(store.record_count(), lang), path=store.path))
    return EXIT_OK


def _open(db: str | None, read_only: bool = False) -> Store:
    path = Path(db) if db else default_db_path()
    if read_only and not path.exists():
        # Reading a store that does not exist yet: create it (schema and reference rows) first.
        open_store(path).close()
    return open_store(path, read_only=read_only)


def cmd_bench(args: argparse.Namespace) -> int:
    """`bench`: the benchmark is development tooling outside the engine (tools/bench); this older form of
    the command runs `python -m tools.bench` with the same arguments and returns its exit status."""
    forwarded = ["--rows", str(args.rows), "--repeat", str(args.repeat)]
    forwarded += ["--json"] if args.json else []
    forwarded += ["--workdir", args.workdir] if args.workdir else []
    return subprocess.call([sys.executable, "-m", "tools.bench", *forwarded], cwd=PROJECT_ROOT)


def cmd_hash_password(args: argparse.Namespace) -> int:
    """`hash-password [--password P]`: print the secrets.toml lines for a password.

    Without --password it asks twice on the terminal without echoing (so the password stays out of the
    shell history). Exit 2 when the password is too short or the two entries differ.
    """
    import getpass

    from analytics.auth import MIN_LENGTH, secrets_snippet

    lang = as_lang(getattr(args, "lang", "vi"))
    password = args.password
    if password is None:
        password = getpass.getpass(t("auth.cli.prompt", lang))
        again = getpass.getpass(t("auth.cli.again", lang))
        if password != again:
            print(t("auth.cli.mismatch", lang), file=sys.stderr)
            return EXIT_USAGE
    if len(password) < MIN_LENGTH:
        print(t("auth.cli.too_short", lang, n=MIN_LENGTH), file=sys.stderr)
        return EXIT_USAGE
    print(t("auth.cli.paste", lang), file=sys.stderr)
    print(secrets_snippet(password))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# `report`: the meeting report as a file, for scheduled jobs.


def _check_report_scope(store: Store, phase: int | None, units: Sequence[str], lang: Lang) -> None:
    """Unknown unit codes or phases are a mistake in the command, not an empty report."""
    options = metrics.filter_options(store)
    known_units = [u["code"] for u in options["units"]]
    unknown = [u for u in units if u not in known_units]
    if unknown:
        raise UsageError(
            t("report.cli.unknown_unit", lang, codes=", ".join(unknown), known=", ".join(known_units))
        )
    known_phases = [int(p["phase"]) for p in options["phases"]]
    if phase is not None and phase not in known_phases:
        raise UsageError(
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
    """`python -m analytics report`: exit 0 with the file written, 2 for bad arguments (message on stderr).
    The report package is imported here, so the other commands never load it."""
    from analytics.report import (
        ChartImages,
        ReportMeta,
        build_report,
        chart_images,
        render,
        renderer,
        report_filters,
    )

    lang = as_lang(getattr(args, "lang", "vi"))
    as_of = parse_date(args.as_of, lang) if args.as_of else None
    db = Path(args.db) if args.db else default_db_path()
    if not db.exists():
        raise UsageError(t("store.missing", lang, path=db))
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(t("report.cli.no_folder", lang, path=out.parent))
    store = open_store(db, read_only=True)
    try:
        _check_report_scope(store, args.phase, args.unit, lang)
        filters = report_filters(Filters(), args.phase, args.unit, as_of)
        meta = ReportMeta(
            place=os.environ.get(REPORT_PLACE_ENV) or None, number=os.environ.get(REPORT_NUMBER_ENV) or None
        )
        report = build_report(store, filters, lang, meta)
        images = chart_images(report) if renderer(args.format).needs_images else ChartImages()
        data = render(report, args.format, store, images)
    finally:
        store.close()
    try:
        _write_atomically(out, data)
    except OSError as exc:
        raise UsageError(t("report.cli.cannot_write", lang, path=out, detail=exc.strerror or exc)) from None
    reason = images.reason(lang) if report.charts() else None
    if reason:
        print(t("report.cli.charts_missing", lang, reason=reason), file=sys.stderr)
    print(
        t("report.cli.done", lang, format=args.format.upper(), path=out)
        + f" ({fmt_date(report.as_of, lang)})"
    )
    return EXIT_OK


def _report_output_arguments(p: argparse.ArgumentParser) -> None:
    """--format (the report registry's downloadable formats) and --out, added when `report` is parsed."""
    from analytics.report import FORMATS

    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", required=True, help="tệp kết quả")


def _who(by: str | None) -> str:
    """Who the import history names: `--by`, else the account running the command."""
    if by:
        return by
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _map_pairs(values: Sequence[str], lang: Lang) -> list[tuple[str, str]]:
    """--map "Column name=field" (repeatable): (column, field) pairs, split at the last '='."""
    pairs = []
    for value in values:
        column, sep, field = value.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError(t("ingest.cli.bad_map", lang, value=value))
        pairs.append((column.strip(), field.strip()))
    return pairs


def _read_options(args: argparse.Namespace, lang: Lang):
    """The page's read choices from the command line: --sheet (repeatable, or all), --header-row,
    --encoding, --date-order."""
    from analytics import ingest

    sheets = [s for s in args.sheet if s.strip()]
    every = any(s.strip().lower() in ("all", "*", "tất cả") for s in sheets)
    if args.header_row is not None and args.header_row < 1:
        raise UsageError(t("ingest.cli.bad_header_row", lang, value=args.header_row))
    if args.encoding is not None:
        codec, _, layered = args.encoding.partition("+")
        known = args.encoding in ingest.ENCODINGS
        if not known:
            try:
                codecs.lookup(codec)
                known = layered in ("", "tcvn3", "vni")
            except LookupError:
                known = False
        if not known:
            raise UsageError(
                t("ingest.cli.bad_encoding", lang, value=args.encoding, known=", ".join(ingest.ENCODINGS))
            )
    return ingest.ReadOptions(
        encoding=args.encoding,
        header_row=args.header_row,
        date_order=args.date_order,
        sheet=sheets[0] if len(sheets) == 1 and not every else None,
        sheets=("*",) if every else (tuple(sheets) if len(sheets) > 1 else ()),
    )


def _mapping_for(file: str, options, pairs: list[tuple[str, str]], benefit: str | None, lang: Lang):
    """The column mapping --map and --benefit-column ask for in this file (None: the detected one)."""
    from analytics import ingest

    if not pairs and not benefit:
        return None
    preview = ingest.inspect(file, options=options)
    if preview.layout is None:
        return None  # the file is refused whole; the import says why
    try:
        return ingest.choose_columns(preview, pairs, benefit)
    except ingest.MappingError as exc:
        raise UsageError(t(f"ingest.map.{exc.code}", lang, file=file, **exc.params)) from None


def cmd_import(args: argparse.Namespace) -> int:
    """`python -m analytics import FILE... [--db] [--mode] [--unit] [--sheet] [--header-row] [--map]
    [--encoding] [--date-order] [--benefit-column] [--dry-run] [--json]`."""
    from analytics import ingest  # here, so that `summary` never loads the importer

    lang = as_lang(args.lang)
    if args.unit and args.mode != "replace":
        raise UsageError(t("ingest.cli.unit_needs_replace", lang))
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise UsageError(t("ingest.cli.no_file", lang, files=", ".join(missing)))
    options = _read_options(args, lang)
    pairs = _map_pairs(args.map, lang)
    mappings = {file: _mapping_for(file, options, pairs, args.benefit_column, lang) for file in args.files}
    # (The programs' --program argument joins here: it is passed to import_file with the other choices.)
    store = _open(args.db)
    status = EXIT_OK
    version_before = store.data_version()
    try:
        for file in args.files:
            report = ingest.import_file(
                store, file, mode=args.mode, dry_run=args.dry_run, units=args.unit, by=_who(args.by),
                options=options, mapping=mappings[file],
            )  # fmt: skip
            report.file = file
            if args.json:
                payload = report.as_json(lang)
                if args.dry_run:
                    payload["preview"] = report.preview_json()
                print(json.dumps(payload, ensure_ascii=False), flush=True)
            else:
                print(
                    f"{file}: {report.message(lang)}",
                    file=sys.stdout if report.ok else sys.stderr,
                    flush=True,
                )
                if args.dry_run:
                    for line in report.describe(lang):
                        print("  " + line, flush=True)
                for error in report.errors[:20]:
                    print(
                        "  "
                        + t(
                            "ingest.cli.error_line",
                            lang,
                            row=error.row if not error.sheet else f"{error.sheet}!{error.row}",
                            column=error.column,
                            value=error.value or "",
                            reason=error.reason_text(lang),
                        ),
                        flush=True,
                    )
                if len(report.errors) > 20:
                    print(
                        "  " + t("ingest.cli.more_errors", lang, n=fmt_int(report.rejected_items - 20, lang))
                    )
            if not report.ok:
                status = EXIT_REFUSED
        if not args.dry_run and store.data_version() != version_before:
            metrics.refresh_author_index(store)  # the pages' index, rebuilt once, here
    finally:
        store.close()
    return status


def cmd_undo(args: argparse.Namespace) -> int:
    """`python -m analytics undo IMPORT_ID`."""
    from analytics import ingest  # here, so that `summary` never loads the importer

    lang = as_lang(args.lang)
    store = _open(args.db)
    try:
        result = ingest.undo(store, args.import_id, by=_who(None))
    finally:
        store.close()
    print(result.message(lang), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_REFUSED


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analytics", description='Bảng điều hành "1 triệu sáng kiến": dòng lệnh.')
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help=f"tệp DuckDB (mặc định $SANGKIEN_DB hoặc {default_db_path()})")
        p.add_argument("--lang", default="vi", choices=("vi", "en"), help="ngôn ngữ thông báo")

    p = sub.add_parser("sample", help="nạp dữ liệu minh họa (tái hiện số liệu đã công bố)")
    common(p)
    p.add_argument("--replace", action="store_true", help="thay cả các hồ sơ không phải dữ liệu minh họa")
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("summary", help="số liệu trang Tổng quan")
    common(p)
    p.add_argument("--as-of", help="tính đến ngày YYYY-MM-DD (mặc định: hồ sơ mới nhất)")
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.set_defaults(run=cmd_summary)

    p = sub.add_parser("import", help="nhập tệp xuất CSV/TSV/TXT/XLSX/XLS vào kho")
    common(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="một hay nhiều tệp")
    p.add_argument(
        "--mode",
        default="upsert",
        choices=("upsert", "insert", "replace"),
        help="upsert: thêm mới và cập nhật (mặc định); insert: chỉ thêm mã mới; "
        "replace: thay toàn bộ hồ sơ của các đơn vị có trong tệp (hoặc --unit)",
    )
    p.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="CODE",
        help="với --mode replace: đơn vị được thay (lặp lại được)",
    )
    # The Data page's read choices, so that a job imports what an analyst imports by hand.
    p.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar="NAME",
        help="trang tính (lặp lại được; all: mọi trang có bảng, đơn vị theo tên trang)",
    )
    p.add_argument(
        "--header-row", type=int, metavar="N", help="dòng tiêu đề (dòng trên nếu tiêu đề hai dòng)"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Tên cột=trường"',
        help='ghép cột với trường (lặp lại được), ví dụ --map "Số hồ sơ=code"; trường = bỏ qua để bỏ cột',
    )
    p.add_argument("--encoding", help="bảng mã: utf-8, cp1258, tcvn3, vni, utf-8+tcvn3...")
    p.add_argument(
        "--date-order", choices=("dmy", "mdy"), help="ngày/tháng/năm hay tháng/ngày/năm cho mọi cột ngày"
    )
    p.add_argument(
        "--benefit-column", metavar="NAME", help="cột lấy giá trị làm lợi (khi có cả Ước tính và Thực tế)"
    )
    # --program (the programs' issue) is added here by the integrator, beside the other read choices.
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument(
        "--json", action="store_true", help="mỗi tệp một dòng JSON (với --dry-run: cả phần preview)"
    )
    p.add_argument("--by", default=None, help="người nhập (ghi vào lịch sử nhập)")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("undo", help="hoàn tác một lần nhập (khôi phục đúng trạng thái trước đó)")
    common(p)
    p.add_argument("import_id", type=int, help="số hiệu lần nhập (xem bảng imports)")
    p.set_defaults(run=cmd_undo)

    p = sub.add_parser("report", help="xuất báo cáo DOCX/PDF/XLSX", later=_report_output_arguments)
    common(p)
    p.add_argument("--as-of", help="tính đến ngày YYYY-MM-DD")
    p.add_argument("--phase", type=int, help="chỉ một giai đoạn")
    p.add_argument(
        "--unit", action="append", default=[], metavar="CODE", help="chỉ các đơn vị này (lặp lại được)"
    )
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("bench", help="đo tốc độ ở quy mô chương trình (mặc định 1.000.000 hồ sơ)")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.add_argument("--repeat", type=int, default=3, help="số lần lặp mỗi phép đo (lấy trung vị)")
    p.add_argument("--workdir", help="thư mục tạm (mặc định một thư mục mới trong /tmp)")
    p.set_defaults(run=cmd_bench)

    p = sub.add_parser(
        "hash-password", help="tạo mã băm mật khẩu vai trò phân tích cho .streamlit/secrets.toml"
    )
    p.add_argument("--password", help="mật khẩu (mặc định: hỏi trên terminal, không hiện chữ)")
    p.set_defaults(run=cmd_hash_password)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or EXIT_OK)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        lang = as_lang(getattr(args, "lang", "vi"))
        key = f"store.{exc.code.removeprefix('store_')}"
        print(
            t(key, lang, path=args.db or default_db_path(), detail=exc.detail, reason=exc.detail),
            file=sys.stderr,
        )
        return EXIT_REFUSED
