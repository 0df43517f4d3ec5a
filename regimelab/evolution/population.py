"""The payoff matrix of a population of strategies under a regime.

``A[i, j]`` is the mean score per turn of strategy ``i`` against strategy
``j``; the diagonal is ``i`` against a copy of itself (two distinct
individuals of the same strategy meet in a population). It is read from the
``pairs`` table of a round robin with self-play: the exact engine's expected
values when every strategy has a finite-state form, otherwise a simulated
tournament's means over repetitions.

    >>> matrix = payoff_matrix(make_players(["tft", "alld"]), Regime(turns=200))
    >>> matrix.engine, matrix.names, matrix.matrix
    >>> PayoffMatrix.from_array([[3, 0], [5, 1]], ["C", "D"])   # by hand
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..game import Game
from ..regime import Regime

ENGINES = ("auto", "exact", "simulate")


@dataclass(frozen=True)
class PayoffMatrix:
    """Payoffs per turn between the strategies of a population.

    ``matrix[i, j]``: mean score per turn of ``names[i]`` against ``names[j]``.
    ``engine``: ``"exact"``, ``"simulate"`` or ``"given"`` (a hand-made matrix).
    ``reason``: why ``engine="auto"`` fell back to simulation (else None).
    """

    names: tuple
    matrix: np.ndarray
    engine: str = "given"
    reason: str | None = None
    regime: Regime | None = None
    game: Game | None = None
    repetitions: int | None = None
    seed: int | None = None

    def __post_init__(self):
        matrix = np.array(self.matrix, dtype=float)
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 1:
            raise InvalidParameter("payoffs", "a square matrix with at least one row", matrix.shape)
        if not np.all(np.isfinite(matrix)):
            raise InvalidParameter("payoffs", "finite numbers")
        names = tuple(str(name) for name in self.names)
        if len(names) != matrix.shape[0]:
            raise InvalidParameter("names", f"{matrix.shape[0]} names, one per row of the matrix", len(names))
        if len(set(names)) != len(names):
            raise InvalidParameter("names", "distinct names", names)
        matrix.setflags(write=False)
        object.__setattr__(self, "matrix", matrix)
        object.__setattr__(self, "names", names)

    @classmethod
    def from_array(cls, matrix, names=None) -> "PayoffMatrix":
        """A hand-made matrix; names default to ``s0, s1, ...``."""
        size = np.shape(matrix)[0] if np.ndim(matrix) else 0
        return cls(tuple(names) if names is not None else tuple(f"s{i}" for i in range(size)), matrix)

    @property
    def size(self) -> int:
        return len(self.names)

    def index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise InvalidParameter("strategy", f"one of {', '.join(self.names)}", name) from None

    def to_dict(self) -> dict:
        return {
            "names": list(self.names),
            "matrix": [[float(x) for x in row] for row in self.matrix],
            "engine": self.engine,
            "reason": self.reason,
            "repetitions": self.repetitions,
            "seed": self.seed,
        }


def as_payoff_matrix(payoffs) -> PayoffMatrix:
    """A :class:`PayoffMatrix`, or a hand-made array turned into one."""
    if isinstance(payoffs, PayoffMatrix):
        return payoffs
    return PayoffMatrix.from_array(payoffs)


def payoff_matrix(
    players,
    regime: Regime | None = None,
    game: Game | None = None,
    engine: str = "auto",
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
) -> PayoffMatrix:
    """The payoff matrix of ``players`` under ``regime``.

    ``engine``: ``"exact"`` (the Markov-chain engine; fails naming a strategy
    with no finite-state form), ``"simulate"`` (a tournament of
    ``repetitions`` with ``seed`` on ``jobs`` processes), or ``"auto"`` (exact
    when every strategy maps, otherwise simulation; ``reason`` says why).
    """
    if engine not in ENGINES:
        raise InvalidParameter("engine", f"one of {', '.join(ENGINES)}", engine)
    regime = regime or Regime()
    game = game or Game()
    players = list(players)
    if len(players) < 2:
        raise InvalidParameter("strategy", "at least two strategies for a population", len(players))
    reason = None
    if engine in ("auto", "exact"):
        try:
            result = _exact(players, regime, game, progress)
        except _ExactUnavailable as error:
            if engine == "exact":
                raise RegimelabError(str(error)) from None
            reason = str(error)
        except RegimelabError as error:
            if engine == "exact" or not _is_not_finite_state(error):
                raise
            reason = str(error)
        else:
            return _from_result(result, "exact", None, None, None)
    from ..tournament import run_tournament

    result = run_tournament(players, regime, game, repetitions=repetitions, seed=seed, jobs=jobs, progress=progress)
    return _from_result(result, "simulate", reason, repetitions, seed)


class _ExactUnavailable(Exception):
    pass


def _exact(players, regime, game, progress):
    try:
        from ..exact_tournament import run_exact_tournament

        return run_exact_tournament(players, regime, game, progress=progress)
    except ImportError as error:  # the engine (or its machines) is not installed
        raise _ExactUnavailable(f"the exact engine is not available ({error})") from None


def _is_not_finite_state(error: Exception) -> bool:
    try:
        from ..machines import NotFiniteState
    except ImportError:
        return False
    return isinstance(error, NotFiniteState)


def _from_result(result, engine, reason, repetitions, seed) -> PayoffMatrix:
    names = list(result.names)
    position = {name: k for k, name in enumerate(names)}
    matrix = np.full((len(names), len(names)), np.nan)
    for row in result.pairs.itertuples(index=False):
        matrix[position[row.player], position[row.opponent]] = row.mean_score_per_turn
    if np.isnan(matrix).any():
        missing = [(names[i], names[j]) for i, j in zip(*np.nonzero(np.isnan(matrix)))]
        raise RegimelabError(f"the tournament gave no score per turn for {missing[0][0]} against {missing[0][1]}")
    return PayoffMatrix(
        tuple(names), matrix, engine, reason, result.regime, result.game, repetitions, seed
    )
