"""Editing the reference tables analysts own: targets per unit and period of a program, and units (names,
aliases, members).

Both are small, so they are edited as whole frames (the Data page's `st.data_editor`, or an uploaded file),
validated, and saved in one transaction that logs every changed cell in `reference_history`
(changed_at, changed_by, table_name, row_key, column_name, old_value, new_value). A target's row_key is
"unit|period|program" (BSR|2025|dmst-dau-khi).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analytics import audit
from analytics.i18n import Lang, t
from analytics.ingest.columns import unit_keys
from analytics.ingest.layout import Limits, ReadOptions, Refused
from analytics.ingest.read import all_rows, detect
from analytics.programs import default_program, load_programs
from analytics.sandbox import temp_dir
from analytics.store import Reader, Store
from analytics.textnorm import clean_text, fold_key

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

ALIAS_SEPARATOR = " | "


@dataclass
class RefIssue:
    row: int  # 1-based row of the edited table (or file row for an upload)
    column: str
    value: str | None
    reason: str  # ingest.ref.<reason>
    params: dict = field(default_factory=dict)

    def text(self, lang: Lang = "vi") -> str:
        return t(f"ingest.ref.{self.reason}", lang, **self.params)


@dataclass
class RefResult:
    """What a save did (or why nothing was saved): changed cells, added and removed rows, issues."""

    changed: int = 0
    added: int = 0
    removed: int = 0
    issues: list[RefIssue] = field(default_factory=list)
    refusal: str | None = None  # a catalogue key when the whole input was refused

    @property
    def ok(self) -> bool:
        return not self.issues and self.refusal is None

    def issues_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(
            [(i.row, i.column, i.value, i.text(lang)) for i in self.issues],
            columns=[t("ingest.col.row", lang), t("ingest.col.column", lang), t("ingest.col.value", lang),
                     t("ingest.col.reason", lang)],
        )  # fmt: skip


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _whole(value: object) -> int | None:
    """A whole number >= 0 from an editor cell or a file cell ("1.400", "1,400", 1400.0); None if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = str(value).strip().replace(" ", "")
    if text.count(".") + text.count(",") and all(len(p) == 3 for p in text.replace(",", ".").split(".")[1:]):
        text = text.replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None


# --- targets ----------------------------------------------------------------------------------------------


def program_code(store: Reader, program: str | None) -> str:
    """`program`, or the store's default program (analytics.programs.default_program) when None."""
    if program:
        return program
    chosen = default_program(
        load_programs(store), None, store.one("SELECT max(registered_on) FROM initiatives")
    )
    return chosen.code if chosen else ""


def phases(store: Store, program: str | None = None) -> list[int]:
    """The program's period numbers (1, 2; 2024, 2025...), in order."""
    return [
        int(r[0])
        for r in store.rows(
            "SELECT period FROM periods WHERE program_code = ? ORDER BY start_on, period",
            [program_code(store, program)],
        )
    ]


def targets_wide(store: Store, program: str | None = None) -> pd.DataFrame:
    """One row per unit (code, name), one column per period of the program ("1", "2" or "2024", ...) holding
    its target or None."""
    code = program_code(store, program)
    units = store.df("SELECT code, name FROM units ORDER BY code")
    targets = store.df("SELECT unit_code, phase, target FROM targets WHERE program_code = ?", [code])
    frame = units.rename(columns={"code": "unit_code"})
    for phase in phases(store, code):
        values = dict(
            zip(targets.loc[targets["phase"] == phase, "unit_code"], targets.loc[targets["phase"] == phase, "target"],
                strict=True)
        )  # fmt: skip
        frame[str(phase)] = [
            None if values.get(code) is None else int(values[code]) for code in frame["unit_code"]
        ]
    return frame


def wide_to_long(frame: pd.DataFrame) -> pd.DataFrame:
    """The editor's wide table back to (unit_code, phase, target) rows; empty cells become None."""
    import pandas as pd

    rows = []
    for _, row in frame.iterrows():
        for column in frame.columns:
            if str(column).isdigit():
                rows.append((row["unit_code"], int(column), row[column]))
    return pd.DataFrame(rows, columns=["unit_code", "phase", "target"])


