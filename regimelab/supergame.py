"""The super-game of two strategies (Grim Trigger against Always Defect by default) and its thresholds (model page §5).

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
from .machines import to_machine
from .regime import Regime
from .results import game_summary, versions
from .tournament import run_tournament

#: Where the search starts looking for a sign change: a grid, then bisection.
GRID_POINTS = 401
#: Tolerance of the bisection.
XTOL = 1e-13


class StrategyPair:
    """The two moves of a super-game: a cooperative strategy and its challenger.

    The default is Lipson's pair, Grim Trigger against Always Defect. Other
    strategies are given as players (axelrod's or regimelab's) and mapped to
    their machines (:func:`regimelab.machines.to_machine`) for each regime,
    since a strategy may read the stage game G' it is told.
    """

    def __init__(self, cooperator=None, challenger=None):
        self.players = (cooperator, challenger)
        self._cache: dict = {}

    @property
    def is_default(self) -> bool:
        """Whether this is Lipson's pair, Grim Trigger against Always Defect."""
        return self.players == (None, None)

    @property
    def names(self) -> tuple[str, str]:
        """The two strategies' names, the cooperator first (``Grudger``, ``Defector`` by default)."""
        defaults = ("Grudger", "Defector")
        return tuple(str(p) if p is not None else d for p, d in zip(self.players, defaults))

    def machines(self, regime: Regime, game: Game) -> tuple[StateMachine, StateMachine]:
        """The two strategies' machines under ``regime``, the cooperator first.

        A strategy is mapped as it is told the game (G'), the noise and the
        length, so the machines are cached by those three.
        """
        told = regime.expected_game(game)
        key = (told.payoffs, regime.noise, regime.horizon.known_length)
        if key not in self._cache:
            defaults = (grim_trigger, always_defect)
            self._cache[key] = tuple(
                default() if player is None else _machine(player, told, regime)
                for player, default in zip(self.players, defaults)
            )
        return self._cache[key]

    def axelrod_players(self):
        """Fresh axelrod players of the pair for simulation: clones, or Grudger and Defector."""
        import axelrod as axl

        defaults = (axl.Grudger, axl.Defector)
        return [p.clone() if p is not None else d() for p, d in zip(self.players, defaults)]


DEFAULT_PAIR = StrategyPair()


def _machine(player, told: Game, regime: Regime) -> StateMachine:
    return to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)


@dataclass(frozen=True)
class SuperGame:
    """The super-game of a pair (model page §5): the row strategy's expected match totals.

    ``game`` reads the matrix as a symmetric game (R = SS, S = SX, T = XS,
    P = XX, S the cooperator and X the challenger) for its class.
    """
    strategies: tuple[str, str]
    matrix: np.ndarray  # row player's expected match totals
    game: Game  # the same numbers as a symmetric game (R=SS, S=ST, T=TS, P=TT)

    def to_dict(self) -> dict:
        """The JSON form: the strategies, the matrix and the class of its game."""
        return {
            "strategies": list(self.strategies),
            "matrix": [[float(v) for v in row] for row in self.matrix],
            "class": self.game.classify(),
        }


