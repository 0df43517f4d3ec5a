"""What classic strategies would have scored in a student's place."""

import pytest

from regimelab import Game, Regime
from regimelab.classroom.comparison import CLASSICS, against_moves, against_strategy
from regimelab.exact_tournament import run_exact_tournament


@pytest.mark.parametrize("side", [0, 1])
def test_against_a_students_moves_each_classic_replays_the_match(side):
    rows = {row["name"]: row["per_turn"] for row in against_moves(Regime(turns=3), Game(), 5, "CCD", side)}
    assert list(rows) == list(CLASSICS)
    assert rows["Defector"] == pytest.approx((5 + 5 + 1) / 3)
    assert rows["Cooperator"] == pytest.approx((3 + 3 + 0) / 3)
    assert rows["Tit For Tat"] == pytest.approx((3 + 3 + 0) / 3)


def test_against_a_strategy_it_is_the_exact_expectation_also_when_the_opponent_is_a_classic():
    regime = Regime(shadow=0.8, transparency=0.7, fine=1)
    rows = against_strategy(regime, Game(), "Tit For Tat")
    exact = run_exact_tournament(list(CLASSICS), regime).pairs.set_index(["player", "opponent"])
    for row in rows:
        assert row["per_turn"] == pytest.approx(exact.loc[(row["name"], "Tit For Tat"), "mean_score_per_turn"])
