"""The Quality page's marks when the data change between the page shown and the click (another session
marks, undoes a mark, imports or undoes an import): the mark lands on the pair (record) the analyst saw,
checked on the server when it is written, or it is refused with a message saying why; never on another
pair. Two AppTest sessions on one store file, as two analysts' browsers on one server."""

from __future__ import annotations

import csv
import re

from analytics import ingest, quality
from tests.app.apptest import run_app
from tests.conftest import ONE_MILLION


def _store():
    from ui import store_handle

    return store_handle.get_store()  # the store both sessions write (the app's own handle)


def _session(monkeypatch, db):
    at = run_app(monkeypatch, db, page="quality", program=ONE_MILLION)
    assert not at.exception
    return at


def _shown(at, key: str = "quality_pair") -> tuple:
    return tuple(at.selectbox(key=key).value)


def _options(at, key: str = "quality_pair") -> list[str]:
    return list(at.selectbox(key=key).options)


def _marks() -> list[tuple]:
    return _store().rows(
        "SELECT code_a, code_b, mark, undone_at IS NOT NULL FROM duplicate_marks ORDER BY id"
    )


def _errors(at) -> str:
    """The page's error messages as a reader sees them (Markdown's escapes removed)."""
    return re.sub(r"\\(.)", r"\1", " ".join(e.value for e in at.error))


def _import_earlier_twin(tmp_path, code_a: str, benefit: int = 0) -> int:
    """Another session's import: one record with `code_a`'s title and unit, registered the same day and
    named before it, so that it becomes the first record of that title (the list's pairs shift). Returns the
    import's id."""
    store = _store()
    title, unit, day = store.rows(
        "SELECT title, unit_code, strftime(registered_on, '%d/%m/%Y') FROM initiatives WHERE code = ?",
        [code_a],
    )[0]
    path = tmp_path / "twin.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày đăng ký", "Trạng thái",
                         "Giá trị làm lợi"])  # fmt: skip
        writer.writerow(["A-TWIN", title, "Người Khác", unit, day, "Đã đăng ký", benefit or ""])
    report = ingest.import_file(store, path, by="other.analyst", program=ONE_MILLION)
    assert report.ok, report
    return report.import_id


def test_a_pair_marked_by_another_session_meanwhile_is_refused_not_marked_on_the_next_one(
    monkeypatch, sample_copy
):
    first = _session(monkeypatch, sample_copy)
    seen = _shown(first)  # the pair in front of the first analyst (the list's first, never picked)
    other = _session(monkeypatch, sample_copy)
    assert _shown(other) == seen
    other.button(key="quality_mark_different").click().run()  # the second analyst marks it first
    assert not other.exception
    first.button(key="quality_mark_same").click().run()  # then the first clicks, on the page shown before
    assert not first.exception, [e.value for e in first.exception]
    assert _marks() == [(*seen, "different", False)]  # nothing on the list's new first pair
    errors = _errors(first)
    assert f"cặp {seen[0]} – {seen[1]} vừa được local đánh dấu “Khác nhau” trong một phiên khác" in errors, (
        errors
    )
    assert f"{seen[0]} – {seen[1]}" not in _options(first)  # the list is the current one


def test_a_mark_lands_on_the_pair_shown_when_an_import_shifted_the_list(monkeypatch, sample_copy, tmp_path):
    first = _session(monkeypatch, sample_copy)
    seen = _shown(first)
    _import_earlier_twin(tmp_path, seen[0])  # meanwhile: the pair's title gets an earlier first record
    after = quality.duplicates(_store(), first.session_state["_ctx"].filters).pending
    assert seen not in set(zip(after["code_a"], after["code_b"], strict=True))  # no longer a proposed pair
    first.button(key="quality_mark_spread").click().run()
    assert not first.exception and not first.error, _errors(first)
    assert _marks() == [(*seen, "spread", False)]  # on the two records the analyst compared, and only them


def test_a_mark_on_a_pair_whose_record_an_undo_removed_is_refused(monkeypatch, sample_copy, tmp_path):
    import_id = _import_earlier_twin(tmp_path, _shown(_session(monkeypatch, sample_copy))[0])
    first = _session(monkeypatch, sample_copy)
    box = first.selectbox(key="quality_pair")
    box.select(tuple(next(o for o in box.options if "A-TWIN" in o).split(" – "))).run()
    assert "A-TWIN" in _shown(first)
    assert ingest.undo(_store(), import_id, by="other.analyst").ok  # another session undoes that import
    first.button(key="quality_mark_same").click().run()
    assert not first.exception
    assert _marks() == []  # nothing written, on no pair
    errors = _errors(first)
    assert "không còn, vì hồ sơ A-TWIN không còn trong dữ liệu" in errors, errors


