"""The estimates of the super-game's thresholds, for ``explain`` and ``plot``.

A threshold search evaluates two pairs of machines at every point it tries;
each evaluation is costed as the exact engine's (:mod:`.exact`).
"""

from __future__ import annotations

import numpy as np

from ..errors import RegimelabError
from ..game import Game
from ..regime import Regime
from ..supergame import StrategyPair
from ..threshold_search import GRID_POINTS
from .exact import bound_pair, pair_bytes, pair_seconds, sized
from .limit import Workload
from .tournament import tournament_workload

#: Evaluations of a pair's chain per threshold search of the super-game: the grid (and its 7
#: points near 1) and the bisection (up to about 60 steps), each evaluation two pairs.
SEARCH_EVALUATIONS = 2 * (GRID_POINTS + 7 + 60)


def _supergame_pairs(regime: Regime, game: Game, pair: StrategyPair) -> list:
    """The super-game's four pairs of machines, the cooperator's self-play and the challenger against it first.

    A threshold search evaluates the first two at every point (the margin V(S vs S) - V(X vs S)).
    """
    cooperator, challenger = pair.machines(regime, game)
    return [bound_pair(cooperator, cooperator, 1), bound_pair(challenger, cooperator, 1),
            bound_pair(cooperator, challenger, 1), bound_pair(challenger, challenger, 1)]


def _search_seconds(pairs: list, regime: Regime, searches) -> float:
    """Seconds of the threshold searches: SEARCH_EVALUATIONS / 2 points each, two pairs per point."""
    margin = pairs[:2]
    seconds = 0.0
    for kind in searches:
        if kind == "shadow":  # the search moves the shadow over [0, 1): the mean over its grid's horizons
            grid = np.append(np.linspace(0.0, 1.0, GRID_POINTS)[:-1], 1 - np.logspace(-3, -9, 7))
            per_point = float(np.mean([sum(pair_seconds(p, regime.replace(shadow=float(w), turns=None), False)
                                           for p in margin) for w in grid]))
        else:
            per_point = sum(pair_seconds(p, regime, False) for p in margin)
        seconds += SEARCH_EVALUATIONS / 2 * per_point
    return seconds


def explain_workload(regime: Regime, game: Game | None = None, pair: StrategyPair | None = None,
                     simulate: int | None = None, jobs: int = 1) -> Workload:
    """``explain``: the super-game (4 evaluations), its threshold searches, and ``--simulate`` N.

    Each search (w* without a closed form, p*, F*sg) evaluates the cooperator
    in self-play and the challenger against it at up to SEARCH_EVALUATIONS / 2
    points (the grid of :func:`regimelab.threshold_search.least_root` and the
    bisection), at the regime's horizon (w* at the horizons of its grid).
    ``--simulate`` N is a tournament of the two strategies with N repetitions.
    """
    game = game or Game()
    pair = pair or StrategyPair()
    searches = ["transparency", "fine_supergame"]
    if not (pair.is_default and regime.false_alarm == 0 and regime.noise == 0):
        searches.append("shadow")
    workload = _threshold_workload(regime, game, pair, searches, with_matrix=True)
    if simulate is not None:
        workload = workload.then(tournament_workload(pair.axelrod_players(), regime, simulate, jobs))
    return workload


def _threshold_workload(regime: Regime, game: Game, pair: StrategyPair, searches, with_matrix: bool) -> Workload:
    try:
        pairs = _supergame_pairs(regime, game, pair)
    except RegimelabError:
        return Workload()  # the pair has no machine here: the command says so itself

    def total(pairs):
        seconds = _search_seconds(pairs, regime, searches)
        evaluations = SEARCH_EVALUATIONS * len(searches)
        if with_matrix:
            seconds += sum(pair_seconds(p, regime, False) for p in pairs)
            evaluations += 4
        return Workload(pairings=evaluations, largest_chain=max(p.states for p in pairs), seconds=seconds,
                        transient=max(pair_bytes(p, regime, False) for p in pairs))

    return sized(pairs, regime, game, total)


def plot_workload(sweep, selection, pair: StrategyPair) -> Workload:
    """``plot``: the super-game thresholds drawn over a sweep, as many searches as the picture needs.

    A line plot draws one threshold of its x parameter; a heatmap a curve
    across the other axis, computed at its swept values and the midpoints
    between them (and, for F*sg, where it meets each fine drawn): about
    2 x values + fines searches. Each search costs as in
    :func:`explain_workload`, at the longest horizon the sweep reaches.
    """
    if sweep.base_regime is None or sweep.base_game is None:
        return Workload()
    regime, game = sweep.base_regime, sweep.base_game
    try:
        if "turns" in sweep.params:
            regime = regime.replace(turns=int(max(sweep.values("turns"))), shadow=None)
        if "shadow" in sweep.params:
            regime = regime.replace(shadow=float(max(sweep.values("shadow"))), turns=None)
    except (RegimelabError, TypeError, ValueError, OverflowError):
        return Workload()  # values the model refuses: the picture leaves their thresholds out
    if selection.y is None:
        searches = 1
    else:
        longest = max(len(sweep.values(selection.x)), len(sweep.values(selection.y)))
        fines = 2 * len(sweep.values("fine")) + 1 if "fine" in (selection.x, selection.y) else 0
        searches = 2 * longest + fines
    return _threshold_workload(regime, game, pair, ["transparency"] * searches, with_matrix=False)
