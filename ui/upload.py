"""The Data page's import flow: upload, preview (what was detected, overridable), the column mapping, the
validation report before anything is written, the commit with a progress bar, the result; then the import
history with undo, the sample's removal and the templates.

Every function that writes calls `ui.auth.require_analyst()` first; nothing here holds SQL.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd
import streamlit as st

from analytics import ingest, metrics, quality
from analytics.i18n import fmt_date, fmt_int, fmt_num
from analytics.ingest import (
    DATE_ORDERS,
    DELIMITERS,
    ENCODINGS,
    FIELD_NAMES,
    HEADER_SEARCH_ROWS,
    Limits,
    ReadOptions,
)
from ui import gate
from ui.auth import NotAnalyst, require_analyst, who
from ui.context import Context
from ui.tables import show_table
from ui.widgets import card

UPLOAD_TYPES = list(ingest.EXTENSIONS)  # every format family's extensions
# Data rows one upload may hold on this page (the server is shared with viewers while it imports): the whole
# national program, a million records, fits in one file. `python -m analytics import` has no row limit.
MAX_ROWS_ENV = "SANGKIEN_UPLOAD_MAX_ROWS"
DEFAULT_MAX_ROWS = 1_000_000


def page_limits() -> Limits:
    """The importer's limits for uploads on this page: its size limits, and at most `SANGKIEN_UPLOAD_MAX_ROWS`
    data rows (default 1,000,000)."""
    raw = os.environ.get(MAX_ROWS_ENV, "").strip()
    return Limits(max_rows=int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_ROWS)


SHOWN_ERRORS = 500
_REPORTS = "_data_reports"  # session cache: validation reports by file and choices
_RESULTS = "_data_results"  # the last commit's reports, shown after the rerun
_UPLOADER = "_data_uploader_round"  # bumped after a commit so the uploader starts empty


@dataclass
class Pending:
    """One uploaded file as the page understands it this run."""

    file_id: str
    name: str
    data: bytes
    options: ReadOptions
    mapping: dict[str, int] | None
    report: ingest.Report
    program: str | None = None  # the program chosen for records in two programs' dates (ingest.assign)


def _label(ctx: Context, name: str) -> str:
    return ctx.t(f"ingest.field.{name}")


def _encoding_label(ctx: Context, encoding: str | None) -> str:
    """ "Windows-1258 (tiếng Việt)", "TCVN3 (ABC, phông .VnTime)", or for a Unicode file holding font-encoded
    text (any codec), the codec's name with the font encoding's."""
    if encoding in ENCODINGS:
        return ctx.t(f"data.enc.{encoding}")
    base, _, layered = str(encoding).partition("+")
    if layered in ("tcvn3", "vni"):
        return ctx.t("data.enc.layered", base=_encoding_label(ctx, base), legacy=ctx.t(f"data.enc.{layered}"))
    return str(encoding)


def _sheet_detected(ctx: Context, layout: ingest.Layout) -> str:
    if layout.parts:
        return ctx.t(
            "data.detected.sheets", n=len(layout.parts), sheets=", ".join(p.sheet for p in layout.parts)
        )
    return ctx.t("data.detected.sheet", sheet=layout.sheet)


def _header_detected(ctx: Context, layout: ingest.Layout) -> str:
    text = ctx.t("data.detected.header_row", n=layout.header_row)
    if layout.header_span > 1:
        text = ctx.t("data.detected.header_rows", n=layout.header_row, rows=layout.header_span)
    if layout.numbering_row:
        text += " " + ctx.t("data.detected.numbering", n=layout.numbering_row)
    return text


def _delimiter_label(ctx: Context, delimiter: str | None) -> str:
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    return ctx.t(f"data.delim.{names[delimiter]}") if delimiter in names else str(delimiter)


# How each read option the format families offer is said in the "detected" line.
_DETECTED: dict[str, Callable[[Context, ingest.Layout], str]] = {
    "encoding": lambda ctx, layout: _encoding_label(ctx, layout.encoding),
    "delimiter": lambda ctx, layout: _delimiter_label(ctx, layout.delimiter),
    "sheet": _sheet_detected,
    "header_row": _header_detected,
    "date_order": lambda ctx, layout: (
        ctx.t(f"data.detected.date_order.{layout.date_order}") if layout.date_order else ""
    ),
}


def _offered(layout: ingest.Layout) -> tuple[str, ...]:
    """The read options the file's format family offers to override (encoding and delimiter, or sheet;
    header row)."""
    family = ingest.family_of(layout.format)
    return family.options if family else ()


def detected_line(ctx: Context, preview: ingest.Preview) -> str:
    """ "CSV · UTF-8 · dấu phẩy (,) · tiêu đề ở dòng 4 · 12 cột" (or the sheet for Excel)."""
    layout = preview.layout
    if layout is None:
        return ""
    parts = [layout.format.upper()]
    parts += [_DETECTED[option](ctx, layout) for option in (*_offered(layout), "date_order")]
    if layout.legacy_columns:
        found = sorted(set(layout.legacy_columns.values()))
        parts.append(
            ctx.t(
                "data.detected.legacy",
                n=len(layout.legacy_columns),
                legacy=", ".join(ctx.t(f"data.enc.{e}") for e in found),
            )
        )
    parts.append(ctx.t("data.detected.columns", n=len(layout.headers)))
    return " · ".join(p for p in parts if p)


# --- reading choices and mapping --------------------------------------------------------------------------


def _encoding_choice(ctx: Context, key: str, layout: ingest.Layout) -> dict:
    encodings = list(ENCODINGS)
    if layout.encoding and layout.encoding not in encodings:
        encodings.append(layout.encoding)  # a detected one the list does not offer ("utf-16-le+tcvn3")
    return {"encoding": st.selectbox(
        ctx.t("data.adjust.encoding"), encodings, index=encodings.index(layout.encoding) if layout.encoding in encodings else 0,
        format_func=lambda e: _encoding_label(ctx, e), key=f"{key}_enc",
    )}  # fmt: skip


def _delimiter_choice(ctx: Context, key: str, layout: ingest.Layout) -> dict:
    delimiters = list(DELIMITERS)
    return {"delimiter": st.selectbox(
        ctx.t("data.adjust.delimiter"), delimiters,
        index=delimiters.index(layout.delimiter) if layout.delimiter in delimiters else 0,
        format_func=lambda d: _delimiter_label(ctx, d), key=f"{key}_delim",
    )}  # fmt: skip


_EVERY_SHEET = "*"


def _sheet_choice(ctx: Context, key: str, layout: ingest.Layout) -> dict:
    """One sheet, or (for a workbook of several) every sheet holding the table, the unit from each name."""
    sheets = list(layout.sheets)
    choices = [_EVERY_SHEET, *sheets] if len(sheets) > 1 else sheets
    current = _EVERY_SHEET if layout.parts else layout.sheet
    chosen = st.selectbox(
        ctx.t("data.adjust.sheet"), choices, index=choices.index(current) if current in choices else 0,
        format_func=lambda s: ctx.t("data.adjust.sheet.all") if s == _EVERY_SHEET else s, key=f"{key}_sheet",
    )  # fmt: skip
    return {"sheets": (_EVERY_SHEET,)} if chosen == _EVERY_SHEET else {"sheet": chosen}


def _header_row_choice(ctx: Context, key: str, layout: ingest.Layout) -> dict:
    header_row = st.number_input(
        ctx.t("data.adjust.header_row"), min_value=1, max_value=HEADER_SEARCH_ROWS, step=1,
        value=int(layout.header_row), key=f"{key}_header", help=ctx.t("data.adjust.header_row.help"),
    )  # fmt: skip
    if layout.parts and int(header_row) == layout.header_row:
        return {"header_row": None}  # several sheets: each keeps the header row found in it
    return {"header_row": int(header_row)}


def _date_order_choice(ctx: Context, key: str, layout: ingest.Layout) -> dict:
    """Day first or month first for every date column; by default proven from the values (never guessed)."""
    orders = [None, *DATE_ORDERS]
    chosen = st.selectbox(
        ctx.t("data.adjust.date_order"), orders, index=orders.index(layout.date_order) if layout.date_order in orders else 0,
        format_func=lambda o: ctx.t(f"data.adjust.date_order.{o or 'auto'}"), key=f"{key}_dates",
        help=ctx.t("data.adjust.date_order.help"),
    )  # fmt: skip
    return {"date_order": chosen}


# The widget of each read option (those a format family offers, and the date order every one has), and the
# column (of three) it sits in.
_CHOICES: dict[str, tuple[int, Callable[[Context, str, ingest.Layout], dict]]] = {
    "encoding": (0, _encoding_choice),
    "delimiter": (1, _delimiter_choice),
    "sheet": (0, _sheet_choice),
    "header_row": (2, _header_row_choice),
    "date_order": (1, _date_order_choice),
}


def _read_options(ctx: Context, file_id: str, detected: ingest.Preview) -> ReadOptions:
    """Widgets showing what was detected, each overridable (the options the file's family offers); returns
    the options to read with."""
    layout = detected.layout
    assert layout is not None
    key = f"data_opt_{file_id}"
    chosen: dict[str, object] = {}
    with st.expander(ctx.t("data.adjust"), icon=":material/tune:"):
        st.caption(ctx.t("data.adjust.help"))
        cols = st.columns(3)
        for option in (*_offered(layout), "date_order"):  # the date order: every family's
            slot, choice = _CHOICES[option]
            with cols[slot]:
                chosen.update(choice(ctx, key, layout))
    return ReadOptions(format=layout.format, **chosen)


def _alternatives(ctx: Context, file_id: str, preview: ingest.Preview) -> dict[str, int]:
    """Where two columns can supply one field (estimated and actual benefit): which one is used, and the
    switch to the other. Returns the mapping with the choices made."""
    mapping = dict(preview.mapping)
    for name, columns in preview.alternatives.items():
        if name not in mapping:
            continue
        chosen = st.radio(
            ctx.t("data.alternative", field=_label(ctx, name)), columns,
            index=columns.index(mapping[name]) if mapping[name] in columns else 0,
            format_func=preview.header, horizontal=True, key=f"data_alt_{file_id}_{name}",
            help=ctx.t("data.alternative.help"),
        )  # fmt: skip
        mapping[name] = int(chosen)
    return mapping


def _mapping_editor(
    ctx: Context, file_id: str, preview: ingest.Preview, start: dict[str, int] | None = None
) -> dict[str, int]:
    """The column mapping as an editable table: one row per column of the file, its example value and the
    field it feeds (or "ignored"), starting from `start` (the detected mapping with the switches made)."""
    layout = preview.layout
    assert layout is not None
    ignore = ctx.t("data.map.ignore")
    labels = {name: _label(ctx, name) for name in FIELD_NAMES}
    by_label = {label: name for name, label in labels.items()}
    start = preview.mapping if start is None else start
    field_of = {index: name for name, index in start.items()}
    examples = []
    rows = preview.rows(start)  # the code column's cells as the import stores them
    for index in range(len(layout.headers)):
        values = [r[index] for r in rows if index < len(r) and r[index] not in (None, "")]
        examples.append(values[0] if values else "")
    frame = pd.DataFrame(
        {
            "column": [preview.header(i) for i in range(len(layout.headers))],
            "example": examples,
            "field": [labels[field_of[i]] if i in field_of else ignore for i in range(len(layout.headers))],
        }
    )
    switched = "-".join(f"{n}{i}" for n, i in sorted(start.items()) if n in preview.alternatives)
    signature = (
        f"{layout.format}-{layout.encoding}-{layout.delimiter}-{layout.sheet}-{len(layout.parts)}-"
        f"{layout.header_row}-{switched}"
    )
    missing = bool(preview.missing)
    with st.expander(ctx.t("data.map.title"), expanded=missing, icon=":material/table_rows:"):
        st.caption(ctx.t("data.map.help"))
        edited = st.data_editor(
            frame,
            key=f"data_map_{file_id}_{signature}",
            hide_index=True,
            width="stretch",
            disabled=["column", "example"],
            column_config={
                "column": st.column_config.TextColumn(ctx.t("data.map.column")),
                "example": st.column_config.TextColumn(ctx.t("data.map.example")),
                "field": st.column_config.SelectboxColumn(
                    ctx.t("data.map.field"), options=[ignore, *labels.values()], required=True
                ),
            },
        )
    mapping: dict[str, int] = {}
    for index, label in enumerate(edited["field"].tolist()):
        name = by_label.get(label)
        if name and name not in mapping:
            mapping[name] = index
    return mapping


# --- validation -------------------------------------------------------------------------------------------


def _cached_report(
    ctx: Context,
    file_id: str,
    data: bytes,
    name: str,
    options: ReadOptions,
    mapping: dict[str, int] | None,
    mode: str,
    units: tuple[str, ...],
    program: str | None = None,
) -> ingest.Report:
    """The dry run for this file and these choices, computed once per data version."""
    key = (file_id, options, tuple(sorted((mapping or {}).items())), mode, units, program, ctx.version)
    cache: dict = st.session_state.setdefault(_REPORTS, {})
    if key not in cache:
        with st.spinner(ctx.t("data.validating", name=name)):
            cache[key] = ingest.validate(
                ctx.store, data, name, options=options, mapping=mapping, mode=mode, units=units,
                limits=page_limits(), program=program,
            )  # fmt: skip
        while len(cache) > 12:
            cache.pop(next(iter(cache)))
    return cache[key]


def _detected(file_id: str, data: bytes, name: str) -> ingest.Preview:
    cache: dict = st.session_state.setdefault("_data_detected", {})
    if file_id not in cache:
        cache[file_id] = ingest.inspect(data, name)
        while len(cache) > 12:
            cache.pop(next(iter(cache)))
    return cache[file_id]


def report_block(ctx: Context, report: ingest.Report, key: str) -> None:
    """Counts, ignored columns, warnings, the rejected rows with reasons and their download."""
    if report.refusal:
        st.error(_escape_md(report.refusal.message(ctx.lang)), icon=":material/block:")
        return
    lang = ctx.lang
    cells = [
        ("data.count.insert", report.inserted),
        ("data.count.update", report.updated),
        ("data.count.unchanged", report.unchanged),
        ("data.count.reject", report.rejected),
        ("data.count.skip", report.skipped),
    ]
    if report.mode == "replace":
        cells.append(("data.count.delete", report.deleted))
    for column, (label, number) in zip(st.columns(len(cells)), cells, strict=True):
        with column:
            card(ctx.t(label), fmt_int(number, lang), ctx.t(label + ".help"))
    preview = report.preview
    if preview and preview.ignored:
        st.caption(ctx.t("data.ignored", columns=", ".join(preview.ignored)))
    if report.mode == "replace" and report.replace_units:
        st.warning(
            ctx.t(
                "data.replace_scope", units=", ".join(report.replace_units), n=fmt_int(report.deleted, lang)
            ),
            icon=":material/swap_horiz:",
        )
    if report.kept:
        st.info(ctx.t("ingest.msg.kept", n=fmt_int(report.kept, lang)), icon=":material/lock:")
    for warning, values in report.warnings:
        st.warning(ctx.t(f"ingest.warn.{warning}", **values), icon=":material/warning:")
    notes = report.notes(lang, sheets=False, shares=False)
    if notes:
        st.info("\n".join(f"- {_escape_md(note)}" for note in notes), icon=":material/fact_check:")
    if report.share_issues:
        st.warning(_escape_md(report.share_note(lang)), icon=":material/percent:")
    if report.sheets:
        show_table(sheet_table(ctx, report), hide_index=True, width="stretch")
    if report.seen_before:
        st.info(
            ctx.t("data.seen_before", ids=", ".join(f"#{i}" for i in report.seen_before)),
            icon=":material/history:",
        )
    if report.rejected:
        st.warning(ctx.t("data.rejected", n=fmt_int(report.rejected, lang)), icon=":material/rule:")
        errors = report.errors_frame(lang)
        show_table(
            errors.head(SHOWN_ERRORS),
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(errors), 320),
        )
        if len(errors) > SHOWN_ERRORS:
            st.caption(
                ctx.t(
                    "data.errors_cut",
                    shown=fmt_int(SHOWN_ERRORS, lang),
                    n=fmt_int(report.rejected_items, lang),
                )
            )
        st.download_button(
            ctx.t("data.download_rejects"),
            report.rejects_csv(lang),
            file_name=f"{ctx.t('data.rejects_file')}-{_stem(report.file)}.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"rejects_{key}",
            on_click="ignore",
        )


def sheet_table(ctx: Context, report: ingest.Report) -> pd.DataFrame:
    """Each sheet's counts, for a workbook read over its sheets (one per unit)."""
    lang = ctx.lang
    columns = {
        "sheet": ctx.t("data.sheets.sheet"), "rows": ctx.t("data.sheets.rows"), "insert": ctx.t("data.count.insert"),
        "update": ctx.t("data.count.update"), "unchanged": ctx.t("data.count.unchanged"),
        "reject": ctx.t("data.count.reject"), "skip": ctx.t("data.count.skip"),
    }  # fmt: skip
    rows = [
        {label: (s[key] if key == "sheet" else fmt_int(s[key], lang)) for key, label in columns.items()}
        for s in report.sheets
    ]
    return pd.DataFrame(rows, columns=list(columns.values()))


def _stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)[:60] or "tep"


