"""The super-game of two strategies (Grim Trigger against Always Defect by default) (model page §5).

Lipson ([Lipson1995], The Study of Regimes): regimes transform the PD "into more
tractable super-games with incentives for sustained cooperation". The
super-game here is the 2x2 game whose moves are the whole strategies Grim
Trigger (G) and Always Defect (D), with expected match totals under the
regime. Cooperation is an equilibrium of it when G is a best reply to G.

Its thresholds are searched in :mod:`regimelab.threshold_search`, and
:mod:`regimelab.explanation` gathers what `regimelab explain` shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .errors import StrategyFailed
from .exact import StateMachine, always_defect, evaluate, grim_trigger
from .game import Game, readable
from .regime import Regime

#: A number with more decimals than a repr prints, in a player's name.
_LONG_NUMBER = re.compile(r"-?\d+\.\d{11,}(?:e-?\d+)?")


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

    def __repr__(self) -> str:
        cooperator, challenger = (_readable_name(name) for name in self.names)
        return f"StrategyPair(cooperator={cooperator!r}, challenger={challenger!r})"

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

    def unplayable(self, regime: Regime, game: Game) -> str | None:
        """The name of the first strategy of the pair that cannot play the G' ``regime`` tells it, or None."""
        told = regime.expected_game(game)
        for player in self.players:
            if player is None:
                continue
            try:
                _machine(player, told, regime)
            except StrategyFailed:
                return str(player)
        return None

    def axelrod_players(self):
        """Fresh axelrod players of the pair for simulation: clones, or Grudger and Defector."""
        import axelrod as axl

        defaults = (axl.Grudger, axl.Defector)
        return [p.clone() if p is not None else d() for p, d in zip(self.players, defaults)]


DEFAULT_PAIR = StrategyPair()


def _machine(player, told: Game, regime: Regime) -> StateMachine:
    from .machines import to_machine  # the builders of every strategy: only for a pair of named strategies

    # errstate: a strategy told G' may divide by a difference of its payoffs that the regime made 0
    # (ZD-Extort-2 at P' = S'); numpy's warning would reach the terminal, the strategy copes or fails.
    with np.errstate(divide="ignore", invalid="ignore"):
        return to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)


def _readable_name(name: str) -> str:
    """A player's name with its parameters rounded as a repr prints them ("Random: 0.30000000000000004")."""
    return _LONG_NUMBER.sub(lambda m: repr(readable(float(m[0]))), name)


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
    from .tournament import run_tournament  # axelrod and pandas: only when the super-game is simulated

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
    own, challenge = cooperation_totals(regime, game, pair)
    return own - challenge


def cooperation_totals(regime: Regime, game: Game, pair: StrategyPair) -> tuple[float, float]:
    """V(S vs S) and V(T vs S): the cooperator's total in self-play, the challenger's against it."""
    cooperator, challenger = pair.machines(regime, game)
    return (
        evaluate(cooperator, cooperator, regime, game, long_run=False).totals[0],
        evaluate(challenger, cooperator, regime, game, long_run=False).totals[0],
    )
