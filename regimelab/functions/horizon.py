"""The shadow of the future: how long an interaction lasts.

Lipson ([Lipson1995], The Study of Regimes) follows Axelrod ([Axelrod1984]):
cooperation needs a long enough "shadow of the future". A fixed number of rounds (``turns``) is
Axelrod's first tournament; a continuation probability ``shadow`` = w after
each round is the discounted super-game of model page §5.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidParameter
from ..limits import MAX_TURNS, check_turns, integer_range
from .base import Parameter, RegimeFunction, check_number

DEFAULT_TURNS = 200
#: A match has 1 .. 10**7 rounds (regimelab.limits.MAX_TURNS).
TURNS_RANGE = integer_range(1, MAX_TURNS)


@dataclass(frozen=True)
class Horizon(RegimeFunction):
    """``turns`` rounds, or a continuation probability ``shadow`` (not both)."""

    turns: int | None = None
    shadow: float | None = None

    PARAMETERS = (
        Parameter("turns", "n", None, TURNS_RANGE, "Rounds per match, 1 to 10,000,000 (default 200).",
                  "fixed horizon", kind=int, label="turns n (rounds per match)"),
        Parameter("shadow", "w", None, "a number with 0 <= shadow < 1",
                  "Continuation probability w after each round (0 <= w < 1); replaces --turns.",
                  "shadow of the future", label="shadow of the future w (continuation probability)"),
    )

    def __post_init__(self):
        if self.turns is not None and self.shadow is not None:
            raise InvalidParameter(
                "turns", "left unset when shadow is set (choose turns or shadow, not both)"
            )
        if self.shadow is not None:
            shadow = check_number("shadow", self.shadow, "a number with 0 <= shadow < 1")
            if not 0.0 <= shadow < 1.0:
                raise InvalidParameter("shadow", "a number with 0 <= shadow < 1", self.shadow)
            object.__setattr__(self, "shadow", shadow)
        else:
            turns = DEFAULT_TURNS if self.turns is None else self.turns
            object.__setattr__(self, "turns", check_turns("turns", turns, accepted=TURNS_RANGE))

    @property
    def is_active(self) -> bool:
        """Whether the horizon differs from the null regime's: ``shadow`` set, or ``turns`` other than 200."""
        return self.shadow is not None or self.turns != DEFAULT_TURNS

    @property
    def prob_end(self) -> float | None:
        """axelrod's ``prob_end`` (1 - w), or None for a fixed length."""
        return None if self.shadow is None else 1.0 - self.shadow

    @property
    def known_length(self) -> float:
        """What strategies are told of the length: ``turns``, or infinity."""
        return float("inf") if self.shadow is not None else self.turns

    @property
    def expected_length(self) -> float:
        """Expected number of rounds in a match."""
        return 1.0 / (1.0 - self.shadow) if self.shadow is not None else float(self.turns)
