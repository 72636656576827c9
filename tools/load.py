"""Many viewers at once, as the server sees them: `python -m tools.load`.

Each viewer is one Streamlit session driven over the websocket protocol itself (no browser per viewer, so
what is measured is the server): it connects to `/_stcore/stream`, asks for the Overview
(`BackMsg.rerun_script`), reads the `ForwardMsg`s until `script_finished`, and then changes the sidebar's
phase filter every INTERVAL_S seconds (the segmented control's widget state, as the browser sends it when
the filter is clicked), cycling through its choices from a random one. A rerun's time is from sending the
change to the server's `script_finished` for it.

    python -m tools.load --url http://127.0.0.1:8501 --sessions 100 --duration 60 [--json]
    python -m tools.load --db STORE.duckdb --capacity [--levels 25,50,100,150,200,250,300] [--json]

`--db` starts `streamlit run app.py` on a copy-free free port for the run (and stops it after). `--capacity`
holds each number of sessions in turn for `--duration` seconds (after all have connected and drawn their
first page) and reports `sessions_capacity`: the largest number whose filter changes' p95 stayed within
`--goal` seconds (1.0), with every level's figures. Only loopback addresses are accepted.

Every loop here is bounded in count and time and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL_S = 5.0  # each viewer changes a filter this often
CONNECT_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 60.0  # a rerun not finished by then counts as this long, and as an error
DEFAULT_LEVELS = (25, 50, 100, 150, 200, 250, 300)
PHASE_KEY = "w_phase"  # the sidebar's phase filter (ui.view_state.K_PHASE)


@dataclass
class Level:
    """One number of sessions held for a while: its reruns' seconds and what went wrong."""

    sessions: int
    reruns: list[float] = field(default_factory=list)
    first_runs: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def p95(self) -> float | None:
        return percentile(self.reruns, 95)

    def summary(self) -> dict:
        return {
            "sessions": self.sessions,
            "reruns": len(self.reruns),
            "rerun_p50_s": percentile(self.reruns, 50),
            "rerun_p95_s": self.p95(),
            "rerun_max_s": max(self.reruns) if self.reruns else None,
            "first_run_p95_s": percentile(self.first_runs, 95),
            "errors": len(self.errors),
            "error_examples": self.errors[:3],
        }


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        raise SystemExit(f"tools.load only drives a server on this machine (loopback), not {host!r}")


class Viewer:
    """One session on the server, over the websocket protocol."""

    def __init__(self, url: str, rng: random.Random) -> None:
        self.url = url
        self.rng = rng
        self.ws = None
        self.phase_id: str | None = None
        self.page_hash = ""  # the page shown, sent back with each rerun as the browser does
        self.keep_texts = False  # keep the Markdown texts of the last run (for tests)
        self.texts: list[str] = []
        self.choices: list[str] = []
        self.next_choice = 0

    async def connect(self) -> float:
        """Open the session and draw the Overview; returns the first run's seconds."""
        from websockets.asyncio.client import connect

        stream = self.url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.ws = await connect(
            stream,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=CONNECT_TIMEOUT_S,
            compression=None,
        )
        started = time.perf_counter()
        await self._send_rerun(None)
        await self._until_finished(learn=True)
        if self.phase_id is None or not self.choices:
            raise RuntimeError("the Overview drew no phase filter")
        self.next_choice = self.rng.randrange(len(self.choices))
        return time.perf_counter() - started

    async def change_filter(self) -> float:
        """Click the next phase choice; returns the seconds until the server finished the rerun."""
        choice = self.choices[self.next_choice % len(self.choices)]
        self.next_choice += 1
        started = time.perf_counter()
        await self._send_rerun(choice)
        await self._until_finished(learn=False)
        return time.perf_counter() - started

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()

    async def _send_rerun(self, phase_label: str | None) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_name = ""
        msg.rerun_script.page_script_hash = self.page_hash
        if phase_label is not None and self.phase_id is not None:
            state = WidgetState(id=self.phase_id)
            state.string_array_value.data.append(phase_label)
            msg.rerun_script.widget_states.widgets.append(state)
        await self.ws.send(msg.SerializeToString())

    async def _until_finished(self, learn: bool) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        deadline = time.monotonic() + RUN_TIMEOUT_S
        self.texts = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no script_finished")
            raw = await asyncio.wait_for(self.ws.recv(), remaining)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "script_finished":
                return
            if kind == "navigation" and msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash  # the page st.navigation resolved
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if self.keep_texts and element.WhichOneof("type") == "markdown":
                    self.texts.append(element.markdown.body)
                if not learn:
                    continue
                if element.WhichOneof("type") == "button_group" and element.button_group.id.endswith(
                    "-" + PHASE_KEY
                ):
                    self.phase_id = element.button_group.id
                    self.choices = [option.content for option in element.button_group.options]


