"""The pieces the commands share (regimelab/cli/common.py): a run's header and its tables."""

import math

import pytest

import regimelab as rl
from regimelab.cli.common import (
    counted,
    expected_game_text,
    game_text,
    header,
    horizon_text,
    interval_text,
    pairs_table,
    ranking_table,
    share_text,
)


@pytest.fixture(scope="module")
def simulated():
    return rl.run_tournament(rl.make_players(["tft", "alld"]), rl.Regime(turns=10, fine=1), repetitions=2, seed=3)


@pytest.fixture(scope="module")
def exact():
    return rl.run_exact_tournament(rl.make_players(["tft", "alld"]), rl.Regime(shadow=0.75))


def test_the_small_texts():
    assert horizon_text(rl.Regime(turns=50)) == "50 turns"
    assert horizon_text(rl.Regime(shadow=0.75)) == "shadow 0.75, 4 rounds on average"
    assert game_text(rl.Game()) == "R=3 S=0 T=5 P=1"
    assert expected_game_text(rl.Game(3, 0, 4.25, 0.125)) == "R'=3 S'=0 T'=4.25 P'=0.125"
    assert interval_text(1.0, 1.5) == "±0.250" and interval_text(None, 1.0) == "-" and interval_text(math.nan, 1) == "-"
    assert share_text(0.424) == "42%" and share_text(None) == "-" and share_text(math.nan) == "-"


def test_the_header_says_the_regime_the_horizon_and_the_games(simulated, exact):
    lines = header(simulated).splitlines()
    assert lines[0] == "Regime:  turns=10, fine=1"
    assert lines[1] == "Horizon: 10 turns; 2 repetitions; seed 3; vector engine for 3 of 3 pairings"
    assert lines[2] == "Game:    R=3 S=0 T=5 P=1 (prisoners_dilemma)"
    assert lines[3].startswith("G':      R'=3 S'=0 T'=4 P'=0")
    assert "exact expected values (no seed, no repetitions)" in header(exact)
    assert not any(line.startswith("G'") for line in header(exact).splitlines())  # G' = G: not repeated


def test_exact_tables_leave_out_what_exact_values_do_not_have(simulated, exact):
    assert "±95%" in ranking_table(simulated) and "median" in ranking_table(simulated)
    assert "±95%" not in ranking_table(exact) and "median" not in ranking_table(exact)
    assert "long run" in pairs_table(exact) and "long run" not in pairs_table(simulated)
    ranking = ranking_table(simulated).splitlines()
    assert len(ranking) == 2 + 2 and ranking[2].split()[:2] == ["1", "Defector"]
    assert len(pairs_table(simulated).splitlines()) == 2 + 4


def test_counts_take_the_noun_in_the_right_number():
    assert counted(1, "repetition") == "1 repetition" and counted(0, "repetition") == "0 repetitions"
    assert counted(1, "strategy", "strategies") == "1 strategy" and counted(2, "strategy", "strategies") == "2 strategies"
    assert counted("1", "round") == "1 round" and counted("2.5", "round") == "2.5 rounds"
    assert horizon_text(rl.Regime(turns=1)) == "1 turn"
    assert horizon_text(rl.Regime(shadow=0)) == "shadow 0, 1 round on average"


def test_the_header_shows_the_keys_asked_for_even_at_their_defaults(simulated):
    assert header(simulated).splitlines()[0] == "Regime:  turns=10, fine=1"
    assert header(simulated, ("transparency", "fine")).splitlines()[0] == "Regime:  turns=10, transparency=1, fine=1"
