"""A toy regime function for tests/functions/test_init.py: a flat tax on every round.

It is what CONTRIBUTING.md's recipe "A regime function" produces: one module,
and one ``register`` call.
"""

from dataclasses import dataclass

import numpy as np

from regimelab.functions import Parameter, RegimeFunction
from regimelab.functions.base import check_non_negative


@dataclass(frozen=True)
class Tax(RegimeFunction):
    """Every player pays ``tax`` each round, whatever it does."""

    tax: float = 0.0

    PARAMETERS = (
        Parameter("tax", "t", 0.0, "a finite number >= 0", "A flat tax t on every round (>= 0).", "a toy",
                  label="tax t (per round)"),
    )

    def __post_init__(self):
        object.__setattr__(self, "tax", check_non_negative("tax", self.tax))

    @property
    def is_active(self) -> bool:
        return self.tax > 0.0

    def stage_adjustment(self, signal_d: np.ndarray) -> np.ndarray:
        return np.full((2, 2), -self.tax)

    def round_adjustment(self, own, opponent, own_signal, opponent_signal):
        return -self.tax + 0.0 * np.asarray(own, dtype=float)
