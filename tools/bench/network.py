"""The browser on slow networks and a filter change, for the benchmark.

Each visit is a new browser context (nothing cached) whose network Chromium throttles through the DevTools
protocol (`Network.emulateNetworkConditions`: latency added to every request, download and upload
throughput shared by all requests, the websocket included):

    lan    no throttling (the loopback interface)
    fast   150 ms, 1.6 MB/s down, 750 KB/s up
    slow   150 ms, 180 KB/s down, 84 KB/s up ("Slow 4G")

Times are read on the page's own clock (performance.now(), which starts with the navigation): a probe
installed before the page's scripts notes the animation frame after the first metric card's value enters
the page (`first_figure_s`, the frame that paints it) and the frame after the first Plotly chart has
drawn its traces (`first_chart_s`). `bytes` counts what came over the wire: every HTTP response as
encoded (headers included, compressed bodies as sent) and every websocket frame the page received.

A filter change is timed from the click (the click event's own time stamp) to the frame after both the
first card shows its new value and the chart has redrawn (the last change inside the chart before it is
quiet for QUIET_S).
"""

from __future__ import annotations

import base64
import statistics
import time
from dataclasses import dataclass

VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 180_000
QUIET_S = 0.6  # a chart with no change for this long has finished redrawing


@dataclass(frozen=True)
class Network:
    latency_ms: float
    down_bytes_s: float
    up_bytes_s: float


NETWORKS: dict[str, Network | None] = {
    "lan": None,
    "fast": Network(150, 1_600_000, 750_000),
    "slow": Network(150, 180_000, 84_000),
}

# Before the page's own scripts: the frame after the first card's value enters the page, the frame after the
# first chart has traces. Times in ms on the page's clock.
_PROBE = """
window.__sk = {figure: null, chart: null};
(() => {
    let figureSeen = false, chartSeen = false;
    const observer = new MutationObserver(() => {
        if (!figureSeen && document.querySelector('.sk-card-value')) {
            figureSeen = true;
            requestAnimationFrame(() => { window.__sk.figure = performance.now(); });
        }
        if (!chartSeen && document.querySelector('.js-plotly-plot .main-svg .trace')) {
            chartSeen = true;
            requestAnimationFrame(() => { window.__sk.chart = performance.now(); });
        }
        if (figureSeen && chartSeen) observer.disconnect();
    });
    observer.observe(document, {subtree: true, childList: true});
})();
"""


def _throttle(cdp, network: Network | None) -> None:
    cdp.send("Network.enable")
    if network is not None:
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": network.latency_ms,
                "downloadThroughput": network.down_bytes_s,
                "uploadThroughput": network.up_bytes_s,
            },
        )


class _Bytes:
    """Bytes received by one page: HTTP responses as encoded on the wire, websocket frames' payloads."""

    def __init__(self, cdp) -> None:
        self.http = 0
        self.websocket = 0
        self.last_at = time.monotonic()
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, event: dict) -> None:
        self.http += int(event.get("encodedDataLength") or 0)
        self.last_at = time.monotonic()

    def _frame(self, event: dict) -> None:
        response = event.get("response") or {}
        data = response.get("payloadData") or ""
        if response.get("opcode") == 2:  # binary frames come base64-encoded
            self.websocket += len(base64.b64decode(data))
        else:
            self.websocket += len(data.encode("utf-8"))
        self.last_at = time.monotonic()

    @property
    def total(self) -> int:
        return self.http + self.websocket

    def wait_quiet(self, seconds: float = 1.0, limit: float = 30.0) -> None:
        """Until nothing has arrived for `seconds` (at most `limit`)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and time.monotonic() - self.last_at < seconds:
            time.sleep(0.1)


def visit(browser, url: str, network: Network | None) -> dict:
    """One new visitor on `network`: {first_figure_s, first_chart_s, bytes}."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(_PROBE)
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        _throttle(cdp, network)
        received = _Bytes(cdp)
        tab.goto(url, timeout=TIMEOUT_MS)
        tab.wait_for_function("window.__sk.figure && window.__sk.chart", timeout=TIMEOUT_MS)
        times = tab.evaluate("window.__sk")
        received.wait_quiet()
        return {
            "first_figure_s": times["figure"] / 1000,
            "first_chart_s": times["chart"] / 1000,
            "bytes": received.total,
        }
    finally:
        context.close()


