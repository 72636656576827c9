"""`python -m analytics import|undo|hash-password`: the contract scheduled jobs rely on."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from analytics.auth import verify_password
from analytics.cli import main
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ROOT

KEYS = {
    "file",
    "ok",
    "inserted",
    "updated",
    "unchanged",
    "rejected",
    "skipped",
    "errors",
    "message",
    "total_records",
}


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(fx.csv_bytes(fx.rows(6)))
    bad_rows = tmp_path / "bad-rows.csv"
    bad_rows.write_bytes(
        fx.csv_bytes(
            fx.rows(3, start=10) + [["", "SK-X", "Sai", "A", "Nowhere", "", "", "01/01/2022", "", "", ""]]
        )
    )
    picture = tmp_path / "picture.csv"
    picture.write_bytes(fx.PNG_BYTES)
    return {"good": good, "bad_rows": bad_rows, "picture": picture, "db": tmp_path / "new" / "store.duckdb"}


def run(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(list(args))
    out = capsys.readouterr()
    lines = [json.loads(line) for line in out.out.splitlines() if line.startswith("{")]
    return code, lines, out.err


def test_import_json_contract_on_a_new_store(files, capsys):
    code, lines, _ = run(
        capsys, "import", str(files["good"]), str(files["bad_rows"]), "--db", str(files["db"]), "--json"
    )
    assert code == 0
    written = KEYS | {"probable_duplicates"}  # a written import's line adds its import check (issue 18)
    assert [set(line) for line in lines] == [written, written]
    good, bad = lines
    assert all(isinstance(line["probable_duplicates"], int) for line in lines)
    assert (good["ok"], good["inserted"], good["rejected"], good["total_records"]) == (True, 6, 0, 6)
    assert (bad["ok"], bad["inserted"], bad["rejected"], bad["total_records"]) == (True, 3, 1, 9)
    assert bad["errors"] == [
        {"row": 5, "column": "Đơn vị", "value": "Nowhere", "reason": bad["errors"][0]["reason"]}
    ]
    assert "không khớp đơn vị" in bad["errors"][0]["reason"]
    store = open_store(files["db"], read_only=True)
    try:
        assert store.record_count() == 9 and not store.has_sample()  # a new store gets no sample
        assert store.one("SELECT count(*) FROM units") == 33
        assert store.one("SELECT imported_by FROM imports WHERE id = 1").startswith("cli")
    finally:
        store.close()


def test_refused_file_exits_1_and_writes_nothing(files, capsys):
    code, lines, _ = run(capsys, "import", str(files["picture"]), "--db", str(files["db"]), "--json")
    assert code == 1
    assert lines[0]["ok"] is False and lines[0]["inserted"] == 0 and lines[0]["total_records"] == 0
    assert "không phải bảng dữ liệu" in lines[0]["message"]
    code, lines, _ = run(
        capsys, "import", str(files["good"]), str(files["picture"]), "--db", str(files["db"]), "--json"
    )
    assert code == 1 and [line["ok"] for line in lines] == [True, False] and lines[1]["total_records"] == 6


def test_dry_run_and_text_output(files, capsys):
    code, _, _ = run(capsys, "import", str(files["good"]), "--db", str(files["db"]), "--dry-run")
    assert code == 0
    store = open_store(files["db"], read_only=True)
    try:
        assert store.record_count() == 0 and store.one("SELECT count(*) FROM imports") == 0
    finally:
        store.close()
    code = main(["import", str(files["bad_rows"]), "--db", str(files["db"]), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0 and "Inserted 3" in out and "row 5, Đơn vị = “Nowhere”" in out


@pytest.mark.parametrize(
    "args",
    [
        ["import", "--mode", "sideways", "x.csv"],
        ["import", "x.csv", "--unit", "BSR"],
        ["import", "does-not-exist.csv"],
        ["import"],
        ["undo", "not-a-number"],
    ],
)
def test_bad_arguments_exit_2(files, capsys, args):
    with pytest.raises(SystemExit) as caught:
        code = main([*args, "--db", str(files["db"])])
        raise SystemExit(code)
    assert caught.value.code == 2


def test_replace_mode_and_undo_commands(files, capsys):
    run(capsys, "import", str(files["good"]), "--db", str(files["db"]))
    code, lines, _ = run(
        capsys,
        "import",
        str(files["good"]),
        "--db",
        str(files["db"]),
        "--mode",
        "replace",
        "--unit",
        "pvgas",
        "--json",
    )
    assert code == 0 and (lines[0]["unchanged"], lines[0]["rejected"]) == (
        3,
        3,
    )  # three of six rows are PV GAS's
    assert main(["undo", "2", "--db", str(files["db"])]) == 0
    assert "Đã hoàn tác lần nhập số 2" in capsys.readouterr().out
    assert main(["undo", "2", "--db", str(files["db"])]) == 1
    assert "đã được hoàn tác rồi" in capsys.readouterr().err


def test_hash_password_reads_the_password_from_stdin_and_prints_the_secrets_lines(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-dài\n"))
    assert main(["hash-password"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[analyst]"
    value = out[1].split(" = ")[1].strip('"')
    assert value.startswith("scrypt$") and verify_password("mật-khẩu-dài", value)
    assert not verify_password("mật-khẩu-khác", value)
    monkeypatch.setattr("sys.stdin", io.StringIO("ngắn\n"))
    assert main(["hash-password"]) == 2


def test_hash_password_for_a_named_analyst(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-của-lan\n"))
    assert main(["hash-password", "--name", "lan.nguyen"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[analyst.users]"
    name, value = out[1].split(" = ")
    assert name == '"lan.nguyen"' and verify_password("mật-khẩu-của-lan", value.strip('"'))
    monkeypatch.setattr("sys.stdin", io.StringIO("mật-khẩu-của-lan\n"))
    assert main(["hash-password", "--name", 'lan"x']) == 2


def test_a_password_on_the_command_line_is_refused_saying_how_to_do_it(capsys):
    """Failure 7: `hash-password --password P` put the password in the shell's history. The old form now
    fails (exit 2) with a message saying how to do it, and prints no hash."""
    assert main(["hash-password", "--password", "mật-khẩu-dài"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--password không còn được nhận" in captured.err
    assert "python -m analytics hash-password" in captured.err and "đầu vào chuẩn" in captured.err
    assert main(["hash-password", "--password", "x", "--lang", "en"]) == 2
    assert "is no longer accepted" in capsys.readouterr().err


def test_the_real_entry_point(files):
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(files["good"]), "--db", str(files["db"]), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["inserted"] == 6


def test_a_write_the_store_cannot_hold_is_refused_whole_with_the_reason(tmp_path):
    """A real fault, not a mock: the server's DuckDB given far too little memory (SANGKIEN_DUCKDB_MEMORY) for
    a 300,000-row import. The command says the store could not be written, names the memory setting, exits 1,
    and the store keeps exactly what it had."""
    import os

    db = tmp_path / "small.duckdb"
    first = tmp_path / "first.csv"
    first.write_bytes(fx.csv_bytes(fx.rows(4)))
    assert main(["import", str(first), "--db", str(db)]) == 0
    big = fx.big_csv(tmp_path / "big.csv", 300_000, start=1000)
    env = {**os.environ, "SANGKIEN_DUCKDB_MEMORY": "24MB"}
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(big), "--db", str(db)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 1, (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    out = done.stdout + done.stderr
    assert "Không ghi được vào kho dữ liệu" in out and "SANGKIEN_DUCKDB_MEMORY" in out
    store = open_store(db, read_only=True)
    try:
        assert store.record_count() == 4
        assert store.one("SELECT count(*) FROM imports") == 1
    finally:
        store.close()
