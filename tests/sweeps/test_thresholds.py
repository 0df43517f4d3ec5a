"""The model's thresholds at the points of a sweep (regimelab/sweeps/thresholds.py, model page
§5): closed forms and explain's values along the other axis, the pair, and how they read."""

import pytest
from sweep_examples import GAME, GRIM_PAIR, SHADOW, p_star_closed_form

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.sweeps.thresholds import (
    DENSE_POINTS,
    ThresholdCurve,
    ThresholdLine,
    format_threshold,
    is_supergame,
    sample_points,
    strategy_pair,
    threshold_curve,
    threshold_lines,
    thresholds_of,
)


def test_the_p_star_curve_along_the_fine_is_explains():
    grim = strategy_pair(*GRIM_PAIR)
    curve = threshold_curve(rl.Regime(shadow=SHADOW), GAME, "transparency", "fine", [0.0, 1.0, 2.0, 4.0], {}, grim)
    assert curve.symbol == "p*" and curve.label == "p*(F)"
    assert curve.value_at(0.0) == pytest.approx(p_star_closed_form(SHADOW), abs=1e-9)
    for fine_value in (1.0, 2.0, 4.0):
        assert curve.value_at(fine_value) == pytest.approx(
            rl.threshold_search.critical_transparency(rl.Regime(shadow=SHADOW, fine=fine_value), GAME), abs=1e-12
        )


def test_shadow_curve_is_the_closed_form_and_none_without_detection():
    base = rl.Regime(shadow=0.5)
    curve = threshold_curve(base, GAME, "shadow", "transparency", [0.0, 0.5, 1.0], {}, strategy_pair(*GRIM_PAIR))
    assert curve.symbol == "w*" and curve.method == "closed form"
    for p in (0.5, 1.0):  # w* = (T-R)/((T-R) + p(R-P))
        assert curve.value_at(p) == pytest.approx(2 / (2 + 2 * p))
    assert curve.value_at(0.0) is None
    assert len(curve.along_values) > 3  # closed forms are drawn as smooth curves


def test_fine_threshold_with_false_alarms_and_transaction_costs():
    base = rl.Regime(shadow=0.9, transparency=0.8, false_alarm=0.2, transaction_cost=0.5)
    curve = threshold_curve(base, GAME, "fine", "false_alarm", [0.0, 0.2, 0.8], {})
    assert curve.value_at(0.0) == pytest.approx((2 + 0.5) / 0.8)
    assert curve.value_at(0.2) == pytest.approx((2 + 0.5) / 0.6)
    assert curve.value_at(0.8) is None  # p <= a: fines fall on compliers as often as on cheaters


def test_each_parameter_has_its_thresholds_stage_game_first():
    assert [kind.symbol for kind in thresholds_of("fine")] == ["F*", "F*sg"]
    assert [kind.symbol for kind in thresholds_of("shadow")] == ["w*"]
    assert [kind.symbol for kind in thresholds_of("transparency")] == ["p*"]
    assert thresholds_of("noise") == []


def test_threshold_lines_at_the_fixed_values():
    stage, supergame = threshold_lines(rl.Regime(shadow=SHADOW), GAME, "fine", {"transparency": 0.5})
    assert (stage.value, stage.label, stage.method) == (pytest.approx(4.0), "F* = 4", "closed form")
    assert not is_supergame(stage) and is_supergame(supergame)
    assert supergame.value < stage.value and "Tit For Tat" in supergame.meaning
    (none,) = threshold_lines(rl.Regime(shadow=0.5), GAME, "shadow", {"transparency": 0.0})
    assert none.value is None and none.label == "w*: none" and none.none.startswith("no shadow below 1")


@pytest.mark.parametrize("value,text", [(0.1111, "0.11"), (4.0, "4"), (0.0079, "0.0079"), (0.0, "0"),
                                        (2.5, "2.5"), (-0.05, "-0.05")])
def test_format_threshold(value, text):
    assert format_threshold(value) == text


def test_sample_points_keep_the_swept_values_and_add_between():
    assert sample_points("fine", [0.0, 1.0, 2.0], dense=False) == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert len(sample_points("fine", [0.0, 2.0], dense=True)) == DENSE_POINTS
    assert sample_points("fine", [0, 1, 2, 3, 4, 5, 6], dense=False) == [0, 1, 2, 3, 4, 5, 6]  # many: no more
    assert sample_points("fine", [0.0, 1.0], dense=False, extra_points=[0.25, 7.0]) == [0.0, 0.25, 0.5, 1.0]
    assert sample_points("turns", [10, 13], dense=False) == [10.0, 12.0, 13.0]  # whole turns


def test_missing_runs_are_the_ranges_without_a_threshold():
    curve = ThresholdCurve("fine", "transparency", "F*", (0.0, 0.1, 0.5, 0.9, 1.0), (None, None, 4.0, None, None),
                           (0.0, 1.0), "closed form", "")
    assert curve.missing_runs() == [(0.0, 0.1), (0.9, 1.0)]
    assert curve.value_at(0.5) == 4.0 and curve.label == "F*(p)"
    with pytest.raises(KeyError):
        curve.value_at(0.3)
    assert ThresholdLine("fine", "F*", 0.0079, "closed form", "").label == "F* = 0.0079"


def test_the_default_pair_is_tit_for_tat_against_the_defector():
    assert strategy_pair().names == ("Tit For Tat", "Defector") and not strategy_pair().is_default
    grim = strategy_pair(*GRIM_PAIR)
    assert grim.names == ("Grudger", "Defector") and grim.is_default  # explain's pair: its closed forms apply


@pytest.mark.parametrize("strategy,against,option,words", [
    ("", None, "strategy", "a strategy's name"),
    (None, "Tit For Tatt", "against", "did you mean 'Tit For Tat'"),
    ("Status Quo Power", None, "strategy", "finite-state strategy"),
])
def test_a_bad_pair_names_the_option(strategy, against, option, words):
    with pytest.raises(InvalidParameter, match=words) as caught:
        strategy_pair(strategy, against)
    assert caught.value.parameter == option


def test_a_parameter_without_thresholds_has_no_curve():
    assert threshold_curve(rl.Regime(shadow=SHADOW), GAME, "noise", "fine", [0.0, 1.0], {}) is None
