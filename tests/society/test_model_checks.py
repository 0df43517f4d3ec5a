"""The checks the society's values share (regimelab/society/model_checks.py): each returns the
value cleaned, or raises an InvalidParameter naming the parameter and what is accepted."""

from __future__ import annotations

import math

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.society.model_checks import check_finite, check_integer, check_text, unknown_name


@pytest.mark.parametrize("value,expected", [(3, 3), (3.0, 3), (np.int64(7), 7), (0, 0)])
def test_check_integer_accepts_whole_numbers(value, expected):
    result = check_integer("rounds", value, 0)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", [True, 2.5, math.inf, math.nan, "3", None, -1, 10**30])
def test_check_integer_refuses_anything_else(value):
    with pytest.raises(InvalidParameter) as caught:
        check_integer("rounds", value, 0)
    assert caught.value.parameter == "rounds" and "integer" in caught.value.accepted


def test_check_integer_says_what_the_caller_accepts():
    with pytest.raises(InvalidParameter, match="^joins must be a period from 1, got 0$"):
        check_integer("joins", 0, 1, "a period from 1")


def test_check_text_strips_and_refuses_empty_or_non_text():
    assert check_text("name", "  Britain ") == "Britain"
    for value in ("", "   ", 3, None):
        with pytest.raises(InvalidParameter, match="name must be a non-empty string"):
            check_text("name", value)


def test_check_finite_returns_a_float_and_refuses_bools_strings_and_infinities():
    assert check_finite("cost", 2) == 2.0 and type(check_finite("cost", np.float32(0.5))) is float
    assert check_finite("cost", -3.5) == -3.5
    for value in (True, "x", math.inf, -math.inf, math.nan, None, 1e300):
        with pytest.raises(InvalidParameter) as caught:
            check_finite("cost", value)
        assert caught.value.parameter == "cost" and "finite number" in caught.value.accepted


def test_unknown_name_suggests_the_closest_allowed():
    error = unknown_name("graph", "hubb", ("complete", "hub", "edges"))
    assert isinstance(error, InvalidParameter) and error.parameter == "graph"
    assert str(error) == "graph must be one of complete, hub, edges; 'hubb' is unknown (did you mean 'hub'?)"
    assert "did you mean" not in str(unknown_name("graph", "zzz", ("complete", "hub", "edges")))
