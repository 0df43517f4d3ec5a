"""Small things (issue 12 §6): reproducible JSON, failed and interrupted writes, line numbers of
nested keys, grammar, and strategy modules that raise when imported."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab import files
from regimelab.files import WriteFailed, remove_stale_parts, write_atomically
from regimelab.sweeps import SweepDefinition, build_grid, parse_param
from regimelab.sweeps.definition import SweepError
from regimelab.sweeps.partial_file import PartialFile
from regimelab.toml_files import TomlError
from regimelab.tournament_scenario import read_tournament_scenario

ROOT = Path(__file__).resolve().parents[2]


def one_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and "Traceback" not in result.output, result.stderr
    return lines[0]


# -- explain --format json is the same bytes on every run ---------------------------------------


@pytest.mark.parametrize("regime", [
    ["--shadow", "0.9", "--transparency", "0.3"],  # three classes: base, G' and the super-game differ
    ["--shadow", "0.95", "--transparency", "0.9", "--false-alarm", "0.05", "--noise", "0.02"],
])
def test_explain_json_is_byte_identical_whatever_the_hash_seed(regime):
    outputs = set()
    for hash_seed in ("0", "1", "2", "12345"):
        completed = subprocess.run(
            [sys.executable, "-c", "from regimelab.cli import main; main()", "explain", *regime, "--format", "json"],
            capture_output=True, timeout=180, env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert completed.returncode == 0, completed.stderr
        outputs.add(completed.stdout)
    assert len(outputs) == 1
    meanings = json.loads(outputs.pop())["meanings"]
    assert list(meanings) == sorted(meanings) and len(meanings) >= 2


# -- a write that fails: one line naming the file, exit status 2, nothing left behind -------------


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("command,name", [
    (["run", "-s", "tft", "-s", "alld", "--turns", "5", "-r", "2", "--no-progress"], "out.json"),
    (["run", "-s", "tft", "-s", "alld", "--turns", "5", "-r", "2", "--no-progress"], "out.csv"),
    (["run", "-s", "tft", "-s", "alld", "--turns", "5", "-r", "2", "--no-progress"], "out.parquet"),
    (["explain"], "out.json"),
    (["compare", "-s", "tft", "-s", "alld", "--turns", "5", "-r", "2", "--regime", "fine=1", "--no-progress",
      "--plot"], "out.png"),
])
def test_a_full_disk_names_the_file_and_exits_2(cli, tmp_path, monkeypatch, command, name):
    monkeypatch.setattr(files.os, "fsync", no_space)
    target = tmp_path / name
    option = [] if command[-1] == "--plot" else ["--output"]
    line = one_line(cli(*command, *option, str(target)))
    assert str(target) in line and "No space left on device" in line
    assert list(tmp_path.iterdir()) == []  # neither the file nor a temporary one


def test_write_failed_keeps_the_system_error_and_names_the_file(tmp_path):
    target = tmp_path / "out.json"

    def write(handle):
        handle.write("{")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(WriteFailed) as caught:
        write_atomically(target, write)
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(target)
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert list(tmp_path.iterdir()) == []


# -- temporary files left by a killed writer ------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_of_the_same_target_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "out.json"
    dead, alive = dead_pid(), os.getpid()
    keep = [
        f".out.json.{alive}.abcdefgh.part",  # a live writer's (this process)
        ".out.json.abcdefgh.part",  # an older naming, recent: it may still be written
        f".other.json.{dead}.abcdefgh.part",  # another target's
        "out.json.part", f".out.json.{dead}.short.part", "notes.txt",  # not our naming
    ]
    remove = [f".out.json.{dead}.abcdefgh.part", f".out.json.{dead}.x_1y2z3w.part"]
    for name in keep + remove:
        (tmp_path / name).write_text("half")
    old = tmp_path / ".out.json.zzzzzzzz.part"  # an older naming, an hour old and more: stale
    old.write_text("half")
    os.utime(old, (time.time() - 2 * files.STALE_SECONDS,) * 2)
    old_alive = tmp_path / f".out.json.{alive}.oldoldol.part"  # a reused pid: the age decides
    old_alive.write_text("half")
    os.utime(old_alive, (time.time() - 2 * files.STALE_SECONDS,) * 2)
    write_atomically(target, lambda handle: handle.write("{}"))
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(keep + ["out.json"])


def test_a_writer_killed_mid_write_leaves_a_part_file_that_the_next_write_removes(tmp_path):
    target = tmp_path / "out.json"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from regimelab.files import write_atomically\n"
        "def write(handle):\n"
        "    handle.write('half'); handle.flush(); print('writing', flush=True); time.sleep(600)\n"
        "write_atomically(Path(sys.argv[1]), write)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
    left = [path.name for path in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(f".out.json.{child.pid}.") and left[0].endswith(".part")
    write_atomically(target, lambda handle: handle.write("{}"))
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]
    assert target.read_text() == "{}"


def test_removing_stale_parts_in_a_missing_folder_is_quiet(tmp_path):
    remove_stale_parts(tmp_path / "missing" / "out.json")


# -- an unknown key in an inline or nested table has its line --------------------------------------


def test_an_unknown_key_in_an_inline_player_table_has_its_line(cli, tmp_path):
    text = GOOD.replace(
        'players = ["Tit For Tat", { strategy = "Defector", count = 2 }, { strategy = "Random", params = [0.3] }]',
        'players = [\n    "Tit For Tat",\n    { strategy = "Defector", count = 2 },\n'
        '    { strategy = "Random", parms = [0.3] },\n]',
    )
    path = write(tmp_path, text)
    line = one_line(cli("run", str(path)))
    number = text.splitlines().index('    { strategy = "Random", parms = [0.3] },') + 1
    assert f"{path}:{number}: unknown key 'parms'" in line and "did you mean 'params'" in line


SOCIETY = """\
name = "s"
title = "S"
summary = "A society."
actors = [
    { name = "A", strategy = "Tit For Tat" },
    { name = "B", strategy = "Defector", colour = "red" },
]

