"""The payoffs of one edge: each actor's own 2x2 matrix, possibly asymmetric (model page §7.3).

:class:`EdgePayoffs` is built from a symmetric game, from exchange terms
(complying gives the partner a benefit at a cost to oneself), or from two
matrices in axelrod's ``AsymmetricGame`` convention.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..game import Game, check_stage_game
from ..limits import MAX_MAGNITUDE, check_magnitude, number_text


def _matrix(name: str, value, bounded: bool = False) -> np.ndarray:
    """``value`` as a finite 2x2 array; ``bounded`` (a matrix given as input): each entry within ±1e6."""
    accepted = (f"a 2x2 matrix [[CC, CD], [DC, DD]] of finite numbers, each between -{number_text(MAX_MAGNITUDE)} "
                f"and {number_text(MAX_MAGNITUDE)}")
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameter(name, accepted, value) from None
    if array.shape != (2, 2) or not np.all(np.isfinite(array)) or any(
        isinstance(x, bool) for row in value for x in (row if isinstance(row, (list, tuple)) else [row])
    ):
        raise InvalidParameter(name, accepted, value)
    if bounded and np.any(np.abs(array) > MAX_MAGNITUDE):
        raise InvalidParameter(name, accepted, value)
    return array


@dataclass(frozen=True)
class EdgePayoffs:
    """The stage game of one edge, possibly asymmetric.

    ``first`` and ``second`` are each actor's own payoffs indexed ``[own
    action][partner's action]`` (C=0, D=1), like :meth:`Game.matrix`. Build
    them with :meth:`symmetric`, :meth:`exchange` or :meth:`matrices`.
    """

    between: tuple
    first: np.ndarray
    second: np.ndarray
    form: str = "matrices"

    def __post_init__(self):
        between = tuple(self.between)
        if len(between) != 2 or not all(isinstance(n, str) for n in between) or between[0] == between[1]:
            raise InvalidParameter("between", "two different actor names [A, B]", list(self.between))
        object.__setattr__(self, "between", between)
        object.__setattr__(self, "first", _matrix("payoffs", self.first))
        object.__setattr__(self, "second", _matrix("payoffs", self.second))

    @classmethod
    def symmetric(cls, a: str, b: str, game: Game) -> "EdgePayoffs":
        """The symmetric ``game`` for both actors of the edge ``a``-``b`` (a ``game = [R, S, T, P]`` entry)."""
        matrix = check_stage_game(game).matrix()
        return cls((a, b), matrix, matrix.copy(), "game")

    @classmethod
    def exchange(cls, a: str, b: str, benefit, cost) -> "EdgePayoffs":
        """Complying gives the partner a benefit at a cost to oneself, per direction.

        ``benefit = (b_a, b_b)``: what ``a``'s (``b``'s) compliance gives its
        partner; ``cost = (c_a, c_b)``: what complying costs ``a`` (``b``). So
        for ``a``: R = b_b - c_a, S = -c_a, T = b_b, P = 0.
        """
        b_a, b_b = _pair("benefit", benefit)
        c_a, c_b = _pair("cost", cost)
        return cls((a, b), exchange_matrix(b_b, c_a), exchange_matrix(b_a, c_b), "exchange")

    @classmethod
    def matrices(cls, a: str, b: str, row, column) -> "EdgePayoffs":
        """axelrod's ``AsymmetricGame(A, B)`` convention: both indexed ``[a's action][b's action]``."""
        row = _matrix("row", row, bounded=True)
        column = _matrix("column", column, bounded=True)
        return cls((a, b), row, column.T.copy(), "matrices")

    def for_pair(self, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
        """Own-view matrices of ``a`` and ``b`` (in that order)."""
        if (a, b) == self.between:
            return self.first, self.second
        return self.second, self.first

    def to_dict(self) -> dict:
        """The JSON form: the two names and each one's own-view matrix."""
        return {"between": list(self.between), "first": self.first.tolist(), "second": self.second.tolist()}

    def __eq__(self, other):
        return (
            isinstance(other, EdgePayoffs) and self.between == other.between
            and np.array_equal(self.first, other.first) and np.array_equal(self.second, other.second)
        )

    def __hash__(self):
        return hash((self.between, self.first.tobytes(), self.second.tobytes()))


def exchange_matrix(received: float, cost: float) -> np.ndarray:
    """Own-view payoffs when the partner's compliance gives ``received`` and one's own costs ``cost``."""
    return np.array([[received - cost, -cost], [received, 0.0]])


def _pair(name: str, values) -> tuple[float, float]:
    accepted = f"two finite numbers [first actor's, second actor's], each within ±{number_text(MAX_MAGNITUDE)}"
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != 2:
        raise InvalidParameter(name, accepted, values)
    return check_magnitude(name, values[0], accepted), check_magnitude(name, values[1], accepted)
