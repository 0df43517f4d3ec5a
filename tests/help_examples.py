"""The examples every command's `--help` shows, and how a test runs them quickly.

Every "Examples:" block of every command and subcommand is read from the help
click prints; each `regimelab ...` line (with its `\\` continuations, without
its `# comment`) is one example. To keep the tests fast, an example gets small
settings it does not set (or sweep) itself (`--repetitions 2`, `--turns 20`,
`--periods 20`, for the commands that take them); it runs in a scratch folder, so every
file it writes (`--output`, `--plot`) lands there, beside the files the
examples name as the user's own (`my_scenario.toml`, `my_society.toml`: copies
of built-in scenarios).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import click
from click.testing import CliRunner

from regimelab.cli import main
from regimelab.scenario_files import builtin_scenario_files

#: Files the examples name as the user's own, made from built-in scenarios.
USER_FILES = {"my_scenario.toml": "concert-1815", "my_society.toml": "concert-multipolar"}
#: Small settings: option -> (what else sets the same thing, value).
SMALL_SETTINGS = {
    "--repetitions": (("-r", "--repetitions", "--engine"), "2"),  # --engine exact takes no repetitions
    "--turns": (("--turns", "--shadow"), "20"),
    "--periods": (("--periods", "--shadow"), "20"),
}


def commands(group: click.Group = main, path: tuple = ()) -> dict[tuple, click.Command]:
    """Every command and subcommand under ``group`` by its path (``("scenarios", "show")``), the group too."""
    found = {path: group}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, path + (name,)))
        else:
            found[path + (name,)] = command
    return found


def help_text(path: tuple) -> str:
    result = CliRunner().invoke(main, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def examples(text: str) -> list[str]:
    """The `regimelab ...` lines of the "Examples:" blocks of a help text, continuations joined."""
    found, inside, pending = [], False, ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == "Examples:":
            inside = True
            continue
        if not inside:
            continue
        if not stripped:
            inside = False
            continue
        if pending or stripped.startswith("regimelab "):
            pending += stripped
            if pending.endswith("\\"):
                pending = pending[:-1]
                continue
            found.append(pending.split(" #", 1)[0].strip())
            pending = ""
    return found


def options_of(command: click.Command) -> set[str]:
    return {option for param in command.params for option in param.opts}


def command_of(args: list[str]) -> click.Command:
    """The command an example's arguments (after `regimelab`) call: the deepest group member named."""
    command = main
    for arg in args:
        if not isinstance(command, click.Group) or arg not in command.commands:
            break
        command = command.commands[arg]
    return command


def with_small_settings(example: str) -> list[str]:
    """The example's arguments (after `regimelab`), with the small settings it does not set itself."""
    args = shlex.split(example)[1:]
    accepted = options_of(command_of(args))
    given = {arg.split("=", 1)[0] for arg in args}
    given |= {"--" + value.split("=", 1)[0] for option, value in zip(args, args[1:]) if option == "--param"}
    for option, (setters, value) in SMALL_SETTINGS.items():
        if option in accepted and not given & set(setters):
            args += [option, value]
    return args


def scratch_folder(folder: Path) -> Path:
    """``folder`` with the files the examples name as the user's own."""
    files = builtin_scenario_files()
    for name, builtin in USER_FILES.items():
        shutil.copyfile(files[builtin], folder / name)
    return folder
