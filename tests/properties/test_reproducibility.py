"""Seeds, processes, and what strategies may see and are told (model page §3, §4)."""

import pickle

import axelrod as axl
import numpy as np
import pandas as pd
import pytest

import regimelab as rl
from regimelab.match import RegimeMatch, SignalView

C, D = axl.Action.C, axl.Action.D
GAME = rl.Game()

ACTIVE = rl.Regime(
    shadow=0.9, transparency=0.8, false_alarm=0.05, noise=0.02,
    fine=1.0, compensation=0.5, enforcement_cost=0.1, transaction_cost=0.1,
)
NAMES = ["Tit For Tat", "Grudger", "GTFT", "Random", "Win-Stay Lose-Shift", "Defector", "Prober", "Alternator"]


def tournament(seed, jobs, regime=ACTIVE, repetitions=4):
    return rl.run_tournament(rl.make_players(NAMES), regime, GAME, repetitions=repetitions,
                             seed=seed, jobs=jobs, keep_interactions=True)


@pytest.fixture(scope="module")
def serial():
    return tournament(seed=17, jobs=1)


def test_same_seed_same_results_for_one_and_two_processes(serial):
    parallel = tournament(seed=17, jobs=2)
    pd.testing.assert_frame_equal(serial.records, parallel.records)
    pd.testing.assert_frame_equal(serial.players, parallel.players)
    pd.testing.assert_frame_equal(serial.pairs, parallel.pairs)
    assert np.array_equal(serial.normalised_scores, parallel.normalised_scores)
    assert serial.interactions == parallel.interactions


def test_same_seed_same_results_when_run_again(serial):
    again = tournament(seed=17, jobs=1)
    pd.testing.assert_frame_equal(serial.records, again.records)


def test_different_seeds_give_different_results(serial):
    other = tournament(seed=18, jobs=1)
    assert not serial.records.score.equals(other.records.score)
    assert not serial.records.turns.equals(other.records.turns)  # shadow: random lengths


def test_the_regime_is_really_active_in_the_records(serial):
    # fines and false alarms show up: signalled defections by a Cooperator-like
    # opening and scores that are not sums of stage payoffs
    records = serial.records
    assert (records.signalled_defections > 0).any()
    assert not np.allclose(records.score, np.round(records.score))


@pytest.mark.parametrize("engine", ["simulate", "vector"])
def test_match_seeds_are_independent_of_the_signal_stream(engine):
    # Random signals come from their own stream (the object engine) or after
    # the lengths in the pairing's stream (the vectorised engine): switching
    # them on must not change the match lengths that the seed draws.
    players = ["Cooperator", "Defector"]
    a = rl.run_tournament(rl.make_players(players), rl.Regime(shadow=0.8), repetitions=5, seed=3, engine=engine)
    b = rl.run_tournament(rl.make_players(players), rl.Regime(shadow=0.8, transparency=0.5),
                          repetitions=5, seed=3, engine=engine)
    assert a.records.turns.equals(b.records.turns)


# -- strategies that inspect source -------------------------------------------------


