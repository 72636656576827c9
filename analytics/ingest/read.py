"""Reading a file whatever its family: its layout from the first 64 KB (format, then the family's own
detection), the file on disk for bytes that came from an upload, and every row of a small file.

Anything wrong with the file as a whole raises `Refused` with a catalogue code (`ingest.refuse.<code>`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analytics.ingest.formats import family_of, sniff_format
from analytics.ingest.layout import SAMPLE_BYTES, Layout, Limits, ReadOptions, Refused
from analytics.sandbox import temp_dir


@contextmanager
def on_disk(data: bytes | str | Path, name: str | None) -> Iterator[tuple[Path, str]]:
    """A path on disk for the file and the name to report it by (bytes are written to a private temporary
    file first)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        label = name or "upload"
        with temp_dir() as folder:
            path = folder / "upload.bin"
            path.write_bytes(bytes(data))
            yield path, label
    else:
        path = Path(data)
        yield path, name or path.name


def read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SAMPLE_BYTES)


def detect(path: Path, options: ReadOptions | None = None, limits: Limits | None = None) -> Layout:
    """Detect (or apply the overrides for) a file's layout; raises `Refused` for a file that is not one."""
    options = options or ReadOptions()
    limits = limits or Limits()
    size = path.stat().st_size
    if size == 0:
        raise Refused("empty")
    head = read_head(path)
    fmt = options.format or sniff_format(head, path)
    family = family_of(fmt)
    if family is None:
        raise Refused("not_table")
    layout = family.detect(path, fmt, size, head, options, limits)
    layout.date_order = options.date_order
    return layout


def all_rows(path: Path, layout: Layout) -> list[list[object]]:
    """Every row under the header of a detected file, read whole (reference files are small)."""
    family = family_of(layout.format)
    if family is None:
        raise Refused("not_table")
    return family.rows(path, layout)