def network_visits(browser, url: str, repeat: int) -> tuple[dict, int]:
    """Each network's median first figure and first chart over `repeat` new visitors, and the median bytes
    of a first visit (on lan: the bytes are the same on every network)."""
    result: dict[str, dict] = {}
    sizes: list[int] = []
    for name, network in NETWORKS.items():
        visits = [visit(browser, url, network) for _ in range(max(1, repeat))]
        if name == "lan":
            sizes = [v["bytes"] for v in visits]
        result[name] = {
            "first_figure_s": statistics.median(v["first_figure_s"] for v in visits),
            "first_chart_s": statistics.median(v["first_chart_s"] for v in visits),
        }
    return result, int(statistics.median(sizes))


# The filter change: the click's own time stamp, then the frames after the first card's new value and after
# each change inside the chart. Times in ms on the page's clock.
_CHANGE_PROBE = """
() => {
    const state = {start: null, card: null, chart: null, before: null};
    const value = () => (document.querySelector('.sk-card-value') || {}).textContent;
    state.before = value();
    document.addEventListener('click', (event) => { state.start = event.timeStamp; }, {capture: true, once: true});
    const observer = new MutationObserver((mutations) => {
        if (state.start === null) return;
        if (state.card === null && value() !== state.before) {
            state.card = -1;
            requestAnimationFrame(() => { state.card = performance.now(); });
        }
        const inChart = mutations.some((m) => {
            const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
            return node && node.closest && node.closest('.js-plotly-plot');
        });
        if (inChart) requestAnimationFrame(() => { state.chart = performance.now(); });
    });
    observer.observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
    window.__skChange = state;
}
"""

PHASE_CHOICES = ("GĐ 1", "GĐ 2", "Tất cả")  # the sidebar's phase filter (Vietnamese labels)


def filter_changes(browser, url: str, count: int = 10) -> list[float]:
    """Seconds from each of `count` clicks on the sidebar's phase filter to the frame that paints both the
    updated first card and the redrawn chart (one visitor on the Overview, lan)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(_PROBE)
        tab = context.new_page()
        tab.goto(url, timeout=TIMEOUT_MS)
        tab.wait_for_function("window.__sk.figure && window.__sk.chart", timeout=TIMEOUT_MS)
        _settle(tab)
        times: list[float] = []
        for k in range(count):
            choice = PHASE_CHOICES[k % len(PHASE_CHOICES)]
            tab.evaluate(_CHANGE_PROBE)
            tab.locator('[data-testid="stSidebar"] button', has_text=choice).first.click()
            tab.wait_for_function(
                "window.__skChange.card > 0 && window.__skChange.chart > 0", timeout=TIMEOUT_MS
            )
            _wait_chart_quiet(tab)
            state = tab.evaluate("window.__skChange")
            times.append((max(state["card"], state["chart"]) - state["start"]) / 1000)
            _settle(tab)
        return times
    finally:
        context.close()


def _wait_chart_quiet(tab) -> None:
    """Until the chart has not changed for QUIET_S (its redraw is over)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        since = tab.evaluate("performance.now() - window.__skChange.chart")
        if since >= QUIET_S * 1000:
            return
        time.sleep(0.1)


def _settle(tab) -> None:
    """Until the script run is over (no running indicator) and a short quiet spell has passed."""
    deadline = time.monotonic() + 60
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        busy = tab.locator('[data-testid="stStatusWidget"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        time.sleep(0.2)


def filter_change_summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "worst": max(times)}
