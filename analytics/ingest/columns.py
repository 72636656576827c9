"""What an import file's columns and values mean: the canonical fields, the headers real exports use for
them, and the words they use for statuses, levels and closing total rows.

Every comparison goes through `textnorm.fold_key` (no accents, lower case, letters and digits only), so
"Mã SK", "MA SK", "mã_sk" and "Ma sk:" are one header and "Đã công nhận" and "da cong nhan" one status.
Labels shown to people live in the catalogue (`ingest.field.<name>`); the words here are matching keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from analytics.textnorm import fold_key


@dataclass(frozen=True)
class Field:
    """A canonical field of an initiative record and the headers that name it in real exports."""

    name: str
    kind: str  # text | unit | status | level | date | money | count
    required: bool
    synonyms: tuple[str, ...]
    keys: frozenset[str] = field(default=frozenset(), compare=False)


def _field(name: str, kind: str, required: bool, *synonyms: str) -> Field:
    return Field(name, kind, required, synonyms, frozenset(fold_key(s) for s in synonyms))


# Order matters twice: it is the order of the template's columns, and when two headers name the same
# field the one whose synonym comes first in its list wins (the other is listed as ignored).
FIELDS: tuple[Field, ...] = (
    _field(
        "code",
        "text",
        True,
        "Mã sáng kiến",
        "Mã SK",
        "Mã số sáng kiến",
        "Mã hồ sơ",
        "Mã đăng ký",
        "Số hồ sơ",
        "Mã số",
        "Số đăng ký",
        "Mã",
        "Code",
        "Initiative code",
        "Initiative ID",
        "Record code",
        "Record ID",
        "ID",
    ),
    _field(
        "title",
        "text",
        True,
        "Tên sáng kiến",
        "Tên SK",
        "Tên giải pháp",
        "Tên sáng kiến/giải pháp",
        "Tên sáng kiến, giải pháp",
        "Tên đề tài",
        "Tên sáng kiến cải tiến",
        "Title",
        "Initiative title",
        "Initiative name",
        "Initiative",
    ),
    _field(
        "authors",
        "text",
        False,
        "Tác giả",
        "Tác giả chính",
        "Tên tác giả",
        "Họ và tên tác giả",
        "Họ tên tác giả",
        "Tác giả họ và tên",
        "Tác giả họ tên",
        "Họ và tên",
        "Họ tên",
        "Tác giả/Nhóm tác giả",
        "Nhóm tác giả",
        "Người đề xuất",
        "Author",
        "Authors",
        "Main author",
        "Author name",
        "Authors names",
    ),
    _field(
        "coauthors",
        "text",
        False,
        "Đồng tác giả",
        "Các đồng tác giả",
        "Tác giả tham gia",
        "Co-authors",
        "Coauthors",
        "Co-author",
    ),
    # Each author's share of the initiative (Nghị định 13/2012 asks for each co-author's contribution): a
    # column of its own, or written after the names ("Nguyễn Văn An (60%); Trần Thị Bình (40%)").
    _field(
        "author_shares",
        "shares",
        False,
        "Tỷ lệ đóng góp",
        "Tỷ lệ đóng góp của tác giả",
        "Tỷ lệ tham gia",
        "Tỷ lệ tác giả",
        "Tác giả tỷ lệ",
        "Tác giả tỷ lệ đóng góp",
        "Mức độ đóng góp",
        "Phần trăm đóng góp",
        "Tỷ lệ",
        "Contribution",
        "Contribution share",
        "Author share",
        "Author shares",
        "Share",
    ),
    _field(
        "author_count",
        "count",
        False,
        "Số tác giả",
        "Số lượng tác giả",
        "Số người tham gia",
        "Number of authors",
        "Authors count",
        "Author count",
    ),
    _field(
        "unit",
        "unit",
        True,
        "Đơn vị",
        "Tên đơn vị",
        "Mã đơn vị",
        "Đơn vị công tác",
        "Đơn vị đăng ký",
        "Đơn vị áp dụng",
        "Đơn vị thành viên",
        "Công đoàn cơ sở",
        "CĐCS",
        "Công đoàn",
        "Unit",
        "Unit code",
        "Unit name",
        "Organisation",
        "Organization",
        "Company",
        "Union",
    ),
    _field(
        "field",
        "text",
        False,
        "Lĩnh vực",
        "Lĩnh vực áp dụng",
        "Lĩnh vực sáng kiến",
        "Lĩnh vực hoạt động",
        "Ngành",
        "Field",
        "Area",
        "Category",
        "Domain",
    ),
    _field(
        "status",
        "status",
        False,
        "Trạng thái",
        "Tình trạng",
        "Kết quả",
        "Kết quả xét duyệt",
        "Kết quả công nhận",
        "Kết quả đánh giá",
        "Status",
        "Result",
        "Outcome",
    ),
    _field(
        "level",
        "level",
        False,
        "Cấp công nhận",
        "Mức công nhận",
        "Cấp",
        "Phạm vi công nhận",
        "Level",
        "Recognition level",
    ),
    _field(
        "registered_on",
        "date",
        True,
        "Ngày đăng ký",
        "Ngày nộp",
        "Ngày nộp hồ sơ",
        "Ngày gửi",
        "Ngày đăng ký sáng kiến",
        "Ngày tiếp nhận",
        "Thời gian đăng ký",
        "Ngày ĐK",
        "Registered on",
        "Registration date",
        "Date registered",
        "Registered",
        "Submitted on",
        "Submission date",
        "Date submitted",
        "Date",
    ),
    _field(
        "recognized_on",
        "date",
        False,
        "Ngày công nhận",
        "Ngày được công nhận",
        "Ngày quyết định công nhận",
        "Recognized on",
        "Recognised on",
        "Recognition date",
        "Date recognised",
        "Date recognized",
    ),
    _field(
        "applied_on",
        "date",
        False,
        "Ngày áp dụng",
        "Ngày áp dụng lần đầu",
        "Ngày áp dụng thử",
        "Ngày áp dụng lần đầu hoặc áp dụng thử",
        "Thời gian áp dụng",
        "Applied on",
        "Application date",
        "First applied",
        "Date applied",
    ),
    _field(
        "benefit_vnd",
        "money",
        False,
        "Giá trị làm lợi",
        "Giá trị làm lợi ước tính",
        "Giá trị làm lợi ước tính được",
        "Số tiền làm lợi",
        "Tiền làm lợi",
        "Hiệu quả kinh tế",
        "Hiệu quả làm lợi",
        "Giá trị làm lợi năm đầu",
        "Benefit",
        "Estimated benefit",
        "Benefit value",
        "Savings",
        "Value benefited",
        # After the others: an export with both columns keeps the estimate, as it always did (the preview
        # offers the other; `--benefit-column` on the command line).
        "Giá trị làm lợi thực tế",
        "Giá trị làm lợi thực tế đạt được",
        "Giá trị làm lợi thực tế năm đầu",
        "Actual benefit",
    ),
    _field(
        "reward_vnd",
        "money",
        False,
        "Tiền thưởng",
        "Số tiền thưởng",
        "Mức thưởng",
        "Thưởng",
        "Giá trị thưởng",
        "Reward",
        "Bonus",
        "Award",
    ),
)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
REQUIRED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)

# What follows a money header and says the amount's scale: "Giá trị làm lợi (triệu đồng)" means millions.
_MONEY_SUFFIX_SCALE: dict[str, int] = {}
for _suffix, _scale in (
    ("", 1),
    ("vnd", 1),
    ("vnđ", 1),
    ("đồng", 1),
    ("đ", 1),
    ("dong", 1),
    ("vn đồng", 1),
    ("đơn vị đồng", 1),
    ("đơn vị tính đồng", 1),
    ("đvt đồng", 1),
    ("đvt vnđ", 1),
    ("nghìn đồng", 1_000),
    ("ngàn đồng", 1_000),
    ("nghìn", 1_000),
    ("ngàn", 1_000),
    ("1000 đồng", 1_000),
    ("1.000 đồng", 1_000),
    ("triệu đồng", 1_000_000),
    ("triệu", 1_000_000),
    ("tr đồng", 1_000_000),
    ("trđ", 1_000_000),
    ("đvt triệu đồng", 1_000_000),
    ("tỷ đồng", 1_000_000_000),
    ("tỷ", 1_000_000_000),
    ("tỉ đồng", 1_000_000_000),
    ("tỉ", 1_000_000_000),
    ("đvt tỷ đồng", 1_000_000_000),
    ("thousand vnd", 1_000),
    ("million vnd", 1_000_000),
    ("vnd million", 1_000_000),
    ("vnd bn", 1_000_000_000),
    ("billion vnd", 1_000_000_000),
    ("vnd billion", 1_000_000_000),
    ("vnd m", 1_000_000),
):
    _MONEY_SUFFIX_SCALE[fold_key(_suffix)] = _scale

_PARENS = re.compile(r"[(\[].*?[)\]]")
_MARKERS = re.compile(r"[*:]+\s*$")


@dataclass(frozen=True)
class HeaderMatch:
    """What one header names: a field (or None) and, for money, the scale its amounts are written in."""

    field: str | None
    scale: int = 1
    rank: int = 0  # position of the matched synonym in the field's list (lower wins ties)


def _synonym_index() -> tuple[dict[str, tuple[str, int]], list[tuple[str, str, int]]]:
    exact: dict[str, tuple[str, int]] = {}
    money: list[tuple[str, str, int]] = []
    for f in FIELDS:
        for rank, synonym in enumerate(f.synonyms):
            key = fold_key(synonym)
            if f.kind == "money":
                money.append((key, f.name, rank))
            else:
                exact.setdefault(key, (f.name, rank))
    money.sort(key=lambda item: -len(item[0]))  # the longest synonym first ("giá trị làm lợi ước tính")
    return exact, money


_EXACT, _MONEY = _synonym_index()


@lru_cache(maxsize=4096)
def match_header(header: object) -> HeaderMatch:
    """The canonical field a header names, ignoring case, accents, spacing, punctuation and notes in
    brackets ("Ngày nộp (dd/mm/yyyy)"); money headers may carry a scale ("Giá trị làm lợi (triệu đồng)")."""
    text = "" if header is None else str(header)
    text = _MARKERS.sub("", text.strip())
    full = fold_key(text)
    if not full:
        return HeaderMatch(None)
    bare = fold_key(_PARENS.sub(" ", text))
    for candidate in (full, bare):
        if candidate in _EXACT:
            name, rank = _EXACT[candidate]
            return HeaderMatch(name, 1, rank)
    for key, name, rank in _MONEY:
        for candidate in (full, bare):
            if candidate.startswith(key) and candidate[len(key) :] in _MONEY_SUFFIX_SCALE:
                return HeaderMatch(name, _MONEY_SUFFIX_SCALE[candidate[len(key) :]], rank)
    return HeaderMatch(None)


def named_as_written(converted: list[list[object]], written: list[list[object]]) -> list[list[object]]:
    """The first rows of a table read through a font encoding, with each cell that names a column as it was
    written and none once converted put back as written: a template's Unicode headings over cells typed in
    .VnTime ("Mã SK" would read "MÓ SK" through TCVN3, as "Mã" and "Mó" are both Vietnamese)."""
    out = []
    for i, row in enumerate(converted):
        if i >= HEADER_SEARCH_ROWS or i >= len(written):
            out.append(row)
            continue
        out.append(
            [
                w
                if c != w and isinstance(w, str) and match_header(w).field and not match_header(c).field
                else c
                for c, w in zip(row, written[i], strict=False)
            ]
            + list(row[len(written[i]) :])
        )
    return out


def match_column(header: str, parts: tuple[str, ...] = ()) -> HeaderMatch:
    """What one column names: its header, else (for a two-row header, "Tác giả" over "Họ tên") one of the
    parts it was composed of, the lower row first."""
    for text in (header, *parts):
        found = match_header(text)
        if found.field is not None:
            return found
    return HeaderMatch(None)


def header_candidates(headers: list[str], parts: list[tuple[str, ...]] | None = None) -> dict[str, list[int]]:
    """Every column that names each field, the one `match_headers` uses first (better synonym, then the
    leftmost): a field with two (estimated and actual benefit) lets the person choose."""
    found: dict[str, list[tuple[int, int]]] = {}
    for index, header in enumerate(headers):
        match = match_column(header, parts[index] if parts and index < len(parts) else ())
        if match.field is not None:
            found.setdefault(match.field, []).append((match.rank, index))
    return {name: [index for _, index in sorted(found[name])] for name in FIELD_NAMES if name in found}


def match_headers(
    headers: list[str], parts: list[tuple[str, ...]] | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Map canonical fields to column positions; returns (mapping, money scales).

    When two headers name the same field, the better synonym wins (e.g. "Mã SK" over "Mã hồ sơ"), then
    the leftmost; the other column is left out (and reported as ignored).
    """
    mapping = {name: columns[0] for name, columns in header_candidates(headers, parts).items()}
    scales = {
        name: column_scale(headers, parts, index)
        for name, index in mapping.items()
        if FIELD_BY_NAME[name].kind == "money"
    }
    return mapping, scales


