"""The society's rules (regimelab/society/model_rules.py, model page §7.4-7.6): its options,
the shadow over time, and leader turnover."""

from __future__ import annotations

import pytest

from regimelab.errors import InvalidParameter
from regimelab.society import ShadowChange, SocietyOptions, StrategyChoice, Turnover
from regimelab.society.model_rules import DEFAULT_EXCLUSION_ROUNDS, OPTION_NAMES

# -- SocietyOptions --------------------------------------------------------------------------


def test_the_default_options_are_the_null_society_regime():
    options = SocietyOptions()
    assert options.scope == "none" and not options.excludes
    assert options.to_dict() == {"scope": "none", "exclusion_rounds": DEFAULT_EXCLUSION_ROUNDS,
                                 "participation": 1.0, "enforcement_cost": 0.0, "outsider_transparency": None}
    assert list(options.to_dict()) == list(OPTION_NAMES)


@pytest.mark.parametrize("scope,rounds,excludes", [
    ("collective_security", 5, True), ("defensive_alliance", 1, True), ("collective_security", 0, False),
    ("none", 5, False),
])
def test_violations_are_answered_only_under_a_scope_and_for_some_periods(scope, rounds, excludes):
    assert SocietyOptions(scope, rounds).excludes is excludes


def test_replace_changes_options_and_refuses_unknown_ones_with_a_hint():
    options = SocietyOptions("collective_security", 3)
    changed = options.replace(participation=0.5, exclusion_rounds=2.0)
    assert (changed.scope, changed.exclusion_rounds, changed.participation) == ("collective_security", 2, 0.5)
    with pytest.raises(InvalidParameter, match="did you mean 'participation'"):
        options.replace(particpation=0.5)
    with pytest.raises(InvalidParameter) as caught:
        options.replace(participation=2)
    assert caught.value.parameter == "participation"


@pytest.mark.parametrize("kwargs,parameter", [
    ({"scope": "collective"}, "scope"),
    ({"exclusion_rounds": -1}, "exclusion_rounds"),
    ({"exclusion_rounds": 1.5}, "exclusion_rounds"),
    ({"participation": 1.5}, "participation"),
    ({"participation": -0.1}, "participation"),
    ({"enforcement_cost": -1}, "enforcement_cost"),
    ({"outsider_transparency": 2}, "outsider_transparency"),
])
def test_bad_options_name_the_parameter(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        SocietyOptions(**kwargs)
    assert caught.value.parameter == parameter


def test_an_unknown_scope_suggests_the_closest():
    with pytest.raises(InvalidParameter, match="did you mean 'defensive_alliance'"):
        SocietyOptions(scope="defensive")


# -- ShadowChange ------------------------------------------------------------------------------


def test_a_shadow_change_is_a_period_and_a_probability_below_one():
    change = ShadowChange(4.0, 0)
    assert (change.start, change.shadow) == (4, 0.0) and type(change.shadow) is float


@pytest.mark.parametrize("start,shadow,parameter", [
    (0, 0.5, "from"), (2.5, 0.5, "from"), (3, 1.0, "shadow"), (3, -0.1, "shadow"), (3, True, "shadow"),
    (3, "0.5", "shadow"), (3, float("nan"), "shadow"),
])
def test_bad_shadow_changes_name_the_key(start, shadow, parameter):
    with pytest.raises(InvalidParameter) as caught:
        ShadowChange(start, shadow)
    assert caught.value.parameter == parameter


# -- Turnover ------------------------------------------------------------------------------------


def test_a_turnover_pool_of_one_name_is_a_pool_of_one():
    turnover = Turnover(0.1, "Defector")
    assert turnover.pool == (StrategyChoice.of("Defector"),) and turnover.actors is None and turnover.start == 2
    assert turnover.to_dict() == {"probability": 0.1, "pool": ["Defector"], "actors": None, "start": 2}


def test_turnover_to_dict_names_the_pool_with_params_and_the_actors():
    turnover = Turnover(0.25, ["Tit For Tat", StrategyChoice.of("Random", [0.2])], actors=["A", "B"], start=5)
    assert turnover.to_dict() == {"probability": 0.25, "pool": ["Tit For Tat", "Random: 0.2"],
                                  "actors": ["A", "B"], "start": 5}


@pytest.mark.parametrize("kwargs,parameter", [
    ({"probability": 1.5}, "probability"),
    ({"pool": ()}, "pool"),
    ({"pool": (3,)}, "pool"),
    ({"actors": "A"}, "actors"),
    ({"actors": ("A", 3)}, "actors"),
    ({"start": 1}, "start"),
])
def test_bad_turnover_names_the_parameter(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        Turnover(**{"probability": 0.1, "pool": ("Defector",), **kwargs})
    assert caught.value.parameter == parameter
