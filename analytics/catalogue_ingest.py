"""Catalogue section: import: the Data page, the importer's messages and the import command. Merged into analytics.catalogue.CATALOGUE."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
}
