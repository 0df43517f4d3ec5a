"""Transparency: whether cheating is seen, and whether compliance is mistaken for it.

Lipson ([Lipson1995], The Study of Regimes) stresses that in security affairs
defection may be unobservable until too late and defensive moves are hard to
tell from offensive ones. Each realised action emits a public signal: a
defection is signalled ``d`` with probability ``transparency`` (p); a
compliance is misread as ``d`` with probability ``false_alarm`` (a). Strategies
see their opponent's signals, not its true moves (model page §3 steps 3-4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import Parameter, RegimeFunction, check_probability


@dataclass(frozen=True)
class Monitoring(RegimeFunction):
    """Transparency p and false alarms a: how realised actions are signalled (model page §3 step 3).

    A D is signalled ``d`` with probability ``transparency``, a C with probability ``false_alarm``.
    """
    transparency: float = 1.0
    false_alarm: float = 0.0

    PARAMETERS = (
        Parameter("transparency", "p", 1.0, "a probability between 0 and 1",
                  "Probability p that a defection is detected (0..1).", "transparency, verification",
                  label="transparency p (probability a defection is detected)"),
        Parameter("false_alarm", "a", 0.0, "a probability between 0 and 1",
                  "Probability a that a compliance is signalled as a defection (0..1).",
                  "misperception", label="false alarms a (probability a compliance reads as a defection)"),
    )

    def __post_init__(self):
        object.__setattr__(self, "transparency", check_probability("transparency", self.transparency))
        object.__setattr__(self, "false_alarm", check_probability("false_alarm", self.false_alarm))

    @property
    def is_active(self) -> bool:
        """Whether monitoring is imperfect (p < 1 or a > 0)."""
        return not self.is_perfect

    @property
    def is_perfect(self) -> bool:
        """Signals equal actions: p = 1 and a = 0."""
        return self.transparency == 1.0 and self.false_alarm == 0.0

    @property
    def is_random(self) -> bool:
        """Some signal needs a random draw (a probability strictly inside (0, 1))."""
        return any(0.0 < q < 1.0 for q in (self.transparency, self.false_alarm))

    def signal_d(self) -> np.ndarray:
        """Probability that C (index 0) and D (index 1) are signalled as ``d``."""
        return np.array([self.false_alarm, self.transparency])
