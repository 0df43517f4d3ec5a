"""Replicator dynamics on a payoff matrix (regimelab/evolution/replicator.py): shares on the
simplex, invariants, rest points, and bad input."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.evolution import replicator_dynamics, replicator_rate
from regimelab.evolution.replicator import project

RPS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]


@pytest.mark.parametrize("seed", range(4))
def test_replicator_shares_sum_to_one_and_stay_in_unit_interval(seed):
    rng = np.random.default_rng(seed)
    matrix = rng.normal(0, 3, size=(5, 5)) - 4  # negative payoffs, as under heavy fines
    start = rng.dirichlet(np.ones(5))
    start[rng.integers(5)] = 0  # a strategy absent from the start stays absent
    start /= start.sum()
    run = replicator_dynamics(matrix, initial=start, time=200, steps=400)
    assert run.shares.shape == (401, 5)
    assert np.allclose(run.shares.sum(axis=1), 1, atol=1e-12)
    assert run.shares.min() >= 0 and run.shares.max() <= 1
    assert np.all(run.shares[:, start == 0] == 0)
    assert np.allclose(run.times, np.linspace(0, 200, 401))


def test_projection_clips_round_off():
    shares = project(np.array([[1 + 1e-13, -1e-15, 0.0], [0.5, 0.5 + 1e-12, -2e-14]]))
    assert shares.min() >= 0 and shares.max() <= 1
    assert np.allclose(shares.sum(axis=1), 1, atol=1e-15)


def test_cycles_are_not_at_rest_but_stay_on_the_simplex():
    run = replicator_dynamics(RPS, initial=[0.5, 0.3, 0.2], time=50, steps=500)
    assert not run.at_rest
    assert np.allclose(run.shares.sum(axis=1), 1)
    # x1*x2*x3 is a constant of motion of zero-sum rock-paper-scissors
    product = run.shares.prod(axis=1)
    assert np.allclose(product, product[0], rtol=1e-6)


def test_replicator_ignores_a_constant_added_to_the_payoffs():
    matrix = np.array([[3, 0], [5, 1.0]])
    one = replicator_dynamics(matrix, [0.6, 0.4], time=3, steps=30)
    other = replicator_dynamics(matrix - 10, [0.6, 0.4], time=3, steps=30)
    assert np.allclose(one.shares, other.shares, atol=1e-8)


def test_replicator_rate_vanishes_at_vertices_and_uniform_default():
    assert np.allclose(replicator_rate(RPS, [1, 0, 0]), 0)
    run = replicator_dynamics(RPS, time=10, steps=10)
    assert np.allclose(run.shares[0], 1 / 3) and run.at_rest  # the interior rest point


@pytest.mark.parametrize(
    "kwargs,parameter",
    [({"initial": [0.5, 0.4]}, "initial"), ({"initial": [1.2, -0.2]}, "initial"), ({"initial": [1.0]}, "initial"),
     ({"time": -1}, "time"), ({"time": 0}, "time"), ({"steps": 0}, "steps")],
)
def test_replicator_bad_input(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        replicator_dynamics([[3, 0], [5, 1]], **kwargs)
    assert caught.value.parameter == parameter


def test_replicator_rate_by_hand():
    # x = (1/2, 1/2) on the prisoner's dilemma: Ax = (1.5, 3), mean fitness 2.25
    assert replicator_rate([[3, 0], [5, 1]], [0.5, 0.5]).tolist() == [-0.375, 0.375]


def test_a_dominant_strategy_takes_over_and_the_result_says_so():
    run = replicator_dynamics(np.array([[3, 0], [5, 1.0]]), initial=[0.99, 0.01], time=50, steps=5)
    assert run.names == ("s0", "s1")  # a bare matrix's strategies
    assert run.final[1] > 0.999 and run.at_rest
    assert list(run.final_shares()) == ["s1", "s0"]  # largest first
    data = run.to_dict()
    assert data["times"] == [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
    assert data["initial_shares"] == {"s0": 0.99, "s1": 0.01}
    assert data["at_rest"] is True and data["max_rate"] == run.max_rate <= data["rest_tolerance"]


def test_initial_shares_may_be_a_payoff_matrixs_names():
    from regimelab.evolution import PayoffMatrix

    payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]], ["C", "D"])
    run = replicator_dynamics(payoffs, initial=[0.5, 0.5], time=1, steps=2)
    assert run.names == ("C", "D") and set(run.to_dict()["shares"]) == {"C", "D"}


def test_a_small_share_still_growing_is_not_at_rest():
    # Tit For Tat and Always Cooperate tie (R each), a Defector at 1e-9 earns more than both: every share
    # changes by less than 1e-6 per unit of time at t = 1, yet the Defector grows by e every ~1.2 units.
    matrix = np.array([[3, 3, 0.995], [3, 3, 0], [1.02, 5, 1.0]])  # TFT, AllC, AllD over 200 turns
    run = replicator_dynamics(matrix, initial=[0.3, 0.7 - 1e-9, 1e-9], time=1, steps=4)
    assert run.max_rate <= run.tolerance
    assert list(run.growing) == ["s2"] and run.growing["s2"] == pytest.approx(run.growth[2])
    assert not run.at_rest
    data = run.to_dict()
    assert data["at_rest"] is False and data["growing"] == {"s2": run.growth[2]}
    # growth is payoff less the mean, and 0 for an absent strategy
    absent = replicator_dynamics(matrix, initial=[0.5, 0.5, 0.0], time=1, steps=1)
    assert absent.growth[2] == 0 and absent.final[2] == 0 and absent.at_rest and absent.to_dict()["growing"] == {}
