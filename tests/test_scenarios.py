"""The built-in scenarios (regimelab/scenarios.py): each kind loaded by the right loader, and listed."""

import pickle

import pytest

from regimelab.scenarios import (
    SocietyScenarioGiven,
    builtin_scenario_kinds,
    builtin_society_scenarios,
    load_any_scenario,
    load_tournament_scenario,
    scenario_listing,
)
from regimelab.tournament_scenario import TournamentScenario


def test_every_built_in_scenario_has_a_kind():
    kinds = builtin_scenario_kinds()
    assert kinds["anarchy"] == "tournament" and kinds["cis-1992"] == "society"
    assert set(kinds.values()) == {"tournament", "society"}


def test_a_society_scenario_is_refused_where_a_tournament_is_expected():
    assert isinstance(load_tournament_scenario("anarchy"), TournamentScenario)
    with pytest.raises(SocietyScenarioGiven, match="play it with `regimelab society cis-1992`") as info:
        load_tournament_scenario("cis-1992")
    assert str(pickle.loads(pickle.dumps(info.value))) == str(info.value)


def test_any_scenario_loads_with_the_loader_of_its_kind():
    assert load_any_scenario("anarchy").name == "anarchy"
    society = load_any_scenario("cis-1992")
    assert not isinstance(society, TournamentScenario) and society.name == "cis-1992"
    names = {scenario.name for scenario in builtin_society_scenarios()}
    assert names == {name for name, kind in builtin_scenario_kinds().items() if kind == "society"}


def test_the_listing_has_one_entry_per_built_in_scenario_in_name_order():
    listing = scenario_listing()
    assert [entry["name"] for entry in listing] == sorted(builtin_scenario_kinds())
    anarchy = next(entry for entry in listing if entry["name"] == "anarchy")
    assert anarchy["kind"] == "tournament" and anarchy["title"] and anarchy["summary"]
    assert anarchy["regimes"].split(",")[0] == load_tournament_scenario("anarchy").regime_names[0]


def test_load_scenario_is_public_and_takes_a_name_or_a_path():
    import regimelab as rl
    from regimelab.scenario_files import builtin_scenario_files
    from regimelab.scenarios import load_scenario
    from regimelab.society import SocietyScenario

    assert rl.load_scenario is load_scenario and "load_scenario" in rl.__all__
    concert = rl.load_scenario("concert-1815")
    assert isinstance(concert, TournamentScenario) and concert.name == "concert-1815"
    path = builtin_scenario_files()["concert-1815"]
    assert rl.load_scenario(path) == concert == rl.load_scenario(str(path))
    assert isinstance(rl.load_scenario("cis-1992"), SocietyScenario)
    assert load_any_scenario("concert-1815") == concert  # the former name still works
    with pytest.raises(rl.InvalidParameter, match="concert-1815"):
        rl.load_scenario("concert-1816")
