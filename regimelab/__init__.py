"""regimelab: an iterated-game regime laboratory.

Regimes (Lipson, "Are Security Regimes Possible?") as payoff transformers
around iterated Prisoner's Dilemma tournaments built on axelrod.

    >>> import regimelab as rl
    >>> regime = rl.Regime(transparency=0.6, fine=3)
    >>> regime.expected_game(rl.Game())
    >>> result = rl.run_tournament(["TFT", "Defector"], regime)   # names, classes or players
    >>> result.players
    >>> concert = rl.load_scenario("concert-1815")                 # a built-in scenario, or a .toml path

``python -m regimelab`` is the ``regimelab`` command.
"""

__version__ = "0.1.0"

from ._fast_import import import_axelrod  # noqa: E402

import_axelrod()  # before any module below imports axelrod

from .compare import compare_regimes  # noqa: E402
from .errors import InvalidParameter, RegimelabError, StrategyFailed, StrategyRefused, UnknownStrategy  # noqa: E402
from .exact_tournament import run_exact_tournament  # noqa: E402
from .explanation import explain_regime  # noqa: E402
from .game import Game  # noqa: E402
from .players import default_players, find_strategy, make_players  # noqa: E402
from .regime import PARAMETERS, Regime  # noqa: E402
from .scenarios import load_scenario  # noqa: E402
from .supergame import StrategyPair, super_game  # noqa: E402
from .threshold_search import thresholds  # noqa: E402
from .tournament import run_tournament  # noqa: E402

__all__ = [
    "Game",
    "InvalidParameter",
    "PARAMETERS",
    "Regime",
    "RegimelabError",
    "StrategyPair",
    "StrategyFailed",
    "StrategyRefused",
    "UnknownStrategy",
    "compare_regimes",
    "default_players",
    "explain_regime",
    "find_strategy",
    "load_scenario",
    "make_players",
    "run_exact_tournament",
    "run_tournament",
    "super_game",
    "thresholds",
]
