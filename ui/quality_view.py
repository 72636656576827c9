"""Links to the Quality page from other pages (the Overview's headline line)."""

from __future__ import annotations

from urllib.parse import urlencode

from analytics.filters import to_query
from ui.context import Context


def quality_query(ctx: Context) -> str:
    """The view's URL parameters for a link to the Quality page ("" or "?program=...")."""
    query = to_query(ctx.filters, ctx.lang)
    return "?" + urlencode(query, doseq=True) if query else ""
