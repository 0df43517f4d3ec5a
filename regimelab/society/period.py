"""One repetition of a society, period by period: the steps of model page §7.4.

:class:`Repetition` holds what a repetition carries from one period to the
next (the strategy instances and what each has seen of its partner, the
membership in force, the exclusions declared, the tallies) and has one method
per step of a period. :meth:`Repetition.play_period` runs them in the order of
§7.4, for all edges at once:

1. membership changes, then leader turnover, take effect;
2. exclusions in force: members taking part play D against the excluded;
3. choices: each actor's instance for each partner chooses an action (the
   strategy calls: the only per-edge Python work besides recording histories);
4. noise; 5. signals; 6. histories; 7. payoffs; 8. violations;
9. new exclusions.

Step 10, :meth:`Repetition.goes_on`, is asked by the loop over periods in
:mod:`.engine`. Everything but the strategy calls and the histories is
computed with numpy. Each step draws only from its own stream (``streams``,
made by :mod:`.engine`), so a step that draws nothing leaves the others alone.
"""

from __future__ import annotations

import axelrod as axl
import numpy as np

from ..errors import StrategyFailed
from ..match import SignalView
from .plan import Plan
from .results import RunRecord

C, D = axl.Action.C, axl.Action.D
ACTIONS = (C, D)

#: Edge kinds for the per-period cooperation shares.
MEMBER, CROSS, OUTSIDER = 0, 1, 2


def _nothing(count: int) -> None:
    pass


def _counted(instance, made):
    """``instance``, once ``made(1)`` has heard of it (the seating's progress on a large society)."""
    made(1)
    return instance


class Kinds:
    """Per-membership arrays, recomputed only when membership changes."""

    def __init__(self, plan: Plan, members: np.ndarray):
        self.members = members
        self.first = members[plan.ei]
        self.second = members[plan.ej]
        self.both = self.first & self.second
        self.kind = np.where(self.both, MEMBER, np.where(self.first | self.second, CROSS, OUTSIDER))
        self.moves = 2 * np.bincount(self.kind, minlength=3)
        self.detect = np.where(self.both, plan.p_member, plan.p_outsider)


