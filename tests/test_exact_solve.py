"""The shifted systems x (a I + b (I - M)) = e0 of a joint chain (regimelab/exact_solve.py): the Schur form of
a dense chain, numpy's batched solves of a small one and the sweep over a sparse chain's classes against
direct dense solves, to round-off.
"""

import numpy as np
import pytest
from exact_reference import GAME, random_machine, random_regime

import regimelab as rl
from regimelab import exact, exact_solve
from regimelab.exact_chain import build_pair_chain
from regimelab.machines import to_machine

SHIFTS = (np.array([0.005, 1.0, 1.0, 1.0]), np.array([0.995, 0.3, 7.5, 199.0]))  # (a, b): discounted, per turn


def direct(transition, initial, alphas, betas):
    size = len(initial)
    generator = np.eye(size) - transition
    return np.array([np.linalg.solve((a * np.eye(size) + b * generator).T, initial) for a, b in zip(alphas, betas)])


def random_chain(seed, dense_limit):
    rng = np.random.default_rng(seed)
    deterministic = seed % 3 == 0  # deterministic machines: long paths and cycles, classes of one state
    first = random_machine(rng, int(rng.integers(1, 10)), deterministic)
    second = random_machine(rng, int(rng.integers(1, 10)), deterministic)
    regime = random_regime(rng, shadow=True)
    return build_pair_chain(first, second, regime, GAME, dense_limit=dense_limit, max_states=10**6)


@pytest.mark.parametrize("seed", range(16))
def test_dense_and_sparse_chains_agree_with_direct_solves(seed, monkeypatch):
    alphas, betas = SHIFTS
    combine = np.eye(len(alphas))
    dense = random_chain(seed, dense_limit=10**6)
    expected = direct(dense.transition, dense.initial, alphas, betas)
    for direct_limit in (0, 10**6):  # every dense chain by its Schur form, then every one shift by shift
        monkeypatch.setattr(exact_solve, "DIRECT_LIMIT", direct_limit)
        solved = exact_solve.shifted_row_solves(dense.transition, dense.initial, alphas, betas, combine)
        assert solved == pytest.approx(expected, abs=1e-11 * expected.max())
    monkeypatch.undo()
    sparse = random_chain(seed, dense_limit=0)
    if seed % 2:  # every class by sparse factorisations, and the shifts swept two at a time
        monkeypatch.setattr(exact_solve, "SCHUR_CLASS_LIMIT", 1)
        monkeypatch.setattr(exact_solve, "SWEEP_BYTES", 16 * sparse.size)
    solved = exact_solve.shifted_row_solves(sparse.transition, sparse.initial, alphas, betas, combine)
    assert solved == pytest.approx(expected, abs=1e-11 * expected.max())


def test_only_the_combinations_are_returned():
    chain = random_chain(4, dense_limit=0)
    alphas, betas = SHIFTS
    combine = np.array([[1.0, 0, 0, 0], [0, 0.2, 0.3, 0.5]])
    expected = combine @ direct(chain.transition.toarray(), chain.initial, alphas, betas)
    assert exact_solve.shifted_row_solves(chain.transition, chain.initial, alphas, betas, combine) == pytest.approx(
        expected, abs=1e-12)


def test_a_turn_counter_is_a_sweep_over_classes_of_one_state():
    # Better and Better counts turns up to 1,000: its chain against the Cooperator is a path of
    # classes of one state, one level each, where a dense factorisation would be of 1,000 states.
    regime = rl.Regime(shadow=0.995, noise=0.05)
    machine = to_machine(rl.find_strategy("Better and Better")(), noise=0.05)
    chain = exact.pair_chain(machine, exact.always_cooperate(), regime, GAME)
    sizes, levels = exact_solve.class_structure(chain.transition)
    assert chain.is_sparse and sizes.max() == 1 and levels == chain.size
    weights = exact.discounted_occupancy(chain, 0.995)
    assert weights.sum() == pytest.approx(200.0, rel=1e-12)  # sum_t w^t = 1 / (1 - w)


def test_the_class_structure_of_tit_for_tat_against_itself():
    # Under noise the start state (both about to comply, nothing seen) is left at once and never
    # reached again; the four states of the last round form one class.
    chain = exact.pair_chain(exact.tit_for_tat(), exact.tit_for_tat(), rl.Regime(noise=0.1), GAME)
    sizes, levels = exact_solve.class_structure(chain.transition)
    assert sorted(sizes.tolist()) == [1, 4] and levels == 2
