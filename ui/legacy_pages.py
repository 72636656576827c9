"""Streamlit's legacy multipage mode, switched off: the app's screens live in `pages/` but are routed by
`st.navigation` in app.py.

Why: Streamlit decides once per process whether an app "uses the pages directory" (the multipage mode of
2022, before `st.navigation`). `PagesManager.__init__` sets the class attribute
`PagesManager.uses_pages_directory` to True when a `pages/` folder sits next to the entry script and the
attribute is still None. While it is True, the script runner does not run app.py but its own router
(`_mpa_v1`), which makes a page out of every file in `pages/`: on a server's first script run the sidebar's
widgets then get other IDs (the first click is lost) and a deep link to a sub-page runs that page without
app.py (no store, no filters). `st.navigation` sets the attribute to False, but only once app.py has run far
enough to call it.

There is no configuration option for this in the Streamlit versions it was checked on (1.67.0), and the
folder keeps its name (the product's layout asks for `pages/`). So the attribute is set to False before any
session exists (`opt_out`, when `streamlit run` imports app.py to find its server) and, for runtimes that
reset it per run (Streamlit's AppTest sets it back to None), at the start of every run (`leave_if_active`).
tests/app/test_legacy_pages.py fails the day Streamlit changes this behaviour: then this module can go.
"""

from __future__ import annotations

import streamlit as st

CHECKED_ON = ("1.67.0",)  # Streamlit versions whose legacy mode this module was checked against


def _pages_manager() -> type | None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the legacy mode: nothing to switch off
        return None
    return PagesManager if hasattr(PagesManager, "uses_pages_directory") else None


def opt_out() -> None:
    """Tell Streamlit, before any session starts, that this app routes with st.navigation."""
    manager = _pages_manager()
    if manager is not None:
        manager.uses_pages_directory = False


def leave_if_active() -> None:
    """At the start of a run: when the legacy mode is on (AppTest resets it), switch it off and rerun, so
    that this and every later run is driven by app.py's st.navigation."""
    manager = _pages_manager()
    if manager is not None and manager.uses_pages_directory:
        manager.uses_pages_directory = False
        st.rerun()
