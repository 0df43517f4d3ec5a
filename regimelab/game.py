"""The symmetric 2x2 stage game and its classification (model page §1)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import InvalidParameter
from .limits import MAX_MAGNITUDE, check_magnitude, number_text

#: Axelrod's default payoffs (R, S, T, P).
DEFAULT_PAYOFFS = (3.0, 0.0, 5.0, 1.0)
#: What a stage game's payoffs may be (regimelab.limits.MAX_MAGNITUDE bounds each).
PAYOFFS_RANGE = (f"four finite numbers R,S,T,P, each between -{number_text(MAX_MAGNITUDE)} "
                 f"and {number_text(MAX_MAGNITUDE)}")
#: Significant digits of a number printed in a repr: float noise (-0.7999999999999998) reads as the
#: number it stands for (-0.8); ``==`` and ``to_dict`` keep the exact value.
REPR_DIGITS = 10

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
    "degenerate": "R = T and S = P: a player's own action does not change its payoff",
}


@dataclass(frozen=True)
class Game:
    """A symmetric 2x2 game ``(R, S, T, P)`` from the row player's side.

    R: reward for mutual compliance, S: sucker's payoff, T: temptation to
    defect, P: punishment for mutual defection. Any four finite numbers are a
    game; :meth:`classify` says which kind (model page §1). A game given as
    input (``--payoffs``, a scenario, a sweep) is also bounded, each payoff
    within ±1e6 (:func:`check_stage_game`); games derived from one (G', the
    super-game of match totals) are only finite.
    """

    R: float = DEFAULT_PAYOFFS[0]
    S: float = DEFAULT_PAYOFFS[1]
    T: float = DEFAULT_PAYOFFS[2]
    P: float = DEFAULT_PAYOFFS[3]

    def __post_init__(self):
        for key in "RSTP":
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise InvalidParameter("payoffs", PAYOFFS_RANGE, value)
            if not math.isfinite(float(value)):
                raise InvalidParameter("payoffs", PAYOFFS_RANGE, value)
            object.__setattr__(self, key, float(value))

    def __repr__(self) -> str:
        return "Game(" + ", ".join(f"{key}={readable(getattr(self, key))!r}" for key in "RSTP") + ")"

    @classmethod
    def from_sequence(cls, values) -> "Game":
        """Build from ``(R, S, T, P)`` or from the text ``"R,S,T,P"``."""
        if isinstance(values, str):
            parts = [part.strip() for part in values.split(",")]
            try:
                values = [float(part) for part in parts]
            except ValueError:
                raise InvalidParameter("payoffs", PAYOFFS_RANGE, ",".join(parts)) from None
        values = list(values)
        if len(values) != 4:
            raise InvalidParameter("payoffs", PAYOFFS_RANGE, values)
        return check_stage_game(cls(*values))

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
        """The ties on the boundary of the game's class: ``"R = T"``, ``"S = P"`` (an action's payoffs
        against the same reply), and ``"R = P"`` when defecting is dominant (prisoners_dilemma or deadlock)."""
        ties = []
        if self.R == self.T:
            ties.append("R = T")
        if self.S == self.P:
            ties.append("S = P")
        if self.R == self.P and self.classify() in ("prisoners_dilemma", "deadlock"):
            ties.append("R = P")
        return ties

    def classify(self) -> str:
        """The class of the game by dominance and best replies (model page §1).

        A tie between an action's payoffs (R = T, or S = P) is decided by weak
        dominance: an action that pays at least as much against each reply, and
        more against one, is dominant. Only R = T together with S = P leaves
        neither action dominant: ``degenerate``. R = P with defecting dominant is
        a deadlock (mutual compliance does not beat mutual defection).
        """
        R, S, T, P = self.payoffs
        if R == T and S == P:
            return "degenerate"
        if R >= T and S >= P:
            return "harmony"
        if T >= R and P >= S:
            return "prisoners_dilemma" if R > P else "deadlock"
        if R > T:  # and P > S: each action is the best reply to itself
            return "stag_hunt"
        return "chicken"  # T > R and S > P

    def is_iterated_pd(self) -> bool:
        """A PD in which alternating exploitation does not beat mutual compliance."""
        return self.classify() == "prisoners_dilemma" and 2 * self.R > self.T + self.S

    def describe(self) -> str:
        """The class, naming the ties on its boundary: ``"prisoners_dilemma (tie S = P)"``, ``"stag_hunt"``."""
        ties = self.ties()
        if not ties:
            return self.classify()
        return f"{self.classify()} ({'tie' if len(ties) == 1 else 'ties'} {', '.join(ties)})"


def check_stage_game(game: Game, name: str = "payoffs") -> Game:
    """``game`` itself if each of its payoffs is within ±1e6 (a game given as input); else
    InvalidParameter naming ``name``, so that a match's totals stay far from overflowing."""
    for value in game.payoffs:
        check_magnitude(name, value, PAYOFFS_RANGE)
    return game


def readable(value):
    """``value`` as a repr prints it: a finite float rounded to ``REPR_DIGITS`` significant digits
    and 12 decimals (noise such as 5.6e-17 reads as 0.0); anything else unchanged."""
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        return float(f"{round(float(value), 12):.{REPR_DIGITS}g}") + 0.0  # + 0.0: -0.0 reads as 0.0
    return value
