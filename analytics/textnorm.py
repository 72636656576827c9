"""Text normalisation shared by import, matching and search.

Vietnamese has two Unicode spellings of every accented letter (precomposed and combining marks), and
Windows-1258 exports use the combining form. Everything is NFC on the way in; matching additionally folds
accents, case, spacing and punctuation so that "PV GAS", "pvgas" and "Pv-Gas" are one key.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    """Return the precomposed (NFC) spelling, the one the store keeps."""
    return unicodedata.normalize("NFC", text)


def strip_accents(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; đ/Đ become d/D (NFD does not decompose them)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold_key(text: str | None) -> str:
    """A matching key: no accents, lower case, letters and digits only ("Mã SK" -> "mask")."""
    if text is None:
        return ""
    return _NON_ALNUM.sub("", strip_accents(str(text)).lower())


def clean_text(text: str | None) -> str | None:
    """NFC, trimmed, inner runs of whitespace collapsed; empty becomes None."""
    if text is None:
        return None
    value = " ".join(nfc(str(text)).split())
    return value or None
