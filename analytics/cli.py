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


def summary_payload(store: Store, filters: Filters, lang: Lang = "vi") -> dict:
    """The Overview's figures as the `summary --json` contract, for the filters' program (the default one
    when none is named): `program` is {code, name, start, end, noun} (name and noun in `lang`); `pace` is
    the period in progress against its target at the recent rate (the Trends page's metric.projected and
    pace state), null when no period is in progress."""
    return _summary(store, filters, lang)[0]


def _summary(store: Store, filters: Filters, lang: Lang) -> tuple[dict, dict[str, str]]:
    """summary_payload, and each unit's name as the pages give it (short name, else code) by unit code."""
    from analytics import metrics  # here, so that `import`, `undo` and `hash-password` never load it

    prog = metrics.progress(store, filters)
    recent = metrics.recent_registrations(store, filters, prog.as_of)
    p = prog.program
    definition = prog.definition
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
        "program": {
            "code": definition.code,
            "name": definition.title(lang),
            "start": definition.start_on.isoformat(),
            "end": definition.end_on.isoformat(),
            "noun": definition.noun(lang),
        },
        "pace": _pace_payload(metrics.pace_in_progress(prog, recent)),
    }, {r["unit"]: metrics.unit_label(r) for _, r in prog.unit_rows("all").iterrows()}


def _pace_payload(pace) -> dict | None:
    """`pace` of `summary --json`: the period in progress against its target at the recent rate, as the
    Trends page reads it (analytics.metrics.pace); null when no period is in progress on the as-of day."""
    if pace is None:
        return None
    return {
        "phase": pace.phase,
        "end": pace.end_on.isoformat(),
        "state": pace.state,
        "registered": pace.registered,
        "target": _json_number(pace.target),
        "weekly_recent": _json_number(pace.weekly_recent),
        "weekly_needed": _json_number(pace.weekly_needed),
        "projected": _json_number(pace.projected),
        "projected_pct": _json_number(pace.projected_pct),
    }


def pace_line(pace: dict, word: str, lang: Lang) -> str:
    """ "Tiến độ Năm 2026 (đến 31/12/2026): Đúng tiến độ · Dự báo cuối năm 2.310 trên chỉ tiêu 2.166
    (106,6%)": the Trends page's words for the same figures."""
    return t(
        "cli.summary.pace",
        lang,
        header=t(
            "trends.pace.header",
            lang,
            phase=f"{word} {pace['phase']}",
            end=fmt_date(dt.date.fromisoformat(pace["end"]), lang),
        ),
        state=t(f"pace.{pace['state']}", lang),
        projected_label=t("metric.projected", lang, period=word.lower()),
        projected=fmt_int(pace["projected"], lang),
        of_target=t("trends.of_target", lang, target=fmt_int(pace["target"], lang)),
        pct=fmt_pct(pace["projected_pct"], lang),
    )