class Peeker(axl.Player):
    """A test double in the manner of Geller and MindReader: reads its opponent's source."""

    name = "Peeker"
    classifier = {
        "memory_depth": float("inf"),
        "stochastic": False,
        "long_run_time": False,
        "inspects_source": True,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    def strategy(self, opponent):
        return C


def test_geller_and_mindreader_are_not_in_axelrod_4_13():
    # The source-inspecting strategies of axelrod 4.13.1 reduce to Darwin;
    # Geller and MindReader are unknown names there.
    for name in ("Geller", "MindReader"):
        with pytest.raises(rl.UnknownStrategy):
            rl.find_strategy(name)


@pytest.mark.parametrize(
    "regime",
    [rl.Regime(transparency=0.9), rl.Regime(false_alarm=0.1), rl.Regime(transparency=0.0, turns=5)],
    ids=lambda r: r.label(),
)
@pytest.mark.parametrize("cheat", [lambda: axl.Darwin(), lambda: Peeker()], ids=["Darwin", "Peeker"])
def test_source_inspecting_strategies_are_refused_under_imperfect_monitoring(regime, cheat):
    players = [cheat(), axl.TitForTat()]
    with pytest.raises(rl.StrategyRefused) as info:
        rl.run_tournament(players, regime, repetitions=1)
    assert str(players[0]) in str(info.value)
    assert "Tit For Tat" not in str(info.value)


@pytest.mark.parametrize("regime", [rl.Regime(turns=5), rl.Regime(turns=5, fine=2, noise=0.1)], ids=["null", "fines+noise"])
def test_source_inspecting_strategies_are_allowed_with_perfect_monitoring(regime, monkeypatch):
    monkeypatch.setattr(axl.Darwin, "genome", [C])  # Darwin keeps state on its class
    result = rl.run_tournament([axl.Darwin(), Peeker(), axl.TitForTat()], regime, repetitions=1)
    assert set(result.ranked_names) == {"Darwin", "Peeker", "Tit For Tat"}


# -- what strategies are told and what they see -----------------------------------------


@pytest.mark.parametrize(
    "regime",
    [ACTIVE, rl.Regime(fine=3, transparency=0.6), rl.Regime(transaction_cost=0.5, false_alarm=0.2), rl.Regime()],
    ids=lambda r: r.label(),
)
def test_strategies_asking_for_the_game_are_told_expected_game(regime):
    players = rl.make_players(["GTFT", "Tit For Tat"])
    RegimeMatch(players, regime.replace(turns=3), GAME, seed=1).play()
    g = regime.expected_game(GAME)
    for player in players:
        # axelrod orders the payoffs R, P, S, T
        assert tuple(float(v) for v in player.match_attributes["game"].RPST()) == pytest.approx((g.R, g.P, g.S, g.T), abs=1e-12)
        assert player.match_attributes["noise"] == regime.noise


@pytest.mark.parametrize("regime", [ACTIVE, rl.Regime(fine=3, transparency=0.6)], ids=lambda r: r.label())
def test_strategies_act_on_expected_game(regime):
    # ZD-GTFT-2 derives its four-vector from the game it is told each match:
    # under the regime it plays as if the game were G', not G.
    player = axl.ZDGTFT2()
    RegimeMatch([player, axl.TitForTat()], regime.replace(turns=3), GAME, seed=1).play()
    told_g_prime, told_g = axl.ZDGTFT2(), axl.ZDGTFT2()
    told_g_prime.set_match_attributes(length=3, game=regime.expected_game(GAME).to_axelrod(), noise=regime.noise)
    told_g.set_match_attributes(length=3, game=GAME.to_axelrod(), noise=regime.noise)
    assert player._four_vector == told_g_prime._four_vector
    assert player._four_vector != told_g._four_vector


def test_gtft_keeps_generosity_from_the_default_game():
    # axelrod 4.13.1 quirk, not regimelab's: GTFT computes p once, when
    # reset() re-runs __init__ with the default game, and later
    # set_match_attributes(game=...) keeps it (p is no longer None). So GTFT
    # plays g = 1/3 whatever game it is told, in axelrod's own tournaments too.
    regime = rl.Regime(fine=3, transparency=0.6, turns=3)
    g = regime.expected_game(GAME)
    would_be = min(1 - (g.T - g.R) / (g.R - g.S), (g.R - g.P) / (g.T - g.P))
    assert abs(would_be - 1 / 3) > 0.1
    player = axl.GTFT()
    RegimeMatch([player, axl.TitForTat()], regime, GAME, seed=1).play()
    assert player.p == pytest.approx(1 / 3, abs=1e-12)


def test_strategies_are_told_the_length_or_infinity():
    players = rl.make_players(["Tit For Tat", "Defector"])
    RegimeMatch(players, rl.Regime(turns=7), GAME, seed=1).play()
    assert players[0].match_attributes["length"] == 7
    RegimeMatch(players, rl.Regime(shadow=0.5, transparency=0.5), GAME, seed=1).play()
    assert players[0].match_attributes["length"] == float("inf")


def test_grudger_sees_false_alarms_as_defections():
    players = rl.make_players(["Grudger", "Cooperator"])
    play = RegimeMatch(players, rl.Regime(turns=10, false_alarm=1.0), GAME, seed=1).play()
    assert list(play.actions[:, 1]) == [0] * 10  # Cooperator really complies ...
    assert list(play.signals[:, 1]) == [1] * 10  # ... and is always read as defecting
    assert list(play.actions[:, 0]) == [0] + [1] * 9  # so Grudger defects from round 2
    # Grudger's record of its opponent holds the signals, not the true moves
    assert players[0].history.coplays == [D] * 10
    assert players[1].history.coplays == [D] * 10  # a = 1: even Grudger's first C reads as d


def test_grudger_never_sees_undetected_defections():
    players = rl.make_players(["Grudger", "Defector"])
    play = RegimeMatch(players, rl.Regime(turns=50, transparency=0.0), GAME, seed=1).play()
    assert not play.actions[:, 0].any()  # Grudger never defects
    assert play.actions[:, 1].all()  # although it is exploited every round
    assert not play.signals.any()


def test_tit_for_tat_copies_signals_not_moves():
    players = rl.make_players(["Tit For Tat", "Defector"])
    play = RegimeMatch(players, rl.Regime(turns=2000, transparency=0.5), GAME, seed=9).play()
    # TFT defects in round t+1 exactly when the Defector's move t was signalled
    assert np.array_equal(play.actions[1:, 0], play.signals[:-1, 1])
    assert abs(play.signals[:, 1].mean() - 0.5) < 4 * np.sqrt(0.25 / 2000)  # 4 binomial SE


def test_own_history_records_realised_actions_under_noise():
    players = rl.make_players(["Cooperator", "Cooperator"])
    play = RegimeMatch(players, rl.Regime(turns=500, noise=0.3, transparency=0.9), GAME, seed=4).play()
    for side, player in enumerate(players):
        assert [a is D for a in player.history] == list(play.actions[:, side].astype(bool))
    assert 0.2 < play.actions.mean() < 0.4  # flipped about 30% of the time


def test_signal_view_pickles():
    view = SignalView(axl.TitForTat())
    view.history.append(D, C)
    clone = pickle.loads(pickle.dumps(view))
    assert list(clone.history) == [D]
    assert clone.name == "Tit For Tat"
    assert clone.defections == 1 and clone.cooperations == 0


# -- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, cls",
    [
        ("Tit For Tat", axl.TitForTat),
        ("tit for tat", axl.TitForTat),
        ("TitForTat", axl.TitForTat),
        ("TIT-FOR-TAT", axl.TitForTat),
        ("titfortat", axl.TitForTat),
        ("gtft", axl.GTFT),
        ("win-stay lose-shift", axl.WinStayLoseShift),
        ("WinStayLoseShift", axl.WinStayLoseShift),
        ("grudger", axl.Grudger),
    ],
)
def test_names_are_case_insensitive(name, cls):
    assert rl.find_strategy(name) is cls
    assert type(rl.make_players([name])[0]) is cls


