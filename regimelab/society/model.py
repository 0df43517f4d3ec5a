"""A society of actors: who they are, who plays whom, for what payoffs, under what rules.

These are immutable, validated values (model page §7). Every validation error
is an :class:`~regimelab.errors.InvalidParameter` naming the parameter and
the accepted range, so that a spec can point at the key and the command line
at the option.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..functions.base import check_non_negative, check_probability
from ..game import Game
from ..players import find_strategy
from ..regime import Regime

#: The society-level regimes: who answers a signalled violation (model page §7.5).
SCOPES = ("none", "collective_security", "defensive_alliance")
#: How actors are connected.
GRAPHS = ("complete", "hub", "edges")
#: Society options (``[society]`` in a spec) that a variant may change.
OPTION_NAMES = ("scope", "exclusion_rounds", "participation", "enforcement_cost", "outsider_transparency")

DEFAULT_EXCLUSION_ROUNDS = 5


def _integer(name: str, value, minimum: int, accepted: str | None = None) -> int:
    accepted = accepted or f"an integer >= {minimum}"
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float)):
        raise InvalidParameter(name, accepted, value)
    if isinstance(value, float) and (not math.isfinite(value) or value != int(value)):
        raise InvalidParameter(name, accepted, value)
    if int(value) < minimum:
        raise InvalidParameter(name, accepted, value)
    return int(value)


def _text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameter(name, "a non-empty string", value)
    return value.strip()


# -- strategies ---------------------------------------------------------------


@dataclass(frozen=True)
class StrategyChoice:
    """A strategy class with constructor parameters: what an actor (or a newcomer) plays."""

    cls: type
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    @classmethod
    def of(cls, strategy, params=None, parameter: str = "strategy") -> "StrategyChoice":
        """From a name (anything :func:`regimelab.players.find_strategy` knows), a class or a choice.

        ``params`` is a list (positional) or a dict (by name), as in scenario specs.
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
        choice = cls(strategy_cls, args, kwargs)
        try:
            choice.make()
        except Exception as error:  # the strategy's own constructor rejects them
            raise InvalidParameter(
                "params", f"parameters that {strategy_cls.name} accepts ({type(error).__name__}: {error})",
                list(args) or kwargs,
            ) from None
        return choice

    def make(self):
        """A fresh instance of the strategy, built with ``args`` and ``kwargs``."""
        return self.cls(*self.args, **self.kwargs)

    @property
    def name(self) -> str:
        """The display name, with parameters as axelrod shows them (``Random: 0.3``)."""
        return str(self.make()) if (self.args or self.kwargs) else self.cls.name

    def __hash__(self):
        return hash((self.cls, self.args, tuple(sorted(self.kwargs.items()))))


# -- actors and payoffs ---------------------------------------------------------


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
        object.__setattr__(self, "name", _text("name", self.name))
        object.__setattr__(self, "strategy", StrategyChoice.of(self.strategy, self.params))
        object.__setattr__(self, "params", None)
        if not isinstance(self.member, (bool, np.bool_)):
            raise InvalidParameter("member", "true or false", self.member)
        object.__setattr__(self, "member", bool(self.member))
        if self.joins is not None:
            object.__setattr__(self, "joins", _integer("joins", self.joins, 1, "a period >= 1"))
        if self.leaves is not None:
            object.__setattr__(self, "leaves", _integer("leaves", self.leaves, 2, "a period >= 2"))
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
            object.__setattr__(self, "benefit", _finite("benefit", self.benefit))
            object.__setattr__(self, "cost", _finite("cost", self.cost))

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


def _finite(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) or not math.isfinite(float(value)):
        raise InvalidParameter(name, "a finite number", value)
    return float(value)


def _matrix(name: str, value) -> np.ndarray:
    accepted = "a 2x2 matrix [[CC, CD], [DC, DD]] of finite numbers"
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameter(name, accepted, value) from None
    if array.shape != (2, 2) or not np.all(np.isfinite(array)) or any(
        isinstance(x, bool) for row in value for x in (row if isinstance(row, (list, tuple)) else [row])
    ):
        raise InvalidParameter(name, accepted, value)
    return array


