"""Tournament scenarios: loading, overriding from the command line, and strict validation."""

import json
import textwrap

import pytest

import regimelab as rl
from regimelab.toml_files import TomlError
from regimelab.tournament_scenario import read_tournament_scenario

GOOD = """\
name = "tiny"
title = "A tiny scenario"
summary = "Two reciprocators and a cheat."
narrative = "For the tests."
default = "regime"

[[sources]]
file = "002_23e75709fca61684.txt"
lines = "55-63"
note = "regime functions"

[tournament]
players = ["Tit For Tat", { strategy = "Defector", count = 2 }, { strategy = "Random", params = [0.3] }]
repetitions = 3
seed = 7

[regime]
turns = 20

[regimes.baseline]
transparency = 0.5

[regimes.regime]
transparency = 0.9
fine = 2
payoffs = [3, -2, 6, 1]
"""


def write(tmp_path, text, name="spec.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_a_good_spec_loads_with_its_regimes_and_players(tmp_path):
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


def test_run_spec_uses_the_default_regime_and_the_spec_numbers(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("run", str(path), "--format", "json").stdout)
    assert data["scenario"] == {"name": "tiny", "title": "A tiny scenario", "variant": "regime"}
    assert data["regime"]["fine"] == 2.0 and data["regime"]["turns"] == 20
    assert data["game"]["base"] == {"R": 3.0, "S": -2.0, "T": 6.0, "P": 1.0}
    assert data["seed"] == 7 and data["repetitions"] == 3
    assert len(data["ranking"]) == 4


def test_command_line_options_override_the_spec(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("run", str(path), "--variant", "baseline", "--transparency", "0.2", "--shadow", "0.8",
                          "--seed", "3", "-r", "2", "-s", "tft", "-s", "grudger", "--payoffs", "4,0,5,1",
                          "--format", "json").stdout)
    assert data["regime"]["transparency"] == 0.2
    assert data["regime"]["shadow"] == 0.8 and data["regime"]["turns"] is None
    assert data["seed"] == 3 and data["repetitions"] == 2
    assert {row["name"] for row in data["ranking"]} == {"Tit For Tat", "Grudger"}
    assert data["game"]["base"]["R"] == 4.0


def test_compare_spec_compares_its_regimes_in_order(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("compare", str(path), "--regime", "fine=5", "--format", "json").stdout)
    assert data["labels"] == ["baseline", "regime", "fine=5"]
    assert [r["transparency"] for r in data["regimes"]] == [0.5, 0.9, 0.5]  # --regime changes the baseline
    assert data["results"][1]["game"]["base"]["S"] == -2.0
    api = rl.compare_regimes(
        read_tournament_scenario(path).make_players(),
        [rl.Regime(turns=20, transparency=0.5), rl.Regime(turns=20, transparency=0.9, fine=2)],
        [rl.Game(), rl.Game(3, -2, 6, 1)], repetitions=3, seed=7,
    )
    assert data["results"][1]["ranking"] == api.to_dict()["results"][1]["ranking"]


def test_presets_work_from_any_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    listing = json.loads(cli("scenarios", "--format", "json").stdout)
    assert "anarchy" in {row["name"] for row in listing["scenarios"]}
    shown = json.loads(cli("scenarios", "show", "anarchy", "--format", "json").stdout)
    assert shown["sources"][0]["file"].endswith(".txt") and shown["regimes"][0]["name"] == "baseline"
    result = cli("run", "anarchy", "-r", "2")
    assert result.exit_code == 0 and "Scenario: Anarchy" in result.stdout


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
def test_bad_specs_name_the_file_the_line_and_the_fix(tmp_path, old, new, words, line):
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


@pytest.mark.parametrize("args", [
    ["run", "{path}"], ["compare", "{path}"], ["scenarios", "show", "{path}"],
])
def test_cli_bad_spec_is_one_line_exit_2(cli, tmp_path, args):
    path = write(tmp_path, GOOD.replace("fine = 2", "fien = 2"))
    result = cli(*[a.format(path=path) for a in args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{path}:25" in lines[0] and "'fine'" in lines[0]
    assert "Traceback" not in result.output


def test_cli_unknown_preset_suggests_a_close_one(cli):
    result = cli("run", "anarchi")
    assert result.exit_code == 2 and "did you mean 'anarchy'" in result.stderr


def test_cli_unknown_variant(cli, tmp_path):
    result = cli("run", str(write(tmp_path, GOOD)), "--variant", "nope")
    assert result.exit_code == 2 and "--variant" in result.stderr and "baseline, regime" in result.stderr


def test_variant_without_a_spec_is_refused(cli):
    result = cli("run", "--variant", "regime")
    assert result.exit_code == 2 and "--variant" in result.stderr


def test_explain_a_scenario_regime(cli, tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(cli("explain", str(path), "--shadow", "0.9", "--format", "json").stdout)
    assert data["scenario"]["variant"] == "regime"
    assert data["regime"]["fine"] == 2.0 and data["regime"]["shadow"] == 0.9
    assert data["game"]["base"] == {"R": 3.0, "S": -2.0, "T": 6.0, "P": 1.0}
    # F* = (T - R + c) / (p - a) with this scenario's payoffs and transparency 0.9
    assert data["thresholds"]["fine"] == pytest.approx(3 / 0.9)
    baseline = json.loads(cli("explain", str(path), "--variant", "baseline", "--format", "json").stdout)
    assert baseline["regime"]["transparency"] == 0.5 and baseline["regime"]["turns"] == 20
    assert "Scenario: A tiny scenario [regime]" in cli("explain", str(path)).stdout


def test_the_kind_key_is_optional_and_must_agree_with_the_tables(tmp_path):
    assert read_tournament_scenario(write(tmp_path, 'kind = "tournament"\n' + GOOD)).name == "tiny"
    for kind, words in [('"society"', ["kind = 'society'", "tournament scenario", "regimelab society"]),
                        ('"match"', ["kind must be one of 'tournament', 'society'"]),
                        ("3", ["kind"])]:
        path = write(tmp_path, f"kind = {kind}\n" + GOOD)
        with pytest.raises(TomlError) as caught:
            read_tournament_scenario(path)
        assert caught.value.line == 1 and all(word in str(caught.value) for word in words), str(caught.value)


def test_a_declared_society_kind_is_sent_to_the_society_command(cli, tmp_path):
    path = write(tmp_path, 'kind = "society"\n' + GOOD)
    result = cli("run", str(path))
    assert result.exit_code == 2 and "regimelab society" in result.stderr
    result = cli("society", str(path))
    assert result.exit_code == 2 and f"{path}:1" in result.stderr and "kind" in result.stderr


def test_every_built_in_scenario_says_its_kind():
    from regimelab.scenario_files import builtin_scenario_files, scenario_kind

    for name, path in builtin_scenario_files().items():
        first = path.read_text().splitlines()[0]
        assert first == f'kind = "{scenario_kind(path)}"', name
