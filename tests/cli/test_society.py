"""`regimelab society` through the real entry point: outputs, the built-in society scenarios,
and bad input in every scenario key and option (a one-line error naming the key or option,
exit status 2, no traceback, nothing on standard output)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from regimelab.scenarios import builtin_scenario_kinds
from regimelab.society import run_society
from regimelab.society.results import ACTOR_COLUMNS, PERIOD_COLUMNS
from regimelab.society.scenario import load_society

EXAMPLE = Path(__file__).parent.parent / "society_example.toml"

SOCIETY_SCENARIOS = sorted(name for name, kind in builtin_scenario_kinds().items() if kind == "society")

MINI = """\
name = "mini"
title = "Mini"
summary = "For the tests."

[society]
repetitions = 1
seed = 1
scope = "collective_security"

[regime]
turns = 5

[[actors]]
name = "A"
strategy = "Tit For Tat"

[[actors]]
name = "B"
strategy = "Defector"

[[actors]]
name = "C"
strategy = "Cooperator"
member = false
"""

SOCIETY = 'scope = "collective_security"\n'
ACTOR_B = 'name = "B"\nstrategy = "Defector"\n'
ACTOR_C = 'strategy = "Cooperator"\nmember = false\n'
EDGES_AB = '\n[[edges]]\nbetween = ["A", "B"]\n'

#: (change to MINI: (old, new), with old "" meaning append; what the message must name)
SCENARIO_CASES = [
    # [society]
    (("repetitions = 1", "repetitions = 0"), "repetitions"),
    (("repetitions = 1", 'repetitions = "x"'), "repetitions"),
    (("seed = 1", "seed = -1"), "seed"),
    (("seed = 1", "seed = 4294967296"), "seed"),
    ((SOCIETY, 'scope = "collective"\n'), "scope"),
    ((SOCIETY, SOCIETY + "exclusion_rounds = -1\n"), "exclusion_rounds"),
    ((SOCIETY, SOCIETY + "exclusion_rounds = 1.5\n"), "exclusion_rounds"),
    ((SOCIETY, SOCIETY + "participation = 1.5\n"), "participation"),
    ((SOCIETY, SOCIETY + "participation = true\n"), "participation"),
    ((SOCIETY, SOCIETY + "enforcement_cost = -1\n"), "enforcement_cost"),
    ((SOCIETY, SOCIETY + "outsider_transparency = 2\n"), "outsider_transparency"),
    ((SOCIETY, SOCIETY + 'graph = "ring"\n'), "graph"),
    ((SOCIETY, SOCIETY + 'graph = "hub"\n'), "hub"),
    ((SOCIETY, SOCIETY + 'graph = "hub"\nhub = "Z"\n'), "hub"),
    ((SOCIETY, SOCIETY + 'hub = "A"\n'), "hub"),
    ((SOCIETY, SOCIETY + 'scopes = "none"\n'), "scopes"),
    # [regime]
    (("turns = 5", "turns = 0"), "turns"),
    (("turns = 5", "turns = 5\ntransparency = 2"), "transparency"),
    (("turns = 5", "turns = 5\nfines = 1"), "fines"),
    # [[actors]]
    ((ACTOR_B, 'strategy = "Defector"\n'), "name"),
    ((ACTOR_B, 'name = "B"\n'), "strategy"),
    ((ACTOR_B, 'name = "B"\nstrategy = "Tit For Tatt"\n'), "strategy"),
    ((ACTOR_B, ACTOR_B + "params = [0.3, 5]\n"), "params"),
    ((ACTOR_B, ACTOR_B + 'params = "x"\n'), "params"),
    ((ACTOR_B, ACTOR_B + "count = 0\n"), "count"),
    ((ACTOR_B, ACTOR_B + 'member = "yes"\n'), "member"),
    ((ACTOR_B, ACTOR_B + "joins = 0\n"), "joins"),
    ((ACTOR_B, ACTOR_B + "joins = 5\nleaves = 3\n"), "leaves"),
    ((ACTOR_C, ACTOR_C + "joins = 3\n"), "member"),
    ((ACTOR_B, ACTOR_B + "benefit = 2\n"), "benefit"),
    ((ACTOR_B, ACTOR_B + 'benefit = 2\ncost = "x"\n'), "cost"),
    ((ACTOR_B, 'name = "A"\nstrategy = "Defector"\n'), "name"),
    ((ACTOR_B, ACTOR_B + "strength = 3\n"), "strength"),
    ((ACTOR_B, ACTOR_B + 'name2 = "x"\n'), "name2"),
    # [[edges]]
    (("", '\n[[edges]]\nbetween = ["A", "Z"]\n'), "between"),
    (("", '\n[[edges]]\nbetween = ["A", "A"]\n'), "between"),
    (("", '\n[[edges]]\nbetween = "A"\n'), "between"),
    (("", EDGES_AB + EDGES_AB), "between"),
    (("", "\n[[edges]]\nwith = 3\n"), "with"),
    (("", "\n[[edges]]\n"), "between"),
    ([(SOCIETY, SOCIETY + 'graph = "complete"\n'), ("", EDGES_AB)], "graph"),
    # [[payoffs]]
    (("", EDGES_AB + '\n[[payoffs]]\nbetween = ["B", "C"]\ngame = [3, 0, 5, 1]\n'), "between"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5, 1]\nbenefit = [1, 1]\ncost = [0, 0]\n'), "benefit"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\nbenefit = [1]\ncost = [0, 0]\n'), "benefit"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\nbenefit = [1, 2]\n'), "cost"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\nrow = [[1, 2], [3]]\ncolumn = [[1, 2], [3, 4]]\n'), "row"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\nrow = [[1, 2], [3, 4]]\n'), "column"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5]\n'), "game"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5, 1]\ngain = 2\n'), "gain"),
    (("", '\n[[payoffs]]\ngame = [3, 0, 5, 1]\n'), "between"),
    (("", '\n[[payoffs]]\nbetween = ["A", "B"]\ngame = [3, 0, 5, 1]\n' * 2), "between"),
    # [[schedule]]
    (("", "\n[[schedule]]\nfrom = 3\n"), "shadow"),
    (("", "\n[[schedule]]\nfrom = 3\nshadow = 1\n"), "shadow"),
    (("", "\n[[schedule]]\nfrom = 0\nshadow = 0.5\n"), "from"),
    (("", "\n[[schedule]]\nfrom = 5\nshadow = 0.5\n\n[[schedule]]\nfrom = 3\nshadow = 0.5\n"), "from"),
    (("", "\n[[schedule]]\nfrom = 3\nshadow = 0.5\nuntil = 9\n"), "until"),
    # [turnover]
    (("", '\n[turnover]\nprobability = 2\npool = ["Defector"]\n'), "probability"),
    (("", "\n[turnover]\nprobability = 0.1\n"), "pool"),
    (("", '\n[turnover]\nprobability = 0.1\npool = ["Nope Nope"]\n'), "pool"),
    (("", "\n[turnover]\nprobability = 0.1\npool = []\n"), "pool"),
    (("", '\n[turnover]\nprobability = 0.1\npool = [{ strategy = "Random", weight = 2 }]\n'), "pool"),
    (("", '\n[turnover]\nprobability = 0.1\npool = ["Defector"]\nactors = ["Z"]\n'), "actors"),
    (("", '\n[turnover]\nprobability = 0.1\npool = ["Defector"]\nstart = 1\n'), "start"),
    (("", '\n[turnover]\nprobability = 0.1\npool = ["Defector"]\nrate = 1\n'), "rate"),
    # [regimes.NAME]
    (("", "\n[regimes.x]\nfines = 2\n"), "fines"),
    (("", "\n[regimes.x]\ntransparency = 3\n"), "transparency"),
    (("", "\n[regimes.x]\npayoffs = [1, 2]\n"), "payoffs"),
    (("", "\n[regimes.x]\ndescription = 3\n"), "description"),
    (("", "\n[regimes.x.society]\nparticipation = 3\n"), "participation"),
    (("", "\n[regimes.x.society]\nseed = 3\n"), "seed"),
    (("", "\n[regimes.x.actors.Z]\nmember = false\n"), "Z"),
    (("", "\n[regimes.x.actors.A]\nstrength = 1\n"), "strength"),
    (("", "\n[regimes.x.actors.A]\njoins = 0\n"), "joins"),
    (("", '\n[regimes.x.actors.A]\nstrategy = "Nope Nope"\n'), "strategy"),
    (("", "\n[regimes.x.turnover]\nprobability = 0.1\n"), "pool"),
    (("", "\n[[regimes.x.schedule]]\nfrom = 2\nshadow = 3\n"), "shadow"),
    (("", '\n[[regimes.x.payoffs]]\nbetween = ["A", "Z"]\ngame = [3, 0, 5, 1]\n'), "between"),
    # top level
    (('summary = "For the tests."', 'summary = "For the tests."\ndefault = "nope"'), "default"),
    (('summary = "For the tests."', 'summary = "For the tests."\ntitel = "x"'), "titel"),
    (('title = "Mini"\n', ""), "title"),
    (('title = "Mini"', "title = 3"), "title"),
    (('summary = "For the tests."', 'summary = "For the tests."\nnarrative = 3'), "narrative"),
    (('summary = "For the tests."', 'summary = "For the tests."\nsources = 3'), "sources"),
    (("", '\n[game]\npayoffs = [1, 2]\n'), "payoffs"),
    ((SOCIETY, SOCIETY + 'graph = "edges"\n'), "edges"),
    ((ACTOR_C, ACTOR_C + "count = 2\n\n[[actors]]\nname = \"C 2\"\nstrategy = \"Cooperator\"\n"), "name"),
    (("[society]", "[society\n"), "TOML syntax error"),
]


def write(tmp_path, change) -> Path:
    text = MINI
    for old, new in change if isinstance(change, list) else [change]:
        text = text + new if old == "" else text.replace(old, new, 1)
    assert text != MINI
    path = tmp_path / "society.toml"
    path.write_text(text)
    return path


def assert_one_line_error(result, needle: str):
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:"), lines[0]
    assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_the_mini_scenario_is_good(cli, tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(MINI)
    assert cli("society", str(path), "--format", "json").exit_code == 0


@pytest.mark.parametrize("change,key", SCENARIO_CASES, ids=[f"{k}-{i}" for i, (_, k) in enumerate(SCENARIO_CASES)])
def test_bad_scenario_is_one_line_naming_the_key(cli, tmp_path, change, key):
    path = write(tmp_path, change)
    result = cli("society", str(path))
    assert_one_line_error(result, key)
    assert str(path) in result.stderr


def test_errors_give_the_line_of_the_key(cli, tmp_path):
    path = write(tmp_path, (ACTOR_C, ACTOR_C + "joins = 3\n"))
    line = path.read_text().splitlines().index("member = false") + 1
    assert f"{path}:{line}:" in cli("society", str(path)).stderr
    path = write(tmp_path, ("", '\n[turnover]\nprobability = 2\npool = ["Defector"]\n'))
    line = path.read_text().splitlines().index("probability = 2") + 1
    assert f"{path}:{line}:" in cli("society", str(path)).stderr
    path = write(tmp_path, ("", EDGES_AB + '\n[[edges]]\nbetween = ["A", "C"]\n\n[[edges]]\nbetween = ["C", "Q"]\n'))
    line = path.read_text().splitlines().index('between = ["C", "Q"]') + 1
    assert f"{path}:{line}:" in cli("society", str(path)).stderr


OPTION_CASES = [
    (["--participation", "2"], "--participation"),
    (["--participation", "-0.5"], "--participation"),
    (["--exclusion-rounds", "-1"], "--exclusion-rounds"),
    (["--scope", "collective"], "--scope"),
    (["--periods", "0"], "--periods"),
    (["--shadow", "1"], "--shadow"),
    (["--shadow", "-0.1"], "--shadow"),
    (["--periods", "5", "--shadow", "0.5"], "--periods"),
    (["--repetitions", "0"], "--repetitions"),
    (["--seed", "-1"], "--seed"),
    (["--variant", "nope"], "--variant"),
    (["--output", "out.txt"], "--output"),
    (["--output", "no/such/folder/out.json"], "--output"),
    (["--plot", "out.txt"], "--plot"),
    (["--format", "xml"], "--format"),
    (["--table", "pairs"], "--table"),
    (["--transparency", "1.5"], "--transparency"),
    (["--fine", "-1"], "--fine"),
    (["--payoffs", "3,0,5,1"], "--payoffs"),  # not a society option: an edge's payoffs are its own
]


@pytest.mark.parametrize("args,option", OPTION_CASES)
def test_bad_option_is_one_line_naming_the_option(cli, args, option):
    assert_one_line_error(cli("society", str(EXAMPLE), *args), option)


@pytest.mark.parametrize("scenario,needle", [
    ("nope.toml", "SCENARIO"),
    ("no-such-scenario", "SCENARIO"),
    ("anarchy", "regimelab run"),  # a tournament scenario
])
def test_bad_scenario_argument(cli, scenario, needle):
    assert_one_line_error(cli("society", scenario), needle)


def test_a_refused_strategy_is_one_line(cli, tmp_path):
    path = write(tmp_path, ('strategy = "Tit For Tat"', 'strategy = "Darwin"'))
    assert_one_line_error(cli("society", str(path)), "Darwin")


# -- outputs ------------------------------------------------------------------------------


def test_table_output_shows_actors_and_the_summary(cli):
    result = cli("society", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Society: Four states, a cheat and an outsider [exclusion]")
    for name in ("Patron", "Client", "Ally", "Cheat", "Raider"):
        assert re.search(rf"^{name}\b", out, re.M)
    assert "Survival:" in out and "Mean cooperation among members" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_json_output_and_file_agree(cli, tmp_path):
    target = tmp_path / "out.json"
    result = cli("society", str(EXAMPLE), "--variant", "baseline", "--periods", "30", "-r", "2", "--seed", "5",
                 "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert json.loads(target.read_text()) == data
    assert [row["name"] for row in data["actors"]] == ["Patron", "Client", "Ally", "Cheat", "Raider"]
    # JSON joins each interval's two table columns into one [low, high] list
    assert set(data["actors"][0]) == set(ACTOR_COLUMNS) - {"ci95_low", "ci95_high"} | {"ci95"}
    assert set(data["periods"][0]) == set(PERIOD_COLUMNS)
    assert [row["period"] for row in data["periods"]] == list(range(1, 31))
    assert data["seed"] == 5 and data["repetitions"] == 2
    assert data["scenario"] == {"name": "society-example", "title": "Four states, a cheat and an outsider",
                                "variant": "baseline"}
    assert data["regime"]["turns"] == 30 and data["society"]["scope"] == "none"
    assert f"Wrote {target}" in result.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_overrides_change_the_society(cli):
    result = cli("society", str(EXAMPLE), "--scope", "defensive_alliance", "--participation", "0.5",
                 "--exclusion-rounds", "2", "--shadow", "0.9", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["society"]["scope"], data["society"]["participation"], data["society"]["exclusion_rounds"]) == (
        "defensive_alliance", 0.5, 2)
    assert data["regime"]["shadow"] == 0.9 and data["regime"]["turns"] is None


def test_csv_tables(cli, tmp_path):
    actors = cli("society", str(EXAMPLE), "--format", "csv", "--periods", "10")
    assert actors.stdout.splitlines()[0] == ",".join(ACTOR_COLUMNS)
    assert len(actors.stdout.splitlines()) == 1 + 5
    target = tmp_path / "periods.csv"
    periods = cli("society", str(EXAMPLE), "--format", "csv", "--table", "periods", "--periods", "10",
                  "--output", str(target))
    assert periods.stdout.splitlines()[0] == ",".join(PERIOD_COLUMNS)
    assert len(periods.stdout.splitlines()) == 1 + 10
    assert target.read_text() == periods.stdout


def test_plot_is_written(cli, tmp_path):
    target = tmp_path / "society.png"
    result = cli("society", str(EXAMPLE), "--periods", "20", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Wrote {target}" in result.stderr


def test_help_has_examples(cli):
    result = cli("society", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "regimelab society" in result.stdout
    assert "society" in cli("--help").stdout


# -- the built-in society scenarios ---------------------------------------------------------


@lru_cache(maxsize=None)
def built_in(name: str):
    return load_society(name)


def play(name: str, variant: str):
    """The variant as the API plays it: the scenario's repetitions and seed."""
    scenario = built_in(name)
    return run_society(scenario.society(variant), repetitions=scenario.repetitions, seed=scenario.seed)


