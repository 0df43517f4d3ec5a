"""The super-game of Grim Trigger against Always Defect, and the thresholds (model page §5).

Lipson (002_23e75709fca61684.txt:63): regimes transform the PD "into more
tractable super-games with incentives for sustained cooperation". The
super-game here is the 2x2 game whose moves are the whole strategies Grim
Trigger (G) and Always Defect (D), with expected match totals under the
regime. Cooperation is an equilibrium of it when G is a best reply to G.

Closed forms are used where the model page gives them (no false alarms, no
noise); otherwise the exact engine (:mod:`regimelab.exact`) is searched for
the least value at which the condition holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from .exact import StateMachine, always_defect, evaluate, grim_trigger
from .game import CLASS_MEANINGS, Game
from .regime import Regime

#: Where the search starts looking for a sign change: a grid, then bisection.
GRID_POINTS = 401
#: Tolerance of the bisection.
XTOL = 1e-13


@dataclass(frozen=True)
class SuperGame:
    strategies: tuple[str, str]
    matrix: np.ndarray  # row player's expected match totals
    game: Game  # the same numbers as a symmetric game (R=GG, S=GD, T=DG, P=DD)

    def to_dict(self) -> dict:
        return {
            "strategies": list(self.strategies),
            "matrix": [[float(v) for v in row] for row in self.matrix],
            "class": self.game.classify(),
        }


def super_game(
    regime: Regime,
    game: Game | None = None,
    cooperator: StateMachine | None = None,
    defector: StateMachine | None = None,
) -> SuperGame:
    """Expected match totals of (Grim, Defector) against each other under ``regime``."""
    game = game or Game()
    moves = (cooperator or grim_trigger(), defector or always_defect())
    matrix = np.array(
        [[evaluate(row, column, regime, game).totals[0] for column in moves] for row in moves]
    )
    (r, s), (t, p) = matrix
    return SuperGame((moves[0].name, moves[1].name), matrix, Game(r, s, t, p))


@dataclass(frozen=True)
class SimulatedSuperGame:
    """The super-game matrix estimated by playing matches, with standard errors."""

    strategies: tuple[str, str]
    matrix: np.ndarray
    standard_errors: np.ndarray
    repetitions: int
    seed: int

    def to_dict(self) -> dict:
        return {
            "strategies": list(self.strategies),
            "matrix": [[float(v) for v in row] for row in self.matrix],
            "standard_errors": [[float(v) for v in row] for row in self.standard_errors],
            "repetitions": self.repetitions,
            "seed": self.seed,
        }


def simulate_super_game(
    regime: Regime, game: Game | None = None, repetitions: int = 1000, seed: int = 1, jobs: int = 1
) -> SimulatedSuperGame:
    """Estimate the super-game matrix with the tournament engine (Grudger, Defector).

    Each cell is the mean match total of the row strategy against the column
    strategy over ``repetitions`` matches, with its standard error. In
    self-play both sides' totals of a repetition are averaged first.
    """
    import axelrod as axl

    from .tournament import run_tournament

    result = run_tournament(
        [axl.Grudger(), axl.Defector()], regime, game or Game(), repetitions=repetitions, seed=seed, jobs=jobs
    )
    per_repetition = result.records.groupby(["player_index", "opponent_index", "repetition"])["score"].mean()
    cells = per_repetition.groupby(level=[0, 1])
    means = cells.mean()
    errors = cells.std(ddof=1) / np.sqrt(repetitions) if repetitions > 1 else cells.mean() * np.nan
    matrix = np.array([[means[(i, j)] for j in (0, 1)] for i in (0, 1)])
    standard_errors = np.array([[errors[(i, j)] for j in (0, 1)] for i in (0, 1)])
    return SimulatedSuperGame(("Grudger", "Defector"), matrix, standard_errors, repetitions, seed)


def cooperation_margin(regime: Regime, game: Game) -> float:
    """V(G vs G) - V(D vs G): cooperation is an equilibrium iff this is >= 0."""
    grim, defect = grim_trigger(), always_defect()
    return evaluate(grim, grim, regime, game).totals[0] - evaluate(defect, grim, regime, game).totals[0]


def _closed_form_applies(regime: Regime) -> bool:
    return regime.false_alarm == 0.0 and regime.noise == 0.0


def critical_shadow(regime: Regime, game: Game | None = None) -> float | None:
    """w*: the least shadow at which Grim in self-play is a best reply to Always Defect.

    Closed form without false alarms or noise (model page §5):
    ``w* = (T'-R') / ((T'-R') + p (R'-P'))``, 0 when ``T' <= R'``; None when
    no w < 1 sustains cooperation.
    """
    game = game or Game()
    if _closed_form_applies(regime):
        g = regime.expected_game(game)
        temptation = g.T - g.R
        if temptation <= 0:
            return 0.0
        denominator = temptation + regime.transparency * (g.R - g.P)
        if denominator <= 0:
            return None
        w = temptation / denominator
        return w if w < 1 else None
    return least_root(lambda w: cooperation_margin(regime.replace(shadow=w), game), 0.0, 1.0, closed=False)


def critical_transparency(regime: Regime, game: Game | None = None) -> float | None:
    """p*: the least transparency at which Grim in self-play is a best reply, at the regime's horizon."""
    game = game or Game()
    return least_root(lambda p: cooperation_margin(regime.replace(transparency=p), game), 0.0, 1.0, closed=True)


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


def thresholds(regime: Regime, game: Game | None = None) -> dict:
    """The three thresholds of `regimelab explain` (None when unattainable)."""
    game = game or Game()
    return {
        "shadow": critical_shadow(regime, game),
        "transparency": critical_transparency(regime, game),
        "fine": critical_fine(regime, game),
    }


def least_root(f, low: float, high: float, closed: bool) -> float | None:
    """The least x in [low, high] (or [low, high) when not ``closed``) with f(x) >= 0.

    Scans a grid for the first point where f is non-negative and bisects the
    sign change before it. A sign change narrower than the grid step and
    undone before the next grid point is not seen; the margins searched here
    change sign at most once in practice.
    """
    grid = np.linspace(low, high, GRID_POINTS)
    if not closed:
        grid = np.append(grid[:-1], high - np.logspace(-3, -9, 7) * (high - low))
    previous = None
    for x in grid:
        value = f(float(x))
        if value >= 0:
            if previous is None:
                return float(x)
            return float(brentq(f, previous, float(x), xtol=XTOL))
        previous = float(x)
    return None


def threshold_methods(regime: Regime) -> dict:
    """How each threshold is obtained: a closed form or a numerical search."""
    return {
        "shadow": "closed form" if _closed_form_applies(regime) else "numerical search on the exact engine",
        "transparency": "numerical search on the exact engine",
        "fine": "closed form",
    }


def explain_regime(regime: Regime, game: Game | None = None) -> dict:
    """Everything `regimelab explain` shows, as plain data."""
    from .results import game_summary, versions

    game = game or Game()
    summary = {
        "regime": regime.to_dict(),
        "game": game_summary(game, regime),
        "supergame": super_game(regime, game).to_dict(),
        "thresholds": thresholds(regime, game),
        "methods": threshold_methods(regime),
        "versions": versions(),
    }
    if regime.noise > 0:
        summary["game"]["noisy"] = regime.noisy_expected_game(game).to_dict()
    summary["meanings"] = {cls: CLASS_MEANINGS[cls] for cls in set(_classes(summary))}
    return summary


def _classes(summary: dict):
    yield summary["game"]["class"]["base"]
    yield summary["game"]["class"]["expected"]
    yield summary["supergame"]["class"]
