"""The teaching exercises in docs/exercises/: every command in their `sh`
blocks runs, and every finding in their instructor's notes holds.

Each exercise's findings are checked below by a function keyed by the file's
name; the checks read the JSON output (`--format json`) of the very commands
the exercise gives, so a note cannot drift away from what the commands show.
A finding must hold for any seed, not only the default one, so the checks of
an exercise that plays tournaments (`run`, `compare`) run for each of
RANDOM_SEEDS, with `--seed N` appended to those commands; a finding the note
states as a near tie ("level: which of them is first varies with the seed")
is checked as one. An exercise whose commands read what earlier ones wrote (a
sweep, then its analysis) runs them in order in one folder (IN_ORDER), with
`--format json`.
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from command_runs import Run, invoke

from regimelab.cli import main

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "exercises"
EXERCISES = sorted(path.name for path in FOLDER.glob("[0-9][0-9]-*.md"))
SECTIONS = ("## Run", "## What to look at", "## Questions for discussion", "## Instructor's note")

#: The random seeds every finding is checked for: the default (1) and four more.
RANDOM_SEEDS = (1, 2, 3, 4, 5)
#: Exercises whose commands read the files earlier ones write: run in order, in one folder.
IN_ORDER = {"08-which-function-matters-most.md"}


def text(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")


def commands(name: str) -> list[str]:
    """The command lines of an exercise's ```sh blocks, in order."""
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text(name), flags=re.M | re.S):
        lines += [line.strip() for line in block.splitlines() if line.strip()]
    return lines


def plays_tournaments(command: str) -> bool:
    return re.match(r"regimelab (run|compare|sweep)\b", command) is not None


def seeded(command: str, seed: int) -> str:
    """``command`` for random seed ``seed``: `--seed N` appended to a tournament's command."""
    return command if seed == 1 or not plays_tournaments(command) else f"{command} --seed {seed}"


def output_of(name: str, seed: int = 1):
    """A reader of the JSON output of the commands of exercise ``name`` (and only those), for ``seed``."""
    given = commands(name)

    def out(command: str) -> dict:
        assert command in given, f"{name} does not give the command {command!r}"
        run = runs_in_order(name, seed)[command] if name in IN_ORDER else invoke(seeded(command, seed))
        assert run.result.exit_code == 0 and run.data is not None, run.result.output
        data = run.data
        if plays_tournaments(command):
            assert data["seed"] == seed
        return data

    return out


@lru_cache(maxsize=None)
def runs_in_order(name: str, seed: int) -> dict:
    """Every command of exercise ``name`` for ``seed``, run in order in one scratch folder with `--format json`."""
    runs = {}
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        for command in commands(name):
            args = shlex.split(seeded(command, seed))[1:] + ["--format", "json"]
            result = CliRunner().invoke(main, args, catch_exceptions=False)
            runs[command] = Run(result, json.loads(result.stdout) if result.exit_code == 0 else None)
    return runs


# -- helpers on JSON output -------------------------------------------------


def expected_class(data: dict) -> str:
    return data["game"]["class"]["expected"]


def summary(data: dict, label: str) -> dict:
    return next(row for row in data["summary"] if row["regime"] == label)


def strategy(data: dict, name: str) -> dict:
    return next(row for row in data["strategies"] if row["name"] == name)


def rank_of(data: dict, label: str, name: str) -> int:
    return strategy(data, name)[f"rank[{label}]"]


def last_of(data: dict, label: str) -> str:
    return max(data["strategies"], key=lambda row: row[f"rank[{label}]"])["name"]


def top_of(data: dict, label: str, places: int) -> set:
    """The strategies in the first ``places`` places under ``label``."""
    return {row["name"] for row in data["strategies"] if row[f"rank[{label}]"] <= places}


def gap(data: dict, label: str, first: str, second: str) -> float:
    """How far apart two strategies' mean scores per turn are under ``label``."""
    return abs(strategy(data, first)[f"score[{label}]"] - strategy(data, second)[f"score[{label}]"])


# -- the findings, one function per exercise --------------------------------