def save_targets(
    store: Store, frame: pd.DataFrame, by: str | None = None, program: str | None = None
) -> RefResult:
    """Validate and save (unit_code, phase, target) rows of a program (the default one when None): whole
    numbers >= 0, known units and periods of that program, one target per unit and period; an empty target
    removes it. Nothing is saved while any row is wrong."""
    result = RefResult()
    code = program_code(store, program)
    known_units = {r[0] for r in store.rows("SELECT code FROM units")}
    known_phases = set(phases(store, code))
    wanted: dict[tuple[str, int], int | None] = {}
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        unit, phase, target = row.get("unit_code"), row.get("phase"), row.get("target")
        if _blank(unit):
            result.issues.append(RefIssue(position, "unit_code", None, "unit_missing"))
            continue
        unit = str(unit).strip()
        if unit not in known_units:
            result.issues.append(RefIssue(position, "unit_code", unit, "unit_unknown"))
            continue
        phase_number = _whole(phase)
        if phase_number not in known_phases:
            result.issues.append(
                RefIssue(position, "phase", None if _blank(phase) else str(phase), "phase_unknown")
            )
            continue
        value = None if _blank(target) else _whole(target)
        if value is None and not _blank(target):
            result.issues.append(RefIssue(position, "target", str(target), "not_whole"))
            continue
        if (unit, phase_number) in wanted:
            result.issues.append(RefIssue(position, "unit_code", unit, "repeated", {"phase": phase_number}))
            continue
        wanted[(unit, phase_number)] = value
    if result.issues:
        return result
    current = {
        (u, int(p)): int(v)
        for u, p, v in store.rows(
            "SELECT unit_code, phase, target FROM targets WHERE program_code = ?", [code]
        )
    }
    with store.transaction() as cur:
        for (unit, phase_number), value in sorted(wanted.items()):
            old = current.get((unit, phase_number))
            if old == value:
                continue
            key = f"{unit}|{phase_number}|{code}"
            where = "program_code = ? AND unit_code = ? AND phase = ?"
            if value is None:
                cur.execute(f"DELETE FROM targets WHERE {where}", [code, unit, phase_number])  # noqa: S608
                result.removed += 1
            elif old is None:
                cur.execute(
                    "INSERT INTO targets (unit_code, phase, target, program_code) VALUES (?, ?, ?, ?)",
                    [unit, phase_number, value, code],
                )
                result.added += 1
            else:
                cur.execute(f"UPDATE targets SET target = ? WHERE {where}", [value, code, unit, phase_number])  # noqa: S608
                result.changed += 1
            _log(cur, by, "targets", key, "target", old, value)
        _audit_edit(cur, by, "targets", result)
    return result


# --- units ------------------------------------------------------------------------------------------------

UNIT_COLUMNS = ("code", "name", "short_name", "group_name", "members", "aliases")


def units_frame(store: Store) -> pd.DataFrame:
    """Units as the editor shows them: aliases joined with " | "."""
    import pandas as pd

    frame = store.df("SELECT code, name, short_name, group_name, members, aliases FROM units ORDER BY code")
    frame["aliases"] = [ALIAS_SEPARATOR.join(a) if a is not None and len(a) else "" for a in frame["aliases"]]
    frame["members"] = [None if pd.isna(m) else int(m) for m in frame["members"]]
    return frame


def _aliases(value: object) -> list[str]:
    if _blank(value):
        return []
    parts = str(value).replace(";", "|").replace("\n", "|").split("|")
    out: list[str] = []
    for part in parts:
        text = clean_text(part)
        if text and text not in out:
            out.append(text)
    return out


