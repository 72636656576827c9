"""The unit's drawer writes the unit's names as they are stored: its title and its facts line are Markdown
(Streamlit renders a dialog's title and a caption as Markdown), so a name from the data is escaped there."""

from __future__ import annotations

from analytics.store import open_store
from tests.app.apptest import all_text, run_app
from tests.conftest import ONE_MILLION

SHORT = "**BSR** [xem](https://example.com/x) _a_"
NAME = "Bình Sơn `code` <b>x</b> [link](https://example.com/y)"


def _dialog_titles(node) -> list[str]:
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and type(proto).__name__ == "Block" and proto.WhichOneof("type") == "dialog":
        found.append(proto.dialog.title)
    for child in getattr(node, "children", {}).values():
        found += _dialog_titles(child)
    return found


def test_the_unit_drawer_escapes_the_units_names(monkeypatch, sample_copy):
    store = open_store(sample_copy)
    try:
        with store.transaction() as cur:  # names as an analyst may type them on the Units tab
            cur.execute("UPDATE units SET short_name = ?, name = ? WHERE code = 'BSR'", [SHORT, NAME])
    finally:
        store.close()
    at = run_app(monkeypatch, sample_copy, page="units", detail="BSR", program=ONE_MILLION)
    titles = _dialog_titles(at._tree)
    assert titles, "no drawer"
    title = titles[0]
    assert "**BSR**" not in title and "](https://" not in title, title  # not emphasis, not a link
    assert title.replace("\\", "") == f"Chi tiết đơn vị {SHORT} (BSR)", title
    captions = [c.value for c in at.caption if "Khối" in c.value]
    assert captions and "](https://" not in captions[0] and "`code`" not in captions[0], captions
    assert NAME in captions[0].replace("\\", ""), captions
    assert all_text(at)
