"""The society as a whole (regimelab/society/model_society.py, model page §7.2-7.3): who plays
whom, each edge's payoffs, validation of the whole, membership per period, and changes."""

from __future__ import annotations

import pytest
from society_helpers import actor_row, society

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import Actor, EdgePayoffs, ShadowChange, Society, SocietyOptions, Turnover, run_society
from regimelab.society.model_society import check_society


def test_actor_exchange_terms_and_hub_graph():
    s = society(Actor("Hub", "Cooperator", benefit=5, cost=1), Actor("S1", "Cooperator", benefit=1, cost=0.5),
                Actor("S2", "Cooperator", benefit=1, cost=0.5), graph="hub", hub="Hub", regime=rl.Regime(turns=4))
    assert s.edge_indices() == [(0, 1), (0, 2)]
    result = run_society(s, 1, 1)
    assert actor_row(result, "Hub")["mean_score_per_period"] == pytest.approx(2 * (1 - 1))
    assert actor_row(result, "S1")["mean_score_per_period"] == pytest.approx(5 - 0.5)


def test_edge_list_graph():
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("C", "Cooperator"), graph="edges",
                edges=(("A", "B"), ("B", "C")), regime=rl.Regime(turns=3))
    result = run_society(s, 1, 1)
    assert [actor_row(result, n)["total_score"] for n in "ABC"] == [9, 18, 9]


def test_a_complete_graph_has_every_pair_once_in_order():
    s = society(("A", "tft"), ("B", "tft"), ("C", "tft"), ("D", "tft"))
    assert s.edge_indices() == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    assert s.names == ["A", "B", "C", "D"] and s.index("C") == 2


def test_edge_matrices_take_an_edges_own_payoffs_before_the_game():
    s = society(("A", "tft"), ("B", "tft"), ("C", "tft"), game=rl.Game(4, 0, 6, 1),
                payoffs=(EdgePayoffs.matrices("C", "A", [[1, 2], [3, 4]], [[10, 20], [30, 40]]),))
    first, second = s.edge_matrices()
    assert first.shape == second.shape == (3, 2, 2)
    assert first[0].tolist() == second[0].tolist() == [[4, 0], [6, 1]]  # (A, B): the game
    # (A, C): A is the edge's first actor here, but the second of the payoffs entry
    assert first[1].tolist() == [[10, 30], [20, 40]] and second[1].tolist() == [[1, 2], [3, 4]]


def test_members_at_follows_joins_leaves_and_outsiders():
    s = society(Actor("A", "tft", joins=3), Actor("B", "tft", leaves=4), ("C", "tft", False))
    assert [s.members_at(t).tolist() for t in (1, 3, 4)] == [
        [False, True, False], [True, True, False], [True, False, False]]


def test_replace_takes_dicts_of_changes_for_the_regime_and_the_options():
    s = society(("A", "tft"), ("B", "tft"), regime=rl.Regime(turns=10, fine=1))
    changed = s.replace(regime={"transparency": 0.5}, options={"scope": "defensive_alliance"})
    assert changed.regime == rl.Regime(turns=10, fine=1, transparency=0.5)
    assert changed.options == SocietyOptions("defensive_alliance")
    assert s.options == SocietyOptions()  # the original is unchanged
    with pytest.raises(InvalidParameter, match="society option.*did you mean 'scope'"):
        s.replace(options={"scopes": "none"})
    with pytest.raises(InvalidParameter) as caught:
        s.replace(regime={"fines": 1})
    assert caught.value.parameter == "regime"


def test_with_actor_changes_one_actor_and_checks_the_name():
    s = society(("A", "tft"), ("B", "tft"))
    changed = s.with_actor("B", strategy="Defector", member=False)
    assert [a.strategy_name for a in changed.actors] == ["Tit For Tat", "Defector"]
    assert not changed.actors[1].member and s.actors[1].member
    with pytest.raises(InvalidParameter) as caught:
        s.with_actor("Z", strategy="Defector")
    assert caught.value.parameter == "actors"


def test_check_society_refuses_anything_else():
    s = society(("A", "tft"), ("B", "tft"))
    assert check_society(s) is s
    with pytest.raises(rl.RegimelabError, match="expected a Society, got dict"):
        check_society({"actors": []})


A, B, C = Actor("A", "tft"), Actor("B", "tft"), Actor("C", "tft")


@pytest.mark.parametrize("changes,parameter,words", [
    ({"actors": [A]}, "actors", "at least two"),
    ({"actors": [A, ("B", "tft")]}, "actors", "Actor values"),
    ({"actors": [A, B, Actor("A", "alld")]}, "name", "'A' is repeated"),
    ({"graph": "ring"}, "graph", "complete, hub, edges"),
    ({"graph": "hub"}, "hub", "one of the actors"),
    ({"hub": "A"}, "hub", 'unless graph = "hub"'),
    ({"graph": "edges"}, "edges", "one or more pairs"),
    ({"graph": "edges", "edges": (("A", "B"), ("B", "A"))}, "edges", "each pair once"),
    ({"graph": "edges", "edges": (("A", "Z"),)}, "edges", "names of actors"),
    ({"edges": (("A", "B"),)}, "edges", 'unless graph = "edges"'),
    ({"game": (3, 0, 5, 1)}, "game", "a Game"),
    ({"regime": {"turns": 5}}, "regime", "a Regime"),
    ({"options": {"scope": "none"}}, "society", "SocietyOptions"),
    ({"payoffs": (EdgePayoffs.symmetric("A", "B", rl.Game()),) * 2}, "between", "each pair once"),
    ({"payoffs": ((("A", "B"), rl.Game()),)}, "payoffs", "EdgePayoffs values"),
    ({"schedule": (ShadowChange(5, 0.5), ShadowChange(3, 0.5))}, "from", "increasing order"),
    ({"schedule": ((3, 0.5),)}, "schedule", "ShadowChange values"),
    ({"turnover": Turnover(0.1, ("Defector",), actors=("Z",))}, "actors", "names of actors"),
    ({"turnover": 0.1}, "turnover", "a Turnover"),
])
def test_a_bad_society_names_the_parameter(changes, parameter, words):
    with pytest.raises(InvalidParameter) as caught:
        Society(**{"actors": [A, B, C], **changes})
    assert caught.value.parameter == parameter
    assert words in str(caught.value)


def test_exchange_terms_need_both_ends_of_an_edge_unless_it_has_its_own_payoffs():
    rich = Actor("Rich", "tft", benefit=2, cost=1)
    with pytest.raises(InvalidParameter, match="'A' has none and plays 'Rich'"):
        Society(actors=[rich, A])
    own = (EdgePayoffs.symmetric("Rich", "A", rl.Game()),)
    assert Society(actors=[rich, A], payoffs=own).edge_matrices()[0][0].tolist() == [[3, 0], [5, 1]]