# --- the import section -----------------------------------------------------------------------------------


def import_section(ctx: Context) -> None:
    """Upload one or more files, check them, then import the accepted ones (analysts only)."""
    st.caption(ctx.t("data.upload.help"))
    round_ = st.session_state.get(_UPLOADER, 0)
    files = st.file_uploader(
        ctx.t("data.upload"),
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"data_upload_{round_}",
    )
    mode = st.segmented_control(
        ctx.t("data.mode"), list(ingest.MODES), default="upsert", required=True, key="data_mode",
        format_func=lambda m: ctx.t(f"data.mode.{m}"), help=ctx.t("data.mode.help"),
    )  # fmt: skip
    units: tuple[str, ...] = ()
    if mode == "replace":
        codes = [u["code"] for u in ctx.options["units"]]
        names = {u["code"]: u["name"] for u in ctx.options["units"]}
        units = tuple(
            st.multiselect(
                ctx.t("data.replace_units"), codes, key="data_replace_units", placeholder=ctx.t("data.replace_units.placeholder"),
                select_all=False,  # Streamlit's "Select all" would replace every unit's records at one click
                format_func=lambda c: f"{c} – {names.get(c, '')}",
            )
        )  # fmt: skip
    if not files:
        return
    pending: list[Pending] = []
    for file in files:
        pending.append(_file_block(ctx, file, mode or "upsert", units))
    ready = [p for p in pending if p.report.ok]
    st.divider()
    if not ready:
        st.info(ctx.t("data.nothing_ready"), icon=":material/info:")
        return
    total = sum(p.report.inserted + p.report.updated + p.report.deleted for p in ready)
    label = ctx.t("data.commit", n=len(ready), changes=fmt_int(total, ctx.lang))
    if st.button(label, type="primary", icon=":material/database_upload:", key="data_commit"):
        commit_files(ctx, ready, mode or "upsert", units, uploaded=[p.file_id for p in pending])


