"""Sampled designs (regimelab/sweeps/designs.py): ranges, sizes, seeding, and the cells they make."""

from __future__ import annotations

import numpy as np
import pytest
from SALib.sample import latin, morris, sobol

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.sweeps.definition import SweepDefinition
from regimelab.sweeps.designs import (
    DIGITS,
    MIN_SAMPLES,
    Design,
    build_design,
    check_design,
    parse_range,
    salib_problem,
    sample_points,
)

RANGES = [("transparency", (0.3, 1.0)), ("fine", (0.0, 5.0)), ("noise", (0.0, 0.1))]
BASE, GAME = rl.Regime(shadow=0.9), rl.Game()


def test_a_range_is_name_low_high():
    assert parse_range("transparency=0.3:1") == ("transparency", (0.3, 1.0))
    assert parse_range("false-alarm=0:0.2") == ("false_alarm", (0.0, 0.2))
    assert parse_range("T=4:8") == ("T", (4.0, 8.0))
    assert parse_range("turns=10:200") == ("turns", (10.0, 200.0))


@pytest.mark.parametrize("text, says", [
    ("transparency=0:1:11", "LOW:HIGH"),
    ("fine=0,1,2", "LOW:HIGH"),
    ("fine=2:1", "LOW < HIGH"),
    ("fine=1:1", "LOW < HIGH"),
    ("fine=0:inf", "finite"),
    ("transparancy=0:1", "did you mean 'transparency'"),
    ("turns=10.5:20", "whole numbers"),
    ("fine", "NAME=LOW:HIGH"),
])
def test_a_bad_range_is_refused(text, says):
    with pytest.raises(InvalidParameter) as error:
        parse_range(text)
    assert error.value.parameter == "param" and says in str(error.value)


@pytest.mark.parametrize("design, cells", [
    (Design("sobol", 16, 1), 16 * (3 + 2)),
    (Design("sobol", 16, 1, second_order=True), 16 * (2 * 3 + 2)),
    (Design("morris", 5, 1), 5 * (3 + 1)),
    (Design("lhs", 100, 1), 100),
])
def test_the_cells_of_each_design_are_salibs_points_in_order(design, cells):
    grid = build_design(RANGES, design, BASE, GAME)
    assert len(grid.cells) == design.cell_count(3) == cells
    assert grid.mode == design.name and grid.design == design and grid.names == ["transparency", "fine", "noise"]
    problem = salib_problem(RANGES)
    if design.name == "sobol":
        raw = sobol.sample(problem, design.samples, calc_second_order=design.second_order, seed=1)
    elif design.name == "morris":
        raw = morris.sample(problem, design.samples, num_levels=4, seed=1)
    else:
        raw = latin.sample(problem, design.samples, seed=1)
    values = np.array([[value for _, value in cell.values] for cell in grid.cells])
    assert np.allclose(values, raw, rtol=10.0 ** (1 - DIGITS), atol=0)
    for low_high, column in zip([r for _, r in RANGES], values.T):
        assert low_high[0] <= column.min() and column.max() <= low_high[1]


def test_the_points_are_a_function_of_the_seed():
    same = sample_points(Design("sobol", 16, 7), RANGES)
    assert np.array_equal(same, sample_points(Design("sobol", 16, 7), RANGES))
    assert not np.array_equal(same, sample_points(Design("sobol", 16, 8), RANGES))


def test_values_keep_twelve_digits_and_turns_whole_rounds():
    points = sample_points(Design("lhs", 64, 1), [("turns", (10.0, 200.0)), ("fine", (0.0, 1.0))])
    assert all(value == int(value) for value in points[:, 0])
    assert all(float(f"{value:.12g}") == value for value in points[:, 1])
    grid = build_design([("turns", (10.0, 200.0))], Design("lhs", 64, 1), rl.Regime(), GAME)
    assert all(isinstance(cell.as_dict()["turns"], int) for cell in grid.cells)


@pytest.mark.parametrize("design, says", [
    (Design("sobol", 8, 1), "from 16"),
    (Design("sobol", 24, 1), "a power of 2 for --design sobol (the Sobol' sequence's balance needs it: 16 or 32)"),
    (Design("morris", 3, 1), "from 4"),
    (Design("lhs", 10, 1), "from 64"),
    (Design("lhs", 200_000, 1), "to 100,000"),
    (Design("morris", 10, 1, second_order=True), "only with --design sobol"),
    (Design("sobol", 65536, 1), "at most 100,000 cells"),
])
def test_too_few_or_too_many_samples_are_refused(design, says):
    with pytest.raises(InvalidParameter) as error:
        check_design(design, 3)
    assert says in str(error.value)


def test_the_least_samples_are_accepted():
    for name, least in MIN_SAMPLES.items():
        check_design(Design(name, least, 1), 3)


def test_a_range_outside_the_model_is_refused_before_sampling():
    with pytest.raises(InvalidParameter, match="within the model's ranges"):
        build_design([("shadow", (0.5, 1.0))], Design("morris", 4, 1), BASE, GAME)  # morris reaches w = 1
    with pytest.raises(InvalidParameter, match="turns or shadow"):
        build_design([("turns", (5.0, 10.0)), ("shadow", (0.1, 0.5))], Design("lhs", 64, 1), BASE, GAME)


def test_the_design_is_in_the_fingerprint_and_the_manifests_grid():
    players = tuple(rl.make_players(["tft", "alld"]))
    one = build_design(RANGES, Design("sobol", 16, 1), BASE, GAME)
    other = build_design(RANGES, Design("sobol", 16, 1, second_order=True), BASE, GAME)
    first = SweepDefinition(players, BASE, GAME, one, 1, 1)
    assert first.identity()["grid"]["design"] == {"name": "sobol", "samples": 16, "seed": 1, "second_order": False}
    assert first.fingerprint != SweepDefinition(players, BASE, GAME, other, 1, 1).fingerprint
    assert one.to_dict() == {"mode": "sobol", "params": {"transparency": [0.3, 1.0], "fine": [0.0, 5.0],
                                                         "noise": [0.0, 0.1]},
                             "cells": 80, "design": {"name": "sobol", "samples": 16, "seed": 1,
                                                     "second_order": False}}
    assert Design.from_dict(one.design.to_dict()) == one.design
    assert Design.from_dict(Design("morris", 4, 9).to_dict()) == Design("morris", 4, 9)
