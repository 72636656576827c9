"""Script messages reach the event loop in their order with one wake-up for many (ui/event_batching.py), on
a real asyncio loop running in its own thread, as the server's does."""

from __future__ import annotations

import asyncio
import threading

import pytest

from ui import event_batching


@pytest.fixture
def loop():
    running = asyncio.new_event_loop()
    thread = threading.Thread(target=running.run_forever, daemon=True)
    thread.start()
    yield running
    running.call_soon_threadsafe(running.stop)
    thread.join(5)
    running.close()


def _counting_wakeups(loop) -> list[int]:
    calls = [0]
    original = loop.call_soon_threadsafe

    def counted(callback, *args, **kwargs):
        calls[0] += 1
        return original(callback, *args, **kwargs)

    loop.call_soon_threadsafe = counted
    return calls


def _held(loop) -> threading.Event:
    """Keep the loop busy until the returned event is set (messages sent meanwhile wait in the queue)."""
    release, busy = threading.Event(), threading.Event()

    def hold() -> None:
        busy.set()
        release.wait(5)

    loop.call_soon_threadsafe(hold)
    assert busy.wait(5)
    return release


def test_messages_sent_while_the_loop_is_busy_run_in_order_after_one_wake_up(loop):
    release = _held(loop)
    wakeups = _counting_wakeups(loop)
    seen, done = [], threading.Event()
    for i in range(1000):
        event_batching.call_soon_batched(loop, lambda i=i: seen.append(i))
    event_batching.call_soon_batched(loop, done.set)
    release.set()
    assert done.wait(5)
    assert seen == list(range(1000))
    assert wakeups[0] == 1  # Streamlit's own path wrote to the loop's wake-up socket 1,001 times


def test_a_failing_message_is_reported_and_the_next_ones_still_run(loop):
    reported, seen, done = [], [], threading.Event()
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    release = _held(loop)

    def fail() -> None:
        raise ValueError("boom")

    event_batching.call_soon_batched(loop, fail)
    event_batching.call_soon_batched(loop, lambda: seen.append("after"))
    event_batching.call_soon_batched(loop, done.set)
    release.set()
    assert done.wait(5)
    assert seen == ["after"] and [str(e) for e in reported] == ["boom"]


def test_a_closed_loop_refuses_as_before_and_the_session_drops_the_message():
    closed = asyncio.new_event_loop()
    closed.close()
    with pytest.raises(RuntimeError):
        event_batching.call_soon_batched(closed, lambda: None)

    class Session:  # the one attribute of AppSession the method reads
        _event_loop = closed

    event_batching._call_soon_on_event_loop(Session(), lambda: None)  # dropped, as Streamlit does


def test_install_replaces_the_sessions_method_once_and_for_all(monkeypatch):
    from streamlit.runtime.app_session import AppSession

    original = AppSession._call_soon_on_event_loop
    monkeypatch.setattr(AppSession, "_call_soon_on_event_loop", original)  # put back after the test
    assert event_batching.install() and event_batching.install()
    assert AppSession._call_soon_on_event_loop is event_batching._call_soon_on_event_loop is not original
