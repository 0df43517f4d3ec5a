"""The society as a whole: its actors, who plays whom, each edge's payoffs and the rules of play.

:class:`Society` validates the whole (model page §7.2-7.3): names unique,
the graph well formed, payoffs only on edges that play, a schedule in order,
turnover among known actors, exchange terms on both ends of an edge. It also
derives what the engine needs (edges as index pairs, payoff matrices,
membership per period).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..game import Game
from ..limits import MAX_ACTORS, number_text
from ..regime import Regime
from .model_actors import Actor
from .model_checks import unknown_name
from .model_payoffs import EdgePayoffs, exchange_matrix
from .model_rules import ShadowChange, SocietyOptions, Turnover

#: How actors are connected.
GRAPHS = ("complete", "hub", "edges")


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
        # The steps in this order: each may rely on what the ones before it checked.
        names = self._check_actors()
        self._check_graph(names)
        self._check_edges()
        self._check_types()
        self._check_payoffs(names)
        self._check_schedule()
        self._check_turnover(names)
        self._check_exchange_terms()

    # -- validation, step by step ----------------------------------------------------

    def _check_actors(self) -> list[str]:
        """From two to ``MAX_ACTORS`` Actor values with unique names; the names."""
        actors = tuple(self.actors)
        if not all(isinstance(a, Actor) for a in actors):
            raise InvalidParameter("actors", "Actor values")
        if len(actors) < 2:
            raise InvalidParameter("actors", "at least two actors", len(actors))
        if len(actors) > MAX_ACTORS:
            raise InvalidParameter("actors", f"at most {number_text(MAX_ACTORS)} actors", len(actors))
        names = [a.name for a in actors]
        duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
        if duplicates:
            raise InvalidParameter("name", f"unique actor names ({duplicates[0]!r} is repeated)")
        object.__setattr__(self, "actors", actors)
        return names

    def _check_graph(self, names: list[str]) -> None:
        """A known graph; a hub that is an actor, given only for graph = "hub"."""
        if self.graph not in GRAPHS:
            raise unknown_name("graph", self.graph, GRAPHS)
        if self.graph == "hub":
            if self.hub not in names:
                raise InvalidParameter("hub", f"the name of one of the actors ({', '.join(names)})", self.hub)
        elif self.hub is not None:
            raise InvalidParameter("hub", 'left out unless graph = "hub"', self.hub)

    def _check_edges(self) -> None:
        """Edges for graph = "edges" only: pairs of actors, each pair once."""
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

    def _check_types(self) -> None:
        """The game, the regime and the options of the right types."""
        if not isinstance(self.game, Game):
            raise InvalidParameter("game", "a Game", self.game)
        if not isinstance(self.regime, Regime):
            raise InvalidParameter("regime", "a Regime", self.regime)
        if not isinstance(self.options, SocietyOptions):
            raise InvalidParameter("society", "SocietyOptions", self.options)

    def _check_payoffs(self, names: list[str]) -> None:
        """EdgePayoffs values, each on a pair that plays, each pair once."""
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

    def _check_schedule(self) -> None:
        """ShadowChange values whose periods increase."""
        schedule = tuple(self.schedule)
        if not all(isinstance(c, ShadowChange) for c in schedule):
            raise InvalidParameter("schedule", "ShadowChange values")
        starts = [change.start for change in schedule]
        if starts != sorted(set(starts)):
            raise InvalidParameter("from", "periods in increasing order, each once", starts)
        object.__setattr__(self, "schedule", schedule)

    def _check_turnover(self, names: list[str]) -> None:
        """A Turnover (or none) whose actors are the society's."""
        if self.turnover is not None:
            if not isinstance(self.turnover, Turnover):
                raise InvalidParameter("turnover", "a Turnover", self.turnover)
            for name in self.turnover.actors or ():
                if name not in names:
                    raise InvalidParameter("actors", f"names of actors ({', '.join(names)})", name)

    def _check_exchange_terms(self) -> None:
        """An edge without payoffs of its own takes exchange terms only if both actors have them."""
        if len({actor.benefit is None for actor in self.actors}) < 2:
            return  # all have terms or none has: no edge can mix them (and no edge list is built)
        by_pair = {frozenset(p.between) for p in self.payoffs}
        for i, j in self.edge_indices():
            a, b = self.actors[i], self.actors[j]
            if frozenset((a.name, b.name)) not in by_pair and (a.benefit is None) != (b.benefit is None):
                lacking = a if a.benefit is None else b
                raise InvalidParameter(
                    "benefit",
                    f"given for both actors of an edge, or neither ({lacking.name!r} has none and plays "
                    f"{(b if lacking is a else a).name!r}; or give the edge its own [[payoffs]])",
                )

    def _check_pair(self, key: str, pair) -> None:
        if len(pair) != 2 or pair[0] == pair[1]:
            raise InvalidParameter(key, "two different actor names [A, B]", list(pair))
        for name in pair:
            if name not in self._name_set:
                raise InvalidParameter(key, f"names of actors ({', '.join(self.names)})", name)

    @property
    def _name_set(self) -> frozenset:
        """The actors' names as a set, made once (a pair is checked per edge: keep it linear)."""
        names = self.__dict__.get("_names_as_set")
        if names is None:
            names = frozenset(self.names)
            object.__setattr__(self, "_names_as_set", names)
        return names

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
