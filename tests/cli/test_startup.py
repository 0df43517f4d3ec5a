"""Start-up: which heavy libraries `regimelab --help`, every `regimelab COMMAND --help`, a bare
`regimelab`, `regimelab --version` and `regimelab explain` load, each in a fresh interpreter.

Pinned by the modules loaded, not by timing (benchmarks/bench_startup.py times them). Also the
lazy parts that make it so: the public names of `import regimelab` (regimelab/__init__.py) and the
group's table of commands (regimelab/cli/__init__.py).
"""

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

import regimelab
from regimelab.cli import COMMANDS, main

#: What takes seconds to import (axelrod alone takes 3 s with regimelab/_fast_import.py, 14 s without).
HEAVY = ("axelrod", "pandas", "matplotlib", "scipy", "dask", "distributed")

#: Runs the command line in this interpreter and prints, as JSON, the exit status and the heavy modules loaded.
SCRIPT = """
import json, sys
from contextlib import redirect_stdout
from io import StringIO

from regimelab.cli import main

status = 0
with redirect_stdout(StringIO()):
    try:
        main(sys.argv[1:], prog_name="regimelab", standalone_mode=False)
    except SystemExit as exit:
        status = exit.code
roots = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"status": status, "roots": roots}))
"""


def loaded_by(*args: str) -> tuple[int, set[str]]:
    """The exit status of ``regimelab ARGS`` run in a fresh interpreter, and the top-level modules it loaded."""
    completed = subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    outcome = json.loads(completed.stdout.splitlines()[-1])
    return outcome["status"], set(outcome["roots"])


def heavy(roots: set[str]) -> list[str]:
    return sorted(roots & set(HEAVY))


def every_command_path(group: click.Group = main, path: tuple = ()) -> list[tuple]:
    """Every command and subcommand's path under ``group`` (``("scenarios", "show")``)."""
    found = []
    for name in group.list_commands(click.Context(group)):
        command = group.commands[name]
        found.append(path + (name,))
        if isinstance(command, click.Group):
            found += every_command_path(command, path + (name,))
    return found


@pytest.mark.parametrize("args", [(), ("--help",), ("-h",), ("--version",)], ids=" ".join)
def test_the_group_alone_loads_no_heavy_library_nor_numpy(args):
    status, roots = loaded_by(*args)
    assert status in (0, None)
    assert heavy(roots) == [] and "numpy" not in roots


@pytest.mark.parametrize("path", every_command_path(), ids=" ".join)
def test_a_commands_help_loads_no_heavy_library(path):
    # numpy may load: the regime options' help comes from the regime functions, which use it
    status, roots = loaded_by(*path, "--help")
    assert status in (0, None)
    assert heavy(roots) == []


def test_explain_with_its_default_pair_loads_no_dask_cluster():
    status, roots = loaded_by("explain")
    assert status in (0, None)
    assert "distributed" not in roots


def test_explain_with_its_default_pair_loads_no_heavy_library():
    # Not even scipy (a third of a second): its chains are small enough for numpy's solves, and the
    # thresholds are bisected without scipy.optimize.
    _, roots = loaded_by("explain")
    assert heavy(roots) == [] and "numpy" in roots


def test_explain_under_a_shadow_loads_no_heavy_library():
    # The score per turn under a shadow solves many shifted systems: numpy's batched solve for small chains.
    status, roots = loaded_by("explain", "--shadow", "0.95", "--noise", "0.01", "--transparency", "0.9")
    assert status in (0, None)
    assert heavy(roots) == []


def test_python_m_regimelab_is_the_command():
    completed = subprocess.run([sys.executable, "-m", "regimelab", "--help"], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: regimelab [OPTIONS] COMMAND [ARGS]...")
    assert all(f"  {name} " in completed.stdout for name in COMMANDS)


# -- the lazy parts --------------------------------------------------------------


def test_the_table_of_commands_gives_each_commands_own_short_help():
    for name, (home, short) in COMMANDS.items():
        command = main.commands[name]
        assert home.split(":")[1] == command.name == name
        for limit in (30, 45, 70, 1000):  # the help is cut to its terminal's width as click cuts it
            assert click.utils.make_default_short_help(short, limit) == command.get_short_help_str(limit)


def test_the_groups_help_lists_every_command_as_click_would():
    eager = click.Group("regimelab", commands={name: main.commands[name] for name in COMMANDS})
    for width in (50, 88):
        lazy_text, eager_text = (
            group.get_help(click.Context(group, info_name="regimelab", max_content_width=width, terminal_width=width))
            for group in (main, eager)
        )
        assert lazy_text.split("Commands:")[1] == eager_text.split("Commands:")[1]


def test_a_command_added_to_the_group_is_listed_and_removed():
    @click.command()
    def hello():
        """Say hello."""

    main.add_command(hello)
    try:
        assert "hello" in main.list_commands(click.Context(main)) and main.commands["hello"] is hello
    finally:
        main.commands.pop("hello")
    assert "hello" not in main.commands and set(main.commands) == set(COMMANDS)


def test_import_regimelab_loads_no_heavy_library():
    completed = subprocess.run(
        [sys.executable, "-c", "import json, sys, regimelab; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert heavy({name.split(".")[0] for name in json.loads(completed.stdout)}) == []


def test_the_public_names_are_imported_from_where_the_static_imports_say():
    # The lazy table (_HOMES), the imports type checkers and the API reference read, and __all__ agree.
    tree = ast.parse(Path(inspect.getfile(regimelab)).read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    static = {alias.name: node.module for node in guarded.body for alias in node.names}
    lazy = {name: module for module, names in regimelab._HOMES.items() for name in names}
    assert static == lazy
    assert sorted(lazy) == sorted(regimelab.__all__)
    assert all(getattr(regimelab, name) is getattr(sys.modules[f"regimelab.{module}"], name)
               for name, module in lazy.items())
    assert set(regimelab.__all__) <= set(dir(regimelab))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        regimelab.nothing
