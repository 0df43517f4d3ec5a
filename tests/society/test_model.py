"""The society's values as one model (regimelab/society/model.py gathers them from the
model_* modules): every validation error names its parameter."""

from __future__ import annotations

import pytest

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import Actor, EdgePayoffs, Society, SocietyOptions, model, model_actors, model_society


def test_model_validation_names_the_parameter():
    with pytest.raises(InvalidParameter, match="participation"):
        SocietyOptions(participation=1.5)
    with pytest.raises(InvalidParameter, match="scope.*collective_security"):
        SocietyOptions(scope="collective")
    with pytest.raises(InvalidParameter, match="leaves"):
        Actor("A", "tft", joins=5, leaves=5)
    with pytest.raises(InvalidParameter, match="hub"):
        Society(actors=[Actor("A", "tft"), Actor("B", "tft")], graph="hub", hub="C")
    with pytest.raises(InvalidParameter, match="between"):
        Society(actors=[Actor("A", "tft"), Actor("B", "tft"), Actor("C", "tft")], graph="hub", hub="A",
                payoffs=(EdgePayoffs.exchange("B", "C", (1, 1), (0, 0)),))
    with pytest.raises(InvalidParameter, match="benefit"):
        Society(actors=[Actor("A", "tft", benefit=2, cost=1), Actor("B", "tft")])
    with pytest.raises(rl.UnknownStrategy):
        Actor("A", "Tit For Tatt")


def test_the_model_gathers_the_values_of_its_parts():
    assert model.Actor is model_actors.Actor and model.Society is model_society.Society
    assert set(model.__all__) <= set(dir(model))
    assert model.SCOPES == ("none", "collective_security", "defensive_alliance")
    assert model.GRAPHS == ("complete", "hub", "edges")
