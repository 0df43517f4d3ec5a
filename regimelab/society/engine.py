"""The multilateral engine: every edge plays one round per period, in lock-step (model page §7).

One period, for all edges at once:

1. membership changes and leader turnover take effect;
2. each actor's instance for each partner chooses an action (strategy calls:
   the only per-edge Python work besides recording histories);
3. members taking part in an exclusion of the partner play D instead;
4. noise flips, signals, payoffs, fines, violations and new exclusions are
   computed for all edges with numpy.

Randomness comes from one ``numpy.random.SeedSequence(seed)``: repetition
``r`` uses its ``r``-th child, which is split into independent streams for the
length of the run, noise, signals, participation in exclusions, turnover and
the strategies' own seeds. So a repetition's outcome depends only on the seed
and ``r`` (not on how many repetitions are run), and a feature that draws
nothing (participation 0 or 1, say) leaves every other stream untouched.
"""

from __future__ import annotations

import axelrod as axl
import numpy as np

from ..checks import check_repetitions, check_seed
from ..errors import StrategyFailed, StrategyRefused
from ..game import Game
from ..match import SignalView
from ..players import touches_source
from ..progress import progress_bar
from .model import Society, StrategyChoice, check_society
from .results import RunRecord, SocietyResult

C, D = axl.Action.C, axl.Action.D
ACTIONS = (C, D)

#: Edge kinds for the per-period cooperation shares.
MEMBER, CROSS, OUTSIDER = 0, 1, 2
#: Child streams of each repetition's SeedSequence.
STREAMS = ("length", "noise", "signals", "participation", "turnover", "strategies")


def run_society(
    society: Society,
    repetitions: int = 10,
    seed: int = 1,
    progress: bool = False,
    keep_actions: bool = False,
) -> SocietyResult:
    """Play ``society`` ``repetitions`` times from ``seed``; the seed alone fixes the result.

    ``keep_actions`` keeps each repetition's realised actions and signals
    (arrays of shape (periods, edges, 2), 1 = D) in ``result.runs[r]``.
    """
    society = check_society(society)
    check_repetitions(repetitions)
    check_seed(seed)
    plan = Plan(society)
    children = np.random.SeedSequence(int(seed)).spawn(int(repetitions))
    bar = progress_bar(int(repetitions), progress, "Playing the society", "repetition")
    runs = []
    try:
        for child in children:
            runs.append(simulate(plan, child, keep_actions))
            bar.update(1)
    finally:
        bar.close()
    return SocietyResult(society=society, repetitions=int(repetitions), seed=int(seed), runs=runs)


