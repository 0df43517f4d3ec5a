"""Simulated rounds agree with the expected stage game G' (model page §3, §4).

Cooperator and Defector intend fixed actions, so under a regime the rounds of
a match are independent draws: the mean realised payoff per round estimates a
G' entry, with standard error sd/sqrt(n) from the per-round payoffs. Seeds
are fixed, so the tests are deterministic; the 4-standard-error tolerances
say how far an honest estimate may stray (a 4 SE miss has probability 6e-5).
"""

import numpy as np
import pytest

import regimelab as rl
from regimelab.match import Play, RegimeMatch, realised_payoffs

TURNS = 20_000
GAME = rl.Game()
REGIME = rl.Regime(
    turns=TURNS,
    transparency=0.6,
    false_alarm=0.1,
    fine=2,
    compensation=0.5,
    enforcement_cost=0.3,
    transaction_cost=0.2,
)


def within_4_se(sample, expected):
    sample = np.asarray(sample, dtype=float)
    se = sample.std(ddof=1) / np.sqrt(len(sample))
    return abs(sample.mean() - expected) <= 4 * se, sample.mean(), se


def play(names, regime=REGIME, seed=11):
    match = RegimeMatch(rl.make_players(names), regime, GAME, seed=seed)
    result = match.play()
    return result, realised_payoffs(result, GAME, regime)


@pytest.fixture(scope="module")
def plays():
    return {
        ("Cooperator", "Cooperator"): play(["Cooperator", "Cooperator"], seed=1),
        ("Cooperator", "Defector"): play(["Cooperator", "Defector"], seed=2),
        ("Defector", "Defector"): play(["Defector", "Defector"], seed=3),
    }


def test_expected_game_of_the_test_regime_by_hand():
    # k*F - s = 0.7; see test_regime.test_expected_game_worked_example
    assert REGIME.expected_game(GAME).payoffs == pytest.approx((2.67, 0.02, 3.87, 0.22), abs=1e-12)


@pytest.mark.parametrize(
    "pair, entries",
    [
        (("Cooperator", "Cooperator"), ("R", "R")),
        (("Cooperator", "Defector"), ("S", "T")),
        (("Defector", "Defector"), ("P", "P")),
    ],
)
def test_mean_payoff_per_round_is_the_expected_game(plays, pair, entries):
    expected_game = REGIME.expected_game(GAME)
    result, payoffs = plays[pair]
    assert result.turns == TURNS
    assert payoffs.shape == (TURNS, 2)
    for side, entry in enumerate(entries):
        ok, mean, se = within_4_se(payoffs[:, side], getattr(expected_game, entry))
        # 4 standard errors of the per-round payoffs
        assert ok, f"{pair} side {side}: {mean:.4f} vs {entry}'={getattr(expected_game, entry):.4f} (SE {se:.4f})"
        # and the payoffs really vary with the signals (so the test has teeth)
        assert se > 0


def test_signal_frequencies_match_transparency_and_false_alarm(plays):
    p, a = REGIME.transparency, REGIME.false_alarm
    for pair, (result, _) in plays.items():
        # intended actions are realised without noise
        assert np.array_equal(result.actions[:, 0], np.full(TURNS, pair[0] == "Defector"))
        assert np.array_equal(result.actions[:, 1], np.full(TURNS, pair[1] == "Defector"))
        for side, name in enumerate(pair):
            q = p if name == "Defector" else a
            freq = result.signals[:, side].mean()
            se = np.sqrt(q * (1 - q) / TURNS)
            assert abs(freq - q) <= 4 * se, (pair, side, freq, q)  # 4 binomial SE


def test_signals_are_independent_between_players(plays):
    result, _ = plays[("Cooperator", "Defector")]
    both = (result.signals[:, 0] & result.signals[:, 1]).mean()
    q = REGIME.false_alarm * REGIME.transparency
    assert abs(both - q) <= 4 * np.sqrt(q * (1 - q) / TURNS)  # 4 binomial SE


def test_noisy_simulation_matches_noisy_expected_game():
    # With noise e the realised actions are flipped: the mean payoff per round
    # follows the noisy matrix (flip-averaged G').
    regime = REGIME.replace(noise=0.15)
    noisy = regime.noisy_expected_game(GAME)
    result, payoffs = play(["Cooperator", "Defector"], regime, seed=5)
    flips = np.array([result.actions[:, 0].mean(), 1 - result.actions[:, 1].mean()])
    assert np.all(np.abs(flips - 0.15) <= 4 * np.sqrt(0.15 * 0.85 / TURNS))  # 4 binomial SE
    for side, entry in enumerate(("S", "T")):
        ok, mean, se = within_4_se(payoffs[:, side], getattr(noisy, entry))
        assert ok, (entry, mean, getattr(noisy, entry), se)  # 4 SE
    # and the noisy matrix is far enough from G' that the check could fail
    assert abs(noisy.S - regime.expected_game(GAME).S) > 10 * se


def test_realised_payoffs_follow_the_round_formula():
    # §3 step 5, one row per combination of actions and signals.
    regime = rl.Regime(transparency=0.5, false_alarm=0.2, fine=4, compensation=0.25,
                       enforcement_cost=0.5, transaction_cost=0.3)
    R, S, T, P = 3.0, 0.0, 5.0, 1.0
    c, F, k, s = 0.3, 4.0, 0.25, 0.5
    rows = [(a1, a2, g1, g2) for a1 in (0, 1) for a2 in (0, 1) for g1 in (0, 1) for g2 in (0, 1)]
    arr = np.array(rows, dtype=np.int8)
    payoffs = realised_payoffs(Play(arr[:, :2], arr[:, 2:]), GAME, regime)
    base = {(0, 0): R, (0, 1): S, (1, 0): T, (1, 1): P}
    for (a1, a2, g1, g2), (u1, u2) in zip(rows, payoffs):
        assert u1 == pytest.approx(base[a1, a2] - c * (a1 == 0) - F * g1 + (k * F - s) * g2, abs=1e-12)
        assert u2 == pytest.approx(base[a2, a1] - c * (a2 == 0) - F * g2 + (k * F - s) * g1, abs=1e-12)


def test_realised_payoffs_under_null_regime_are_the_game():
    actions = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.int8)
    payoffs = realised_payoffs(Play(actions, actions), GAME, rl.Regime())
    assert np.array_equal(payoffs, [[3, 3], [0, 5], [5, 0], [1, 1]])
