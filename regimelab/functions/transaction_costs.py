"""Transaction costs: each compliance actually carried out has a cost.

Lipson ([Lipson1995], The Study of Regimes) counts lowering the costs of
negotiating and implementing agreements among what regimes do; a regime that
lowers ``transaction_cost`` (c) makes compliance cheaper:

    adjustment_i = - c*[a_i = C]                               (model page §3)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..limits import magnitude_range
from .base import Parameter, RegimeFunction, check_non_negative


@dataclass(frozen=True)
class TransactionCost(RegimeFunction):
    """Transaction cost c: each compliance actually carried out costs ``transaction_cost`` (model page §2)."""
    transaction_cost: float = 0.0

    PARAMETERS = (
        Parameter("transaction_cost", "c", 0.0, magnitude_range(0),
                  "Cost c of each compliance carried out (0 to 1,000,000).", "transaction costs",
                  label="transaction cost c (per compliance)"),
    )

    def __post_init__(self):
        object.__setattr__(
            self, "transaction_cost", check_non_negative("transaction_cost", self.transaction_cost)
        )

    @property
    def is_active(self) -> bool:
        """Whether c > 0."""
        return self.transaction_cost > 0.0

    def stage_adjustment(self, signal_d: np.ndarray) -> np.ndarray:
        """-c in the own-C row of the stage game, whatever the opponent does (model page §4)."""
        return np.array([[-self.transaction_cost] * 2, [0.0, 0.0]])

    def round_adjustment(self, own, opponent, own_signal, opponent_signal):
        """-c in each round whose own realised action is C (model page §3 step 5)."""
        return -self.transaction_cost * (1 - own)
