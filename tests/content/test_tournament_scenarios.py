"""The scenario presets in tournaments/: they load, cite real passages, are
listed, and each shows the effect its narrative claims.

Every effect test reads the JSON of `regimelab compare NAME` (the preset's
players, regimes, games and repetitions) for each of RANDOM_SEEDS, the
preset's own seed and four more (`--seed N`), and checks the claim for every
one of them with a stated margin. A finding that the narrative states as a
near tie ("level", "which of them is first varies with the seed") is checked
as one: the two are within a margin for every seed, and each comes first for
some seed (some of the first ten, UNEVEN_TIE_SEEDS, for a near tie that one of
them wins more often). The values measured for the seeds are given beside each
margin; margins leave room for small changes in the engine, but not for the
claim to turn false.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

# One cache of command-line runs for this file and tests/content/test_exercises.py,
# whose exercises run the same `regimelab compare NAME [--seed N]` commands.
from command_runs import invoke

import regimelab as rl
from regimelab.bibliography import bibliography
from regimelab.cli import main
from regimelab.scenarios import builtin_scenario_files, builtin_scenario_kinds, load_tournament_scenario

REPO = Path(__file__).resolve().parents[2]

#: The random seeds every finding is checked for: the presets' own (1) and four more.
RANDOM_SEEDS = (1, 2, 3, 4, 5)

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

#: Reciprocators of the status quo in concert-1815 (see its player comments).
STATUS_QUO = ("Tit For Tat", "Status Quo Power", "Concert Diplomat", "Win-Stay Lose-Shift")
EXPLOITERS = {"Defector", "Suspicious Tit For Tat"}
#: Third and fourth under the Concert, in either order.
PRUSSIA_AND_FRANCE = {"Concert Diplomat", "Suspicious Tit For Tat"}


# -- running a preset -------------------------------------------------------


@dataclass
class Outcome:
    """One regime of a compared preset, in the terms the narratives use."""

    winner: str
    ranks: dict  # name -> rank (1 = first)
    scores: dict  # name -> mean score per turn
    medians: dict  # name -> median score per turn (axelrod's ranking rule)
    cooperation: float
    payoff: float
    expected_class: str
    player_cooperation: dict  # name -> share of C in its moves against others

    @property
    def last(self) -> str:
        return max(self.ranks, key=self.ranks.get)

    def top(self, places: int) -> set:
        """The players in the first ``places`` places."""
        return {name for name, rank in self.ranks.items() if rank <= places}

    def gap(self, first: str, second: str) -> float:
        """How far apart two players' mean scores per turn are."""
        return abs(self.scores[first] - self.scores[second])


def compare_command(name: str, seed: int, options: str = "") -> str:
    """`regimelab compare NAME` as a class would type it for ``seed``."""
    return f"regimelab compare {name}{options}" + ("" if seed == 1 else f" --seed {seed}")


@lru_cache(maxsize=None)
def outcomes(name: str, seed: int = 1, options: str = "") -> dict:
    """regime name -> Outcome, from the JSON of `regimelab compare NAME [OPTIONS] [--seed SEED]`."""
    run = invoke(compare_command(name, seed, options))
    assert run.result.exit_code == 0 and run.data is not None, run.result.output
    data = run.data
    assert data["seed"] == seed or (seed == 1 and data["seed"] == load_tournament_scenario(name).seed)
    out = {}
    for regime, summary in zip(data["results"], data["summary"]):
        rows = regime["ranking"]
        out[regime["label"]] = Outcome(
            winner=summary["winner"],
            ranks={row["name"]: row["rank"] for row in rows},
            scores={row["name"]: row["mean_score_per_turn"] for row in rows},
            medians={row["name"]: row["median_score_per_turn"] for row in rows},
            cooperation=regime["mean_cooperation"],
            payoff=regime["mean_payoff"],
            expected_class=regime["game"]["class"]["expected"],
            player_cooperation={row["name"]: row["cooperation_rate"] for row in rows},
        )
    return out


def change(name: str, before: str, after: str, player: str, seed: int = 1) -> float:
    runs = outcomes(name, seed)
    return runs[after].scores[player] - runs[before].scores[player]


def regime_of(name: str, regime: str):
    named = load_tournament_scenario(name).regime_named(regime)
    return named.regime, named.game


each_seed = pytest.mark.parametrize("seed", RANDOM_SEEDS)


# -- every preset -----------------------------------------------------------


