"""Fixation probabilities from the birth-death chain (regimelab/evolution/fixation.py): closed
forms, neutral drift, the chain's transitions, verdicts and the result's records."""

import numpy as np
import pytest

from regimelab.evolution import (
    PayoffMatrix,
    fitnesses,
    fixation_matrix,
    fixation_probability,
    transition_probabilities,
    verdict,
)


def constant_fitness_rho(r, n):
    return (1 - 1 / r) / (1 - 1 / r**n)


@pytest.mark.parametrize("r,n", [(1.5, 10), (0.8, 6), (2.0, 2)])
def test_constant_fitness_closed_form(r, n):
    matrix = [[1, 1], [r, r]]  # residents earn 1, mutants r, whoever they meet
    assert fixation_probability(matrix, 0, 1, n) == pytest.approx(constant_fitness_rho(r, n), rel=1e-12)


def test_neutral_cases_give_one_over_n():
    assert fixation_probability([[3, 3], [3, 3]], 0, 1, 7) == pytest.approx(1 / 7, rel=1e-12)
    assert fixation_probability([[3, 0], [5, 1]], 0, 1, 7, selection=0) == pytest.approx(1 / 7, rel=1e-12)
    result = fixation_matrix(PayoffMatrix.from_array([[3, 3], [3, 3]], ["A", "B"]), 5)
    assert result.verdicts() == [[None, "neutral"], ["neutral", None]]
    assert np.isnan(result.matrix[0, 0])


def test_transition_probabilities_are_the_birth_death_chain():
    matrix = np.array([[3, 0.5], [3, 1.0]])
    up, down = transition_probabilities(matrix, 0, 1, 5)
    assert up[0] == up[5] == down[0] == down[5] == 0
    assert np.all(up[1:5] + down[1:5] <= 1)
    f_mutant, f_resident = fitnesses(matrix, 0, 1, 5)
    assert np.allclose(down[1:5] / up[1:5], f_resident / f_mutant)
    # k = 1: the mutant earns A[1,0] against all 4 others; a resident A[0,1] + 3 A[0,0]
    assert f_mutant[0] == pytest.approx(4 * 3 / 4) and f_resident[0] == pytest.approx((0.5 + 9) / 4)


def test_zero_fitness_mutant_never_fixes():
    # one Cooperator among Defectors earns S = 0 against everyone: it cannot reproduce
    assert fixation_probability([[3, 0], [5, 1]], 1, 0, 10) == 0.0


def test_two_individuals_by_hand():
    # N = 2: one mutant j and one resident i, each meeting only the other (s = 1): f_j = A[j, i] and
    # f_i = A[i, j], and the mutant fixes with probability f_j / (f_j + f_i).
    assert fixation_probability([[3, 0], [5, 1]], 0, 1, 2) == pytest.approx(1.0)  # 5 / (5 + 0)
    assert fixation_probability([[3, 1], [2, 1]], 0, 1, 2) == pytest.approx(2 / 3)  # 2 / (2 + 1)


@pytest.mark.parametrize("rho,expected", [(0.2, "favoured"), (0.05, "disfavoured"), (0.1, "neutral"),
                                          (0.1 * (1 + 1e-12), "neutral")])
def test_verdict_against_one_over_n(rho, expected):
    assert verdict(rho, 10) == expected


def test_strategies_are_named_or_indexed():
    payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]], ["C", "D"])
    assert fixation_probability(payoffs, "C", "D", 6) == fixation_probability(payoffs, 0, 1, 6)


def test_the_results_records_one_per_ordered_pair():
    result = fixation_matrix(PayoffMatrix.from_array([[3, 1], [2, 1]], ["A", "B"]), 2)
    assert result.neutral == 0.5 and result.method == "exact"
    assert result.pairs() == [
        {"resident": "A", "mutant": "B", "fixation_probability": pytest.approx(2 / 3),
         "relative_to_neutral": pytest.approx(4 / 3), "verdict": "favoured"},
        {"resident": "B", "mutant": "A", "fixation_probability": pytest.approx(1 / 3),
         "relative_to_neutral": pytest.approx(2 / 3), "verdict": "disfavoured"},
    ]
    data = result.to_dict()
    assert data["matrix"][0][0] is None and data["matrix"][0][1] == pytest.approx(2 / 3)
    assert data["verdicts"] == [[None, "favoured"], ["disfavoured", None]]
    assert data["residents"] == data["mutants"] == ["A", "B"] and data["methods"] == [[None, "exact"], ["exact", None]]


def test_expected_fitness_chosen_by_hand_says_so():
    result = fixation_matrix([[3, 0], [5, 1]], 4, method="expected_fitness")
    assert result.method == "expected_fitness" and result.method_reason.startswith("chosen by hand")
    assert np.allclose(result.matrix, fixation_matrix([[3, 0], [5, 1]], 4).matrix, equal_nan=True)
