"""`regimelab explain` (regimelab/cli/explain.py) through click's runner: the JSON contract, closed forms and
thresholds, any pair of strategies, a scenario's regime.
"""

import json

import pytest
from tiny_scenario import GOOD, write

import regimelab as rl
from regimelab import exact


def test_explain_json_contract_and_closed_forms(cli):
    result = cli("explain", "--shadow", "0.9", "--transparency", "0.8", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["supergame"]["strategies"] == ["Grudger", "Defector"]
    matrix = data["supergame"]["matrix"]
    assert matrix[0][0] == pytest.approx(3 / (1 - 0.9))  # Grim vs Grim: R every round
    assert matrix[1][1] == pytest.approx(1 / (1 - 0.9))  # Defector vs Defector: P every round
    assert data["thresholds"]["shadow"] == pytest.approx(1 / 1.8)
    assert data["thresholds"]["fine"] == pytest.approx(2 / 0.8)
    assert data["thresholds"]["transparency"] == pytest.approx((1 - 0.9) / 0.9, abs=1e-9)
    assert data["supergame"]["class"] == "stag_hunt"


def test_explain_unattainable_thresholds_are_null(cli):
    data = json.loads(cli("explain", "--shadow", "0.9", "--transparency", "0", "--format", "json").stdout)
    assert data["thresholds"]["shadow"] is None
    assert data["thresholds"]["fine"] is None
    text = cli("explain", "--shadow", "0.9", "--transparency", "0").stdout
    assert "w*   = none" in text and "F*   = none" in text


def test_explain_table_shows_the_games(cli):
    text = cli("explain", "--shadow", "0.9", "--transparency", "0.5", "--fine", "3").stdout
    assert "Base game G" in text and "Expected stage game G'" in text and "Super-game" in text
    assert "harmony" in text or "stag_hunt" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_explain_simulation_agrees_with_the_exact_super_game(cli):
    # Imperfect monitoring with false alarms and noise: no closed form; the
    # simulated means must lie within 4 standard errors of the exact totals.
    result = cli("explain", "--shadow", "0.8", "--transparency", "0.7", "--false-alarm", "0.05",
                 "--noise", "0.02", "--fine", "1", "--simulate", "4000", "--seed", "11", "--format", "json")
    data = json.loads(result.stdout)
    exact = data["supergame"]["matrix"]
    simulated = data["simulation"]["matrix"]
    errors = data["simulation"]["standard_errors"]
    for i in range(2):
        for j in range(2):
            assert abs(simulated[i][j] - exact[i][j]) <= 4 * errors[i][j]
    assert "numerical" in data["methods"]["shadow"]


def test_explain_strategy_against_json(cli):
    result = cli("explain", "--strategy", "tft", "--against", "alld", "--noise", "0.05", "--shadow", "0.9",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["supergame"]["strategies"] == ["Tit For Tat", "Defector"]
    regime = rl.Regime(noise=0.05, shadow=0.9)
    tft, alld = exact.tit_for_tat(), exact.always_defect()
    assert data["supergame"]["matrix"][1][0] == pytest.approx(exact.evaluate(alld, tft, regime).totals[0], abs=1e-9)
    assert data["methods"]["shadow"].startswith("numerical")
    assert set(data["thresholds"]) == {"shadow", "transparency", "fine", "fine_supergame"}


def test_explain_says_when_a_threshold_does_not_exist(cli):
    # Always Cooperate never resists Always Defect, whatever the shadow or the transparency
    result = cli("explain", "--strategy", "Cooperator", "--against", "Defector", "--shadow", "0.9")
    assert result.exit_code == 0, result.output
    assert "w*   = none" in result.output and "p*   = none" in result.output
    assert "Cooperator in self-play is not a best reply to Defector as the shadow nears 1" in flat(result.output)


@pytest.mark.parametrize("option", ["--strategy", "--against"])
def test_explain_refuses_unknown_and_infinite_strategies(cli, option):
    result = cli("explain", option, "Gradual")
    assert result.exit_code == 2 and "Gradual" in result.output and "Traceback" not in result.output
    result = cli("explain", option, "No Such Strategy")
    assert result.exit_code == 2 and option in result.output and "Traceback" not in result.output


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


def flat(text: str) -> str:
    """The text with its line wrapping undone."""
    return " ".join(text.split())


def test_ties_in_the_expected_game_are_classed_by_weak_dominance(cli):
    # --fine 1: G' = (3, 0, 4, 0), S' = P' with T' > R'; --fine 2: G' = (3, 0, 3, -1), T' = R' with S' > P'.
    # Both ties are decided the same way (model page §1, §4) and named beside the class.
    one = flat(cli("explain", "--fine", "1").stdout)
    assert "Expected stage game G'" in one and "degenerate" not in one
    assert "class: prisoners_dilemma (tie S = P): defecting is dominant" in one
    assert "class: harmony (tie S = P): complying is dominant" in one  # the super-game: 600, 0 / 4, 0
    two = flat(cli("explain", "--fine", "2").stdout)
    assert "class: harmony (tie R = T): complying is dominant" in two
    assert json.loads(cli("explain", "--fine", "1", "--format", "json").stdout)["game"]["class"]["expected"] == (
        "prisoners_dilemma")


def test_the_fine_note_names_what_does_the_work(cli):
    # F*sg below F*: under a shadow, the shadow of the future does part of the work; over fixed turns, the
    # repeated game does; over one turn F*sg is F* and nothing does.
    shadow = flat(cli("explain", "--shadow", "0.5", "--transparency", "0.7").stdout)
    assert "(the shadow of the future does part of the work)" in shadow
    turns = flat(cli("explain", "--turns", "50", "--transparency", "0.7").stdout)
    assert "(repeating the game over 50 turns does part of the work)" in turns and "shadow of the future" not in turns
    one = cli("explain", "--turns", "1", "--transparency", "0.7")
    data = json.loads(cli("explain", "--turns", "1", "--transparency", "0.7", "--format", "json").stdout)
    assert data["thresholds"]["fine_supergame"] == pytest.approx(data["thresholds"]["fine"], rel=1e-12)
    assert "does part of the work" not in flat(one.stdout)


def test_w_star_is_none_when_cooperation_does_not_hold_from_there_on(cli):
    # GTFT ties with the Alternator in one round (w = 0) and loses at every w > 0: not w* = 0 but none.
    args = ("explain", "--strategy", "gtft", "--against", "alternator", "--shadow", "0.9")
    assert json.loads(cli(*args, "--format", "json").stdout)["thresholds"]["shadow"] is None
    assert "w* = none GTFT: 0.33 in self-play is not a best reply to Alternator as the shadow nears 1" in (
        flat(cli(*args).stdout))
    # Tit For Tat against Always Defect with half the defections seen: the margin is -2 at every w, so no
    # w* (the search used to print 1.0000 from the engine's rounding near w = 1).
    data = json.loads(cli("explain", "--strategy", "tft", "--against", "alld", "--shadow", "0.9",
                          "--transparency", "0.5", "--format", "json").stdout)
    assert data["thresholds"]["shadow"] is None


def test_a_fine_the_strategy_cannot_play_is_left_out_of_the_search(cli):
    # ZD-Extort-2 is told G' and refuses it at fines above 1 (P' < S'): F*sg is searched on the other fines
    # and the output says which were left out, instead of "Strategy failed".
    args = ("explain", "--strategy", "ZD-Extort-2", "--against", "wsls", "--shadow", "0.99")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    text = flat(result.stdout)
    assert "F*sg = none" in text
    assert "F*sg is searched without the fines 1.01 to 1e+06: ZD-Extort-2" in text and "(ValueError)" in text
    assert "RuntimeWarning" not in result.output
    data = json.loads(cli(*args, "--format", "json").stdout)
    assert data["thresholds"]["fine_supergame"] is None
    assert list(data["excluded"]) == ["fine_supergame"]
    ((first, last),) = data["excluded"]["fine_supergame"]["ranges"]
    assert 1.0 < first < 1.02 and last == pytest.approx(1e6)
    assert "excluded" not in json.loads(cli("explain", "--format", "json").stdout)