def column_scale(headers: list[str], parts: list[tuple[str, ...]] | None, index: int) -> int:
    """The scale a money column's header gives its amounts ("(triệu đồng)": 1,000,000)."""
    return match_column(headers[index], parts[index] if parts and index < len(parts) else ()).scale or 1


def header_score(cells: list[object]) -> int:
    """How many distinct fields a row of cells names: the header row is the row that names the most."""
    return len({m.field for m in (match_header(None if c is None else str(c)) for c in cells) if m.field})


# --- the header row ---------------------------------------------------------------------------------------

HEADER_SEARCH_ROWS = 30  # the header is looked for among a file's (or sheet's) first rows


def blank_row(row: list[object]) -> bool:
    """Nothing but empty cells (None or white space)."""
    return all(cell is None or str(cell).strip() == "" for cell in row)


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def find_header(rows: list[list[object]]) -> int:
    """Index of the header among the first rows: the row naming the most known fields; failing that,
    the first row as wide as most rows."""
    best, best_score = -1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score(list(row))
        if score > best_score:
            best, best_score = index, score
    if best >= 0:
        return best
    widths = [sum(1 for c in r if c not in (None, "")) for r in rows[:HEADER_SEARCH_ROWS] if not blank_row(r)]
    if not widths:
        return 0
    common = max(set(widths), key=widths.count)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for c in row if c not in (None, "")) >= common and not blank_row(row):
            return index
    return 0


