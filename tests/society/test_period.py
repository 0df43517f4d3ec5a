"""One period of a society (model page §7.4, regimelab/society/period.py): exclusion and
participation, who answers whom under each scope, membership over time, monitoring of
outsiders, payoffs, and leader turnover."""

from __future__ import annotations

import numpy as np
import pytest
from society_helpers import COLLECTIVE, actor_row, move, society

import regimelab as rl
from regimelab.society import Actor, SocietyOptions, Turnover, run_society

# -- exclusion ---------------------------------------------------------------------


def test_exclusion_lowers_a_persistent_violators_payoff():
    """Four compliant members and a member that always cheats (detected 90% of the time):
    excluding it cuts its payoff (from 5 per partner and period towards 1) and raises
    everyone else's."""
    actors = [(f"Member {k}", "Cooperator") for k in range(4)] + [("Cheat", "Defector")]
    regime = rl.Regime(turns=100, transparency=0.9)
    without = run_society(society(*actors, regime=regime), repetitions=3, seed=5)
    with_exclusion = run_society(
        society(*actors, regime=regime, options=SocietyOptions("collective_security", 5)), repetitions=3, seed=5
    )
    cheat_without = actor_row(without, "Cheat")["mean_score_per_period"]
    cheat_with = actor_row(with_exclusion, "Cheat")["mean_score_per_period"]
    assert cheat_without == 20  # 4 partners x 5
    assert cheat_with < 0.6 * cheat_without  # measured: 8.6
    assert actor_row(with_exclusion, "Cheat")["periods_excluded"] > 60  # measured: 71
    for k in range(4):
        assert actor_row(with_exclusion, f"Member {k}")["mean_score_per_period"] > 9  # measured: 9.7 against 9


def test_with_noise_honest_mistakes_are_excluded_too():
    """An implementation error is an unprovoked signalled defection like any other: the
    compliant members are excluded for their own mistakes (docs/model.md §7.4)."""
    actors = [(f"Member {k}", "Cooperator") for k in range(4)] + [("Cheat", "Defector")]
    regime = rl.Regime(turns=100, noise=0.02)
    result = run_society(society(*actors, regime=regime, options=SocietyOptions("collective_security", 5)), 3, 5)
    assert all(actor_row(result, f"Member {k}")["periods_excluded"] > 0 for k in range(4))
    assert actor_row(result, "Cheat")["mean_score_per_period"] < 10


def test_sanctions_are_not_fined_and_the_answers_to_them_are_not_violations():
    """Worked by hand (docs/model.md §7.4): fine 2, exclusion for 3 periods, 5 periods.

    Period 1: the Cheat defects against A and B: two violations, fined 2 each
    (Cheat 5+5-4 = 6; A 0+3). Periods 2-4: A and B exclude it; their D is a
    sanction (not fined), its D answers a sanction (not fined, not a
    violation): Cheat 1+1, A 1+3. Period 5: the exclusion is over; the Cheat's
    D answers last period's sanction: Cheat 5+5, A 0+3.
    """
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("Cheat", "Defector"),
                regime=rl.Regime(turns=5, fine=2), options=COLLECTIVE)
    result = run_society(s, repetitions=1, seed=1)
    assert actor_row(result, "Cheat")["total_score"] == 6 + 3 * 2 + 10
    assert actor_row(result, "A")["total_score"] == 3 + 3 * 4 + 3
    assert actor_row(result, "Cheat")["violations"] == 2
    assert actor_row(result, "Cheat")["periods_excluded"] == 3
    assert list(result.periods.exclusions_active) == [0, 1, 1, 1, 0]


def test_enforcement_cost_is_paid_per_period_of_taking_part():
    base = society(("A", "Cooperator"), ("B", "Cooperator"), ("Cheat", "Defector"),
                   regime=rl.Regime(turns=5), options=COLLECTIVE)
    costly = base.replace(options={"enforcement_cost": 0.25})
    cheap, dear = run_society(base, 1, 1), run_society(costly, 1, 1)
    assert actor_row(cheap, "A")["total_score"] - actor_row(dear, "A")["total_score"] == pytest.approx(3 * 0.25)
    assert actor_row(cheap, "Cheat")["total_score"] == actor_row(dear, "Cheat")["total_score"]


