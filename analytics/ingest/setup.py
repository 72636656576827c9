"""Setting up programs and their periods, and the reference that changes over time (the Data page's Programs
tab): a program (name, dates, target, the counted noun, the period word), its periods (number, dates, target,
theme), each unit's targets for a new period (entered, uploaded, copied from the period before with a
percentage, or proposed from each unit's past rate per 100 members), the program's campaigns and milestones,
units' renames, merges, splits and additions, and the union's own name over time.

Every save validates the whole input first (nothing is written while anything is wrong, each problem named)
and then writes in one transaction that logs every changed cell in `reference_history` (table_name, row_key,
column_name, old_value, new_value), as targets and units are (analytics.ingest.reference).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics.i18n import Lang, fmt_int, fmt_num, t
from analytics.ingest.reference import RefIssue, RefResult, _blank, _log, _whole, program_code
from analytics.programs import CHANGE_KINDS
from analytics.store import Store
from analytics.textnorm import clean_text

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROGRAM_FIELDS = (
    "code", "name", "name_en", "start_on", "end_on", "target", "noun_vi", "noun_en", "period_word_vi",
    "period_word_en", "organizer", "organizer_en",
)  # fmt: skip
PERIOD_FIELDS = ("period", "name", "start_on", "end_on", "target", "theme")


def _text(value: object) -> str | None:
    return None if _blank(value) else clean_text(str(value))


def _date(value: object) -> dt.date | None:
    """A date from a widget, a frame cell or ISO / dd/mm/yyyy text; None when not a date."""
    import pandas as pd

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _str(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# --- programs ----------------------------------------------------------------------------------------------


def programs_frame(store: Store) -> pd.DataFrame:
    """Every program as the tab lists it."""
    return store.df(f"SELECT {', '.join(PROGRAM_FIELDS)} FROM programs ORDER BY start_on, code")  # noqa: S608


# A program's words fill the catalogue's sentences on every page, in Markdown, HTML and chart labels: they hold
# none of the characters those give a meaning (a noun typed "<a href=…>" or "[x](…)" would be a link there).
PROGRAM_WORDS = (
    "name",
    "name_en",
    "noun_vi",
    "noun_en",
    "period_word_vi",
    "period_word_en",
    "organizer",
    "organizer_en",
)
MARKUP_CHARACTERS = frozenset("<>[]{}*_`#|\\$~")


def save_program(store: Store, values: dict, by: str | None = None) -> RefResult:
    """Create a program or change one (by its code): a code of lower-case letters, digits and hyphens, a
    name, dates (end on or after start, holding every period it has), an optional target (a whole number),
    the counted noun and the period word in both languages (defaults: "sáng kiến" / "initiatives",
    "Giai đoạn" / "Phase")."""
    result = RefResult()
    code = _text(values.get("code"))
    row = {
        "code": code,
        "name": _text(values.get("name")),
        "name_en": _text(values.get("name_en")),
        "start_on": _date(values.get("start_on")),
        "end_on": _date(values.get("end_on")),
        "target": None if _blank(values.get("target")) else _whole(values.get("target")),
        "noun_vi": _text(values.get("noun_vi")) or "sáng kiến",
        "noun_en": _text(values.get("noun_en")) or "initiatives",
        "period_word_vi": _text(values.get("period_word_vi")) or "Giai đoạn",
        "period_word_en": _text(values.get("period_word_en")) or "Phase",
        "organizer": _text(values.get("organizer")),
        "organizer_en": _text(values.get("organizer_en")),
    }
    if not code or not CODE_PATTERN.match(code):
        result.issues.append(RefIssue(1, "code", code, "program_code"))
    if not row["name"]:
        result.issues.append(RefIssue(1, "name", None, "name_needed"))
    for column in PROGRAM_WORDS:
        if row[column] and MARKUP_CHARACTERS & set(row[column]):
            result.issues.append(RefIssue(1, column, row[column], "markup_characters"))
    for column in ("start_on", "end_on"):
        if row[column] is None:
            result.issues.append(RefIssue(1, column, _str(values.get(column)), "date_bad"))
    if row["start_on"] and row["end_on"] and row["end_on"] < row["start_on"]:
        result.issues.append(RefIssue(1, "end_on", _str(row["end_on"]), "dates_order"))
    if row["target"] is None and not _blank(values.get("target")):
        result.issues.append(RefIssue(1, "target", str(values.get("target")), "not_whole"))
    if code and row["start_on"] and row["end_on"]:
        outside = store.rows(
            "SELECT period FROM periods WHERE program_code = ? AND (start_on < ? OR end_on > ?) ORDER BY 1",
            [code, row["start_on"], row["end_on"]],
        )
        for (number,) in outside:
            result.issues.append(
                RefIssue(1, "start_on", _str(row["start_on"]), "period_outside_program", {"period": number})
            )
    if result.issues:
        return result
    old = store.df(f"SELECT {', '.join(PROGRAM_FIELDS)} FROM programs WHERE code = ?", [code])  # noqa: S608
    with store.transaction() as cur:
        if old.empty:
            placeholders = ", ".join("?" for _ in PROGRAM_FIELDS)
            cur.execute(
                f"INSERT INTO programs ({', '.join(PROGRAM_FIELDS)}) VALUES ({placeholders})",  # noqa: S608
                [row[c] for c in PROGRAM_FIELDS],
            )
            result.added += 1
            _log(cur, by, "programs", code, "code", None, code)
            return result
        before = old.iloc[0].to_dict()
        for column in PROGRAM_FIELDS[1:]:
            previous = _plain(before[column])
            if previous == _plain(row[column]):
                continue
            cur.execute(f"UPDATE programs SET {column} = ? WHERE code = ?", [row[column], code])  # noqa: S608
            _log(cur, by, "programs", code, column, _str(previous), _str(row[column]))
            result.changed += 1
    return result


def _plain(value: object) -> object:
    """A stored value as a comparable plain one (dates as dates, numbers as ints, missing as None)."""
    import pandas as pd

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- periods -----------------------------------------------------------------------------------------------


def periods_frame(store: Store, program: str | None = None) -> pd.DataFrame:
    return store.df(
        "SELECT period, name, start_on, end_on, target, theme FROM periods WHERE program_code = ? "
        "ORDER BY start_on, period",
        [program_code(store, program)],
    )


def next_period(store: Store, program: str | None = None) -> dict:
    """What the next period of a program would be: the number after the last, starting the day after the
    last one ends and lasting as long (a year after a year: 2027 after 2026), or the program's start."""
    code = program_code(store, program)
    info = store.rows("SELECT start_on, end_on, period_word_vi FROM programs WHERE code = ?", [code])
    last = store.rows(
        "SELECT period, start_on, end_on FROM periods WHERE program_code = ? ORDER BY end_on DESC, period DESC "
        "LIMIT 1",
        [code],
    )
    if not info:
        return {}
    start_on, end_on, word = info[0]
    if not last:
        number, start, end = 1, start_on, end_on
    else:
        previous, prev_start, prev_end = last[0]
        number = previous + 1
        start = prev_end + dt.timedelta(days=1)
        if (prev_start.month, prev_start.day) == (1, 1) and (prev_end.month, prev_end.day) == (12, 31):
            end = dt.date(start.year + (prev_end.year - prev_start.year), 12, 31)
        else:
            end = start + (prev_end - prev_start)
        end = min(end, end_on) if end_on >= start else end
    return {"period": number, "name": f"{word} {number}", "start_on": start, "end_on": end}


