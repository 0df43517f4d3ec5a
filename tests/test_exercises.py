"""The teaching exercises in docs/exercises/: every command in their `sh`
blocks runs, and every finding in their instructor's notes holds.

Each exercise's findings are checked below by a function keyed by the file's
name; the checks read the JSON output (`--format json`) of the very commands
the exercise gives, so a note cannot drift away from what the commands show.
"""

from __future__ import annotations

import json
import re
import shlex
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from regimelab.cli import main

FOLDER = Path(__file__).resolve().parents[1] / "docs" / "exercises"
EXERCISES = sorted(path.name for path in FOLDER.glob("[0-9][0-9]-*.md"))
SECTIONS = ("## Run", "## What to look at", "## Questions for discussion", "## Instructor's note")


def text(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")


def commands(name: str) -> list[str]:
    """The command lines of an exercise's ```sh blocks, in order."""
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text(name), flags=re.M | re.S):
        lines += [line.strip() for line in block.splitlines() if line.strip()]
    return lines


@lru_cache(maxsize=None)
def invoke(command: str, json_output: bool = False):
    args = shlex.split(command)
    assert args[0] == "regimelab", command
    args = args[1:] + (["--format", "json"] if json_output else [])
    return CliRunner().invoke(main, args, catch_exceptions=False)


def output_of(name: str):
    """A reader of the JSON output of the commands of exercise ``name`` (and only those)."""
    given = commands(name)

    def out(command: str) -> dict:
        assert command in given, f"{name} does not give the command {command!r}"
        result = invoke(command, json_output=True)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    return out


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
    assert summary(data, short)["winner"] == "Defector"
    assert summary(data, long)["winner"] == "Tit For Tat"
    assert last_of(data, long) == "Defector"
    assert strategy(data, "Defector")[f"change[{long}]"] <= -1.0  # -1.44 measured


def check_03(out):
    assert out("regimelab scenarios show arms-control-verification")["name"] == "arms-control-verification"
    data = out("regimelab compare arms-control-verification")
    assert {row["winner"] for row in data["summary"]} == {"Defector"}
    on_site, intrusive = "change[on-site-inspections]", "change[intrusive-inspections]"
    assert strategy(data, "Defector")[on_site] <= -0.5  # "about 0.7": -0.74
    assert -0.7 <= strategy(data, "Prober")[on_site] <= -0.35  # "about 0.5": -0.53
    reciprocators = ("Tit For Tat", "Grudger", "GTFT: 0.33", "Win-Stay Lose-Shift")
    assert all(strategy(data, name)[on_site] > 0 for name in reciprocators)
    # Against on-site inspections: reciprocators lose about 0.4, the Defector about 0.15.
    loss = {name: strategy(data, name)[intrusive] - strategy(data, name)[on_site] for name in reciprocators + ("Defector",)}
    assert all(-0.5 <= loss[name] <= -0.3 for name in reciprocators)
    assert -0.25 <= loss["Defector"] <= -0.05
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
    assert hotline["mean_payoff"] - alarms["mean_payoff"] >= 1.0  # "about -2.7 to -1.5"
    assert alarms["mean_payoff"] == pytest.approx(-2.7, abs=0.15)
    assert hotline["mean_payoff"] == pytest.approx(-1.5, abs=0.15)
    assert hotline["mean_cooperation"] - alarms["mean_cooperation"] >= 0.1
    changes = {row["name"]: row["change[hotline]"] for row in data["strategies"]}
    assert changes.pop("Defector") == pytest.approx(0.0, abs=1e-9)
    assert min(changes.values()) >= 0.5
    assert max(changes, key=changes.get) == "Tit For Tat" and changes["Tit For Tat"] == pytest.approx(2.0, abs=0.2)
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
    assert summary(data, "economy")["winner"] == "Cooperator"
    assert last_of(data, "security") == "Cooperator"
    pairs = out("regimelab run security-vs-economy --table pairs")["pairs"]
    myopic = [row for row in pairs if row["player"] == "Myopic State" and row["opponent"] != "Myopic State"]
    assert myopic and all(row["cooperation_rate"] == 0.0 for row in myopic)


def check_06(out):
    assert out("regimelab scenarios show league-1935")["name"] == "league-1935"
    data = out("regimelab compare league-1935")
    league = summary(data, "league-1935")
    assert league["expected_class"] == "prisoners_dilemma"
    assert league["winner"] == "Suspicious Tit For Tat"
    assert rank_of(data, "league-1935", "Defector") == 2
    changes = {row["name"]: row["change[league-1935]"] for row in data["strategies"]}
    assert max(changes.values()) < 0
    assert changes["Cooperator"] == pytest.approx(-0.3, abs=0.1)
    bite = summary(data, "sanctions-that-bite")
    assert bite["expected_class"] == "harmony" and bite["winner"] == "Cooperator"
    assert last_of(data, "sanctions-that-bite") == "Defector"
    assert strategy(data, "Defector")["score[sanctions-that-bite]"] < 0
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
    assert summary(concert, "concert")["winner"] == "Tit For Tat"
    assert last_of(concert, "concert") == "Defector"
    exploiters = {"Defector", "Suspicious Tit For Tat"}
    assert summary(concert, "memory-of-war")["winner"] in exploiters
    assert summary(concert, "conferences-only")["winner"] in exploiters
    assert out("regimelab explain --shadow 0.6 --transparency 0.6")["supergame"]["class"] == "prisoners_dilemma"
    assert out("regimelab explain --shadow 0.95 --transparency 0.95")["supergame"]["class"] == "stag_hunt"
    league = out("regimelab compare league-1935")
    assert summary(league, "self-help")["expected_class"] == summary(league, "league-1935")["expected_class"] == "prisoners_dilemma"
    assert summary(league, "league-1935")["winner"] in {"Suspicious Tit For Tat", "Defector"}
    assert rank_of(league, "league-1935", "Defector") <= 2
    assert max(row["change[league-1935]"] for row in league["strategies"]) < 0
    self_help = out("regimelab explain --shadow 0.7 --transparency 0.9")
    with_league = out("regimelab explain --shadow 0.7 --transparency 0.9 --fine 0.5 --enforcement-cost 1")
    assert self_help["supergame"]["class"] == with_league["supergame"]["class"] == "stag_hunt"
    assert expected_class(self_help) == expected_class(with_league) == "prisoners_dilemma"
    after = out("regimelab compare concert-1848")
    assert summary(after, "concert-1815")["mean_cooperation"] == pytest.approx(0.42, abs=0.03)
    assert summary(concert, "concert")["mean_cooperation"] == pytest.approx(0.61, abs=0.03)
    assert summary(after, "memories-fade")["winner"] == "Unsocialised Newcomer"


CHECKS = {
    "01-what-a-fine-does.md": check_01,
    "02-shadow-of-the-future.md": check_02,
    "03-transparency-and-cheating.md": check_03,
    "04-false-alarms-and-the-hotline.md": check_04,
    "05-security-versus-economy.md": check_05,
    "06-costly-sanctions.md": check_06,
    "07-concert-and-league.md": check_07,
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
    result = invoke(command)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert result.output.strip()


@pytest.mark.parametrize("name", EXERCISES)
def test_instructors_note_findings_hold(name):
    CHECKS[name](output_of(name))
