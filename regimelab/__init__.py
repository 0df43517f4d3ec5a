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

from typing import TYPE_CHECKING  # noqa: E402

from . import _fast_import  # noqa: E402
from .lazy_exports import lazy_exports  # noqa: E402

_fast_import.install_import_hook()  # the first `import axelrod`, by whichever module, is the fast one

if TYPE_CHECKING:  # for type checkers and the API reference (mkdocstrings reads these imports)
    from .compare import compare_regimes
    from .errors import InvalidParameter, RegimelabError, StrategyFailed, StrategyRefused, UnknownStrategy
    from .exact_tournament import run_exact_tournament
    from .explanation import explain_regime
    from .game import Game
    from .players import default_players, find_strategy, make_players
    from .regime import PARAMETERS, Regime
    from .scenarios import load_scenario
    from .supergame import StrategyPair, super_game
    from .threshold_search import thresholds
    from .tournament import run_tournament

#: The modules of the public names, as imported above. A name is imported on first use (PEP 562), so
#: that `regimelab --help` does not pay for axelrod, pandas and scipy (seconds) to print text;
#: tests/cli/test_startup.py checks that this table, the imports above and ``__all__`` agree.
_HOMES = {
    "compare": ("compare_regimes",),
    "errors": ("InvalidParameter", "RegimelabError", "StrategyFailed", "StrategyRefused", "UnknownStrategy"),
    "exact_tournament": ("run_exact_tournament",),
    "explanation": ("explain_regime",),
    "game": ("Game",),
    "players": ("default_players", "find_strategy", "make_players"),
    "regime": ("PARAMETERS", "Regime"),
    "scenarios": ("load_scenario",),
    "supergame": ("StrategyPair", "super_game"),
    "threshold_search": ("thresholds",),
    "tournament": ("run_tournament",),
}

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


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals())
