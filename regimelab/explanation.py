"""What `regimelab explain` shows, as plain data: a regime's stage games, its super-game, its thresholds
and how each is obtained (model page §4-§5)."""

from __future__ import annotations

from .game import CLASS_MEANINGS, Game
from .json_parts import game_summary, versions
from .regime import Regime
from .supergame import DEFAULT_PAIR, StrategyPair, super_game
from .threshold_search import threshold_methods, threshold_searches


def explain_regime(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """Everything `regimelab explain` shows, as plain data.

    ``excluded`` (only when a search left values out): by threshold, the runs
    of values at which a strategy cannot play the G' it is told, and why
    (:meth:`regimelab.threshold_search.Threshold.exclusion`).
    """
    game = game or Game()
    matrix = super_game(regime, game, pair).to_dict()  # first: a regime the pair cannot play fails here
    found = threshold_searches(regime, game, pair)
    summary = {
        "regime": regime.to_dict(),
        "game": game_summary(game, regime),
        "supergame": matrix,
        "thresholds": {key: threshold.value for key, threshold in found.items()},
        "methods": threshold_methods(regime, pair),
        "versions": versions(),
    }
    excluded = {key: threshold.exclusion() for key, threshold in found.items() if threshold.excluded}
    if excluded:
        summary["excluded"] = excluded
    if regime.noise > 0:
        summary["game"]["noisy"] = regime.noisy_expected_game(game).to_dict()
    # Sorted, not a set's order (which follows the hash seed): the JSON is the same on every run.
    summary["meanings"] = {cls: CLASS_MEANINGS[cls] for cls in sorted(set(_classes(summary)))}
    return summary


def _classes(summary: dict):
    yield summary["game"]["class"]["base"]
    yield summary["game"]["class"]["expected"]
    yield summary["supergame"]["class"]
