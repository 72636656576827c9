"""The first look at a file: what was detected about it (or chosen in the preview) and how its columns map
to the record's fields. Nothing here reads past the first rows, and nothing raises for a bad file.
"""

from __future__ import annotations

from pathlib import Path

from analytics.i18n import t
from analytics.ingest.columns import FIELD_BY_NAME, FIELD_NAMES, column_scale, match_headers
from analytics.ingest.layout import Layout, Limits, ReadOptions, Refused
from analytics.ingest.model import Preview, Refusal
from analytics.ingest.read import detect, on_disk
from analytics.textnorm import fold_key


def _resolve(layout: Layout, mapping: dict[str, int] | None) -> tuple[dict[str, int], dict[str, int]]:
    """The detected mapping, or the person's (fields -> column), checked: known fields, columns in range,
    no column used twice."""
    parts = layout.header_parts or None
    detected, scales = match_headers(layout.headers, parts)
    if mapping is None:
        return detected, scales
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for name in FIELD_NAMES:
        index = mapping.get(name)
        if index is None or not 0 <= int(index) < len(layout.headers) or int(index) in used:
            continue
        chosen[name] = int(index)
        used.add(int(index))
    kept_scales = {n: scales.get(n, 1) for n in chosen if FIELD_BY_NAME[n].kind == "money"}
    for name in kept_scales:
        if detected.get(name) != chosen[name]:
            kept_scales[name] = column_scale(layout.headers, parts, chosen[name])
    return chosen, kept_scales


def inspect(
    data: bytes | str | Path,
    name: str | None = None,
    options: ReadOptions | None = None,
    mapping: dict[str, int] | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Detect a file's format, encoding, delimiter, header row and sheet, and map its columns.

    Never raises for a bad file: the preview then carries the refusal (and, when the file could be read,
    what was detected, so the person can fix the mapping).
    """
    with on_disk(data, name) as (path, label):
        return inspect_path(path, label, options, mapping, limits)


def inspect_path(
    path: Path, label: str, options: ReadOptions | None, mapping: dict[str, int] | None, limits: Limits | None
) -> Preview:
    """`inspect` of a file already on disk (the pipeline's first step)."""
    try:
        layout = detect(path, options, limits)
    except Refused as exc:
        return Preview(label, None, refusal=Refusal(exc.code, exc.params))
    except OSError as exc:
        return Preview(label, None, refusal=Refusal("unreadable", {"detail": str(exc)[:200]}))
    chosen, scales = _resolve(layout, mapping)
    preview = Preview(label, layout, chosen, scales)
    if preview.missing:
        preview.refusal = Refusal(
            "missing_columns",
            {"columns": preview.missing, "found": ", ".join(h for h in layout.headers if h)[:300]},
        )
    return preview


# --- choosing columns by name (the command line's --map and --benefit-column) --------------------------------

IGNORE_WORDS = frozenset(fold_key(w) for w in ("ignore", "bỏ qua", "bo qua", "-", "none", "không dùng"))


class MappingError(ValueError):
    """A column or field named on the command line that the file does not have; `code` names the catalogue
    message (`ingest.map.<code>`), `params` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def column_named(preview: Preview, name: str) -> int:
    """The column a person names: its header (as the file writes it, ignoring case, accents and spacing), a
    part of a two-row header ("Thực tế" under "Giá trị làm lợi"), its number (1 = the first) or its letter
    as in Excel (A, B, ... AA)."""
    layout = preview.layout
    assert layout is not None
    key = fold_key(name)
    headers = [preview.header(i) for i in range(len(layout.headers))]
    found = [i for i, h in enumerate(headers) if fold_key(h) == key and key]
    if not found:
        parts = layout.header_parts or [() for _ in headers]
        found = [i for i, p in enumerate(parts) if any(fold_key(x) == key for x in p) and key]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise MappingError("ambiguous_column", column=name, columns=", ".join(headers[i] for i in found))
    text = name.strip()
    if text.isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    if text.isalpha() and text.isascii() and len(text) <= 2:
        index = 0
        for ch in text.upper():
            index = index * 26 + (ord(ch) - 64)
        if 1 <= index <= len(headers):
            return index - 1
    raise MappingError("no_column", column=name, columns=", ".join(headers))


def field_named(name: str) -> str | None:
    """The field a person names: its code (benefit_vnd) or its label in Vietnamese or English ("Giá trị làm
    lợi (đồng)", "Benefit"); None for "ignore" / "bỏ qua"."""
    key = fold_key(name)
    if key in IGNORE_WORDS:
        return None
    for field in FIELD_NAMES:
        labels = (field, t(f"ingest.field.{field}", "vi"), t(f"ingest.field.{field}", "en"))
        if key in {fold_key(label) for label in labels} or name.strip() == field:
            return field
    raise MappingError("no_field", field=name, fields=", ".join(FIELD_NAMES))


def choose_columns(
    preview: Preview, assignments: list[tuple[str, str]] = (), benefit_column: str | None = None
) -> dict[str, int]:
    """The detected mapping with the person's choices applied: each "column = field" (a field a column is
    given is taken from the column that had it; "= bỏ qua" leaves a column out), and the column the value
    benefited comes from (of two that could give it, estimated and actual)."""
    mapping = dict(preview.mapping)
    chosen = [(column, field) for column, field in assignments]
    if benefit_column:
        chosen.append((benefit_column, "benefit_vnd"))
    for column, field in chosen:
        index = column_named(preview, column)
        name = field_named(field)
        for other, other_index in list(mapping.items()):
            if other_index == index or other == name:
                del mapping[other]
        if name is not None:
            mapping[name] = index
    return mapping