def test_an_undo_of_a_mark_undone_meanwhile_is_refused_not_done_on_another(monkeypatch, sample_copy):
    first = _session(monkeypatch, sample_copy)
    for _ in range(2):  # two pairs marked "same": the undo picker has two to choose from
        first.button(key="quality_mark_same").click().run()
        assert not first.exception and not first.error
    marked = _marks()
    assert len(marked) == 2
    seen = _shown(first, "quality_undo_pick_not_counted")
    other = _session(monkeypatch, sample_copy)
    other.selectbox(key="quality_undo_pick_not_counted").select(seen).run()
    other.button(key="quality_undo_not_counted").click().run()  # the other analyst undoes it first
    first.button(key="quality_undo_not_counted").click().run()
    assert not first.exception
    undone = {m[:2]: m[3] for m in _marks()}
    assert undone[seen] and sum(undone.values()) == 1, undone  # the other pair keeps its mark
    assert "Chưa hoàn tác" in _errors(first) and f"{seen[0]} – {seen[1]}" in _errors(first)


def test_a_benefit_mark_on_a_record_an_undo_removed_is_refused(monkeypatch, sample_copy, tmp_path):
    import_id = _import_earlier_twin(tmp_path, _shown(_session(monkeypatch, sample_copy))[0], 10**15)
    first = _session(monkeypatch, sample_copy)
    box = first.selectbox(key="quality_benefit_code")
    assert "A-TWIN" in box.options and box.options[0] != "A-TWIN"  # flagged: its benefit is implausible
    box.select("A-TWIN").run()
    assert ingest.undo(_store(), import_id, by="other.analyst").ok
    first.button(key="quality_basis_save").click().run()
    assert not first.exception
    assert _store().one("SELECT count(*) FROM benefit_marks") == 0  # not on the list's new first record
    assert "hồ sơ A-TWIN không còn trong dữ liệu" in _errors(first), _errors(first)


def test_the_marks_message_writes_the_codes_as_text(monkeypatch, sample_copy, tmp_path):
    """Record codes are the file's text (an import takes any): the message after a mark (Markdown) shows
    them as written, never as emphasis or a link."""
    hostile_a, hostile_b = "*A*_1", "[B](https://evil.example/x)"
    path = tmp_path / "codes.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày đăng ký", "Trạng thái"])
        writer.writerow(
            [hostile_a, "Lắp giàn phơi quặng zxqv kho 991", "Lê Văn A", "BSR", "03/01/2022", "Đã đăng ký"]
        )
        writer.writerow(
            [hostile_b, "Lắp giàn phơi quặng zxqv kho 991", "Lê Văn A", "BSR", "04/01/2022", "Đã đăng ký"]
        )
    _session(monkeypatch, sample_copy)  # the app's store open
    assert ingest.import_file(_store(), path, by="lan", program=ONE_MILLION).ok
    first = _session(monkeypatch, sample_copy)
    box = first.selectbox(key="quality_pair")
    box.select(tuple(sorted((hostile_a, hostile_b)))).run()
    first.button(key="quality_mark_different").click().run()
    assert not first.exception and not first.error, _errors(first)
    toasts = [t.value for t in first.toast]
    assert toasts and "](https://" not in toasts[0] and "*A*" not in toasts[0], toasts
    assert re.sub(r"\\(.)", r"\1", toasts[0]) == f"Đã đánh dấu “Khác nhau”: {hostile_a} – {hostile_b}.", (
        toasts
    )


def test_the_count_change_names_units_as_text(monkeypatch, sample_copy, tmp_path):
    """A unit's code is reference data typed by an analyst: the line saying where the count changes
    (Markdown) writes it as it is."""
    unit = "*U*_[x](https://evil.example/u)"
    _session(monkeypatch, sample_copy)
    with _store().transaction() as cur:
        cur.execute("INSERT INTO units (code, name) VALUES (?, 'Đơn vị thử')", [unit])
    path = tmp_path / "unit.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày đăng ký", "Trạng thái"])
        for code, day in (("U-1", "03/01/2022"), ("U-2", "04/01/2022")):
            writer.writerow([code, "Lắp giàn phơi quặng zxqv kho 991", "Lê Văn A", unit, day, "Đã đăng ký"])
    assert ingest.import_file(_store(), path, by="lan", program=ONE_MILLION).ok
    quality.mark_pair(_store(), "U-1", "U-2", "same", "lan")
    at = _session(monkeypatch, sample_copy)
    lines = [c.value for c in at.caption if c.value.startswith("Tính một lần")]
    assert lines and "](https://" not in lines[0] and "*U*" not in lines[0], lines
    assert f"giảm ở: {unit} −1" in re.sub(r"\\(.)", r"\1", lines[0]), lines
