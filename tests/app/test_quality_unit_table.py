"""The Quality page's funnel by unit (issue 17): the unit column is pinned (it stays in view while the table
scrolls sideways on a phone or a 1280 px screen) and the columns asked first (registered, recognised, the
backlog) come right after it, so the backlog is never off-screen; the funnel by period likewise."""

from __future__ import annotations

import json

from tests.app.apptest import run_app
from tests.conftest import ONE_MILLION


def test_the_funnel_by_unit_pins_the_unit_and_shows_the_backlog_third(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="quality", program=ONE_MILLION)
    assert not at.exception
    frames = [f for f in at.dataframe if list(f.value.columns)[:1] == ["Đơn vị"]]
    by_unit = [f for f in frames if any(c.startswith("Tồn đọng") for c in f.value.columns)]
    assert by_unit, [list(f.value.columns) for f in at.dataframe]
    frame = by_unit[0]
    assert list(frame.value.columns)[:4] == ["Đơn vị", "Đã đăng ký", "Đã công nhận", "Tồn đọng quá 90 ngày"]
    config = json.loads(frame.proto.columns)
    assert config["Đơn vị"]["pinned"] is True
    assert not any(c.get("pinned") for name, c in config.items() if name != "Đơn vị")
    [by_period, phone_period] = [f for f in at.dataframe if list(f.value.columns)[:1] == ["Kỳ"]]
    assert list(by_period.value.columns)[:4] == ["Kỳ", "Đã đăng ký", "Đã công nhận", "Tồn đọng quá 90 ngày"]
    assert json.loads(by_period.proto.columns)["Kỳ"]["pinned"] is True
    # ... and the phone's copies: those four alone, by short names, the full name on hover
    assert list(phone_period.value.columns) == ["Kỳ", "Đăng ký", "Công nhận", "Tồn đọng"]
    [phone_unit] = [
        f for f in frames if list(f.value.columns) == ["Đơn vị", "Đăng ký", "Công nhận", "Tồn đọng"]
    ]
    assert json.loads(phone_unit.proto.columns)["Tồn đọng"]["help"] == "Tồn đọng quá 90 ngày"
    assert list(phone_unit.value["Tồn đọng"]) == list(frame.value["Tồn đọng quá 90 ngày"])
