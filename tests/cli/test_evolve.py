"""`regimelab evolve` through the real entry point: JSON, tables, CSV and the picture, the
fixation method it reports, and bad input (one line naming the option, exit status 2)."""

import json

import pytest


def test_cli_json_and_plot(cli, tmp_path):
    picture = tmp_path / "shares.png"
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "200", "--initial", "tft=0.9,alld=0.1",
                 "--population", "12", "--steps", "20", "--plot", str(picture), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("trajectory", "initial_shares", "final_shares", "at_rest", "payoffs", "engine", "fixation",
                "regime", "game", "versions", "strategies"):
        assert key in data
    assert data["engine"] in ("exact", "simulate")
    assert len(data["trajectory"]["times"]) == 21
    assert set(data["trajectory"]["shares"]) == {"Tit For Tat", "Defector"}
    assert data["initial_shares"] == {"Tit For Tat": 0.9, "Defector": 0.1}
    assert list(data["final_shares"])[0] == "Tit For Tat" and data["at_rest"] is True
    assert data["payoffs"]["names"] == ["Tit For Tat", "Defector"]
    fixation = data["fixation"]
    assert fixation["population"] == 12 and fixation["neutral"] == pytest.approx(1 / 12)
    assert fixation["matrix"][0][0] is None and fixation["matrix"][0][1] < 1 / 12
    # ...and, over 200 turns, one TFT among Defectors is favoured (Nowak et al. 2004)
    assert fixation["verdicts"][0][1] == "disfavoured" and fixation["verdicts"][1][0] == "favoured"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 5000
    assert f"Wrote {picture}" in result.stderr


def test_cli_table_and_csv(cli, tmp_path):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "1")
    assert result.exit_code == 0
    text = result.stdout
    assert "at rest" in text and "1/N = 0.100" in text
    assert text.index("Defector") < text.index("Tit For Tat")  # final shares sorted, Defector first
    out = tmp_path / "fixation.csv"
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "1", "--table", "fixation", "-o", str(out),
                 "-f", "csv", "--engine", "simulate")
    assert result.stdout.splitlines()[0] == "resident,mutant,fixation_probability,relative_to_neutral,verdict"
    assert out.read_text() == result.stdout
    result = cli("evolve", "-s", "tft", "-s", "alld", "--steps", "4", "-f", "csv")
    assert result.stdout.splitlines()[0] == "time,Tit For Tat,Defector"
    assert len(result.stdout.splitlines()) == 6


def test_cli_reports_the_exact_fixation_under_a_shadow(cli):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--shadow", "0.9", "--population", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"] == "exact" and data["fixation_method"] == "exact"
    assert "match lengths" in data["fixation_method_reason"]
    fixation = data["fixation"]
    assert fixation["method"] == "exact" and fixation["methods"] == [[None, "exact"], ["exact", None]]
    assert fixation["matrix"][1][0] == pytest.approx(0.15780, abs=1e-5)  # TFT among Defectors
    assert fixation["matrix"][0][1] == pytest.approx(0.26633, abs=1e-5)  # Defector among TFTs
    text = cli("evolve", "-s", "tft", "-s", "alld", "--shadow", "0.9", "--population", "4").stdout
    assert "Fixation method: exact: fitness is random only through the match lengths" in text
    assert "0.158" in text and "0.266*" in text


def test_cli_says_when_fixation_is_approximate(cli):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--noise", "0.05", "--format", "json")
    data = json.loads(result.stdout)
    assert data["fixation_method"] == "expected_fitness" and "noise 0.05" in data["fixation_method_reason"]
    text = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--noise", "0.05").stdout
    assert "Fixation method: expected fitness, an approximation: noise 0.05" in " ".join(text.split())
    data = json.loads(cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--format", "json").stdout)
    assert data["fixation_method"] == "exact" and data["fixation_method_reason"].startswith("every match is certain")


BAD = [
    (["--population", "1"], "--population"),
    (["--time", "-5"], "--time"),
    (["--steps", "0"], "--steps"),
    (["--selection", "1.5"], "--selection"),
    (["--initial", "tft=0.5,alld=0.4"], "--initial"),
    (["--initial", "grudger=1"], "--initial"),  # a strategy, but not in the population
    (["--initial", "nonsense=1"], "--initial"),
    (["--initial", "tft=half"], "--initial"),
    (["--initial", "tft"], "--initial"),
    (["--engine", "exact", "--seed", "3"], "--seed"),
    (["--engine", "fast"], "--engine"),
    (["--plot", "shares.txt"], "--plot"),
    (["--fine", "10"], "--selection"),  # payoffs below zero: fitness would be negative
]


@pytest.mark.parametrize("args,option", BAD)
def test_cli_bad_input_is_one_line_naming_the_option(cli, args, option):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "5", *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and option in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_cli_says_when_the_run_has_not_settled_and_shows_small_shares(cli):
    # The default population under noise 0.02 up to time 100: still changing, and the Defector's share is
    # about 4e-22, not 0.000 (which reads as extinct).
    result = cli("evolve", "--noise", "0.02", "--time", "100")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "up to time 100: not settled (max |dx/dt| = 0.00047; still growing: GTFT: 0.33)" in text
    assert "try a longer --time" in text and "at rest" not in text
    table = result.stdout.split("-------  --------\n")[1].split("payoff: score per turn")[0]
    rows = {line[:26].strip(): line[26:].split() for line in table.splitlines()}
    assert rows["Defector"][:2] == ["0.111", "4e-22"] and rows["Cooperator"][1] == "3e-06"
    assert all(cells[1] != "0.000" for cells in rows.values())  # no final share reads as extinct
    data = json.loads(cli("evolve", "--noise", "0.02", "--time", "100", "--format", "json").stdout)
    assert data["at_rest"] is False and data["max_rate"] > data["rest_tolerance"]
    assert list(data["growing"]) == ["GTFT: 0.33"]
    assert 0 < data["final_shares"]["Defector"] < 1e-20


def test_cli_a_tiny_invader_still_growing_is_not_at_rest(cli):
    # Every share changes by less than 1e-6 per unit of time, but the Defector at 2e-09 is growing.
    result = cli("evolve", "-s", "tft", "-s", "allc", "-s", "alld", "--time", "1",
                 "--initial", "tft=0.3,allc=0.699999999,alld=1e-9", "--format", "json")
    data = json.loads(result.stdout)
    assert data["max_rate"] < data["rest_tolerance"] and data["at_rest"] is False
    assert list(data["growing"]) == ["Defector"]
    text = " ".join(cli("evolve", "-s", "tft", "-s", "allc", "-s", "alld", "--time", "1",
                        "--initial", "tft=0.3,allc=0.699999999,alld=1e-9").stdout.split())
    assert "not settled (max |dx/dt| = 1.8e-09; still growing: Defector)" in text
    assert "Defector 1e-09 2e-09" in text
