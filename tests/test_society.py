"""The multilateral engine (model page §7, docs/model.md): exclusion, participation,
scope, time, turnover, membership, determinism, and the reduction to the dyadic engine.

Bad input and the command line are in tests/test_society_cli.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import regimelab as rl
from regimelab.errors import InvalidParameter, StrategyRefused
from regimelab.society import (
    Actor,
    EdgePayoffs,
    ShadowChange,
    Society,
    SocietyOptions,
    Turnover,
    load_society_scenario,
    run_society,
)
from regimelab.society.scenario import is_society_scenario
from regimelab.tournament import play_pairing

EXAMPLE = Path(__file__).parent / "society_example.toml"
COLLECTIVE = SocietyOptions(scope="collective_security", exclusion_rounds=3)


def society(*actors, **kwargs) -> Society:
    """Actors given as (name, strategy[, member]) tuples or Actor values."""
    made = [a if isinstance(a, Actor) else Actor(a[0], a[1], *a[2:]) for a in actors]
    kwargs.setdefault("regime", rl.Regime(turns=10))
    return Society(actors=made, **kwargs)


def actor_row(result, name: str) -> dict:
    frame = result.actors.set_index("name")
    return frame.loc[name].to_dict()


def move(result, society: Society, who: str, against: str, period: int, repetition: int = 0) -> str:
    """The realised move of ``who`` against ``against`` in ``period`` (needs keep_actions)."""
    i, j = society.index(who), society.index(against)
    for e, pair in enumerate(society.edge_indices()):
        if pair == (i, j) or pair == (j, i):
            side = 0 if pair[0] == i else 1
            return "CD"[result.runs[repetition].actions[period - 1, e, side]]
    raise AssertionError(f"{who} and {against} do not play")


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


# -- payoffs and graphs -----------------------------------------------------------------


def test_exchange_payoffs_give_each_side_its_own_game():
    """Patron (b=4, c=1.5) and client (b=2, c=0.5), both complying: the patron gets
    2 - 1.5 = 0.5, the client 4 - 0.5 = 3.5 per period; a third, default edge pays R=3."""
    s = society(("Patron", "Cooperator"), ("Client", "Cooperator"), ("Other", "Cooperator"),
                payoffs=(EdgePayoffs.exchange("Patron", "Client", benefit=(4, 2), cost=(1.5, 0.5)),),
                regime=rl.Regime(turns=10))
    result = run_society(s, 1, 1)
    assert actor_row(result, "Patron")["mean_score_per_period"] == pytest.approx(0.5 + 3)
    assert actor_row(result, "Client")["mean_score_per_period"] == pytest.approx(3.5 + 3)


def test_matrices_follow_axelrods_asymmetric_game_convention():
    row = [[1, 2], [3, 4]]  # the first actor's payoffs, [first's action][second's action]
    column = [[10, 20], [30, 40]]  # the second actor's, same indexing
    s = society(("First", "Defector"), ("Second", "Cooperator"),
                payoffs=(EdgePayoffs.matrices("First", "Second", row, column),), regime=rl.Regime(turns=1))
    result = run_society(s, 1, 1)
    assert actor_row(result, "First")["total_score"] == 3  # (D, C): row[1][0]
    assert actor_row(result, "Second")["total_score"] == 30  # column[1][0]


def test_actor_exchange_terms_and_hub_graph():
    s = society(Actor("Hub", "Cooperator", benefit=5, cost=1), Actor("S1", "Cooperator", benefit=1, cost=0.5),
                Actor("S2", "Cooperator", benefit=1, cost=0.5), graph="hub", hub="Hub", regime=rl.Regime(turns=4))
    assert s.edge_indices() == [(0, 1), (0, 2)]
    result = run_society(s, 1, 1)
    assert actor_row(result, "Hub")["mean_score_per_period"] == pytest.approx(2 * (1 - 1))
    assert actor_row(result, "S1")["mean_score_per_period"] == pytest.approx(5 - 0.5)


def test_edge_list_graph():
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("C", "Cooperator"), graph="edges",
                edges=(("A", "B"), ("B", "C")), regime=rl.Regime(turns=3))
    result = run_society(s, 1, 1)
    assert [actor_row(result, n)["total_score"] for n in "ABC"] == [9, 18, 9]


# -- time -------------------------------------------------------------------------------


def test_a_schedule_changes_the_shadow_from_its_period():
    """turns 1000, and from period 8 on the society goes on with probability 0: it ends at 8."""
    s = society(("A", "Cooperator"), ("B", "Cooperator"), regime=rl.Regime(turns=1000),
                schedule=(ShadowChange(8, 0.0),))
    assert [run.periods for run in run_society(s, 3, 1).runs] == [8, 8, 8]
    fading = s.replace(schedule=(ShadowChange(5, 0.5),))
    lengths = [run.periods for run in run_society(fading, 200, 1).runs]
    assert min(lengths) == 5 and np.mean(lengths) == pytest.approx(6, abs=0.3)  # 5 + 1/(1 - 0.5) - 1


def test_shadow_gives_geometric_lengths():
    s = society(("A", "Cooperator"), ("B", "Cooperator"), regime=rl.Regime(shadow=0.9))
    lengths = [run.periods for run in run_society(s, 400, 3).runs]
    assert np.mean(lengths) == pytest.approx(10, rel=0.15)


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


# -- determinism --------------------------------------------------------------------------


def _busy_society() -> Society:
    return society(
        ("A", "GTFT"), ("B", "Random"), ("C", "Win-Stay Lose-Shift"), ("D", "Defector"), ("E", "Random", False),
        regime=rl.Regime(shadow=0.97, noise=0.03, transparency=0.8, false_alarm=0.02, fine=0.5),
        options=SocietyOptions("collective_security", 4, participation=0.6, enforcement_cost=0.1,
                               outsider_transparency=0.5),
        turnover=Turnover(0.02, ("Tit For Tat", "Random")),
    )


def test_a_seed_fixes_everything():
    s = _busy_society()
    a, b = run_society(s, 4, 123, keep_actions=True), run_society(s, 4, 123, keep_actions=True)
    assert a.to_dict() == b.to_dict()
    for run_a, run_b in zip(a.runs, b.runs):
        assert np.array_equal(run_a.actions, run_b.actions) and run_a.events == run_b.events
    c = run_society(s, 4, 124)
    assert c.to_dict()["actors"] != a.to_dict()["actors"]


def test_a_repetition_does_not_depend_on_how_many_are_run():
    s = _busy_society()
    three, five = run_society(s, 3, 7, keep_actions=True), run_society(s, 5, 7, keep_actions=True)
    for run_a, run_b in zip(three.runs, five.runs):
        assert np.array_equal(run_a.actions, run_b.actions)
        assert np.array_equal(run_a.scores, run_b.scores)


# -- the two-actor reduction -----------------------------------------------------------------


@pytest.mark.parametrize("pair,regime", [
    (("Tit For Tat", "Suspicious Tit For Tat"), rl.Regime(turns=30, fine=1, compensation=0.5, transaction_cost=0.2)),
    (("Grudger", "Alternator"), rl.Regime(turns=25, transparency=0.0, fine=2)),
    (("Win-Stay Lose-Shift", "Prober"), rl.Regime(turns=40, false_alarm=1.0, enforcement_cost=0.3, fine=1)),
])
def test_two_actors_without_a_society_regime_are_the_dyadic_engine_exactly(pair, regime):
    """Deterministic strategies and signals: one play, so the totals must be equal."""
    s = society(("First", pair[0]), ("Second", pair[1]), regime=regime)
    result = run_society(s, 1, 1)
    players = [rl.find_strategy(name)() for name in pair]
    (turns, scores, cooperations, _, _), = play_pairing(players[0], players[1], regime, rl.Game(), 1, 1)
    assert [actor_row(result, n)["total_score"] for n in ("First", "Second")] == pytest.approx(list(scores), abs=1e-9)
    assert [actor_row(result, n)["cooperation_rate"] for n in ("First", "Second")] == [c / turns for c in cooperations]


def test_two_actors_without_a_society_regime_match_the_dyadic_distributions():
    """Stochastic strategies, noise, random signals, every §3 term and a shadow: the
    engines draw differently, so compare distributions over 400 repetitions each.

    Tolerance: the means of the totals and of the cooperation rates differ by less
    than 4 standard errors of the difference, and a two-sample Kolmogorov-Smirnov test
    of the totals does not reject at the 0.1% level (fixed seeds: the test is
    deterministic; the bounds would fail by chance with probability < 0.2%).
    """
    regime = rl.Regime(shadow=0.95, noise=0.05, transparency=0.8, false_alarm=0.05, fine=1,
                       compensation=0.5, enforcement_cost=0.2, transaction_cost=0.3)
    names = ("GTFT", "Random")
    repetitions = 400
    result = run_society(society(("First", names[0]), ("Second", names[1]), regime=regime), repetitions, 2024)
    society_totals = np.array([run.scores for run in result.runs])
    society_cooperation = np.array([run.cooperations / run.periods for run in result.runs])
    society_lengths = np.array([run.periods for run in result.runs])
    players = [rl.find_strategy(name)() for name in names]
    records = play_pairing(players[0], players[1], regime, rl.Game(), repetitions, 99)
    dyadic_totals = np.array([r[1] for r in records])
    dyadic_cooperation = np.array([[c / r[0] for c in r[2]] for r in records])
    dyadic_lengths = np.array([r[0] for r in records])

    def close(x, y):
        se = math.sqrt(x.var(ddof=1) / len(x) + y.var(ddof=1) / len(y))
        return abs(x.mean() - y.mean()) < 4 * se

    assert close(society_lengths, dyadic_lengths)
    for side in (0, 1):
        assert close(society_totals[:, side], dyadic_totals[:, side])
        assert close(society_cooperation[:, side], dyadic_cooperation[:, side])
        assert stats.ks_2samp(society_totals[:, side], dyadic_totals[:, side]).pvalue > 1e-3


# -- results and the spec -----------------------------------------------------------------------


def test_result_dict_has_the_contract_keys():
    result = run_society(_busy_society(), 2, 1)
    data = result.to_dict()
    assert {"actors", "periods", "survival", "seed"} <= set(data)
    assert set(data["actors"][0]) == {
        "name", "strategy", "member", "total_score", "mean_score_per_period", "ci95", "first_share",
        "cooperation_rate", "violations", "periods_excluded",
    }
    assert set(data["periods"][0]) == {
        "period", "member_cooperation", "cross_cooperation", "outsider_cooperation", "exclusions_active",
    }
    assert data["periods"][0]["period"] == 1 and data["seed"] == 1
    assert data["periods"][0]["outsider_cooperation"] is None  # one outsider: no outsider-outsider edge


@pytest.mark.parametrize("curve,expected", [
    ([0.9, 0.8, 0.4, 0.3], 2),
    ([0.9, 0.4, 0.6, 0.4], 3),
    ([0.4, 0.3], 0),
    ([0.9, 0.4, 0.6], None),
    ([float("nan"), 0.9, float("nan"), 0.2, float("nan")], 2),
    ([float("nan")], None),
])
def test_survival_is_the_last_period_at_or_above_one_half_when_cooperation_ends_below(curve, expected):
    from regimelab.society.results import survival_period

    assert survival_period(curve) == expected


def test_the_example_spec_loads_with_its_variants():
    spec = load_society_scenario(EXAMPLE)
    assert spec.variant_names == ["baseline", "exclusion"] and spec.default == "exclusion"
    assert (spec.repetitions, spec.seed) == (4, 11)
    exclusion = spec.society()
    assert exclusion.options.scope == "collective_security" and exclusion.options.exclusion_rounds == 5
    assert exclusion.options.outsider_transparency == 0.6 and exclusion.options.enforcement_cost == 0.1
    assert spec.society("baseline").options.scope == "none"
    assert exclusion.regime == rl.Regime(turns=60, transparency=0.9, noise=0.01, fine=0.5)
    assert [a.name for a in exclusion.actors if not a.member] == ["Raider"]
    first, second = exclusion.edge_matrices()
    assert first[0].tolist() == [[0.5, -1.5], [2.0, 0.0]]  # the Patron: R = 2 - 1.5, S = -1.5, T = 2, P = 0
    assert is_society_scenario(EXAMPLE) and not is_society_scenario(Path(rl.__file__).parent.parent / "tournaments" / "anarchy.toml")


def test_variants_change_actors_turnover_schedule_and_edge_payoffs(tmp_path):
    text = EXAMPLE.read_text() + """
