"""CONTRIBUTING.md's recipes, followed step by step as a contributor would.

The regime-function recipe is tests/functions/test_init.py; here: a declarative
strategy dropped into a folder, and a scenario written beside it, each used
through the real command line; and a new command registered on the CLI group.
"""

import json

import click
from click.testing import CliRunner

from regimelab.cli import main
from regimelab.cli.output import emit
from regimelab.strategy_registry import registrations_undone

STRATEGY = '''
name = "Contributor's Reciprocator"
description = "Complies first, then repeats the other side's last seen move."
citation = "Lipson1995, The Study of Regimes"
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
'''

SCENARIO = '''
name = "contributors-first"
title = "A contributor's first scenario"
summary = "A reciprocator against a cheat, with and without a fine."
narrative = """
With a fine of 3 on every detected defection the cheat loses its lead.
"""

[[sources]]
key = "Lipson1995"
section = "The Study of Regimes"
quote = "regimes can provide or facilitate sanctions for rule violations"
note = "sanctions among the functions of regimes"

[tournament]
players = ["Contributor's Reciprocator", "Defector", "Cooperator"]
repetitions = 3

[regime]
turns = 20

[regimes.baseline]
description = "No sanctions."

[regimes.fined]
description = "A fine of 3 on each detected defection."
fine = 3
'''


def test_a_declarative_strategy_in_a_folder_plays_by_name(tmp_path):
    (tmp_path / "reciprocator.toml").write_text(STRATEGY, encoding="utf-8")
    with registrations_undone():
        result = CliRunner().invoke(main, ["run", "--strategies-dir", str(tmp_path), "-s", "Contributor's Reciprocator",
                                           "-s", "alld", "--turns", "10", "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.output)["ranking"]}
    assert names == {"Contributor's Reciprocator", "Defector"}


def test_a_scenario_file_runs_and_compares(tmp_path):
    # --strategies-dir loads every .toml in its folder, so the strategies have a folder of their own
    strategies = tmp_path / "strategies"
    strategies.mkdir()
    (strategies / "reciprocator.toml").write_text(STRATEGY, encoding="utf-8")
    spec = tmp_path / "contributors-first.toml"
    spec.write_text(SCENARIO, encoding="utf-8")
    with registrations_undone():
        result = CliRunner().invoke(main, ["compare", str(spec), "--strategies-dir", str(strategies),
                                           "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["labels"] == ["baseline", "fined"]
    winners = {row["regime"]: row["winner"] for row in data["summary"]}
    assert winners["baseline"] == "Defector" and winners["fined"] != "Defector"  # as its narrative says, exactly:
    # every strategy here is deterministic, so each repetition is the same match


def test_a_new_command_on_the_group():
    @click.command()
    @click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table")
    def hello(fmt):
        """Say which regimes exist (a contributor's first command)."""
        emit(fmt, {"hello": "regimes"}, None, lambda: "hello, regimes", None)

    main.add_command(hello)
    try:
        result = CliRunner().invoke(main, ["hello", "--format", "json"])
        assert result.exit_code == 0 and json.loads(result.output) == {"hello": "regimes"}
        bad = CliRunner().invoke(main, ["hello", "--format", "xml"])
        assert bad.exit_code == 2 and "Traceback" not in bad.output
    finally:
        main.commands.pop("hello")
