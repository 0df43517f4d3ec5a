"""The society's rules beyond the dyadic regime: its options, its shadow over time, leader turnover.

:class:`SocietyOptions` is the society-level regime (who answers a signalled
violation, and how: model page §7.4-7.5); :class:`ShadowChange` and
:class:`Turnover` are how the society changes over time (§7.6).
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..functions.base import check_non_negative, check_probability
from .model_actors import StrategyChoice
from .model_checks import check_integer, period_range, unknown_name

#: The society-level regimes: who answers a signalled violation (model page §7.5).
SCOPES = ("none", "collective_security", "defensive_alliance")
#: Society options (``[society]`` in a scenario) that a variant may change.
OPTION_NAMES = ("scope", "exclusion_rounds", "participation", "enforcement_cost", "outsider_transparency")

DEFAULT_EXCLUSION_ROUNDS = 5


@dataclass(frozen=True)
class SocietyOptions:
    """The society-level regime (model page §7.4-7.5); the defaults are the null society regime.

    ``scope``: who answers a signalled violation (:data:`SCOPES`).
    ``exclusion_rounds``: how many periods an exclusion lasts (0: none).
    ``participation``: probability that a member takes part in an exclusion.
    ``enforcement_cost``: what a member pays per period of taking part, per
    excluded actor (not the §2 ``enforcement_cost`` of fines).
    ``outsider_transparency``: detection probability of a defection on an
    edge with an outsider (None: the regime's ``transparency``).
    """

    scope: str = "none"
    exclusion_rounds: int = DEFAULT_EXCLUSION_ROUNDS
    participation: float = 1.0
    enforcement_cost: float = 0.0
    outsider_transparency: float | None = None

    def __post_init__(self):
        if self.scope not in SCOPES:
            close = difflib.get_close_matches(str(self.scope), SCOPES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidParameter("scope", f"one of {', '.join(SCOPES)}{hint}", self.scope)
        object.__setattr__(self, "exclusion_rounds", check_integer("exclusion_rounds", self.exclusion_rounds, 0))
        object.__setattr__(self, "participation", check_probability("participation", self.participation))
        object.__setattr__(self, "enforcement_cost", check_non_negative("enforcement_cost", self.enforcement_cost))
        if self.outsider_transparency is not None:
            object.__setattr__(
                self, "outsider_transparency", check_probability("outsider_transparency", self.outsider_transparency)
            )

    @property
    def excludes(self) -> bool:
        """Whether violations can be answered at all."""
        return self.scope != "none" and self.exclusion_rounds > 0

    def replace(self, **changes) -> "SocietyOptions":
        """A copy with some options changed; an unknown option name is an error with a suggestion."""
        for key in changes:
            if key not in OPTION_NAMES:
                raise unknown_name("society option", key, OPTION_NAMES)
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """Every option by name (``OPTION_NAMES``), as the JSON ``society`` entry has them."""
        return {name: getattr(self, name) for name in OPTION_NAMES}


@dataclass(frozen=True)
class ShadowChange:
    """From period ``start`` on, the society continues after each period with probability ``shadow``."""

    start: int
    shadow: float

    def __post_init__(self):
        object.__setattr__(self, "start", check_integer("from", self.start, 1, period_range(1)))
        shadow = self.shadow
        if isinstance(shadow, bool) or not isinstance(shadow, (int, float, np.number)) or not (
            math.isfinite(float(shadow)) and 0.0 <= float(shadow) < 1.0
        ):
            raise InvalidParameter("shadow", "a number with 0 <= shadow < 1", shadow)
        object.__setattr__(self, "shadow", float(shadow))


@dataclass(frozen=True)
class Turnover:
    """Leader turnover: before each period from ``start`` (>= 2) on, each actor
    in ``actors`` (default: all) is replaced with probability ``probability``
    by a newcomer drawn uniformly from ``pool``; the newcomer's per-partner
    strategy instances are fresh."""

    probability: float
    pool: tuple
    actors: tuple | None = None
    start: int = 2

    def __post_init__(self):
        object.__setattr__(self, "probability", check_probability("probability", self.probability))
        pool = self.pool
        if isinstance(pool, (str, StrategyChoice, type)) or not hasattr(pool, "__iter__"):
            pool = (pool,)
        pool = tuple(StrategyChoice.of(entry, parameter="pool") for entry in pool)
        if not pool:
            raise InvalidParameter("pool", "one or more strategy names")
        object.__setattr__(self, "pool", pool)
        if self.actors is not None:
            if isinstance(self.actors, str) or not all(isinstance(a, str) for a in self.actors):
                raise InvalidParameter("actors", "a list of actor names", self.actors)
            object.__setattr__(self, "actors", tuple(self.actors))
        object.__setattr__(self, "start", check_integer("start", self.start, 2, period_range(2)))

    def to_dict(self) -> dict:
        """The JSON form: probability, the pool's strategy names, actors (null: all) and start."""
        return {
            "probability": self.probability,
            "pool": [choice.name for choice in self.pool],
            "actors": None if self.actors is None else list(self.actors),
            "start": self.start,
        }