def save_units(store: Store, frame: pd.DataFrame, by: str | None = None) -> RefResult:
    """Validate and save the units table: codes unique and not empty, names not empty, members whole
    numbers >= 0, aliases that name no other unit. New units are added; a unit missing from the frame is
    kept (units are never removed here: records and targets refer to them)."""
    result = RefResult()
    current = {row["code"]: row for row in units_frame(store).to_dict("records")}
    seen: dict[str, int] = {}
    cleaned: list[dict] = []
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        code = clean_text(None if _blank(row.get("code")) else str(row.get("code")))
        if not code:
            if all(_blank(row.get(c)) for c in UNIT_COLUMNS):
                continue  # an empty row the editor added
            result.issues.append(RefIssue(position, "code", None, "code_missing"))
            continue
        if code in seen:
            result.issues.append(RefIssue(position, "code", code, "code_repeated", {"row": seen[code]}))
            continue
        seen[code] = position
        name = clean_text(None if _blank(row.get("name")) else str(row.get("name")))
        if not name:
            result.issues.append(RefIssue(position, "name", None, "name_missing"))
            continue
        members = None if _blank(row.get("members")) else _whole(row.get("members"))
        if members is None and not _blank(row.get("members")):
            result.issues.append(RefIssue(position, "members", str(row.get("members")), "not_whole"))
            continue
        cleaned.append(
            {
                "code": code,
                "name": name,
                "short_name": clean_text(
                    None if _blank(row.get("short_name")) else str(row.get("short_name"))
                ),
                "group_name": clean_text(
                    None if _blank(row.get("group_name")) else str(row.get("group_name"))
                ),
                "members": members,
                "aliases": _aliases(row.get("aliases")),
                "_row": position,
            }
        )
    # Every spelling must point at one unit only: codes and names first, then aliases (so a clash is
    # reported on the alias that causes it).
    owner: dict[str, str] = {}
    for pass_ in ("names", "aliases"):
        for unit in cleaned:
            texts = (unit["code"], unit["short_name"], unit["name"]) if pass_ == "names" else unit["aliases"]
            for text in texts:
                key = fold_key(text)
                if key and owner.setdefault(key, unit["code"]) != unit["code"]:
                    column = "aliases" if pass_ == "aliases" else "name"
                    result.issues.append(
                        RefIssue(unit["_row"], column, text, "alias_clash", {"unit": owner[key]})
                    )
    if result.issues:
        return result
    with store.transaction() as cur:
        for unit in cleaned:
            old = current.get(unit["code"])
            values = [
                unit["code"],
                unit["name"],
                unit["short_name"],
                unit["group_name"],
                unit["members"],
                unit["aliases"],
            ]
            if old is None:
                cur.execute(
                    "INSERT INTO units (code, name, short_name, group_name, members, aliases) VALUES (?, ?, ?, ?, ?, ?)",
                    values,
                )
                result.added += 1
                _log(cur, by, "units", unit["code"], "code", None, unit["code"])
                continue
            changes = {
                column: (
                    old[column],
                    unit[column] if column != "aliases" else ALIAS_SEPARATOR.join(unit["aliases"]),
                )
                for column in ("name", "short_name", "group_name", "members", "aliases")
            }
            changes = {
                c: (a, b)
                for c, (a, b) in changes.items()
                if (None if _blank(a) else a) != (None if _blank(b) else b)
            }
            if not changes:
                continue
            cur.execute(
                "UPDATE units SET name = ?, short_name = ?, group_name = ?, members = ?, aliases = ? WHERE code = ?",
                values[1:] + [unit["code"]],
            )
            result.changed += len(changes)
            for column, (a, b) in changes.items():
                _log(cur, by, "units", unit["code"], column, a, b)
        _audit_edit(cur, by, "units", result)
    return result


def _audit_edit(cur, by: str | None, table: str, result: RefResult) -> None:
    """One audit row per saved edit (the cells themselves are in reference_history)."""
    if result.changed or result.added or result.removed:
        audit.record_in(
            cur,
            "edit",
            by,
            subject=table,
            detail={"changed": result.changed, "added": result.added, "removed": result.removed},
        )


# --- uploaded targets -------------------------------------------------------------------------------------

