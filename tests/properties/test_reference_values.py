"""§6 reference values: long-run payoff per round in noisy self-play.

Checked twice: by the exact engine (Markov chain of the two state machines)
and by simulating axelrod's own strategies through RegimeMatch.
"""

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact
from regimelab.match import RegimeMatch, realised_payoffs

GAME = rl.Game()
NOISES = (0.01, 0.05, 0.10)

# model page §6, rounded to 4 decimals
REFERENCE = {
    "Tit For Tat": (2.2500, 2.2500, 2.2500),
    "Win-Stay Lose-Shift": (2.9511, 2.7765, 2.6020),
    "GTFT": (2.9703, 2.8594, 2.7398),
}
MACHINES = {
    "Tit For Tat": exact.tit_for_tat,
    "Win-Stay Lose-Shift": exact.win_stay_lose_shift,
    "GTFT": exact.generous_tit_for_tat,  # g = 1/3, axelrod's GTFT at default payoffs
}
CASES = [(name, e, REFERENCE[name][k]) for name in REFERENCE for k, e in enumerate(NOISES)]
CASE_IDS = [f"{name}-{e}" for name, e, _ in CASES]


@pytest.mark.parametrize("name, noise, reference", CASES, ids=CASE_IDS)
def test_reference_values_exact(name, noise, reference):
    machine = MACHINES[name]()
    value = exact.evaluate(machine, machine, rl.Regime(noise=noise), GAME)
    # 1e-4: the table is rounded to 4 decimals (rounding error <= 5e-5)
    assert value.long_run[0] == pytest.approx(reference, abs=1e-4)
    assert value.long_run[1] == pytest.approx(value.long_run[0], abs=1e-9)  # symmetric


@pytest.mark.parametrize("noise", [1e-6, 1e-5, 1e-3, 0.01, 0.2, 0.5, 0.9, 0.999])
def test_tft_self_play_averages_the_four_payoffs(noise):
    # Doubly stochastic transition matrix: uniform stationary distribution,
    # (R + S + T + P) / 4 = 2.25 whatever the noise. 1e-9 allows round-off;
    # small noise means slow mixing, which an Abel-mean extrapolation at
    # w = 1 - 1e-6 got wrong by 1e-3 at e = 1e-5 and 0.06 at e = 1e-6.
    tft = exact.tit_for_tat()
    long_run = exact.evaluate(tft, tft, rl.Regime(noise=noise), GAME).long_run
    assert long_run == pytest.approx((2.25, 2.25), abs=1e-9)


def test_long_run_is_the_limit_of_long_finite_matches():
    # The Cesaro mean: per-round mean of an n-round match tends to long_run
    # as n grows; the gap shrinks like 1/n (start-up transient).
    machine = exact.win_stay_lose_shift()
    regime = rl.Regime(noise=0.05, false_alarm=0.02, transparency=0.9, fine=0.5)
    long_run = exact.evaluate(machine, machine, regime, GAME).long_run[0]
    gaps = []
    for n in (1_000, 10_000, 100_000):
        finite = exact.evaluate(machine, machine, regime.replace(turns=n), GAME).totals[0] / n
        gaps.append(abs(finite - long_run))
    assert gaps[2] < 1e-4
    assert gaps[1] == pytest.approx(10 * gaps[2], rel=1e-3)  # 1/n decay of the transient
    # a periodic chain (STFT vs TFT alternate T, S) has a Cesaro mean, (T+S)/2
    stft = exact.memory_one("STFT", 0, 1, 0, 1, 0)
    assert exact.evaluate(stft, exact.tit_for_tat(), rl.Regime(), GAME).long_run == pytest.approx((2.5, 2.5), abs=1e-12)


def test_without_noise_reciprocators_cooperate_for_ever():
    for factory in MACHINES.values():
        machine = factory()
        value = exact.evaluate(machine, machine, rl.Regime(), GAME)
        assert value.long_run == pytest.approx((3.0, 3.0), abs=1e-7)
        assert value.totals == pytest.approx((600.0, 600.0), abs=1e-9)  # 200 turns of R


def test_axelrod_gtft_generosity_is_one_third_at_default_payoffs():
    player = rl.make_players(["GTFT"])[0]
    RegimeMatch([player, rl.make_players(["Cooperator"])[0]], rl.Regime(turns=2), GAME, seed=1).play()
    assert player.p == pytest.approx(1 / 3, abs=1e-12)


TURNS, REPETITIONS = 3000, 20  # 60 000 rounds per case, ~1 s each


@pytest.mark.parametrize("name, noise, reference", CASES, ids=CASE_IDS)
def test_reference_values_by_simulation(name, noise, reference):
    regime = rl.Regime(turns=TURNS, noise=noise)
    seed = 1000 + CASES.index((name, noise, reference))
    match = RegimeMatch(rl.make_players([name, name]), regime, GAME, seed=seed)
    means = []
    for _ in range(REPETITIONS):
        play = match.play()
        assert play.turns == TURNS
        means.append(realised_payoffs(play, GAME, regime).mean())  # both sides, per round
    means = np.array(means)
    estimate = means.mean()
    # Repetitions are independent matches: the standard error comes from the
    # spread of their means.
    se = means.std(ddof=1) / np.sqrt(REPETITIONS)
    assert 0 < se < 0.05  # the test can tell the reference values apart from R = 3

    machine = MACHINES[name]()
    finite = exact.evaluate(machine, machine, regime, GAME)
    finite_mean = np.mean(finite.totals) / TURNS
    # (a) the simulation estimates the exact expectation of a TURNS-round
    # match: within 4 standard errors.
    assert abs(estimate - finite_mean) <= 4 * se, (estimate, finite_mean, se)
    # (b) and the reference value: 4 standard errors plus the start-up bias of
    # a TURNS-round match (all matches start from mutual cooperation), which
    # the exact engine gives: |finite mean - long-run value| (0.011 for TFT at
    # noise 0.01, under 1e-3 elsewhere).
    bias = abs(finite_mean - finite.long_run[0])
    assert abs(estimate - reference) <= 4 * se + bias + 5e-5, (estimate, reference, se, bias)