@dataclass(frozen=True)
class EdgePayoffs:
    """The stage game of one edge, possibly asymmetric.

    ``first`` and ``second`` are each actor's own payoffs indexed ``[own
    action][partner's action]`` (C=0, D=1), like :meth:`Game.matrix`. Build
    them with :meth:`symmetric`, :meth:`exchange` or :meth:`matrices`.
    """

    between: tuple
    first: np.ndarray
    second: np.ndarray
    form: str = "matrices"

    def __post_init__(self):
        between = tuple(self.between)
        if len(between) != 2 or not all(isinstance(n, str) for n in between) or between[0] == between[1]:
            raise InvalidParameter("between", "two different actor names [A, B]", list(self.between))
        object.__setattr__(self, "between", between)
        object.__setattr__(self, "first", _matrix("payoffs", self.first))
        object.__setattr__(self, "second", _matrix("payoffs", self.second))

    @classmethod
    def symmetric(cls, a: str, b: str, game: Game) -> "EdgePayoffs":
        """The symmetric ``game`` for both actors of the edge ``a``-``b`` (a ``game = [R, S, T, P]`` entry)."""
        matrix = game.matrix()
        return cls((a, b), matrix, matrix.copy(), "game")

    @classmethod
    def exchange(cls, a: str, b: str, benefit, cost) -> "EdgePayoffs":
        """Complying gives the partner a benefit at a cost to oneself, per direction.

        ``benefit = (b_a, b_b)``: what ``a``'s (``b``'s) compliance gives its
        partner; ``cost = (c_a, c_b)``: what complying costs ``a`` (``b``). So
        for ``a``: R = b_b - c_a, S = -c_a, T = b_b, P = 0.
        """
        b_a, b_b = _pair("benefit", benefit)
        c_a, c_b = _pair("cost", cost)
        return cls((a, b), exchange_matrix(b_b, c_a), exchange_matrix(b_a, c_b), "exchange")

    @classmethod
    def matrices(cls, a: str, b: str, row, column) -> "EdgePayoffs":
        """axelrod's ``AsymmetricGame(A, B)`` convention: both indexed ``[a's action][b's action]``."""
        row = _matrix("row", row)
        column = _matrix("column", column)
        return cls((a, b), row, column.T.copy(), "matrices")

    def for_pair(self, a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
        """Own-view matrices of ``a`` and ``b`` (in that order)."""
        if (a, b) == self.between:
            return self.first, self.second
        return self.second, self.first

    def to_dict(self) -> dict:
        """The JSON form: the two names and each one's own-view matrix."""
        return {"between": list(self.between), "first": self.first.tolist(), "second": self.second.tolist()}

    def __eq__(self, other):
        return (
            isinstance(other, EdgePayoffs) and self.between == other.between
            and np.array_equal(self.first, other.first) and np.array_equal(self.second, other.second)
        )

    def __hash__(self):
        return hash((self.between, self.first.tobytes(), self.second.tobytes()))


def exchange_matrix(received: float, cost: float) -> np.ndarray:
    """Own-view payoffs when the partner's compliance gives ``received`` and one's own costs ``cost``."""
    return np.array([[received - cost, -cost], [received, 0.0]])


def _pair(name: str, values) -> tuple[float, float]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") or len(values) != 2:
        raise InvalidParameter(name, "two finite numbers [first actor's, second actor's]", values)
    return _finite(name, values[0]), _finite(name, values[1])


# -- the society-level regime, time ----------------------------------------------


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
        object.__setattr__(self, "exclusion_rounds", _integer("exclusion_rounds", self.exclusion_rounds, 0))
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
                raise _unknown("society option", key, OPTION_NAMES)
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
        object.__setattr__(self, "start", _integer("from", self.start, 1, "a period >= 1"))
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
        object.__setattr__(self, "start", _integer("start", self.start, 2, "a period >= 2"))

    def to_dict(self) -> dict:
        """The JSON form: probability, the pool's strategy names, actors (null: all) and start."""
        return {
            "probability": self.probability,
            "pool": [choice.name for choice in self.pool],
            "actors": None if self.actors is None else list(self.actors),
            "start": self.start,
        }


def _unknown(kind: str, key: str, allowed) -> InvalidParameter:
    close = difflib.get_close_matches(str(key), list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return InvalidParameter(kind, f"one of {', '.join(allowed)}; {key!r} is unknown{hint}")


# -- the society --------------------------------------------------------------------


@dataclass(frozen=True)
class Society:
    """Actors, who plays whom, the payoffs of each edge, and the rules of play.

    ``graph``: ``"complete"`` (every pair), ``"hub"`` (``hub`` plays every
    other actor, no one else plays), or ``"edges"`` (the pairs in ``edges``).
    ``game``: the stage game of every edge without payoffs of its own (in
    ``payoffs`` or from both actors' exchange terms). ``regime``: the dyadic
    regime of model page §2 (its ``turns`` is the number of periods).
    """

    actors: tuple
    graph: str = "complete"
    hub: str | None = None
    edges: tuple = ()
    game: Game = field(default_factory=Game)
    payoffs: tuple = ()
    regime: Regime = field(default_factory=Regime)
    options: SocietyOptions = field(default_factory=SocietyOptions)
    schedule: tuple = ()
    turnover: Turnover | None = None

    def __post_init__(self):
        actors = tuple(self.actors)
        if not all(isinstance(a, Actor) for a in actors):
            raise InvalidParameter("actors", "Actor values")
        if len(actors) < 2:
            raise InvalidParameter("actors", "at least two actors", len(actors))
        names = [a.name for a in actors]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise InvalidParameter("name", f"unique actor names ({duplicates[0]!r} is repeated)")
        object.__setattr__(self, "actors", actors)
        if self.graph not in GRAPHS:
            raise _unknown("graph", self.graph, GRAPHS)
        if self.graph == "hub":
            if self.hub not in names:
                raise InvalidParameter("hub", f"the name of one of the actors ({', '.join(names)})", self.hub)
        elif self.hub is not None:
            raise InvalidParameter("hub", 'left out unless graph = "hub"', self.hub)
        edges = tuple(tuple(edge) for edge in self.edges)
        if self.graph == "edges":
            if not edges:
                raise InvalidParameter("edges", "one or more pairs of actor names")
            seen = set()
            for edge in edges:
                self._check_pair("edges", edge)
                key = frozenset(edge)
                if key in seen:
                    raise InvalidParameter("edges", f"each pair once ({edge[0]!r} and {edge[1]!r} repeat)")
                seen.add(key)
        elif edges:
            raise InvalidParameter("edges", 'left out unless graph = "edges"')
        object.__setattr__(self, "edges", edges)
        if not isinstance(self.game, Game):
            raise InvalidParameter("game", "a Game", self.game)
        if not isinstance(self.regime, Regime):
            raise InvalidParameter("regime", "a Regime", self.regime)
        if not isinstance(self.options, SocietyOptions):
            raise InvalidParameter("society", "SocietyOptions", self.options)
        pairs = {frozenset(names[k] for k in pair) for pair in self.edge_indices()}
        payoffs = tuple(self.payoffs)
        seen = set()
        for entry in payoffs:
            if not isinstance(entry, EdgePayoffs):
                raise InvalidParameter("payoffs", "EdgePayoffs values", entry)
            self._check_pair("between", entry.between)
            key = frozenset(entry.between)
            if key not in pairs:
                raise InvalidParameter(
                    "between", f"a pair that plays ({entry.between[0]!r} and {entry.between[1]!r} are not an edge)"
                )
            if key in seen:
                first, second = entry.between
                raise InvalidParameter("between", f"each pair once in payoffs ({first!r} and {second!r} repeat)")
            seen.add(key)
        object.__setattr__(self, "payoffs", payoffs)
        schedule = tuple(self.schedule)
        starts = [change.start for change in schedule]
        if not all(isinstance(c, ShadowChange) for c in schedule):
            raise InvalidParameter("schedule", "ShadowChange values")
        if starts != sorted(set(starts)):
            raise InvalidParameter("from", "periods in increasing order, each once", starts)
        object.__setattr__(self, "schedule", schedule)
        if self.turnover is not None:
            if not isinstance(self.turnover, Turnover):
                raise InvalidParameter("turnover", "a Turnover", self.turnover)
            for name in self.turnover.actors or ():
                if name not in names:
                    raise InvalidParameter("actors", f"names of actors ({', '.join(names)})", name)
        # An edge without payoffs of its own takes exchange terms only if both actors have them.
        by_pair = {frozenset(p.between) for p in payoffs}
        for i, j in self.edge_indices():
            a, b = actors[i], actors[j]
            if frozenset((a.name, b.name)) not in by_pair and (a.benefit is None) != (b.benefit is None):
                lacking = a if a.benefit is None else b
                raise InvalidParameter(
                    "benefit",
                    f"given for both actors of an edge, or neither ({lacking.name!r} has none and plays "
                    f"{(b if lacking is a else a).name!r}; or give the edge its own [[payoffs]])",
                )

    def _check_pair(self, key: str, pair) -> None:
        names = self.names
        if len(pair) != 2 or pair[0] == pair[1]:
            raise InvalidParameter(key, "two different actor names [A, B]", list(pair))
        for name in pair:
            if name not in names:
                raise InvalidParameter(key, f"names of actors ({', '.join(names)})", name)

    # -- derived values ---------------------------------------------------------

    @property
    def names(self) -> list[str]:
        """The actors' names, in the society's order."""
        return [actor.name for actor in self.actors]

    def index(self, name: str) -> int:
        """The position of the actor called ``name`` (ValueError if there is none)."""
        return self.names.index(name)

    def edge_indices(self) -> list[tuple[int, int]]:
        """The edges as pairs of actor indices, in a fixed order."""
        n = len(self.actors)
        if self.graph == "complete":
            return [(i, j) for i in range(n) for j in range(i + 1, n)]
        if self.graph == "hub":
            hub = self.names.index(self.hub)
            return [(hub, j) for j in range(n) if j != hub]
        lookup = {name: k for k, name in enumerate(self.names)}
        return [(lookup[a], lookup[b]) for a, b in self.edges]

    def edge_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """Own-view payoff matrices of each edge's first and second actor, shape (E, 2, 2)."""
        by_pair = {frozenset(p.between): p for p in self.payoffs}
        base = self.game.matrix()
        first, second = [], []
        for i, j in self.edge_indices():
            a, b = self.actors[i], self.actors[j]
            entry = by_pair.get(frozenset((a.name, b.name)))
            if entry is not None:
                m1, m2 = entry.for_pair(a.name, b.name)
            elif a.benefit is not None:
                m1, m2 = exchange_matrix(b.benefit, a.cost), exchange_matrix(a.benefit, b.cost)
            else:
                m1, m2 = base, base
            first.append(m1)
            second.append(m2)
        return np.array(first, dtype=float), np.array(second, dtype=float)

    def members_at(self, period: int) -> np.ndarray:
        """Whether each actor is a member in ``period``, as a boolean array in the actors' order."""
        return np.array([actor.is_member_at(period) for actor in self.actors], dtype=bool)

    # -- changes -------------------------------------------------------------------

    def replace(self, **changes) -> "Society":
        """A copy with some fields changed; ``regime=`` and ``options=`` may be dicts of changes."""
        if isinstance(changes.get("regime"), dict):
            try:
                changes["regime"] = self.regime.replace(**changes["regime"])
            except TypeError as error:
                raise InvalidParameter("regime", f"regime parameters ({error})") from None
        if isinstance(changes.get("options"), dict):
            changes["options"] = self.options.replace(**changes["options"])
        return dataclasses.replace(self, **changes)

    def with_actor(self, name: str, **changes) -> "Society":
        """A copy with the actor called ``name`` changed as :meth:`Actor.replace` changes it."""
        if name not in self.names:
            raise InvalidParameter("actors", f"names of actors ({', '.join(self.names)})", name)
        actors = tuple(a.replace(**changes) if a.name == name else a for a in self.actors)
        return self.replace(actors=actors)


def check_society(society) -> Society:
    """``society`` itself if it is a :class:`Society`; an error naming its type otherwise."""
    if not isinstance(society, Society):
        raise RegimelabError(f"expected a Society, got {type(society).__name__}")
    return society
