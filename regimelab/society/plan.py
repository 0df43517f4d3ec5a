"""The plan of a society: what does not change between repetitions (model page §7).

:class:`Plan` precomputes, once per :func:`~regimelab.society.engine.run_society`,
the edges and who meets whom, each edge's payoffs, the dyadic rules of §3 with
monitoring by kind of edge, the society-level regime (§7.5), time (§7.6),
leader turnover, and the games each strategy instance is told; it refuses
strategies that cannot play in the society before any period is played. It
draws nothing: the randomness of a repetition is in its streams.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import StrategyFailed, StrategyRefused
from ..game import Game
from ..match_attributes import tell
from ..players import touches_source
from .model import Society, StrategyChoice


def expected_periods(society: Society) -> float:
    """The expected number of periods of a repetition (model page §7.6): ``turns``, or the sum of
    the chances to reach each period.

    Under ``shadow`` w (and a ``[[schedule]]`` that changes it from given
    periods) the society plays period t + 1 with the product of the
    continuation probabilities after periods 1 .. t; with ``turns`` it stops
    there at the latest. Infinite when nothing ends the run.
    """
    regime = society.regime
    cap = math.inf if regime.turns is None else float(regime.turns)
    changes = sorted((change.start, change.shadow) for change in society.schedule)
    bounds = [1] + [start for start, _ in changes] + [math.inf]  # segment k: periods bounds[k] .. bounds[k+1]-1
    continuation = [1.0 if regime.shadow is None else regime.shadow] + [shadow for _, shadow in changes]
    expected, reach = 0.0, 1.0  # reach: the chance that a segment's first period is played
    for k, q in enumerate(continuation):
        count = min(bounds[k + 1], cap + 1) - bounds[k]
        if count <= 0:
            continue
        if math.isinf(count):
            return math.inf if q >= 1 else expected + reach / (1 - q)
        expected += reach * (count if q >= 1 else (1 - q**count) / (1 - q))
        reach *= q**count
    return expected


class Plan:
    """What does not change between repetitions: indices, payoffs, rules, told games."""

    def __init__(self, society: Society):
        self.society = society
        self.regime = society.regime  # its round_payoffs is the payoff kernel of every edge
        self.options = society.options
        self._index_edges(society)
        self._set_monitoring(society)
        self._set_society_regime(society)
        self._set_time(society)
        self._set_turnover(society)
        self._check_strategies(society)

    # -- construction, one concern each ---------------------------------------------

    def _index_edges(self, society: Society) -> None:
        """Edges as index arrays, their payoff tables, and who an actor meets."""
        self.n = len(society.actors)
        edges = society.edge_indices()
        self.edges = edges
        self.E = len(edges)
        self.ei = np.array([i for i, _ in edges], dtype=np.intp)
        self.ej = np.array([j for _, j in edges], dtype=np.intp)
        self.pay1, self.pay2 = society.edge_matrices()
        self.flat1 = self.pay1.reshape(-1)
        self.flat2 = self.pay2.reshape(-1)
        self.base4 = np.arange(self.E, dtype=np.intp) * 4
        # Who an actor meets: (edge, side) pairs, and its partners.
        self.incidence = [[] for _ in range(self.n)]
        for e, (i, j) in enumerate(edges):
            self.incidence[i].append((e, 0))
            self.incidence[j].append((e, 1))
        self.neighbours = [
            np.array(sorted(self.ej[e] if side == 0 else self.ei[e] for e, side in inc), dtype=np.intp)
            for inc in self.incidence
        ]
        self.degree = np.array([len(inc) for inc in self.incidence], dtype=np.int64)

    def _set_monitoring(self, society: Society) -> None:
        """The dyadic rules of §3, with monitoring by kind of edge (§7.4 steps 4-5)."""
        regime, actors = society.regime, society.actors
        self.noise = regime.noise
        self.p_member = regime.transparency
        outsider = society.options.outsider_transparency
        self.p_outsider = regime.transparency if outsider is None else outsider
        self.false_alarm = regime.false_alarm
        self.fines = regime.fine > 0 or regime.sanctions.partner_transfer != 0
        self.membership_varies = any(a.joins is not None or a.leaves is not None for a in actors)
        self.outsiders_possible = self.membership_varies or not all(a.member for a in actors)
        probabilities = [self.p_member, self.false_alarm] + ([self.p_outsider] if self.outsiders_possible else [])
        self.random_signals = any(0.0 < q < 1.0 for q in probabilities)
        self.perfect = self.false_alarm == 0.0 and self.p_member == 1.0 and (
            self.p_outsider == 1.0 or not self.outsiders_possible
        )

    def _set_society_regime(self, society: Society) -> None:
        """The society-level regime: exclusion, its scope and its costs (§7.5)."""
        options = society.options
        self.excluding = options.excludes and any(a.member for a in society.actors)
        self.scope = options.scope
        self.participation = options.participation
        self.enforcement_cost = options.enforcement_cost
        self.exclusion_rounds = options.exclusion_rounds

    def _set_time(self, society: Society) -> None:
        """How long the society lasts, and when membership changes (§7.1, §7.6)."""
        regime = society.regime
        self.turns = regime.turns if regime.shadow is None else None
        self.base_shadow = regime.shadow
        self.schedule = [(change.start, change.shadow) for change in society.schedule]
        self.random_length = self.base_shadow is not None or bool(self.schedule)
        self.told_length = float("inf") if self.random_length else self.turns
        self.expected_periods = expected_periods(society)  # for the progress bar's total
        self.change_periods = sorted(
            {p for a in society.actors for p in (a.joins, a.leaves) if p is not None and p > 1}
        )

    def _set_turnover(self, society: Society) -> None:
        """Leader turnover, if any: who may be replaced (§7.6); whether instances need views."""
        turnover = society.turnover
        self.turnover = turnover if turnover is not None and turnover.probability > 0 else None
        if self.turnover is not None:
            names = society.names
            chosen = set(turnover.actors) if turnover.actors is not None else set(names)
            self.turnover_mask = np.array([name in chosen for name in names], dtype=bool)
        self.views = not self.perfect or self.turnover is not None

    def _check_strategies(self, society: Society) -> None:
        """Refuse strategies that would see through signals or overrides, or cannot play a told game.

        Fails early, naming the strategy, if one cannot accept a game it may be
        told (an edge's kind may change with membership; newcomers may sit on
        any seat).
        """
        regime = society.regime
        self.choices = [actor.strategy for actor in society.actors]
        pool = list(self.turnover.pool) if self.turnover is not None else []
        if not self.perfect or self.excluding or self.turnover is not None:
            refused = sorted({c.name for c in self.choices + pool if touches_source(c.make())})
            if refused:
                raise StrategyRefused(
                    f"{', '.join(refused)} inspect or manipulate their opponent's source, which would "
                    "bypass imperfect monitoring, exclusions or turnover; they cannot play in this society"
                )
        self._told: dict = {}
        self._regimes = {
            True: regime,
            False: regime.replace(transparency=self.p_outsider, fine=0.0, compensation=0.0, enforcement_cost=0.0),
        }
        edge_kinds = self._possible_edge_kinds(society)
        checked = set()
        for k in range(self.n):
            seats = [self.choices[k]]
            if self.turnover is not None and self.turnover_mask[k]:
                seats += pool
            for e, side in self.incidence[k]:
                for both_members in edge_kinds[e]:
                    attributes = self.attributes(e, side, both_members)
                    for choice in seats:
                        key = (choice, id(attributes["game"]))
                        if key not in checked:
                            checked.add(key)
                            self.check_choice(choice, attributes)

    def _possible_edge_kinds(self, society: Society) -> list[set]:
        """Per edge, whether it may be a member edge (True) and whether it may not be (False)."""
        actors = society.actors
        edge_kinds = []
        for i, j in self.edges:
            a, b = actors[i], actors[j]
            kinds = set()
            if a.member and b.member:
                kinds.add(True)
            if not (a.member and b.member) or a.joins or a.leaves or b.joins or b.leaves:
                kinds.add(False)
            edge_kinds.append(kinds)
        return edge_kinds

    # -- strategy instances ----------------------------------------------------------

    def attributes(self, e: int, side: int, both_members: bool) -> dict:
        """axelrod match attributes for the instance on ``side`` of edge ``e``: G' of that edge."""
        matrix = self.pay1[e] if side == 0 else self.pay2[e]
        key = (matrix.tobytes(), both_members)
        told = self._told.get(key)
        if told is None:
            game = Game(matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1])
            told = self._regimes[both_members].expected_game(game).to_axelrod()
            self._told[key] = told
        return {"length": self.told_length, "game": told, "noise": self.noise}

    def check_choice(self, choice: StrategyChoice, attributes: dict) -> None:
        """Raise :class:`StrategyFailed` if ``choice`` cannot be told ``attributes``."""
        try:
            tell(choice.make(), attributes)
        except Exception as error:
            raise StrategyFailed(
                f"{choice.name} cannot play the expected stage game G' = "
                f"({', '.join(f'{float(value):g}' for value in attributes['game'].RPST())}) "
                f"of one of its edges ({type(error).__name__}: {error}); leave it out or change "
                "the regime or payoffs"
            ) from error

    def instance(self, choice: StrategyChoice, e: int, side: int, both_members: bool, seeds):
        """A fresh instance, told its edge's game and seeded from the strategies' stream.

        Every instance is seeded (not only those axelrod classifies as stochastic),
        so no strategy can fall back on an unseeded generator.
        """
        player = choice.make()
        tell(player, self.attributes(e, side, both_members))
        player.set_seed(int(seeds.integers(0, 2**32 - 1)))
        return player

    # -- time ------------------------------------------------------------------------

    def shadow_after(self, period: int) -> float:
        """Probability of going on after ``period`` (1 when only ``turns`` limits the run)."""
        shadow = 1.0 if self.base_shadow is None else self.base_shadow
        for start, value in self.schedule:
            if period >= start:
                shadow = value
        return shadow
