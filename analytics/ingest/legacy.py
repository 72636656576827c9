"""The Vietnamese font encodings of the 1990s that offices still use: TCVN3 (ABC, the .VnTime fonts) and
VNI-Windows (the VNI-Times fonts). Both are 8-bit font encodings laid over Windows-1252 bytes: the file (or
the Excel cell) holds ordinary Windows-1252 characters, and only the font draws them as Vietnamese letters,
so "Nguyễn Văn An" typed in .VnTime arrives as "NguyÔn V¨n An" and in VNI-Times as "Nguyeãn Vaên An".

This module holds the two mapping tables (data, from the published standards: TCVN 5712:1993's VN3 table for
TCVN3, and the VNI-Windows table of the VNI fonts), converts either way, and scores how Vietnamese a reading of
some text is (the share of its accented words that are valid Vietnamese syllables), which is how the importer
decides which reading of a file, or of an Excel column, is the right one.

    to_unicode("NguyÔn V¨n An", "tcvn3") == "Nguyễn Văn An"
    from_unicode("Nguyễn Văn An", "vni") == "Nguyeãn Vaên An"
    score("Nguyễn Văn An").valid == 2
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

LEGACY: tuple[str, ...] = ("tcvn3", "vni")

# --- the letters ------------------------------------------------------------------------------------------

# Tone marks as Unicode combining characters, in the order the tables below list them.
_SAC, _HUYEN, _HOI, _NGA, _NANG = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"


def _letter(base: str, tone: str = "") -> str:
    return unicodedata.normalize("NFC", base + tone)


# --- TCVN3 (ABC): one byte per letter ----------------------------------------------------------------------
#
# TCVN 5712:1993, table VN3 (the one the ABC .VnTime fonts implement): the bytes 0xA1-0xFE hold the seven
# capital letters with a vowel mark or stroke and every lower-case letter with a tone. Capital letters with a
# tone have no code in VN3: the ".VnTimeH" fonts draw the lower-case codes as capitals, so a heading typed in
# .VnTimeH arrives as capital ASCII letters mixed with lower-case codes ("T£N S¸NG KIÕN").
_TCVN3_MARKED = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
                 0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ"}  # fmt: skip
# Each vowel's five toned letters: (huyền, hỏi, ngã, sắc, nặng) -> their bytes.
_TCVN3_TONED: tuple[tuple[str, tuple[int, int, int, int, int]], ...] = (
    ("a", (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    ("ă", (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    ("â", (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    ("e", (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    ("ê", (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    ("i", (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    ("o", (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    ("ô", (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    ("ơ", (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    ("u", (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    ("ư", (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    ("y", (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
)
_TCVN3_TONES = (_HUYEN, _HOI, _NGA, _SAC, _NANG)


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_MARKED)
    for vowel, codes in _TCVN3_TONED:
        for tone, code in zip(_TCVN3_TONES, codes, strict=True):
            table[code] = _letter(vowel, tone)
    return table


TCVN3_BYTES: dict[int, str] = _tcvn3_table()  # byte -> Unicode letter
# The Windows-1252 character each byte shows as is the Latin-1 one (0xA1-0xFE), so the table works on text too.
_TCVN3_ENCODE: dict[str, str] = {letter: chr(code) for code, letter in TCVN3_BYTES.items()}


# --- VNI-Windows: an ASCII letter followed by a mark ----------------------------------------------------------
#
# VNI writes a vowel with its marks as the ASCII vowel followed by one Windows-1252 character that the VNI
# fonts draw as the marks over (or under) it; ơ, ư, đ and the i, y with some tones are single characters.
# Lower-case letters take the lower-case mark characters, capitals the capital ones.
# Marks: (none), sắc, huyền, hỏi, ngã, nặng, for each of the three vowel shapes (plain, circumflex, breve).
_VNI_TONES = ("", _SAC, _HUYEN, _HOI, _NGA, _NANG)
_VNI_MARKS_LOWER = {
    "plain": ("", "ù", "ø", "û", "õ", "ï"),
    "circumflex": ("â", "á", "à", "å", "ã", "ä"),
    "breve": ("ê", "é", "è", "ú", "ü", "ë"),
}
_VNI_MARKS_UPPER = {
    "plain": ("", "Ù", "Ø", "Û", "Õ", "Ï"),
    "circumflex": ("Â", "Á", "À", "Å", "Ã", "Ä"),
    "breve": ("Ê", "É", "È", "Ú", "Ü", "Ë"),
}
# Vowels written with an ASCII base and a mark: (Unicode vowel, VNI base, mark row).
_VNI_VOWELS = (
    ("a", "a", "plain"), ("â", "a", "circumflex"), ("ă", "a", "breve"), ("e", "e", "plain"),
    ("ê", "e", "circumflex"), ("o", "o", "plain"), ("ô", "o", "circumflex"), ("u", "u", "plain"),
    ("y", "y", "plain"),
)  # fmt: skip
# Vowels whose letter is one VNI character (ơ, ư), marked with the plain row.
_VNI_SINGLE_VOWELS = (("ơ", "ô"), ("ư", "ö"))
# Letters that are one VNI character of their own: i with its tones, y with nặng, đ.
_VNI_SINGLE_LOWER = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î", "đ": "ñ"}


def _vni_table() -> dict[str, str]:
    """Unicode letter (NFC) -> its VNI-Windows spelling, lower and upper case."""
    table: dict[str, str] = {}
    for vowel, base, row in _VNI_VOWELS:
        for tone, lower, upper in zip(_VNI_TONES, _VNI_MARKS_LOWER[row], _VNI_MARKS_UPPER[row], strict=True):
            if vowel == "y" and tone == _NANG:
                continue  # ỵ is a character of its own
            if not lower and vowel == base:
                continue  # the bare ASCII vowel is itself
            letter = _letter(vowel, tone)
            table[letter] = base + lower
            table[letter.upper()] = base.upper() + upper
    for vowel, char in _VNI_SINGLE_VOWELS:
        for tone, lower, upper in zip(
            _VNI_TONES, _VNI_MARKS_LOWER["plain"], _VNI_MARKS_UPPER["plain"], strict=True
        ):
            letter = _letter(vowel, tone)
            table[letter] = char + lower
            table[letter.upper()] = char.upper() + upper
    for letter, char in _VNI_SINGLE_LOWER.items():
        table[letter] = char
        table[letter.upper()] = char.upper()
    return table


VNI_LETTERS: dict[str, str] = _vni_table()  # Unicode letter -> VNI spelling
_VNI_DECODE: dict[str, str] = {spelling: letter for letter, spelling in VNI_LETTERS.items()}
# Longest spellings first, so "ôù" (ớ) is read before "ô" (ơ).
_VNI_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)))
_VNI_ENCODE_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(VNI_LETTERS, key=len, reverse=True)))


# --- converting -------------------------------------------------------------------------------------------

# Windows-1252 as a full byte table: its five undefined bytes read as the Latin-1 character of the same value,
# so any byte string decodes (a legacy file is Windows-1252 bytes drawn by a Vietnamese font).
BYTE_TABLE: str = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in range(256)
)
_TCVN3_TRANSLATE = dict(TCVN3_BYTES)  # str.translate: code point -> letter
_WORD = re.compile(
    r"[^\s\d!-/:-@\[-`{-~]+"
)  # letters and symbols between spaces, digits and ASCII punctuation


def decode_bytes(data: bytes) -> str:
    """Bytes of a legacy file as the Windows-1252 characters they show as (never fails)."""
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


_LATIN1_TO_CP1252 = {b: BYTE_TABLE[b] for b in range(0x80, 0xA0) if BYTE_TABLE[b] != chr(b)}


_CAPITALS = frozenset("ĂÂÊÔƠƯĐ")  # the capitals TCVN3 has codes for
_LETTERS = re.compile(r"[^\W\d_]+")


def _tcvn3_upper(text: str) -> str:
    """A cell typed in a .VnTimeH font (capitals drawn from lower-case codes): when no ASCII letter of the
    text is lower case and some word holds two capitals, the whole text is capitals ("HỌ VÀ TÊN")."""
    if any("a" <= c <= "z" for c in text) or not any("A" <= c <= "Z" for c in text):
        return text
    if not any(
        sum(1 for c in word if "A" <= c <= "Z" or c in _CAPITALS) >= 2 for word in _LETTERS.findall(text)
    ):
        return text
    return text.upper()


def _tcvn3(text: str) -> str:
    """One cell's TCVN3 text (capitals drawn from lower-case codes when it is a .VnTimeH heading)."""
    converted = text.translate(_TCVN3_TRANSLATE)
    if converted == text:
        return text
    return _tcvn3_upper(converted)