def check_01(out):
    assert expected_class(out("regimelab explain")) == "prisoners_dilemma"
    data = out("regimelab explain --fine 0.5")
    assert expected_class(data) == "prisoners_dilemma"
    assert data["game"]["expected"] == {"R": 3.0, "S": 0.0, "T": 4.5, "P": 0.5}
    data = out("regimelab explain --fine 1.5")
    assert expected_class(data) == "chicken"
    assert data["game"]["expected"]["P"] == pytest.approx(-0.5) and data["game"]["expected"]["T"] == pytest.approx(3.5)
    data = out("regimelab explain --fine 2.5")
    assert expected_class(data) == "harmony" and data["game"]["expected"]["T"] == pytest.approx(2.5)
    assert data["thresholds"]["fine"] == pytest.approx(2.0)
    data = out("regimelab explain --fine 1.5 --compensation 1")
    assert data["thresholds"]["fine"] == pytest.approx(2.0)  # compensation does not move F*
    assert expected_class(data) == "chicken"
    data = out("regimelab explain --transparency 0.5 --fine 2.5")
    assert data["thresholds"]["fine"] == pytest.approx(4.0)  # (T - R)/p
    assert expected_class(data) == "chicken"
    assert expected_class(out("regimelab explain --transparency 0.5 --fine 4.5")) == "harmony"


def check_02(out):
    for command in ("regimelab explain --shadow 0.4", "regimelab explain --shadow 0.6"):
        assert out(command)["thresholds"]["shadow"] == pytest.approx(0.5)
        assert expected_class(out(command)) == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.4")["supergame"]["class"] == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.6")["supergame"]["class"] == "stag_hunt"
    data = out("regimelab explain --shadow 0.6 --transparency 0.5")
    assert data["thresholds"]["shadow"] == pytest.approx(2 / 3)
    assert data["supergame"]["class"] == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.9 --transparency 0.5")["supergame"]["class"] == "stag_hunt"
    data = out(commands("02-shadow-of-the-future.md")[-1])
    short, long = data["labels"]
    assert top_of(data, short, 2) == {"Defector", "Suspicious Tit For Tat"}
    # Measured for seeds 1 to 40 (this command plays on the object engine). Tit For Tat and GTFT
    # take the top two places, within 0.13 of each other by the mean (0.03 in expectation, `--engine
    # exact`); the other four, a close pack behind them, are 0.03 to 0.16 apart. Who comes first
    # and where the Defector ends up: the two tests of exercise 2 below.
    assert top_of(data, long, 2) == {"Tit For Tat", "GTFT: 0.33"}
    assert gap(data, long, "Tit For Tat", "GTFT: 0.33") <= 0.2
    pack = ("Defector", "Suspicious Tit For Tat", "Win-Stay Lose-Shift", "Grudger")
    assert max(gap(data, long, first, second) for first in pack for second in pack) <= 0.25
    assert strategy(data, "Defector")[f"change[{long}]"] <= -1.0  # -1.16 to -1.39 for seeds 1-40


def check_03(out):
    assert out("regimelab scenarios show arms-control-verification")["name"] == "arms-control-verification"
    data = out("regimelab compare arms-control-verification")
    assert {row["winner"] for row in data["summary"]} == {"Defector"}
    on_site, intrusive = "change[on-site-inspections]", "change[intrusive-inspections]"
    assert -0.95 <= strategy(data, "Defector")[on_site] <= -0.55  # "about 0.75": -0.67 to -0.85
    assert -0.75 <= strategy(data, "Prober")[on_site] <= -0.4  # "about 0.55": -0.53 to -0.62
    reciprocators = ("Tit For Tat", "Grudger", "GTFT: 0.33", "Win-Stay Lose-Shift")
    assert all(strategy(data, name)[on_site] > 0 for name in reciprocators)
    # Against on-site inspections: reciprocators lose about 0.4, the Defector about 0.1.
    loss = {name: strategy(data, name)[intrusive] - strategy(data, name)[on_site] for name in reciprocators + ("Defector",)}
    assert all(-0.5 <= loss[name] <= -0.3 for name in reciprocators)
    assert -0.2 <= loss["Defector"] <= -0.03
    assert summary(data, "intrusive-inspections")["mean_payoff"] < summary(data, "national-means")["mean_payoff"]
    low = out("regimelab explain --shadow 0.75 --transparency 0.3")
    assert low["thresholds"]["transparency"] == pytest.approx(1 / 3, abs=1e-6)
    assert low["supergame"]["class"] == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.75 --transparency 0.9")["supergame"]["class"] == "stag_hunt"