def summary_text(payload: dict, lang: Lang, names: dict[str, str] | None = None) -> str:
    """A readable table of the same figures for the terminal; `names`: the units' names as the pages give
    them, by code (the codes themselves without it)."""
    as_of = dt.date.fromisoformat(payload["as_of"]) if payload["as_of"] else None
    program = payload.get("program") or {}
    lines = [t("cli.summary.title", lang, date=fmt_date(as_of, lang))]
    if program:
        lines.append(
            t(
                "cli.summary.program_line",
                lang,
                program_name=program["name"],
                start=fmt_date(dt.date.fromisoformat(program["start"]), lang),
                end=fmt_date(dt.date.fromisoformat(program["end"]), lang),
                noun=program["noun"],
            )
        )
    lines.append("")
    word = payload.get("_period_word") or t("word.phase", lang)
    head = (
        f"{'':<26}{t('metric.registered', lang):>14}{t('metric.target', lang):>12}{t('metric.pct', lang):>14}"
    )
    lines.append(head)
    for ph in payload["phases"]:
        label = f"{word} {ph['phase']}"
        lines.append(
            f"{label:<26}{fmt_int(ph['registered'], lang):>14}{fmt_int(ph['target'], lang):>12}"
            f"{fmt_pct(ph['pct'], lang):>14}"
        )
    lines.append(
        f"{t('cli.summary.program', lang):<26}{fmt_int(payload['records'], lang):>14}"
        f"{fmt_int(payload['target'], lang):>12}{fmt_pct(payload['pct'], lang):>14}"
    )
    if payload.get("pace"):
        lines.append(pace_line(payload["pace"], word, lang))
    lines += [
        "",
        f"{t('metric.authors', lang)}: {fmt_int(payload['authors'], lang)}",
        f"{t('metric.benefit_vnd', lang)}: {fmt_money(payload['benefit_vnd'], lang)}",
        f"{t('metric.units_met', lang)}: {payload['units_met']}/{payload['units_total']}",
        "",
        t("cli.summary.units_header", lang) + f" ({t('word.program', lang).lower()})",
    ]
    rows = [u for u in payload["units"] if u["phase"] == "all"]
    names = [(names or {}).get(u["unit"]) or u["unit"] for u in rows]
    width = max([16, *(len(n) + 2 for n in names)])
    lines.append(
        f"{t('word.unit', lang):<{width}}{t('metric.registered', lang):>12}{t('metric.target', lang):>10}"
        f"{t('metric.pct', lang):>12}  {t('metric.tier', lang)}"
    )
    for row, name in zip(rows, names, strict=True):
        lines.append(
            f"{name:<{width}}{fmt_int(row['registered'], lang):>12}{fmt_int(row['target'], lang):>10}"
            f"{fmt_pct(row['pct'], lang):>12}  {t('tier.' + row['tier'], lang)}"
        )
    return "\n".join(lines)


def _program(store: Store, code: str | None, lang: Lang) -> str | None:
    """`--program CODE` checked against the store's programs (exit 2 naming them when unknown)."""
    if code is None:
        return None
    from analytics.programs import load_programs  # light: no pandas, so `import --program` stays quick

    known = [p.code for p in load_programs(store)]
    if code not in known:
        raise UsageError(t("report.cli.unknown_program", lang, program=code, known=", ".join(known)))
    return code


def cmd_summary(args: argparse.Namespace) -> int:
    from analytics import metrics

    lang = as_lang(args.lang)
    as_of = parse_date(args.as_of, lang) if args.as_of else None
    if args.server:
        return _summary_through_server(args, lang)
    store = _open(args.db, read_only=True)
    filters = Filters(as_of=as_of, program=_program(store, args.program, lang))
    payload, names = _summary(store, filters, lang)
    if args.json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        word = metrics.program_of(store, filters).period_word(lang)
        print(summary_text({**payload, "_period_word": word}, lang, names))
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
    if foreign:  # the records it replaces are kept in a verified snapshot first
        from analytics import backup

        backup.before_change(store, "sample")
    load_sample(store)
    print(t("cli.sample.done", lang, n=fmt_int(store.record_count(), lang), path=store.path))
    return EXIT_OK


def _open(db: str | None, read_only: bool = False) -> Store:
    """The store a command works on, checked first (analytics.store.check_store): a damaged one stops the
    command with exit 1 and the message the app shows."""
    path = Path(db) if db else default_db_path()
    if read_only and not path.exists():
        # Reading a store that does not exist yet: create it (schema and reference rows) first.
        open_store(path).close()
    try:
        return open_store(path, read_only=read_only, verify=True)
    except StoreError as exc:
        if exc.code != "store_outdated":
            raise
        # A store of an earlier release: opened once for writing, it is migrated (its figures unchanged), so
        # the commands that only read it keep working after an upgrade.
        open_store(path).close()
        return open_store(path, read_only=read_only, verify=True)


def cmd_bench(args: argparse.Namespace) -> int:
    """`bench`: the benchmark is development tooling outside the engine (tools/bench); this older form of
    the command runs `python -m tools.bench` with the same arguments and returns its exit status."""
    forwarded = ["--rows", str(args.rows), "--repeat", str(args.repeat)]
    forwarded += ["--json"] if args.json else []
    forwarded += ["--workdir", args.workdir] if args.workdir else []
    forwarded += ["--load-levels", args.load_levels] if args.load_levels else []
    forwarded += ["--load-duration", str(args.load_duration)] if args.load_duration else []
    return subprocess.call([sys.executable, "-m", "tools.bench", *forwarded], cwd=PROJECT_ROOT)