def save_period(store: Store, values: dict, program: str | None = None, by: str | None = None) -> RefResult:
    """Add a period to a program or change one (by its number): a whole number, a name (default "Năm 2027",
    the program's word and the number), dates inside the program's window that overlap none of its other
    periods, an optional target and theme. Records registered in the new dates are given the period."""
    result = RefResult()
    code = program_code(store, program)
    window = store.rows("SELECT start_on, end_on, period_word_vi FROM programs WHERE code = ?", [code])
    if not window:
        result.refusal = "ingest.setup.no_program"
        return result
    program_start, program_end, word = window[0]
    number = _whole(values.get("period"))
    row = {
        "period": number,
        "name": _text(values.get("name")) or (f"{word} {number}" if number is not None else None),
        "start_on": _date(values.get("start_on")),
        "end_on": _date(values.get("end_on")),
        "target": None if _blank(values.get("target")) else _whole(values.get("target")),
        "theme": _text(values.get("theme")),
    }
    if number is None:
        result.issues.append(RefIssue(1, "period", _str(values.get("period")), "not_whole"))
    for column in ("start_on", "end_on"):
        if row[column] is None:
            result.issues.append(RefIssue(1, column, _str(values.get(column)), "date_bad"))
    start, end = row["start_on"], row["end_on"]
    if start and end and end < start:
        result.issues.append(RefIssue(1, "end_on", _str(end), "dates_order"))
    if start and end and (start < program_start or end > program_end):
        result.issues.append(
            RefIssue(1, "start_on", f"{_str(start)} – {_str(end)}", "period_outside_window",
                     {"start": _str(program_start), "end": _str(program_end)})
        )  # fmt: skip
    if row["target"] is None and not _blank(values.get("target")):
        result.issues.append(RefIssue(1, "target", str(values.get("target")), "not_whole"))
    if number is not None and start and end:
        for (other,) in store.rows(
            "SELECT period FROM periods WHERE program_code = ? AND period <> ? AND start_on <= ? AND end_on >= ?",
            [code, number, end, start],
        ):
            result.issues.append(RefIssue(1, "start_on", _str(start), "period_overlap", {"period": other}))
    if result.issues:
        return result
    key = f"{code}|{number}"
    old = store.df(
        "SELECT period, name, start_on, end_on, target, theme FROM periods WHERE program_code = ? AND period = ?",
        [code, number],
    )
    with store.transaction() as cur:
        if old.empty:
            cur.execute(
                "INSERT INTO periods (program_code, period, name, start_on, end_on, target, theme) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [code, number, row["name"], start, end, row["target"], row["theme"]],
            )
            _log(cur, by, "periods", key, "period", None, str(number))
            result.added += 1
        else:
            before = old.iloc[0].to_dict()
            for column in PERIOD_FIELDS[1:]:
                previous = _plain(before[column])
                if previous == _plain(row[column]):
                    continue
                cur.execute(
                    f"UPDATE periods SET {column} = ? WHERE program_code = ? AND period = ?",  # noqa: S608
                    [row[column], code, number],
                )
                _log(cur, by, "periods", key, column, _str(previous), _str(row[column]))
                result.changed += 1
        # the program's records in these dates belong to this period now (and no longer to another)
        cur.execute(
            "UPDATE initiatives SET phase = NULL WHERE program_code = ? AND phase = ? "
            "AND registered_on NOT BETWEEN ? AND ?",
            [code, number, start, end],
        )
        cur.execute(
            "UPDATE initiatives SET phase = ? WHERE program_code = ? AND registered_on BETWEEN ? AND ? "
            "AND phase IS DISTINCT FROM ?",
            [number, code, start, end, number],
        )
    return result


