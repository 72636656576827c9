"""Characters nobody typed on purpose, removed before anything is matched: control characters and NUL bytes
(a text file damaged in transit, or a database export that kept them), and invisible Unicode characters
pasted from web pages and chat apps (zero-width space, word joiner, soft hyphen, a BOM in the middle of a
file, no-break and other Unicode spaces). A code "SK-001" followed by a zero-width space is "SK-001", so a
re-import never creates a second record; the import report counts what was cleaned.

Zero-width characters and controls are removed; Unicode spaces become ordinary spaces (a no-break space
between two names still separates them), which trimming then removes at the ends of a cell. In a record's
code they are removed instead (`clean_code`): nobody types a no-break or ideographic space into a code on
purpose, it comes from a word processor or a web page, and "PVEP-2022\u00a0-015" is "PVEP-2022-015" (an
ordinary space the analyst typed stays, trimmed as in every cell).
"""

from __future__ import annotations

import re

# Removed: C0 controls but tab, line feed and carriage return, and DEL.
CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
# Removed: zero-width space, non-joiner and joiner, left-to-right and right-to-left marks, word joiner and the
# invisible operators, BOM (zero-width no-break space), soft hyphen, Mongolian vowel separator.
ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
# Made ordinary spaces: no-break, Ogham, en/em and the other typographic spaces, line and paragraph
# separators, narrow no-break, medium mathematical, ideographic.
SPACES = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"

_CONTROL_TABLE = {ord(c): None for c in CONTROLS}
_INVISIBLE_TABLE = {**{ord(c): None for c in ZERO_WIDTH}, **{ord(c): " " for c in SPACES}}
_CODE_TABLE = {**_CONTROL_TABLE, **{ord(c): None for c in ZERO_WIDTH + SPACES}}
_CONTROL_RE = re.compile("[" + re.escape(CONTROLS) + "]")
_INVISIBLE_RE = re.compile("[" + re.escape(ZERO_WIDTH + SPACES) + "]")
# What a code loses, as an SQL regular-expression class (for the codes DuckDB reads itself).
SQL_CODE_CLASS = "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in ZERO_WIDTH + SPACES) + "]"

# The UTF-8 bytes of every invisible character, to tell whether a file needs cleaning from its bytes alone.
_INVISIBLE_BYTES = re.compile(b"|".join(re.escape(c.encode("utf-8")) for c in ZERO_WIDTH + SPACES))
_CONTROL_BYTES = re.compile(b"[" + re.escape(CONTROLS.encode("ascii")) + b"]")


def has_controls(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


def count_controls(text: str) -> int:
    return len(_CONTROL_RE.findall(text))


def strip_controls(text: str) -> str:
    return text.translate(_CONTROL_TABLE)


def dirty_bytes(data: bytes) -> bool:
    """Whether UTF-8 bytes hold a control or an invisible character."""
    return _CONTROL_BYTES.search(data) is not None or _INVISIBLE_BYTES.search(data) is not None


def clean_cell(text: str) -> tuple[str, bool]:
    """A cell's text without controls or invisible characters, and whether anything was cleaned."""
    cleaned = text.translate(_INVISIBLE_TABLE).translate(_CONTROL_TABLE)
    return cleaned, cleaned != text


def clean_code(text: str) -> tuple[str, bool]:
    """A code's text without controls, invisible characters or Unicode spaces (all removed, not made spaces),
    and whether anything was cleaned."""
    cleaned = text.translate(_CODE_TABLE)
    return cleaned, cleaned != text


def code_value(text: str | None) -> str | None:
    """A code as the import stores it: `clean_code`, then trimmed as every cell is, None when nothing is left.
    The preview shows the code column through it, so the codes it shows are the codes the import writes."""
    if text is None:
        return None
    return clean_code(text)[0].strip(" \t\r\n") or None


def clean_lines(
    text: str, delimiter: str, code_column: int | None = None, in_quotes: bool = False
) -> tuple[str, int, int]:
    """A block of delimited lines cleaned: (text, control characters removed, cells with invisible characters
    cleaned). Cells are counted between delimiters, which is exact outside quoted cells. With `code_column`,
    that column's cell loses its Unicode spaces (`clean_code`) on every line that starts a record (`in_quotes`:
    the block starts inside a quoted cell); a line inside a quoted cell spread over lines is left to the rest
    of the cleaning (its column is not known without the lines before it)."""
    controls = 0
    if _CONTROL_RE.search(text):
        controls = len(_CONTROL_RE.findall(text))
        text = text.translate(_CONTROL_TABLE)
    cells = 0
    if _INVISIBLE_RE.search(text):
        lines = text.split("\n")
        quoted = in_quotes
        track = '"' in text  # without a quote every line starts a record
        for i, line in enumerate(lines):
            if _INVISIBLE_RE.search(line):
                cells += sum(1 for cell in line.split(delimiter) if _INVISIBLE_RE.search(cell))
                if code_column is not None and not quoted:
                    lines[i] = _clean_code_cell(line, delimiter, code_column)
            if track and line.count('"') % 2:
                quoted = not quoted
        text = "\n".join(lines).translate(_INVISIBLE_TABLE)
    return text, controls, cells


def _clean_code_cell(line: str, delimiter: str, column: int) -> str:
    """The line with its `column`-th cell cleaned as a code (unchanged when the line has no such cell)."""
    span = field_span(line, delimiter, column)
    if span is None:
        return line
    start, end = span
    return line[:start] + clean_code(line[start:end])[0] + line[end:]


def field_span(line: str, delimiter: str, column: int) -> tuple[int, int] | None:
    """Where the `column`-th cell (0-based, its quotes included) of a line that starts a record lies, or None
    when the line ends first (or a quoted cell runs on past it). Quotes as DuckDB reads them: a cell that
    starts with '"' runs to the closing '"', a doubled '""' inside it being one quote."""
    pos = 0
    for index in range(column + 1):
        start = pos
        if line.startswith('"', pos):
            pos += 1
            while True:
                quote = line.find('"', pos)
                if quote < 0:
                    return None
                if line.startswith('"', quote + 1):
                    pos = quote + 2
                    continue
                pos = quote + 1
                break
        nxt = line.find(delimiter, pos)
        if index == column:
            return start, len(line.rstrip("\r")) if nxt < 0 else nxt
        if nxt < 0:
            return None
        pos = nxt + len(delimiter)
    return None