_UNIT_HEADERS = {
    fold_key(h) for h in ("Đơn vị", "Mã đơn vị", "Tên đơn vị", "Unit", "Unit code", "Code", "Mã")
}
_PHASE_HEADERS = {fold_key(h) for h in ("Giai đoạn", "GĐ", "Phase", "Đợt", "Năm", "Year", "Kỳ", "Period")}
_TARGET_HEADERS = {fold_key(h) for h in ("Chỉ tiêu", "Target", "Số chỉ tiêu", "Chỉ tiêu đăng ký")}


def _phase_of_header(header: str) -> int | None:
    """ "Giai đoạn 1", "GĐ 2", "Chỉ tiêu GĐ1", "Phase 2", "Năm 2025", "Chỉ tiêu năm 2026", "Đợt 3", "2027"
    -> the period number (wide layout)."""
    key = fold_key(header)
    prefixes = ("chitieugiaidoan", "chitieugd", "giaidoan", "gd", "phase", "targetphase", "chitieunam", "nam",
                "year", "targetyear", "chitieudot", "dot", "round", "period", "ky")  # fmt: skip
    for prefix in prefixes:
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            return int(key[len(prefix) :])
    if key.isdigit() and len(key) == 4 and key[0] in "12":  # a year on its own
        return int(key)
    return None


def read_targets(
    store: Store, data: bytes | str | Path, name: str | None = None, limits: Limits | None = None
) -> tuple[pd.DataFrame, RefResult]:
    """An uploaded targets file (CSV or Excel) as (unit_code, phase, target) rows, with the issues found.

    Long layout: Đơn vị | Giai đoạn | Chỉ tiêu. Wide layout: Đơn vị | Giai đoạn 1 | Giai đoạn 2 ...
    Units are matched like the importer matches them (code, short name, name or alias).
    """
    import pandas as pd

    result = RefResult()
    with temp_dir() as folder:
        if isinstance(data, (bytes, bytearray)):
            path = folder / "targets.bin"
            path.write_bytes(bytes(data))
        else:
            path = Path(data)
        try:
            layout = detect(path, ReadOptions(), limits or Limits(max_bytes=5 * 1024 * 1024))
            cells = all_rows(path, layout)
        except Refused as exc:
            result.refusal = f"ingest.refuse.{exc.code}"
            return pd.DataFrame(columns=["unit_code", "phase", "target"]), result
    headers = [fold_key(h) for h in layout.headers]
    unit_col = next((i for i, h in enumerate(headers) if h in _UNIT_HEADERS), None)
    phase_col = next((i for i, h in enumerate(headers) if h in _PHASE_HEADERS), None)
    target_col = next((i for i, h in enumerate(headers) if h in _TARGET_HEADERS), None)
    wide = {i: _phase_of_header(h) for i, h in enumerate(layout.headers) if _phase_of_header(h)}
    if unit_col is None or (not wide and (phase_col is None or target_col is None)):
        result.refusal = "ingest.ref.layout"
        return pd.DataFrame(columns=["unit_code", "phase", "target"]), result
    keys = unit_keys(store.rows("SELECT code, short_name, name, aliases FROM units"))
    out = []
    for offset, row in enumerate(cells):
        file_row = layout.header_row + 1 + offset
        cell = row[unit_col] if unit_col < len(row) else None
        if _blank(cell):
            continue
        unit = keys.get(fold_key(str(cell)))
        if unit is None:
            result.issues.append(RefIssue(file_row, layout.headers[unit_col], str(cell), "unit_unknown"))
            continue
        if wide:
            for index, phase in wide.items():
                out.append((unit, phase, row[index] if index < len(row) else None, file_row))
        else:
            phase_cell = row[phase_col] if phase_col < len(row) else None
            phase = _phase_of_header(str(phase_cell)) or _whole(phase_cell)
            out.append((unit, phase, row[target_col] if target_col < len(row) else None, file_row))
    frame = pd.DataFrame(out, columns=["unit_code", "phase", "target", "row"])
    return frame, result


def _log(cur, by: str | None, table: str, key: str, column: str, old: object, new: object) -> None:
    cur.execute(
        "INSERT INTO reference_history VALUES (now(), ?, ?, ?, ?, ?, ?)",
        [by, table, key, column, None if old is None else str(old), None if new is None else str(new)],
    )