def check_04(out):
    data = out("regimelab explain --payoffs 3,1,4,-10")
    assert data["game"]["class"]["base"] == "chicken"
    assert out("regimelab scenarios show cold-war")["name"] == "cold-war"
    data = out("regimelab compare cold-war")
    alarms, hotline = summary(data, "false-alarms"), summary(data, "hotline")
    assert alarms["expected_class"] == hotline["expected_class"] == "chicken"
    assert hotline["mean_payoff"] - alarms["mean_payoff"] >= 1.0  # "from about -2.9 to about -1.6"
    # "about -2.9, between -3.2 and -2.7": -2.80 to -3.11 for seeds 1 to 40 (standard deviation
    # 0.07 over the seeds; -2.93 expected, `regimelab compare cold-war --engine exact`).
    assert -3.2 <= alarms["mean_payoff"] <= -2.7
    assert hotline["mean_payoff"] == pytest.approx(-1.6, abs=0.15)  # -1.52 to -1.71 (-1.60 expected)
    assert hotline["mean_cooperation"] - alarms["mean_cooperation"] >= 0.1
    assert alarms["mean_cooperation"] == pytest.approx(0.31, abs=0.04)  # 0.30 to 0.32 (0.312 expected)
    assert hotline["mean_cooperation"] == pytest.approx(0.48, abs=0.04)  # 0.46 to 0.50 (0.482 expected)
    changes = {row["name"]: row["change[hotline]"] for row in data["strategies"]}
    assert changes.pop("Defector") == pytest.approx(0.0, abs=1e-9)
    assert min(changes.values()) >= 0.5
    # Tit For Tat most, Grudger next, for every seed. Their gains for seeds 1 to 40 (standard deviation
    # over the seeds; expected, from `regimelab compare cold-war --engine exact`): Tit For Tat +2.13 to
    # +2.79 (0.14; +2.35), Grudger +1.87 to +2.33 (0.09; +2.05), GTFT +1.20 to +1.57 (0.08; +1.33).
    assert sorted(changes, key=changes.get, reverse=True)[:2] == ["Tit For Tat", "Grudger"]
    assert 1.9 <= changes["Tit For Tat"] <= 2.9
    assert 1.7 <= changes["Grudger"] <= 2.4
    assert 1.1 <= changes["GTFT: 0.33"] <= 1.7
    assert alarms["winner"] == hotline["winner"] == "GTFT: 0.33"


def check_05(out):
    economy = out("regimelab explain --shadow 0.9 --transparency 0.8 --fine 2 --compensation 0.5 --payoffs 3,0,4,1")
    security = out("regimelab explain --shadow 0.9 --transparency 0.8 --fine 2 --compensation 0.5 --payoffs 3,-5,7,0")
    assert expected_class(economy) == "harmony" and economy["thresholds"]["fine"] == pytest.approx(1.25)
    assert expected_class(security) == "prisoners_dilemma" and security["thresholds"]["fine"] == pytest.approx(5.0)
    data = out("regimelab compare security-vs-economy")
    assert last_of(data, "economy") == last_of(data, "security-strong") == "Defector"
    assert rank_of(data, "security", "Defector") <= 2
    assert summary(data, "security-strong")["expected_class"] == "stag_hunt"
    # Under security the two that always defect are level at the top (0.01 to 0.08 apart).
    assert top_of(data, "security", 2) == {"Defector", "Myopic State"}
    assert gap(data, "security", "Defector", "Myopic State") <= 0.15
    # The Cooperator shares the top under economy with the Myopic State, GTFT
    # and Tit For Tat (the four within 0.02 to 0.04 of each other); last under security.
    leaders = {"Cooperator", "Myopic State", "GTFT: 0.33", "Tit For Tat"}
    assert top_of(data, "economy", 4) == leaders
    assert max(gap(data, "economy", "Cooperator", name) for name in leaders) <= 0.1
    assert last_of(data, "security") == "Cooperator"
    pairs = out("regimelab run security-vs-economy --table pairs")["pairs"]
    myopic = [row for row in pairs if row["player"] == "Myopic State" and row["opponent"] != "Myopic State"]
    assert myopic and all(row["cooperation_rate"] == 0.0 for row in myopic)