def test_participation_zero_equals_no_exclusion():
    """Same seed: participation 0 under collective security plays exactly as scope none,
    draw for draw (noise, random signals, stochastic strategies), and costs nothing."""
    actors = [("A", "Tit For Tat"), ("B", "GTFT"), ("C", "Random"), ("D", "Defector"), ("E", "Cooperator", False)]
    regime = rl.Regime(turns=80, noise=0.05, transparency=0.7, false_alarm=0.05, fine=1)
    none = society(*actors, regime=regime, options=SocietyOptions(outsider_transparency=0.5))
    zero = none.replace(options={"scope": "collective_security", "participation": 0.0, "enforcement_cost": 3.0})
    a = run_society(none, repetitions=3, seed=9, keep_actions=True)
    b = run_society(zero, repetitions=3, seed=9, keep_actions=True)
    for run_a, run_b in zip(a.runs, b.runs):
        assert np.array_equal(run_a.actions, run_b.actions)
        assert np.array_equal(run_a.signals, run_b.signals)
        assert np.array_equal(run_a.scores, run_b.scores)
    assert a.actors.equals(b.actors)
    assert a.periods.equals(b.periods)
    assert b.actors.periods_excluded.sum() == 0
    assert sum(run.exclusions_declared for run in b.runs) > 0  # declared, but no one took part


def test_low_participation_excludes_less_than_full_participation():
    actors = [(f"M{k}", "Cooperator") for k in range(5)] + [("Cheat", "Defector")]
    regime = rl.Regime(turns=60)
    options = COLLECTIVE.replace(exclusion_rounds=10)
    full = run_society(society(*actors, regime=regime, options=options), 4, 2)
    low = run_society(society(*actors, regime=regime, options=options.replace(participation=0.2)), 4, 2)
    # Full: excluded 10 periods of every 12 (2 x 25 + 10 x 5) / 12 = 8.3 per period.
    assert actor_row(full, "Cheat")["mean_score_per_period"] == pytest.approx(8.33, abs=0.5)
    # Low: a violation against a member who did not take part is a new one (measured 11.3).
    assert actor_row(low, "Cheat")["mean_score_per_period"] > actor_row(full, "Cheat")["mean_score_per_period"] + 2


# -- scope: who answers whom -------------------------------------------------------


@pytest.mark.parametrize("scope,answers_member,answers_outsider", [
    ("collective_security", True, True),
    ("defensive_alliance", False, True),
    ("none", False, False),
])
def test_scope_decides_who_answers_whom(scope, answers_member, answers_outsider):
    """A member cheat and an outsider cheat both defect against the compliant members in
    period 1; in period 2 the members exclude (play D against) whom the scope says."""
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("Cheat", "Defector"), ("Outsider", "Defector", False),
                regime=rl.Regime(turns=4), options=SocietyOptions(scope, 2))
    result = run_society(s, repetitions=1, seed=1, keep_actions=True)
    for member in ("A", "B"):
        assert move(result, s, member, "Cheat", 1) == "C"
        assert move(result, s, member, "Cheat", 2) == ("D" if answers_member else "C")
        assert move(result, s, member, "Outsider", 2) == ("D" if answers_outsider else "C")
        assert move(result, s, member, "A" if member == "B" else "B", 2) == "C"
    # Under collective security the cheat is itself a member and joins in excluding the outsider.
    assert move(result, s, "Cheat", "Outsider", 2) == "D"
    # Violations are counted under every scope: defections against members, by anyone.
    assert actor_row(result, "Cheat")["violations"] >= 2
    assert actor_row(result, "Outsider")["violations"] >= 2


