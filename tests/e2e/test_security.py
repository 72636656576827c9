"""Security through the real server: writes forged on the wire by a viewer are refused, hostile text from
the data renders as text and runs nothing (and exports neutralise formulas), hostile filter values in the
URL change nothing but the filter, and no secret is in the repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from analytics import ingest_reference as ref
from analytics.store import open_store
from tests import fixtures_ingest as fx
from tests.conftest import ROOT
from tests.e2e.helpers import PASSWORD, start_app
from tests.e2e.wire import WireSession

pytestmark = pytest.mark.e2e


# --- writes forged on the wire ------------------------------------------------------------------------------


def _sign_in(session: WireSession) -> None:
    first = session.rerun("data")
    password = first.widget("text_input", "auth_password")
    submit = first.widget("button", label="Đăng nhập")
    signed = session.rerun("data", states=[session.string(password.id, PASSWORD), session.trigger(submit.id)])
    assert "Đã đăng nhập với vai trò phân tích." in signed.text


def test_writes_forged_by_a_viewer_on_the_wire_are_refused(sample_db, tmp_path):
    """A viewer's session sends, over the websocket, the widget states an analyst's browser would send for
    every write (import a file, undo an import, remove the sample, save targets), with the widget ids
    learned from a real analyst session. The server runs the viewer's script, which never draws those
    controls for a viewer, so nothing is written. The same messages from the analyst's session do write:
    the forgeries are well-formed, only the role stops them."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db, read_only=True)
    first_unit = str(ref.targets_wide(store)["unit_code"].iloc[0])
    target_before = store.one("SELECT target FROM targets WHERE unit_code = ? AND phase = 1", [first_unit])
    records_before = store.record_count()
    store.close()
    # The data editor's state as the browser sends it (a JSON string of the edits).
    edit = json.dumps({"edited_rows": {"0": {"1": 999}}, "added_rows": [], "deleted_rows": []})
    server = start_app(db, tmp_path / "srv", password=PASSWORD)
    analyst, viewer = WireSession(server.url), WireSession(server.url)
    try:
        # The analyst's session: sign in, and learn the ids of every write control.
        _sign_in(analyst)
        page = analyst.rerun("data")
        uploader = page.widget("file_uploader", "data_upload_0").id
        sample_remove = page.widget("button", "data_sample_remove").id
        undo_ask = page.widget("button", "data_undo_ask").id
        editor = page.widget("dataframe", "data_targets_editor").id
        save = page.widget("button", "data_targets_save").id
        real = analyst.upload(uploader, "that.csv", fx.csv_bytes(fx.rows(3, prefix="REAL-")))
        page = analyst.rerun("data", states=[real])
        commit = page.widget("button", "data_commit").id
        asked = analyst.rerun("data", states=[analyst.trigger(undo_ask)])
        undo_yes = asked.widget("button", "data_undo_yes").id
        analyst.rerun("data", states=[analyst.trigger(asked.widget("button", "data_undo_no").id)])
        confirm = analyst.rerun("data", states=[analyst.trigger(sample_remove)])
        sample_yes = confirm.widget("button", "data_sample_yes").id
        analyst.rerun("data", states=[analyst.trigger(confirm.widget("button", "data_sample_no").id)])

        # The viewer is never sent a write control...
        shown = viewer.rerun("data")
        assert "Bạn đang xem ở chế độ chỉ đọc" in shown.text
        assert not [w for w in shown.widgets if w.kind in ("file_uploader", "dataframe")]
        assert not [w for w in shown.widgets if w.id in (commit, undo_ask, undo_yes, sample_remove, save)]
        # ...and sends them anyway.
        forged_file = viewer.upload(uploader, "gia-mao.csv", fx.csv_bytes(fx.rows(3, prefix="FORGED-")))
        forgeries = {
            "import": [forged_file, viewer.trigger(commit)],
            "undo the sample": [viewer.trigger(undo_ask), viewer.trigger(undo_yes)],
            "remove the sample": [viewer.trigger(sample_remove), viewer.trigger(sample_yes)],
            "save targets": [viewer.string(editor, edit), viewer.trigger(save)],
        }
        for name, states in forgeries.items():
            run = viewer.rerun("data", states=states)
            assert run.finished and not run.exceptions, name
            assert not re.search(r"Đã thêm mới|Đã hoàn tác|Đã lưu", run.text), name
            assert "Bạn đang xem ở chế độ chỉ đọc" in run.text, name

        # The same messages from the analyst's session write: the forgeries were well-formed.
        done = analyst.rerun("data", states=[real, analyst.trigger(commit)])
        assert "Đã thêm mới 3" in done.text and "Lần nhập số 2" in done.text
        saved = analyst.rerun("data", states=[analyst.string(editor, edit), analyst.trigger(save)])
        assert "Đã lưu: 1 ô sửa" in saved.text
        undone = analyst.rerun("data", states=[analyst.trigger(undo_ask), analyst.trigger(undo_yes)])
        assert "Đã hoàn tác lần nhập số 2" in undone.text
    finally:
        analyst.close()
        viewer.close()
        server.stop()
    store = open_store(db, read_only=True)
    try:
        # Only the analyst's writes happened: import #2 (then undone) and one target; the sample stays.
        assert store.rows("SELECT id, mode, undone_at IS NOT NULL FROM imports ORDER BY id") == [
            (1, "sample", False),
            (2, "upsert", True),
        ]
        assert store.record_count() == records_before
        assert store.one("SELECT count(*) FROM initiatives WHERE code LIKE 'FORGED-%'") == 0
        assert target_before != 999
        assert store.one("SELECT target FROM targets WHERE unit_code = ? AND phase = 1", [first_unit]) == 999
        changes = store.rows(
            "SELECT changed_by, table_name, row_key, new_value FROM reference_history ORDER BY 1, 2"
        )
        assert [c[:3] for c in changes] == [
            ("analyst", "imports", "2"),
            ("analyst", "targets", f"{first_unit}|1"),
        ]
    finally:
        store.close()