[turnover]
probability = 0.1
pool = [
    "Tit For Tat",
    { strategy = "Random", parms = [0.3] },
]

[regimes.base]

[regimes.other]
fine = 1
actors = { A = { member = false, hue = 1 } }
"""


COLOUR = ', colour = "red"'
PARMS = '    { strategy = "Random", parms = [0.3] },\n'


@pytest.mark.parametrize("key,text", [
    ("colour", SOCIETY),  # in an inline array of tables ([[actors]] written as a list)
    ("parms", SOCIETY.replace(COLOUR, "")),  # in an inline table of a list ([turnover]'s pool)
    ("hue", SOCIETY.replace(COLOUR, "").replace(PARMS, "")),  # two inline tables deep in a variant
])
def test_an_unknown_key_deep_in_a_society_scenario_has_its_line(cli, tmp_path, key, text):
    path = write(tmp_path, text)
    line = one_line(cli("society", str(path), "--no-progress"))
    number = next(k for k, text_line in enumerate(text.splitlines(), start=1) if f"{key} =" in text_line)
    assert line.startswith(f"Error: {path}:{number}: ") and repr(key) in line, line


def test_an_unknown_key_in_an_inline_state_has_its_line(cli, tmp_path):
    text = (
        'name = "Inline"\ndescription = "States written inline."\nkind = "state_machine"\n\n'
        '[state_machine]\ninitial = "a"\n\n[state_machine.states]\n'
        'a = { play = "C", on_C = "a", on_D = "b" }\n'
        'b = { play = "D", on_C = "a", on_D = "b", colour = "red" }\n'
    )
    path = write(tmp_path, text, "inline.toml")
    line = one_line(cli("run", "-s", str(path), "-s", "tft"))
    assert f"{path}:10: unknown key 'colour'" in line


def test_a_key_inside_a_string_is_not_taken_for_the_key(tmp_path):
    text = GOOD.replace('narrative = "For the tests."', 'narrative = """\nparms = [0.3] is not a key here\n"""')
    text = text.replace('{ strategy = "Random", params = [0.3] }', '{ strategy = "Random", parms = [0.3] }')
    path = write(tmp_path, text)
    with pytest.raises(TomlError) as caught:
        read_tournament_scenario(path)
    assert caught.value.line == next(k for k, t in enumerate(text.splitlines(), start=1) if t.startswith("players"))


# -- the "differs" message reads as English ----------------------------------------------------


def sweep_spec(**changes) -> SweepDefinition:
    values = dict(players=tuple(rl.make_players(["tft", "alld"])), base_regime=rl.Regime(turns=5),
                  base_game=rl.Game(), repetitions=2, seed=1, engine="simulate")
    grid = build_grid([parse_param("fine=0,1")], "grid", values["base_regime"], values["base_game"])
    values.update(changes)
    return SweepDefinition(values["players"], values["base_regime"], values["base_game"], grid, values["repetitions"],
                     values["seed"], values["engine"])


@pytest.mark.parametrize("changes,phrase", [
    ({"seed": 2}, "its seed differs from"),
    ({"repetitions": 3}, "its repetitions differ from"),
    ({"players": tuple(rl.make_players(["tft", "grudger"]))}, "its players differ from"),
    ({"seed": 2, "repetitions": 3}, "its repetitions and seed differ from"),
    ({"seed": 2, "repetitions": 3, "engine": "exact"}, "its repetitions, seed and engine differ from"),
])
def test_the_different_sweep_message_agrees_in_number(tmp_path, changes, phrase):
    saved = sweep_spec(**changes)
    path = tmp_path / "sweep.parquet.partial.jsonl"
    header = {"fingerprint": saved.fingerprint, "identity": saved.identity()}
    path.write_text(json.dumps(header) + "\n" + json.dumps({"key": "x", "rows": []}) + "\n")
    with pytest.raises(SweepError) as caught:
        PartialFile.open(path, sweep_spec(), resume=True)
    assert phrase in str(caught.value), str(caught.value)


# -- a strategy module that raises when imported -------------------------------------------------


HOOK = """\
import sys