[regimes.hedging]
shadow = 0.9
[regimes.hedging.actors.Client]
member = false
[regimes.hedging.turnover]
probability = 0.1
pool = ["Defector", { strategy = "Random", params = [0.2] }]
actors = ["Cheat"]
[[regimes.hedging.schedule]]
from = 3
shadow = 0.5
[[regimes.hedging.payoffs]]
between = ["Client", "Patron"]
game = [2, 0, 3, 1]
"""
    path = tmp_path / "variants.toml"
    path.write_text(text)
    s = load_society_scenario(path).society("hedging")
    assert s.regime.shadow == 0.9 and s.regime.turns is None
    assert not s.actors[s.index("Client")].member
    assert s.turnover.probability == 0.1 and s.turnover.actors == ("Cheat",)
    assert [c.name for c in s.turnover.pool] == ["Defector", "Random: 0.2"]
    assert s.schedule == (ShadowChange(3, 0.5),)
    first, _ = s.edge_matrices()
    assert first[0].tolist() == [[2, 0], [3, 1]]
    assert s.options.scope == "none"  # the base [society]'s, as in the baseline


def test_model_validation_names_the_parameter():
    with pytest.raises(InvalidParameter, match="participation"):
        SocietyOptions(participation=1.5)
    with pytest.raises(InvalidParameter, match="scope.*collective_security"):
        SocietyOptions(scope="collective")
    with pytest.raises(InvalidParameter, match="leaves"):
        Actor("A", "tft", joins=5, leaves=5)
    with pytest.raises(InvalidParameter, match="hub"):
        Society(actors=[Actor("A", "tft"), Actor("B", "tft")], graph="hub", hub="C")
    with pytest.raises(InvalidParameter, match="between"):
        Society(actors=[Actor("A", "tft"), Actor("B", "tft"), Actor("C", "tft")], graph="hub", hub="A",
                payoffs=(EdgePayoffs.exchange("B", "C", (1, 1), (0, 0)),))
    with pytest.raises(InvalidParameter, match="benefit"):
        Society(actors=[Actor("A", "tft", benefit=2, cost=1), Actor("B", "tft")])
    with pytest.raises(rl.UnknownStrategy):
        Actor("A", "Tit For Tatt")


def test_strategies_that_inspect_their_opponent_are_refused_where_they_would_see_through():
    s = society(("A", "Darwin"), ("B", "Tit For Tat"), regime=rl.Regime(turns=5), options=COLLECTIVE)
    with pytest.raises(StrategyRefused, match="Darwin"):
        run_society(s, 1, 1)
    run_society(s.replace(options={"scope": "none"}), 1, 1)  # perfect monitoring, no society regime: plays


def test_count_expands_an_actor_and_variants_address_copies_by_name(tmp_path):
    path = tmp_path / "count.toml"
    path.write_text("""
name = "count"
title = "Counted"
summary = "Nine members."

[society]
scope = "collective_security"

[[actors]]
name = "Member"
strategy = "Tit For Tat"
count = 9

[[actors]]
name = "Rebel"
strategy = "Defector"
member = false

[regimes.baseline]

[regimes.split]
[regimes.split.actors."Member 9"]
leaves = 50
strategy = "Random"
params = [0.4]
""")
    spec = load_society_scenario(path)
    base, split = spec.society("baseline"), spec.society("split")
    assert base.names == [f"Member {k}" for k in range(1, 10)] + ["Rebel"]
    assert len(base.edge_indices()) == 45
    changed = split.actors[split.index("Member 9")]
    assert changed.leaves == 50 and changed.strategy.name == "Random: 0.4"
    assert spec.default == "split"