def super_game(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> SuperGame:
    """Expected match totals of the pair's two strategies against each other under ``regime``."""
    game = game or Game()
    moves = pair.machines(regime, game)
    matrix = np.array(
        [[evaluate(row, column, regime, game, long_run=False).totals[0] for column in moves] for row in moves]
    )
    (r, s), (t, p) = matrix
    return SuperGame(pair.names, matrix, Game(r, s, t, p))


@dataclass(frozen=True)
class SimulatedSuperGame:
    """The super-game matrix estimated by playing matches, with standard errors."""

    strategies: tuple[str, str]
    matrix: np.ndarray
    standard_errors: np.ndarray
    repetitions: int
    seed: int

    def to_dict(self) -> dict:
        """The JSON form: strategies, mean match totals, their standard errors, repetitions, seed."""
        return {
            "strategies": list(self.strategies),
            "matrix": [[float(v) for v in row] for row in self.matrix],
            "standard_errors": [[float(v) for v in row] for row in self.standard_errors],
            "repetitions": self.repetitions,
            "seed": self.seed,
        }


def simulate_super_game(
    regime: Regime,
    game: Game | None = None,
    repetitions: int = 1000,
    seed: int = 1,
    jobs: int = 1,
    pair: StrategyPair = DEFAULT_PAIR,
) -> SimulatedSuperGame:
    """Estimate the super-game matrix with the tournament engine.

    Each cell is the mean match total of the row strategy against the column
    strategy over ``repetitions`` matches, with its standard error. In
    self-play both sides' totals of a repetition are averaged first.
    """
    result = run_tournament(
        pair.axelrod_players(), regime, game or Game(), repetitions=repetitions, seed=seed, jobs=jobs
    )
    per_repetition = result.records.groupby(["player_index", "opponent_index", "repetition"])["score"].mean()
    cells = per_repetition.groupby(level=[0, 1])
    means = cells.mean()
    errors = cells.std(ddof=1) / np.sqrt(repetitions) if repetitions > 1 else cells.mean() * np.nan
    matrix = np.array([[means[(i, j)] for j in (0, 1)] for i in (0, 1)])
    standard_errors = np.array([[errors[(i, j)] for j in (0, 1)] for i in (0, 1)])
    return SimulatedSuperGame(pair.names, matrix, standard_errors, repetitions, seed)


def cooperation_margin(regime: Regime, game: Game, pair: StrategyPair = DEFAULT_PAIR) -> float:
    """V(S vs S) - V(T vs S): cooperation (S in self-play) is an equilibrium against T iff this is >= 0."""
    cooperator, challenger = pair.machines(regime, game)
    return (
        evaluate(cooperator, cooperator, regime, game, long_run=False).totals[0]
        - evaluate(challenger, cooperator, regime, game, long_run=False).totals[0]
    )


def _closed_form_applies(regime: Regime, pair: StrategyPair = DEFAULT_PAIR) -> bool:
    return pair.is_default and regime.false_alarm == 0.0 and regime.noise == 0.0


def critical_shadow(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> float | None:
    """w*: the least shadow at which the cooperator in self-play is a best reply to the challenger.

    Closed form for Grim against Always Defect without false alarms or noise
    (model page §5): ``w* = (T'-R') / ((T'-R') + p (R'-P'))``, 0 when
    ``T' <= R'``; None when no w < 1 sustains cooperation.
    """
    game = game or Game()
    if _closed_form_applies(regime, pair):
        g = regime.expected_game(game)
        temptation = g.T - g.R
        if temptation <= 0:
            return 0.0
        denominator = temptation + regime.transparency * (g.R - g.P)
        if denominator <= 0:
            return None
        w = temptation / denominator
        return w if w < 1 else None
    return least_root(lambda w: cooperation_margin(regime.replace(shadow=w), game, pair), 0.0, 1.0, closed=False)


def critical_transparency(
    regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR
) -> float | None:
    """p*: the least transparency at which the cooperator in self-play is a best reply, at the regime's horizon."""
    game = game or Game()
    return least_root(
        lambda p: cooperation_margin(regime.replace(transparency=p), game, pair), 0.0, 1.0, closed=True
    )


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
    """F*_super: the least fine at which the cooperator in self-play is a best reply at the regime's horizon.

    Unlike F* (the stage game), the shadow of the future helps: with w > 0 a
    smaller fine may do. Searched on F = x / (1 - x) for x in [0, 1), so every
    fine >= 0 is reachable; None when no finite fine makes the margin >= 0.
    """
    game = game or Game()
    x = least_root(
        lambda x: cooperation_margin(regime.replace(fine=x / (1 - x)), game, pair), 0.0, 1.0, closed=False
    )
    return None if x is None else x / (1 - x)


def thresholds(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """The thresholds of `regimelab explain` (None when unattainable)."""
    game = game or Game()
    return {
        "shadow": critical_shadow(regime, game, pair),
        "transparency": critical_transparency(regime, game, pair),
        "fine": critical_fine(regime, game),
        "fine_supergame": critical_supergame_fine(regime, game, pair),
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


def threshold_methods(regime: Regime, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """How each threshold is obtained: a closed form or a numerical search."""
    search = "numerical search on the exact engine"
    return {
        "shadow": "closed form" if _closed_form_applies(regime, pair) else search,
        "transparency": search,
        "fine": "closed form",
        "fine_supergame": search,
    }


def explain_regime(regime: Regime, game: Game | None = None, pair: StrategyPair = DEFAULT_PAIR) -> dict:
    """Everything `regimelab explain` shows, as plain data."""
    game = game or Game()
    summary = {
        "regime": regime.to_dict(),
        "game": game_summary(game, regime),
        "supergame": super_game(regime, game, pair).to_dict(),
        "thresholds": thresholds(regime, game, pair),
        "methods": threshold_methods(regime, pair),
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