# --- targets for a new period ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """Each unit's proposed target for a period, with the figures it was computed from and the formula."""

    period: int
    basis: int | None  # the period whose results it is computed from
    rows: pd.DataFrame  # unit_code, name, members, basis_registered, rate_per_100, proposed, formula


def copied_targets(
    store: Store, period: int, percent: float, program: str | None = None, source: int | None = None
) -> Proposal:
    """The targets of the period before (or `source`), each raised by `percent` (rounded to a whole number):
    "copied from the previous period with a percentage"."""
    import pandas as pd

    code = program_code(store, program)
    basis = source if source is not None else _previous(store, code, period)
    rows = store.df(
        """SELECT u.code AS unit_code, u.name, u.members, t.target AS basis_target
           FROM units u LEFT JOIN targets t ON t.unit_code = u.code AND t.program_code = ? AND t.phase = ?
           ORDER BY u.code""",
        [code, basis],
    )
    factor = 1 + percent / 100
    rows["proposed"] = [None if pd.isna(v) else int(round(float(v) * factor)) for v in rows["basis_target"]]
    rows = rows[rows["proposed"].notna()].reset_index(drop=True)
    rows["formula"] = [f"{fmt_int(b)} × (1 + {fmt_num(percent)}%)" for b in rows["basis_target"]]
    return Proposal(period, basis, rows)


