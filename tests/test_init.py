"""The package's public API (regimelab/__init__.py): what `import regimelab as rl` gives."""

import re

import pytest

import regimelab as rl


def test_every_public_name_is_importable_and_listed():
    assert all(hasattr(rl, name) for name in rl.__all__)
    assert len(rl.__all__) == len(set(rl.__all__))
    assert re.fullmatch(r"\d+\.\d+\.\d+", rl.__version__)


def test_the_docstring_example_runs():
    regime = rl.Regime(transparency=0.6, fine=3)
    # the fine falls on signalled defections: T' = T - pF, P' = P - pF
    assert regime.expected_game(rl.Game()).payoffs == pytest.approx((3.0, 0.0, 3.2, -0.8), abs=1e-12)
    result = rl.run_tournament(rl.make_players(["TFT", "Defector"]), regime.replace(turns=10), repetitions=2)
    assert set(result.players.name) == {"Tit For Tat", "Defector"}


def test_a_notebook_user_passes_names_and_loads_scenarios_from_the_package():
    # the docstring's names: run_tournament takes strategy names; load_scenario a built-in name or a path
    result = rl.run_tournament(["TFT", "Defector"], rl.Regime(turns=10), repetitions=2)
    assert result.ranked_names == ["Defector", "Tit For Tat"]  # self-play does not count: it exploits once
    assert {"load_scenario", "run_tournament", "compare_regimes"} <= set(rl.__all__)
    concert = rl.load_scenario("concert-1815")
    assert concert.name == "concert-1815" and concert.regime_names  # played in tests/content/test_notebook_example.py