class Plan:
    """What does not change between repetitions: indices, payoffs, rules, told games."""

    def __init__(self, society: Society):
        self.society = society
        regime, options = society.regime, society.options
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

        # The dyadic rules of §3, with monitoring by kind of edge.
        self.noise = regime.noise
        self.p_member = regime.transparency
        outsider = options.outsider_transparency
        self.p_outsider = regime.transparency if outsider is None else outsider
        self.false_alarm = regime.false_alarm
        self.regime = regime  # its round_payoffs is the payoff kernel of every edge
        self.fines = regime.fine > 0 or regime.sanctions.partner_transfer != 0
        actors = society.actors
        self.membership_varies = any(a.joins is not None or a.leaves is not None for a in actors)
        self.outsiders_possible = self.membership_varies or not all(a.member for a in actors)
        probabilities = [self.p_member, self.false_alarm] + ([self.p_outsider] if self.outsiders_possible else [])
        self.random_signals = any(0.0 < q < 1.0 for q in probabilities)
        self.perfect = self.false_alarm == 0.0 and self.p_member == 1.0 and (
            self.p_outsider == 1.0 or not self.outsiders_possible
        )

        # The society-level regime.
        self.options = options
        self.excluding = options.excludes and any(a.member for a in actors)
        self.scope = options.scope
        self.participation = options.participation
        self.enforcement_cost = options.enforcement_cost
        self.exclusion_rounds = options.exclusion_rounds

        # Time.
        self.turns = regime.turns if regime.shadow is None else None
        self.base_shadow = regime.shadow
        self.schedule = [(change.start, change.shadow) for change in society.schedule]
        self.random_length = self.base_shadow is not None or bool(self.schedule)
        told_length = float("inf") if self.random_length else self.turns
        self.change_periods = sorted(
            {p for a in actors for p in (a.joins, a.leaves) if p is not None and p > 1}
        )

        # Turnover.
        turnover = society.turnover
        self.turnover = turnover if turnover is not None and turnover.probability > 0 else None
        if self.turnover is not None:
            names = society.names
            chosen = set(turnover.actors) if turnover.actors is not None else set(names)
            self.turnover_mask = np.array([name in chosen for name in names], dtype=bool)
        self.views = not self.perfect or self.turnover is not None

        # Strategies: refuse those that would see through signals or overrides.
        self.choices = [actor.strategy for actor in actors]
        pool = list(turnover.pool) if self.turnover is not None else []
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
        self.told_length = told_length
        # Fail early, naming the strategy, if one cannot accept a game it may be told
        # (an edge's kind may change with membership; newcomers may sit on any seat).
        edge_kinds = []
        for i, j in edges:
            a, b = actors[i], actors[j]
            kinds = set()
            if a.member and b.member:
                kinds.add(True)
            if not (a.member and b.member) or a.joins or a.leaves or b.joins or b.leaves:
                kinds.add(False)
            edge_kinds.append(kinds)
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
        try:
            choice.make().set_match_attributes(**attributes)
        except Exception as error:
            raise StrategyFailed(
                f"{choice.name} cannot play the expected stage game G' = {attributes['game'].RPST()} "
                f"of one of its edges ({type(error).__name__}: {error}); leave it out or change "
                "the regime or payoffs"
            ) from error

    def instance(self, choice: StrategyChoice, e: int, side: int, both_members: bool, seeds):
        """A fresh instance, told its edge's game and seeded from the strategies' stream.

        Every instance is seeded (not only those axelrod classifies as stochastic),
        so no strategy can fall back on an unseeded generator.
        """
        player = choice.make()
        player.set_match_attributes(**self.attributes(e, side, both_members))
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


class _Kinds:
    """Per-membership arrays, recomputed only when membership changes."""

    def __init__(self, plan: Plan, members: np.ndarray):
        self.members = members
        self.first = members[plan.ei]
        self.second = members[plan.ej]
        self.both = self.first & self.second
        self.kind = np.where(self.both, MEMBER, np.where(self.first | self.second, CROSS, OUTSIDER))
        self.moves = 2 * np.bincount(self.kind, minlength=3)
        self.detect = np.where(self.both, plan.p_member, plan.p_outsider)


