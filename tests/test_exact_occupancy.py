"""The time a chain spends in each state (regimelab/exact_occupancy.py): per turn against the direct sum over
the length distribution and a closed form, the long run against repeated squaring of the lazy chain
(I + M)/2, the finite sum by doubling against the sum round by round.
"""

import numpy as np
import pytest
from exact_reference import GAME, dense_full_chain, random_machine, random_regime

import regimelab as rl
from regimelab import exact


def series_per_turn(transition, rewards, initial, w):
    """E[total / L] for P(L = n) = (1 - w) w^(n-1), summed directly: sum_n P(L = n) S_n / n."""
    expected, running, distribution, probability, n = 0.0, 0.0, initial.copy(), 1 - w, 1
    while probability > 1e-17 or n < 10:
        running += distribution @ rewards[:, 0]  # S_n, the expected total of the first n rounds
        expected += probability * running / n
        distribution = distribution @ transition
        probability *= w
        n += 1
    return expected


@pytest.mark.parametrize("seed", range(12))
def test_per_turn_is_the_mean_of_total_over_length(seed):
    # What a simulation's mean per turn estimates, E[total / L], against the direct sum over
    # the length distribution, for shadows from 0 to 0.995 (the quadrature's hardest span).
    rng = np.random.default_rng(300 + seed)
    first, second = random_machine(rng, int(rng.integers(1, 6))), random_machine(rng, int(rng.integers(1, 6)))
    shadow = [0.0, 0.05, 0.5, 0.9, 0.97, 0.995][seed % 6]
    regime = random_regime(rng, shadow=True).replace(shadow=shadow)
    value = exact.evaluate(first, second, regime, GAME)
    transition, rewards, initial = dense_full_chain(first, second, regime)
    expected = series_per_turn(transition, rewards, initial, shadow)
    assert value.per_turn[0] == pytest.approx(expected, abs=1e-10 * max(1.0, abs(expected)))


@pytest.mark.parametrize("shadow", [0.1, 0.5, 0.9, 0.99, 0.999])
def test_per_turn_of_tit_for_tat_against_the_defector_has_its_closed_form(shadow):
    # TFT loses S = 0 in round 1 and earns P = 1 after: its total over L rounds is L - 1, the
    # Defector's 5 + (L - 1); so per turn 1 - E[1/L] and 1 + 4 E[1/L], E[1/L] = (1-w)/w (-ln(1-w)).
    inverse_length = (1 - shadow) / shadow * -np.log1p(-shadow)
    value = exact.evaluate(exact.tit_for_tat(), exact.always_defect(), rl.Regime(shadow=shadow), GAME)
    assert value.per_turn == pytest.approx((1 - inverse_length, 1 + 4 * inverse_length), abs=1e-12)
    # ... which is not the Defector's expected total over the expected length, (1 - w) 5 + w:
    assert value.totals[1] / value.length == pytest.approx(5 * (1 - shadow) + shadow, abs=1e-12)
    if 0.5 <= shadow <= 0.99:
        assert abs(value.per_turn[1] - value.totals[1] / value.length) > 0.05


def test_per_turn_weights_are_a_distribution():
    rng = np.random.default_rng(8)
    chain = exact.pair_chain(random_machine(rng, 5), random_machine(rng, 4), random_regime(rng, True), GAME)
    for shadow in (0.0, 0.3, 0.99):
        weights = exact.per_turn_occupancy(chain, shadow)
        assert weights.sum() == pytest.approx(1.0, abs=1e-12)
        assert weights.min() >= -1e-12


def lazy_cesaro(transition, initial, squarings=64):
    lazy = 0.5 * (np.eye(len(initial)) + transition)
    for _ in range(squarings):
        lazy = lazy @ lazy
        lazy /= lazy.sum(axis=1, keepdims=True)
    return initial @ lazy


@pytest.mark.parametrize("seed", range(20))
def test_long_run_agrees_with_the_lazy_chain(seed):
    rng = np.random.default_rng(100 + seed)
    deterministic = seed % 2 == 0  # deterministic machines: closed classes are cycles, often periodic
    first = random_machine(rng, int(rng.integers(1, 7)), deterministic)
    second = random_machine(rng, int(rng.integers(1, 7)), deterministic)
    regime = random_regime(rng, shadow=False).replace(noise=0.0) if deterministic else random_regime(rng, False)
    value = exact.evaluate(first, second, regime, GAME)
    transition, rewards, initial = dense_full_chain(first, second, regime)
    expected = lazy_cesaro(transition, initial) @ rewards[:, 0]
    assert value.long_run[0] == pytest.approx(expected, abs=1e-9)


def test_finite_sum_by_doubling_equals_round_by_round():
    tft, wsls = exact.tit_for_tat(), exact.win_stay_lose_shift()
    regime = rl.Regime(turns=1000, noise=0.03, transparency=0.8, fine=1)
    chain = exact.pair_chain(tft, wsls, regime, GAME)
    assert chain.size * 4 < 1000  # so evaluate takes the doubling path
    doubled = exact.finite_occupancy(chain, 1000)
    occupancy, distribution = np.zeros(chain.size), chain.initial.copy()
    for _ in range(1000):
        occupancy += distribution
        distribution = distribution @ chain.transition
    assert doubled == pytest.approx(occupancy, abs=1e-9)
