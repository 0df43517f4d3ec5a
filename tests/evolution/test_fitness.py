"""Fitness in the birth-death chain (regimelab/evolution/fitness.py): population and selection
checked, payoffs summed over the others, and negative fitness refused naming the limit."""

import pickle

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.evolution import FitnessNotPositive, PayoffMatrix, fitnesses, fixation_matrix, fixation_probability
from regimelab.evolution.fitness import check_population, check_selection, payoff_sums


def test_negative_fitness_is_a_clear_error_naming_the_limit():
    matrix = PayoffMatrix.from_array([[2, -1], [4, 0.5]], ["Complier", "Cheat"])
    with pytest.raises(FitnessNotPositive, match=r"at most 0\.5"):
        fixation_probability(matrix, "Cheat", "Complier", 8, selection=1.0)
    assert fixation_probability(matrix, "Cheat", "Complier", 8, selection=0.5) == 0.0  # fitness exactly 0
    assert fixation_probability(matrix, "Cheat", "Complier", 8, selection=0.49) > 0


@pytest.mark.parametrize("kwargs,parameter", [({"population": 1}, "population"), ({"selection": 1.5}, "selection")])
def test_moran_bad_input(kwargs, parameter):
    arguments = {"population": 5, "selection": 1.0, **kwargs}
    with pytest.raises(InvalidParameter) as caught:
        fixation_matrix([[3, 0], [5, 1]], **arguments)
    assert caught.value.parameter == parameter


def test_fixation_matrix_names_the_limit_for_the_whole_population():
    matrix = PayoffMatrix.from_array([[3, -2, 1], [1, 0.5, 0], [-4, 1, 1]], ["A", "B", "C"])
    with pytest.raises(FitnessNotPositive) as caught:
        fixation_matrix(matrix, 6)
    limit = caught.value.limit
    fixation_matrix(matrix, 6, selection=limit * (1 - 1e-9))  # no error just below it
    with pytest.raises(FitnessNotPositive):
        fixation_matrix(matrix, 6, selection=limit * (1 + 1e-6))


def test_payoffs_are_summed_over_the_n_minus_1_others():
    matrix = [[3, 0], [5, 1]]  # resident 0 (Cooperator), mutant 1 (Defector), N = 4
    mutant, resident = payoff_sums(matrix, 0, 1, 4)
    # k mutants: a mutant meets k - 1 mutants (P = 1) and 4 - k residents (T = 5)
    assert mutant.tolist() == [15, 11, 7]
    # a resident meets k mutants (S = 0) and 3 - k residents (R = 3)
    assert resident.tolist() == [6, 3, 0]


def test_fitness_is_one_minus_s_plus_s_times_the_mean_payoff():
    mutant, resident = fitnesses([[3, 0], [5, 1]], 0, 1, 4, selection=0.5)
    assert mutant.tolist() == pytest.approx([0.5 + 0.5 * 5, 0.5 + 0.5 * 11 / 3, 0.5 + 0.5 * 7 / 3])
    assert resident.tolist() == pytest.approx([0.5 + 0.5 * 2, 0.5 + 0.5 * 1, 0.5])


@pytest.mark.parametrize("value", [2, 10**6, np.int64(5)])
def test_check_population_takes_integers_from_two(value):
    assert check_population(value) == value


@pytest.mark.parametrize("value", [1, 0, 2.0, True, "10", 10**7])
def test_check_population_refuses_the_rest(value):
    with pytest.raises(InvalidParameter) as caught:
        check_population(value)
    assert caught.value.parameter == "population"


@pytest.mark.parametrize("value,ok", [(0, True), (1, True), (0.3, True), (np.float32(0.5), True),
                                      (-0.1, False), (1.01, False), (True, False), ("1", False)])
def test_check_selection_is_a_number_in_the_unit_interval(value, ok):
    if ok:
        assert check_selection(value) == pytest.approx(float(value)) and type(check_selection(value)) is float
    else:
        with pytest.raises(InvalidParameter, match="selection"):
            check_selection(value)


def test_all_zero_fitness_is_refused():
    with pytest.raises(FitnessNotPositive):
        fitnesses([[0, 0], [0, 0]], 0, 1, 3)


def test_the_error_survives_pickling_with_its_limit():
    error = FitnessNotPositive("selection must be at most 0.5", 0.5)
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.limit == 0.5 and copy.parameter == "selection"


def test_the_error_names_the_pair_and_what_it_earns():
    # one Complier among 7 Cheats earns S = -1 against each: fitness 1 - s + s * (-1) < 0 unless s <= 0.5
    with pytest.raises(FitnessNotPositive, match=r"one Complier among Cheat residents earns -1 per turn") as caught:
        fitnesses([[2, -1], [4, 0.5]], 1, 0, 8, names=("Complier", "Cheat"))
    assert caught.value.limit == pytest.approx(0.5)