async def hold(
    url: str, sessions: int, duration: float, interval: float = INTERVAL_S, seed: int = 19
) -> Level:
    """`sessions` viewers connected (in a ramp of at most 2 s), then each changing the filter every
    `interval` seconds for `duration` seconds (at least once); returns their reruns' times."""
    _loopback(url)
    level = Level(sessions)
    rng = random.Random(seed)
    viewers = [Viewer(url, random.Random(rng.random())) for _ in range(sessions)]
    ramp = min(2.0, interval)

    async def open_one(k: int, viewer: Viewer) -> None:
        await asyncio.sleep(ramp * k / max(1, sessions))
        try:
            level.first_runs.append(await viewer.connect())
        except Exception as exc:  # counted, not raised: one failed viewer is a figure of the run
            level.errors.append(f"connect: {type(exc).__name__}: {exc}")
            await viewer.close()
            viewer.ws = None

    await asyncio.gather(*(open_one(k, v) for k, v in enumerate(viewers)))
    ready = [v for v in viewers if v.ws is not None and v.phase_id]
    stop_at = time.monotonic() + duration

    async def drive(viewer: Viewer) -> None:
        # Viewers start at random moments of the first interval, within the first half of the hold, and
        # each changes the filter at least once: a hold shorter than the interval still measures reruns.
        await asyncio.sleep(viewer.rng.uniform(0, min(interval, duration / 2)))
        while True:
            tick = time.monotonic()
            try:
                level.reruns.append(await viewer.change_filter())
            except Exception as exc:
                level.errors.append(f"rerun: {type(exc).__name__}: {exc}")
                level.reruns.append(RUN_TIMEOUT_S)
                return
            if tick + interval >= stop_at:
                return
            await asyncio.sleep(max(0.0, tick + interval - time.monotonic()))

    try:
        await asyncio.gather(*(drive(v) for v in ready))
    finally:
        await asyncio.gather(*(v.close() for v in viewers))
    return level


def run_sync(coroutine):
    """Run `coroutine` to its end from synchronous code, in a thread of its own when this thread already
    runs an event loop (Playwright's sync API does, in the tests and the bench)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def capacity(
    url: str, levels: tuple[int, ...] = DEFAULT_LEVELS, duration: float = 30.0, goal_s: float = 1.0
) -> dict:
    """Each level held in turn (stopping after the first that misses the goal); `sessions_capacity` is the
    largest level whose reruns' p95 is within `goal_s` with no errors (0 when even the first misses)."""
    results: list[dict] = []
    best = 0
    for sessions in levels:
        level = run_sync(hold(url, sessions, duration))
        summary = level.summary()
        results.append(summary)
        p95 = level.p95()
        if p95 is None or p95 > goal_s or level.errors:
            break
        best = sessions
        time.sleep(2)  # the previous level's sessions closed before the next one opens
    return {"sessions_capacity": best, "goal_p95_s": goal_s, "duration_s": duration, "levels": results}


@contextlib.contextmanager
def app_server(db: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port on the store `db`; yields its address."""
    import socket

    from tools.serving import ROOT, streamlit_command

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        streamlit_command(port, "--server.fileWatcherType", "none"),
        cwd=ROOT,
        env={**os.environ, "SANGKIEN_DB": str(db), **(extra_env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError("the app server exited while starting")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.load", description="nhiều người xem cùng lúc")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running server on this machine (http://127.0.0.1:PORT)")
    target.add_argument("--db", help="start the app on this store for the run")
    parser.add_argument("--sessions", type=int, default=50, help="sessions to hold (without --capacity)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds each number is held")
    parser.add_argument("--capacity", action="store_true", help="find the largest number within the goal")
    parser.add_argument("--levels", default=",".join(map(str, DEFAULT_LEVELS)), help="numbers to try, rising")
    parser.add_argument("--goal", type=float, default=1.0, help="p95 goal of a rerun, seconds")
    parser.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        levels = tuple(int(x) for x in args.levels.split(",") if x.strip())
    except ValueError:
        print("--levels: numbers separated by commas, e.g. 25,50,100", file=sys.stderr)
        return 2
    if args.sessions < 1 or args.duration <= 0 or not levels:
        print("--sessions, --duration and --levels must be positive", file=sys.stderr)
        return 2
    server = app_server(Path(args.db)) if args.db else contextlib.nullcontext(args.url)
    with server as url:
        if args.capacity:
            result = capacity(url, levels, args.duration, args.goal)
        else:
            result = run_sync(hold(url, args.sessions, args.duration)).summary()
    if args.json:
        print(json.dumps(result))
    else:
        rows = result.get("levels", [result])
        for row in rows:
            print(
                f"{row['sessions']:>5} sessions  {row['reruns']:>6} reruns  p50 {row['rerun_p50_s'] or 0:.3f} s"
                f"  p95 {row['rerun_p95_s'] or 0:.3f} s  max {row['rerun_max_s'] or 0:.3f} s  errors {row['errors']}"
            )
        if "sessions_capacity" in result:
            print(f"sessions_capacity {result['sessions_capacity']} (p95 <= {result['goal_p95_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