def _file_block(ctx: Context, file, mode: str, units: tuple[str, ...]) -> Pending:
    data = file.getvalue()
    file_id = str(getattr(file, "file_id", None) or f"{file.name}-{len(data)}")
    with st.container(border=True):
        st.markdown(f"**{_escape_md(file.name)}** · {_size(len(data), ctx)}")
        detected = _detected(file_id, data, file.name)
        if detected.layout is None:
            report = ingest.Report(file=file.name, preview=detected, refusal=detected.refusal)
            report_block(ctx, report, file_id)
            return Pending(file_id, file.name, data, ReadOptions(), None, report)
        line = st.empty()  # what was detected, shown above the controls that override it
        options = _read_options(ctx, file_id, detected)
        preview = (
            ingest.inspect(data, file.name, options=options)
            if options != ingest.options_of(detected.layout)
            else detected
        )
        if preview.layout is None:
            report = ingest.Report(file=file.name, preview=preview, refusal=preview.refusal)
            report_block(ctx, report, file_id)
            return Pending(file_id, file.name, data, options, None, report)
        line.caption(ctx.t("data.detected", what=detected_line(ctx, preview)))
        mapping = _mapping_editor(ctx, file_id, preview, _alternatives(ctx, file_id, preview))
        with st.expander(ctx.t("data.first_rows"), icon=":material/visibility:"):
            show_table(preview.rows_frame(mapping), hide_index=True, width="stretch")
        program = st.session_state.get(f"data_program_{file_id}")
        report = _cached_report(ctx, file_id, data, file.name, options, mapping, mode, units, program)
        if program is not None or (report.refusal and report.refusal.code == "program_ambiguous"):
            program = _program_choice(ctx, file_id, report)
            report = _cached_report(ctx, file_id, data, file.name, options, mapping, mode, units, program)
        report_block(ctx, report, file_id)
        return Pending(file_id, file.name, data, options, mapping, report, program)


