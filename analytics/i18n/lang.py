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


# Words each program sets for itself (analytics.programs.Program.terms): what it counts, `{noun}` ("sáng
# kiến", "sản phẩm sáng tạo", `{Noun}` at the start of a label), its name `{program_name}`, what its periods
# are called (`{period}` "giai đoạn" / "năm", `{Period}`, `{periods}` in English's plural), the union's name
# in the period shown (`{union}`) and the program's target in words (`{target_name}`, "chỉ tiêu hai giai
# đoạn"). Texts name them as placeholders; a caller that does not pass them (a text about no program in
# particular) gets the first program's words.
PROGRAM_TERMS: dict[str, tuple[str, str]] = {
    "noun": ("sáng kiến", "initiatives"),
    "noun_one": ("sáng kiến", "initiative"),
    "Noun": ("Sáng kiến", "Initiatives"),
    "program_name": ("1 triệu sáng kiến", "1 million initiatives"),
    "period": ("giai đoạn", "phase"),
    "Period": ("Giai đoạn", "Phase"),
    "periods": ("giai đoạn", "phases"),
    "union": ("Công đoàn Dầu khí Việt Nam", "Petrovietnam Trade Union"),
    "target_name": ("chỉ tiêu hai giai đoạn", "the two-phase target"),
    "organizer": ("Tổng Liên đoàn Lao động Việt Nam", "the Vietnam General Confederation of Labour"),
    "PERIOD": ("GIAI ĐOẠN", "PHASE"),
}


def t(key: str, lang: Lang = DEFAULT_LANG, **values: object) -> str:
    """The catalogue text for `key` in `lang`, with `{name}` placeholders filled from `values`.

    A missing key is a programming error, so it raises instead of showing a blank label.
    """
    vi, en = CATALOGUE[key]
    text = en if lang == "en" else vi
    for term, words in PROGRAM_TERMS.items():
        if term not in values and "{" + term + "}" in text:
            values[term] = words[1] if lang == "en" else words[0]
    return text.format(**values) if values else text


def has_key(key: str) -> bool:
    """True when the catalogue holds `key` (for data values that may or may not be translated)."""
    return key in CATALOGUE