# Report-style tables: a two-row header ("Tác giả" merged over "Họ tên" and "Tỷ lệ (%)"), and the row of
# column numbers "(1) (2) (3) ..." that official forms put under it.
_NUMBERING = re.compile(r"\(?\s*(?:[0-9]{1,3}|[A-Za-z])\s*\)?")
_DATA_LIKE = re.compile(r"[0-9\s.,/:%()+-]+")


@dataclass(frozen=True)
class HeaderBlock:
    """The rows that head a table: where they start (0-based), how many rows the header takes (1 or 2),
    each column's name (two rows composed: "Tác giả Họ tên") with the parts it was made of, and the row of
    column numbers under it, if any (0-based)."""

    index: int
    span: int
    headers: list[str]
    parts: list[tuple[str, ...]]
    numbering: int | None = None


def is_numbering_row(row: list[object]) -> bool:
    """A row of column numbers: "(1) (2) (3) ...", or 1, 2, 3... counting up, in three cells or more."""
    cells = [_cell(c) for c in row if _cell(c)]
    if len(cells) < 3 or not all(_NUMBERING.fullmatch(c) for c in cells):
        return False
    if sum(1 for c in cells if c.startswith("(")) * 2 >= len(cells):
        return True
    numbers = [int(c) for c in cells if c.isdigit()]
    return len(numbers) == len(cells) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _compose(top: list[object], sub: list[object]) -> tuple[list[str], list[tuple[str, ...]], bool]:
    """Two header rows as one: each column's group (the top cell, or the merged top cell to its left whose
    group it continues) and its own sub-header. Also says whether some sub-header sits under a merged
    group (the sign of a two-row header)."""
    width = max(len(top), len(sub))
    names: list[str] = []
    parts: list[tuple[str, ...]] = []
    group = ""
    under_merged = False
    for i in range(width):
        upper = _cell(top[i]) if i < len(top) else ""
        lower = _cell(sub[i]) if i < len(sub) else ""
        if upper:
            group = upper if lower else ""
            names.append(f"{upper} {lower}" if lower else upper)
            parts.append((lower, upper) if lower else ())
        elif lower and group:
            under_merged = True
            names.append(f"{group} {lower}")
            parts.append((lower, group))
        else:
            group = ""
            names.append(lower)
            parts.append(())
    return names, parts, under_merged


