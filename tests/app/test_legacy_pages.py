"""Streamlit's legacy `pages/` mode and the app's way out of it (ui/legacy_pages.py).

These fail the day Streamlit changes the behaviour the module works around: then read the module's
docstring again, and remove it (or adapt it) together with these tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager

from tests.app.apptest import metric_values, run_app
from tests.conftest import ROOT
from ui import legacy_pages

APP = str(ROOT / "app.py")


@pytest.fixture
def fresh_process_flag() -> Iterator[None]:
    """PagesManager.uses_pages_directory as in a new process (None), put back afterwards."""
    before = PagesManager.uses_pages_directory
    PagesManager.uses_pages_directory = None
    yield
    PagesManager.uses_pages_directory = before


def test_streamlit_still_turns_a_pages_folder_into_its_legacy_mode(fresh_process_flag):
    """The behaviour worked around: an entry script with a pages/ folder beside it puts the whole process
    in the legacy router. If this fails, Streamlit no longer does it and ui/legacy_pages.py can go."""
    assert (ROOT / "pages").is_dir()
    PagesManager(APP, setup_watcher=False)
    assert PagesManager.uses_pages_directory is True
    from streamlit.runtime.scriptrunner import script_runner

    assert hasattr(script_runner, "_mpa_v1"), "Streamlit's legacy router is gone"


def test_opting_out_before_any_session_keeps_the_process_on_st_navigation(fresh_process_flag):
    legacy_pages.opt_out()
    PagesManager(APP, setup_watcher=False)
    assert PagesManager.uses_pages_directory is False


def test_importing_app_py_as_the_server_opts_out(fresh_process_flag):
    """`streamlit run app.py` imports app.py to find its st.App before any session exists."""
    import importlib
    import sys

    sys.modules.pop("app", None)
    importlib.import_module("app")
    assert PagesManager.uses_pages_directory is False


def test_a_run_that_starts_in_the_legacy_mode_leaves_it_and_shows_the_overview(monkeypatch, sample_copy):
    """AppTest creates its PagesManager with the flag reset to None, as a new process would: the first run
    starts in the legacy router and app.py must leave it (one rerun) and draw the Overview."""
    at = run_app(monkeypatch, sample_copy, program="1-trieu-sang-kien")
    assert PagesManager.uses_pages_directory is False
    assert ("Đã đăng ký", "7.085") in metric_values(at)
