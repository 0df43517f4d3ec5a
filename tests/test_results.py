"""Tidy results of a tournament (regimelab/results.py): axelrod's conventions, on records counted by hand."""

import numpy as np
import pandas as pd
import pytest

import regimelab as rl
from regimelab.results import PAIR_COLUMNS, PLAYER_COLUMNS, build_result, game_summary, json_records

PAIRS = [(0, 0), (0, 1), (1, 1)]
# Tit For Tat and the Defector over 10 rounds, twice: (turns, scores, cooperations, signalled, interaction)
OUTCOMES = [
    [(10, (30.0, 30.0), (10, 10), (0, 0), None)] * 2,
    [(10, (9.0, 14.0), (1, 0), (0, 10), None)] * 2,
    [(10, (10.0, 10.0), (0, 0), (10, 10), None)] * 2,
]


def result(engine="simulate"):
    players = rl.make_players(["tft", "alld"])
    return build_result(players, PAIRS, OUTCOMES, rl.Regime(turns=10), rl.Game(), 2, 5, engine)


def test_players_leave_self_play_out_and_are_ranked_by_the_median():
    players = result().players
    assert list(players.columns) == PLAYER_COLUMNS
    assert players.name.tolist() == ["Defector", "Tit For Tat"] and players["rank"].tolist() == [1, 2]
    assert players.mean_score_per_turn.tolist() == pytest.approx([1.4, 0.9])  # 14 / 10 and 9 / 10
    assert players.mean_match_score.tolist() == [14.0, 9.0]
    assert players.cooperation_rate.tolist() == [0.0, 0.1]
    assert players.first_share.tolist() == [1.0, 0.0]
    assert players.ci95_low.tolist() == pytest.approx([1.4, 0.9])  # the same every repetition


def test_pairs_include_self_play_in_both_orders():
    pairs = result().pairs
    assert list(pairs.columns) == PAIR_COLUMNS
    assert list(zip(pairs.player, pairs.opponent)) == [
        ("Tit For Tat", "Tit For Tat"), ("Tit For Tat", "Defector"), ("Defector", "Tit For Tat"), ("Defector", "Defector")]
    assert pairs.mean_score_per_turn.tolist() == pytest.approx([3.0, 0.9, 1.4, 1.0])


def test_summaries_of_the_tournament():
    tournament = result()
    assert tournament.ranked_names == ["Defector", "Tit For Tat"]
    assert tournament.mean_cooperation == pytest.approx(2 / 40)  # one C in each of two 10-round matches a side
    assert tournament.mean_payoff == pytest.approx(1.15)
    assert tournament.winner_robust is True
    assert tournament.normalised_scores == pytest.approx(np.array([[0.9, 0.9], [1.4, 1.4]]))


def test_the_json_contract_pairs_the_interval_columns():
    data = result().to_dict()
    assert data["ranking"][0]["ci95"] == pytest.approx([1.4, 1.4]) and "ci95_low" not in data["ranking"][0]
    assert data["seed"] == 5 and data["repetitions"] == 2 and data["engine"] == "simulate"
    assert data["game"] == game_summary(rl.Game(), rl.Regime(turns=10))


def test_exact_results_have_no_intervals_no_seed_and_no_repetitions():
    data = result("exact").to_dict()
    assert data["ranking"][0]["ci95"] is None and data["ranking"][0]["first_share"] is None
    assert data["seed"] is None and data["repetitions"] is None
    assert np.isnan(data["mean_payoff_ci95"]).all()  # the CLI writes NaN as null


def test_json_records_unwrap_numpy_values_and_pair_intervals():
    frame = pd.DataFrame({"name": ["a"], "n": [np.int64(3)], "flag": [np.bool_(True)], "x": [np.nan],
                          "change_ci95_low[F]": [0.1], "change_ci95_high[F]": [0.3]})
    record = json_records(frame)[0]
    assert record == {"name": "a", "n": 3, "flag": True, "x": None, "change_ci95[F]": [0.1, 0.3]}
    assert type(record["n"]) is int


def test_game_summary_has_both_games_and_their_classes():
    summary = game_summary(rl.Game(), rl.Regime(fine=3))
    assert summary["expected"] == {"R": 3.0, "S": 0.0, "T": 2.0, "P": -2.0}
    assert summary["class"] == {"base": "prisoners_dilemma", "expected": "harmony"}


def test_the_repr_is_a_one_line_summary_and_str_adds_the_ranking():
    simulated, exact = result(), result("exact")
    # mean cooperation: 1 of 20 moves between different players; mean payoff: (0.9 + 1.4) / 2
    assert repr(simulated) == (
        "TournamentResult(engine='simulate', players=2, repetitions=2, seed=5, regime=" + repr(simulated.regime)
        + ", game=Game(R=3.0, S=0.0, T=5.0, P=1.0), winner='Defector', winner_robust=True, "
        "mean_cooperation=0.05, mean_payoff=1.15)"
    )
    assert repr(exact).startswith("TournamentResult(engine='exact', players=2, regime=Regime(turns=10,")
    assert str(simulated) == repr(simulated) + "\n" + simulated.players.to_string(index=False)