EXTRA = sys.argv[1]


class AddFolder:
    \"\"\"Finds regimelab.strategies as usual, with one more folder (holding a broken module) on its path.\"\"\"

    def find_spec(self, name, path, target=None):
        if name != "regimelab.strategies":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                spec.submodule_search_locations.append(EXTRA)
                return spec
        return None


sys.meta_path.insert(0, AddFolder())
from regimelab.cli import main  # noqa: E402

main(sys.argv[2:], prog_name="regimelab")
"""


RUN = ["run", "-r", "1", "--turns", "5"]
RAISES = "raise ZeroDivisionError('division by zero')"


@pytest.mark.parametrize("command,body", [
    # explain loads the strategies only for a named pair (its default pair is built in)
    *((command, RAISES) for command in (RUN, ["strategies"], ["explain", "--strategy", "tft"],
                                        ["run", "anarchy", "-r", "1", "--turns", "5"],
                                        ["society", "cis-1992", "-r", "1"], ["scenarios", "show", "anarchy"])),
    (RUN, "import no_such_module_at_all"),
    (RUN, "def broken(:\n    pass"),  # a syntax error
])
def test_a_shipped_strategy_module_that_raises_is_named_in_one_line(tmp_path, command, body):
    (tmp_path / "broken_module.py").write_text(body + "\n")
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK)
    completed = subprocess.run([sys.executable, str(hook), str(tmp_path), *command], capture_output=True, text=True,
                               timeout=180)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "regimelab.strategies.broken_module" in lines[0] and "broken_module.py" in lines[0]
    assert "code that runs" in lines[0]
    assert completed.stdout == ""


def test_the_strategies_readme_says_a_python_strategy_is_code_that_runs():
    text = " ".join((ROOT / "strategies" / "README.md").read_text().split())
    assert "A Python strategy is code that runs" in text
