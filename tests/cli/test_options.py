"""The options the commands share, turned into engine values (regimelab/cli/options.py)."""

import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab.cli.options import (
    DEFAULT_REPETITIONS,
    DEFAULT_SEED,
    CliError,
    check_engine_options,
    chosen_regime,
    game_from_options,
    input_error,
    option_name,
    players_from_options,
    regime_from_options,
    tournament_numbers,
)
from regimelab.errors import InvalidParameter, StrategyRefused, UnknownStrategy


def test_an_engine_parameter_is_named_by_its_option():
    assert option_name("false_alarm") == "--false-alarm"
    assert option_name("strategy") == "-s/--strategy" and option_name("jobs") == "-j/--jobs"


def test_engine_errors_become_one_line_cli_errors_with_exit_status_2():
    error = input_error(InvalidParameter("false_alarm", "a probability between 0 and 1", 2.0))
    assert isinstance(error, CliError) and error.exit_code == 2
    assert error.message.startswith("Invalid value for '--false-alarm': must be a probability between 0 and 1 (got 2")
    assert input_error(InvalidParameter("payoffs", "four numbers"), "--payoffs").message == (
        "Invalid value for '--payoffs': must be four numbers.")
    assert input_error(UnknownStrategy("grudgr", ["Grudger"])).message.startswith(
        "Invalid value for '-s/--strategy': unknown strategy 'grudgr'")
    assert input_error(StrategyRefused("Darwin reads its opponent")).message == (
        "Refused strategies: Darwin reads its opponent.")


def test_the_exact_engine_takes_no_seed_and_no_repetitions():
    check_engine_options({"engine": "simulate", "seed": 3})
    check_engine_options({"engine": "exact", "seed": None, "repetitions": None})
    with pytest.raises(CliError, match="'--repetitions': --engine exact computes expected values"):
        check_engine_options({"engine": "exact", "repetitions": 5})


def test_regime_game_and_players_from_the_options_alone():
    assert regime_from_options({"fine": 2.0, "noise": None}) == rl.Regime(fine=2)
    with pytest.raises(CliError, match="'--turns'"):
        regime_from_options({"turns": 10, "shadow": 0.9})
    assert game_from_options({}) == rl.Game() and game_from_options({"payoffs": "4,0,5,1"}) == rl.Game(4, 0, 5, 1)
    with pytest.raises(CliError, match="'--payoffs'"):
        game_from_options({"payoffs": "1,2"})
    assert [str(p) for p in players_from_options({"strategies": ("tft", "alld")})] == ["Tit For Tat", "Defector"]
    assert tournament_numbers({}, None) == (DEFAULT_REPETITIONS, DEFAULT_SEED)


def test_a_scenario_gives_the_defaults_and_the_options_override_them(tmp_path):
    path = str(write(tmp_path, GOOD))
    scenario, name, regime, game = chosen_regime({"scenario": path})
    assert name == "regime" and regime == rl.Regime(turns=20, transparency=0.9, fine=2) and game == rl.Game(3, -2, 6, 1)
    _, name, regime, game = chosen_regime({"scenario": path, "variant": "baseline", "fine": 1.0, "payoffs": "4,0,5,1"})
    assert name == "baseline" and regime == rl.Regime(turns=20, transparency=0.5, fine=1) and game == rl.Game(4, 0, 5, 1)
    assert tournament_numbers({"seed": 9}, scenario) == (3, 9)
    assert len(players_from_options({}, scenario)) == 4
    with pytest.raises(CliError, match="'--variant'"):
        chosen_regime({"scenario": path, "variant": "nope"})
    with pytest.raises(CliError, match="give a SCENARIO"):
        chosen_regime({"variant": "baseline"})