def simulate(plan: Plan, seed_sequence: np.random.SeedSequence, keep_actions: bool = False) -> RunRecord:
    """One repetition of the society."""
    streams = dict(zip(STREAMS, (np.random.default_rng(s) for s in seed_sequence.spawn(len(STREAMS)))))
    society = plan.society
    n, E = plan.n, plan.E
    ei, ej = plan.ei, plan.ej
    events: list[dict] = []
    kinds = _Kinds(plan, society.members_at(1))
    seeds = streams["strategies"]

    # One instance per actor per partner; views hold what each partner has seen.
    current = list(plan.choices)
    p1 = [plan.instance(current[i], e, 0, bool(kinds.both[e]), seeds) for e, (i, j) in enumerate(plan.edges)]
    p2 = [plan.instance(current[j], e, 1, bool(kinds.both[e]), seeds) for e, (i, j) in enumerate(plan.edges)]
    if plan.views:
        v1 = [SignalView(p) for p in p1]  # the first actor as the second sees it
        v2 = [SignalView(p) for p in p2]
        opp1, opp2 = list(v2), list(v1)
    else:
        v1 = v2 = None
        opp1, opp2 = list(p2), list(p1)

    score1 = np.zeros(E)
    score2 = np.zeros(E)
    coop1 = np.zeros(E, dtype=np.int64)
    coop2 = np.zeros(E, dtype=np.int64)
    viol1 = np.zeros(E, dtype=np.int64)
    viol2 = np.zeros(E, dtype=np.int64)
    excluded_periods = np.zeros(n, dtype=np.int64)
    coop_by_kind: list = []
    moves_by_kind: list = []
    exclusions_active: list = []
    declared = 0
    kept_actions: list = []
    kept_signals: list = []

    no_edges = np.zeros(E, dtype=bool)
    prev_g1 = prev_g2 = no_edges
    S1 = S2 = prev_S1 = prev_S2 = no_edges
    part_until = np.zeros((n, n), dtype=np.int64) if plan.excluding else None
    changes = list(plan.change_periods)
    noise = plan.noise
    no_fines = no_edges  # no move is fined
    turns = plan.turns
    t = 0
    while True:
        t += 1
        # 1. membership and leaders
        if changes and changes[0] == t:
            changes.pop(0)
            before = kinds.members
            kinds = _Kinds(plan, society.members_at(t))
            for k in np.flatnonzero(before != kinds.members):
                events.append({"period": t, "actor": society.names[k],
                               "event": "joins" if kinds.members[k] else "leaves"})
        if plan.turnover is not None and t >= plan.turnover.start:
            rng = streams["turnover"]
            draws = rng.random(n)
            for k in np.flatnonzero(plan.turnover_mask & (draws < plan.turnover.probability)):
                choice = plan.turnover.pool[int(rng.integers(len(plan.turnover.pool)))]
                current[k] = choice
                for e, side in plan.incidence[k]:
                    fresh = plan.instance(choice, e, side, bool(kinds.both[e]), seeds)
                    if side == 0:
                        p1[e] = fresh
                        v1[e]._player = fresh  # the partner remembers the state's record
                        v2[e] = opp1[e] = SignalView(p2[e])  # the newcomer has seen nothing
                    else:
                        p2[e] = fresh
                        v2[e]._player = fresh
                        v1[e] = opp2[e] = SignalView(p1[e])
                events.append({"period": t, "actor": society.names[k], "event": "turnover",
                               "strategy": choice.name})

        # 2. exclusions in force: members taking part play D against the excluded
        if plan.excluding:
            S1 = kinds.first & (part_until[ei, ej] >= t)
            S2 = kinds.second & (part_until[ej, ei] >= t)
            sanctioning = S1.any() or S2.any()
        else:
            sanctioning = False

        # 3. strategies choose
        try:
            a1 = [p.strategy(o) is D for p, o in zip(p1, opp1)]
            a2 = [p.strategy(o) is D for p, o in zip(p2, opp2)]
        except Exception as error:
            raise _strategy_failed(error, plan, p1, p2, t) from error
        r1 = np.array(a1, dtype=bool)
        r2 = np.array(a2, dtype=bool)
        if sanctioning:
            r1 |= S1
            r2 |= S2
        if noise:
            flips = streams["noise"].random((2, E)) < noise
            r1 ^= flips[0]
            r2 ^= flips[1]

        # 4. signals
        if plan.perfect:
            g1, g2 = r1, r2
        else:
            q1 = np.where(r1, kinds.detect, plan.false_alarm)
            q2 = np.where(r2, kinds.detect, plan.false_alarm)
            if plan.random_signals:
                u = streams["signals"].random((2, E))
                g1, g2 = u[0] < q1, u[1] < q2
            else:  # probabilities are 0 or 1
                g1, g2 = q1 > 0.5, q2 > 0.5

        # 5. histories: own realised action, the partner's signal
        R1, R2 = r1.tolist(), r2.tolist()
        if plan.views:
            G1, G2 = g1.tolist(), g2.tolist()
            for pa, pb, va, vb, x, y, gx, gy in zip(p1, p2, v1, v2, R1, R2, G1, G2):
                ax, ay, sx, sy = ACTIONS[x], ACTIONS[y], ACTIONS[gx], ACTIONS[gy]
                pa.update_history(ax, sy)
                pb.update_history(ay, sx)
                va.history.append(sx, ay)
                vb.history.append(sy, ax)
        else:
            for pa, pb, x, y in zip(p1, p2, R1, R2):
                ax, ay = ACTIONS[x], ACTIONS[y]
                pa.update_history(ax, ay)
                pb.update_history(ay, ax)
        if keep_actions:
            kept_actions.append(np.stack([r1, r2], axis=1).astype(np.int8))
            kept_signals.append(np.stack([g1, g2], axis=1).astype(np.int8))

        # 6. payoffs: the regime's kernel on every edge (§3 step 5), with the
        # fines' signals only where a member's unexcused move is signalled d (7.4)
        x1, x2 = r1.astype(np.intp), r2.astype(np.intp)
        c1, c2 = ~r1, ~r2
        if plan.fines:
            excused1 = S1 | S2 | prev_S2  # a sanction, or an answer to one
            excused2 = S2 | S1 | prev_S1
            fined1 = g1 & kinds.both & ~excused1
            fined2 = g2 & kinds.both & ~excused2
        else:
            fined1 = fined2 = no_fines
        u1, u2 = plan.regime.round_payoffs(
            plan.flat1[plan.base4 + 2 * x1 + x2], plan.flat2[plan.base4 + 2 * x2 + x1], x1, x2, fined1, fined2
        )
        if sanctioning and plan.enforcement_cost:
            u1 = u1 - plan.enforcement_cost * S1
            u2 = u2 - plan.enforcement_cost * S2
        score1 += u1
        score2 += u2
        coop1 += c1
        coop2 += c2
        coop_by_kind.append(np.bincount(kinds.kind, weights=c1.astype(float) + c2, minlength=3))
        moves_by_kind.append(kinds.moves)

        # 7. violations: unprovoked signalled defections against members
        v1_ = g1 & kinds.second & ~(S1 | S2 | prev_S2 | prev_g2)
        v2_ = g2 & kinds.first & ~(S2 | S1 | prev_S1 | prev_g1)
        viol1 += v1_
        viol2 += v2_
        if sanctioning:
            targets = np.union1d(ej[S1], ei[S2])
            excluded_periods[targets] += 1
            exclusions_active.append(len(targets))
        else:
            exclusions_active.append(0)
        if plan.excluding:
            if plan.scope == "defensive_alliance":  # only outsiders' defections are answered together
                v1_ = v1_ & ~kinds.first
                v2_ = v2_ & ~kinds.second
            if v1_.any() or v2_.any():
                declared += _declare(plan, part_until, kinds.members, np.union1d(ei[v1_], ej[v2_]), t, streams)
        prev_g1, prev_g2, prev_S1, prev_S2 = g1, g2, S1, S2

        # 8. does the society go on?
        if turns is not None and t >= turns:
            break
        if plan.random_length and streams["length"].random() >= plan.shadow_after(t):
            break

    scores = np.bincount(ei, weights=score1, minlength=n) + np.bincount(ej, weights=score2, minlength=n)
    cooperations = np.bincount(ei, weights=coop1, minlength=n) + np.bincount(ej, weights=coop2, minlength=n)
    violations = np.bincount(ei, weights=viol1, minlength=n) + np.bincount(ej, weights=viol2, minlength=n)
    return RunRecord(
        periods=t,
        scores=scores,
        moves=plan.degree * t,
        cooperations=cooperations.astype(np.int64),
        violations=violations.astype(np.int64),
        periods_excluded=excluded_periods,
        cooperation_by_kind=np.array(coop_by_kind),
        moves_by_kind=np.array(moves_by_kind),
        exclusions_active=np.array(exclusions_active, dtype=np.int64),
        exclusions_declared=declared,
        events=events,
        strategies=[choice.name for choice in current],
        actions=np.array(kept_actions) if keep_actions else None,
        signals=np.array(kept_signals) if keep_actions else None,
    )


