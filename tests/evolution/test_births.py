"""The exact birth probabilities under random match lengths (regimelab/evolution/births.py):
the classic formula when fitness is certain, the sum over every draw of the matches, and
negative fitness in some matches refused."""

import numpy as np
import pytest

from regimelab import Regime, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import (
    FitnessNotPositive,
    LengthScores,
    PayoffMatrix,
    birth_probabilities,
    fitnesses,
    fixation_probability,
    match_laws,
    payoff_matrix,
    transition_probabilities,
)
from regimelab.evolution.births import MatchLaw, as_match_law

# -- Moran process with random fitness: random match lengths ----------------------
#
# axelrod's MoranProcess plays new matches at every step; under a shadow their
# lengths, hence every fitness, are random, and the chance that a mutant
# reproduces is beta_k = E[X / (X + Y)] over the matches of one step.


def classic_births(matrix, resident, mutant, n, s):
    f_mutant, f_resident = fitnesses(matrix, resident, mutant, n, s)
    k = np.arange(1, n)
    return k * f_mutant / (k * f_mutant + (n - k) * f_resident)


@pytest.mark.parametrize("n,s", [(2, 1.0), (3, 1.0), (6, 0.4), (10, 1.0)])
def test_certain_fitness_gives_the_classic_formula(n, s):
    matrix = np.array([[3, 0.7], [2.2, 1.3]])
    certain = [([1.0], [matrix[0, 0]], [matrix[0, 0]]), ([1.0], [matrix[0, 1]], [matrix[1, 0]]),
               ([1.0], [matrix[1, 1]], [matrix[1, 1]])]
    beta, gamma = birth_probabilities(*certain, n, s)
    assert np.allclose(beta, classic_births(matrix, 0, 1, n, s), rtol=1e-13, atol=0)
    assert np.allclose(beta + gamma, 1, rtol=0, atol=1e-15)
    # the same through fixation_probability: two lengths with equal scores take the integral's path
    scores = LengthScores([5, 9], [0.3, 0.7], np.repeat(matrix[:, :, None], 2, axis=2))
    payoffs = PayoffMatrix(("A", "B"), matrix, engine="exact", length_scores=scores)
    exact = fixation_probability(payoffs, "A", "B", n, s)
    assert exact == pytest.approx(fixation_probability(matrix, 0, 1, n, s), rel=1e-12)
    assert exact == pytest.approx(fixation_probability(payoffs, "A", "B", n, s, method="expected_fitness"),
                                  rel=1e-12)
    up, down = transition_probabilities(payoffs, 0, 1, n, s)
    classic_up, classic_down = transition_probabilities(matrix, 0, 1, n, s)
    assert np.allclose(up, classic_up, rtol=1e-12) and np.allclose(down, classic_down, rtol=1e-12)


