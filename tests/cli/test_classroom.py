"""`regimelab classroom`: its options, its announcements, and how it fails (the server itself: tests/classroom/).

The command is tested on its module's click command (its registration in
`regimelab.cli` is the lead's); the server runs in a subprocess in
tests/classroom/test_server.py.
"""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from regimelab.classroom import server as server_module
from regimelab.cli import classroom as command_module
from regimelab.cli.classroom import classroom


@pytest.fixture
def served(monkeypatch):
    """Replace uvicorn by a recorder: what the command would serve, and the links it announces."""
    calls = []

    def fake_serve(store, host, port, announce):
        calls.append((store.path, host, port))
        announce(server_module.links(host, port, store.teacher_token()))

    monkeypatch.setattr(server_module, "serve", fake_serve)
    return calls


def test_it_prints_the_student_address_and_the_teacher_link_with_its_token(tmp_path, served):
    db = tmp_path / "week1.sqlite"
    result = CliRunner().invoke(classroom, ["--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == [(db, "127.0.0.1", 8123)]
    assert "Students open:  http://127.0.0.1:8123/" in result.stdout
    assert "Teacher:        http://127.0.0.1:8123/teacher?token=" in result.stdout
    assert "WARNING" not in result.stderr
    token = result.stdout.split("teacher?token=")[1].split()[0]
    again = CliRunner().invoke(classroom, ["--db", str(db), "--port", "8123"])
    assert f"teacher?token={token}" in again.stdout  # the teacher's link survives a restart


def test_opening_to_the_network_says_so_loudly(tmp_path, served):
    result = CliRunner().invoke(classroom, ["--db", str(tmp_path / "c.sqlite"), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "WARNING: listening on 0.0.0.0: any device on this network can reach the classroom" in result.stderr


@pytest.mark.parametrize("port", ["0", "70000"])
def test_a_bad_port_is_one_line_and_exit_2(tmp_path, served, port):
    result = CliRunner().invoke(classroom, ["--db", str(tmp_path / "c.sqlite"), "--port", port])
    assert result.exit_code == 2 and served == []
    assert result.stderr.strip().splitlines() == [
        f"Error: Invalid value for '--port': must be an integer from 1 to 65535 (got {port})."]


def test_a_file_that_is_not_a_database_is_refused(tmp_path, served):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    result = CliRunner().invoke(classroom, ["--db", str(notes)])
    assert result.exit_code == 2 and served == []
    assert result.stderr.startswith(f"Error: --db {notes}: cannot open it as a database")
    assert notes.read_text() == "not a database\n" * 100


def test_without_the_extra_it_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(command_module, "missing_modules", lambda: ["starlette"])
    result = CliRunner().invoke(classroom, ["--db", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 2
    assert "pip install 'regimelab[classroom]'" in result.stderr
    assert not (tmp_path / "c.sqlite").exists()


def test_help_needs_neither_the_extra_nor_the_engines():
    code = ("import sys; from regimelab.cli.classroom import classroom\n"
            "try:\n    classroom(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'sqlalchemy', 'axelrod', 'pandas') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--host ADDRESS" in done.stdout and "--db FILE" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_classroom_extra_is_optional_tested_and_ships_its_pages():
    import tomllib
    from importlib import resources
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    extras = project["project"]["optional-dependencies"]
    for package in ("starlette", "uvicorn", "sqlalchemy"):
        assert not any(d.startswith(package) for d in project["project"]["dependencies"])
        assert any(d.startswith(package) for d in extras["classroom"]) and any(
            d.startswith(package) for d in extras["test"])
    assert any(d.startswith("selenium") for d in extras["test"])
    assert project["tool"]["setuptools"]["package-data"]["regimelab.classroom"] == ["static/*"]
    static = resources.files("regimelab.classroom") / "static"
    shipped = {entry.name for entry in static.iterdir()}
    assert {"student.html", "teacher.html", "sandbox.html", "app.css", "common.js"} <= shipped
    for page in ("student.html", "teacher.html", "sandbox.html"):
        assert "http" not in (static / page).read_text()  # no CDN: every script and style is local
