"""What a society's runs share (regimelab/society/plan.py): edges and who meets whom,
monitoring by kind of edge, the games strategies are told, time, and the strategies refused."""

from __future__ import annotations

import math

import numpy as np
import pytest
from society_helpers import COLLECTIVE, society

import regimelab as rl
from regimelab.errors import StrategyRefused
from regimelab.society import Actor, ShadowChange, SocietyOptions, Turnover, run_society
from regimelab.society.plan import Plan


def test_strategies_that_inspect_their_opponent_are_refused_where_they_would_see_through():
    s = society(("A", "Darwin"), ("B", "Tit For Tat"), regime=rl.Regime(turns=5), options=COLLECTIVE)
    with pytest.raises(StrategyRefused, match="Darwin"):
        run_society(s, 1, 1)
    run_society(s.replace(options={"scope": "none"}), 1, 1)  # perfect monitoring, no society regime: plays


def test_turnover_refuses_a_pool_strategy_that_would_see_through():
    s = society(("A", "Tit For Tat"), ("B", "Tit For Tat"), turnover=Turnover(0.1, ("Darwin",)))
    with pytest.raises(StrategyRefused, match="Darwin"):
        Plan(s)


def test_edges_and_who_meets_whom():
    plan = Plan(society(("Hub", "tft"), ("S1", "tft"), ("S2", "tft"), graph="hub", hub="Hub"))
    assert plan.n == 3 and plan.E == 2 and plan.edges == [(0, 1), (0, 2)]
    assert plan.ei.tolist() == [0, 0] and plan.ej.tolist() == [1, 2]
    assert plan.incidence == [[(0, 0), (1, 0)], [(0, 1)], [(1, 1)]]
    assert [n.tolist() for n in plan.neighbours] == [[1, 2], [0], [0]]
    assert plan.degree.tolist() == [2, 1, 1]
    assert plan.pay1.shape == (2, 2, 2) and plan.flat1.tolist() == [3, 0, 5, 1] * 2


def test_monitoring_of_outsiders_and_whether_signals_are_random():
    members_only = Plan(society(("A", "tft"), ("B", "tft"), regime=rl.Regime(turns=5, transparency=0.8),
                                options=SocietyOptions(outsider_transparency=0.2)))
    assert members_only.p_member == 0.8 and members_only.p_outsider == 0.2
    assert not members_only.outsiders_possible and members_only.random_signals and not members_only.perfect
    perfect = Plan(society(("A", "tft"), ("B", "tft"), ("C", "tft", False),
                           options=SocietyOptions(outsider_transparency=1.0)))
    assert perfect.outsiders_possible and perfect.perfect and not perfect.random_signals
    hidden = Plan(society(("A", "tft"), ("B", "tft"), ("C", "tft", False),
                          options=SocietyOptions(outsider_transparency=0.0)))
    assert hidden.p_outsider == 0.0 and not hidden.random_signals and not hidden.perfect


def test_outsiders_are_told_a_game_without_the_members_fines():
    plan = Plan(society(("A", "tft"), ("B", "tft"), ("C", "tft", False), regime=rl.Regime(turns=5, fine=2)))
    member = plan.attributes(0, 0, both_members=True)
    outsider = plan.attributes(1, 0, both_members=False)
    assert member["length"] == 5 and member["noise"] == 0.0
    # (R, P, S, T) of G' under a fine of 2 with perfect detection: T' = 5 - 2, P' = 1 - 2 (model page §4)
    assert tuple(member["game"].RPST()) == (3, -1, 0, 3)
    assert tuple(outsider["game"].RPST()) == (3, 1, 0, 5)
    assert plan.attributes(0, 0, True) is not member and plan.attributes(0, 0, True)["game"] is member["game"]


def test_a_shadow_is_told_as_an_unknown_length():
    plan = Plan(society(("A", "tft"), ("B", "tft"), regime=rl.Regime(shadow=0.9)))
    assert plan.random_length and plan.turns is None and math.isinf(plan.told_length)


def test_shadow_after_follows_the_schedule():
    plan = Plan(society(("A", "tft"), ("B", "tft"), regime=rl.Regime(shadow=0.9),
                        schedule=(ShadowChange(3, 0.5), ShadowChange(6, 0.0))))
    assert [plan.shadow_after(t) for t in range(1, 8)] == [0.9, 0.9, 0.5, 0.5, 0.5, 0.0, 0.0]
    fixed = Plan(society(("A", "tft"), ("B", "tft"), regime=rl.Regime(turns=10)))
    assert fixed.shadow_after(3) == 1.0 and not fixed.random_length and fixed.told_length == 10


def test_membership_changes_and_turnover_are_planned():
    plan = Plan(society(Actor("A", "tft", joins=4), Actor("B", "tft", leaves=7), ("C", "tft"),
                        turnover=Turnover(0.1, ("Defector",), actors=("C",))))
    assert plan.change_periods == [4, 7] and plan.membership_varies
    assert plan.turnover_mask.tolist() == [False, False, True] and plan.views
    idle = Plan(society(("A", "tft"), ("B", "tft"), turnover=Turnover(0.0, ("Defector",))))
    assert idle.turnover is None and not idle.views


def test_an_instance_is_fresh_told_its_game_and_seeded():
    plan = Plan(society(("A", "Random"), ("B", "tft"), regime=rl.Regime(turns=7)))
    seeds = np.random.default_rng(1)
    one = plan.instance(plan.choices[0], 0, 0, True, seeds)
    two = plan.instance(plan.choices[0], 0, 0, True, seeds)
    assert one is not two and one.match_attributes["length"] == 7
    assert [one.strategy(two) for _ in range(20)] != [two.strategy(one) for _ in range(20)]
