"""The two languages and the look-up in the catalogue: every user-facing string goes through `t()`."""

from __future__ import annotations

from typing import Literal

from analytics.i18n.catalogue import CATALOGUE

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")
DEFAULT_LANG: Lang = "vi"


def as_lang(value: object) -> Lang:
    """Any value to a supported language; unknown values fall back to Vietnamese."""
    return "en" if str(value).strip().lower() == "en" else "vi"


def t(key: str, lang: Lang = DEFAULT_LANG, **values: object) -> str:
    """The catalogue text for `key` in `lang`, with `{name}` placeholders filled from `values`.

    A missing key is a programming error, so it raises instead of showing a blank label.
    """
    vi, en = CATALOGUE[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def has_key(key: str) -> bool:
    """True when the catalogue holds `key` (for data values that may or may not be translated)."""
    return key in CATALOGUE
