"""The first look at a file: what was detected about it (or chosen in the preview) and how its columns map
to the record's fields. Nothing here reads past the first rows, and nothing raises for a bad file.
"""

from __future__ import annotations

from pathlib import Path

from analytics.ingest.columns import FIELD_BY_NAME, FIELD_NAMES, column_scale, match_headers
from analytics.ingest.layout import Layout, Limits, ReadOptions, Refused
from analytics.ingest.model import Preview, Refusal
from analytics.ingest.read import detect, on_disk


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
