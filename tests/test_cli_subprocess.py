"""The installed `regimelab` entry point as a real subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def regimelab_command():
    script = Path(sys.executable).parent / "regimelab"
    if script.exists():
        return [str(script)]
    found = shutil.which("regimelab")
    if found:
        return [found]
    pytest.skip("the regimelab console script is not installed")


def test_run_through_the_console_script(tmp_path):
    out = tmp_path / "run.json"
    completed = subprocess.run(
        regimelab_command() + ["run", "-s", "tft", "-s", "alld", "-r", "2", "--turns", "10",
                               "--format", "json", "--output", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data == json.loads(out.read_text())
    assert "Playing" not in completed.stdout  # no progress bar in JSON


def test_bad_input_exit_status_through_the_console_script():
    completed = subprocess.run(
        regimelab_command() + ["run", "--transparency", "1.5"], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "Error: Invalid value for '--transparency': must be a probability between 0 and 1 (got 1.5)."
    ]


def test_version_through_the_console_script():
    completed = subprocess.run(regimelab_command() + ["--version"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and "axelrod 4.13.1" in completed.stdout
