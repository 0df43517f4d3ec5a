"""The thresholds of the super-game (model page §5): the least shadow, transparency or fine from which on
cooperation is an equilibrium of it (:mod:`regimelab.supergame`).

Closed forms are used where the model page gives them (no false alarms, no
noise); otherwise the exact engine (:mod:`regimelab.exact`) is searched for
the least value from which on the condition holds (:func:`least_root`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import StrategyFailed
from .game import Game
from .limits import MAX_MAGNITUDE
from .regime import Regime
from .supergame import DEFAULT_PAIR, StrategyPair, cooperation_totals

#: Where the search starts looking for a sign change: a grid, then bisection.
GRID_POINTS = 401
#: Tolerance of the bisection: it stops when the sign change is bracketed this closely.
XTOL = 1e-13
#: The grid of a half-open range [low, high) (the shadow's) goes on to high - d (high - low) for these d, no
#: closer: the exact engine's totals grow as 1/(1 - w) and carry a rounding of about 1e-16/(1 - w) of their
#: size (some 2e-10 at 1 - 1e-6, whereas at 1 - 1e-9 the margin's sign is lost).
STEPS_TO_THE_END = (1e-3, 1e-4, 1e-5, 1e-6)
#: A margin within this fraction of the larger of its two totals counts as 0 in a threshold search: the
#: totals' rounding (above) is smaller on the whole grid.
MARGIN_ROUNDING = 1e-9


def _relative_margin(regime: Regime, game: Game, pair: StrategyPair) -> float:
    """The cooperation margin as a fraction of the larger total (0 when both are 0): the margin's sign and
    roots, on the scale of the totals' rounding (:data:`MARGIN_ROUNDING`)."""
    own, challenge = cooperation_totals(regime, game, pair)
    scale = max(abs(own), abs(challenge))
    return 0.0 if scale == 0 else (own - challenge) / scale


def _closed_form_applies(regime: Regime, pair: StrategyPair = DEFAULT_PAIR) -> bool:
    return pair.is_default and regime.false_alarm == 0.0 and regime.noise == 0.0


@dataclass(frozen=True)
class Threshold:
    """A threshold (model page §5) and the searched values left out of its search.

    ``value``: None when the condition does not hold from any value on.
    ``excluded``: ``(first, last)`` runs of searched values at which a
    strategy of the pair cannot play the G' it is told (it fails when told
    it), with ``reason`` naming the strategy; the threshold is the one on the
    values that remain.
    """

    value: float | None
    excluded: tuple = ()
    reason: str | None = None

    def exclusion(self) -> dict | None:
        """The JSON form of what was left out, or None: ``{"ranges": [[first, last], ...], "reason": ...}``."""
        if not self.excluded:
            return None
        return {"ranges": [[float(a), float(b)] for a, b in self.excluded], "reason": self.reason}


