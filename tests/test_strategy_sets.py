"""The named sets' names and descriptions and the default strategies, kept where `--help` reads them
without importing axelrod (regimelab/strategy_sets.py)."""

from regimelab.cli import main
from regimelab.players import NAMED_SETS, default_players, find_strategy
from regimelab.strategy_sets import DEFAULT_STRATEGIES, SET_DESCRIPTIONS


def test_every_named_set_has_its_description_and_a_builder():
    assert list(NAMED_SETS) == list(SET_DESCRIPTIONS) == ["basic", "axelrod-first", "demo", "default", "all", "finite"]
    assert all(NAMED_SETS[name][0] == description for name, description in SET_DESCRIPTIONS.items())


def test_the_default_strategies_are_the_default_players():
    assert [player.name for player in default_players()] == [find_strategy(name).name for name in DEFAULT_STRATEGIES]


def test_the_set_options_help_names_every_set():
    option = next(param for param in main.commands["run"].params if param.name == "sets")
    assert "(basic, axelrod-first, demo, default, all, finite)" in option.help
