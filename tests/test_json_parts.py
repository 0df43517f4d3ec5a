"""regimelab/json_parts.py: the game entry and the versions every command's JSON carries."""

import importlib.metadata

import regimelab as rl
from regimelab.json_parts import game_summary, versions


def test_the_game_entry_gives_both_games_and_their_classes():
    summary = game_summary(rl.Game(), rl.Regime(transparency=0.5, fine=4))
    assert summary["base"] == {"R": 3.0, "S": 0.0, "T": 5.0, "P": 1.0}
    assert summary["expected"]["T"] == 5 - 0.5 * 4
    assert summary["class"] == {"base": "prisoners_dilemma", "expected": rl.Regime(transparency=0.5, fine=4)
                                .expected_game(rl.Game()).classify()}


def test_the_versions_are_regimelabs_and_the_installed_axelrods():
    assert versions() == {"regimelab": rl.__version__, "axelrod": importlib.metadata.version("axelrod")}
