"""Sensitivity indices (regimelab/sensitivity/indices.py): what each design supports, checked inputs, the
ranking, reproducibility. The known answers (Ishigami, the super-game's closed form) are in
tests/properties/test_sensitivity_indices.py."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from SALib.analyze import rbd_fast
from SALib.analyze import sobol as salib_sobol

from regimelab.errors import InvalidParameter
from regimelab.sensitivity.indices import analyse, analyse_file, describe
from regimelab.sensitivity.metrics import Metric, metric_values
from regimelab.sweeps.designs import salib_problem
from regimelab.sweeps.sweep_file import load_sweep


def test_each_design_gets_its_own_analysis(design_sweeps):
    assert list(analyse_file(design_sweeps["sobol"], "payoff").table.columns) == [
        "rank", "parameter", "symbol", "function", "ST", "ST_conf", "S1", "S1_conf"]
    assert list(analyse_file(design_sweeps["morris"], "payoff").table.columns) == [
        "rank", "parameter", "symbol", "function", "mu_star", "mu_star_conf", "sigma", "mu"]
    assert list(analyse_file(design_sweeps["lhs"], "payoff").table.columns) == [
        "rank", "parameter", "symbol", "function", "S1", "S1_conf"]


def test_the_indices_are_salibs_on_the_cells_in_order(design_sweeps):
    sweep = load_sweep(design_sweeps["lhs"])
    result = analyse(sweep, Metric("payoff"), resamples=200)
    cells = sweep.table.drop_duplicates("cell").sort_values("cell")
    problem = salib_problem(sweep.ranges.items())
    direct = rbd_fast.analyze(problem, cells[list(sweep.ranges)].to_numpy(), metric_values(sweep, Metric("payoff")),
                              num_resamples=200, conf_level=0.95, seed=2)
    table = result.table.set_index("parameter")
    for position, name in enumerate(problem["names"]):
        assert table.loc[name, "S1"] == direct["S1"][position]
        assert table.loc[name, "S1_conf"] == direct["S1_conf"][position]


def test_parameters_are_ranked_by_the_first_index_and_named_with_their_function(design_sweeps):
    result = analyse_file(design_sweeps["sobol"], "payoff")
    assert list(result.table["rank"]) == [1, 2, 3]
    assert list(result.table["ST"]) == sorted(result.table["ST"], reverse=True)
    assert describe("transparency") == ("p", "transparency, verification")
    assert describe("fine") == ("F", "centralized sanction")
    assert describe("T") == ("T", "stage game payoff")


def test_a_parameter_that_cannot_move_the_metric_has_zero_indices(design_sweeps):
    # The strategies do not read payoffs: a fine changes what they earn, never what they play.
    table = analyse_file(design_sweeps["sobol"], "cooperation").table.set_index("parameter")
    assert table.loc["fine", "ST"] == 0 and table.loc["fine", "S1"] == 0
    assert table.loc["fine", "rank"] == 3


def test_the_leader_is_clear_only_when_the_intervals_are_apart(design_sweeps):
    result = analyse_file(design_sweeps["sobol"], "cooperation")
    first, second = result.table.iloc[0], result.table.iloc[1]
    apart = first.ST - first.ST_conf > second.ST + second.ST_conf
    assert result.leader() == {"parameter": first.parameter, "runner_up": second.parameter, "clear": bool(apart)}


def test_second_order_indices_from_a_second_order_design(design_sweeps):
    result = analyse_file(design_sweeps["sobol2"], "payoff", second_order=True)
    assert list(result.pairs.columns) == ["parameter", "other", "S2", "S2_conf"]
    assert [tuple(pair) for pair in result.pairs[["parameter", "other"]].to_numpy()] == [
        ("transparency", "fine"), ("transparency", "noise"), ("fine", "noise")]
    sweep = load_sweep(design_sweeps["sobol2"])
    direct = salib_sobol.analyze(salib_problem(sweep.ranges.items()), metric_values(sweep, Metric("payoff")),
                                 calc_second_order=True, num_resamples=1000, seed=2)
    assert result.pairs.S2[0] == direct["S2"][0, 1] and result.pairs.S2[2] == direct["S2"][1, 2]
    assert analyse_file(design_sweeps["sobol2"], "payoff").pairs is None  # S2 only on request
    assert "second_order" in result.to_dict()


@pytest.mark.parametrize("sweep, method, second_order, says", [
    ("lhs", "sobol", False, "rbd-fast for a lhs design (sobol needs --design sobol)"),
    ("sobol", "morris", False, "sobol for a sobol design (morris needs --design morris)"),
    ("morris", "rbd-fast", False, "morris for a morris design (rbd-fast needs --design lhs)"),
    ("sobol", None, True, "this one is a sobol design without second-order points"),
    ("morris", None, True, "this one is a morris design"),
])
def test_an_analysis_the_design_does_not_support_is_refused(design_sweeps, sweep, method, second_order, says):
    with pytest.raises(InvalidParameter) as error:
        analyse_file(design_sweeps[sweep], "payoff", method, second_order)
    assert says in str(error.value)


def test_a_grid_or_a_table_without_manifest_is_refused(design_sweeps, tmp_path):
    with pytest.raises(InvalidParameter, match="a sweep with a sampled design .* this is a grid sweep"):
        analyse_file(design_sweeps["grid"], "payoff")
    bare = tmp_path / "bare.parquet"
    bare.write_bytes(design_sweeps["sobol"].read_bytes())
    with pytest.raises(InvalidParameter, match="this is a table without its manifest"):
        analyse_file(bare, "payoff")


def test_an_incomplete_or_reordered_design_is_refused(design_sweeps):
    sweep = load_sweep(design_sweeps["sobol"])
    cut = dataclasses.replace(sweep, table=sweep.table[sweep.table.cell < 40])
    with pytest.raises(InvalidParameter, match=r"a complete sweep of its sobol design \(80 cells; the table has 40\)"):
        analyse(cut, Metric("payoff"))
    table = sweep.table.copy()
    table["fine"] = table["fine"].to_numpy()[::-1]
    with pytest.raises(InvalidParameter, match="the table's cells are not the points its manifest's design draws"):
        analyse(dataclasses.replace(sweep, table=table), Metric("payoff"))


def test_a_metric_that_does_not_vary_is_refused(design_sweeps):
    sweep = load_sweep(design_sweeps["sobol"])
    table = sweep.table.copy()
    table["cell_mean_payoff"] = 2.5
    with pytest.raises(InvalidParameter, match="it is 2.5 in every cell: no parameter moves it"):
        analyse(dataclasses.replace(sweep, table=table), Metric("payoff"))


def test_the_same_file_gives_the_same_numbers(design_sweeps):
    first = json.dumps(analyse_file(design_sweeps["morris"], "margin").to_dict(), sort_keys=True)
    assert json.dumps(analyse_file(design_sweeps["morris"], "margin").to_dict(), sort_keys=True) == first
    data = json.loads(first)
    assert data["method"] == "morris" and data["metric"] == "margin" and data["confidence"] == 0.95
    assert data["design"] == {"name": "morris", "samples": 6, "seed": 2, "levels": 4}
    assert data["cells"] == 6 * 4 and data["ranked_by"] == "mu_star"
    assert np.isfinite([row["mu_star"] for row in data["indices"]]).all()
