"""A resident-mutant pair of a payoff matrix: each strategy's index, and the pair's name in messages."""

from __future__ import annotations

import numpy as np

from ..errors import InvalidParameter
from .population import PayoffMatrix


def index_of(payoffs: PayoffMatrix, key) -> int:
    """The index of strategy ``key`` (an index, or a name) in ``payoffs``; refused when out of range or unknown."""
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if not 0 <= key < payoffs.size:
            raise InvalidParameter("strategy", f"an index from 0 to {payoffs.size - 1}", key)
        return int(key)
    return payoffs.index(key)


def pair_label(names, resident: int, mutant: int) -> str:
    """How messages name one ``mutant`` among ``resident``s (by name when ``names`` is given)."""
    if names is None:
        return f"mutant {mutant} among residents {resident}"
    return f"one {names[mutant]} among {names[resident]} residents"
