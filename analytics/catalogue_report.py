"""Catalogue section: the Report page, the generated documents and the report command. Merged into analytics.catalogue.CATALOGUE."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