def check_06(out):
    assert out("regimelab scenarios show league-1935")["name"] == "league-1935"
    data = out("regimelab compare league-1935")
    league = summary(data, "league-1935")
    assert league["expected_class"] == "prisoners_dilemma"
    # The two aggressors take the top two places, level (0.01 to 0.12 apart; 0.03 expected).
    assert top_of(data, "league-1935", 2) == {"Suspicious Tit For Tat", "Defector"}
    # "0.03 apart in expectation, up to about 0.2 in one run": 0.00 to 0.17 over seeds 1 to 40.
    assert gap(data, "league-1935", "Suspicious Tit For Tat", "Defector") <= 0.25
    changes = {row["name"]: row["change[league-1935]"] for row in data["strategies"]}
    assert max(changes.values()) < 0
    assert changes["Cooperator"] == pytest.approx(-0.3, abs=0.1)
    bite = summary(data, "sanctions-that-bite")
    assert bite["expected_class"] == "harmony" and bite["winner"] == "Cooperator"
    assert last_of(data, "sanctions-that-bite") == "Defector"
    # "a score near zero": -0.10 to +0.05 (the Cooperator's is about 2.24).
    assert abs(strategy(data, "Defector")["score[sanctions-that-bite]"]) <= 0.25
    assert bite["mean_payoff"] == min(row["mean_payoff"] for row in data["summary"])
    explained = out("regimelab explain --shadow 0.7 --transparency 0.9 --fine 0.5 --enforcement-cost 1")
    assert expected_class(explained) == "prisoners_dilemma"
    assert explained["thresholds"]["fine"] == pytest.approx(2.22, abs=0.005)
    assert explained["game"]["expected"]["S"] == pytest.approx(-0.9)
    assert expected_class(out("regimelab explain --shadow 0.7 --transparency 0.9 --fine 4 --compensation 0.5 --enforcement-cost 1")) == "harmony"


def check_07(out):
    concert = out("regimelab compare concert-1815")
    assert {row["expected_class"] for row in concert["summary"]} == {"prisoners_dilemma"}
    assert summary(concert, "balance-of-power")["winner"] == "Defector"
    # A status-quo power wins: Tit For Tat and Austria, level (0.00 to 0.02 apart).
    assert top_of(concert, "concert", 2) == {"Tit For Tat", "Status Quo Power"}
    assert gap(concert, "concert", "Tit For Tat", "Status Quo Power") <= 0.1
    assert last_of(concert, "concert") == "Defector"
    exploiters = {"Defector", "Suspicious Tit For Tat"}
    assert top_of(concert, "memory-of-war", 2) == top_of(concert, "conferences-only", 2) == exploiters
    assert out("regimelab explain --shadow 0.6 --transparency 0.6")["supergame"]["class"] == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.95 --transparency 0.95")["supergame"]["class"] == "stag_hunt"
    league = out("regimelab compare league-1935")
    assert summary(league, "self-help")["expected_class"] == summary(league, "league-1935")["expected_class"] == "prisoners_dilemma"
    assert top_of(league, "league-1935", 2) == {"Suspicious Tit For Tat", "Defector"}
    assert max(row["change[league-1935]"] for row in league["strategies"]) < 0
    self_help = out("regimelab explain --shadow 0.7 --transparency 0.9")
    with_league = out("regimelab explain --shadow 0.7 --transparency 0.9 --fine 0.5 --enforcement-cost 1")
    assert self_help["supergame"]["class"] == with_league["supergame"]["class"] == "stag_hunt"
    assert expected_class(self_help) == expected_class(with_league) == "prisoners_dilemma"
    after = out("regimelab compare concert-1848")
    # "about 0.44 against about 0.64": 0.43-0.45 against 0.63-0.65 (0.43-0.46 against 0.63-0.66 for seeds 1-20).
    assert summary(after, "concert-1815")["mean_cooperation"] == pytest.approx(0.44, abs=0.04)
    assert summary(concert, "concert")["mean_cooperation"] == pytest.approx(0.64, abs=0.04)
    assert summary(concert, "concert")["mean_cooperation"] - summary(after, "concert-1815")["mean_cooperation"] >= 0.1
    # The two challengers rise from the bottom two places to the top, level (0.01 to 0.05 apart),
    # the Hard Prober third (second for seed 4).
    challengers = {"Unsocialised Newcomer", "Defector"}
    assert {row["name"] for row in after["strategies"]} - top_of(after, "concert-1815", 4) == challengers
    assert summary(after, "memories-fade")["winner"] in challengers
    assert top_of(after, "memories-fade", 3) == challengers | {"Hard Prober"}
    assert gap(after, "memories-fade", "Unsocialised Newcomer", "Defector") <= 0.1


