"""What a picture of a sweep shows (regimelab/sweeps/selection.py): the metric, the axes, the
values held fixed, and the rows at them."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.sweeps.selection import (
    Metric,
    Selection,
    cell_edges,
    choose_axes,
    default_metric,
    match_player,
    parse_at,
    parse_metric,
    select_rows,
)
from regimelab.sweeps.sweep_file import load_sweep


def test_rank_metric_matches_names_case_insensitively_and_short_names(sweeps):
    sweep = load_sweep(sweeps["two"])
    assert parse_metric("rank:tit for tat", sweep.players).player == "Tit For Tat"
    assert parse_metric("RANK:TFT", sweep.players).player == "Tit For Tat"
    assert parse_metric("rank:grim", sweep.players).player == "Grudger"
    assert parse_metric("Cooperation", sweep.players).kind == "cooperation"


PLAYERS = ["Tit For Tat", "Defector", "Grudger"]


@pytest.mark.parametrize("name,player", [("defector", "Defector"), ("ALLD", "Defector"), ("tit-for-tat", "Tit For Tat"),
                                         ("grim", "Grudger"), ("Cooperator", None)])
def test_match_player(name, player):
    assert match_player(name, PLAYERS) == player


@pytest.mark.parametrize("text,words", [("happiness", "cooperation, payoff or rank:STRATEGY"),
                                        ("rank:", "rank:NAME"), ("rank:Nobody", "Tit For Tat, Defector, Grudger"),
                                        ("", "cooperation, payoff")])
def test_a_bad_metric_names_what_is_accepted(text, words):
    with pytest.raises(InvalidParameter, match=words) as caught:
        parse_metric(text, PLAYERS)
    assert caught.value.parameter == "metric"


def test_metric_text_is_what_the_option_takes():
    assert parse_metric(" Payoff ", PLAYERS) == Metric("payoff") and Metric("payoff").text == "payoff"
    assert parse_metric("rank:alld", PLAYERS).text == "rank:Defector"


def test_the_default_metric_is_the_defectors_rank(sweeps):
    assert default_metric(load_sweep(sweeps["two"])) == Metric("rank", "Defector")


def test_at_holds_swept_values(sweeps):
    sweep = load_sweep(sweeps["three"])
    assert parse_at(sweep, ["noise=0.05", "Transparency=0.5"]) == {"noise": 0.05, "transparency": 0.5}
    assert parse_at(sweep, ["noise=0.05,fine=2"]) == {"noise": 0.05, "fine": 2.0}
    assert parse_at(sweep, None) == {}


@pytest.mark.parametrize("texts,words", [(["noise"], "NAME=VALUE"), (["shadow=0.9"], "swept parameter"),
                                         (["noise=0.5"], "0, 0.05"), (["noise=x"], "0, 0.05"),
                                         (["noise=0", "noise=0.05"], "at most once")])
def test_bad_at_values_are_refused(sweeps, texts, words):
    with pytest.raises(InvalidParameter, match=words) as caught:
        parse_at(load_sweep(sweeps["three"]), texts)
    assert caught.value.parameter == "at"


def test_two_swept_parameters_make_a_heatmap_and_one_a_line_plot(sweeps):
    two = choose_axes(load_sweep(sweeps["two"]))
    assert (two.x, two.y, two.kind, two.axes, two.fixed) == ("transparency", "fine", "heatmap",
                                                            ("transparency", "fine"), {})
    swapped = choose_axes(load_sweep(sweeps["two"]), x="fine", y="transparency")
    assert swapped.axes == ("fine", "transparency")
    line = choose_axes(load_sweep(sweeps["two"]), at={"fine": 2})
    assert (line.kind, line.x, line.fixed) == ("lines", "transparency", {"fine": 2.0})


@pytest.mark.parametrize("kwargs,option", [({"x": "noise"}, "x"), ({"x": "fine", "y": "fine"}, "y"),
                                          ({"x": "fine", "at": ["fine=1"]}, "at"),
                                          ({"at": ["fine=1", "transparency=0.5"]}, "at")])
def test_bad_axes_name_the_option(sweeps, kwargs, option):
    with pytest.raises(InvalidParameter) as caught:
        choose_axes(load_sweep(sweeps["two"]), **kwargs)
    assert caught.value.parameter == option


def test_a_oneway_sweep_has_no_second_axis(sweeps):
    with pytest.raises(InvalidParameter, match="left out for a oneway sweep") as caught:
        choose_axes(load_sweep(sweeps["oneway"]), x="fine", y="transparency")
    assert caught.value.parameter == "y"


def test_select_rows_at_the_fixed_values(sweeps):
    sweep = load_sweep(sweeps["two"])
    rows = select_rows(sweep, Selection("transparency", None, {"fine": 2.0}))
    assert len(rows) == 5 * 3 and set(rows["fine"]) == {2.0}  # 5 transparencies, 3 players
    with pytest.raises(InvalidParameter, match="none at fine=3"):
        select_rows(sweep, Selection("transparency", None, {"fine": 3.0}))


def test_cell_edges_lie_halfway_between_values():
    assert cell_edges([0.0, 1.0, 3.0]).tolist() == [-0.5, 0.5, 2.0, 4.0]
    assert cell_edges([2.0]).tolist() == pytest.approx([1.8, 2.2])
    assert np.allclose(cell_edges([0.0]), [-0.5, 0.5])


def test_a_sampled_design_has_no_axes_to_draw(design_sweeps):
    sweep = load_sweep(design_sweeps["sobol"])
    with pytest.raises(InvalidParameter) as error:
        choose_axes(sweep)
    assert error.value.parameter == "sweep"
    assert "this one is a sobol design, whose points make no grid: `regimelab sensitivity` analyses it" in str(
        error.value)
