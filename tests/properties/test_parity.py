"""Null-regime parity with plain axelrod (model page §2).

Under the null regime a regimelab tournament is the plain ``axelrod``
tournament: same players, same seed, same interactions, same scores. Every
comparison here is exact (``==`` / ``np.array_equal``) unless a comment says
otherwise.
"""

import csv

import axelrod as axl
import numpy as np
import pytest

import regimelab as rl

NAMES = [cls.name for cls in axl.basic_strategies] + ["Random", "GTFT"]
REPETITIONS = 3

CONFIGS = [
    dict(turns=20, seed=7),
    dict(prob_end=0.1, seed=3),
    dict(turns=15, noise=0.05, seed=11),
    dict(prob_end=0.2, noise=0.1, seed=2024),
    dict(turns=10, seed=5, game=(4, 0, 6, 1)),  # another game (GTFT keeps the generosity it was built with)
]
CONFIG_IDS = ["turns", "prob_end", "turns+noise", "prob_end+noise", "other-game"]


def regime_for(config):
    return rl.Regime(
        turns=config.get("turns"),
        shadow=(1 - config["prob_end"]) if "prob_end" in config else None,
        noise=config.get("noise", 0.0),
    )


@pytest.fixture(scope="module", params=CONFIGS, ids=CONFIG_IDS)
def both(request, tmp_path_factory):
    config = dict(request.param)
    seed = config.pop("seed")
    payoffs = config.pop("game", None)
    game = rl.Game(*payoffs) if payoffs else rl.Game()
    regime = regime_for({**config})
    assert regime.expected_game(game) == game and regime.perfect_monitoring

    filename = tmp_path_factory.mktemp("parity") / "interactions.csv"
    tournament = axl.Tournament(
        rl.make_players(NAMES), game=game.to_axelrod(), repetitions=REPETITIONS, seed=seed, **config
    )
    result_set = tournament.play(filename=str(filename), progress_bar=False)
    with open(filename, newline="") as handle:
        rows = list(csv.DictReader(handle))
    ours = rl.run_tournament(
        rl.make_players(NAMES), regime, game, repetitions=REPETITIONS, seed=seed, keep_interactions=True
    )
    return result_set, rows, ours


def test_regime_is_null_except_for_horizon_and_noise():
    for config in CONFIGS:
        regime = regime_for(config)
        assert regime.payoff_functions == ()
        assert regime.perfect_monitoring


def test_same_ranking(both):
    result_set, _, ours = both
    assert ours.ranked_names == result_set.ranked_names
    assert ours.names == [str(p) for p in rl.make_players(NAMES)]


def test_identical_normalised_scores(both):
    result_set, _, ours = both
    assert np.array_equal(np.array(result_set.normalised_scores), ours.normalised_scores)


def test_identical_interactions(both):
    _, rows, ours = both
    n = len(NAMES)
    assert len(rows) == 2 * REPETITIONS * n * (n + 1) // 2  # two rows per match
    assert sorted(ours.interactions) == sorted((i, j) for i in range(n) for j in range(i, n))
    self_play_seen = {}
    for row in rows:
        i, j, rep = int(row["Player index"]), int(row["Opponent index"]), int(row["Repetition"])
        if i == j:
            # axelrod writes self-play twice with player == opponent: the
            # first row is side 0, the second side 1.
            side = self_play_seen.setdefault((i, rep), 0)
            self_play_seen[(i, rep)] += 1
            key = (i, i)
        else:
            key, side = ((i, j), 0) if i < j else ((j, i), 1)
        interaction = ours.interactions[key][rep]
        assert "".join(pair[side] for pair in interaction) == row["Actions"], (row["Player name"], row["Opponent name"], rep)
        assert len(interaction) == int(row["Turns"])
    assert set(self_play_seen.values()) == {2}


def test_identical_scores_and_lengths_per_match(both):
    _, rows, ours = both
    records = ours.records.set_index(["player_index", "opponent_index", "repetition"]).sort_index()
    for row in rows:
        i, j, rep = int(row["Player index"]), int(row["Opponent index"]), int(row["Repetition"])
        mine = records.loc[(i, j, rep)]
        if i == j:  # both sides of the self-play match; axelrod's row is one of them
            assert float(row["Score"]) in list(mine.score)
            assert set(mine.turns) == {int(row["Turns"])}
        else:
            assert mine.score == float(row["Score"])
            assert mine.turns == int(row["Turns"])
            assert mine.cooperations == int(row["Cooperation count"])
            assert mine.score_per_turn == float(row["Score per turn"])


def test_match_lengths(both):
    result_set, _, ours = both
    records = ours.records
    n = len(NAMES)
    for rep in range(REPETITIONS):
        for i in range(n):
            for j in range(n):
                theirs = result_set.match_lengths[rep][i][j]
                mine = records[(records.repetition == rep) & (records.player_index == i) & (records.opponent_index == j)].turns
                assert set(mine) == {theirs}


def test_per_pair_mean_score_per_turn(both):
    result_set, _, ours = both
    n = len(NAMES)
    matrix = np.zeros((n, n))
    for row in ours.pairs.itertuples():
        matrix[ours.names.index(row.player), ours.names.index(row.opponent)] = row.mean_score_per_turn
    # axelrod averages per repetition first, then over repetitions; regimelab
    # averages all of a pair's records at once. Equal up to the order of
    # floating additions: 1e-12 relative.
    assert np.allclose(matrix, np.array(result_set.payoff_matrix), rtol=1e-12, atol=0)


def test_cooperation_matches(both):
    result_set, _, ours = both
    # ResultSet.cooperation[i][j]: total cooperations of i against j (self-play excluded)
    records = ours.records
    n = len(NAMES)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            mine = records[(records.player_index == i) & (records.opponent_index == j)].cooperations.sum()
            assert mine == result_set.cooperation[i][j]
