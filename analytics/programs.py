"""Programs, their periods, and the reference that changes over time: units and the union's own name.

A union runs programs one after another and sometimes side by side ("1 triệu sáng kiến" 2021-2023, then
"Đổi mới sáng tạo Dầu khí" 2024-2028 in yearly rounds). Each program has a window (its dates), periods of
any shape (two phases, or years numbered 2024...), a target of its own or the sum of its periods', the
name of what it counts ("sáng kiến", "sản phẩm sáng tạo") and the word its periods are called by
("Giai đoạn 2", "Năm 2025"). Every figure answers for one program.

Which program a view shows when none is named (a link without `program`, a command without `--program`):
the program whose window holds the view's as-of day; without an as-of day, the day of the newest record in
the store (else today). When several windows hold that day, the one that started last; when none does, the
latest program begun by then, else the first one. A view asking for a period that program lacks (an older
link's `phase=2`) opens the program that has that period. So a link with an as-of keeps showing what it
showed, and a bare link opens the union's current work.

Units change: renamed, merged into another, split (the records before go to the successor named), or added
on a date (`unit_changes`). Figures are shown under today's units (merged units' records counted under
their successor, today's names; the default) or as the units were then (each unit under the name it had,
only the units that existed in the period shown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analytics.i18n import Lang
from analytics.store import Reader

UNITS_TODAY, UNITS_THEN = "today", "then"
UNIT_VIEWS: tuple[str, ...] = (UNITS_TODAY, UNITS_THEN)
CHANGE_KINDS: tuple[str, ...] = ("rename", "merge", "split", "add")


@dataclass(frozen=True)
class Period:
    """One period of a program: a phase (1, 2) or a year (2024...), with its dates, target and theme."""

    program_code: str
    period: int
    name: str
    start_on: dt.date
    end_on: dt.date
    target: int | None = None
    theme: str | None = None

    def holds(self, day: dt.date) -> bool:
        return self.start_on <= day <= self.end_on


@dataclass(frozen=True)
class Program:
    """A program as the union runs it (see the module's text)."""

    code: str
    name: str
    start_on: dt.date
    end_on: dt.date
    name_en: str | None = None
    target: int | None = None
    noun_vi: str = "sáng kiến"
    noun_en: str = "initiatives"
    period_word_vi: str = "Giai đoạn"
    period_word_en: str = "Phase"
    periods: tuple[Period, ...] = field(default=())
    organizer: str | None = None
    organizer_en: str | None = None

    def title(self, lang: Lang) -> str:
        """The program's name in the page's language (the Vietnamese name when no English one is set)."""
        return (self.name_en or self.name) if lang == "en" else self.name

    def organizer_name(self, lang: Lang) -> str | None:
        """Who launched the program ("Tổng Liên đoàn Lao động Việt Nam"), when recorded."""
        return (self.organizer_en or self.organizer) if lang == "en" else self.organizer

    def noun(self, lang: Lang) -> str:
        """What it counts: "sáng kiến" / "initiatives", "sản phẩm sáng tạo" / "creative products"."""
        return self.noun_en if lang == "en" else self.noun_vi

    def period_word(self, lang: Lang) -> str:
        """What its periods are called: "Giai đoạn" / "Phase", "Năm" / "Year"."""
        return self.period_word_en if lang == "en" else self.period_word_vi

    def period_label(self, number: int, lang: Lang) -> str:
        """ "Giai đoạn 2", "Năm 2025", "Year 2025"."""
        return f"{self.period_word(lang)} {int(number)}"

    def period(self, number: int | None) -> Period | None:
        return next((p for p in self.periods if p.period == number), None)

    def holds(self, day: dt.date) -> bool:
        return self.start_on <= day <= self.end_on

    def period_numbers(self) -> list[int]:
        return [p.period for p in self.periods]

    def previous_period(self, number: int) -> Period | None:
        """The period before `number` in the program's order (None for the first)."""
        ordered = sorted(self.periods, key=lambda p: (p.start_on, p.period))
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if later.period == number:
                return earlier
        return None

    def running_period(self, day: dt.date | None) -> Period | None:
        """The period `day` falls in; after the last, the last; before the first, the first."""
        ordered = sorted(self.periods, key=lambda p: (p.start_on, p.period))
        if not ordered:
            return None
        if day is None:
            return ordered[-1]
        for period in ordered:
            if period.holds(day):
                return period
        begun = [p for p in ordered if p.start_on <= day]
        return begun[-1] if begun else ordered[0]

    def elapsed_share(self, day: dt.date) -> float:
        """How much of the program's time has passed by the end of `day` (0 before it starts, 1 after)."""
        length = (self.end_on - self.start_on).days + 1
        return min(max(((day - self.start_on).days + 1) / length, 0.0), 1.0)

    def day_at_share(self, share: float) -> dt.date:
        """The day by whose end `share` of the program's time has passed (the inverse of elapsed_share)."""
        length = (self.end_on - self.start_on).days + 1
        days = round(min(max(share, 0.0), 1.0) * length)
        return self.start_on + dt.timedelta(days=max(days - 1, 0))

    def terms(self, lang: Lang) -> dict[str, str]:
        """The program's words for the catalogue's placeholders (analytics.i18n PROGRAM_TERMS): {noun},
        {Noun}, {program_name}, {period}, {Period}, {periods}."""
        noun, word = self.noun(lang), self.period_word(lang)
        return {
            "noun": noun,
            "noun_one": noun[:-1] if lang == "en" and noun.endswith("s") else noun,
            "Noun": noun[:1].upper() + noun[1:],
            "program_name": self.title(lang),
            "period": word.lower(),
            "Period": word,
            "periods": word.lower() if lang == "vi" else word.lower() + "s",
            "PERIOD": word.upper(),
        }


_PROGRAMS_SQL = """SELECT code, name, start_on, end_on, name_en, target, noun_vi, noun_en, period_word_vi,
                          period_word_en, organizer, organizer_en
                   FROM programs ORDER BY start_on, code"""
_PERIODS_SQL = """SELECT program_code, period, name, start_on, end_on, target, theme FROM periods
                  ORDER BY program_code, start_on, period"""


def load_programs(reader: Reader) -> list[Program]:
    """Every program with its periods, in the order they started."""
    periods: dict[str, list[Period]] = {}
    for row in reader.rows(_PERIODS_SQL):
        code, number, name, start, end, target, theme = row
        periods.setdefault(code, []).append(
            Period(code, int(number), name, start, end, None if target is None else int(target), theme)
        )
    programs = []
    for row in reader.rows(_PROGRAMS_SQL):
        code, name, start, end, name_en, target, noun_vi, noun_en, word_vi, word_en, org, org_en = row
        programs.append(
            Program(
                code=code,
                name=name,
                start_on=start,
                end_on=end,
                name_en=name_en,
                target=None if target is None else int(target),
                noun_vi=noun_vi,
                noun_en=noun_en,
                period_word_vi=word_vi,
                period_word_en=word_en,
                periods=tuple(periods.get(code, ())),
                organizer=org,
                organizer_en=org_en,
            )
        )
    return programs


def by_code(programs: Iterable[Program], code: str | None) -> Program | None:
    return next((p for p in programs if p.code == code), None)


def programs_holding(programs: Sequence[Program], day: dt.date) -> list[Program]:
    """The programs whose window holds `day`, the one that started last first."""
    return sorted((p for p in programs if p.holds(day)), key=lambda p: (p.start_on, p.code), reverse=True)


def program_on(programs: Sequence[Program], day: dt.date) -> Program | None:
    """The program a view of `day` shows: the window holding it (the latest started, if several), else the
    latest program begun by then, else the first one."""
    if not programs:
        return None
    holding = programs_holding(programs, day)
    if holding:
        return holding[0]
    begun = [p for p in programs if p.start_on <= day]
    if begun:
        return max(begun, key=lambda p: (p.start_on, p.code))
    return min(programs, key=lambda p: (p.start_on, p.code))


def default_program(
    programs: Sequence[Program],
    as_of: dt.date | None = None,
    last_day: dt.date | None = None,
    today: dt.date | None = None,
    phase: int | None = None,
) -> Program | None:
    """The program a view without a named program shows (the module's rule): the one of its as-of day,
    else of the newest record's day, else of today. A view asking for a period that program does not have
    (`phase=2` of an older link) opens the program that has it (the latest started, if several do)."""
    day = as_of or last_day or today or dt.date.today()
    chosen = program_on(programs, day)
    if phase is not None and chosen is not None and phase not in chosen.period_numbers():
        owners = [p for p in programs if phase in p.period_numbers()]
        if owners:
            return max(owners, key=lambda p: (p.start_on, p.code))
    return chosen


# ---------------------------------------------------------------------------------------------------------
# Units over time.


@dataclass(frozen=True)
class UnitChange:
    """One recorded change: `rename` (the unit was called old_name before on_date), `merge` (merged into
    successor_code on on_date), `split` (split on on_date; its earlier records go to successor_code), `add`
    (created on on_date)."""

    on_date: dt.date
    kind: str
    unit_code: str
    successor_code: str | None = None
    old_name: str | None = None
    old_short_name: str | None = None
    note: str | None = None


_CHANGES_SQL = """SELECT on_date, kind, unit_code, successor_code, old_name, old_short_name, note
                  FROM unit_changes ORDER BY on_date, unit_code, kind"""


def load_unit_changes(reader: Reader) -> tuple[UnitChange, ...]:
    return tuple(UnitChange(*row) for row in reader.rows(_CHANGES_SQL))


@dataclass(frozen=True)
class UnitView:
    """How the units of one scope are shown: records of `mapping`'s keys counted under their value, units in
    `hidden` left out, and `names` (code -> (name, short name)) replacing the stored names."""

    mapping: dict[str, str] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    names: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def successors(changes: Iterable[UnitChange], until: dt.date | None = None) -> dict[str, str]:
    """Each merged or split unit's successor today (chains followed: A into B, B into C gives A -> C);
    only changes on or before `until` when given."""
    direct = {
        c.unit_code: c.successor_code
        for c in changes
        if c.kind in ("merge", "split") and c.successor_code and (until is None or c.on_date <= until)
    }
    out = {}
    for code in direct:
        seen, target = {code}, direct[code]
        while target in direct and target not in seen:
            seen.add(target)
            target = direct[target]
        if target != code:
            out[code] = target
    return out


def unit_view(
    changes: Sequence[UnitChange], start: dt.date, end: dt.date, mode: str = UNITS_TODAY
) -> UnitView:
    """The units of a scope running from `start` to `end` (a period, or a program up to its as-of day).

    Today's units: merged and split units' records under their successor, units added after `end` left out
    (they took no part), today's names. As they were then: records under the units they were registered
    with, units that had ceased by `start` or did not exist yet at `end` left out, each under the name it
    had on `end`.
    """
    added = {c.unit_code: c.on_date for c in changes if c.kind == "add"}
    not_yet = {code for code, day in added.items() if day > end}
    if mode != UNITS_THEN:
        mapping = successors(changes)
        return UnitView(mapping=mapping, hidden=frozenset(set(mapping) | not_yet))
    ceased = {c.unit_code for c in changes if c.kind in ("merge", "split") and c.on_date <= start}
    names: dict[str, tuple[str, str | None]] = {}
    for change in sorted(changes, key=lambda c: c.on_date, reverse=True):
        if change.kind == "rename" and change.on_date > end and change.old_name:
            names[change.unit_code] = (change.old_name, change.old_short_name)  # the earliest rename wins
    return UnitView(hidden=frozenset(ceased | not_yet), names=names)


# ---------------------------------------------------------------------------------------------------------
# The union's own name over time.

_UNION_SQL = """SELECT valid_from, name, name_en, parent_name, parent_name_en FROM union_names
                ORDER BY valid_from NULLS FIRST"""


@dataclass(frozen=True)
class UnionName:
    valid_from: dt.date | None
    name: str
    name_en: str | None = None
    parent_name: str | None = None
    parent_name_en: str | None = None

    def title(self, lang: Lang) -> str:
        return (self.name_en or self.name) if lang == "en" else self.name

    def parent(self, lang: Lang) -> str | None:
        return (self.parent_name_en or self.parent_name) if lang == "en" else self.parent_name


def load_union_names(reader: Reader) -> tuple[UnionName, ...]:
    return tuple(UnionName(*row) for row in reader.rows(_UNION_SQL))


def union_name_on(names: Sequence[UnionName], day: dt.date | None) -> UnionName | None:
    """The union's name on `day` (the latest valid by then; the first one before any date)."""
    if not names:
        return None
    if day is None:
        return names[-1]
    valid = [n for n in names if n.valid_from is None or n.valid_from <= day]
    return valid[-1] if valid else names[0]