def proposed_targets(
    store: Store, period: int, growth: float = 0.0, program: str | None = None, lang: Lang = "vi"
) -> Proposal:
    """Each unit's target proposed from its own past rate: registered in the period before × 100 ÷ its
    members is its rate per 100 members; the proposal is members × rate ÷ 100 × (1 + growth%), rounded, at
    least 1 for a unit that registered. The formula is given in words beside each number."""
    import pandas as pd

    code = program_code(store, program)
    basis = _previous(store, code, period)
    rows = store.df(
        """SELECT u.code AS unit_code, u.name, u.members,
                  (SELECT count(*) FROM initiatives i
                   WHERE i.unit_code = u.code AND i.program_code = ? AND i.phase = ?) AS basis_registered
           FROM units u ORDER BY u.code""",
        [code, basis],
    )
    proposed, rates, formulas = [], [], []
    factor = 1 + growth / 100
    for members, done in zip(rows["members"], rows["basis_registered"], strict=True):
        if pd.isna(members) or not members:
            rates.append(float("nan"))
            proposed.append(None)
            formulas.append(t("ingest.setup.formula_no_members", lang))
            continue
        rate = float(done) * 100 / float(members)
        value = int(round(float(members) * rate / 100 * factor))
        rates.append(rate)
        proposed.append(max(value, 1) if done else value)
        formulas.append(
            t(
                "ingest.setup.formula",
                lang,
                members=fmt_int(members, lang),
                rate=fmt_num(rate, lang),
                growth=fmt_num(growth, lang),
                result=fmt_int(proposed[-1], lang),
                done=fmt_int(done, lang),
            )
        )
    rows["rate_per_100"] = rates
    rows["proposed"] = proposed
    rows["formula"] = formulas
    return Proposal(period, basis, rows)


def _previous(store: Store, code: str, period: int) -> int | None:
    found = store.rows(
        """SELECT p.period FROM periods p, periods q
           WHERE p.program_code = ? AND q.program_code = p.program_code AND q.period = ? AND p.start_on < q.start_on
           ORDER BY p.start_on DESC LIMIT 1""",
        [code, period],
    )
    if found:
        return int(found[0][0])
    last = store.rows(
        "SELECT period FROM periods WHERE program_code = ? AND period <> ? ORDER BY start_on DESC LIMIT 1",
        [code, period],
    )
    return int(last[0][0]) if last else None


def proposal_targets(proposal: Proposal) -> pd.DataFrame:
    """The proposal (as edited) as the rows analytics.ingest.save_targets takes."""
    import pandas as pd

    frame = proposal.rows
    return pd.DataFrame(
        {"unit_code": frame["unit_code"], "phase": proposal.period, "target": frame["proposed"]}
    ).reset_index(drop=True)


# --- campaigns and milestones --------------------------------------------------------------------------------


def campaigns_frame(store: Store, program: str | None = None) -> pd.DataFrame:
    return store.df(
        "SELECT name, start_on, end_on FROM campaigns WHERE program_code = ? ORDER BY start_on, name",
        [program_code(store, program)],
    )


def milestones_frame(store: Store, program: str | None = None) -> pd.DataFrame:
    return store.df(
        "SELECT on_date, cumulative_target, label FROM milestones WHERE program_code = ? ORDER BY on_date",
        [program_code(store, program)],
    )