def _vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


_DECODERS = {"tcvn3": _tcvn3, "vni": _vni}


def to_unicode(text: str, legacy: str) -> str:
    """One cell's text in a legacy font encoding (as Windows-1252 characters) as Unicode NFC."""
    return unicodedata.normalize("NFC", _DECODERS[legacy](text))


def to_unicode_lines(text: str, legacy: str, delimiter: str | None = None) -> str:
    """Lines of a file in a legacy font encoding as Unicode NFC, each cell (between delimiters) on its own."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.isascii():
            cells = line.split(delimiter) if delimiter else [line]
            lines[i] = (delimiter or "").join(to_unicode(cell, legacy) for cell in cells)
    return "\n".join(lines)


# The characters text in each font encoding is made of (as Windows-1252 characters): ASCII, Windows-1252's
# punctuation and the encoding's letters and marks. A cell holding anything else (ễ, ă, Đ, or a Windows-1252
# letter the encoding does not use, such as à in TCVN3) was not typed in that font.
_PUNCTUATION = frozenset(BYTE_TABLE[0x80:0xA1])
ALPHABETS: dict[str, frozenset[str]] = {
    "tcvn3": frozenset(chr(code) for code in TCVN3_BYTES) | _PUNCTUATION,
    "vni": frozenset(c for spelling in _VNI_DECODE for c in spelling if not c.isascii()) | _PUNCTUATION,
}


_WRITES: dict[str, frozenset[str]] = {
    name: alphabet | frozenset(map(chr, range(128))) for name, alphabet in ALPHABETS.items()
}  # the alphabet and ASCII: one set test per cell (`could_be` runs for every cell of a legacy column)


def could_be(text: str, legacy: str) -> bool:
    """Whether text is made only of characters the font encoding writes (and some that are not ASCII)."""
    return not text.isascii() and _WRITES[legacy].issuperset(text)


def convert_cell(text: str, legacy: str, mixed: bool = False) -> str | None:
    """A cell of a column (or file) found to be in a font encoding, converted, or None to keep it as it is:
    a cell holding characters the encoding never writes was typed in Unicode, and one that reads less
    Vietnamese converted than as it is stays (a tie converts: the column is in that encoding). A cell whose
    only characters beyond ASCII are symbols as it is ("75.000.000 ®", the đ of đồng typed in .VnTime) has no
    word to judge by, and converts too.

    A cell that reads as syllables both ways is judged by well-formedness (`well_formed`: every accented word
    a syllable, its tone on the right vowel and matching the final, its rhyme one Vietnamese writes): one that
    is well-formed as it is and not once converted stays ("Bình", whose TCVN3 reading is "Bỡnh"), one that is
    well-formed only converted converts (`kept_as_typed`). When both readings are well-formed, the column
    decides: in a `mixed` column (one that also holds cells typed in Unicode beyond doubt: `mixed_columns`)
    the cell stays ("Võ Hùng", typed in Unicode with the letters Windows-1252 shares with Vietnamese, not
    "Vừ Hựng"); in a column all in the font it converts: there "Ghi chó" is the .VnTime spelling of
    "Ghi chú", and a font's text as it is seldom reads as Vietnamese at all (¸ µ « ø ï, a misplaced tone:
    "Maõ")."""
    if not could_be(text, legacy):
        return None
    converted = to_unicode(text, legacy)
    if converted == text:
        return None
    as_is = score(text)
    if as_is.counted and score(converted).ratio < as_is.ratio:
        return None
    if kept_as_typed(text, converted, mixed):
        return None
    return converted


def reads_as_typed(text: str) -> bool:
    """Whether a text holds an accented word and reads as well-formed Vietnamese as it is (`well_formed`)."""
    found = words(text)
    return bool(found) and all(well_formed_word(w) for w in found)


def kept_as_typed(text: str, converted: str, mixed: bool) -> bool:
    """Whether a cell that a font encoding would convert to `converted` is kept as it is, typed in Unicode: it
    reads as well-formed Vietnamese as it is, and either its conversion does not ("Bình" -> "Bỡnh", "Công" ->
    VNI's "Cơng") or its column is `mixed` (a tie keeps it there: "Võ Hùng", never "Vừ Hựng"). In a column
    all in the font a tie converts ("Ghi chó" -> "Ghi chú")."""
    if not reads_as_typed(text):
        return False
    return mixed or not well_formed(converted)


def _unless_typed(text: str, legacy: str, mixed: bool) -> str | None:
    """A cell of a file in the font's own bytes converted (None when unchanged), but a cell typed in Unicode
    (saved in Windows-1252) that reads as well-formed Vietnamese as it is (`kept_as_typed`)."""
    if text.isascii():
        return None
    converted = to_unicode(text, legacy)
    if converted == text or kept_as_typed(text, converted, mixed):
        return None
    return converted


def typed_in_unicode(text: str, legacy: str) -> bool:
    """A cell typed in Unicode beyond doubt: Vietnamese as it is, with a letter the font encoding never
    writes ("Nguyễn Văn An" in a TCVN3 column)."""
    return not text.isascii() and not could_be(text, legacy) and score(text).counted > 0 and well_formed(text)


def mixed_columns(rows: Iterable[Sequence[object]], columns: dict[int, str]) -> frozenset[int]:
    """The columns in a font encoding (`columns`: index -> encoding) that also hold a cell typed in Unicode:
    there a cell that reads as Vietnamese both as it is and converted stays as it is (`convert_cell`)."""
    found: set[int] = set()
    for row in rows:
        for index, encoding in columns.items():
            if index in found or index >= len(row):
                continue
            value = row[index]
            if isinstance(value, str) and typed_in_unicode(value, encoding):
                found.add(index)
        if len(found) == len(columns):
            break
    return frozenset(found)


@dataclass
class Cursor:
    """Where a block of delimited lines starts: inside a quoted cell or not, and in which column (a cell
    spread over lines), and the columns found `mixed` so far; a file converted chunk by chunk carries it from
    one chunk to the next (a column found mixed stays so in the chunks after, not in those before)."""

    column: int = 0
    quoted: bool = False
    mixed: set[int] = field(default_factory=set)


def line_cells(line: str, delimiter: str, cursor: Cursor) -> list[tuple[int, str]]:
    """A line's cells as (column, text), quotes kept: a delimiter inside quotes belongs to its cell, and each
    line of a quoted cell spread over lines is that cell's part, in the cell's column. Moves `cursor` to the
    line's end (a line that ends outside quotes ends its record: the next starts in column 0)."""
    quoted = cursor.quoted
    column = cursor.column if quoted else 0
    if '"' not in line:
        parts = [line] if quoted else line.split(delimiter)
    else:
        parts, current = [], []
        for k, segment in enumerate(line.split('"')):
            if k:
                current.append('"')
                quoted = not quoted
            if quoted:
                current.append(segment)
                continue
            pieces = segment.split(delimiter)
            current.append(pieces[0])
            for piece in pieces[1:]:
                parts.append("".join(current))
                current = [piece]
        parts.append("".join(current))
    cursor.quoted = quoted
    cursor.column = column + len(parts) - 1 if quoted else 0
    return list(enumerate(parts, start=column))


def to_unicode_cells(
    text: str,
    legacy: str,
    delimiter: str | None = None,
    font_bytes: bool = False,
    cursor: Cursor | None = None,
) -> tuple[str, int]:
    """Text found to be in a font encoding, converted cell by cell (each line's cells between delimiters,
    or each line when no delimiter is given), keeping the cells typed in Unicode: (text, cells converted).
    Cells are told apart as a CSV reader does (`line_cells`: quotes hold delimiters and line breaks), from
    where `cursor` says the text starts (moved to where it ends), so each cell is judged in its own column.
    A column is `mixed` when the text holds a cell of it typed in Unicode beyond doubt. `font_bytes` (text in
    the font's own bytes, where every character is one the font writes): every cell is converted as it is
    (`to_unicode`) but the cells typed in Unicode that read as Vietnamese as they are (`kept_as_typed`)."""
    changed = 0
    lines = text.split("\n")
    cursor = cursor if cursor is not None else Cursor()
    cells: dict[int, list[tuple[int, str]]] = {}  # line -> its cells, for the lines beyond ASCII
    for i, line in enumerate(lines):
        if delimiter is None:
            if not line.isascii():
                cells[i] = [(0, line)]
        elif not line.isascii():
            cells[i] = line_cells(line, delimiter, cursor)
        elif '"' in line:
            line_cells(line, delimiter, cursor)  # moves the cursor only
        elif not cursor.quoted:
            cursor.column = 0
    width = max((c for found in cells.values() for c, _ in found), default=-1) + 1
    rows = []
    for found in cells.values():
        row: list[str | None] = [None] * width
        for column, cell in found:
            row[column] = cell
        rows.append(row)
    unknown = {c: legacy for c in range(width) if c not in cursor.mixed}
    cursor.mixed.update(mixed_columns(rows, unknown) if unknown and rows else ())
    mixed = cursor.mixed
    judge = _unless_typed if font_bytes else convert_cell
    decided: dict[tuple[str, bool], str | None] = {}  # units and authors repeat: each cell judged once
    for i, found in cells.items():
        out = []
        for column, cell in found:
            key = (cell, column in mixed)
            if key in decided:
                converted = decided[key]
            elif cell.isascii():
                converted = None
            else:
                converted = decided[key] = judge(cell, legacy, key[1])
            if converted is not None:
                changed += 1
            out.append(cell if converted is None else converted)
        lines[i] = delimiter.join(out) if delimiter is not None else out[0]
    return "\n".join(lines), changed


def from_unicode(text: str, legacy: str) -> str:
    """Unicode text written in a legacy font encoding (as Windows-1252 characters): what a .VnTime or
    VNI-Times cell holds. TCVN3 writes capitals with a tone as their lower-case codes (as .VnTimeH does)."""
    text = unicodedata.normalize("NFC", text)
    if legacy == "vni":
        return _VNI_ENCODE_PATTERN.sub(lambda m: VNI_LETTERS[m.group(0)], text)
    out = []
    for ch in text:
        code = _TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower())
        out.append(code if code else ch)
    return "".join(out)


