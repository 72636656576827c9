"""One wake-up of the server's event loop for many script messages, instead of one per message.

A page run sends each of its ~80 elements from the script's thread to the event loop that writes the
websocket, through `AppSession._call_soon_on_event_loop`, which calls `loop.call_soon_threadsafe` for every
message: each call writes a byte to the loop's wake-up socket. Under 100 viewers that was a fifth of the
server's CPU (profiled: `BaseSelectorEventLoop._write_to_self`, with the GIL changing hands at each write).
Here the messages of every session wait in one queue per loop, in the order they were sent, and the loop is
woken only when the queue was empty; one wake-up then runs every message queued by then. The order of
messages is kept (one FIFO), so each session's deltas arrive as before.

`install()` replaces that one method of Streamlit's AppSession (Streamlit has no setting for it); it is
called once, when the server is built (app.py), and is idempotent.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from collections.abc import Callable

_LOG = logging.getLogger(__name__)
# Messages run per turn of the loop: the rest wait for the next turn, so that a long queue never keeps the
# loop from its other work (websocket writes, new connections) for long.
BATCH = 256


class _LoopQueue:
    """The callbacks waiting for one event loop, and whether a wake-up is already on its way."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.pending: deque[Callable[[], None]] = deque()
        self.lock = threading.Lock()
        self.scheduled = False

    def put(self, callback: Callable[[], None]) -> None:
        """Queue `callback`; wake the loop if nothing was queued. Raises RuntimeError as
        `call_soon_threadsafe` does when the loop is closed."""
        with self.lock:
            self.pending.append(callback)
            if self.scheduled:
                return
            self.scheduled = True
        try:
            self.loop.call_soon_threadsafe(self.drain)
        except RuntimeError:
            with self.lock:
                self.pending.clear()
                self.scheduled = False
            raise

    def drain(self) -> None:
        """On the loop: run up to BATCH queued callbacks in order; come back next turn for the rest."""
        with self.lock:
            batch = [self.pending.popleft() for _ in range(min(BATCH, len(self.pending)))]
        for callback in batch:
            try:
                callback()
            except Exception as exc:  # as the loop itself does for a failing callback: report, go on
                self.loop.call_exception_handler({"message": "script message failed", "exception": exc})
        with self.lock:
            if not self.pending:
                self.scheduled = False
                return
        self.loop.call_soon(self.drain)


_QUEUES: dict[int, _LoopQueue] = {}
_QUEUES_LOCK = threading.Lock()


def _queue_for(loop: asyncio.AbstractEventLoop) -> _LoopQueue:
    with _QUEUES_LOCK:
        queue = _QUEUES.get(id(loop))
        if queue is None or queue.loop is not loop:
            queue = _QUEUES[id(loop)] = _LoopQueue(loop)
        return queue


def call_soon_batched(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """`loop.call_soon_threadsafe(callback)`, with one wake-up for the callbacks queued meanwhile."""
    _queue_for(loop).put(callback)


def _call_soon_on_event_loop(self, callback: Callable[[], None]) -> None:
    """AppSession's method, batched (Streamlit's own drops the callback when the loop is closed)."""
    try:
        call_soon_batched(self._event_loop, callback)
    except RuntimeError:
        if not self._event_loop.is_closed():
            raise
        _LOG.debug("Dropped event-loop callback", exc_info=True)


def install() -> bool:
    """Batch the script messages of every session of this process; False when Streamlit's AppSession no
    longer has the method replaced (a newer Streamlit: its own path is then kept, unbatched)."""
    from streamlit.runtime.app_session import AppSession

    if not hasattr(AppSession, "_call_soon_on_event_loop"):
        _LOG.warning("AppSession._call_soon_on_event_loop is gone: script messages are not batched")
        return False
    AppSession._call_soon_on_event_loop = _call_soon_on_event_loop  # noqa: SLF001
    return True