def _program_choice(ctx: Context, file_id: str, report: ingest.Report) -> str | None:
    """The preview asks which program gets the records whose day falls in two programs' dates."""
    names = {p.code: p.title(ctx.lang) for p in ctx.options.get("programs") or []}
    asked = report.refusal.params.get("codes") if report.refusal and report.refusal.params else None
    codes = list(asked or names)
    key = f"data_program_{file_id}"
    if st.session_state.get(key) not in codes:
        st.session_state.pop(key, None)
    return st.selectbox(
        ctx.t("data.program_choice"),
        codes,
        index=None,
        key=key,
        format_func=lambda code: names.get(code, code),
        placeholder=ctx.t("data.program_choice.placeholder"),
        help=ctx.t("data.program_choice.help"),
    )


def _size(size: int, ctx: Context) -> str:
    """ "7,0 KB", "12,4 MB", "130 MB"."""
    if size < 1024 * 1024:
        return ctx.t("data.kb", n=fmt_num(size / 1024, ctx.lang))
    mb = size / (1024 * 1024)
    return ctx.t("ingest.mb", n=fmt_int(mb, ctx.lang) if mb >= 10 else fmt_num(mb, ctx.lang))


def _escape_md(text: str) -> str:
    """A file name, or a message naming what a file holds (codes, sheets), shown in Markdown as plain text
    (its characters never become formatting or links)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$:" else ch for ch in text)


def commit_files(
    ctx: Context, files: list[Pending], mode: str, units: tuple[str, ...], uploaded: Sequence[str] = ()
) -> None:
    """Import each accepted file in its own transaction, with a progress bar. Refused for viewers, even
    when the request was forged. The uploader's files (`uploaded`: their ids, the refused ones too) then
    leave the server's memory: the uploader starts empty after an import."""
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    bar = st.progress(0.0, text=ctx.t("data.progress.start"))
    results = []
    for position, item in enumerate(files):

        def progress(fraction: float, step: str, position: int = position, name: str = item.name) -> None:
            overall = (position + fraction) / len(files)
            bar.progress(min(overall, 1.0), text=ctx.t(f"data.progress.{step}", name=name))

        try:
            report = ingest.commit(
                ctx.store, item.data, item.name, options=item.options, mapping=item.mapping, mode=mode,
                units=units, by=who(), progress=progress, limits=page_limits(), program=item.program,
            )  # fmt: skip
        except Exception as exc:  # the import is one transaction: nothing of this file was written
            report = ingest.Report(file=item.name, dry_run=False)
            detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            # The file was read and checked in the dry run; what fails now is writing to the store (a full
            # disk, a file made read-only meanwhile), not the file: say so, not "open it in Excel".
            code = "store_write" if isinstance(exc, duckdb.Error | OSError) else "unreadable"
            report.refusal = ingest.Refusal(code, {"detail": detail})
        results.append(report)
    if any(r.ok for r in results):
        bar.progress(1.0, text=ctx.t("data.progress.index"))
        refresh_derived(ctx)
        st.session_state[_DUPLICATES] = _import_check(ctx, results)
    bar.progress(1.0, text=ctx.t("data.progress.done"))
    st.session_state[_RESULTS] = [(r.file, r.ok, r.message(ctx.lang), r.import_id) for r in results]
    st.session_state[_UPLOADER] = st.session_state.get(_UPLOADER, 0) + 1
    st.session_state.pop(_REPORTS, None)
    gate.forget_uploads(gate.current_session_id(), uploaded)
    st.rerun()


