"""Charts for documents: the dashboard's own Plotly figures, drawn to PNG by kaleido in a Chromium browser.

Kaleido 1.x does not ship a browser; it drives one through choreographer. We look for one ourselves
(`BROWSER_PATH`, then Debian's /usr/bin/chromium, then the usual names on PATH, then a browser fetched with
`kaleido_get_chrome`) and hand kaleido its path, so nothing is downloaded at run time. One browser session
draws every chart of a report; PNGs are kept in a small bounded cache keyed by the figure itself, so the
DOCX and the PDF of one report draw their charts once. When no browser is found or drawing fails, the
report is still written, without charts, and says why (`ChartImages.reason`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from analytics.i18n import Lang, t

BROWSER_ENV = "BROWSER_PATH"  # choreographer's own variable: the browser to drive
CHARTS_ENV = "SANGKIEN_REPORT_CHARTS"  # "0" switches chart drawing off (e.g. text-only scheduled reports)
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
WIDTH_PX = 820  # drawn 820 px wide, the screen's 14 px text is ~8 pt across a 16 cm A4 text column
SCALE = 2  # ~260 dpi in print
TIMEOUT_S = 60
CACHE_SIZE = 48

_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class ChartImages:
    """PNG bytes per chart key, or why there are none (`problem`: no_browser, failed, off)."""

    pngs: dict[str, bytes] = field(default_factory=dict)
    problem: str | None = None
    detail: str = ""

    def get(self, key: str) -> bytes | None:
        return self.pngs.get(key)

    def reason(self, lang: Lang) -> str | None:
        """Why the charts are missing, in words a reader can act on; None when they are all there."""
        if self.problem is None:
            return None
        return t(f"report.charts.{self.problem}", lang, detail=self.detail)


def charts_switched_off() -> bool:
    return os.environ.get(CHARTS_ENV, "").strip().lower() in ("0", "off", "no", "false")


def find_browser() -> str | None:
    """The Chromium/Chrome to draw with: BROWSER_PATH when set (only if it is there), Debian's chromium,
    a browser on PATH, or one fetched by `kaleido_get_chrome`; None when there is none."""
    configured = os.environ.get(BROWSER_ENV)
    if configured:
        return configured if _is_executable(configured) else None
    if _is_executable(DEBIAN_CHROMIUM):
        return str(DEBIAN_CHROMIUM)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found and _is_executable(found):
            return found
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - best effort: no browser is an answer, not an error
        return None


def _is_executable(path: str | Path) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def browser_problem() -> str | None:
    """What would stop charts from being drawn, known before trying (for the page's notice)."""
    if charts_switched_off():
        return "off"
    return None if find_browser() else "no_browser"


def _key(figure: go.Figure, width: int, scale: float) -> str:
    digest = hashlib.sha256(figure.to_json().encode("utf-8"))
    digest.update(f"|{width}|{scale}".encode())
    return digest.hexdigest()


def _cached(key: str) -> bytes | None:
    with _cache_lock:
        png = _cache.get(key)
        if png is not None:
            _cache.move_to_end(key)
        return png


def _remember(key: str, png: bytes) -> None:
    with _cache_lock:
        _cache[key] = png
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def _quiet_choreographer() -> None:
    """choreographer logs a full traceback when a browser message arrives split across two reads, then
    carries on ("Ignoring"); the charts come out fine, so keep it off scheduled jobs' stderr unless logging
    was configured for it. Its logger must exist first (logistro's class), hence after importing kaleido."""
    import choreographer.channels.pipe  # noqa: F401 - creates the logger with logistro's class

    noisy = logging.getLogger("choreographer.channels.pipe")
    if noisy.level == logging.NOTSET:
        noisy.setLevel(logging.CRITICAL)


async def _draw_all(
    figures: list[tuple[str, go.Figure]], browser: str, width: int, scale: float
) -> dict[str, bytes]:
    """One browser session for every figure (starting Chromium is most of the cost)."""
    import kaleido

    _quiet_choreographer()
    out: dict[str, bytes] = {}
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT_S, path=browser) as k:
        for key, figure in figures:
            height = int(figure.layout.height or 450)
            opts = {"format": "png", "width": width, "height": height, "scale": scale}
            out[key] = await k.calc_fig(figure, opts=opts)
    return out


def _run_apart(coroutine) -> dict[str, bytes]:
    """Run the drawing on a thread with its own event loop, whatever loop the caller (Streamlit,
    a test runner) may already run."""
    result: dict[str, object] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target, name="report-charts", daemon=True)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]  # type: ignore[return-value]


def render_charts(
    figures: Iterable[tuple[str, go.Figure]], width: int = WIDTH_PX, scale: float = SCALE
) -> ChartImages:
    """PNG images of (key, figure) pairs; never raises: a problem comes back as `ChartImages.problem`."""
    figures = list(figures)
    if not figures:
        return ChartImages()
    if charts_switched_off():
        return ChartImages(problem="off")
    keys = {key: _key(figure, width, scale) for key, figure in figures}
    pngs = {key: png for key, digest in keys.items() if (png := _cached(digest)) is not None}
    todo = [(key, figure) for key, figure in figures if key not in pngs]
    if not todo:
        return ChartImages(pngs)
    browser = find_browser()
    if browser is None:
        return ChartImages(problem="no_browser")
    try:
        drawn = _run_apart(_draw_all(todo, browser, width, scale))
    except Exception as exc:  # noqa: BLE001 - any failure means "no charts", said in the document
        if type(exc).__name__ == "ChromeNotFoundError":
            return ChartImages(problem="no_browser")
        return ChartImages(problem="failed", detail=f"{type(exc).__name__}: {str(exc)[:160]}")
    for key, png in drawn.items():
        _remember(keys[key], png)
    return ChartImages({**pngs, **drawn})


def clear_cache() -> None:
    """Forget every drawn chart (tests that must see the browser being looked for)."""
    with _cache_lock:
        _cache.clear()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header (to keep the aspect ratio in documents)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