@pytest.mark.parametrize(
    "name, suggestion",
    [("Tit For Tatt", "Tit For Tat"), ("grudgr", "Grudger"), ("Win Stay Loose Shift", "Win-Stay Lose-Shift")],
)
def test_unknown_names_suggest_close_ones(name, suggestion):
    with pytest.raises(rl.UnknownStrategy) as info:
        rl.make_players([name])
    assert suggestion in info.value.suggestions
    assert info.value.name == name
    assert repr(suggestion) in str(info.value)


def test_unknown_name_without_close_ones():
    with pytest.raises(rl.UnknownStrategy) as info:
        rl.find_strategy("qwertyuiop")
    assert info.value.suggestions == []
    assert "did you mean" not in str(info.value)


# -- tournament arguments --------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, parameter",
    [
        (dict(repetitions=0), "repetitions"),
        (dict(repetitions=1.5), "repetitions"),
        (dict(seed=-1), "seed"),
        (dict(seed=2**32), "seed"),
        (dict(jobs=-1), "jobs"),
        (dict(jobs=True), "jobs"),
    ],
)
def test_run_tournament_validates_arguments(kwargs, parameter):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.run_tournament(rl.make_players(["Cooperator", "Defector"]), **kwargs)
    assert info.value.parameter == parameter


def test_run_tournament_needs_two_players():
    with pytest.raises(rl.InvalidParameter) as info:
        rl.run_tournament(rl.make_players(["Cooperator"]))
    assert info.value.parameter == "strategy"
