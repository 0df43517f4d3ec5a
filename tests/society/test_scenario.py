"""Society scenarios as one format (regimelab/society/scenario.py gathers the reading of each
table): which files are society scenarios, and the keys each table accepts."""

from __future__ import annotations

from pathlib import Path

from society_helpers import EXAMPLE

from regimelab.regime import PARAMETERS
from regimelab.society import model_rules, scenario
from regimelab.society.scenario import (
    ACTOR_KEYS,
    POOL_ENTRY,
    REQUIRED,
    SOCIETY_KEYS,
    TOP_KEYS,
    VARIANT_ACTOR_KEYS,
    VARIANT_KEYS,
    is_society_scenario,
)

TOURNAMENTS = Path(__file__).resolve().parents[2] / "tournaments"


def test_society_scenarios_are_told_from_tournament_scenarios(tmp_path):
    assert is_society_scenario(EXAMPLE) and is_society_scenario(TOURNAMENTS / "cis-1992.toml")
    assert not is_society_scenario(TOURNAMENTS / "anarchy.toml")
    assert not is_society_scenario(tmp_path / "missing.toml")


def test_every_table_of_the_format_is_a_top_level_key():
    assert set(REQUIRED) <= set(TOP_KEYS)
    assert {"society", "regime", "regimes", "actors", "edges", "payoffs", "schedule", "turnover"} <= set(TOP_KEYS)
    assert set(model_rules.OPTION_NAMES) <= set(SOCIETY_KEYS)


def test_a_variant_may_change_the_regime_and_an_actor_but_not_its_name():
    assert set(PARAMETERS) <= set(VARIANT_KEYS)
    assert set(VARIANT_ACTOR_KEYS) == set(ACTOR_KEYS) - {"name", "count"}


def test_the_pool_message_shows_the_entry():
    assert POOL_ENTRY.format(entry=3).endswith("{strategy = ..., params = ...}, got 3")
    assert set(scenario.__all__) <= set(dir(scenario))
