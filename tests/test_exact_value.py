"""What a joint chain is worth (regimelab/exact_value.py): expected totals, per turn, cooperation and signals,
against the full product chain summed round by round (or as a truncated series) and against hand counts.
"""

import numpy as np
import pytest
from exact_reference import GAME, dense_full_chain, random_machine, random_regime

import regimelab as rl
from regimelab import exact

CASES = [(seed, shadow) for seed in range(12) for shadow in (False, True)]


@pytest.mark.parametrize("seed, shadow", CASES)
def test_totals_agree_with_the_full_product_chain(seed, shadow):
    rng = np.random.default_rng(seed)
    first, second = random_machine(rng, int(rng.integers(1, 6))), random_machine(rng, int(rng.integers(1, 6)))
    regime = random_regime(rng, shadow)
    value = exact.evaluate(first, second, regime, GAME)
    transition, rewards, initial = dense_full_chain(first, second, regime)
    if shadow:
        # truncated series sum_t w^t e0 M^t r, to far below 1e-12
        total, distribution, weight = 0.0, initial.copy(), 1.0
        while weight > 1e-16:
            total += weight * distribution @ rewards[:, 0]
            distribution = distribution @ transition
            weight *= regime.shadow
    else:
        total, distribution = 0.0, initial.copy()
        for _ in range(regime.turns):
            total += distribution @ rewards[:, 0]
            distribution = distribution @ transition
    assert value.totals[0] == pytest.approx(total, abs=1e-9 * max(1.0, abs(total)))


def test_per_turn_under_turns_is_the_total_over_the_turns():
    rng = np.random.default_rng(7)
    first, second = random_machine(rng, 4), random_machine(rng, 3)
    regime = random_regime(rng, shadow=False)
    value = exact.evaluate(first, second, regime, GAME)
    assert value.per_turn == pytest.approx(tuple(t / regime.turns for t in value.totals), abs=1e-12)


def test_expected_signals_and_cooperation_are_consistent():
    # Always Defect against Always Cooperate: every D signalled with p, every C misread with a
    regime = rl.Regime(turns=50, transparency=0.7, false_alarm=0.1, noise=0.02)
    value = exact.evaluate(exact.always_defect(), exact.always_cooperate(), regime, GAME)
    assert value.cooperation == pytest.approx((0.02, 0.98), abs=1e-12)
    assert value.signalled[0] == pytest.approx(50 * (0.98 * 0.7 + 0.02 * 0.1), abs=1e-10)
    assert value.signalled[1] == pytest.approx(50 * (0.02 * 0.7 + 0.98 * 0.1), abs=1e-10)