def brute_force_births(laws, n, s):
    """E[X / (X + Y)] for k = 1 .. N-1 by summing over every joint outcome of the matches of one step."""
    residents, mixed, mutants = laws
    c = s / (n - 1)
    result = []
    for k in range(1, n):
        matches = ([(residents, 0.0, c)] * ((n - k) * (n - k - 1) // 2) + [(mixed, "mutant", "resident")] * (k * (n - k))
                   + [(mutants, c, 0.0)] * (k * (k - 1) // 2))
        p, x, y = np.ones(()), np.full((), k * (1 - s)), np.full((), (n - k) * (1 - s))
        for axis, (law, to_x, to_y) in enumerate(matches):
            shape = [1] * len(matches)
            shape[axis] = -1
            prob, first, second = (np.asarray(v, dtype=float).reshape(shape) for v in law)
            p = p * prob
            if to_x == "mutant":  # a mixed match: resident first, mutant second
                x, y = x + c * second, y + c * first
            else:
                x, y = x + to_x * (first + second), y + to_y * (first + second)
        result.append(float(np.sum(p * x / (x + y))))
    return np.array(result)


@pytest.mark.parametrize("s", [1.0, 0.5])
def test_births_equal_the_sum_over_every_draw_of_the_matches(s):
    rng = np.random.default_rng(3)
    laws = [(rng.dirichlet(np.ones(3)), rng.uniform(0, 5, 3), rng.uniform(0, 5, 3)) for _ in range(3)]
    laws[0] = (laws[0][0], laws[0][1], laws[0][1])  # two copies of one strategy score alike
    laws[2] = (laws[2][0], laws[2][1], laws[2][1])
    beta, gamma = birth_probabilities(*laws, 4, s)  # k = 2: 1 + 4 + 1 matches, 3^6 joint draws
    assert np.allclose(beta, brute_force_births(laws, 4, s), rtol=1e-13, atol=1e-15)
    assert np.allclose(gamma, 1 - brute_force_births(laws, 4, s), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("resident,mutant", [("Defector", "Tit For Tat"), ("Tit For Tat", "Defector")])
def test_births_under_a_shadow_equal_the_sum_over_every_length(resident, mutant):
    # N = 3: two or three matches per step, each of one of 73 lengths (0.6^73 < 1e-16)
    payoffs = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.6), engine="exact")
    assert len(payoffs.length_scores.lengths) == 73
    laws = match_laws(payoffs, resident, mutant)
    for s in (1.0, 0.7):
        beta, _ = birth_probabilities(*laws, 3, s)
        assert np.allclose(beta, brute_force_births(laws, 3, s), rtol=1e-13, atol=0)
        assert not np.allclose(beta, classic_births(payoffs.matrix, payoffs.index(resident),
                                                    payoffs.index(mutant), 3, s), rtol=1e-3)


def test_a_fitness_negative_in_some_matches_is_refused_naming_the_limit():
    # mean score per turn 0.4 against the resident, but -2 in a match of length 1
    scores = np.array([[[2.0, 2.0], [1.0, 1.0]], [[-2.0, 1.2], [1.0, 1.0]]])
    payoffs = PayoffMatrix(("R", "M"), scores @ [0.2, 0.8], engine="exact",
                           length_scores=LengthScores([1, 2], [0.2, 0.8], scores))
    assert fixation_probability(payoffs, "R", "M", 3, method="expected_fitness") > 0  # mean fitness positive
    with pytest.raises(FitnessNotPositive, match=r"worst matches.*at most 0\.3333") as caught:
        fixation_probability(payoffs, "R", "M", 3)
    assert caught.value.limit == pytest.approx(1 / 3)
    assert fixation_probability(payoffs, "R", "M", 3, selection=0.3) > 0


def test_two_individuals_reproduce_in_proportion_to_their_scores():
    # N = 2, s = 1: one mixed match whose outcome is (1, 3) or (3, 1) with probabilities 1/4 and 3/4;
    # the mutant (second) reproduces with probability E[x / (x + y)] = 1/4 * 3/4 + 3/4 * 1/4.
    certain = ([1.0], [2.0], [2.0])
    beta, gamma = birth_probabilities(certain, ([0.25, 0.75], [1.0, 3.0], [3.0, 1.0]), certain, 2)
    assert beta.tolist() == pytest.approx([0.375], rel=1e-12) and gamma.tolist() == pytest.approx([0.625], rel=1e-12)


def test_a_law_drops_impossible_outcomes_and_is_checked():
    law = as_match_law(([0.5, 0.0, 0.5], [1, 2, 3], [4, 5, 6]))
    assert isinstance(law, MatchLaw) and law.probabilities.tolist() == [0.5, 0.5] and law.first.tolist() == [1, 3]
    for bad in (([0.5, 0.4], [1, 2], [3, 4]), ([1.0], [1, 2], [3]), ([], [], []), ([1.0], [np.inf], [1])):
        with pytest.raises(InvalidParameter):
            as_match_law(bad)


def test_match_laws_need_matches_certain_given_their_length():
    with pytest.raises(InvalidParameter, match="length_scores"):
        match_laws(PayoffMatrix.from_array([[3, 0], [5, 1]]), 0, 1)
    scores = LengthScores([1, 2], [0.5, 0.5], np.zeros((2, 2, 2)))
    residents, mixed, mutants = match_laws(PayoffMatrix(("A", "B"), np.zeros((2, 2)), length_scores=scores), "A", "B")
    assert residents.probabilities.tolist() == mixed.probabilities.tolist() == [0.5, 0.5]