_DUPLICATES = "_data_results_duplicates"  # import id -> its new records that are probable duplicates


def _import_check(ctx: Context, results: list) -> dict[int, int]:
    """The import check of each written import (quality.duplicates_of_import); an import the check cannot
    read is left out (the import itself is committed and reported)."""
    found: dict[int, int] = {}
    for report in results:
        if report.ok and report.import_id is not None:
            with contextlib.suppress(Exception):
                found[report.import_id] = quality.duplicates_of_import(ctx.store, report.import_id)
    return found


def refresh_derived(ctx: Context) -> None:
    """Rebuild what the pages derive from the records (the author index) right after a write, while the
    analyst is watching a progress bar, so the next person to open a page does not wait for it. A failure
    here loses nothing: the pages rebuild it when they need it."""
    with contextlib.suppress(Exception):  # the import itself is committed and reported
        metrics.refresh_author_index(ctx.store)


def last_results(ctx: Context) -> None:
    """The outcome of the last import or undo, shown above the tabs (an undo is confirmed on the history tab,
    an import on the import tab: either way the person sees what happened without changing tab)."""
    results = st.session_state.get(_RESULTS)
    if not results:
        return
    duplicates = st.session_state.get(_DUPLICATES, {})
    for name, ok, message, import_id in results:
        if ok:
            st.success(f"**{_escape_md(name)}**: {_escape_md(message)}", icon=":material/check_circle:")
            if duplicates.get(import_id):
                st.warning(
                    ctx.t(
                        "quality.import.duplicates",
                        n=fmt_int(duplicates[import_id], ctx.lang),
                        link="quality",
                    ),
                    icon=":material/content_copy:",
                )
        else:
            st.error(f"**{_escape_md(name)}**: {_escape_md(message)}", icon=":material/block:")
    if any(ok for _, ok, _, _ in results):
        st.caption(ctx.t("data.results.undo_hint"))
    if st.button(ctx.t("data.results.dismiss"), key="data_results_dismiss", type="tertiary"):
        st.session_state.pop(_RESULTS, None)
        st.session_state.pop(_DUPLICATES, None)
        st.rerun()


