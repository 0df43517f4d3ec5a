"""Evolution in one call (regimelab/evolution/__init__.py): :func:`evolve`, the shares given by
name, and the JSON contract of `regimelab evolve`."""

import pytest

from regimelab import Regime, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import evolve, shares_by_name


def test_shares_by_name_follow_the_populations_order():
    assert shares_by_name({"Defector": 0.25, "Tit For Tat": 0.75}, ("Tit For Tat", "Defector", "Grudger")) == [
        0.75, 0.25, 0.0]
    with pytest.raises(InvalidParameter, match="names of the population") as caught:
        shares_by_name({"tft": 1.0}, ("Tit For Tat", "Defector"))
    assert caught.value.parameter == "initial"


def test_evolve_gives_the_matrix_both_dynamics_and_the_json():
    outcome = evolve(make_players(["tft", "alld"]), Regime(turns=1), population=4,
                     initial={"Tit For Tat": 0.9, "Defector": 0.1}, time=20, steps=4, engine="simulate",
                     repetitions=1)
    assert outcome.payoffs.names == ("Tit For Tat", "Defector")
    assert outcome.replicator.shares[0].tolist() == [0.9, 0.1] and outcome.replicator.final[1] > 0.99
    assert outcome.fixation.population == 4 and outcome.fixation.verdicts()[0][1] == "favoured"
    data = outcome.to_dict()
    assert data["strategies"] == ["Tit For Tat", "Defector"] and data["engine"] == "simulate"
    assert len(data["trajectory"]["times"]) == 5 and "times" not in data
    assert data["fixation_method"] == "expected_fitness" and data["regime"]["turns"] == 1
    assert {"payoffs", "fixation", "game", "versions", "initial_shares", "final_shares"} <= set(data)


@pytest.mark.parametrize("kwargs,parameter", [({"population": 1}, "population"), ({"selection": -1}, "selection"),
                                               ({"time": 0}, "time"), ({"steps": 0}, "steps")])
def test_evolve_checks_its_arguments_before_playing(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        evolve(make_players(["tft", "alld"]), Regime(turns=10**6), engine="simulate", **kwargs)
    assert caught.value.parameter == parameter