def _two_row(top: list[object], sub: list[object]) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """The composed header when `sub` is the lower row of a two-row header under `top`, else None."""
    cells = [_cell(c) for c in sub if _cell(c)]
    if not cells or is_numbering_row(sub) or any(_DATA_LIKE.fullmatch(c) for c in cells):
        return None
    if len(cells) >= sum(1 for c in top if _cell(c)):
        return None
    names, parts, under_merged = _compose(top, sub)
    if not under_merged:
        return None
    composed = {m.field for m in (match_column(n, p) for n, p in zip(names, parts, strict=True)) if m.field}
    if len(composed) < header_score(list(top)):
        return None
    return names, parts


def header_block(rows: list[list[object]], index: int, text: Callable[[object], str] = str) -> HeaderBlock:
    """The header that starts at row `index` (or, when that row is the lower row of a two-row header, at the
    row above), and the numbering row under it. `text` writes a cell as text (a one-row header keeps its
    cells as they are written)."""

    def texts(row: list[object]) -> list[object]:
        return [None if c is None else text(c) for c in row]

    for start in (index, index - 1):
        if start < 0 or start + 1 >= len(rows):
            continue
        two = _two_row(texts(list(rows[start])), texts(list(rows[start + 1])))
        if two is not None and (start == index or header_score(list(rows[start])) > 0):
            names, parts = two
            block = HeaderBlock(start, 2, names, parts)
            break
    else:
        top = texts(list(rows[index])) if index < len(rows) else []
        block = HeaderBlock(index, 1, ["" if c is None else str(c) for c in top], [() for _ in top])
    below = block.index + block.span
    if below < len(rows) and is_numbering_row(list(rows[below])):
        return HeaderBlock(block.index, block.span, block.headers, block.parts, below)
    return block


