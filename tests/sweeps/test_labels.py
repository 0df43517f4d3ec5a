"""How a sweep's parameters and values are written (regimelab/sweeps/labels.py)."""

import numpy as np
import pytest

from regimelab.functions import find_parameter
from regimelab.sweeps.labels import (
    axis_label,
    counted,
    format_value,
    joined_lines,
    parameter_symbol,
    short_message,
    values_text,
)


def test_payoffs_and_regime_parameters_have_labels_and_symbols():
    assert axis_label("T") == "temptation T" and parameter_symbol("T") == "T"
    assert axis_label("fine") == find_parameter("fine").axis_label
    assert parameter_symbol("transparency") == "p" and parameter_symbol("fine") == "F"


@pytest.mark.parametrize("value,text", [(0.5, "0.5"), (2.0, "2"), (200, "200"), (np.float64(0.25), "0.25"),
                                        (1e-7, "1e-07"), (None, "None"), ("x", "x")])
def test_format_value(value, text):
    assert format_value(value) == text


def test_values_text_shows_at_most_eight():
    assert values_text([0.0, 0.5, 1.0]) == "0, 0.5, 1"
    assert values_text(list(range(10))) == "0, 1, 2, 3, 4, 5, 6, 7, ..."


def test_short_message_is_one_short_line_without_brackets():
    assert short_message(ValueError("bad   value (see\n the docs).")) == "bad value see the docs"
    assert short_message(KeyError()) == "KeyError"
    text = short_message(ValueError("word " * 40), limit=20)
    assert text == "word word word word ..." and len(text) <= 24


def test_counts_take_the_noun_in_the_right_number():
    assert counted(1, "strategy", "strategies") == "1 strategy" and counted(3, "strategy", "strategies") == "3 strategies"
    assert counted(1, "repetition") == "1 repetition" and counted(10, "repetition") == "10 repetitions"


def test_parts_are_joined_into_lines_of_a_width_never_split():
    parts = ["shadow w = 0.9", "fine F = 2", "compensation k = 0.5"]
    assert joined_lines(parts, 80) == ["shadow w = 0.9, fine F = 2, compensation k = 0.5"]
    assert joined_lines(parts, 28) == ["shadow w = 0.9, fine F = 2", "compensation k = 0.5"]
    assert joined_lines(["a part longer than the width"], 5) == ["a part longer than the width"]
    assert joined_lines([], 10) == []
