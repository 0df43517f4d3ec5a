"""The actors of a society: who each is, what it plays, and when it belongs to the regime.

A :class:`StrategyChoice` is a strategy class with its constructor
parameters (what an actor, or a newcomer, plays); an :class:`Actor` is a
state or a non-state actor with its strategy, membership and exchange terms
(model page §7.1). Both are immutable, validated values.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidParameter
from ..players import find_strategy, make_player
from .model_checks import check_finite, check_integer, check_text, period_range


@dataclass(frozen=True)
class StrategyChoice:
    """A strategy class with constructor parameters: what an actor (or a newcomer) plays."""

    cls: type
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    @classmethod
    def of(cls, strategy, params=None, parameter: str = "strategy") -> "StrategyChoice":
        """From a name (anything :func:`regimelab.players.find_strategy` knows), a class or a choice.

        ``params`` is a list (positional) or a dict (by name), as in tournament scenarios.
        """
        if isinstance(strategy, StrategyChoice):
            if params is not None:
                raise InvalidParameter("params", "left out when the strategy is already a StrategyChoice")
            return strategy
        if isinstance(strategy, str):
            strategy_cls = find_strategy(strategy)  # UnknownStrategy names the close matches
        elif isinstance(strategy, type) and hasattr(strategy, "strategy") and hasattr(strategy, "name"):
            strategy_cls = strategy
        else:
            raise InvalidParameter(parameter, "a strategy name or an axelrod strategy class", strategy)
        if params is None:
            args, kwargs = (), {}
        elif isinstance(params, (list, tuple)):
            args, kwargs = tuple(params), {}
        elif isinstance(params, dict):
            args, kwargs = (), dict(params)
        else:
            raise InvalidParameter("params", "a list (positional) or a table (by name)", params)
        make_player(strategy_cls, args, kwargs)  # the checks every strategy's params get, then its constructor's
        return cls(strategy_cls, args, kwargs)

    def make(self):
        """A fresh instance of the strategy, built with ``args`` and ``kwargs``."""
        return self.cls(*self.args, **self.kwargs)

    @property
    def name(self) -> str:
        """The display name, with parameters as axelrod shows them (``Random: 0.3``)."""
        return str(self.make()) if (self.args or self.kwargs) else self.cls.name

    def __hash__(self):
        return hash((self.cls, self.args, tuple(sorted(self.kwargs.items()))))


@dataclass(frozen=True)
class Actor:
    """A state (or a non-state actor): its strategy and its membership of the regime.

    ``member``: whether it is ever a member. A member belongs to the regime in
    periods ``joins <= t < leaves`` (``joins`` default 1, ``leaves`` default
    never); ``joins`` and ``leaves`` are for members only. ``benefit`` and
    ``cost`` (both or neither) are its exchange terms on every edge that has no
    payoffs of its own: complying gives the partner ``benefit`` at a cost
    ``cost`` to itself.
    """

    name: str
    strategy: StrategyChoice | str | type = "Tit For Tat"
    member: bool = True
    joins: int | None = None
    leaves: int | None = None
    params: object = None
    benefit: float | None = None
    cost: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "name", check_text("name", self.name))
        object.__setattr__(self, "strategy", StrategyChoice.of(self.strategy, self.params))
        object.__setattr__(self, "params", None)
        if not isinstance(self.member, (bool, np.bool_)):
            raise InvalidParameter("member", "true or false", self.member)
        object.__setattr__(self, "member", bool(self.member))
        if self.joins is not None:
            object.__setattr__(self, "joins", check_integer("joins", self.joins, 1, period_range(1)))
        if self.leaves is not None:
            object.__setattr__(self, "leaves", check_integer("leaves", self.leaves, 2, period_range(2)))
        if not self.member and (self.joins is not None or self.leaves is not None):
            raise InvalidParameter(
                "member", f"true when joins or leaves is given (actor {self.name!r})", self.member
            )
        if self.leaves is not None and self.leaves <= self.first_period:
            raise InvalidParameter(
                "leaves", f"a period after joins ({self.first_period}) for actor {self.name!r}", self.leaves
            )
        if (self.benefit is None) != (self.cost is None):
            raise InvalidParameter(
                "benefit", f"given together with cost (actor {self.name!r}: both or neither)",
            )
        if self.benefit is not None:
            object.__setattr__(self, "benefit", check_finite("benefit", self.benefit))
            object.__setattr__(self, "cost", check_finite("cost", self.cost))

    @property
    def first_period(self) -> int:
        """The first period of membership: ``joins``, or 1 (model page §7.1)."""
        return 1 if self.joins is None else self.joins

    def is_member_at(self, period: int) -> bool:
        """Whether the actor is a member in ``period``: ``member``, and ``joins <= period < leaves``."""
        if not self.member or period < self.first_period:
            return False
        return self.leaves is None or period < self.leaves

    @property
    def strategy_name(self) -> str:
        """The display name of the strategy the actor starts with (``Random: 0.3``)."""
        return self.strategy.name

    def replace(self, **changes) -> "Actor":
        """A copy with some fields changed, validated anew.

        ``params`` alone keeps the strategy's class with the new parameters; a new
        ``strategy`` without ``params`` takes none.
        """
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        if "params" in changes and "strategy" not in changes:
            changes["strategy"] = self.strategy.cls
        values.update(changes)
        return Actor(**values)
