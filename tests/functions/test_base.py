"""The shared interface of the regime functions (regimelab/functions/base.py): parameters, the defaults of a
function, and the checks every function's values go through."""

import math

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.functions.base import Parameter, RegimeFunction, check_non_negative, check_number, check_probability


def test_a_parameter_names_its_option_and_its_axis():
    parameter = Parameter("false_alarm", "a", 0.0, "a probability between 0 and 1", "help", "misperception")
    assert parameter.option == "--false-alarm"
    assert parameter.axis_label == "false alarm a"
    assert Parameter("fine", "F", 0.0, "", "", "", label="fine F (per signalled defection)").axis_label == (
        "fine F (per signalled defection)")


def test_a_function_lists_its_parameters_and_leaves_payoffs_alone_by_default():
    class Nothing(RegimeFunction):
        PARAMETERS = (Parameter("nothing", "z", 0.0, "", "", ""),)

    assert Nothing.parameters == ("nothing",)
    function = Nothing()
    assert not function.is_active
    assert np.array_equal(function.stage_adjustment(np.array([0.0, 1.0])), np.zeros((2, 2)))
    assert function.round_adjustment(np.zeros(3), np.zeros(3), np.zeros(3), np.zeros(3)) == 0.0


@pytest.mark.parametrize("value, expected", [(0, 0.0), (1, 1.0), ("0.25", 0.25), (np.float32(0.5), 0.5)])
def test_probabilities_are_floats_in_the_unit_interval(value, expected):
    checked = check_probability("noise", value)
    assert checked == expected and type(checked) is float


@pytest.mark.parametrize("value", [-0.01, 1.01, math.nan, math.inf, True, None, "x"])
def test_a_bad_probability_is_refused_naming_the_parameter(value):
    with pytest.raises(InvalidParameter) as info:
        check_probability("noise", value)
    assert info.value.parameter == "noise" and "between 0 and 1" in str(info.value)


def test_non_negative_numbers_and_finite_numbers():
    assert check_non_negative("fine", 0) == 0.0 and check_non_negative("fine", 7) == 7.0
    for bad in (-1e-9, math.inf, False):
        with pytest.raises(InvalidParameter, match="fine must be a finite number >= 0"):
            check_non_negative("fine", bad)
    assert check_number("x", "-3.5", "a number") == -3.5
    with pytest.raises(InvalidParameter, match="x must be a number"):
        check_number("x", -math.inf, "a number")