def _declare(plan: Plan, part_until: np.ndarray, members: np.ndarray, offenders, t: int, streams) -> int:
    """Exclusions of ``offenders`` from period t+1: each member that meets one takes part
    with probability ``participation``, for ``exclusion_rounds`` periods."""
    until = t + plan.exclusion_rounds
    participation = plan.participation
    for offender in offenders:
        candidates = plan.neighbours[offender]
        candidates = candidates[members[candidates]]
        if participation < 1.0:
            if participation == 0.0:
                continue
            candidates = candidates[streams["participation"].random(len(candidates)) < participation]
        part_until[candidates, offender] = np.maximum(part_until[candidates, offender], until)
    return len(offenders)


def _strategy_failed(error: Exception, plan: Plan, p1, p2, period: int) -> StrategyFailed:
    """Name the actor and partner whose strategy raised, from the traceback."""
    where = ""
    owners = {id(p): (e, 0) for e, p in enumerate(p1)}
    owners.update({id(p): (e, 1) for e, p in enumerate(p2)})
    tb = error.__traceback__
    while tb is not None:
        player = tb.tb_frame.f_locals.get("self")
        if id(player) in owners:
            e, side = owners[id(player)]
            i, j = plan.edges[e]
            names = plan.society.names
            me, partner = (names[i], names[j]) if side == 0 else (names[j], names[i])
            where = f"{me} ({player}) against {partner}"
            break
        tb = tb.tb_next
    return StrategyFailed(
        f"{where or 'a strategy'} failed in period {period} "
        f"({type(error).__name__}: {error}); leave it out or change the society"
    )