@pytest.mark.parametrize("name", SOCIETY_SCENARIOS)
def test_every_society_scenario_plays_from_the_command_line(cli, name):
    result = cli("society", name, "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    scenario = built_in(name)
    assert data["scenario"] == {"name": name, "title": scenario.title, "variant": scenario.default}
    assert [row["name"] for row in data["actors"]] == scenario.society().names
    assert data["seed"] == scenario.seed and data["repetitions"] == scenario.repetitions
    # The CLI plays the default variant as the API does.
    api = play(name, scenario.default)
    assert [row["total_score"] for row in data["actors"]] == pytest.approx(list(api.actors.total_score))


def test_society_json_has_intervals_and_first_shares(cli, tmp_path):
    from pathlib import Path

    scenario = Path(__file__).parents[1] / "society_example.toml"
    result = cli("society", str(scenario), "-r", "6", "--format", "json", "--no-progress")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for actor in data["actors"]:
        low, high = actor["ci95"]
        assert low <= actor["mean_score_per_period"] <= high
    assert sum(actor["first_share"] for actor in data["actors"]) == pytest.approx(1.0)
    cooperation = data["summary"]["mean_member_cooperation"]
    if cooperation is not None:
        low, high = data["summary"]["mean_member_cooperation_ci95"]
        assert low <= cooperation <= high
    table = cli("society", str(scenario), "-r", "6", "--no-progress").output
    assert "±95%" in table and max(len(line) for line in table.splitlines()) <= 80


# -- rough edges met on the first day (issue 13) -------------------------------------------


def test_a_builtin_tournament_scenario_is_refused_by_its_name_not_its_path(cli):
    result = cli("society", "anarchy")
    assert_one_line_error(result, "anarchy is a tournament scenario")
    assert "regimelab run anarchy" in result.stderr
    assert "anarchy.toml" not in result.stderr and "/" not in result.stderr.replace("[tournament]", "")


def test_regime_options_override_the_variants_dyadic_regime(cli):
    # The example's dyadic regime: turns 60, transparency 0.9, noise 0.01, fine 0.5. --transparency and
    # --compensation change those two parameters of whichever variant is played and keep the rest.
    for variant in ("baseline", "exclusion"):
        data = json.loads(cli("society", str(EXAMPLE), "--variant", variant, "--transparency", "0.5",
                              "--compensation", "0.4", "-r", "1", "--format", "json").stdout)
        regime = data["regime"]
        assert (regime["transparency"], regime["compensation"]) == (0.5, 0.4)
        assert (regime["noise"], regime["fine"], regime["turns"]) == (0.01, 0.5, 60)
    text = cli("society", str(EXAMPLE), "--transparency", "0.5", "-r", "1").stdout
    assert "transparency=0.5" in text.splitlines()[1]
    help_text = cli("society", "--help").stdout
    for option in ("--transparency", "--false-alarm", "--noise", "--fine", "--compensation",
                   "--enforcement-cost", "--transaction-cost"):
        assert option in help_text
    assert "--turns" not in help_text  # the horizon is --periods or --shadow


def test_cut_actor_names_stay_unique(cli):
    # league-all-for-one has three actors "Small state 1" .. "Small state 3", longer than the column
    rows = cli("society", "league-all-for-one", "-r", "2").stdout.split("-----\n", 1)[1].split("\n\n")[0]
    names = [line[:11].strip() for line in rows.splitlines()]
    assert names == ["Britain", "France", "Abyssinia", "Small sta~1", "Small sta~2", "Small sta~3", "Italy"]


def test_counts_of_one_read_in_the_singular(cli):
    text = cli("society", str(EXAMPLE), "-r", "1", "--periods", "1", "--no-progress").stdout
    assert "; 1 period\n" in text and "Runs:    1 repetition; seed" in text
    assert "1 periods" not in text.split("on average")[0] and "1 repetitions" not in text
