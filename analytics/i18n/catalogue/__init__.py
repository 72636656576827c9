"""The one catalogue of user-facing text: key -> (Vietnamese, English), kept in one module per area.

Vietnamese is the language of the app; English is the switch (`?lang=en`). Each area of the product keeps its
keys under its own prefixes (`units.*` in units.py, `report.*` in report.py); metric labels are
`metric.<key>` and their definitions (shown on hover) `metric.<key>.help`. `CATALOGUE` merges the areas so
there is still one place to look a key up. A key defined in two areas would let one text silently replace
the other, so the merge raises at import; a key repeated inside one module is ruff's F601.
"""

from __future__ import annotations

from collections.abc import Mapping

from analytics.i18n.catalogue import (
    api,
    app,
    auth,
    backup,
    benefit,
    cli,
    data,
    filters,
    ingest,
    metrics,
    narrative,
    overview,
    programs,
    quality,
    records,
    report,
    screens,
    trends,
    units,
    values,
)

Text = Mapping[str, tuple[str, str]]

AREAS: dict[str, Text] = {  # in this order, the merged keys keep the order they had in one file
    "app": app.TEXT,
    "filters": filters.TEXT,
    "metrics": metrics.TEXT,
    "values": values.TEXT,
    "overview": overview.TEXT,
    "narrative": narrative.TEXT,
    "cli": cli.TEXT,
    "units": units.TEXT,
    "trends": trends.TEXT,
    "benefit": benefit.TEXT,
    "records": records.TEXT,
    "ingest": ingest.TEXT,
    "auth": auth.TEXT,
    "data": data.TEXT,
    "report": report.TEXT,
    "backup": backup.TEXT,
    "programs": programs.TEXT,
    "api": api.TEXT,
    "quality": quality.TEXT,
    "screens": screens.TEXT,
}


def merged(areas: Mapping[str, Text]) -> dict[str, tuple[str, str]]:
    """Every area's keys in one dict; a key defined in two areas raises `KeyError` naming both areas."""
    catalogue: dict[str, tuple[str, str]] = {}
    area_of: dict[str, str] = {}
    for area, text in areas.items():
        twice = sorted(set(text) & set(catalogue))
        if twice:
            where = ", ".join(f"{key} ({area_of[key]}, {area})" for key in twice)
            raise KeyError(f"catalogue keys defined twice: {where}")
        catalogue.update(text)
        area_of.update(dict.fromkeys(text, area))
    return catalogue


CATALOGUE: dict[str, tuple[str, str]] = merged(AREAS)

__all__ = ["AREAS", "CATALOGUE", "Text", "merged"]
