"""How a fixation probability is computed for a pair (regimelab/evolution/methods.py): exact
when the matches are certain (given their length), else with expected fitness, and why."""

import pytest

from regimelab import Regime, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import (
    LengthScores,
    PayoffMatrix,
    fixation_matrix,
    fixation_method,
    fixation_probability,
    payoff_matrix,
)
from regimelab.evolution.methods import METHODS, check_method


@pytest.mark.parametrize("regime,why", [
    (Regime(shadow=0.9, noise=0.01), "noise 0.01"),
    (Regime(shadow=0.9, transparency=0.7), "signals are random"),
    (Regime(shadow=0.9999), "too long"),
])
def test_random_matches_fall_back_to_expected_fitness_and_say_why(regime, why):
    payoffs = payoff_matrix(make_players(["tft", "alld"]), regime, engine="exact")
    assert payoffs.length_scores is None and why in payoffs.random_reason
    result = fixation_matrix(payoffs, 4)
    assert result.method == "expected_fitness" and why in result.method_reason
    assert result.methods == ((None, "expected_fitness"), ("expected_fitness", None))
    with pytest.raises(InvalidParameter, match="exact only"):
        fixation_probability(payoffs, 0, 1, 4, method="exact")


def test_a_strategy_that_randomises_leaves_only_its_pairs_approximate():
    payoffs = payoff_matrix(make_players(["tft", "alld", "random"]), Regime(shadow=0.9), engine="exact")
    assert "Random" in payoffs.random_reason
    result = fixation_matrix(payoffs, 4)
    assert result.method == "mixed"
    assert [[m for m in row] for row in result.methods] == [
        [None, "exact", "expected_fitness"], ["exact", None, "expected_fitness"],
        ["expected_fitness", "expected_fitness", None]]
    alone = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="exact")
    assert result.matrix[0, 1] == pytest.approx(fixation_probability(alone, 0, 1, 4), rel=1e-12)


def test_simulated_payoffs_use_expected_fitness():
    payoffs = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="simulate", repetitions=5)
    assert fixation_matrix(payoffs, 4).method == "expected_fitness"
    assert "simulated" in fixation_matrix(payoffs, 4).method_reason
    assert fixation_matrix([[3, 0], [5, 1]], 4).method == "exact"  # a hand-made matrix: the payoffs as given


def test_a_hand_made_matrix_is_every_matchs_payoffs():
    method, why = fixation_method([[3, 0], [5, 1]], 0, 1)
    assert method == "exact" and "by hand" in why
    assert fixation_method([[3, 0], [5, 1]]) == (method, why)  # the whole population


def test_certain_matches_and_random_lengths_are_both_exact_and_say_which():
    fixed = PayoffMatrix(("A", "B"), [[3, 0], [5, 1]], engine="exact",
                         length_scores=LengthScores([10], [1.0], [[[3], [0]], [[5], [1]]]))
    assert fixation_method(fixed, "A", "B")[1] == "every match is certain, so is every fitness"
    lengths = PayoffMatrix(("A", "B"), [[3, 0], [5, 1]], engine="exact",
                           length_scores=LengthScores([1, 2], [0.5, 0.5], [[[3, 3], [0, 0]], [[5, 5], [1, 1]]]))
    method, why = fixation_method(lengths, "A", "B")
    assert method == "exact" and why.startswith("fitness is random only through the match lengths")


def test_check_method_resolves_auto_and_refuses_unknown_methods():
    assert METHODS == ("exact", "expected_fitness")
    payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]])
    assert check_method("auto", payoffs, 0, 1) == "exact"
    assert check_method("expected_fitness", payoffs, 0, 1) == "expected_fitness"
    with pytest.raises(InvalidParameter) as caught:
        check_method("mean", payoffs, 0, 1)
    assert caught.value.parameter == "method" and "auto, exact, expected_fitness" in str(caught.value)