def encode_bytes(text: str, legacy: str) -> bytes:
    """Unicode text as the bytes of a legacy file."""
    return from_unicode(text, legacy).encode("cp1252", errors="replace")


# --- how Vietnamese a reading is ---------------------------------------------------------------------------

_INITIAL = "(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEI = (
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu",
    "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa",
    "ưi", "ưu", "ươ", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê",
    "uyu", "ưo",
)  # fmt: skip
_NUCLEUS = "(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + ")"
_FINAL = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_INITIAL}{_NUCLEUS}{_FINAL}")
_TONE_MARKS = {_SAC, _HUYEN, _HOI, _NGA, _NANG}


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """A Vietnamese syllable: an initial consonant, a vowel nucleus, a final consonant, at most one tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


_VOWELS = frozenset("aăâeêioôơuưy")
_STOP_FINALS = ("ch", "c", "p", "t")
# Nuclei of two vowels whose tone may sit on the second vowel with no final consonant ("hoà", "thuế", "thuở",
# "quý" aside: qu is an initial); in every other nucleus without a final it sits on an earlier vowel ("mão").
_TONE_LAST = frozenset({"oa", "oe", "uy", "uê", "uơ"})
# Rhymes Vietnamese never writes, though each part is a nucleus or a final of its own: a nucleus that ends in a
# glide (ai, ao, êu, ươi...) or in the a of ia, ua, ưa takes no final consonant; nh and ch follow only a, ê,
# i, y (and oa, uê, uy); ơ takes no ng or c. Reading Unicode "Bình" as TCVN3 gives "Bỡnh", "Công" as VNI
# "Cơng": no such rhyme.
_OPEN_NUCLEI = frozenset({
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu",
    "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
})  # fmt: skip
_PALATAL_NUCLEI = frozenset({"a", "ê", "i", "y", "oa", "uê", "uy"})  # the nuclei nh and ch may follow


def _rhyme_exists(nucleus: str, final: str) -> bool:
    """Whether Vietnamese writes this nucleus with this final consonant (`_OPEN_NUCLEI`, `_PALATAL_NUCLEI`)."""
    if not final:
        return True
    if nucleus in _OPEN_NUCLEI:
        return False
    if final in ("nh", "ch"):
        return nucleus in _PALATAL_NUCLEI
    return not (nucleus == "ơ" and final in ("ng", "c"))


@lru_cache(maxsize=65536)
def well_formed_word(word: str) -> bool:
    """A syllable (`is_syllable`) whose tone sits where Vietnamese spelling puts it and agrees with its final
    (a syllable ending in c, ch, p or t takes sắc or nặng). VNI's marks read as they are put a tone on the
    last vowel of "ao" or "oo" ("Maõ", "Voõ"), which no word does; and whose nucleus and final make a rhyme
    Vietnamese writes (`_rhyme_exists`: "Bình" is a word, its TCVN3 reading "Bỡnh" is not)."""
    if not is_syllable(word):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    letters: list[str] = []
    toned = -1
    tone = ""
    for c in decomposed:
        if c in _TONE_MARKS:
            toned, tone = len(letters) - 1, c
        elif unicodedata.combining(c):
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + c)
        else:
            letters.append(c)
    bare = "".join(letters)
    initial = re.match(_INITIAL, bare)
    start = initial.end() if initial else 0
    end = start
    while end < len(bare) and bare[end] in _VOWELS:
        end += 1
    final = bare[end:]
    if tone and (toned < 0 or letters[toned] not in _VOWELS):
        return False  # a tone over a consonant: VNI's Ñ (Đ) read as it is, "Ñôn"
    if final.startswith(_STOP_FINALS) and tone not in (_SAC, _NANG):
        return False
    nucleus = bare[start:end]
    if toned == end - 1 and len(nucleus) >= 2 and not final and nucleus not in _TONE_LAST:
        return False
    if not nucleus and bare[:start] == "gi":
        nucleus = "i"  # "gìn", "gịt": the i of gi is the vowel
    return _rhyme_exists(nucleus, final)


def well_formed(text: str) -> bool:
    """Whether every accented word of a text is a well-formed Vietnamese syllable (`well_formed_word`)."""
    return all(well_formed_word(w) for w in words(text))


@dataclass(frozen=True)
class Score:
    """How Vietnamese a text reads: of its words holding a non-ASCII character, how many are syllables."""

    valid: int
    counted: int

    @property
    def ratio(self) -> float:
        return self.valid / self.counted if self.counted else 1.0


def _has_letter(word: str) -> bool:
    """Whether a word holds a letter (most are letters only: one C call)."""
    return word.isalpha() or any(c.isalpha() for c in word)


def words(text: str) -> list[str]:
    """The words of a text that hold a letter beyond ASCII (the ones a reading is judged by)."""
    return [w for w in _WORD.findall(text) if not w.isascii() and _has_letter(w)]


def score(text: str, limit: int = 4000) -> Score:
    """The syllable score of (at most `limit` accented words of) a text."""
    valid = counted = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii() or not _has_letter(word):
            continue
        counted += 1
        valid += is_syllable(word)
        if counted >= limit:
            break
    return Score(valid, counted)


# A reading is taken for legacy text when it is clearly more Vietnamese than the text as it is.
MIN_WORDS = 3  # accented words needed before a reading is judged at all
GOOD = 0.6  # the share of syllables a reading needs to be taken
MARGIN = 0.3  # how much better than the text as it is


def better_reading(text: str) -> str | None:
    """The legacy encoding under which text (as Windows-1252 characters) reads as Vietnamese clearly better
    than it does as it is, or None."""
    as_is = score(text)
    if as_is.counted < MIN_WORDS or as_is.ratio >= 1 - MARGIN / 2:
        return None
    best: tuple[float, str] | None = None
    for legacy in LEGACY:
        reading = score(to_unicode_cells(text, legacy)[0])
        good = reading.counted >= MIN_WORDS and reading.ratio >= max(GOOD, as_is.ratio + MARGIN)
        if good and (best is None or reading.ratio > best[0]):
            best = (reading.ratio, legacy)
    return best[1] if best else None


def utf8_twice(text: str) -> str | None:
    """A UTF-8 text read as Windows-1252 and saved as UTF-8 again ("Nguyá»…n"), undone (None when it cannot
    be that)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # Windows keeps the five bytes Windows-1252 leaves undefined as they are
    return bytes(out).decode("utf-8", errors="replace")


MOJIBAKE_WORDS = 8  # accented words a text needs before it is called mojibake
MOJIBAKE_RATIO = 0.5  # below this share of Vietnamese syllables under every reading, the text is mojibake


def encoded_twice(text: str) -> bool:
    """Text that is mojibake as it is and Vietnamese once its UTF-8 is decoded a second time."""
    as_is = score(text)
    if as_is.counted < MOJIBAKE_WORDS or as_is.ratio >= MOJIBAKE_RATIO:
        return False
    twice = utf8_twice(text)
    return twice is not None and score(twice).ratio >= GOOD


def broken_words(text: str) -> str:
    """A few words of a text that are not Vietnamese, to show in a refusal."""
    found = [w for w in words(text) if not is_syllable(w)]
    return " ".join(dict.fromkeys(found[:12]))[:60]
