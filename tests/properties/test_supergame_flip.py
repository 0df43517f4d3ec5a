"""The super-game verdict flips across w*, by simulation (model page §5).

For transparency p (no false alarms, no fines) Grim vs Grim is an equilibrium
iff w >= w* = 1/(1+p) at the default payoffs. Simulating Grudger vs Grudger
and Defector vs Grudger at w* - DELTA and w* + DELTA, the sign of
V_GG - V_DG must flip. DELTA and REPETITIONS are chosen so that the exact
difference is more than 5 standard errors of the simulated one (asserted
below; 6.5 to 9.0 SE with these seeds), so the sign is decided, not a coin toss.
"""

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact
from regimelab.match import RegimeMatch, realised_payoffs
from regimelab.supergame import super_game
from regimelab.threshold_search import critical_shadow

GAME = rl.Game()
DELTA = 0.1
REPETITIONS = 2000  # match lengths are geometric, mean 1/(1-w) <= 4.3 rounds


def simulate(names, regime, seed):
    """First player's match totals over REPETITIONS matches."""
    match = RegimeMatch(rl.make_players(names), regime, GAME, seed=seed)
    totals = np.empty(REPETITIONS)
    for k in range(REPETITIONS):
        totals[k] = realised_payoffs(match.play(), GAME, regime)[:, 0].sum()
    return totals


def standard_error(sample):
    return sample.std(ddof=1) / np.sqrt(len(sample))


@pytest.mark.parametrize("p", [1.0, 0.8, 0.5])
def test_supergame_verdict_flips_across_critical_shadow(p):
    base = rl.Regime(transparency=p)
    w_star = critical_shadow(base, GAME)
    assert w_star == pytest.approx(1 / (1 + p), abs=1e-12)
    signs = []
    for side, w in ((-1, w_star - DELTA), (+1, w_star + DELTA)):
        regime = base.replace(shadow=w)
        grim_grim = simulate(["Grudger", "Grudger"], regime, seed=101)
        defect_grim = simulate(["Defector", "Grudger"], regime, seed=202)
        exact_gg = exact.evaluate(exact.grim_trigger(), exact.grim_trigger(), regime, GAME).totals[0]
        exact_dg = exact.evaluate(exact.always_defect(), exact.grim_trigger(), regime, GAME).totals[0]

        # simulated means agree with the exact totals: 4 standard errors
        se_gg, se_dg = standard_error(grim_grim), standard_error(defect_grim)
        assert abs(grim_grim.mean() - exact_gg) <= 4 * se_gg, (w, grim_grim.mean(), exact_gg, se_gg)
        assert abs(defect_grim.mean() - exact_dg) <= 4 * se_dg, (w, defect_grim.mean(), exact_dg, se_dg)

        # the exact margin has the sign the threshold says, and is > 5 SE away from 0
        exact_margin = exact_gg - exact_dg
        se = np.hypot(se_gg, se_dg)  # independent samples
        assert np.sign(exact_margin) == side
        assert abs(exact_margin) > 5 * se, (w, exact_margin, se)

        simulated_margin = grim_grim.mean() - defect_grim.mean()
        signs.append(np.sign(simulated_margin))
    assert signs == [-1, +1]  # defecting pays below w*, Grim holds above


@pytest.mark.parametrize("p", [1.0, 0.8, 0.5])
def test_supergame_class_flips_from_pd_to_stag_hunt(p):
    base = rl.Regime(transparency=p)
    w_star = critical_shadow(base, GAME)
    below = super_game(base.replace(shadow=w_star - 0.01), GAME).game
    above = super_game(base.replace(shadow=w_star + 0.01), GAME).game
    # moves: Grim (compliance) and Always Defect; R = V_GG, T = V_DG, ...
    assert below.classify() == "prisoners_dilemma"
    assert above.classify() == "stag_hunt"
    assert below.T > below.R and above.R > above.T
    assert super_game(base.replace(shadow=w_star - 0.01), GAME).strategies == ("Grudger", "Defector")


def test_tournament_match_scores_agree_with_exact_totals():
    # The tournament path (clones, seeds per pairing, aggregation into
    # `pairs`) gives the same expectations: 4 standard errors from `records`.
    regime = rl.Regime(transparency=0.8, shadow=0.7)
    repetitions = 600
    result = rl.run_tournament(rl.make_players(["Grudger", "Defector"]), regime, GAME,
                               repetitions=repetitions, seed=5)
    machines = {0: exact.grim_trigger(), 1: exact.always_defect()}
    records = result.records
    for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        rows = records[(records.player_index == i) & (records.opponent_index == j)]
        assert len(rows) == repetitions * (2 if i == j else 1)
        expected = exact.evaluate(machines[i], machines[j], regime, GAME).totals[0]
        pair = result.pairs[(result.pairs.player == result.names[i]) & (result.pairs.opponent == result.names[j])]
        mean = float(pair.mean_match_score.iloc[0])
        assert mean == pytest.approx(rows.score.mean(), abs=1e-12)
        # self-play rows come in pairs from one match: count matches, not rows,
        # for the standard error (conservative: sides are correlated)
        se = rows.score.std(ddof=1) / np.sqrt(repetitions)
        assert abs(mean - expected) <= 4 * se, (i, j, mean, expected, se)
    mean_turns = result.pairs.mean_turns
    # expected length 1/(1-w) = 3.33; the standard deviation of a geometric
    # length is sqrt(w)/(1-w) = 2.79, so 4 SE over 600 matches is 0.46
    assert np.all(np.abs(mean_turns - 1 / 0.3) <= 4 * np.sqrt(0.7) / 0.3 / np.sqrt(repetitions))
