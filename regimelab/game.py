"""The symmetric 2x2 stage game and its classification (model page §1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import InvalidParameter

#: Axelrod's default payoffs (R, S, T, P).
DEFAULT_PAYOFFS = (3.0, 0.0, 5.0, 1.0)

GAME_CLASSES = (
    "harmony",
    "prisoners_dilemma",
    "deadlock",
    "stag_hunt",
    "chicken",
    "degenerate",
)

CLASS_MEANINGS = {
    "harmony": "complying is dominant: compliance is self-enforcing",
    "prisoners_dilemma": "defecting is dominant, yet mutual compliance beats mutual defection",
    "deadlock": "defecting is dominant and there is nothing to gain from cooperation",
    "stag_hunt": "two equilibria (C,C) and (D,D): cooperation holds if it is expected",
    "chicken": "anti-coordination: each wants to defect only if the other complies",
    "degenerate": "ties between payoffs leave best replies undecided",
}


@dataclass(frozen=True)
class Game:
    """A symmetric 2x2 game ``(R, S, T, P)`` from the row player's side.

    R: reward for mutual compliance, S: sucker's payoff, T: temptation to
    defect, P: punishment for mutual defection. Any four finite numbers are a
    game; :meth:`classify` says which kind (model page §1).
    """

    R: float = DEFAULT_PAYOFFS[0]
    S: float = DEFAULT_PAYOFFS[1]
    T: float = DEFAULT_PAYOFFS[2]
    P: float = DEFAULT_PAYOFFS[3]

    def __post_init__(self):
        for key in "RSTP":
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise InvalidParameter("payoffs", "four finite numbers R,S,T,P", value)
            if not math.isfinite(float(value)):
                raise InvalidParameter("payoffs", "four finite numbers R,S,T,P", value)
            object.__setattr__(self, key, float(value))

    @classmethod
    def from_sequence(cls, values) -> "Game":
        """Build from ``(R, S, T, P)`` or from the text ``"R,S,T,P"``."""
        if isinstance(values, str):
            parts = [part.strip() for part in values.split(",")]
            try:
                values = [float(part) for part in parts]
            except ValueError:
                raise InvalidParameter("payoffs", "four finite numbers R,S,T,P", ",".join(parts)) from None
        values = list(values)
        if len(values) != 4:
            raise InvalidParameter("payoffs", "four finite numbers R,S,T,P", values)
        return cls(*values)

    @property
    def payoffs(self) -> tuple[float, float, float, float]:
        """The four payoffs as the tuple ``(R, S, T, P)``."""
        return (self.R, self.S, self.T, self.P)

    def matrix(self) -> np.ndarray:
        """Row player's payoffs indexed ``[own action][opponent action]``, C=0, D=1."""
        return np.array([[self.R, self.S], [self.T, self.P]], dtype=float)

    def to_dict(self) -> dict:
        """The payoffs as ``{"R": ..., "S": ..., "T": ..., "P": ...}`` (the JSON form)."""
        return {"R": self.R, "S": self.S, "T": self.T, "P": self.P}

    def to_axelrod(self):
        """The same payoffs as an ``axelrod.Game``."""
        import axelrod

        return axelrod.Game(r=self.R, s=self.S, t=self.T, p=self.P)

    def ties(self) -> list[str]:
        """The ties that make the game degenerate (``"R = T"``, ``"S = P"``, ...)."""
        ties = []
        if self.R == self.T:
            ties.append("R = T")
        if self.S == self.P:
            ties.append("S = P")
        return ties

    def classify(self) -> str:
        """The class of the game by best responses (model page §1)."""
        R, S, T, P = self.payoffs
        if R >= T and S >= P and (R > T or S > P):
            return "harmony"
        if T > R and P > S:
            return "prisoners_dilemma" if R > P else "deadlock"
        if R > T and P > S:
            return "stag_hunt"
        if T > R and S > P:
            return "chicken"
        return "degenerate"

    def is_iterated_pd(self) -> bool:
        """A PD in which alternating exploitation does not beat mutual compliance."""
        return self.classify() == "prisoners_dilemma" and 2 * self.R > self.T + self.S

    def describe(self) -> str:
        """The class with its meaning, naming the ties of a degenerate game."""
        cls = self.classify()
        if cls == "degenerate":
            return f"degenerate ({', '.join(self.ties()) or 'ties'})"
        return cls
