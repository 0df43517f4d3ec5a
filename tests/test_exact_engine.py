"""The exact engine's numerics, checked against independent computations.

Random machines and random regimes; every quantity is computed a second way:
the finite sum round by round with dense matrices, the discounted sum as a
truncated series, the long-run distribution by repeated squaring of the lazy
chain (I + M)/2, the sparse path against the dense one, and the reachable
chain against the full product chain.
"""

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact

GAME = rl.Game()


def random_machine(rng, size, deterministic=False):
    if deterministic:
        cooperate = tuple(float(x) for x in rng.integers(0, 2, size))
    else:
        cooperate = tuple(float(x) for x in rng.choice([0.0, 1.0, rng.random()], size))
    next_state = tuple(
        tuple(tuple(int(rng.integers(size)) for _ in (0, 1)) for _ in (0, 1)) for _ in range(size)
    )
    return exact.StateMachine(f"random{size}", cooperate, next_state, int(rng.integers(size)))


def random_regime(rng, shadow):
    values = dict(
        transparency=float(rng.choice([1.0, rng.random()])),
        false_alarm=float(rng.choice([0.0, 0.2 * rng.random()])),
        noise=float(rng.choice([0.0, 0.1 * rng.random()])),
        fine=float(rng.choice([0.0, 3 * rng.random()])),
        compensation=float(rng.random()),
        enforcement_cost=float(rng.choice([0.0, rng.random()])),
        transaction_cost=float(rng.choice([0.0, rng.random()])),
    )
    if shadow:
        values["shadow"] = float(rng.uniform(0.1, 0.98))
    else:
        values["turns"] = int(rng.integers(1, 80))
    return rl.Regime(**values)


def dense_full_chain(first, second, regime):
    """The product chain over all n1*n2 states, by plain loops (the engine's first version)."""
    n1, n2 = first.size, second.size
    size = n1 * n2
    transition = np.zeros((size, size))
    rewards = np.zeros((size, 2))
    base = GAME.matrix()
    e = regime.noise
    signal_d = regime.monitoring.signal_d()
    for x in range(n1):
        for y in range(n2):
            s = x * n2 + y
            c1 = first.cooperate[x] * (1 - e) + (1 - first.cooperate[x]) * e
            c2 = second.cooperate[y] * (1 - e) + (1 - second.cooperate[y]) * e
            for a1, p1 in ((0, c1), (1, 1 - c1)):
                for a2, p2 in ((0, c2), (1, 1 - c2)):
                    for g1 in (0, 1):
                        for g2 in (0, 1):
                            q1 = signal_d[a1] if g1 else 1 - signal_d[a1]
                            q2 = signal_d[a2] if g2 else 1 - signal_d[a2]
                            p = p1 * p2 * q1 * q2
                            u1 = (base[a1, a2] - regime.transaction_cost * (a1 == 0) - regime.fine * g1
                                  + regime.sanctions.partner_transfer * g2)
                            rewards[s, 0] += p * u1
                            transition[s, first.next_state[x][a1][g2] * n2 + second.next_state[y][a2][g1]] += p
    initial = np.zeros(size)
    initial[first.initial * n2 + second.initial] = 1
    return transition, rewards, initial


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


def test_per_turn_under_turns_is_the_total_over_the_turns():
    rng = np.random.default_rng(7)
    first, second = random_machine(rng, 4), random_machine(rng, 3)
    regime = random_regime(rng, shadow=False)
    value = exact.evaluate(first, second, regime, GAME)
    assert value.per_turn == pytest.approx(tuple(t / regime.turns for t in value.totals), abs=1e-12)


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


@pytest.mark.parametrize("seed", range(6))
def test_sparse_path_equals_dense_path(seed, monkeypatch):
    rng = np.random.default_rng(200 + seed)
    first, second = random_machine(rng, 6), random_machine(rng, 5)
    regime = random_regime(rng, shadow=bool(seed % 2))
    dense = exact.evaluate(first, second, regime, GAME)
    monkeypatch.setattr(exact, "DENSE_LIMIT", 0)
    chain = exact.pair_chain(first, second, regime, GAME)
    assert chain.is_sparse
    sparse = exact.evaluate(first, second, regime, GAME)
    for field in ("totals", "per_turn", "cooperation", "long_run", "signalled"):
        assert getattr(sparse, field) == pytest.approx(getattr(dense, field), abs=1e-10)


def test_only_reachable_states_are_built():
    grim, alld = exact.grim_trigger(), exact.always_defect()
    assert exact.pair_chain(grim, grim, rl.Regime(), GAME).size == 1  # (C, C) for ever
    assert exact.pair_chain(grim, alld, rl.Regime(), GAME).size == 2
    # memory-one self-play with noise: the start and the four outcomes (each side remembers the
    # same round, mirrored), not all 25 pairs of states
    tft = exact.tit_for_tat()
    assert exact.pair_chain(tft, tft, rl.Regime(noise=0.1), GAME).size == 5
    # imperfect signals decouple what each side saw: 1 + 2**4 joint states
    assert exact.pair_chain(tft, tft, rl.Regime(noise=0.1, transparency=0.8, false_alarm=0.1), GAME).size == 17


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


def test_expected_signals_and_cooperation_are_consistent():
    # Always Defect against Always Cooperate: every D signalled with p, every C misread with a
    regime = rl.Regime(turns=50, transparency=0.7, false_alarm=0.1, noise=0.02)
    value = exact.evaluate(exact.always_defect(), exact.always_cooperate(), regime, GAME)
    assert value.cooperation == pytest.approx((0.02, 0.98), abs=1e-12)
    assert value.signalled[0] == pytest.approx(50 * (0.98 * 0.7 + 0.02 * 0.1), abs=1e-10)
    assert value.signalled[1] == pytest.approx(50 * (0.02 * 0.7 + 0.98 * 0.1), abs=1e-10)


def test_a_joint_chain_too_large_is_refused_by_name(monkeypatch):
    from regimelab.machines import NotFiniteState

    monkeypatch.setattr(exact, "MAX_JOINT_STATES", 10)
    tft = exact.tit_for_tat()
    with pytest.raises(NotFiniteState, match="Tit For Tat against Tit For Tat.*more than 10 states"):
        exact.pair_chain(tft, tft, rl.Regime(noise=0.1, transparency=0.8, false_alarm=0.1), GAME)
