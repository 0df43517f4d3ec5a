"""docs/how-to/notebook_example.py, the script twin of docs/how-to/use-from-a-notebook.md.

The script runs as a notebook would run its cells (once, in a fresh folder);
what the page says of its results is checked here, and every code block of
the page must be a cell of the script (and every cell shown on the page), so
the page shows code that runs.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

# One cache of command-line runs with tests/content/test_tournament_scenarios.py,
# which runs the same `regimelab compare concert-1815`.
from command_runs import invoke

import regimelab as rl

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "how-to" / "notebook_example.py"
PAGE = ROOT / "docs" / "how-to" / "use-from-a-notebook.md"


@pytest.fixture(scope="module")
def namespace(tmp_path_factory):
    """The script's globals after running it from top to bottom, in an empty folder, drawing off-screen."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path_factory.mktemp("notebook"))
    try:
        yield runpy.run_path(str(SCRIPT), run_name="notebook_example")
    finally:
        monkeypatch.undo()


def script_cells() -> list[str]:
    """The code of each ``# %%`` cell, without its marker line."""
    text = SCRIPT.read_text()
    cells = re.split(r"^# %%.*\n", text, flags=re.M)[1:]
    return [cell.strip() for cell in cells]


def page_blocks() -> list[str]:
    """The page's ``python`` code blocks."""
    return [block.strip() for block in re.findall(r"```python\n(.*?)```", PAGE.read_text(), re.S)]


def test_the_page_shows_every_cell_of_the_script_and_nothing_else():
    assert page_blocks() == script_cells()


def test_a_regime_and_the_game_it_creates(namespace):
    assert namespace["expected"] == rl.Game(3, 0, 3.5, -0.5)
    assert namespace["expected"].classify() == "chicken"


def test_thresholds_and_the_super_game(namespace):
    limits = namespace["limits"]
    assert limits["fine"] == pytest.approx(4.0)
    assert limits["fine_supergame"] == pytest.approx(0.0, abs=1e-9)
    assert namespace["supergame"].game.classify() == "harmony"
    # "Tit For Tat needs more transparency than this regime's 0.5"
    assert 0.5 < namespace["tft_limits"]["transparency"] < 0.55
    assert namespace["explanation"]["game"]["class"] == {"base": "prisoners_dilemma", "expected": "chicken"}


def test_the_exact_tournament_puts_gtft_just_ahead_of_tit_for_tat(namespace):
    # "the exact values put GTFT 0.02 per round ahead of Tit For Tat"
    players = namespace["exact"].players
    assert list(players.name[:2]) == ["GTFT: 0.33", "Tit For Tat"]
    lead = players.mean_score_per_turn.iloc[0] - players.mean_score_per_turn.iloc[1]
    assert lead == pytest.approx(0.02, abs=0.005)
    assert players.name.iloc[-1] == "Defector"


def test_twenty_repetitions_cannot_resolve_that_lead():
    # "for seeds 1 to 5 the simulated first place goes to Tit For Tat or to GTFT, and
    # winner_robust is False for most of them"
    names = ["tft", "grim", "wsls", "gtft", "alld", "stft"]
    regime = rl.Regime(shadow=0.95, transparency=0.5, fine=3)
    robust = 0
    for seed in range(1, 6):
        result = rl.run_tournament(rl.make_players(names), regime, repetitions=20, seed=seed)
        assert result.ranked_names[0] in {"Tit For Tat", "GTFT: 0.33"}
        robust += bool(result.winner_robust)
    assert robust <= 2


def test_regimes_side_by_side(namespace):
    comparison = namespace["comparison"]
    assert list(comparison.regimes().winner) == ["Tit For Tat", "Defector", "GTFT: 0.33"]
    assert list(namespace["rankings"].regime.unique()) == ["long shadow", "half seen", "half seen, fined"]
    assert len(namespace["rankings"]) == 18


def test_the_sweep_by_hand(namespace):
    # "the Defector is first at every one of these transparencies up to 0.75, and last when
    # every defection is seen"
    assert list(namespace["sweep"].defector_rank) == [1, 1, 1, 1, 6]


def test_evolution(namespace):
    # "the Grudger ends with most of the population, and the Defector and Suspicious Tit For Tat
    # die out (their shares end below 1e-20)"
    final = namespace["shares"].iloc[-1]
    assert final.idxmax() == "Grudger" and final["Grudger"] > 0.5
    assert final["Defector"] < 1e-20 and final["Suspicious Tit For Tat"] < 1e-20
    assert namespace["evolution"].fixation.method == "expected_fitness"
    assert namespace["fixation"].shape == (6, 6)


def test_the_scenario_is_played_as_the_command_plays_it(namespace):
    # "this is `regimelab compare concert-1815`, number for number"
    run = invoke("regimelab compare concert-1815")
    assert run.result.exit_code == 0
    table = namespace["concert_comparison"].regimes()
    assert list(table.regime) == [regime["label"] for regime in run.data["results"]]
    assert list(table.winner) == [summary["winner"] for summary in run.data["summary"]]
    assert list(table.mean_cooperation) == pytest.approx([regime["mean_cooperation"] for regime in run.data["results"]])