# --- history and undo -------------------------------------------------------------------------------------

_UNDO = "_data_undo_pending"


def history_section(ctx: Context, writer: bool) -> None:
    frame = ingest.history(ctx.store)
    if frame.empty:
        st.info(ctx.t("data.history.empty"), icon=":material/history:")
        return
    show_table(
        history_table(ctx, frame), hide_index=True, width="stretch",
        column_config={ctx.t("data.history.file"): st.column_config.TextColumn(width="medium")},
    )  # fmt: skip
    if not writer:
        return
    live = frame[frame["undone_at"].isna()]
    if live.empty:
        return
    st.markdown("**" + ctx.t("data.undo.title") + "**")
    st.caption(ctx.t("data.undo.help"))
    choices = [int(i) for i in live["id"]]
    names = dict(zip(live["id"].astype(int), live["file_name"].fillna(""), strict=True))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        chosen = st.selectbox(
            ctx.t("data.undo.pick"), choices, key=f"data_undo_pick_{choices[0]}",
            format_func=lambda i: f"#{i} – {names.get(i) or ''}",
        )  # fmt: skip
    with right:
        if st.button(ctx.t("data.undo.button"), key="data_undo_ask", icon=":material/undo:", width="stretch"):
            st.session_state[_UNDO] = chosen
    pending = st.session_state.get(_UNDO)
    if pending is not None:
        confirm_undo(ctx, int(pending))