# --- values -----------------------------------------------------------------------------------------------

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "registered": (
        "registered",
        "Đã đăng ký",
        "Đăng ký",
        "Đăng ký mới",
        "Chờ công nhận",
        "Chưa công nhận",
        "Đang xét",
        "Đang xét duyệt",
        "Chờ xét duyệt",
        "Chờ duyệt",
        "Chờ xét",
        "Đang chờ",
        "Mới",
        "Đã nộp",
        "Đã tiếp nhận",
        "Tiếp nhận",
        "Đang thẩm định",
        "Submitted",
        "Pending",
        "New",
        "Under review",
        "Awaiting recognition",
        "In review",
    ),
    "recognized": (
        "recognized",
        "Đã công nhận",
        "Công nhận",
        "Được công nhận",
        "Đã được công nhận",
        "Đạt",
        "Đã duyệt",
        "Được duyệt",
        "Recognised",
        "Approved",
        "Accepted",
    ),
    "applied": (
        "applied",
        "Đã áp dụng",
        "Áp dụng",
        "Đang áp dụng",
        "Đã được áp dụng",
        "Đã triển khai",
        "Đang triển khai",
        "Implemented",
        "In use",
        "In operation",
    ),
    "not_recognized": (
        "not_recognized",
        "Không công nhận",
        "Không được công nhận",
        "Không đạt",
        "Từ chối",
        "Bị từ chối",
        "Loại",
        "Bị loại",
        "Không duyệt",
        "Not recognised",
        "Not recognized",
        "Rejected",
        "Declined",
        "Not approved",
    ),
}
STATUS_KEYS: dict[str, str] = {fold_key(w): s for s, words in STATUS_WORDS.items() for w in words}

LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "unit": (
        "unit",
        "Cơ sở",
        "Cấp cơ sở",
        "Đơn vị",
        "Cấp đơn vị",
        "Cấp công ty",
        "Unit level",
        "Local",
    ),
    "sector": (
        "sector",
        "Ngành",
        "Cấp ngành",
        "Tỉnh",
        "Cấp tỉnh",
        "Cấp ngành/tỉnh",
        "Cấp ngành, tỉnh",
        "Tập đoàn",
        "Cấp Tập đoàn",
        "Cấp Tổng công ty",
        "Sector level",
        "Province",
        "Provincial",
    ),
    "national": (
        "national",
        "Toàn quốc",
        "Cấp toàn quốc",
        "Quốc gia",
        "Cấp quốc gia",
        "Cấp nhà nước",
        "Nationwide",
        "National level",
    ),
}
LEVEL_KEYS: dict[str, str] = {fold_key(w): s for s, words in LEVEL_WORDS.items() for w in words}

# The first filled cell of a closing total row: skipped and counted, never an error.
TOTAL_KEYS: frozenset[str] = frozenset(
    fold_key(w)
    for w in (
        "Tổng cộng",
        "Cộng",
        "Tổng",
        "Tổng số",
        "Tổng hợp",
        "Cộng dồn",
        "Total",
        "Grand total",
        "Subtotal",
        "Sum",
        "Totals",
    )
)


def is_total_label(value: object) -> bool:
    key = fold_key(None if value is None else str(value))
    return bool(key) and (key in TOTAL_KEYS or key.startswith("tongcong"))


def unit_keys(units: list[tuple[str, str | None, str | None, list[str] | None]]) -> dict[str, str]:
    """Fold key -> unit code from each unit's code, short name, full name and aliases.

    A key two units share is dropped (it would be a guess); the code always wins over other names.
    """
    keys: dict[str, str] = {}
    clashes: set[str] = set()
    for code, short, name, aliases in units:
        for text in (short, name, *(aliases or [])):
            key = fold_key(text)
            if not key:
                continue
            if key in keys and keys[key] != code:
                clashes.add(key)
            keys.setdefault(key, code)
    for key in clashes:
        keys.pop(key, None)
    for code, *_ in units:
        keys[fold_key(code)] = code
    return keys