def test_defections_against_outsiders_are_not_violations_and_membership_starts_on_time():
    """The Raider (a member) defects against Newcomer, an outsider until period 6: no
    violation, no exclusion; from period 6 Newcomer is a member and the same defection is one.
    Excluded in 7-9; its defection in 10 answers the sanction of 9; the one in 11 is new."""
    s = society(("Raider", "Defector"), Actor("Newcomer", "Cooperator", joins=6),
                regime=rl.Regime(turns=12), options=COLLECTIVE)
    result = run_society(s, repetitions=1, seed=1, keep_actions=True)
    assert result.events(0) == [{"period": 6, "actor": "Newcomer", "event": "joins"}]
    assert [move(result, s, "Newcomer", "Raider", t) for t in range(1, 13)] == list("CCCCCCDDDCCD")
    assert actor_row(result, "Raider")["violations"] == 2  # periods 6 and 11
    assert actor_row(result, "Raider")["periods_excluded"] == 4  # 7, 8, 9 and 12
    frame = result.periods
    assert frame.member_cooperation.isna().tolist() == [True] * 5 + [False] * 7
    assert frame.cross_cooperation.notna().tolist() == [True] * 5 + [False] * 7


def test_leaving_members_stop_enforcing_and_lose_protection():
    s = society(("A", "Cooperator"), Actor("B", "Cooperator", leaves=3), ("Cheat", "Defector"),
                regime=rl.Regime(turns=6), options=SocietyOptions("defensive_alliance", 10))
    result = run_society(s, repetitions=1, seed=1, keep_actions=True)
    assert result.events(0) == [{"period": 3, "actor": "B", "event": "leaves"}]
    # Nobody excludes the Cheat (a member: defensive alliance leaves that to the pair) ...
    assert move(result, s, "A", "Cheat", 2) == "C"
    # ... and B, an outsider from period 3, is excluded by A for its (compliant) moves? No:
    # B complies, so it is never excluded; its edges with members become cross edges.
    assert result.periods.cross_cooperation.notna().tolist() == [False, False] + [True] * 4


def test_outsider_transparency_hides_outsiders_defections_and_fines_do_not_reach_them():
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("Outsider", "Defector", False),
                regime=rl.Regime(turns=20, fine=3),
                options=SocietyOptions("collective_security", 5, outsider_transparency=0.0))
    result = run_society(s, repetitions=1, seed=1)
    row = actor_row(result, "Outsider")
    assert row["violations"] == 0 and row["periods_excluded"] == 0
    assert row["total_score"] == 20 * 2 * 5  # never fined
    assert result.periods.cross_cooperation.tolist() == [0.5] * 20


# -- leader turnover ---------------------------------------------------------------------


def test_turnover_happens_from_its_start_and_newcomers_are_fresh():
    """Before each period from 5 on, A (only A) is replaced by a fresh Tit For Tat: a
    newcomer with no memory opens with C although B always defects; B (Tit For Tat)
    still remembers A's record and answers A's last defection."""
    s = society(("A", "Defector"), ("B", "Tit For Tat"), ("C", "Cooperator"), regime=rl.Regime(turns=8),
                turnover=Turnover(1.0, ("Tit For Tat",), actors=("A",), start=5))
    result = run_society(s, repetitions=1, seed=1, keep_actions=True)
    events = result.events(0)
    assert [(e["period"], e["actor"], e["event"]) for e in events] == [(t, "A", "turnover") for t in range(5, 9)]
    assert {e["strategy"] for e in events} == {"Tit For Tat"}
    assert [move(result, s, "A", "B", t) for t in range(1, 9)] == list("DDDDCCCC")
    assert move(result, s, "B", "A", 5) == "D"  # B answers A's defection in period 4
    assert move(result, s, "B", "A", 6) == "C"
    assert result.runs[0].strategies == ["Tit For Tat", "Tit For Tat", "Cooperator"]


def test_turnover_probability_is_per_period_per_actor():
    s = society(*[(f"A{k}", "Cooperator") for k in range(5)], regime=rl.Regime(turns=101),
                turnover=Turnover(0.1, ("Defector", "Cooperator"), start=2))
    result = run_society(s, repetitions=4, seed=3)
    changes = [sum(e["event"] == "turnover" for e in run.events) for run in result.runs]
    assert 4 * 5 * 100 * 0.1 * 0.7 < sum(changes) < 4 * 5 * 100 * 0.1 * 1.3
    assert all(e["period"] >= 2 for run in result.runs for e in run.events)
    assert result.summary()["leader_changes"] == pytest.approx(np.mean(changes))