def test_the_built_in_scenarios_are_the_files_in_tournaments():
    stems = {path.stem for path in (REPO / "tournaments").glob("*.toml")}
    assert stems == set(PRESETS) | set(SOCIETY_PRESETS)
    assert set(builtin_scenario_files()) == set(PRESETS) | set(SOCIETY_PRESETS)
    kinds = builtin_scenario_kinds()
    assert {name for name, kind in kinds.items() if kind == "tournament"} == set(PRESETS)
    assert {name for name, kind in kinds.items() if kind == "society"} == set(SOCIETY_PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_scenario_loads_with_a_baseline_and_a_story(name):
    scenario = load_tournament_scenario(name)
    assert scenario.name == name == Path(scenario.path).stem
    assert len(scenario.regimes) >= 2  # a baseline and at least one regime to set against it
    assert scenario.default in scenario.regime_names
    assert scenario.sources and all(source["note"] for source in scenario.sources)
    assert len(scenario.narrative.split()) > 80
    assert "What to look for" in scenario.narrative
    assert all(named.description for named in scenario.regimes)
    # Enough for the findings to hold for any seed, few enough for `compare` in seconds.
    assert 100 <= scenario.repetitions <= 250


@pytest.mark.parametrize("name", PRESETS)
def test_sources_cite_works_of_the_bibliography_with_a_quotation(name):
    # Keys, sections and quotations are checked for every scenario in tests/content/test_citations.py,
    # without the texts; with them at hand, that each quotation is in its work.
    for source in load_tournament_scenario(name).sources:
        assert source["key"] in bibliography() and source["quote"] and source["note"]


def test_scenarios_lists_every_built_in_scenario():
    result = CliRunner().invoke(main, ["scenarios", "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    listed = {row["name"]: row["kind"] for row in json.loads(result.output)["scenarios"]}
    assert listed == {**{name: "tournament" for name in PRESETS}, **{name: "society" for name in SOCIETY_PRESETS}}


def test_the_seeds_checked_are_different_tournaments():
    # The findings below are checked for RANDOM_SEEDS; each seed is a run of its own.
    runs = [outcomes("cold-war", seed)["hotline"] for seed in RANDOM_SEEDS]
    assert len({tuple(sorted(run.scores.items())) for run in runs}) == len(RANDOM_SEEDS)
    data = invoke(compare_command("cold-war", 2)).data
    assert data["labels"] == ["false-alarms", "hotline"] and data["seed"] == 2
    assert data["repetitions"] == load_tournament_scenario("cold-war").repetitions


# -- anarchy ----------------------------------------------------------------


#: The pack below the top three under anarchy.
ANARCHY_PACK = ("Tit For Tat", "Grudger", "Win-Stay Lose-Shift", "GTFT: 0.33", "Cooperator")


@each_seed
def test_anarchy_hands_the_lead_from_tit_for_tat_to_the_defector(seed):
    runs = outcomes("anarchy", seed)
    base, anarchy = runs["baseline"], runs["anarchy"]
    assert base.winner == "Tit For Tat"
    assert 4 <= base.ranks["Defector"] <= 6  # "the middle of the table (fourth to sixth)"
    assert anarchy.winner == "Defector"
    assert anarchy.top(3) - anarchy.top(1) == {"Prober", "Suspicious Tit For Tat"}  # second and third
    # Tit For Tat falls into the pack of five below the top three (its place in
    # it: test_anarchy_tit_for_tat_is_fourth_to_sixth_for_most_seeds). For seeds
    # 1 to 40 the five are 0.07 to 0.14 apart by the mean (0.09 in expectation,
    # `--engine exact`), Tit For Tat within 0.07 of Grudger and of Win-Stay Lose-Shift.
    assert anarchy.ranks["Tit For Tat"] >= 4
    pack = [anarchy.scores[name] for name in ANARCHY_PACK]
    assert max(pack) - min(pack) <= 0.2
    assert anarchy.gap("Tit For Tat", "Grudger") <= 0.1 and anarchy.gap("Tit For Tat", "Win-Stay Lose-Shift") <= 0.1
    gains = {player: change("anarchy", "baseline", "anarchy", player, seed) for player in base.scores}
    # The Defector gains most of any strategy: "about 1.5" (+1.44 to +1.52).
    assert max(gains, key=gains.get) == "Defector" and 1.3 <= gains["Defector"] <= 1.7
    # The exploiters "about 0.8 each" (+0.78 to +0.86); Tit For Tat loses (-0.47 to -0.51).
    assert 0.6 <= gains["Prober"] <= 1.0 and 0.6 <= gains["Suspicious Tit For Tat"] <= 1.0
    assert gains["Tit For Tat"] <= -0.2
    # Cooperation does not fall: 0.62 -> 0.71.
    assert anarchy.cooperation >= base.cooperation + 0.04


def test_anarchy_tit_for_tat_is_fourth_to_sixth_for_most_seeds():
    # "its place among them varies with the seed: fourth to sixth for most seeds": 37 of seeds 1 to 40
    # (7th for two, 8th, tied on the median, for seed 6); 6th in expectation, 0.03 behind Grudger.
    places = [outcomes("anarchy", seed)["anarchy"].ranks["Tit For Tat"] for seed in RANDOM_SEEDS]
    assert sum(4 <= place <= 6 for place in places) > len(RANDOM_SEEDS) / 2


# -- concert-1815 -----------------------------------------------------------


@each_seed
def test_concert_1815_turns_the_ranking_over(seed):
    runs = outcomes("concert-1815", seed)
    balance, concert = runs["balance-of-power"], runs["concert"]
    assert balance.winner == "Defector" and balance.ranks["Suspicious Tit For Tat"] == 2
    assert all(balance.ranks[power] >= 3 for power in STATUS_QUO)  # the four fill the bottom
    # Under the Concert Britain and Austria are level at the top (0.00 to 0.02
    # apart), Prussia and France next, in either order (Prussia third for
    # seeds 1, 3 and 4, France for 2 and 5), and the Defector last.
    assert concert.top(2) == {"Tit For Tat", "Status Quo Power"}
    assert concert.gap("Tit For Tat", "Status Quo Power") <= 0.1
    assert concert.top(4) - concert.top(2) == PRUSSIA_AND_FRANCE
    assert concert.last == "Defector"
    # "losing more than a point per turn": -1.43 to -1.48.
    assert change("concert-1815", "balance-of-power", "concert", "Defector", seed) <= -1.0


@each_seed
def test_concert_1815_needs_both_functions(seed):
    runs = outcomes("concert-1815", seed)
    for regime in ("memory-of-war", "conferences-only"):
        assert runs[regime].top(2) == EXPLOITERS
    assert runs["memory-of-war"].winner == "Defector"
    # With the conferences only the two are level (0.05 to 0.13 apart, by the mean).
    assert runs["conferences-only"].gap("Defector", "Suspicious Tit For Tat") <= 0.25
    assert runs["concert"].winner not in EXPLOITERS


@each_seed
def test_concert_1815_changes_the_super_game_not_the_stage_game(seed):
    runs = outcomes("concert-1815", seed)
    assert {run.expected_class for run in runs.values()} == {"prisoners_dilemma"}
    balance, game = regime_of("concert-1815", "balance-of-power")
    concert, _ = regime_of("concert-1815", "concert")
    assert rl.super_game(balance, game).game.classify() == "prisoners_dilemma"
    assert rl.super_game(concert, game).game.classify() == "stag_hunt"
    # The baseline's shadow is below the critical shadow 1/(1+p) = 0.625.
    assert rl.thresholds(balance, game)["shadow"] == pytest.approx(1 / 1.6)
    # Cooperation does not rise under the Concert: about 0.68 -> about 0.64 (0.68 -> 0.64 for seed 1).
    assert runs["concert"].cooperation < runs["balance-of-power"].cooperation


# -- concert-1848 -----------------------------------------------------------


CHALLENGERS = {"Unsocialised Newcomer", "Defector"}
#: The three level at the top of concert-1848 under the Concert's own regime.
LEVEL_IN_1848 = {"Tit For Tat", "Status Quo Power", "Hard Prober"}


@each_seed
def test_concert_1848_new_leaders_cooperate_less_under_the_same_regime(seed):
    # concert-1848's baseline is concert-1815's Concert regime exactly.
    assert regime_of("concert-1848", "concert-1815") == regime_of("concert-1815", "concert")
    with_1815_leaders = outcomes("concert-1815", seed)["concert"]
    with_1848_leaders = outcomes("concert-1848", seed)["concert-1815"]
    # "from about 0.64 to about 0.44": 0.63-0.65 against 0.43-0.45 (a fall of 0.20 to 0.21).
    assert with_1848_leaders.cooperation <= with_1815_leaders.cooperation - 0.1
    # The status-quo powers no longer lead alone: by the median, Britain,
    # Austria and the Hard Prober are level at the top (0.01 to 0.02 from the
    # first of them to the third); the Hard Prober has the highest mean (2.10
    # to 2.15, against at most 2.04).
    assert with_1848_leaders.winner in LEVEL_IN_1848
    assert with_1848_leaders.top(3) == LEVEL_IN_1848
    medians = [with_1848_leaders.medians[name] for name in LEVEL_IN_1848]
    assert max(medians) - min(medians) <= 0.1
    assert max(with_1848_leaders.scores, key=with_1848_leaders.scores.get) == "Hard Prober"


@each_seed
def test_concert_1848_a_shorter_shadow_hands_the_lead_to_a_challenger(seed):
    runs = outcomes("concert-1848", seed)
    assert runs["concert-1815"].top(4) == set(runs["concert-1815"].ranks) - CHALLENGERS  # the bottom two
    for regime in ("memories-fade", "after-1848"):
        # From the bottom two places to the top, level (0.01 to 0.05 apart),
        # the Hard Prober third or second (second for seed 4 under memories-fade).
        assert runs[regime].winner in CHALLENGERS
        assert runs[regime].top(3) == CHALLENGERS | {"Hard Prober"}
        assert runs[regime].gap("Unsocialised Newcomer", "Defector") <= 0.1
    # The newcomer gains +0.43 to +0.47, the Defector +0.41 to +0.48.
    for challenger in CHALLENGERS:
        assert change("concert-1848", "concert-1815", "memories-fade", challenger, seed) >= 0.25
    for power in ("Tit For Tat", "Status Quo Power", "Win-Stay Lose-Shift"):
        assert change("concert-1848", "concert-1815", "memories-fade", power, seed) < -0.1  # -0.21 to -0.27
    # The false alarms cut cooperation further, to "about 0.38": 0.44 -> 0.39 (seed 1), by 0.05 for every seed.
    assert runs["after-1848"].cooperation <= runs["memories-fade"].cooperation - 0.02


@each_seed
def test_concert_1815_players_at_a_shorter_shadow_put_the_exploiters_on_top(seed):
    # concert-1848's narrative: `regimelab run concert-1815 --shadow 0.8` (the Concert regime).
    command = "regimelab run concert-1815 --shadow 0.8" + ("" if seed == 1 else f" --seed {seed}")
    run = invoke(command)
    assert run.result.exit_code == 0 and run.data["seed"] == seed, run.result.output
    assert run.data["regime"]["shadow"] == 0.8 and run.data["regime"]["transparency"] == 0.95
    assert {row["name"] for row in run.data["ranking"] if row["rank"] <= 2} == EXPLOITERS


# -- cold-war ---------------------------------------------------------------


@each_seed
def test_cold_war_is_chicken_and_stays_chicken(seed):
    runs = outcomes("cold-war", seed)
    _, game = regime_of("cold-war", "hotline")
    assert game.classify() == "chicken" and game.P < game.S
    assert {run.expected_class for run in runs.values()} == {"chicken"}


@each_seed
def test_cold_war_hotline_lifts_every_retaliator(seed):
    runs = outcomes("cold-war", seed)
    alarms, hotline = runs["false-alarms"], runs["hotline"]
    # Mean payoff about -2.9 -> -1.6 (+1.25 to +1.41), cooperation about 0.31 -> 0.48 (0.31-0.32 -> 0.48-0.49).
    assert hotline.payoff >= alarms.payoff + 1.0
    assert hotline.cooperation >= alarms.cooperation + 0.1
    gains = {player: change("cold-war", "false-alarms", "hotline", player, seed) for player in alarms.scores}
    # The Defector escalates whatever it sees: signals cannot change its moves
    # or, since its opponents always see its escalations, theirs against it.
    assert gains.pop("Defector") == pytest.approx(0.0, abs=1e-9)
    assert min(gains.values()) >= 0.5  # the smallest gain, Suspicious Tit For Tat's, is +0.88 to +1.11
    # Tit For Tat gains most (about +2.3: +2.13 to +2.48), Grudger next (about +2.0: +1.94 to +2.22).
    assert sorted(gains, key=gains.get, reverse=True)[:2] == ["Tit For Tat", "Grudger"]
    # "from +1.9 to +2.9 with the seed": +2.13 to +2.79 over seeds 1 to 40.
    assert 1.9 <= gains["Tit For Tat"] <= 2.9 and gains["Grudger"] >= 1.6
    assert alarms.winner == hotline.winner == "GTFT: 0.33"


# -- league-1935 ------------------------------------------------------------


AGGRESSORS = ("Defector", "Suspicious Tit For Tat", "Prober")


@each_seed
def test_league_sanctions_on_paper_leave_a_pd_and_the_aggressors_on_top(seed):
    runs = outcomes("league-1935", seed)
    league, game = regime_of("league-1935", "league-1935")
    assert runs["self-help"].expected_class == runs["league-1935"].expected_class == "prisoners_dilemma"
    assert rl.thresholds(league, game)["fine"] == pytest.approx(2 / 0.9)
    assert runs["self-help"].winner == "Defector"
    # The two aggressors take the top two places, level: "0.03 apart in expectation"
    # (test_league_the_aggressors_are_level_in_expectation), "one run can set them up to
    # about 0.2 apart": 0.00 to 0.12 for seeds 1 to 40 but for 0.17 (seed 16); the
    # Defector's lead has a standard deviation of 0.06 over the seeds.
    assert runs["league-1935"].top(2) == {"Suspicious Tit For Tat", "Defector"}
    assert runs["league-1935"].gap("Suspicious Tit For Tat", "Defector") <= 0.25


def test_league_the_aggressors_are_level_in_expectation():
    run = invoke("regimelab compare league-1935 --engine exact")
    assert run.result.exit_code == 0 and run.data["engine"] == "exact", run.result.output
    league = next(regime for regime in run.data["results"] if regime["label"] == "league-1935")
    scores = {row["name"]: row["mean_score_per_turn"] for row in league["ranking"]}
    # The Defector 2.266, Suspicious Tit For Tat 2.234.
    assert scores["Defector"] - scores["Suspicious Tit For Tat"] == pytest.approx(0.03, abs=0.01)


@each_seed
def test_league_sanctions_cost_everyone_and_the_victims_too(seed):
    runs = outcomes("league-1935", seed)
    before, after = runs["self-help"], runs["league-1935"]
    changes = {player: change("league-1935", "self-help", "league-1935", player, seed) for player in before.scores}
    assert max(changes.values()) < 0  # every player loses (-0.32 to -0.89)
    assert after.payoff <= before.payoff - 0.3  # about 2.43 -> 1.90
    # The small states never defect, yet lose "about 0.3" per turn (-0.32 to -0.34).
    assert -0.4 <= changes["Cooperator"] <= -0.2
    # The aggressors lose most (-0.65 to -0.89, the others -0.32 to -0.47); the Defector most of all.
    assert min(-changes[player] for player in AGGRESSORS) > max(-changes[p] for p in changes if p not in AGGRESSORS)
    assert changes["Defector"] == min(changes.values())


@each_seed
def test_league_sanctions_that_bite_make_harmony_and_sink_the_defector(seed):
    runs = outcomes("league-1935", seed)
    run = runs["sanctions-that-bite"]
    assert run.expected_class == "harmony"
    assert run.winner == "Cooperator"
    # Last, with "a score near zero" (-0.10 to +0.05; the Cooperator about 2.24).
    assert run.last == "Defector" and abs(run.scores["Defector"]) <= 0.25
    # The lowest mean payoff of the three: the aggressors do not learn and keep being fined.
    assert run.payoff < min(o.payoff for k, o in runs.items() if k != "sanctions-that-bite")


# -- arms-control-verification ----------------------------------------------


RECIPROCATORS = ("Tit For Tat", "Grudger", "GTFT: 0.33", "Win-Stay Lose-Shift")


@each_seed
def test_verification_lowers_the_gains_from_cheating_without_ending_them(seed):
    name = "arms-control-verification"
    runs = outcomes(name, seed)
    assert {run.winner for run in runs.values()} == {"Defector"}  # betrayal is not made impossible
    # Inspections cut the Defector's score by "about 0.75" (-0.67 to -0.85) and
    # the Prober's by "about 0.55" (-0.53 to -0.62).
    assert -0.95 <= change(name, "national-means", "on-site-inspections", "Defector", seed) <= -0.55
    assert -0.75 <= change(name, "national-means", "on-site-inspections", "Prober", seed) <= -0.4
    # Every reciprocator gains (+0.12 to +0.21).
    assert min(change(name, "national-means", "on-site-inspections", p, seed) for p in RECIPROCATORS) > 0.05


@each_seed
def test_intrusive_inspections_burden_the_compliers_more_than_the_cheater(seed):
    name = "arms-control-verification"
    runs = outcomes(name, seed)
    defector = change(name, "on-site-inspections", "intrusive-inspections", "Defector", seed)  # -0.10 to -0.12
    compliers = [change(name, "on-site-inspections", "intrusive-inspections", p, seed) for p in RECIPROCATORS]
    assert all(-0.5 <= loss <= -0.3 for loss in compliers)  # "about 0.4": -0.37 to -0.42
    assert -0.2 <= defector <= -0.03  # "about 0.1"
    assert max(compliers) <= defector - 0.1
    assert runs["intrusive-inspections"].payoff < runs["national-means"].payoff  # 2.13 < 2.57


def test_verification_crosses_the_critical_transparency():
    national, game = regime_of("arms-control-verification", "national-means")
    inspections, _ = regime_of("arms-control-verification", "on-site-inspections")
    assert rl.thresholds(national, game)["transparency"] == pytest.approx(1 / 3, abs=1e-6)
    assert rl.super_game(national, game).game.classify() == "prisoners_dilemma"
    assert rl.super_game(inspections, game).game.classify() == "stag_hunt"


# -- security-vs-economy ----------------------------------------------------


@each_seed
def test_the_same_regime_deters_in_economics_and_not_in_security(seed):
    runs = outcomes("security-vs-economy", seed)
    assert [run.expected_class for run in runs.values()] == ["harmony", "prisoners_dilemma", "stag_hunt"]
    economy, eco_game = regime_of("security-vs-economy", "economy")
    security, sec_game = regime_of("security-vs-economy", "security")
    assert economy == security and eco_game != sec_game  # one regime, two games
    assert rl.thresholds(economy, eco_game)["fine"] == pytest.approx(1.25)
    assert rl.thresholds(security, sec_game)["fine"] == pytest.approx(5.0)
    # The Defector: last (9th of 9), then in the top two, then last again.
    assert runs["economy"].last == "Defector"
    assert runs["security-strong"].last == "Defector"
    # Under security the two states that always defect take the top two
    # places, level (0.01 to 0.08 apart: they play alike, and tie exactly in expectation).
    assert runs["security"].top(2) == {"Defector", "Myopic State"}
    assert runs["security"].gap("Defector", "Myopic State") <= 0.15
    # The Cooperator falls from the top of the table (shared with the Myopic
    # State, GTFT and Tit For Tat: the four within 0.02 to 0.04) to last.
    economy_run, leaders = runs["economy"], {"Cooperator", "Myopic State", "GTFT: 0.33", "Tit For Tat"}
    assert economy_run.top(4) == leaders
    assert max(economy_run.gap(first, second) for first in leaders for second in leaders) <= 0.1
    assert runs["security"].last == "Cooperator"
    assert runs["security-strong"].winner in {"Tit For Tat", "GTFT: 0.33"}


@each_seed
def test_the_myopic_state_reads_the_regime(seed):
    runs = outcomes("security-vs-economy", seed)
    # It complies iff R' >= T' in the G' it is told: always, never, always.
    assert runs["economy"].player_cooperation["Myopic State"] == 1.0
    assert runs["security"].player_cooperation["Myopic State"] == 0.0
    assert runs["security-strong"].player_cooperation["Myopic State"] == 1.0


# -- peacekeeping -----------------------------------------------------------


@each_seed
def test_peacekeeping_without_peacekeepers_the_warlord_wins(seed):
    run = outcomes("peacekeeping", seed)["no-peacekeepers"]
    assert run.winner == "Defector" and run.last == "Cooperator"


@each_seed
def test_peacekeeping_low_will_is_waited_out(seed):
    runs = outcomes("peacekeeping", seed)
    low = runs["low-will"]
    assert low.expected_class == "prisoners_dilemma"
    assert low.winner == "Defector"
    assert -1.1 <= change("peacekeeping", "no-peacekeepers", "low-will", "Defector", seed) <= -0.6  # "about 0.8"
    # The Spoiler rises from the lower half (5th or 6th of 8) to second or third
    # when the end of the mission is known, and attacks as it ends: it complies
    # less than Tit For Tat (0.72-0.73 against 0.80-0.81).
    assert runs["no-peacekeepers"].ranks["Spoiler"] >= 5
    assert low.ranks["Spoiler"] <= 3
    assert low.player_cooperation["Spoiler"] <= low.player_cooperation["Tit For Tat"] - 0.04


@each_seed
def test_peacekeeping_security_keeping_sinks_the_warlord_and_pays_the_victims(seed):
    runs = outcomes("peacekeeping", seed)
    before, after = runs["no-peacekeepers"], runs["security-keeping"]
    assert after.expected_class == "harmony"
    assert after.winner == "Cooperator" and after.last == "Defector"
    assert change("peacekeeping", "no-peacekeepers", "security-keeping", "Defector", seed) <= -2.0  # -2.34 to -2.46
    # Fines go to the victims: the mean payoff barely moves (2.54 -> 2.47).
    assert abs(after.payoff - before.payoff) <= 0.2
    # An open-ended mission disarms the Spoiler: it complies as often as Tit
    # For Tat (0.00 to 0.02 apart) and scores about as much (0.01 to 0.05 apart).
    assert abs(after.player_cooperation["Spoiler"] - after.player_cooperation["Tit For Tat"]) <= 0.06
    assert after.gap("Spoiler", "Tit For Tat") <= 0.1


# -- quasi-alliance ---------------------------------------------------------


@each_seed
def test_quasi_alliance_without_sanctions_abandonment_pays(seed):
    runs = outcomes("quasi-alliance", seed)
    formal, quasi = runs["formal-alliance"], runs["quasi-alliance"]
    assert formal.expected_class == "harmony" and formal.last == "Defector"
    # The generous reciprocators lead, level (0.00 to 0.03 apart).
    assert formal.top(2) == {"GTFT: 0.33", "Tit For Tat"}
    assert formal.gap("GTFT: 0.33", "Tit For Tat") <= 0.1
    assert quasi.expected_class == "prisoners_dilemma" and quasi.winner == "Defector"
    assert quasi.ranks["Prober"] == 2
    # The formal alliance has the lowest mean payoff (about 1.6 against 2.5 and 2.4).
    assert formal.payoff < min(quasi.payoff, runs["lasting-quasi-alliance"].payoff) - 0.3
    # The Hedger is never first; in the middle of the table under the treaty
    # (4th or 5th of 7 for seeds 1 to 40) and the ad hoc arrangement (3rd or
    # 4th); under the lasting one: test_quasi_alliance_when_it_lasts_gtft_or_the_hedger_is_last.
    assert all(run.ranks["Hedger"] > 1 for run in runs.values())
    assert 3 <= formal.ranks["Hedger"] <= 5 and 3 <= quasi.ranks["Hedger"] <= 5


LOYAL = {"Tit For Tat", "Grudger", "Win-Stay Lose-Shift"}


@each_seed
def test_quasi_alliance_the_horizon_helps_the_loyal(seed):
    runs = outcomes("quasi-alliance", seed)
    quasi, lasting = runs["quasi-alliance"], runs["lasting-quasi-alliance"]
    assert lasting.winner == "Defector"
    # The Defector's score falls by about 0.8 (-0.75 to -0.86) when the arrangement is expected to last.
    assert -1.1 <= change("quasi-alliance", "quasi-alliance", "lasting-quasi-alliance", "Defector", seed) <= -0.5
    # The Prober's clear second place (0.62 to 0.82 ahead of the third, by the
    # mean) is gone: it falls back into a close pack with the Hedger and the
    # loyal partners (0.05 to 0.15 from the best of the five to the worst), its
    # mean at most level with the best loyal partner's (-0.04 to +0.03).
    assert quasi.ranks["Prober"] == 2
    assert quasi.scores["Prober"] - sorted(quasi.scores.values())[-3] >= 0.4
    pack = [lasting.scores[name] for name in LOYAL | {"Prober", "Hedger"}]
    assert max(pack) - min(pack) <= 0.2
    assert lasting.scores["Prober"] - max(lasting.scores[name] for name in LOYAL) <= 0.1
    # At least two of the three loyal partners are right behind the Defector
    # (all three for most seeds: test_quasi_alliance_the_loyal_partners_follow_the_defector_for_most_seeds),
    # Tit For Tat "second to fourth for nearly every seed": for 39 of seeds 1 to 40, 5th for seed 37
    # (level with the Prober by the median); it was 4th to 7th under the ad hoc arrangement.
    assert len((lasting.top(4) - lasting.top(1)) & LOYAL) >= 2
    assert 2 <= lasting.ranks["Tit For Tat"] <= 5
    assert quasi.ranks["Tit For Tat"] >= 4


@each_seed
def test_quasi_alliance_when_it_lasts_gtft_or_the_hedger_is_last(seed):
    lasting = outcomes("quasi-alliance", seed)["lasting-quasi-alliance"]
    # "GTFT is usually last, about 0.07 behind the Hedger (close enough that the two can change
    # places)": over seeds 1 to 40 the Hedger leads GTFT by 0.07 on average (2.287 against 2.218;
    # standard deviation 0.03), by -0.02 to +0.12; GTFT is last for 39 of them, the Hedger for seed 15.
    assert lasting.last in {"GTFT: 0.33", "Hedger"}
    assert -0.05 <= lasting.scores["Hedger"] - lasting.scores["GTFT: 0.33"] <= 0.17


def test_quasi_alliance_when_it_lasts_gtft_is_last_for_most_seeds():
    lasts = [outcomes("quasi-alliance", seed)["lasting-quasi-alliance"].last for seed in RANDOM_SEEDS]
    assert lasts.count("GTFT: 0.33") > len(RANDOM_SEEDS) / 2


def test_quasi_alliance_the_loyal_partners_follow_the_defector_for_most_seeds():
    # "for most seeds those three take the three places behind the Defector": seeds 1, 3, 4 and 5
    # (seed 2: the Hedger fourth, Grudger fifth); 33 of seeds 1 to 40.
    behind = [outcomes("quasi-alliance", seed)["lasting-quasi-alliance"] for seed in RANDOM_SEEDS]
    assert sum(run.top(4) - run.top(1) == LOYAL for run in behind) > len(RANDOM_SEEDS) / 2
    # Tit For Tat "second to fourth for nearly every seed" (above).
    assert sum(2 <= run.ranks["Tit For Tat"] <= 4 for run in behind) > len(RANDOM_SEEDS) / 2


def test_quasi_alliance_is_cheaper_between_loyal_partners():
    formal, game = regime_of("quasi-alliance", "formal-alliance")
    quasi, _ = regime_of("quasi-alliance", "quasi-alliance")
    assert quasi.expected_game(game).R == pytest.approx(2.9)  # R' = 2.9 against 2.7 under the treaty
    assert formal.expected_game(game).R == pytest.approx(2.7)


# -- near ties, across seeds ------------------------------------------------


#: The seeds for a near tie that one side wins more often than the other, so
#: that seeds 1 to 5 may all go to it: the first ten.
UNEVEN_TIE_SEEDS = tuple(range(1, 11))

#: The near ties the narratives name ("level ... which of them is first varies
#: with the seed"): preset, regime, the players that share the lead, and the
#: seeds looked at. The uneven ones, with the winners of seeds 1 to 20 and the
#: expected scores per turn (`regimelab compare NAME --engine exact`):
#: league-1935, the Defector 12 times and Suspicious Tit For Tat 8 (seeds 6 and
#: 9 among the first ten), 2.266 against 2.234; security-strong, Tit For Tat 17
#: times and GTFT 3 (seeds 9, 16 and 18), 1.724 against 1.699.
NEAR_TIES = [
    ("concert-1815", "concert", {"Tit For Tat", "Status Quo Power"}, RANDOM_SEEDS),
    ("concert-1815", "conferences-only", EXPLOITERS, RANDOM_SEEDS),
    ("concert-1848", "concert-1815", LEVEL_IN_1848, RANDOM_SEEDS),
    ("concert-1848", "memories-fade", CHALLENGERS, RANDOM_SEEDS),
    ("concert-1848", "after-1848", CHALLENGERS, RANDOM_SEEDS),
    ("league-1935", "league-1935", {"Suspicious Tit For Tat", "Defector"}, UNEVEN_TIE_SEEDS),
    ("security-vs-economy", "economy", {"Cooperator", "Myopic State", "GTFT: 0.33", "Tit For Tat"}, RANDOM_SEEDS),
    ("security-vs-economy", "security", {"Defector", "Myopic State"}, RANDOM_SEEDS),
    ("security-vs-economy", "security-strong", {"Tit For Tat", "GTFT: 0.33"}, UNEVEN_TIE_SEEDS),
    ("quasi-alliance", "formal-alliance", {"GTFT: 0.33", "Tit For Tat"}, RANDOM_SEEDS),
]


@pytest.mark.parametrize("name, regime, leaders, seeds", NEAR_TIES, ids=[f"{n}-{r}" for n, r, *_ in NEAR_TIES])
def test_a_near_tie_named_in_a_narrative_goes_either_way(name, regime, leaders, seeds):
    # Only the players said to share the lead come first, and not always the same one.
    winners = {outcomes(name, seed)[regime].winner for seed in seeds}
    assert winners <= leaders and len(winners) > 1


def test_concert_1815_prussia_and_france_are_third_in_either_order():
    # "Prussia's Concert Diplomat and France next (third and fourth, in either order)".
    thirds = set()
    for seed in RANDOM_SEEDS:
        concert = outcomes("concert-1815", seed)["concert"]
        thirds |= {name for name, rank in concert.ranks.items() if rank == 3}
    assert thirds == PRUSSIA_AND_FRANCE


def test_concert_1848_the_hard_prober_is_third_for_some_seeds_second():
    # "with the Hard Prober third (for some seeds second)": second for seed 4 (seeds 4 and 9 of 1 to 20).
    places = [outcomes("concert-1848", seed)["memories-fade"].ranks["Hard Prober"] for seed in RANDOM_SEEDS]
    assert set(places) == {2, 3}
