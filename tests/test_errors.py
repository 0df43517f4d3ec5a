"""The errors regimelab raises for bad input (regimelab/errors.py): what they say, and that they survive
pickling (errors raised in worker processes must unpickle)."""

import pickle

import pytest

from regimelab.errors import (
    InvalidParameter,
    NotFiniteState,
    RegimelabError,
    StrategyFailed,
    StrategyRefused,
    UnknownStrategy,
)


def test_refusal_survives_pickling():
    import pickle

    error = NotFiniteState("Gradual", "counts")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) and copy.name == "Gradual"


def test_invalid_parameter_names_the_parameter_and_what_is_accepted():
    error = InvalidParameter("transparency", "a probability between 0 and 1", 1.5)
    assert str(error) == "transparency must be a probability between 0 and 1, got 1.5"
    assert (error.parameter, error.accepted, error.value) == ("transparency", "a probability between 0 and 1", 1.5)
    assert str(InvalidParameter("strategy", "at least one strategy")) == "strategy must be at least one strategy"


def test_unknown_strategy_suggests_close_names_or_none():
    assert str(UnknownStrategy("grudgr", ["Grudger", "Soft Grudger"])) == (
        "unknown strategy 'grudgr'; did you mean 'Grudger', 'Soft Grudger'? (`regimelab strategies` lists them)")
    assert "did you mean" not in str(UnknownStrategy("zzz", []))


def test_not_finite_state_says_what_to_do():
    assert str(NotFiniteState("Gradual")) == (
        "Gradual has no finite-state form the exact engine knows; "
        "use the simulation engine (--engine simulate) or leave it out")
    assert str(NotFiniteState("Gradual", "counts")).startswith("Gradual has no finite-state form the exact engine knows (counts); ")


def test_every_error_is_a_value_error():
    for cls in (InvalidParameter, UnknownStrategy, StrategyRefused, StrategyFailed, NotFiniteState):
        assert issubclass(cls, RegimelabError) and issubclass(cls, ValueError)
    assert issubclass(NotFiniteState, StrategyRefused)


@pytest.mark.parametrize(
    "error",
    [InvalidParameter("fine", "a finite number >= 0", -1.0), InvalidParameter("seed", "an integer"),
     UnknownStrategy("grudgr", ["Grudger"])],
    ids=lambda error: type(error).__name__,
)
def test_errors_with_arguments_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
