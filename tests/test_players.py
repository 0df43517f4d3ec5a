"""Finding strategies by name, named sets, and who may play under a regime (regimelab/players.py)."""

import axelrod as axl
import pytest

import regimelab as rl
from regimelab import players
from regimelab.errors import InvalidParameter, StrategyRefused, UnknownStrategy
from regimelab.machines import exact_strategies
from regimelab.players import (
    DEFAULT_STRATEGIES,
    all_strategy_classes,
    check_players,
    default_players,
    describe,
    find_strategy,
    loaded_from,
    make_players,
    named_set,
    readable_name,
    touches_source,
    unique_names,
    without,
)


def test_find_strategy_by_name_alias_or_class_name():
    assert find_strategy("Tit For Tat") is find_strategy("tft") is find_strategy("TitForTat") is axl.TitForTat
    assert find_strategy("Status Quo Power").name == "Status Quo Power"  # one of regimelab's


def test_an_unknown_name_suggests_the_closest():
    with pytest.raises(UnknownStrategy) as info:
        find_strategy("grudgr")
    assert "Grudger" in info.value.suggestions
    with pytest.raises(UnknownStrategy):
        find_strategy("no such strategy at all")


def test_named_sets_and_players_in_the_order_given():
    assert [str(p) for p in make_players(["alld", "tft"])] == ["Defector", "Tit For Tat"]
    basic = named_set("BASIC")
    assert basic == list(axl.basic_strategies)
    assert [type(p) for p in make_players(["tft"], sets=["basic"])] == basic + [axl.TitForTat]
    with pytest.raises(InvalidParameter, match="one of basic, axelrod-first, demo, default"):
        named_set("favourites")


def test_the_default_players_are_the_default_strategies():
    assert [p.name for p in default_players()] == [find_strategy(name).name for name in DEFAULT_STRATEGIES]


def test_all_strategy_classes_are_axelrods_and_ours_sorted_by_name():
    classes = all_strategy_classes()
    assert set(axl.all_strategies) <= set(classes) and find_strategy("Hedger") in classes
    names = [readable_name(cls.name).lower() for cls in classes]  # Phi among the P's, not $\phi$ first
    assert names == sorted(names)


def test_the_set_all_is_every_strategy_that_builds_with_its_defaults(monkeypatch):
    assert named_set("all") == all_strategy_classes()  # every class builds with its defaults today

    class NeedsAnArgument(axl.Player):
        def __init__(self, rate):
            super().__init__()

    monkeypatch.setattr(players, "all_strategy_classes", lambda: [axl.TitForTat, NeedsAnArgument, axl.Defector])
    assert named_set("all") == [axl.TitForTat, axl.Defector]  # left out: it has no default to play


def test_the_set_finite_is_the_exact_engines_strategies():
    finite = named_set("finite")
    assert [cls.name for cls in finite] == exact_strategies()
    assert {axl.TitForTat, axl.Grudger, axl.FirstByTullock} <= set(finite) < set(named_set("all"))
    assert axl.GoByMajority not in finite  # it counts the whole history: no finite-state form


def test_without_leaves_every_player_of_a_strategy_out():
    team = [axl.TitForTat(), axl.ZDExtort2(), axl.Grudger(), axl.ZDExtort2(), axl.Golden()]
    kept = without(team, ["zd-extort-2", "Phi"])  # any case; Phi is axelrod's $\phi$
    assert [p.name for p in kept] == ["Tit For Tat", "Grudger"]
    assert without(team, []) == team and without(team, []) is not team
    with pytest.raises(UnknownStrategy, match="Tit For Tot"):
        without(team, ["Tit For Tot"])
    with pytest.raises(InvalidParameter, match="among the players") as info:
        without(team, ["Defector"])
    assert info.value.parameter == "without" and info.value.value == "Defector"


def test_players_that_read_their_opponent_are_refused_under_imperfect_monitoring():
    assert touches_source(axl.Darwin()) and not touches_source(axl.TitForTat())
    check_players([axl.Darwin(), axl.TitForTat()], rl.Regime())  # perfect monitoring: allowed
    with pytest.raises(StrategyRefused, match="Darwin"):
        check_players([axl.Darwin(), axl.TitForTat()], rl.Regime(false_alarm=0.1))
    with pytest.raises(InvalidParameter):
        check_players([], rl.Regime())


def test_describe_is_the_first_sentence_of_the_docstring():
    cls = type("Toy", (), {"__doc__": "Complies first,\n    then copies. More text.\n\nNames: Toy."})
    assert describe(cls) == "Complies first, then copies."
    assert describe(type("Bare", (), {})) == ""


def test_repeated_strategies_get_numbered_names():
    players = make_players(["tft", "alld", "tft", "tft"])
    assert unique_names(players) == ["Tit For Tat", "Defector", "Tit For Tat (2)", "Tit For Tat (3)"]


def test_names_classes_and_players_become_players_in_one_place():
    from pathlib import Path

    from regimelab.players import as_players

    given = axl.Grudger()
    players = as_players(["tft", axl.Defector, given, Path("alld")])
    assert [str(p) for p in players] == ["Tit For Tat", "Defector", "Grudger", "Defector"]
    assert players[2] is given  # a player is used as given; the engines play clones of it
    assert [str(p) for p in make_players(["wsls", axl.Cooperator])] == ["Win-Stay Lose-Shift", "Cooperator"]
    for bad in (["tft", 1.5], [axl.TitForTat, object]):
        with pytest.raises(TypeError, match="^players must be strategy names .* or axelrod players; got "):
            as_players(bad)
    with pytest.raises(TypeError, match="^players must be a list of .*; got the text 'tft'"):
        as_players("tft")
    with pytest.raises(TypeError, match="^players must be a list of .*; got 7 \\(int\\)$"):
        make_players(7)


def test_latex_names_are_shown_readable_and_found_by_either_form():
    assert [readable_name(cls.name) for cls in (axl.Golden, axl.Pi, axl.e)] == ["Phi", "Pi", "e"]
    assert readable_name("Tit For Tat") == "Tit For Tat"
    for name in ("phi", "Phi", "$\\phi$", "golden"):
        assert find_strategy(name) is axl.Golden
    assert find_strategy("$\\pi$") is find_strategy("pi") is axl.Pi
    assert find_strategy("$e$") is find_strategy("e") is axl.e
    assert unique_names(make_players(["phi", "pi", "e", "$\\phi$"])) == ["Phi", "Pi", "e", "Phi (2)"]
    with pytest.raises(UnknownStrategy, match="Phi"):
        find_strategy("phy")


def test_a_strategy_a_user_loaded_is_named_by_its_file(tmp_path):
    from regimelab.strategy_registry import registrations_undone

    path = tmp_path / "mine.toml"
    path.write_text(MEMORY_ONE_FILE, encoding="utf-8")
    with registrations_undone():
        cls = find_strategy(str(path))
        assert loaded_from(cls) == str(path)
    assert loaded_from(axl.TitForTat) is None and loaded_from(find_strategy("status quo power")) is None


MEMORY_ONE_FILE = """
name = "Loaded Reciprocator"
description = "Complies first, then repeats the other side's last seen move."
kind = "memory_one"

[memory_one]
first = "C"
CC = "C"
CD = "D"
DC = "C"
DD = "D"
"""
