"""The payoff matrix of a population under a regime (regimelab/evolution/population.py): its
engines, self-play, the scores per match length, and hand-made matrices."""

import numpy as np
import pytest

from regimelab import Regime, RegimelabError, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import LengthScores, PayoffMatrix, payoff_matrix
from regimelab.evolution.population import as_payoff_matrix


def exact_engine_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("regimelab.exact_tournament", "regimelab.machines"))


def test_length_scores_average_to_the_engines_score_per_turn():
    players = make_players(["tft", "alld", "wsls", "grudger", "allc"])
    payoffs = payoff_matrix(players, Regime(shadow=0.9, fine=0.5, compensation=0.5), engine="exact")
    scores = payoffs.length_scores
    assert scores.certain.all() and not scores.fixed_length and payoffs.random_reason is None
    assert np.allclose(scores.means(), payoffs.matrix, rtol=0, atol=1e-12)  # E[total / L]
    plain = payoff_matrix(players[:2], Regime(shadow=0.9), engine="exact").length_scores
    lengths = plain.lengths
    assert np.allclose(plain.scores[0, 1], (lengths - 1) / lengths, rtol=0, atol=1e-15)  # S, then P = 1
    assert np.allclose(plain.scores[1, 0], (lengths + 4) / lengths, rtol=0, atol=1e-15)  # T = 5, then P = 1
    fixed = payoff_matrix(players, Regime(turns=30), engine="exact").length_scores
    assert fixed.fixed_length and list(fixed.lengths) == [30]


def test_payoff_matrix_from_the_pairs_table_includes_self_play():
    payoffs = payoff_matrix(make_players(["tft", "alld", "allc"]), Regime(turns=10), engine="simulate",
                            repetitions=1)
    assert payoffs.engine == "simulate"
    expected = [[3, 0.9, 3], [1.4, 1, 5], [3, 0, 3]]
    assert np.allclose(payoffs.matrix, expected)


def test_engine_choice():
    players = make_players(["tft", "alld"])
    with pytest.raises(InvalidParameter):
        payoff_matrix(players, engine="fast")
    auto = payoff_matrix(players, Regime(turns=20), engine="auto", repetitions=1)
    if exact_engine_available():
        assert auto.engine == "exact"
        exact = payoff_matrix(players, Regime(turns=20), engine="exact")
        simulated = payoff_matrix(players, Regime(turns=20), engine="simulate", repetitions=1)
        assert np.allclose(exact.matrix, simulated.matrix, atol=1e-9)
        unbounded = make_players(["tft", "Adaptive"])  # keeps running totals: no finite-state form
        fallback = payoff_matrix(unbounded, Regime(turns=20), engine="auto", repetitions=1)
        assert fallback.engine == "simulate" and "Adaptive" in fallback.reason
        with pytest.raises(RegimelabError, match="Adaptive"):
            payoff_matrix(unbounded, Regime(turns=20), engine="exact")
    else:
        assert auto.engine == "simulate" and "not available" in auto.reason
        with pytest.raises(RegimelabError):
            payoff_matrix(players, engine="exact")


def test_auto_engine_logic_with_a_stand_in_exact_engine(monkeypatch):
    """auto uses the exact engine, and falls back on NotFiniteState (a stand-in engine refuses Adaptive)."""
    import regimelab.evolution.population as population
    from regimelab.machines import NotFiniteState
    from regimelab.tournament import run_tournament

    def stand_in(players, regime=None, game=None, progress=False):
        for player in players:
            if str(player) == "Adaptive":
                raise NotFiniteState("Adaptive", "no finite-state form")
        return run_tournament(players, regime, game, repetitions=1)

    monkeypatch.setattr(population, "run_exact_tournament", stand_in)
    exact = payoff_matrix(make_players(["tft", "alld"]), Regime(turns=10), engine="auto")
    assert exact.engine == "exact" and exact.reason is None and exact.seed is None
    assert np.allclose(exact.matrix, [[3, 0.9], [1.4, 1]])
    fallback = payoff_matrix(make_players(["tft", "Adaptive"]), Regime(turns=10), engine="auto", repetitions=1)
    assert fallback.engine == "simulate" and "Adaptive" in fallback.reason
    with pytest.raises(RegimelabError, match="Adaptive"):
        payoff_matrix(make_players(["tft", "Adaptive"]), Regime(turns=10), engine="exact")


def test_a_hand_made_matrix_is_named_and_read_only():
    payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]])
    assert payoffs.names == ("s0", "s1") and payoffs.engine == "given" and payoffs.size == 2
    assert as_payoff_matrix(payoffs) is payoffs and as_payoff_matrix([[1.0]]).names == ("s0",)
    with pytest.raises(ValueError):
        payoffs.matrix[0, 0] = 9
    assert payoffs.to_dict() == {"names": ["s0", "s1"], "matrix": [[3.0, 0.0], [5.0, 1.0]], "engine": "given",
                                 "reason": None, "repetitions": None, "seed": None}


def test_index_is_by_exact_name():
    payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]], ["Tit For Tat", "Defector"])
    assert payoffs.index("Defector") == 1
    with pytest.raises(InvalidParameter, match="one of Tit For Tat, Defector"):
        payoffs.index("defector")


@pytest.mark.parametrize("matrix,names,parameter", [
    ([[3, 0, 1], [5, 1, 1]], None, "payoffs"),
    ([], None, "payoffs"),
    ([[3, np.nan], [5, 1]], None, "payoffs"),
    ([[3, 0], [5, 1]], ["A"], "names"),
    ([[3, 0], [5, 1]], ["A", "A"], "names"),
])
def test_a_bad_matrix_names_the_parameter(matrix, names, parameter):
    with pytest.raises(InvalidParameter) as caught:
        PayoffMatrix.from_array(matrix, names)
    assert caught.value.parameter == parameter


def test_length_scores_are_checked_and_read_only():
    scores = LengthScores([1, 3], [0.25, 0.75], np.arange(8.0).reshape(2, 2, 2))
    assert not scores.fixed_length and scores.certain.all() and scores.pair_certain(0, 1)
    assert scores.means().tolist() == [[0.75, 2.75], [4.75, 6.75]]
    with pytest.raises(ValueError):
        scores.scores[0, 0, 0] = 1
    for bad in (dict(probabilities=[0.5, 0.4]), dict(scores=np.zeros((2, 2, 3))),
                dict(certain=[[True, False], [True, True]])):
        with pytest.raises(InvalidParameter, match="length_scores"):
            LengthScores(**{"lengths": [1, 3], "probabilities": [0.25, 0.75], "scores": np.zeros((2, 2, 2)), **bad})
    with pytest.raises(InvalidParameter, match="scores for 3 strategies"):
        PayoffMatrix(("A", "B", "C"), np.zeros((3, 3)), length_scores=scores)


def test_a_population_has_two_strategies_or_more():
    with pytest.raises(InvalidParameter, match="at least two strategies"):
        payoff_matrix(make_players(["tft"]), Regime(turns=5), engine="simulate")