def check_08(out):
    sobol, rank, morris = (out(command) for command in commands("08-which-function-matters-most.md")
                           if command.startswith("regimelab sensitivity"))
    assert sobol["metric"] == "cooperation" and sobol["method"] == "sobol" and morris["method"] == "morris"
    cooperation = {row["parameter"]: row for row in sobol["indices"]}
    for name in ("fine", "transaction_cost"):  # exactly 0: the strategies do not read payoffs
        assert cooperation[name]["ST"] == cooperation[name]["S1"] == 0.0
        assert {row["parameter"]: row for row in morris["indices"]}[name]["mu_star"] == 0.0
    assert {row["parameter"] for row in sobol["indices"][:2]} == {"transparency", "shadow"}
    assert cooperation["transparency"]["ST"] >= 0.1 and cooperation["shadow"]["ST"] >= 0.1
    steps = {row["parameter"]: row for row in morris["indices"]}
    # Every step up in transparency lowers cooperation, by about 0.07 to 0.09 over the range (seeds 1-5).
    assert steps["transparency"]["mu"] <= -0.9 * steps["transparency"]["mu_star"]
    assert 0.05 <= steps["transparency"]["mu_star"] <= 0.11
    defector = {row["parameter"]: row for row in rank["indices"]}
    assert rank["metric"] == "rank:Defector"
    # Interactions: ST minus S1 summed is 0.93 to 1.49 for seeds 1-5; the fine's ST 0.37 to 0.83.
    assert sum(row["ST"] - row["S1"] for row in rank["indices"]) >= 0.7
    assert defector["fine"]["ST"] >= 0.3 and defector["fine"]["ST"] - defector["fine"]["S1"] >= 0.2


CHECKS = {
    "01-what-a-fine-does.md": check_01,
    "02-shadow-of-the-future.md": check_02,
    "03-transparency-and-cheating.md": check_03,
    "04-false-alarms-and-the-hotline.md": check_04,
    "05-security-versus-economy.md": check_05,
    "06-costly-sanctions.md": check_06,
    "07-concert-and-league.md": check_07,
    "08-which-function-matters-most.md": check_08,
}


# -- the tests --------------------------------------------------------------


def test_there_are_at_least_six_exercises_each_with_a_check():
    assert len(EXERCISES) >= 6
    assert set(EXERCISES) == set(CHECKS)


def test_the_index_links_every_exercise():
    index = (FOLDER / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([0-9][0-9]-[^)]+\.md)\)", index))
    assert linked == set(EXERCISES)


@pytest.mark.parametrize("name", EXERCISES)
def test_exercise_has_its_parts(name):
    body = text(name)
    assert body.startswith("# Exercise ")
    assert "**Question.**" in body
    positions = [body.find(section) for section in SECTIONS]
    assert all(position > 0 for position in positions), f"{name} lacks one of {SECTIONS}"
    assert positions == sorted(positions), f"{name}: sections out of order"
    assert commands(name), f"{name} has no commands"
    for line in commands(name):
        assert line.startswith("regimelab "), f"{name}: {line!r} does not start with 'regimelab '"
    note = body[body.find("## Instructor's note"):]
    assert "Students should find" in note


@pytest.mark.parametrize(
    "name, command",
    [(name, command) for name in EXERCISES for command in commands(name)],
)
def test_every_command_runs(name, command):
    result = (runs_in_order(name, 1)[command] if name in IN_ORDER else invoke(command)).result
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert result.output.strip()


def _seeds_to_check(name: str) -> tuple:
    """Every random seed for an exercise that plays tournaments; its findings are exact otherwise."""
    return RANDOM_SEEDS if any(plays_tournaments(command) for command in commands(name)) else (1,)


@pytest.mark.parametrize(
    "name, seed",
    [(name, seed) for name in EXERCISES for seed in _seeds_to_check(name)],
)
def test_instructors_note_findings_hold(name, seed):
    CHECKS[name](output_of(name, seed))


#: The seeds for a near tie that one side wins more often than the other, so that seeds 1 to 5 may
#: all go to it: the first ten. In league-1935 the Defector wins for 12 of seeds 1 to 20, Suspicious
#: Tit For Tat for 8 (seeds 6 and 9 among the first ten); expected scores 2.266 and 2.234 per turn
#: (`regimelab compare league-1935 --engine exact`).
UNEVEN_TIE_SEEDS = tuple(range(1, 11))

