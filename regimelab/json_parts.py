"""The parts that every command's JSON shares: the game entry and the versions.

Apart from the result tables (:mod:`regimelab.results`, which need pandas), so
that `regimelab explain` writes its JSON without importing pandas or axelrod.
"""

from __future__ import annotations

from importlib.metadata import version

from . import __version__
from .game import Game
from .regime import Regime


def game_summary(game: Game, regime: Regime) -> dict:
    """The JSON ``game`` entry: the base game and G' (model page §4), and the class of each (§1)."""
    expected = regime.expected_game(game)
    return {
        "base": game.to_dict(),
        "expected": expected.to_dict(),
        "class": {"base": game.classify(), "expected": expected.classify()},
    }


def versions() -> dict:
    """The versions of regimelab and axelrod, as the JSON output records them (axelrod's from its metadata)."""
    return {"regimelab": __version__, "axelrod": version("axelrod")}
