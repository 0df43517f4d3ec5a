"""regimelab/tournament.py: a round robin under a regime, axelrod's conventions."""

import axelrod as axl
import pytest

import regimelab as rl
from regimelab.errors import InvalidParameter, StrategyFailed
from regimelab.tournament import play_pairing, resolve_jobs, round_robin


def test_round_robin_is_axelrods_order_with_self_play():
    assert round_robin(3) == [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 2)]


def test_resolve_jobs():
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1
    for bad in (-1, 1.5, True, "2"):
        with pytest.raises(InvalidParameter):
            resolve_jobs(bad)


def test_play_pairing_gives_one_record_per_repetition():
    records = play_pairing(axl.TitForTat(), axl.Defector(), rl.Regime(turns=5), rl.Game(), 3, seed=1)
    assert len(records) == 3
    turns, scores, cooperations, signalled, interaction = records[0]
    assert turns == 5 and scores == (4.0, 9.0) and cooperations == (1, 0) and signalled == (4, 5)
    assert interaction is None


class Broken(axl.Player):
    name = "Broken"
    classifier = {"memory_depth": 0, "stochastic": False, "long_run_time": False, "inspects_source": False,
                  "manipulates_source": False, "manipulates_state": False}

    def strategy(self, opponent):
        raise ValueError("out of order")


def test_a_strategys_own_failure_is_reported_naming_it():
    with pytest.raises(StrategyFailed, match="Broken against Defector failed"):
        play_pairing(Broken(), axl.Defector(), rl.Regime(turns=5), rl.Game(), 1, seed=1)


def test_run_tournament_refuses_bad_input():
    players = rl.make_players(["tft", "alld"])
    with pytest.raises(InvalidParameter, match="repetitions"):
        rl.run_tournament(players, repetitions=0)
    with pytest.raises(InvalidParameter, match="seed"):
        rl.run_tournament(players, seed=-1)
    with pytest.raises(InvalidParameter, match="strategy"):
        rl.run_tournament(players[:1])


def test_results_do_not_depend_on_the_number_of_processes():
    players = rl.make_players(["tft", "alld", "random", "wsls"])
    regime = rl.Regime(turns=20, noise=0.1, transparency=0.7)
    one = rl.run_tournament(players, regime, repetitions=4, seed=9, jobs=1)
    two = rl.run_tournament(players, regime, repetitions=4, seed=9, jobs=2)
    assert (one.normalised_scores == two.normalised_scores).all()


def test_players_may_be_names_toml_files_classes_or_players_mixed(tmp_path):
    from declared_examples import TFT

    path = tmp_path / "table_tft.toml"
    path.write_text(TFT)
    regime = rl.Regime(turns=20, noise=0.05)
    mixed = rl.run_tournament(["tft", str(path), axl.Defector, axl.Grudger()], regime, repetitions=3, seed=4)
    made = rl.run_tournament(rl.make_players(["tft", str(path), "Defector", "Grudger"]), regime, repetitions=3,
                             seed=4)
    assert mixed.names == ["Tit For Tat", "Table Tit For Tat", "Defector", "Grudger"]
    assert (mixed.normalised_scores == made.normalised_scores).all()


@pytest.mark.parametrize("players, got", [
    (["tft", 3], "got 3 (int)"),
    ([axl.TitForTat(), None], "got None (NoneType)"),
    ("tft", "got the text 'tft' (for one strategy, give a list: ['tft'])"),
    (axl.TitForTat(), "got Tit For Tat (TitForTat)"),
])
def test_players_of_another_type_are_a_type_error_saying_what_is_accepted(players, got):
    with pytest.raises(TypeError, match="strategy names .*axelrod strategy classes or axelrod players") as info:
        rl.run_tournament(players)
    assert str(info.value).endswith(got)


def test_an_unknown_name_is_an_unknown_strategy_not_a_failure_to_play():
    with pytest.raises(rl.UnknownStrategy, match="Tit For Tat"):
        rl.run_tournament(["tit for tatt", "alld"])