#: The near ties the notes name ("level: which of them is first varies with the
#: seed"): exercise, command, regime, the strategies that share the lead, and the seeds looked at.
NEAR_TIES = [
    ("05-security-versus-economy.md", "regimelab compare security-vs-economy", "economy",
     {"Cooperator", "Myopic State", "GTFT: 0.33", "Tit For Tat"}, RANDOM_SEEDS),
    ("05-security-versus-economy.md", "regimelab compare security-vs-economy", "security", {"Defector", "Myopic State"},
     RANDOM_SEEDS),
    ("06-costly-sanctions.md", "regimelab compare league-1935", "league-1935", {"Suspicious Tit For Tat", "Defector"},
     UNEVEN_TIE_SEEDS),
    ("07-concert-and-league.md", "regimelab compare concert-1815", "concert", {"Tit For Tat", "Status Quo Power"},
     RANDOM_SEEDS),
    ("07-concert-and-league.md", "regimelab compare concert-1848", "memories-fade", {"Unsocialised Newcomer", "Defector"},
     RANDOM_SEEDS),
]


@pytest.mark.parametrize("name, command, label, leaders, seeds", NEAR_TIES,
                         ids=[f"{n[:2]}-{variant}" for n, _, variant, *_ in NEAR_TIES])
def test_a_near_tie_named_in_a_note_goes_either_way(name, command, label, leaders, seeds):
    # Only the strategies said to share the lead come first, and not always the same one.
    winners = {summary(output_of(name, seed)(command), label)["winner"] for seed in seeds}
    assert winners <= leaders and len(winners) > 1


def test_exercise_7_the_hard_prober_is_third_behind_the_challengers_for_some_seeds_second():
    # "the Hard Prober is third, for some seeds second" (second for seed 4).
    name, command = "07-concert-and-league.md", "regimelab compare concert-1848"
    places = {strategy(output_of(name, seed)(command), "Hard Prober")["rank[memories-fade]"] for seed in RANDOM_SEEDS}
    assert places == {2, 3}


def test_exercise_2_under_the_long_shadow_tit_for_tat_wins_and_the_defector_is_low_for_most_seeds():
    # "Tit For Tat first for most seeds": 39 of seeds 1 to 40. "The Defector is usually in the bottom
    # half of the table": 4th to 6th of 6 for 36 of them, 3rd for seeds 10, 18, 36 and 40.
    name = "02-shadow-of-the-future.md"
    command = commands(name)[-1]
    winners, defector_places = [], []
    for seed in RANDOM_SEEDS:
        data = output_of(name, seed)(command)
        winners.append(summary(data, data["labels"][1])["winner"])
        defector_places.append(rank_of(data, data["labels"][1], "Defector"))
    assert winners.count("Tit For Tat") > len(RANDOM_SEEDS) / 2
    assert sum(place >= 4 for place in defector_places) > len(RANDOM_SEEDS) / 2


def test_exercise_2_the_last_place_under_the_long_shadow_is_a_near_tie():
    # "the last place goes to it, Suspicious Tit For Tat or Grudger; try `--seed 2`": for seeds 1 to
    # 40, Suspicious Tit For Tat 24 times, the Defector 14 and Grudger twice (the Defector for seed 1).
    name = "02-shadow-of-the-future.md"
    command = commands(name)[-1]
    lasts = set()
    for seed in RANDOM_SEEDS:
        data = output_of(name, seed)(command)
        lasts.add(last_of(data, data["labels"][1]))
    assert lasts <= {"Defector", "Suspicious Tit For Tat", "Grudger"} and len(lasts) > 1


def test_exercise_8_transparency_and_the_shadow_are_a_near_tie_for_cooperation():
    # "Transparency has the larger ST in most runs, but ... its lead over the shadow is beyond the 95%
    # intervals for some seeds and within them for others"; "a longer shadow raises cooperation on average".
    name = "08-which-function-matters-most.md"
    sobol_command, *_, morris_command = [c for c in commands(name) if c.startswith("regimelab sensitivity")]
    leaders, clear, shadow_steps = [], set(), []
    for seed in RANDOM_SEEDS:
        out = output_of(name, seed)
        data = out(sobol_command)
        leaders.append(data["leader"]["parameter"])
        if {data["leader"]["parameter"], data["leader"]["runner_up"]} == {"transparency", "shadow"}:
            clear.add(data["leader"]["clear"])
        shadow_steps.append(next(row for row in out(morris_command)["indices"] if row["parameter"] == "shadow")["mu"])
    assert leaders.count("transparency") > len(RANDOM_SEEDS) / 2
    assert clear == {True, False}
    assert sum(shadow_steps) > 0
