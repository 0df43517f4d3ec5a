"""The multilateral engine reduces to the dyadic engine (model page §7): two actors without a
society-level regime play exactly the dyadic match, or its distributions when draws differ."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from society_helpers import actor_row, society

import regimelab as rl
from regimelab.society import run_society
from regimelab.tournament import play_pairing


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