def critical_shadow(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> float | None:
    """w*: the least shadow from which on the cooperator in self-play is a best reply to the challenger.

    "From which on": at w* and at every larger w < 1 (model page §5). Closed
    form for Grim against Always Defect without false alarms or noise: the
    condition is ``(R'-T') (1-w) + w p (R'-P') >= 0``, linear in w, so ``w* =
    (T'-R') / ((T'-R') + p (R'-P'))``, 0 when ``T' <= R'``, and None when the
    condition fails as w -> 1 (``p (R'-P') < 0``, or 0 with ``T' > R'``).
    """
    return shadow_threshold(regime, game, pair).value


def shadow_threshold(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> Threshold:
    """w* (:func:`critical_shadow`) with what its search left out."""
    game = game or Game()
    if _closed_form_applies(regime, pair):
        g = regime.expected_game(game)
        temptation = g.T - g.R
        punishment = regime.transparency * (g.R - g.P)  # what the future loses per round, as w -> 1
        if punishment < 0 or (punishment == 0 and temptation > 0):
            return Threshold(None)
        return Threshold(0.0 if temptation <= 0 else temptation / (temptation + punishment))
    return _search(lambda w: regime.replace(shadow=w), game, pair, 0.0, 1.0, closed=False)


def critical_transparency(
    regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR
) -> float | None:
    """p*: the least transparency from which on the cooperator in self-play is a best reply, at the regime's
    horizon."""
    return transparency_threshold(regime, game, pair).value


def transparency_threshold(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> Threshold:
    """p* (:func:`critical_transparency`) with what its search left out."""
    return _search(lambda p: regime.replace(transparency=p), game or Game(), pair, 0.0, 1.0, closed=True)


def critical_fine(regime: Regime, game: Game | None = None) -> float | None:
    """F*: the least fine at which compliance is a best reply to compliance in G'.

    ``T' <= R'`` reduces to ``F (p - a) >= T - R + c``; None when ``p <= a``
    and the temptation is positive (fines then fall on compliers as often as
    on cheaters).
    """
    game = game or Game()
    temptation = game.T - game.R + regime.transaction_cost
    if temptation <= 0:
        return 0.0
    edge = regime.transparency - regime.false_alarm
    if edge <= 0:
        return None
    return temptation / edge


def critical_supergame_fine(
    regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR
) -> float | None:
    """F*_super: the least fine from which on the cooperator in self-play is a best reply at the regime's horizon.

    Unlike F* (the stage game), the repeated game helps: a smaller fine may
    do. Searched on F = x / (1 - x) for x in [0, x_max], so every fine in the
    model's range (0 to 1e6, regimelab.limits) is reachable; None when the
    margin is negative at the largest fine.
    """
    return supergame_fine_threshold(regime, game, pair).value


def supergame_fine_threshold(
    regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR
) -> Threshold:
    """F*sg (:func:`critical_supergame_fine`) with what its search left out, in fines."""
    top = MAX_MAGNITUDE / (1 + MAX_MAGNITUDE)  # the x of the largest fine

    def fine(x: float) -> float:
        return min(x / (1 - x), MAX_MAGNITUDE)  # min: rounding must not step past the range

    found = _search(lambda x: regime.replace(fine=fine(x)), game or Game(), pair, 0.0, top, closed=True)
    return Threshold(None if found.value is None else fine(found.value),
                     tuple((fine(a), fine(b)) for a, b in found.excluded), found.reason)


def _search(regime_at, game: Game, pair: StrategyPair, low: float, high: float, closed: bool) -> Threshold:
    """The least x from which on the pair's margin under ``regime_at(x)`` is >= 0 (:func:`least_root`).

    A value at which a strategy cannot play the G' it is told is left out
    and reported; when it cannot play at any value searched, the error is
    raised.
    """
    outcomes: dict[float, bool] = {}  # each value searched: could the pair play there?
    failures: list[StrategyFailed] = []

    def margin(x: float) -> float | None:
        try:
            value = _relative_margin(regime_at(x), game, pair)
        except StrategyFailed as error:
            failures.append(error)
            outcomes[x] = False
            return None
        outcomes[x] = True
        return value

    value = least_root(margin, low, high, closed, tolerance=MARGIN_ROUNDING)
    if not failures:
        return Threshold(value)
    if not any(outcomes.values()):
        raise failures[0]
    runs = _runs_left_out(outcomes)
    name = pair.unplayable(regime_at(runs[0][0]), game) or "a strategy of the pair"
    cause = failures[0].__cause__
    reason = f"{name} cannot play the G' they give" + (f" ({type(cause).__name__})" if cause else "")
    return Threshold(value, runs, reason)


def _runs_left_out(outcomes: dict) -> tuple:
    """The ``(first, last)`` runs of consecutive values searched at which the pair could not play."""
    runs, first, last = [], None, None
    for x in sorted(outcomes):
        if outcomes[x]:
            if first is not None:
                runs.append((first, last))
            first = None
        else:
            first, last = (x if first is None else first), x
    if first is not None:
        runs.append((first, last))
    return tuple(runs)


def threshold_searches(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """The thresholds of `regimelab explain` as :class:`Threshold` values (F* never leaves anything out)."""
    game = game or Game()
    return {
        "shadow": shadow_threshold(regime, game, pair),
        "transparency": transparency_threshold(regime, game, pair),
        "fine": Threshold(critical_fine(regime, game)),
        "fine_supergame": supergame_fine_threshold(regime, game, pair),
    }


def thresholds(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """The thresholds of `regimelab explain` (None when unattainable)."""
    return {key: found.value for key, found in threshold_searches(regime, game, pair).items()}


def search_grid(low: float, high: float, closed: bool) -> np.ndarray:
    """The points :func:`least_root` scans: GRID_POINTS from low to high, or, when not ``closed``, up to
    high - (high - low) * 1e-6 through the steps of :data:`STEPS_TO_THE_END`."""
    grid = np.linspace(low, high, GRID_POINTS)
    if closed:
        return grid
    return np.append(grid[:-1], high - np.array(STEPS_TO_THE_END) * (high - low))


def least_root(f, low: float, high: float, closed: bool, tolerance: float = 0.0) -> float | None:
    """The least x in [low, high] (or [low, high) when not ``closed``) from which on f >= 0.

    From which on: f(x) >= 0, and f >= 0 at every larger point of the grid
    (:func:`search_grid`); None when f < 0 at its last point. A margin that is
    0 at one point and negative past it gives no threshold there. The grid is
    scanned from the top down to the first point with f < 0, and the sign
    change above it is bisected (to XTOL). Values within ``tolerance`` below 0
    count as 0 (rounding; the sign change is then at that point). ``f`` may
    return None where it has no value (a strategy cannot play there): such
    points are left out, and a sign change across one is not bisected (the
    least point above it with a value is returned). A sign change narrower
    than the grid step and undone before the next grid point is not seen.
    """
    upper = None  # (x, f(x)): the least point so far from which on f >= -tolerance
    gap = False  # a point without a value lies between `upper` and the points below
    for x in reversed(search_grid(low, high, closed)):
        x = float(x)
        value = f(x)
        if value is None:
            gap = upper is not None
        elif value >= -tolerance:
            upper, gap = (x, value), False
        elif upper is None:
            return None
        else:
            return upper[0] if gap else _bisect(f, x, upper)
    return None if upper is None else upper[0]


def _bisect(f, below: float, upper: tuple[float, float]) -> float:
    """The sign change of f between ``below`` (f < 0 beyond the rounding) and ``upper`` = (x, f(x)).

    When f(x) is below 0 within the rounding, f is 0 there as far as can be told: x itself. Plain
    bisection to XTOL (some 35 steps from a grid step), returning the upper end of the last bracket, a
    point where f >= 0. Not scipy's brentq: importing scipy.optimize takes longer (0.3 s) than
    `regimelab explain` takes for its searches.
    """
    top, top_value = upper
    if top_value < 0:
        return top
    low, high = below, top
    while high - low > XTOL:
        middle = (low + high) / 2
        if middle in (low, high):  # no float between them
            break
        value = f(middle)
        if value is None:
            return top
        if value >= 0:
            high = middle
        else:
            low = middle
    return high


def threshold_methods(regime: Regime, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """How each threshold is obtained: a closed form or a numerical search."""
    search = "numerical search on the exact engine"
    return {
        "shadow": "closed form" if _closed_form_applies(regime, pair) else search,
        "transparency": search,
        "fine": "closed form",
        "fine_supergame": search,
    }
