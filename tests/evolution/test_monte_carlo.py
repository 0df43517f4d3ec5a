"""The Monte-Carlo of the individual-level Moran process (regimelab/evolution/monte_carlo.py),
against the fixation formula it is there to check."""

import pytest

from regimelab import Regime, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import fixation_probability, payoff_matrix, simulate_fixation

CASES = [
    ([[3, 0], [5, 1]], 0, 1, 10, 1.0),  # one-shot PD: Defector among Cooperators
    ([[3, 0.995], [1.02, 1]], 1, 0, 10, 1.0),  # TFT among Defectors, 200 turns
    ([[3, 0.5], [3, 1]], 0, 1, 5, 0.3),  # weak selection
    ([[2, -1], [4, 0.5]], 1, 0, 8, 0.3),  # negative payoffs (fines), s small enough
]


@pytest.mark.parametrize("matrix,resident,mutant,n,s", CASES)
def test_formula_agrees_with_monte_carlo(matrix, resident, mutant, n, s):
    estimate, error = simulate_fixation(matrix, resident, mutant, n, s, runs=20_000, seed=11)
    assert abs(estimate - fixation_probability(matrix, resident, mutant, n, s)) < 3 * error


# The previous values, outside the Monte-Carlo bands below: 0.259 for a TFT
# mutant among Defectors (payoffs per turn as E[total] / E[L]), 0.2742 for a
# Defector among TFTs (E[total / L], but each fitness replaced by its mean).
SHADOW_CASES = [("Defector", "Tit For Tat", 0.15780, 0.259), ("Tit For Tat", "Defector", 0.26633, 0.2742)]


def tft_alld_shadow():
    return payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="exact")


@pytest.mark.parametrize("resident,mutant,exact,previous", SHADOW_CASES)
def test_random_lengths_agree_with_a_monte_carlo_that_draws_every_match(resident, mutant, exact, previous):
    payoffs = tft_alld_shadow()
    rho = fixation_probability(payoffs, resident, mutant, 4)
    mean_fitness = fixation_probability(payoffs, resident, mutant, 4, method="expected_fitness")
    estimate, error = simulate_fixation(payoffs, resident, mutant, 4, runs=200_000, seed=5)
    assert abs(estimate - rho) < 3 * error
    assert abs(estimate - mean_fitness) > 3 * error and abs(estimate - previous) > 3 * error
    assert mean_fitness == pytest.approx(0.15032 if mutant == "Tit For Tat" else 0.27417, abs=1e-5)


def test_the_same_seed_plays_the_same_runs():
    matrix = [[3, 0.5], [3, 1]]
    first = simulate_fixation(matrix, 0, 1, 5, runs=500, seed=1)
    assert simulate_fixation(matrix, 0, 1, 5, runs=500, seed=1) == first
    assert simulate_fixation(matrix, 0, 1, 5, runs=500, seed=2) != first  # 0.37 against 0.332


def test_certain_outcomes_and_the_standard_error():
    # a mutant with zero fitness never reproduces; one with all the fitness always fixes
    # (with no run fixed the error is sqrt(1/runs / runs), not 0)
    assert simulate_fixation([[3, 0], [5, 1]], 1, 0, 6, runs=200, seed=1) == (0.0, pytest.approx(1 / 200))
    estimate, error = simulate_fixation([[1, 0], [1, 1]], 0, 1, 2, runs=100, seed=1)
    assert estimate == 1.0 and error == pytest.approx(0.01)


@pytest.mark.parametrize("kwargs,parameter", [
    ({"runs": 0}, "runs"), ({"runs": 2.5}, "runs"), ({"runs": True}, "runs"), ({"population": 1}, "population"),
    ({"selection": 2}, "selection"), ({"mutant": 5}, "strategy"), ({"method": "fast"}, "method"),
])
def test_bad_input_names_the_argument(kwargs, parameter):
    arguments = {"resident": 0, "mutant": 1, "population": 4, **kwargs}
    with pytest.raises(InvalidParameter) as caught:
        simulate_fixation([[3, 0], [5, 1]], **arguments)
    assert caught.value.parameter == parameter