def save_campaigns(
    store: Store, frame: pd.DataFrame, program: str | None = None, by: str | None = None
) -> RefResult:
    """Replace a program's campaigns by the edited table: each a name and dates (end on or after start)."""
    result = RefResult()
    rows = []
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        name, start, end = _text(row.get("name")), _date(row.get("start_on")), _date(row.get("end_on"))
        if not name and start is None and end is None:
            continue  # an empty row the editor added
        if not name:
            result.issues.append(RefIssue(position, "name", None, "name_needed"))
        if start is None or end is None:
            result.issues.append(RefIssue(position, "start_on", _str(row.get("start_on")), "date_bad"))
        elif end < start:
            result.issues.append(RefIssue(position, "end_on", _str(end), "dates_order"))
        rows.append((name, start, end))
    if result.issues:
        return result
    code = program_code(store, program)
    return _replace(store, "campaigns", code, ("name", "start_on", "end_on"), rows, by, result)


def save_milestones(
    store: Store, frame: pd.DataFrame, program: str | None = None, by: str | None = None
) -> RefResult:
    """Replace a program's milestones (mốc phấn đấu) by the edited table: a date, a cumulative target (a
    whole number) and a label."""
    result = RefResult()
    rows = []
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        day, target, label = _date(row.get("on_date")), row.get("cumulative_target"), _text(row.get("label"))
        if day is None and _blank(target) and not label:
            continue
        number = _whole(target)
        if day is None:
            result.issues.append(RefIssue(position, "on_date", _str(row.get("on_date")), "date_bad"))
        if number is None:
            result.issues.append(RefIssue(position, "cumulative_target", _str(target), "not_whole"))
        rows.append((day, number, label))
    if result.issues:
        return result
    code = program_code(store, program)
    return _replace(store, "milestones", code, ("on_date", "cumulative_target", "label"), rows, by, result)


def _replace(
    store: Store,
    table: str,
    code: str,
    columns: tuple[str, ...],
    rows: Iterable[tuple],
    by: str | None,
    result: RefResult,
) -> RefResult:
    """A program's rows of `table` become `rows`; each removed and each added row is logged."""
    wanted = [tuple(r) for r in rows]
    old = [tuple(_plain(v) for v in r) for r in store.rows(
        f"SELECT {', '.join(columns)} FROM {table} WHERE program_code = ?", [code]  # noqa: S608
    )]  # fmt: skip
    removed = [r for r in old if r not in wanted]
    added = [r for r in wanted if r not in old]
    if not removed and not added:
        return result
    with store.transaction() as cur:
        cur.execute(f"DELETE FROM {table} WHERE program_code = ?", [code])  # noqa: S608
        for r in wanted:
            cur.execute(
                f"INSERT INTO {table} ({', '.join(columns)}, program_code) VALUES (?, ?, ?, ?)",  # noqa: S608
                [*r, code],
            )
        for r in removed:
            _log(cur, by, table, f"{code}|{_str(r[0])}|{_str(r[1])}", columns[-1], _str(r[-1]), None)
        for r in added:
            _log(cur, by, table, f"{code}|{_str(r[0])}|{_str(r[1])}", columns[-1], None, _str(r[-1]))
    result.removed, result.added = len(removed), len(added)
    return result


# --- units over time and the union's name ---------------------------------------------------------------------

CHANGE_COLUMNS = ("on_date", "kind", "unit_code", "successor_code", "old_name", "old_short_name", "note")


