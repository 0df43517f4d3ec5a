"""Tournament scenarios (regimelab/tournament_scenario.py): loading, and strict validation.

Overriding a scenario from the command line is tested with each command (tests/cli/).
"""

import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab.toml_files import TomlError
from regimelab.tournament_scenario import read_tournament_scenario


def test_a_good_scenario_loads_with_its_regimes_and_players(tmp_path):
    scenario = read_tournament_scenario(write(tmp_path, GOOD))
    assert scenario.regime_names == ["baseline", "regime"]
    baseline, regime = scenario.regimes
    assert baseline.regime == rl.Regime(turns=20, transparency=0.5)
    assert regime.regime == rl.Regime(turns=20, transparency=0.9, fine=2)
    assert regime.game == rl.Game(3, -2, 6, 1) and baseline.game == rl.Game()
    assert [str(p) for p in scenario.make_players()] == ["Tit For Tat", "Defector", "Defector", "Random: 0.3"]
    assert (scenario.repetitions, scenario.seed, scenario.default) == (3, 7, "regime")


def test_shadow_in_a_named_regime_replaces_the_base_turns(tmp_path):
    text = GOOD.replace("transparency = 0.5\n", "transparency = 0.5\nshadow = 0.9\n", 1)
    baseline = read_tournament_scenario(write(tmp_path, text)).regimes[0]
    assert baseline.regime.shadow == 0.9 and baseline.regime.turns is None


BAD = [
    # (replace this, with this, expected words in the message, expected line or None)
    ("repetitions = 3", "repetitions = 3\nrepetitons = 4", ["unknown key 'repetitons'", "did you mean 'repetitions'"], 15),
    ("title = ", "titel = ", ["unknown key 'titel'", "'title'"], 2),
    ("fine = 2", "fien = 2", ["unknown key 'fien'", "'fine'"], 25),
    ("repetitions = 3", 'repetitions = "three"', ["repetitions must be an integer"], 14),
    ("transparency = 0.9", "transparency = 1.5", ["transparency must be a probability between 0 and 1"], 24),
    ("fine = 2", "fine = -2", ["fine must be a finite number >= 0"], 25),
    ("transparency = 0.5", "transparency = 0.5\nshadow = 1.0", ["shadow must be a number with 0 <= shadow < 1"], 22),
    ('"Tit For Tat"', '"Tit For Tatt"', ["unknown strategy 'Tit For Tatt'", "Tit For Tat"], 13),
    ("params = [0.3]", "params = [0.3, 0.4, 9, 9]", ["Random does not accept params"], 13),
    ("payoffs = [3, -2, 6, 1]", "payoffs = [3, -2, 6]", ["payoffs must be a list of four numbers"], 26),
    ('default = "regime"', 'default = "regim"', ["default must name one of the regimes"], 5),
]


@pytest.mark.parametrize("old,new,words,line", BAD)
def test_bad_scenarios_name_the_file_the_line_and_the_fix(tmp_path, old, new, words, line):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(TomlError) as caught:
        read_tournament_scenario(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    for word in words:
        assert word in message
    assert caught.value.line == line


def test_toml_syntax_error_gives_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace("seed = 7", "seed = = 7"))
    with pytest.raises(TomlError) as caught:
        read_tournament_scenario(path)
    assert caught.value.line == 15 and caught.value.column is not None
    assert f"{path}:15:" in str(caught.value) and "TOML syntax error" in str(caught.value)


def test_missing_required_key_and_missing_file(tmp_path):
    path = write(tmp_path, GOOD.replace('narrative = "For the tests."\n', ""))
    with pytest.raises(TomlError, match="missing required key 'narrative'"):
        read_tournament_scenario(path)
    with pytest.raises(TomlError, match="no such file"):
        read_tournament_scenario(tmp_path / "nope.toml")


def test_the_kind_key_is_optional_and_must_agree_with_the_tables(tmp_path):
    assert read_tournament_scenario(write(tmp_path, 'kind = "tournament"\n' + GOOD)).name == "tiny"
    for kind, words in [('"society"', ["kind = 'society'", "tournament scenario", "regimelab society"]),
                        ('"match"', ["kind must be one of 'tournament', 'society'"]),
                        ("3", ["kind"])]:
        path = write(tmp_path, f"kind = {kind}\n" + GOOD)
        with pytest.raises(TomlError) as caught:
            read_tournament_scenario(path)
        assert caught.value.line == 1 and all(word in str(caught.value) for word in words), str(caught.value)


def test_a_variant_knows_the_keys_it_sets_and_its_label_shows_them():
    scenario = rl.load_scenario("arms-control-verification")
    intrusive = scenario.regime_named("intrusive-inspections")
    assert set(intrusive.keys) == {"shadow", "transparency", "transaction_cost"}
    assert intrusive.regime.transparency == 1.0  # the null regime's value, set on purpose
    assert intrusive.label() == "shadow=0.75,transparency=1,transaction_cost=0.5"
    assert scenario.regime_named("on-site-inspections").label() == "shadow=0.75,transparency=0.9"
