"""Helpers to run the real app with Streamlit's AppTest against a real store file."""

from __future__ import annotations

import html
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run_app(
    monkeypatch, db: Path, page: str | None = None, timeout: float = 120, **params: str | list[str]
) -> AppTest:
    """Run app.py (optionally switched to pages/<page>.py) with URL parameters, on the store at `db`."""
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


_CARD = re.compile(r'<div class="sk-card-label">(.*?)</div><div class="sk-card-value">(.*?)</div>', re.S)


def cards(at: AppTest) -> list:
    """The metric cards (ui.widgets.card) in page order: Markdown elements holding one card each."""
    return [element for element in at.markdown if _CARD.search(element.value)]


def metric_values(at: AppTest) -> list[tuple[str, str]]:
    """(label, value) of every metric card, as a viewer reads them (HTML entities decoded)."""
    pairs = (_CARD.search(element.value).groups() for element in cards(at))
    return [(html.unescape(label), html.unescape(value)) for label, value in pairs]


def html_text(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def all_text(at: AppTest) -> str:
    """Every text-like element's text (markdown, text, captions, titles, alerts), for 'is it on screen'."""
    parts = []
    for kind in (
        "markdown",
        "text",
        "caption",
        "title",
        "header",
        "subheader",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    return "\n".join(parts)


def url_value(at: AppTest, key: str) -> list[str]:
    """A URL parameter as the list of its values (AppTest stores single values as plain strings)."""
    value = at.query_params.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
