"""Implementation error: the intended action is flipped.

This is axelrod's ``noise`` (an error in carrying out a decision, recorded in
both histories), not a misperception: misperception is the false alarm of
:mod:`regimelab.functions.monitoring`. It leaves the expected stage game G'
alone, which is defined for intended actions (model page §4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import Parameter, RegimeFunction, check_probability


@dataclass(frozen=True)
class Noise(RegimeFunction):
    """Implementation error e: each intended action is flipped with probability ``noise`` (model page §3 step 2)."""
    noise: float = 0.0

    PARAMETERS = (
        Parameter("noise", "e", 0.0, "a probability between 0 and 1",
                  "Probability e that an intended action is flipped (0..1).", "implementation error",
                  label="noise e (probability an action is flipped)"),
    )

    def __post_init__(self):
        object.__setattr__(self, "noise", check_probability("noise", self.noise))

    @property
    def is_active(self) -> bool:
        """Whether e > 0."""
        return self.noise > 0.0

    def flip_matrix(self) -> np.ndarray:
        """``M[x, y]``: probability that intended ``x`` is realised as ``y``."""
        e = self.noise
        return np.array([[1 - e, e], [e, 1 - e]])
