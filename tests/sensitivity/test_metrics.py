"""The metric of a sensitivity analysis (regimelab/sensitivity/metrics.py): parsing it, and one number per cell."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.sensitivity.metrics import Metric, metric_values, parse_metric
from regimelab.sweeps.sweep_file import load_sweep


@pytest.fixture(scope="module")
def sweep(design_sweeps):
    return load_sweep(design_sweeps["sobol"])


@pytest.mark.parametrize("text, metric, column", [
    ("cooperation", Metric("cooperation"), "cell_mean_cooperation"),
    (" Payoff ", Metric("payoff"), "cell_mean_payoff"),
    ("margin", Metric("margin"), "supergame_margin"),
    ("rank:alld", Metric("rank", "Defector"), "rank"),
    ("rank:Tit For Tat", Metric("rank", "Tit For Tat"), "rank"),
    ("score:grudger", Metric("score", "Grudger"), "mean_score_per_turn"),
])
def test_metrics_are_parsed_with_the_players_names(sweep, text, metric, column):
    parsed = parse_metric(text, sweep)
    assert parsed == metric and parsed.column == column
    assert parse_metric(parsed.text, sweep) == parsed


@pytest.mark.parametrize("text, says", [
    ("welfare", "cooperation, payoff, margin, rank:STRATEGY or score:STRATEGY"),
    ("rank:Gradual", "rank:NAME with NAME one of the sweep's players (Tit For Tat, Defector, Grudger)"),
    ("score", "score:NAME"),
    ("margin:tft", "cooperation, payoff, margin"),
])
def test_an_unknown_metric_is_refused_naming_the_choices(sweep, text, says):
    with pytest.raises(InvalidParameter) as error:
        parse_metric(text, sweep)
    assert error.value.parameter == "metric" and says in str(error.value)


def test_a_metric_an_older_sweep_lacks_is_refused(sweep):
    older = dataclasses.replace(sweep, table=sweep.table.drop(columns="supergame_margin"))
    with pytest.raises(InvalidParameter, match="has no column supergame_margin"):
        parse_metric("margin", older)


def test_values_are_one_per_cell_in_cell_order(sweep):
    cells = sweep.table.drop_duplicates("cell")
    assert np.array_equal(metric_values(sweep, Metric("cooperation")), cells["cell_mean_cooperation"].to_numpy())
    defector = sweep.table[sweep.table.player == "Defector"].sort_values("cell")
    assert np.array_equal(metric_values(sweep, Metric("rank", "Defector")), defector["rank"].to_numpy(dtype=float))
    shuffled = dataclasses.replace(sweep, table=sweep.table.sample(frac=1, random_state=1))
    assert np.array_equal(metric_values(shuffled, Metric("margin")), metric_values(sweep, Metric("margin")))
