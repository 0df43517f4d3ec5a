"""Actors and the strategies they play (regimelab/society/model_actors.py, model page §7.1)."""

from __future__ import annotations

import axelrod as axl
import pytest

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import Actor, StrategyChoice

# -- StrategyChoice ------------------------------------------------------------------------


def test_a_choice_from_a_name_a_class_or_a_choice():
    by_name = StrategyChoice.of("tft")
    assert by_name.cls is axl.TitForTat and by_name.name == "Tit For Tat"
    assert StrategyChoice.of(axl.Defector).cls is axl.Defector
    assert StrategyChoice.of(by_name) is by_name


def test_params_are_positional_or_by_name_and_show_in_the_name():
    positional = StrategyChoice.of("Random", [0.3])
    by_name = StrategyChoice.of("Random", {"p": 0.3})
    assert positional.args == (0.3,) and by_name.kwargs == {"p": 0.3}
    assert positional.name == by_name.name == "Random: 0.3"


def test_make_gives_a_fresh_instance_each_time():
    choice = StrategyChoice.of("Random", [0.3])
    first, second = choice.make(), choice.make()
    assert first is not second and isinstance(first, axl.Random) and first.p == 0.3


def test_equal_choices_hash_alike():
    assert hash(StrategyChoice.of("Random", {"p": 0.3})) == hash(StrategyChoice.of("Random", {"p": 0.3}))
    assert StrategyChoice.of("Random", [0.3]) == StrategyChoice.of("Random", [0.3])


@pytest.mark.parametrize("strategy,params,parameter", [
    ("Random", "0.3", "params"),  # neither a list nor a table
    ("Random", [0.3, 5, 7], "params"),  # the constructor refuses them
    (3, None, "strategy"),
    (StrategyChoice.of("tft"), [1], "params"),  # a choice already has its params
])
def test_bad_choices_name_the_parameter(strategy, params, parameter):
    with pytest.raises(InvalidParameter) as caught:
        StrategyChoice.of(strategy, params)
    assert caught.value.parameter == parameter


def test_an_unknown_strategy_suggests_a_name():
    with pytest.raises(rl.UnknownStrategy, match="Tit For Tat"):
        StrategyChoice.of("Tit For Tatt")


# -- Actor ------------------------------------------------------------------------------------


def test_an_actor_is_a_member_from_joins_until_before_leaves():
    actor = Actor(" Britain ", "tft", joins=3, leaves=6)
    assert actor.name == "Britain" and actor.first_period == 3 and actor.strategy_name == "Tit For Tat"
    assert [actor.is_member_at(t) for t in range(1, 8)] == [False, False, True, True, True, False, False]
    assert Actor("A").first_period == 1 and Actor("A").is_member_at(10**6)
    assert not any(Actor("Outsider", "tft", member=False).is_member_at(t) for t in (1, 5))


def test_params_make_the_strategy_and_are_not_kept():
    actor = Actor("A", "Random", params=[0.2])
    assert actor.strategy.name == "Random: 0.2" and actor.params is None


def test_replace_with_params_alone_keeps_the_strategy_class():
    actor = Actor("A", "Random", params=[0.2], benefit=2, cost=1)
    assert actor.replace(params=[0.7]).strategy_name == "Random: 0.7"
    changed = actor.replace(strategy="Defector")
    assert changed.strategy_name == "Defector" and (changed.benefit, changed.cost) == (2.0, 1.0)
    assert actor.strategy_name == "Random: 0.2"  # the original is unchanged


@pytest.mark.parametrize("kwargs,parameter", [
    ({"name": "  "}, "name"),
    ({"member": "yes"}, "member"),
    ({"joins": 0}, "joins"),
    ({"joins": 2.5}, "joins"),
    ({"leaves": 1}, "leaves"),
    ({"joins": 4, "leaves": 4}, "leaves"),
    ({"member": False, "joins": 2}, "member"),
    ({"benefit": 2}, "benefit"),
    ({"benefit": 2, "cost": "x"}, "cost"),
    ({"benefit": float("nan"), "cost": 1}, "benefit"),
])
def test_a_bad_actor_names_the_parameter(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        Actor(**{"name": "A", "strategy": "tft", **kwargs})
    assert caught.value.parameter == parameter