# --- no secret in the repository ----------------------------------------------------------------------------

_SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    "password hash": re.compile(r"scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]{8,}\$[A-Za-z0-9+/=]{16,}"),
    "OIDC client secret": re.compile(r"client_secret\s*=\s*[\"'][^\"'<>{}]{8,}[\"']"),
    "cookie secret": re.compile(r"cookie_secret\s*=\s*[\"'][^\"'<>{}]{8,}[\"']"),
    "AWS key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"),
}


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in out.stdout.decode().split("\0") if name]


def test_no_secret_is_tracked_in_the_repository():
    files = tracked_files()
    assert files, "not a git checkout"
    assert not [f for f in files if f.endswith("secrets.toml")], "a secrets.toml is tracked"
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8")
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for what, pattern in _SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                found.append(f"{name}: {what}: {match.group(0)[:40]}")
    assert found == []


def test_the_secret_scan_finds_what_it_looks_for(tmp_path):
    """The patterns above catch real secrets (so the scan cannot pass by matching nothing)."""
    from analytics.auth import hash_password

    sample = "\n".join(
        [
            f'password_hash = "{hash_password("mot-mat-khau", n=2**10)}"',
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            'client_secret = "GOCSPX-abcdefghijklmnop"',
            'cookie_secret = "a-long-random-cookie-secret"',
        ]
    )
    hits = {what for what, pattern in _SECRET_PATTERNS.items() if pattern.search(sample)}
    assert hits == {"password hash", "private key", "OIDC client secret", "cookie secret"}
    # The README's placeholder hash is not a secret and is not matched.
    assert not _SECRET_PATTERNS["password hash"].search('password_hash = "scrypt$16384$8$1$...$..."')