class Repetition:
    """One repetition in progress: its state between periods, and the steps of a period (§7.4).

    Per edge ``e`` (actors ``i < j``), ``p1[e]`` is i's instance and ``p2[e]``
    j's; ``opp1[e]`` is what ``p1[e]`` plays against (j's instance, or a
    :class:`SignalView` of it holding j's signals), ``opp2[e]`` likewise. Arrays
    ending in 1 or 2 are per edge, for the first or the second actor.
    """

    def __init__(self, plan: Plan, streams: dict, keep_actions: bool = False, instances_made=None):
        """``instances_made(n)``, if given, hears as the strategy instances are made (a progress bar's update)."""
        self.plan = plan
        self.streams = streams
        self.keep_actions = keep_actions
        self.kinds = Kinds(plan, plan.society.members_at(1))
        self.changes = list(plan.change_periods)
        self.events: list[dict] = []
        self.current = list(plan.choices)  # each actor's strategy, after turnover
        self._seat_instances(instances_made)
        self._start_tallies()
        # In force this period, and remembered from the last: sanctions (S) and signals (g).
        self.no_edges = np.zeros(plan.E, dtype=bool)
        self.S1 = self.S2 = self.prev_S1 = self.prev_S2 = self.no_edges
        self.prev_g1 = self.prev_g2 = self.no_edges
        self.sanctioning = False
        # part_until[m, v]: the last period in which m takes part in excluding v.
        self.part_until = np.zeros((plan.n, plan.n), dtype=np.int64) if plan.excluding else None

    def _seat_instances(self, instances_made=None) -> None:
        """One instance per actor per partner; views hold what each partner has seen."""
        plan, current, both, seeds = self.plan, self.current, self.kinds.both, self.streams["strategies"]
        made = instances_made or _nothing
        self.p1 = [_counted(plan.instance(current[i], e, 0, bool(both[e]), seeds), made)
                   for e, (i, j) in enumerate(plan.edges)]
        self.p2 = [_counted(plan.instance(current[j], e, 1, bool(both[e]), seeds), made)
                   for e, (i, j) in enumerate(plan.edges)]
        if plan.views:
            self.v1 = [SignalView(p) for p in self.p1]  # the first actor as the second sees it
            self.v2 = [SignalView(p) for p in self.p2]
            self.opp1, self.opp2 = list(self.v2), list(self.v1)
        else:
            self.v1 = self.v2 = None
            self.opp1, self.opp2 = list(self.p2), list(self.p1)

    def _start_tallies(self) -> None:
        """The totals per edge and the series per period that :meth:`record` reports."""
        E, n = self.plan.E, self.plan.n
        self.score1 = np.zeros(E)
        self.score2 = np.zeros(E)
        self.coop1 = np.zeros(E, dtype=np.int64)
        self.coop2 = np.zeros(E, dtype=np.int64)
        self.viol1 = np.zeros(E, dtype=np.int64)
        self.viol2 = np.zeros(E, dtype=np.int64)
        self.excluded_periods = np.zeros(n, dtype=np.int64)
        self.coop_by_kind: list = []
        self.moves_by_kind: list = []
        self.exclusions_active: list = []
        self.declared = 0
        self.kept_actions: list = []
        self.kept_signals: list = []

    # -- one period --------------------------------------------------------------------

    def play_period(self, t: int) -> None:
        """Period ``t``: steps 1-9 of §7.4, in order (step 10 is :meth:`goes_on`)."""
        self.update_membership(t)
        if self.plan.turnover is not None and t >= self.plan.turnover.start:
            self.turn_over_leaders(t)
        self.exclusions_in_force(t)
        r1, r2 = self.choose(t)
        self.add_noise(r1, r2)
        g1, g2 = self.draw_signals(r1, r2)
        self.update_histories(r1, r2, g1, g2)
        self.pay(r1, r2, g1, g2)
        v1, v2 = self.find_violations(g1, g2)
        self.declare_exclusions(v1, v2, t)
        self.prev_g1, self.prev_g2, self.prev_S1, self.prev_S2 = g1, g2, self.S1, self.S2

    def update_membership(self, t: int) -> None:
        """Step 1: membership changes take effect at the start of period ``t`` (§7.1)."""
        changes = self.changes
        if changes and changes[0] == t:
            changes.pop(0)
            before = self.kinds.members
            self.kinds = Kinds(self.plan, self.plan.society.members_at(t))
            names = self.plan.society.names
            for k in np.flatnonzero(before != self.kinds.members):
                self.events.append({"period": t, "actor": names[k],
                                    "event": "joins" if self.kinds.members[k] else "leaves"})

    def turn_over_leaders(self, t: int) -> None:
        """Step 1: each actor subject to turnover gets a new leader with its probability (§7.6)."""
        plan, rng = self.plan, self.streams["turnover"]
        turnover = plan.turnover
        draws = rng.random(plan.n)
        for k in np.flatnonzero(plan.turnover_mask & (draws < turnover.probability)):
            choice = turnover.pool[int(rng.integers(len(turnover.pool)))]
            self.current[k] = choice
            for e, side in plan.incidence[k]:
                self._reseat(choice, e, side)
            self.events.append({"period": t, "actor": plan.society.names[k], "event": "turnover",
                                "strategy": choice.name})

    def _reseat(self, choice, e: int, side: int) -> None:
        """A new leader's fresh instance on ``side`` of edge ``e``: it has seen nothing of the partner,
        while the partner remembers the state's record."""
        fresh = self.plan.instance(choice, e, side, bool(self.kinds.both[e]), self.streams["strategies"])
        if side == 0:
            self.p1[e] = fresh
            self.v1[e].rebind(fresh)
            self.v2[e] = self.opp1[e] = SignalView(self.p2[e])
        else:
            self.p2[e] = fresh
            self.v2[e].rebind(fresh)
            self.v1[e] = self.opp2[e] = SignalView(self.p1[e])

    def exclusions_in_force(self, t: int) -> None:
        """Step 2: which members take part in an exclusion of their partner in period ``t`` (§7.5).

        Sets ``S1``/``S2`` (the first/second actor of an edge sanctions the
        other) and counts the actors excluded by at least one member.
        """
        plan = self.plan
        if not plan.excluding:
            self.exclusions_active.append(0)
            return
        kinds, ei, ej, part_until = self.kinds, plan.ei, plan.ej, self.part_until
        self.S1 = S1 = kinds.first & (part_until[ei, ej] >= t)
        self.S2 = S2 = kinds.second & (part_until[ej, ei] >= t)
        self.sanctioning = S1.any() or S2.any()
        if self.sanctioning:
            targets = np.union1d(ej[S1], ei[S2])
            self.excluded_periods[targets] += 1
            self.exclusions_active.append(len(targets))
        else:
            self.exclusions_active.append(0)

    def choose(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """Step 3: every instance chooses; a member taking part in an exclusion plays D instead.

        Returns the intended actions per edge, True = D.
        """
        p1, p2 = self.p1, self.p2
        try:
            a1 = [p.strategy(o) is D for p, o in zip(p1, self.opp1)]
            a2 = [p.strategy(o) is D for p, o in zip(p2, self.opp2)]
        except Exception as error:
            raise self._strategy_failed(error, t) from error
        r1 = np.array(a1, dtype=bool)
        r2 = np.array(a2, dtype=bool)
        if self.sanctioning:
            r1 |= self.S1
            r2 |= self.S2
        return r1, r2

    def add_noise(self, r1: np.ndarray, r2: np.ndarray) -> None:
        """Step 4: noise flips each intended action, sanctions included; in place, giving the realised ones."""
        noise = self.plan.noise
        if noise:
            flips = self.streams["noise"].random((2, self.plan.E)) < noise
            r1 ^= flips[0]
            r2 ^= flips[1]

    def draw_signals(self, r1: np.ndarray, r2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Step 5: each realised action's public signal, True = d (detection by kind of edge)."""
        plan = self.plan
        if plan.perfect:
            return r1, r2
        q1 = np.where(r1, self.kinds.detect, plan.false_alarm)
        q2 = np.where(r2, self.kinds.detect, plan.false_alarm)
        if plan.random_signals:
            u = self.streams["signals"].random((2, plan.E))
            return u[0] < q1, u[1] < q2
        return q1 > 0.5, q2 > 0.5  # probabilities are 0 or 1

    def update_histories(self, r1: np.ndarray, r2: np.ndarray, g1: np.ndarray, g2: np.ndarray) -> None:
        """Step 6: each instance records its own realised action and its partner's signal."""
        R1, R2 = r1.tolist(), r2.tolist()
        if self.plan.views:
            G1, G2 = g1.tolist(), g2.tolist()
            for pa, pb, va, vb, x, y, gx, gy in zip(self.p1, self.p2, self.v1, self.v2, R1, R2, G1, G2):
                ax, ay, sx, sy = ACTIONS[x], ACTIONS[y], ACTIONS[gx], ACTIONS[gy]
                pa.update_history(ax, sy)
                pb.update_history(ay, sx)
                va.history.append(sx, ay)
                vb.history.append(sy, ax)
        else:
            for pa, pb, x, y in zip(self.p1, self.p2, R1, R2):
                ax, ay = ACTIONS[x], ACTIONS[y]
                pa.update_history(ax, ay)
                pb.update_history(ay, ax)
        if self.keep_actions:
            self.kept_actions.append(np.stack([r1, r2], axis=1).astype(np.int8))
            self.kept_signals.append(np.stack([g1, g2], axis=1).astype(np.int8))

    def pay(self, r1: np.ndarray, r2: np.ndarray, g1: np.ndarray, g2: np.ndarray) -> None:
        """Step 7: the regime's payoff kernel on every edge (§3 step 5), less the cost of enforcement.

        The fines' signals count only where a member's move on a member edge is
        signalled d and is neither a sanction nor an answer to one.
        """
        plan, S1, S2 = self.plan, self.S1, self.S2
        x1, x2 = r1.astype(np.intp), r2.astype(np.intp)
        c1, c2 = ~r1, ~r2
        if plan.fines:
            both = self.kinds.both
            fined1 = g1 & both & ~(S1 | S2 | self.prev_S2)  # excused: a sanction, or an answer to one
            fined2 = g2 & both & ~(S2 | S1 | self.prev_S1)
        else:
            fined1 = fined2 = self.no_edges  # no move is fined
        u1, u2 = plan.regime.round_payoffs(
            plan.flat1[plan.base4 + 2 * x1 + x2], plan.flat2[plan.base4 + 2 * x2 + x1], x1, x2, fined1, fined2
        )
        if self.sanctioning and plan.enforcement_cost:
            u1 = u1 - plan.enforcement_cost * S1
            u2 = u2 - plan.enforcement_cost * S2
        self.score1 += u1
        self.score2 += u2
        self.coop1 += c1
        self.coop2 += c2
        self.coop_by_kind.append(np.bincount(self.kinds.kind, weights=c1.astype(float) + c2, minlength=3))
        self.moves_by_kind.append(self.kinds.moves)

    def find_violations(self, g1: np.ndarray, g2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Step 8: unprovoked signalled defections against members, counted under every scope."""
        kinds, S1, S2 = self.kinds, self.S1, self.S2
        v1 = g1 & kinds.second & ~(S1 | S2 | self.prev_S2 | self.prev_g2)
        v2 = g2 & kinds.first & ~(S2 | S1 | self.prev_S1 | self.prev_g1)
        self.viol1 += v1
        self.viol2 += v2
        return v1, v2

    def declare_exclusions(self, v1: np.ndarray, v2: np.ndarray, t: int) -> None:
        """Step 9: exclusions of the violators the scope answers, from period t+1 (§7.5).

        Each member that meets an offender takes part with probability
        ``participation``, for ``exclusion_rounds`` periods.
        """
        plan = self.plan
        if not plan.excluding:
            return
        if plan.scope == "defensive_alliance":  # only outsiders' defections are answered together
            v1 = v1 & ~self.kinds.first
            v2 = v2 & ~self.kinds.second
        if not (v1.any() or v2.any()):
            return
        offenders = np.union1d(plan.ei[v1], plan.ej[v2])
        until = t + plan.exclusion_rounds
        participation, members, part_until = plan.participation, self.kinds.members, self.part_until
        for offender in offenders:
            candidates = plan.neighbours[offender]
            candidates = candidates[members[candidates]]
            if participation < 1.0:
                if participation == 0.0:
                    continue
                candidates = candidates[self.streams["participation"].random(len(candidates)) < participation]
            part_until[candidates, offender] = np.maximum(part_until[candidates, offender], until)
        self.declared += len(offenders)

    def goes_on(self, t: int) -> bool:
        """Step 10: whether the society goes on after period ``t`` (§7.6)."""
        plan = self.plan
        if plan.turns is not None and t >= plan.turns:
            return False
        return not (plan.random_length and self.streams["length"].random() >= plan.shadow_after(t))

    # -- the outcome -----------------------------------------------------------------

    def record(self, periods: int) -> RunRecord:
        """The repetition's record after ``periods`` periods: per-edge totals summed per actor."""
        plan = self.plan
        ei, ej, n = plan.ei, plan.ej, plan.n

        def per_actor(first, second):
            return np.bincount(ei, weights=first, minlength=n) + np.bincount(ej, weights=second, minlength=n)

        return RunRecord(
            periods=periods,
            scores=per_actor(self.score1, self.score2),
            moves=plan.degree * periods,
            cooperations=per_actor(self.coop1, self.coop2).astype(np.int64),
            violations=per_actor(self.viol1, self.viol2).astype(np.int64),
            periods_excluded=self.excluded_periods,
            cooperation_by_kind=np.array(self.coop_by_kind),
            moves_by_kind=np.array(self.moves_by_kind),
            exclusions_active=np.array(self.exclusions_active, dtype=np.int64),
            exclusions_declared=self.declared,
            events=self.events,
            strategies=[choice.name for choice in self.current],
            actions=np.array(self.kept_actions) if self.keep_actions else None,
            signals=np.array(self.kept_signals) if self.keep_actions else None,
        )

    def _strategy_failed(self, error: Exception, period: int) -> StrategyFailed:
        """Name the actor and partner whose strategy raised, from the traceback."""
        where = ""
        owners = {id(p): (e, 0) for e, p in enumerate(self.p1)}
        owners.update({id(p): (e, 1) for e, p in enumerate(self.p2)})
        tb = error.__traceback__
        while tb is not None:
            player = tb.tb_frame.f_locals.get("self")
            if id(player) in owners:
                e, side = owners[id(player)]
                i, j = self.plan.edges[e]
                names = self.plan.society.names
                me, partner = (names[i], names[j]) if side == 0 else (names[j], names[i])
                where = f"{me} ({player}) against {partner}"
                break
            tb = tb.tb_next
        return StrategyFailed(
            f"{where or 'a strategy'} failed in period {period} "
            f"({type(error).__name__}: {error}); leave it out or change the society"
        )
