"""The scenario presets in tournaments/: they load, cite real passages, are
listed, and each shows the effect its narrative claims.

Every effect test compares the preset's regimes exactly as `regimelab compare
NAME` does (the preset's players, regimes, games, repetitions and fixed seed)
and checks the claim with a stated margin. The measured values for the fixed
seed are given beside each margin; margins leave room for small changes in the
engine, but not for the claim to turn false.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import regimelab as rl
from regimelab.cli import main
from regimelab.compare import compare_regimes
from regimelab.scenarios import load_preset_or_file, preset_files, preset_kinds

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

PRESETS = (
    "anarchy",
    "concert-1815",
    "concert-1848",
    "cold-war",
    "league-1935",
    "arms-control-verification",
    "security-vs-economy",
    "peacekeeping",
    "quasi-alliance",
)

#: The society presets in tournaments/ (played with `regimelab society NAME`;
#: their own tests are in tests/test_society_presets.py).
SOCIETY_PRESETS = (
    "concert-multipolar",
    "league-all-for-one",
    "cis-1992",
    "csto-hub-and-spoke",
    "counterterror",
)

#: Reciprocators of the status quo in the Concert presets (see their player comments).
STATUS_QUO = {"Tit For Tat", "Status Quo Power", "Concert Diplomat", "Win-Stay Lose-Shift"}


# -- running a preset -------------------------------------------------------


@dataclass
class Outcome:
    """One regime of a compared preset, in the terms the narratives use."""

    winner: str
    ranks: dict  # name -> rank (1 = first)
    scores: dict  # name -> mean score per turn
    cooperation: float
    payoff: float
    expected_class: str
    player_cooperation: dict  # name -> share of C in its moves against others
    result: object

    @property
    def last(self) -> str:
        return max(self.ranks, key=self.ranks.get)


@lru_cache(maxsize=None)
def outcomes(name: str) -> dict:
    """regime name -> Outcome, for the preset compared as `regimelab compare NAME` does."""
    scenario = load_preset_or_file(name)
    comparison = compare_regimes(
        scenario.make_players(),
        [named.regime for named in scenario.regimes],
        [named.game for named in scenario.regimes],
        labels=scenario.regime_names,
        repetitions=scenario.repetitions,
        seed=scenario.seed,
    )
    out = {}
    for label, result in zip(comparison.labels, comparison.results):
        players = result.players
        out[label] = Outcome(
            winner=result.ranked_names[0],
            ranks=dict(zip(players.name, players["rank"])),
            scores=dict(zip(players.name, players.mean_score_per_turn)),
            cooperation=result.mean_cooperation,
            payoff=result.mean_payoff,
            expected_class=result.expected_game.classify(),
            player_cooperation=dict(zip(players.name, players.cooperation_rate)),
            result=result,
        )
    return out


def change(name: str, before: str, after: str, player: str) -> float:
    runs = outcomes(name)
    return runs[after].scores[player] - runs[before].scores[player]


def regime_of(name: str, regime: str):
    named = load_preset_or_file(name).regime_named(regime)
    return named.regime, named.game


# -- every preset -----------------------------------------------------------


def test_the_presets_are_the_files_in_tournaments():
    stems = {path.stem for path in (REPO / "tournaments").glob("*.toml")}
    assert stems == set(PRESETS) | set(SOCIETY_PRESETS)
    assert set(preset_files()) == set(PRESETS) | set(SOCIETY_PRESETS)
    kinds = preset_kinds()
    assert {name for name, kind in kinds.items() if kind == "tournament"} == set(PRESETS)
    assert {name for name, kind in kinds.items() if kind == "society"} == set(SOCIETY_PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_with_a_baseline_and_a_story(name):
    scenario = load_preset_or_file(name)
    assert scenario.name == name == Path(scenario.path).stem
    assert len(scenario.regimes) >= 2  # a baseline and at least one regime to set against it
    assert scenario.default in scenario.regime_names
    assert scenario.sources and all(source["note"] for source in scenario.sources)
    assert len(scenario.narrative.split()) > 80
    assert "What to look for" in scenario.narrative
    assert all(named.description for named in scenario.regimes)
    assert 10 <= scenario.repetitions <= 50  # fast enough for `compare` in seconds


def _line_range(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text.strip())
    assert match, f"lines must be 'N' or 'N-M', got {text!r}"
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return first, last


@pytest.mark.parametrize("name", PRESETS)
def test_sources_cite_existing_lines_of_the_seed_files(name):
    if not SEEDS.is_dir():
        pytest.skip(f"the seed texts are not at {SEEDS}")
    for source in load_preset_or_file(name).sources:
        path = SEEDS / source["file"]
        assert path.is_file(), f"{name}: no seed file {source['file']}"
        lines = path.read_text(encoding="utf-8").splitlines()
        first, last = _line_range(source["lines"])
        assert 1 <= first <= last <= len(lines), f"{name}: {source['file']}:{source['lines']} is outside 1-{len(lines)}"
        cited = lines[first - 1:last]
        assert any(line.strip() for line in cited), f"{name}: {source['file']}:{source['lines']} is blank"


def test_scenarios_lists_every_preset():
    result = CliRunner().invoke(main, ["scenarios", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    listed = {row["name"]: row["kind"] for row in json.loads(result.output)["scenarios"]}
    assert listed == {**{name: "tournament" for name in PRESETS}, **{name: "society" for name in SOCIETY_PRESETS}}


def test_compare_runs_a_preset_from_the_command_line():
    # The CLI path of one preset gives the same ranking as the API used below.
    result = CliRunner().invoke(main, ["compare", "cold-war", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["labels"] == ["false-alarms", "hotline"]
    assert [r["winner"] for r in data["summary"]] == [o.winner for o in outcomes("cold-war").values()]


# -- anarchy ----------------------------------------------------------------


def test_anarchy_hands_the_lead_from_tit_for_tat_to_the_defector():
    runs = outcomes("anarchy")
    base, anarchy = runs["baseline"], runs["anarchy"]
    assert base.winner == "Tit For Tat" and base.ranks["Defector"] >= 5
    assert anarchy.winner == "Defector"
    # The Defector gains most of any strategy: +1.49 measured; 1.0 is already
    # a third of the whole range of scores.
    gains = {player: change("anarchy", "baseline", "anarchy", player) for player in base.scores}
    assert max(gains, key=gains.get) == "Defector" and gains["Defector"] >= 1.0
    # Both exploiters gain too (+0.85 and +0.88); reciprocators lose (TFT -0.44).
    assert gains["Prober"] >= 0.4 and gains["Suspicious Tit For Tat"] >= 0.4
    assert gains["Tit For Tat"] <= -0.2
    # Cooperation does not fall: 0.62 -> 0.71 measured.
    assert anarchy.cooperation >= base.cooperation + 0.04


# -- concert-1815 -----------------------------------------------------------


def test_concert_1815_turns_the_ranking_over():
    runs = outcomes("concert-1815")
    balance, concert = runs["balance-of-power"], runs["concert"]
    assert balance.winner == "Defector"
    assert balance.ranks["Suspicious Tit For Tat"] == 2
    # Under the Concert a status-quo power wins (a status-quo power won for
    # every seed from 1 to 6 we tried; Tit For Tat for this one) and the
    # Defector is last (6th of 6).
    assert concert.winner == "Tit For Tat"
    assert concert.ranks["Status Quo Power"] == 2
    assert concert.last == "Defector"
    # "losing more than a point per turn": -1.43 measured.
    assert change("concert-1815", "balance-of-power", "concert", "Defector") <= -1.0


def test_concert_1815_needs_both_functions():
    runs = outcomes("concert-1815")
    exploiters = {"Defector", "Suspicious Tit For Tat"}
    assert runs["memory-of-war"].winner == "Defector"
    assert runs["conferences-only"].winner == "Defector"
    assert runs["memory-of-war"].ranks["Suspicious Tit For Tat"] == runs["conferences-only"].ranks["Suspicious Tit For Tat"] == 2
    assert runs["concert"].winner not in exploiters


def test_concert_1815_changes_the_super_game_not_the_stage_game():
    runs = outcomes("concert-1815")
    assert {run.expected_class for run in runs.values()} == {"prisoners_dilemma"}
    balance, game = regime_of("concert-1815", "balance-of-power")
    concert, _ = regime_of("concert-1815", "concert")
    assert rl.super_game(balance, game).game.classify() == "prisoners_dilemma"
    assert rl.super_game(concert, game).game.classify() == "stag_hunt"
    # The baseline's shadow is below the critical shadow 1/(1+p) = 0.625.
    assert rl.thresholds(balance, game)["shadow"] == pytest.approx(1 / 1.6)
    # Cooperation does not rise under the Concert: 0.66 -> 0.61 measured.
    assert runs["concert"].cooperation < runs["balance-of-power"].cooperation


# -- concert-1848 -----------------------------------------------------------


def test_concert_1848_new_leaders_cooperate_less_under_the_same_regime():
    # concert-1848's baseline is concert-1815's Concert regime exactly.
    assert regime_of("concert-1848", "concert-1815") == regime_of("concert-1815", "concert")
    with_1815_leaders = outcomes("concert-1815")["concert"]
    with_1848_leaders = outcomes("concert-1848")["concert-1815"]
    # 0.61 -> 0.42 measured; a fall of 0.1 is a sixth of the 1815 level.
    assert with_1848_leaders.cooperation <= with_1815_leaders.cooperation - 0.1
    assert with_1848_leaders.winner == "Tit For Tat"


def test_concert_1848_a_shorter_shadow_hands_the_lead_to_a_challenger():
    runs = outcomes("concert-1848")
    challengers = {"Unsocialised Newcomer", "Hard Prober", "Defector"}
    assert runs["concert-1815"].winner in STATUS_QUO | {"Status Quo Power"}
    assert runs["memories-fade"].winner == "Unsocialised Newcomer"
    assert runs["after-1848"].winner == "Unsocialised Newcomer"
    assert runs["memories-fade"].ranks["Defector"] == 2
    # The newcomer rises from 5th to 1st (+0.44), the Defector from 6th to 2nd (+0.38).
    assert change("concert-1848", "concert-1815", "memories-fade", "Unsocialised Newcomer") >= 0.25
    assert change("concert-1848", "concert-1815", "memories-fade", "Defector") >= 0.2
    for power in ("Tit For Tat", "Status Quo Power", "Win-Stay Lose-Shift"):
        assert change("concert-1848", "concert-1815", "memories-fade", power) < -0.1  # -0.21 to -0.23
    assert all(runs[r].winner in challengers for r in ("memories-fade", "after-1848"))
    # The false alarms cut cooperation further: 0.42 -> 0.38 measured.
    assert runs["after-1848"].cooperation <= runs["memories-fade"].cooperation - 0.02


# -- cold-war ---------------------------------------------------------------


def test_cold_war_is_chicken_and_stays_chicken():
    runs = outcomes("cold-war")
    _, game = regime_of("cold-war", "hotline")
    assert game.classify() == "chicken" and game.P < game.S
    assert {run.expected_class for run in runs.values()} == {"chicken"}


def test_cold_war_hotline_lifts_every_retaliator():
    runs = outcomes("cold-war")
    alarms, hotline = runs["false-alarms"], runs["hotline"]
    # Mean payoff -2.70 -> -1.50 (+1.20), cooperation 0.30 -> 0.45 measured.
    assert hotline.payoff >= alarms.payoff + 1.0
    assert hotline.cooperation >= alarms.cooperation + 0.1
    gains = {player: change("cold-war", "false-alarms", "hotline", player) for player in alarms.scores}
    # The Defector escalates whatever it sees: signals cannot change its moves
    # or, since its opponents always see its escalations, theirs against it.
    assert gains.pop("Defector") == pytest.approx(0.0, abs=1e-9)
    assert min(gains.values()) >= 0.5  # the smallest gain, Suspicious Tit For Tat's, is +0.99
    assert gains["Tit For Tat"] >= 1.5 and gains["Grudger"] >= 1.3  # +1.97 and +1.70
    assert alarms.winner == hotline.winner == "GTFT: 0.33"


# -- league-1935 ------------------------------------------------------------


def test_league_sanctions_on_paper_leave_a_pd_and_the_aggressors_on_top():
    runs = outcomes("league-1935")
    league, game = regime_of("league-1935", "league-1935")
    assert runs["self-help"].expected_class == runs["league-1935"].expected_class == "prisoners_dilemma"
    assert rl.thresholds(league, game)["fine"] == pytest.approx(2 / 0.9)
    aggressors = {"Defector", "Suspicious Tit For Tat", "Prober"}
    assert runs["self-help"].winner == "Defector"
    assert runs["league-1935"].winner in aggressors
    assert runs["league-1935"].ranks["Defector"] <= 2


def test_league_sanctions_cost_everyone_and_the_victims_too():
    runs = outcomes("league-1935")
    before, after = runs["self-help"], runs["league-1935"]
    changes = {player: change("league-1935", "self-help", "league-1935", player) for player in before.scores}
    assert max(changes.values()) < 0  # every player loses (-0.30 to -0.87)
    assert after.payoff <= before.payoff - 0.3  # 2.43 -> 1.91
    # The small states never defect, yet lose 0.30 per turn to enforcement costs.
    assert changes["Cooperator"] <= -0.15
    # The aggressors lose most: the Defector -0.87 against at most -0.45 for the others.
    assert changes["Defector"] == min(changes.values())


def test_league_sanctions_that_bite_make_harmony_and_sink_the_defector():
    run = outcomes("league-1935")["sanctions-that-bite"]
    assert run.expected_class == "harmony"
    assert run.winner == "Cooperator"
    assert run.last == "Defector" and run.scores["Defector"] < 0  # -0.14 measured
    # The lowest mean payoff of the three: the aggressors do not learn and keep being fined.
    assert run.payoff < min(o.payoff for k, o in outcomes("league-1935").items() if k != "sanctions-that-bite")


# -- arms-control-verification ----------------------------------------------


RECIPROCATORS = ("Tit For Tat", "Grudger", "GTFT: 0.33", "Win-Stay Lose-Shift")


def test_verification_lowers_the_gains_from_cheating_without_ending_them():
    name = "arms-control-verification"
    runs = outcomes(name)
    assert {run.winner for run in runs.values()} == {"Defector"}  # betrayal is not made impossible
    # Inspections cut the Defector's score by 0.74 and the Prober's by 0.53.
    assert change(name, "national-means", "on-site-inspections", "Defector") <= -0.4
    assert change(name, "national-means", "on-site-inspections", "Prober") <= -0.3
    # Every reciprocator gains (+0.09 to +0.20).
    assert min(change(name, "national-means", "on-site-inspections", p) for p in RECIPROCATORS) > 0.03


def test_intrusive_inspections_burden_the_compliers_more_than_the_cheater():
    name = "arms-control-verification"
    runs = outcomes(name)
    defector = change(name, "on-site-inspections", "intrusive-inspections", "Defector")  # -0.14
    compliers = [change(name, "on-site-inspections", "intrusive-inspections", p) for p in RECIPROCATORS]  # -0.36 to -0.41
    assert max(compliers) <= defector - 0.1
    assert runs["intrusive-inspections"].payoff < runs["national-means"].payoff  # 2.12 < 2.57


def test_verification_crosses_the_critical_transparency():
    national, game = regime_of("arms-control-verification", "national-means")
    inspections, _ = regime_of("arms-control-verification", "on-site-inspections")
    assert rl.thresholds(national, game)["transparency"] == pytest.approx(1 / 3, abs=1e-6)
    assert rl.super_game(national, game).game.classify() == "prisoners_dilemma"
    assert rl.super_game(inspections, game).game.classify() == "stag_hunt"


# -- security-vs-economy ----------------------------------------------------


def test_the_same_regime_deters_in_economics_and_not_in_security():
    runs = outcomes("security-vs-economy")
    assert [run.expected_class for run in runs.values()] == ["harmony", "prisoners_dilemma", "stag_hunt"]
    economy, eco_game = regime_of("security-vs-economy", "economy")
    security, sec_game = regime_of("security-vs-economy", "security")
    assert economy == security and eco_game != sec_game  # one regime, two games
    assert rl.thresholds(economy, eco_game)["fine"] == pytest.approx(1.25)
    assert rl.thresholds(security, sec_game)["fine"] == pytest.approx(5.0)
    # The Defector: last (9th of 9), then in the top two, then last again.
    assert runs["economy"].last == "Defector"
    assert runs["security"].ranks["Defector"] <= 2
    assert runs["security-strong"].last == "Defector"
    # The Cooperator falls from first to last.
    assert runs["economy"].winner == "Cooperator"
    assert runs["security"].last == "Cooperator"
    assert runs["security-strong"].winner == "Tit For Tat"


def test_the_myopic_state_reads_the_regime():
    runs = outcomes("security-vs-economy")
    # It complies iff R' >= T' in the G' it is told: always, never, always.
    assert runs["economy"].player_cooperation["Myopic State"] == 1.0
    assert runs["security"].player_cooperation["Myopic State"] == 0.0
    assert runs["security-strong"].player_cooperation["Myopic State"] == 1.0


# -- peacekeeping -----------------------------------------------------------


def test_peacekeeping_without_peacekeepers_the_warlord_wins():
    run = outcomes("peacekeeping")["no-peacekeepers"]
    assert run.winner == "Defector" and run.last == "Cooperator"


def test_peacekeeping_low_will_is_waited_out():
    runs = outcomes("peacekeeping")
    low = runs["low-will"]
    assert low.expected_class == "prisoners_dilemma"
    assert low.winner == "Defector"
    assert change("peacekeeping", "no-peacekeepers", "low-will", "Defector") <= -0.4  # -0.74
    # The Spoiler rises from 7th to 2nd when the end of the mission is known.
    assert low.ranks["Spoiler"] <= 3
    assert runs["no-peacekeepers"].ranks["Spoiler"] - low.ranks["Spoiler"] >= 3


def test_peacekeeping_security_keeping_sinks_the_warlord_and_pays_the_victims():
    runs = outcomes("peacekeeping")
    before, after = runs["no-peacekeepers"], runs["security-keeping"]
    assert after.expected_class == "harmony"
    assert after.winner == "Cooperator" and after.last == "Defector"
    assert change("peacekeeping", "no-peacekeepers", "security-keeping", "Defector") <= -1.5  # -2.32
    # Fines go to the victims: the mean payoff barely moves (2.53 -> 2.46).
    assert abs(after.payoff - before.payoff) <= 0.2
    # An open-ended mission disarms the Spoiler: it ranks lower (4th) than when the end is known.
    assert after.ranks["Spoiler"] > runs["low-will"].ranks["Spoiler"]


# -- quasi-alliance ---------------------------------------------------------


def test_quasi_alliance_without_sanctions_abandonment_pays():
    runs = outcomes("quasi-alliance")
    formal, quasi = runs["formal-alliance"], runs["quasi-alliance"]
    assert formal.expected_class == "harmony" and formal.last == "Defector"
    assert formal.winner in RECIPROCATORS
    assert quasi.expected_class == "prisoners_dilemma" and quasi.winner == "Defector"
    assert quasi.ranks["Prober"] == 2
    # The formal alliance has the lowest mean payoff (1.57 against 2.50 and 2.36).
    assert formal.payoff < min(quasi.payoff, runs["lasting-quasi-alliance"].payoff) - 0.3


def test_quasi_alliance_the_horizon_helps_the_loyal():
    runs = outcomes("quasi-alliance")
    quasi, lasting = runs["quasi-alliance"], runs["lasting-quasi-alliance"]
    assert lasting.winner == "Defector"
    # The Defector's score falls by 0.79 when the arrangement is expected to last.
    assert change("quasi-alliance", "quasi-alliance", "lasting-quasi-alliance", "Defector") <= -0.4
    # Tit For Tat rises from 5th to 2nd.
    assert lasting.ranks["Tit For Tat"] <= quasi.ranks["Tit For Tat"] - 2