def cmd_hash_password(args: argparse.Namespace) -> int:
    """`hash-password [--name NAME]`: print the secrets.toml lines for a password read from the terminal
    (asked twice, without echo) or, when standard input is not a terminal, its first line. A password is
    never taken from the command line (it would stay in the shell's history): `--password` exits 2 saying
    how to do it now. Exit 2 when the password is too short or the two entries differ."""
    from analytics.auth import MIN_LENGTH, secrets_snippet, user_snippet, valid_name

    lang = as_lang(getattr(args, "lang", "vi"))
    if args.password is not None:
        print(t("auth.cli.no_password_option", lang), file=sys.stderr)
        return EXIT_USAGE
    if args.name is not None and not valid_name(args.name):
        print(t("auth.cli.bad_name", lang, name=args.name), file=sys.stderr)
        return EXIT_USAGE
    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(t("auth.cli.prompt", lang))
        again = getpass.getpass(t("auth.cli.again", lang))
        if password != again:
            print(t("auth.cli.mismatch", lang), file=sys.stderr)
            return EXIT_USAGE
    else:
        password = (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
    if len(password) < MIN_LENGTH:
        print(t("auth.cli.too_short", lang, n=MIN_LENGTH), file=sys.stderr)
        return EXIT_USAGE
    print(t("auth.cli.paste", lang), file=sys.stderr)
    print(user_snippet(args.name, password) if args.name is not None else secrets_snippet(password))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# `backup` and `restore`: verified snapshots of the store, and putting one back.


def _snapshot_line(item, lang: Lang) -> str:
    from analytics import backup

    return t(
        "backup.cli.line",
        lang,
        when=item.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
        reason=t(f"backup.reason.{item.reason}", lang) if item.reason in backup.REASONS else item.reason,
        records=fmt_int(item.records, lang),
        size=backup.size_text(item.size or item.path.stat().st_size, lang),
        verified=t("backup.verified" if item.verified else "backup.unverified", lang),
        file=item.path,
    )


def cmd_backup(args: argparse.Namespace) -> int:
    """`backup [--db] [--out FILE] [--list]`: a verified snapshot now (into the store's backup folder, or to
    FILE), or the list of snapshots. Exit 1 when the store cannot be snapshotted (held by the app, damaged,
    a folder that cannot be written), with the reason."""
    from analytics import backup

    lang = as_lang(args.lang)
    db = Path(args.db) if args.db else default_db_path()
    if args.list:
        snapshots = backup.list_snapshots(db)
        if not snapshots:
            print(t("backup.cli.none", lang, folder=backup.backup_dir(db)))
        for item in snapshots:
            print(_snapshot_line(item, lang))
        return EXIT_OK
    if not db.exists():
        raise UsageError(t("store.missing", lang, path=db))
    out = Path(args.out) if args.out else None
    if out is not None:
        if out.is_dir():
            out = out / f"{db.stem}-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.duckdb"
        if out.exists():
            raise UsageError(t("backup.cli.exists", lang, path=out))
        if not out.parent.is_dir():
            raise UsageError(t("report.cli.no_folder", lang, path=out.parent))
    store = _open(args.db)
    try:
        made = backup.snapshot(store, "manual", out=out)
    except backup.BackupError as exc:
        print(backup.error_text(exc, lang), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        store.close()
    print(
        t(
            "backup.cli.done",
            lang,
            path=made.path,
            records=fmt_int(made.records, lang),
            size=backup.size_text(made.size, lang),
        )
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """`restore FILE [--db]`: put a verified snapshot back. The current store is snapshotted first (or, when
    it cannot be opened, kept aside as it is); a file that does not verify is refused (exit 1)."""
    from analytics import backup

    lang = as_lang(args.lang)
    source = Path(args.file)
    if not source.is_file():
        raise UsageError(t("backup.error.missing", lang, file=source))
    db = Path(args.db) if args.db else default_db_path()
    by = _who(None)
    try:
        try:
            store = open_store(db, verify=True)
        except StoreError as exc:
            if exc.code == "store_emptied":
                store = open_store(db)
            elif exc.code in backup.RECOVERABLE:
                store = None
            else:
                raise
        if store is None:
            done = backup.restore_file(db, source, by=by)
            done.store.close()
        else:
            try:
                done = backup.restore_into(store, source, by=by)
            finally:
                store.close()
    except backup.BackupError as exc:
        print(backup.error_text(exc, lang), file=sys.stderr)
        return EXIT_REFUSED
    print(t("backup.cli.restored", lang, path=db, file=source, records=fmt_int(done.records, lang)))
    if done.before is not None:
        print(t("backup.cli.before", lang, file=done.before.path))
    if done.kept_aside is not None:
        print(t("backup.cli.aside", lang, path=done.kept_aside))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# `report`: the meeting report as a file, for scheduled jobs.


def _check_report_scope(
    store: Store, phase: int | None, units: Sequence[str], lang: Lang, filters: Filters | None = None
) -> None:
    """Unknown unit codes or periods (of the report's program) are a mistake in the command, not an empty
    report."""
    from analytics import metrics

    options = metrics.filter_options(store)
    known_units = [u["code"] for u in options["units"]]
    unknown = [u for u in units if u not in known_units]
    if unknown:
        raise UsageError(
            t("report.cli.unknown_unit", lang, codes=", ".join(unknown), known=", ".join(known_units))
        )
    program = metrics.program_of(store, filters or Filters())
    known_phases = program.period_numbers()
    if phase is not None and phase not in known_phases:
        raise UsageError(
            t(
                "report.cli.unknown_phase",
                lang,
                phase=phase,
                known=", ".join(map(str, known_phases)),
                **program.terms(lang),
            )
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
    store = _open(str(db), read_only=True)
    try:
        base = Filters(as_of=as_of, program=_program(store, args.program, lang))
        _check_report_scope(store, args.phase, args.unit, lang, base.with_(phase=args.phase))
        filters = report_filters(base, args.phase, args.unit, as_of)
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
    [--encoding] [--date-order] [--benefit-column] [--dry-run] [--json] [--server URL --token T]`."""
    from analytics import ingest  # here, so that `summary` never loads the importer

    lang = as_lang(args.lang)
    if args.unit and args.mode != "replace":
        raise UsageError(t("ingest.cli.unit_needs_replace", lang))
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        raise UsageError(t("ingest.cli.no_file", lang, files=", ".join(missing)))
    if args.server:
        return _import_through_server(args, lang)
    options = _read_options(args, lang)
    pairs = _map_pairs(args.map, lang)
    mappings = {file: _mapping_for(file, options, pairs, args.benefit_column, lang) for file in args.files}
    store = _open(args.db)
    status = EXIT_OK
    try:
        program = _program(store, args.program, lang)
        for file in args.files:
            report = ingest.import_file(
                store, file, mode=args.mode, dry_run=args.dry_run, units=args.unit, by=_who(args.by),
                options=options, mapping=mappings[file], program=program,
            )  # fmt: skip
            report.file = file
            duplicates = _import_duplicates(store, report)
            if args.json:
                payload = report.as_json(lang)
                if args.dry_run:
                    payload["preview"] = report.preview_json()
                if duplicates is not None:
                    payload["probable_duplicates"] = duplicates
                print(json.dumps(payload, ensure_ascii=False), flush=True)
            else:
                print(
                    f"{file}: {report.message(lang)}",
                    file=sys.stdout if report.ok else sys.stderr,
                    flush=True,
                )
                if duplicates:
                    print(
                        "  " + t("quality.import.duplicates_cli", lang, n=fmt_int(duplicates, lang)),
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
    finally:
        store.close()
    return status


def _import_duplicates(store, report) -> int | None:
    from analytics.import_check import adds_every_record

    if report.ok and report.import_id is not None and adds_every_record(store, report.import_id):
        return 0  # a first import: no earlier record to match (and the duplicate finder is not loaded)
    from analytics import quality

    return quality.probable_duplicates(store, report)


def cmd_undo(args: argparse.Namespace) -> int:
    """`python -m analytics undo IMPORT_ID`."""
    from analytics import ingest  # here, so that `summary` never loads the importer

    lang = as_lang(args.lang)
    if args.server:
        return _undo_through_server(args, lang)
    store = _open(args.db)
    try:
        result = ingest.undo(store, args.import_id, by=_who(None))
    finally:
        store.close()
    print(result.message(lang), file=sys.stdout if result.ok else sys.stderr)
    return EXIT_OK if result.ok else EXIT_REFUSED


# ---------------------------------------------------------------------------------------------------------
# The API: tokens (`token create|revoke|list`), and `summary`, `import`, `undo` through a running server.

TOKEN_ENV = "SANGKIEN_TOKEN"


def _server_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--server", metavar="URL", help="làm qua API của máy chủ đang chạy (ví dụ http://127.0.0.1:8501)"
    )
    p.add_argument("--token", help=f"mã truy cập API (mặc định biến môi trường {TOKEN_ENV})")


def _client(args: argparse.Namespace, lang: Lang):
    from analytics.api import Client

    token = args.token or os.environ.get(TOKEN_ENV)
    if not token:
        raise UsageError(t("api.cli.no_token", lang))
    return Client(args.server, token)


def _answer(call: Callable, server: str, lang: Lang) -> tuple[int, dict]:
    from analytics.api import ClientError

    try:
        return call()
    except ClientError as exc:
        raise _Unreachable(t("api.cli.unreachable", lang, url=server, detail=exc.detail)) from None


class _Unreachable(Exception):
    """The server could not be reached: exit 1 with this message."""


def _refused_by_server(status: int, body: dict) -> int:
    """An error answer (401, 403, 413, 422, 429, 503): its message on stderr; 422 is bad arguments."""
    print(body.get("message") or f"HTTP {status}", file=sys.stderr)
    return EXIT_USAGE if status == 422 and "error" in body else EXIT_REFUSED


def _summary_through_server(args: argparse.Namespace, lang: Lang) -> int:
    client = _client(args, lang)
    params = {"lang": lang, "as_of": args.as_of, "program": args.program}
    status, body = _answer(lambda: client.summary(params), args.server, lang)
    if status != 200:
        return _refused_by_server(status, body)
    if args.json:
        print(json.dumps(body, ensure_ascii=False))
    else:
        word = _period_word(client, body, lang)
        print(summary_text({**body, "_period_word": word}, lang, _unit_names(client, lang)))
    return EXIT_OK


def _unit_names(client, lang: Lang) -> dict[str, str]:
    """The units' short names (GET /units) by code, for the terminal table; none when it cannot be read."""
    from analytics.api import ClientError

    try:
        status, answer = client._send("GET", "/units", {"lang": lang})
    except ClientError:
        return {}
    if status != 200:
        return {}
    return {u["code"]: u["short_name"] or u["code"] for u in answer.get("units", [])}


def _period_word(client, body: dict, lang: Lang) -> str | None:
    """What the summary's program calls its periods (GET /programs), for the terminal table."""
    from analytics.api import ClientError

    try:
        status, programs = client._send("GET", "/programs", {"lang": lang})
    except ClientError:
        return None
    code = (body.get("program") or {}).get("code")
    if status == 200:
        for program in programs.get("programs", []):
            if program["code"] == code:
                return program["period_word"]
    return None


_LOCAL_ONLY = (
    ("sheet", "--sheet"), ("header_row", "--header-row"), ("map", "--map"), ("encoding", "--encoding"),
    ("date_order", "--date-order"), ("benefit_column", "--benefit-column"), ("by", "--by"),
)  # fmt: skip


def _import_through_server(args: argparse.Namespace, lang: Lang) -> int:
    """`import ... --server URL`: each file through POST /api/v1/imports; the same lines and exit codes as
    an import here (the history names the token: `api:<name>`)."""
    local = [flag for key, flag in _LOCAL_ONLY if getattr(args, key, None)]
    if local:
        raise UsageError(t("api.cli.not_through_server", lang, options=", ".join(local)))
    client = _client(args, lang)
    fields = [("mode", args.mode), ("dry_run", "true" if args.dry_run else "false")]
    fields += [("unit", u) for u in args.unit]
    fields += [("program", args.program)] if args.program else []
    status_all = EXIT_OK
    for file in args.files:
        status, body = _answer(lambda file=file: client.import_file(file, fields, lang), args.server, lang)
        if "ok" not in body:  # an error of the call itself, not the file's report
            return _refused_by_server(status, body)
        body["file"] = file
        if args.json:
            print(json.dumps(body, ensure_ascii=False), flush=True)
        else:
            print(f"{file}: {body['message']}", file=sys.stdout if body["ok"] else sys.stderr, flush=True)
            for error in body.get("errors", [])[:20]:
                row = error["row"] if not error.get("sheet") else f"{error['sheet']}!{error['row']}"
                print(
                    "  "
                    + t(
                        "ingest.cli.error_line",
                        lang,
                        row=row,
                        column=error["column"],
                        value=error["value"] or "",
                        reason=error["reason"],
                    ),  # fmt: skip
                    flush=True,
                )
        if not body["ok"]:
            status_all = EXIT_REFUSED
    return status_all


def _undo_through_server(args: argparse.Namespace, lang: Lang) -> int:
    client = _client(args, lang)
    status, body = _answer(lambda: client.undo(args.import_id, lang), args.server, lang)
    if "ok" not in body:
        return _refused_by_server(status, body)
    print(body["message"], file=sys.stdout if body["ok"] else sys.stderr)
    return EXIT_OK if body["ok"] else EXIT_REFUSED


def _token_error(exc, lang: Lang) -> int:
    print(t(f"api.token.{exc.code}", lang, **exc.params), file=sys.stderr)
    return EXIT_USAGE if exc.code in ("bad_name", "bad_scope", "bad_days") else EXIT_REFUSED


def cmd_token_create(args: argparse.Namespace) -> int:
    """`token create NAME --scope read|write [--days N]`: the token on stdout (once), what it is on stderr."""
    from analytics import api

    lang = as_lang(args.lang)
    store = _open(args.db)
    try:
        secret = api.create_token(store, args.name, args.scope, args.days, by=_who(args.by))
        expires = store.one("SELECT expires_at FROM api_tokens WHERE name = ?", [args.name.strip()])
    except api.TokenError as exc:
        return _token_error(exc, lang)
    finally:
        store.close()
    print(
        t(
            "api.cli.token_line",
            lang,
            name=args.name.strip(),
            scope=args.scope,
            expires=fmt_date(expires.date(), lang),
        ),
        file=sys.stderr,
    )
    print(secret)
    return EXIT_OK


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from analytics import api

    lang = as_lang(args.lang)
    store = _open(args.db)
    try:
        api.revoke_token(store, args.name, by=_who(args.by))
    except api.TokenError as exc:
        return _token_error(exc, lang)
    finally:
        store.close()
    print(t("api.token.revoked", lang, name=args.name))
    return EXIT_OK


def cmd_token_list(args: argparse.Namespace) -> int:
    from analytics import api

    lang = as_lang(args.lang)
    store = _open(args.db, read_only=True)
    try:
        frame = api.listing(store)
    finally:
        store.close()
    now = dt.datetime.now()
    for row in frame.itertuples(index=False):
        state = (
            "revoked"
            if row.revoked_at is not None and row.revoked_at == row.revoked_at
            else ("expired" if row.expires_at <= now else "active")
        )
        print(
            f"{row.name}\t{row.scope}\t{t('api.tab.state.' + state, lang)}\t"
            f"{fmt_date(row.expires_at.date(), lang)}\t{row.created_by or ''}"
        )


def cmd_duplicates(args: argparse.Namespace) -> int:
    """Pairs of records that are probably the same initiative (analytics.quality), best first."""
    from analytics import quality

    lang = as_lang(args.lang)
    try:
        minimum = float(args.min_similarity)
    except ValueError:
        minimum = float("nan")
    if not 0 <= minimum <= 1:  # NaN fails too
        raise UsageError(t("quality.cli.bad_similarity", lang, value=args.min_similarity))
    limit = _limit(args.limit, lang)
    store = _open(args.db, read_only=True)
    program = _program(store, args.program, lang)
    with quality.stream_pairs(store, program, minimum, limit) as stream:
        if args.json:
            _print_pairs_json(stream, limit is not None)
            return EXIT_OK
        shown = 0
        for batch in stream.batches:
            for pair in batch:
                reasons = ", ".join(t(f"quality.reason.{r}", lang) for r in pair["reasons"])
                print(
                    f"{pair['similarity']:.3f}  {pair['code_a']} ({pair['unit_a']})  {pair['code_b']} ({pair['unit_b']})  {reasons}"
                )
            shown += len(batch)
    n, scanned = fmt_int(shown, lang), fmt_int(stream.scanned, lang)
    if limit is None:
        print(t("quality.cli.pairs", lang, n=n, min=minimum, scanned=scanned))
    else:
        total = fmt_int(stream.total(), lang)
        print(t("quality.cli.pairs_limited", lang, n=n, total=total, min=minimum, scanned=scanned))
    return EXIT_OK


def _limit(value: str | None, lang: Lang) -> int | None:
    """`--limit N`: a whole number, 0 or more; None when not given (every pair)."""
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        limit = -1
    if limit < 0:
        raise UsageError(t("quality.cli.bad_limit", lang, value=value))
    return limit


def _print_pairs_json(stream, limited: bool) -> None:
    """`{"pairs": [...], "scanned": N}` (and `"total": T` with --limit) written pair by pair, as json.dumps
    would write the whole object, so that a million pairs never sit in memory at once."""
    out = sys.stdout
    out.write('{"pairs": [')
    first = True
    for batch in stream.batches:
        for pair in batch:
            out.write(("" if first else ", ") + json.dumps(pair, ensure_ascii=False))
            first = False
    out.write(f'], "scanned": {int(stream.scanned)}')
    out.write(f', "total": {stream.total()}}}\n' if limited else "}\n")
    out.flush()


_PROGRAM_HELP = "mã chương trình (mặc định: chương trình có thời gian chứa ngày --as-of, nếu không thì chương trình đang chạy)"


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
    p.add_argument("--program", metavar="CODE", help=_PROGRAM_HELP)
    _server_arguments(p)
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
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument(
        "--json", action="store_true", help="mỗi tệp một dòng JSON (với --dry-run: cả phần preview)"
    )
    p.add_argument("--by", default=None, help="người nhập (ghi vào lịch sử nhập)")
    p.add_argument(
        "--program",
        metavar="CODE",
        help="chương trình nhận các hồ sơ có ngày đăng ký nằm trong thời gian của hai chương trình",
    )
    _server_arguments(p)
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("undo", help="hoàn tác một lần nhập (khôi phục đúng trạng thái trước đó)")
    common(p)
    p.add_argument("import_id", type=int, help="số hiệu lần nhập (xem bảng imports)")
    _server_arguments(p)
    p.set_defaults(run=cmd_undo)

    p = sub.add_parser("report", help="xuất báo cáo DOCX/PDF/XLSX", later=_report_output_arguments)
    common(p)
    p.add_argument("--as-of", help="tính đến ngày YYYY-MM-DD")
    p.add_argument("--phase", type=int, help="chỉ một giai đoạn (số của kỳ: 1, 2 hoặc 2025...)")
    p.add_argument("--program", metavar="CODE", help=_PROGRAM_HELP)
    p.add_argument(
        "--unit", action="append", default=[], metavar="CODE", help="chỉ các đơn vị này (lặp lại được)"
    )
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("bench", help="đo tốc độ ở quy mô chương trình (mặc định 1.000.000 hồ sơ)")
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.add_argument("--repeat", type=int, default=3, help="số lần lặp mỗi phép đo (lấy trung vị)")
    p.add_argument("--workdir", help="thư mục tạm (mặc định một thư mục mới trong /tmp)")
    p.add_argument("--load-levels", help="số phiên thử lần lượt, ví dụ 25,50,100 (tools/load.py)")
    p.add_argument("--load-duration", type=float, help="giây mỗi mức số phiên")
    p.set_defaults(run=cmd_bench)

    p = sub.add_parser(
        "hash-password",
        help="tạo mã băm mật khẩu vai trò phân tích cho .streamlit/secrets.toml (hỏi trên terminal, "
        "không hiện chữ, hoặc đọc dòng đầu của đầu vào chuẩn)",
    )
    p.add_argument("--name", help="tên cán bộ phân tích: in dòng cho [analyst.users]")
    p.add_argument("--password", help=argparse.SUPPRESS)  # refused with a message (see cmd_hash_password)
    p.add_argument("--lang", default="vi", choices=("vi", "en"), help="ngôn ngữ thông báo")
    p.set_defaults(run=cmd_hash_password)

    p = sub.add_parser("duplicates", help="các cặp hồ sơ có thể là cùng một sáng kiến (tốt nhất trước)")
    common(p)
    p.add_argument("--program", metavar="CODE", help="chỉ các cặp có hồ sơ thuộc chương trình này")
    p.add_argument(
        "--min-similarity", default=str(0.8), metavar="X", help="độ giống tối thiểu, 0 đến 1 (mặc định 0.8)"
    )
    p.add_argument(
        "--limit",
        metavar="N",
        help="chỉ N cặp tốt nhất (mặc định: mọi cặp); JSON thêm total, số cặp tìm được",
    )
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON {pairs, scanned}")
    p.set_defaults(run=cmd_duplicates)

    p = sub.add_parser("backup", help="tạo bản sao lưu đã kiểm tra của kho (hoặc --list: danh sách)")
    common(p)
    p.add_argument("--out", help="tệp (hoặc thư mục) ghi bản sao lưu; mặc định thư mục sao lưu của kho")
    p.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục kho từ một bản sao lưu đã kiểm tra")
    common(p)
    p.add_argument("file", metavar="FILE", help="tệp sao lưu (.duckdb)")
    p.set_defaults(run=cmd_restore)

    p = sub.add_parser("token", help="tạo, thu hồi, liệt kê mã truy cập API (khi máy chủ không giữ kho)")
    token_sub = p.add_subparsers(dest="token_command", required=True, parser_class=_Parser)
    q = token_sub.add_parser("create", help="tạo mã (in ra một lần trên stdout)")
    common(q)
    q.add_argument("name", metavar="NAME", help="tên mã (ai dùng, để làm gì)")
    q.add_argument("--scope", required=True, choices=("read", "write"), help="read: chỉ đọc; write: cả nhập")
    q.add_argument("--days", type=int, default=90, help="số ngày hiệu lực (mặc định 90)")
    q.add_argument("--by", default=None, help="người tạo (ghi vào nhật ký)")
    q.set_defaults(run=cmd_token_create)
    q = token_sub.add_parser("revoke", help="thu hồi mã")
    common(q)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--by", default=None, help="người thu hồi (ghi vào nhật ký)")
    q.set_defaults(run=cmd_token_revoke)
    q = token_sub.add_parser("list", help="liệt kê các mã (không bao giờ in mã)")
    common(q)
    q.set_defaults(run=cmd_token_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or EXIT_OK)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except _Unreachable as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except StoreError as exc:
        from analytics.backup import problem_text

        lang = as_lang(getattr(args, "lang", "vi"))
        db = getattr(args, "db", None) or default_db_path()
        if exc.code == "store_locked":  # the server holds it: say what to do from a terminal
            key = "api.cli.held" if hasattr(args, "server") else "api.cli.held_other"
            print(t(key, lang, path=db), file=sys.stderr)
            return EXIT_REFUSED
        print(problem_text(exc.code, exc.detail, db, lang), file=sys.stderr)
        return EXIT_REFUSED
