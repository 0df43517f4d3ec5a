"""Centralised sanctions: fines on signalled defections, compensation, enforcement cost.

Lipson ([Lipson1995], The Study of Regimes) names sanctions among the
functions of regimes, and notes their weakness in security affairs:
enforcement is costly and falls on those who would rather not pay (on why
collective security fails to sanction its members: [Gleason2005], The
Security Dilemma in Post-Communist Eurasia). A player pays ``fine`` (F) each time its move is signalled
as a defection; a share ``compensation`` (k) of the fine goes to its partner,
who bears ``enforcement_cost`` (s) each time its partner's move is signalled
as a defection (the occasion for a fine, whether or not F > 0):

    adjustment_i = - F*[s_i = d] + (k*F - s)*[s_j = d]        (model page §3)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..limits import magnitude_range
from .base import Parameter, RegimeFunction, check_non_negative, check_probability

#: The range of a money-valued parameter (regimelab.limits).
MONEY = magnitude_range(0)


@dataclass(frozen=True)
class Sanctions(RegimeFunction):
    """Fine F per signalled defection, share k of it to the partner, enforcement cost s per fine (model page §2)."""
    fine: float = 0.0
    compensation: float = 0.0
    enforcement_cost: float = 0.0

    PARAMETERS = (
        Parameter("fine", "F", 0.0, MONEY,
                  "Fine F charged for each move signalled as a defection (0 to 1,000,000).", "centralized sanction",
                  label="fine F (per signalled defection)"),
        Parameter("compensation", "k", 0.0, "a probability between 0 and 1",
                  "Share k of each fine paid to the victim (0..1).", "compensation of the victim",
                  label="compensation k (share of each fine paid to the victim)"),
        Parameter("enforcement_cost", "s", 0.0, MONEY,
                  "Cost s to the victim each time its partner's move is signalled as a defection "
                  "(0 to 1,000,000).",
                  "costly enforcement", label="enforcement cost s (per fine levied)"),
    )

    def __post_init__(self):
        object.__setattr__(self, "fine", check_non_negative("fine", self.fine))
        object.__setattr__(self, "compensation", check_probability("compensation", self.compensation))
        object.__setattr__(
            self, "enforcement_cost", check_non_negative("enforcement_cost", self.enforcement_cost)
        )

    @property
    def is_active(self) -> bool:
        """Whether fines or enforcement costs are charged (F > 0 or s > 0)."""
        return self.fine > 0.0 or self.enforcement_cost > 0.0

    @property
    def partner_transfer(self) -> float:
        """What the partner gains (k*F - s) each time a fine is levied."""
        return self.compensation * self.fine - self.enforcement_cost

    def stage_adjustment(self, signal_d: np.ndarray) -> np.ndarray:
        """The change to G' (model page §4), rows the own action and columns the opponent's.

        -F times the chance that the own action is signalled ``d``, plus (k*F - s)
        times the chance that the opponent's is.
        """
        # rows: own action, columns: opponent's action
        return -self.fine * signal_d[:, None] + self.partner_transfer * signal_d[None, :]

    def round_adjustment(self, own, opponent, own_signal, opponent_signal):
        """-F when the own move is signalled ``d``, plus (k*F - s) when the opponent's is (model page §3 step 5)."""
        return -self.fine * own_signal + self.partner_transfer * opponent_signal
