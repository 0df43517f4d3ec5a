"""Commands run once through click's runner, their table and their JSON kept (a cache shared by the
content tests: the exercises and the built-in tournament scenarios run the same commands).
"""

from __future__ import annotations

import json
import shlex
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from click.testing import CliRunner

from regimelab.cli import main


@dataclass(frozen=True)
class Run:
    """One run of a command: what it printed (a click Result) and the JSON it wrote with --output."""

    result: object
    data: dict | None


@lru_cache(maxsize=None)
def invoke(command: str) -> Run:
    """Run ``command`` once, printing its table and writing its JSON (`--output FILE.json`).

    Cached: tests/content/test_exercises.py and tests/content/test_tournament_scenarios.py read the
    same runs of `regimelab compare NAME`.
    """
    args = shlex.split(command)
    assert args[0] == "regimelab", command
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "output.json"
        result = CliRunner().invoke(main, args[1:] + ["--output", str(path)], catch_exceptions=False)
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    return Run(result, data)