def confirm_undo(ctx: Context, import_id: int) -> None:
    """The confirmation step: what undo will do (or why it cannot), then confirm or cancel."""
    refusal = ingest.undo_check(ctx.store, import_id)
    with st.container(border=True):
        if refusal:
            st.error(_escape_md(refusal.message(ctx.lang)), icon=":material/block:")
            if st.button(ctx.t("data.undo.cancel"), key="data_undo_cancel"):
                st.session_state.pop(_UNDO, None)
                st.rerun()
            return
        st.warning(ctx.t("data.undo.confirm_text", id=import_id), icon=":material/warning:")
        yes, no = st.columns(2)
        with yes:
            if st.button(ctx.t("data.undo.confirm"), type="primary", key="data_undo_yes", width="stretch"):
                run_undo(ctx, import_id)
        with no:
            if st.button(ctx.t("data.undo.cancel"), key="data_undo_no", width="stretch"):
                st.session_state.pop(_UNDO, None)
                st.rerun()


def run_undo(ctx: Context, import_id: int) -> None:
    """Undo one import (analysts only, checked here on the server)."""
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    result = ingest.undo(ctx.store, import_id, by=who())
    if result.ok:
        with st.spinner(ctx.t("data.progress.index")):
            refresh_derived(ctx)
    st.session_state.pop(_UNDO, None)
    st.session_state[_RESULTS] = [(f"#{import_id}", result.ok, result.message(ctx.lang), None)]
    st.session_state.pop(_REPORTS, None)
    st.rerun()