def unit_changes_frame(store: Store) -> pd.DataFrame:
    return store.df(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM unit_changes ORDER BY on_date, unit_code")  # noqa: S608


def save_unit_changes(store: Store, frame: pd.DataFrame, by: str | None = None) -> RefResult:
    """Replace the record of units' changes: each a date, a kind (rename: the old name; merge or split: the
    successor that takes its records; add: the day it began), and known unit codes."""
    result = RefResult()
    known = {r[0] for r in store.rows("SELECT code FROM units")}
    rows = []
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        values = {c: row.get(c) for c in CHANGE_COLUMNS}
        if all(_blank(v) for v in values.values()):
            continue
        day, kind = _date(values["on_date"]), _text(values["kind"])
        unit, successor = _text(values["unit_code"]), _text(values["successor_code"])
        if day is None:
            result.issues.append(RefIssue(position, "on_date", _str(values["on_date"]), "date_bad"))
        if kind not in CHANGE_KINDS:
            result.issues.append(
                RefIssue(position, "kind", kind, "change_kind", {"kinds": ", ".join(CHANGE_KINDS)})
            )
        if unit not in known:
            result.issues.append(RefIssue(position, "unit_code", unit, "unit_unknown"))
        if kind in ("merge", "split") and (successor not in known or successor == unit):
            result.issues.append(RefIssue(position, "successor_code", successor, "successor_unknown"))
        if kind == "rename" and not _text(values["old_name"]):
            result.issues.append(RefIssue(position, "old_name", None, "old_name_needed"))
        rows.append(
            (day, kind, unit, successor if kind in ("merge", "split") else None, _text(values["old_name"]),
             _text(values["old_short_name"]), _text(values["note"]))
        )  # fmt: skip
    if result.issues:
        return result
    old = [tuple(_plain(v) for v in r) for r in store.rows(
        f"SELECT {', '.join(CHANGE_COLUMNS)} FROM unit_changes"  # noqa: S608
    )]  # fmt: skip
    removed = [r for r in old if r not in rows]
    added = [r for r in rows if r not in old]
    if not removed and not added:
        return result
    with store.transaction() as cur:
        cur.execute("DELETE FROM unit_changes")
        for r in rows:
            cur.execute(
                f"INSERT INTO unit_changes ({', '.join(CHANGE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                list(r),
            )
        for r in removed:
            _log(cur, by, "unit_changes", f"{_str(r[0])}|{r[1]}|{r[2]}", "kind", r[1], None)
        for r in added:
            _log(cur, by, "unit_changes", f"{_str(r[0])}|{r[1]}|{r[2]}", "kind", None, r[1])
    result.removed, result.added = len(removed), len(added)
    return result


UNION_COLUMNS = ("valid_from", "name", "name_en", "parent_name", "parent_name_en")
_UNION_SELECT = "SELECT valid_from, name, name_en, parent_name, parent_name_en FROM union_names"
_UNION_INSERT = (
    "INSERT INTO union_names (valid_from, name, name_en, parent_name, parent_name_en) VALUES (?, ?, ?, ?, ?)"
)


def union_names_frame(store: Store) -> pd.DataFrame:
    return store.df(f"SELECT {', '.join(UNION_COLUMNS)} FROM union_names ORDER BY valid_from NULLS FIRST")  # noqa: S608


def save_union_names(store: Store, frame: pd.DataFrame, by: str | None = None) -> RefResult:
    """Replace the union's names over time: each from a date (empty for the first name) with its name in
    Vietnamese (required), in English, and its parent organisation's."""
    result = RefResult()
    rows, seen = [], set()
    for position, (_, row) in enumerate(frame.iterrows(), start=1):
        values = {c: row.get(c) for c in UNION_COLUMNS}
        if all(_blank(v) for v in values.values()):
            continue
        day = _date(values["valid_from"])
        if day is None and not _blank(values["valid_from"]):
            result.issues.append(RefIssue(position, "valid_from", _str(values["valid_from"]), "date_bad"))
        if not _text(values["name"]):
            result.issues.append(RefIssue(position, "name", None, "name_needed"))
        if day in seen:
            result.issues.append(RefIssue(position, "valid_from", _str(day), "date_repeated"))
        seen.add(day)
        rows.append((day, *(_text(values[c]) for c in UNION_COLUMNS[1:])))
    if result.issues:
        return result
    old = [tuple(_plain(v) for v in r) for r in store.rows(_UNION_SELECT)]
    removed = [r for r in old if r not in rows]
    added = [r for r in rows if r not in old]
    if not removed and not added:
        return result
    with store.transaction() as cur:
        cur.execute("DELETE FROM union_names")
        for r in rows:
            cur.execute(_UNION_INSERT, list(r))
        for r in removed:
            _log(cur, by, "union_names", _str(r[0]) or "-", "name", r[1], None)
        for r in added:
            _log(cur, by, "union_names", _str(r[0]) or "-", "name", None, r[1])
    result.removed, result.added = len(removed), len(added)
    return result
