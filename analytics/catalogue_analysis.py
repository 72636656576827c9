"""Catalogue section: Units, Trends, Benefit and Records pages. Merged into analytics.catalogue.CATALOGUE."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
}