def history_table(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    lang = ctx.lang
    out = pd.DataFrame(
        {
            ctx.t("data.history.id"): [f"#{int(i)}" for i in frame["id"]],
            ctx.t("data.history.when"): [_when(v, lang) for v in frame["imported_at"]],
            ctx.t("data.history.file"): [
                ctx.t("data.mode.sample") if m == "sample" else (f or "")
                for f, m in zip(frame["file_name"], frame["mode"], strict=True)
            ],
            ctx.t("data.history.by"): frame["imported_by"].fillna(""),
            ctx.t("data.history.mode"): [
                ctx.t(f"data.mode_short.{m}") if m in (*ingest.MODES, "sample") else m for m in frame["mode"]
            ],
            ctx.t("data.count.insert"): frame["inserted"],
            ctx.t("data.count.update"): frame["updated"],
            ctx.t("data.count.delete"): frame["deleted"],
            ctx.t("data.count.unchanged"): frame["unchanged"],
            ctx.t("data.count.reject"): frame["rejected"],
            ctx.t("data.count.skip"): frame["skipped"],
            ctx.t("data.history.state"): [
                ctx.t("data.history.active")
                if pd.isna(u)
                else ctx.t("data.history.undone", when=_when(u, lang))
                for u in frame["undone_at"]
            ],
        }
    )
    return out


def _when(value, lang) -> str:
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    return f"{fmt_date(stamp.date(), lang)} {stamp.strftime('%H:%M')}"


# --- the illustrative sample ------------------------------------------------------------------------------


def sample_box(ctx: Context) -> None:
    """While the sample is in the store: explain, and offer to remove it (with a confirmation)."""
    sample_id = ingest.sample_import_id(ctx.store)
    if sample_id is None:
        return
    with st.container(border=True):
        st.markdown("**" + ctx.t("data.sample.title") + "**")
        st.caption(ctx.t("data.sample.help", n=fmt_int(ctx.store.record_count(), ctx.lang)))
        if st.session_state.get("_data_sample_confirm"):
            st.warning(ctx.t("data.sample.confirm_text"), icon=":material/warning:")
            yes, no = st.columns(2)
            with yes:
                if st.button(
                    ctx.t("data.sample.confirm"), type="primary", key="data_sample_yes", width="stretch"
                ):
                    st.session_state.pop("_data_sample_confirm", None)
                    run_undo(ctx, sample_id)
            with no:
                if st.button(ctx.t("data.undo.cancel"), key="data_sample_no", width="stretch"):
                    st.session_state.pop("_data_sample_confirm", None)
                    st.rerun()
        elif st.button(ctx.t("data.sample.remove"), key="data_sample_remove", icon=":material/delete_sweep:"):
            st.session_state["_data_sample_confirm"] = True
            st.rerun()


# --- templates and help -----------------------------------------------------------------------------------


def templates_section(ctx: Context) -> None:
    st.markdown(ctx.t("data.templates.intro"))
    left, right, _ = st.columns([1, 1, 2])
    with left:
        st.download_button(
            ctx.t("data.templates.csv"), ingest.template_csv(ctx.lang), file_name=f"{ctx.t('data.templates.file')}.csv",
            mime="text/csv", icon=":material/download:", key="data_tpl_csv", on_click="ignore", width="stretch",
        )  # fmt: skip
    with right:
        st.download_button(
            ctx.t("data.templates.xlsx"), ingest.template_xlsx(ctx.lang), file_name=f"{ctx.t('data.templates.file')}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
            key="data_tpl_xlsx", on_click="ignore", width="stretch",
        )  # fmt: skip
    st.markdown(ctx.t("data.templates.rules"))
    st.table(ingest.accepted_headers(ctx.lang), hide_index=True)
    st.markdown(ctx.t("data.templates.cli"))
    st.code("python -m analytics import danh-sach.xlsx --json\npython -m analytics undo 12", language="bash")
