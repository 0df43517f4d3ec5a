"""Bad input: a one-line error naming the option, exit status 2, no traceback, nothing written."""

import pytest
from tiny_scenario import GOOD, write

CASES = [
    (["run", "--transparency", "1.5"], "--transparency"),
    (["run", "--transparency", "-0.1"], "--transparency"),
    (["run", "--false-alarm", "2"], "--false-alarm"),
    (["run", "--noise", "-1"], "--noise"),
    (["run", "--compensation", "1.2"], "--compensation"),
    (["run", "--shadow", "1"], "--shadow"),
    (["run", "--shadow", "1.5"], "--shadow"),
    (["run", "--fine", "-3"], "--fine"),
    (["run", "--enforcement-cost", "-0.5"], "--enforcement-cost"),
    (["run", "--transaction-cost", "-1"], "--transaction-cost"),
    (["run", "--turns", "0"], "--turns"),
    (["run", "--payoffs", "1,2,3"], "--payoffs"),
    (["run", "--payoffs", "3,0,5,inf"], "--payoffs"),
    (["run", "--payoffs", "a,b,c,d"], "--payoffs"),
    (["run", "--turns", "10", "--shadow", "0.9"], "--turns"),
    (["run", "-s", "tit for tatt"], "-s/--strategy"),
    (["run", "--repetitions", "0"], "--repetitions"),
    (["run", "--jobs", "-1"], "-j/--jobs"),
    (["run", "--seed", "-5"], "--seed"),
    (["run", "--set", "nonsense"], "--set"),
    (["compare", "--regime", "fines=2"], "--regime"),
    (["compare", "--regime", "transparency=2"], "--regime"),
    (["compare", "--regime", "fine"], "--regime"),
    (["explain", "--transparency", "7"], "--transparency"),
    (["explain", "--payoffs", "1,2"], "--payoffs"),
    (["strategies", "--noise", "3"], "--noise"),
    (["explain", "--simulate", "1"], "--simulate"),
    (["run", "--format", "xml"], "--format"),
]


@pytest.mark.parametrize("args,option", CASES)
def test_bad_input_is_one_line_naming_the_option(cli, args, option):
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:")
    assert option in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_unknown_strategy_suggests_close_names(cli):
    result = cli("run", "-s", "grudgr")
    assert "Grudger" in result.stderr


def test_unknown_regime_key_suggests_close_key(cli):
    result = cli("compare", "--regime", "transparancy=0.5")
    assert "did you mean 'transparency'" in result.stderr


def test_probability_error_states_the_range(cli):
    assert "between 0 and 1" in cli("run", "--noise", "1.5").stderr
    assert "0 <= shadow < 1" in cli("run", "--shadow", "1").stderr


@pytest.mark.parametrize("command", [["run"], ["compare", "--regime", "fine=1"], ["explain"], ["strategies"]])
def test_output_in_missing_folder_writes_nothing(cli, tmp_path, command):
    target = tmp_path / "missing" / "out.json"
    result = cli(*command, "--output", str(target))
    assert result.exit_code == 2
    assert "--output" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_output_with_unknown_suffix_is_refused_before_running(cli, tmp_path):
    result = cli("run", "--output", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2 and ".parquet" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_value_does_not_replace_an_existing_output(cli, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("precious")
    result = cli("run", "--fine", "-1", "--output", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "precious"


def test_refused_strategy_under_imperfect_monitoring(cli):
    result = cli("run", "-s", "darwin", "-s", "tft", "--transparency", "0.5")
    assert result.exit_code == 2
    assert "Darwin" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_strategy_that_cannot_play_the_regimes_game_is_a_clear_error(cli, jobs):
    # ZD-GTFT-2 derives probabilities from the game it is told; this G' pushes them past 1.
    result = cli("run", "-s", "zd-gtft-2", "-s", "tft", "--transaction-cost", "0.5", "--false-alarm", "0.2", "-j", jobs)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ZD-GTFT-2" in lines[0] and "G'" in lines[0]


def test_a_strategy_file_that_is_not_a_valid_strategy(cli, tmp_path):
    bad = tmp_path / "bad_rule.toml"
    bad.write_text('name = "Bad Rule"\ndescription = "x"\nkind = "memory_one"\n\n[memory_one]\nfirst = 1\ncc = 1\ncd = 1.5\ndc = 0\ndd = 0\n')
    result = cli("run", "-s", str(bad), "-s", "tft")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{bad}:" in lines[0] and "Traceback" not in result.output


def test_a_strategies_dir_with_a_broken_file_names_it(cli, tmp_path):
    (tmp_path / "broken.toml").write_text("name = [\n")
    result = cli("run", "--strategies-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "broken.toml" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["run", "{path}"], ["compare", "{path}"], ["scenarios", "show", "{path}"],
])
def test_cli_bad_scenario_is_one_line_exit_2(cli, tmp_path, args):
    path = write(tmp_path, GOOD.replace("fine = 2", "fien = 2"))
    result = cli(*[a.format(path=path) for a in args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{path}:25" in lines[0] and "'fine'" in lines[0]
    assert "Traceback" not in result.output
