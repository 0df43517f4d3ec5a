"""What a society produced (regimelab/society/results.py): each repetition's record, the means
over repetitions per actor and per period, survival, the summary, and the JSON contract."""

from __future__ import annotations

import math

import numpy as np
import pytest
from society_helpers import busy_society, society

import regimelab as rl
from regimelab.society import RunRecord, SocietyResult, run_society
from regimelab.society.results import ACTOR_COLUMNS, PERIOD_COLUMNS


def test_result_dict_has_the_contract_keys():
    result = run_society(busy_society(), 2, 1)
    data = result.to_dict()
    assert {"actors", "periods", "survival", "seed"} <= set(data)
    assert set(data["actors"][0]) == {
        "name", "strategy", "member", "total_score", "mean_score_per_period", "ci95", "first_share",
        "cooperation_rate", "violations", "periods_excluded",
    }
    assert set(data["periods"][0]) == {
        "period", "member_cooperation", "cross_cooperation", "outsider_cooperation", "exclusions_active",
    }
    assert data["periods"][0]["period"] == 1 and data["seed"] == 1
    assert data["periods"][0]["outsider_cooperation"] is None  # one outsider: no outsider-outsider edge


@pytest.mark.parametrize("curve,expected", [
    ([0.9, 0.8, 0.4, 0.3], 2),
    ([0.9, 0.4, 0.6, 0.4], 3),
    ([0.4, 0.3], 0),
    ([0.9, 0.4, 0.6], None),
    ([float("nan"), 0.9, float("nan"), 0.2, float("nan")], 2),
    ([float("nan")], None),
])
def test_survival_is_the_last_period_at_or_above_one_half_when_cooperation_ends_below(curve, expected):
    from regimelab.society.results import survival_period

    assert survival_period(curve) == expected


# -- means over hand-made repetitions ------------------------------------------------------


PAIR = society(("A", "Tit For Tat"), ("B", "Defector"))


def record(periods, scores, cooperations, member_cooperation, exclusions=None, events=()):
    """One repetition of PAIR (one member edge, one move per actor and period)."""
    by_kind = np.zeros((periods, 3))
    by_kind[:, 0] = member_cooperation
    moves = np.zeros((periods, 3))
    moves[:, 0] = 2
    return RunRecord(
        periods=periods, scores=np.array(scores, dtype=float), moves=np.array([periods, periods]),
        cooperations=np.array(cooperations), violations=np.array([0, periods - 1]),
        periods_excluded=np.array([0, 1]), cooperation_by_kind=by_kind, moves_by_kind=moves,
        exclusions_active=np.zeros(periods) if exclusions is None else np.array(exclusions, dtype=float),
        exclusions_declared=1, events=list(events),
    )


@pytest.fixture
def two_runs():
    """Two repetitions: 2 periods (A 0 + 1, B 5 + 1), then 4 periods (A 0 + 3 x 1, B 5 + 3 x 1)."""
    short = record(2, [1, 6], [1, 0], [1, 0], exclusions=[0, 1])
    long = record(4, [3, 8], [1, 0], [1, 0, 0, 0], events=[{"period": 3, "actor": "B", "event": "turnover"}])
    return SocietyResult(society=PAIR, repetitions=2, seed=5, runs=[short, long])


def test_actor_rows_are_means_over_repetitions(two_runs):
    actors = two_runs.actors
    assert list(actors.columns) == ACTOR_COLUMNS
    assert actors.name.tolist() == ["A", "B"] and actors.strategy.tolist() == ["Tit For Tat", "Defector"]
    assert actors.total_score.tolist() == [2.0, 7.0]
    assert actors.mean_score_per_period.tolist() == pytest.approx([(0.5 + 0.75) / 2, (3 + 2) / 2])
    assert actors.cooperation_rate.tolist() == pytest.approx([(1 / 2 + 1 / 4) / 2, 0])
    assert actors.violations.tolist() == [0, 2] and actors.periods_excluded.tolist() == [0, 1]
    assert actors.first_share.tolist() == [0, 1]
    assert actors.ci95_low[0] < actors.mean_score_per_period[0] < actors.ci95_high[0]


def test_period_rows_are_means_over_the_repetitions_that_reach_them(two_runs):
    periods = two_runs.periods
    assert list(periods.columns) == PERIOD_COLUMNS and two_runs.length == 4
    assert periods.period.tolist() == [1, 2, 3, 4]
    assert periods.member_cooperation.tolist() == [0.5, 0.0, 0.0, 0.0]  # C by A of 2 moves, then none
    assert periods.exclusions_active.tolist() == [0.0, 0.5, 0.0, 0.0]
    assert periods.cross_cooperation.isna().all() and periods.outsider_cooperation.isna().all()
    assert two_runs.survival == 1


def test_summary_counts_per_repetition(two_runs):
    summary = two_runs.summary()
    assert summary["mean_member_cooperation"] == pytest.approx(2 / 12)  # 2 C of 12 member moves
    assert summary["mean_periods"] == 3.0 and two_runs.mean_periods == 3.0
    assert summary["exclusions_declared"] == 1.0 and summary["leader_changes"] == 0.5
    low, high = summary["mean_member_cooperation_ci95"]
    assert low <= 2 / 12 <= high
    assert two_runs.events(1) == [{"period": 3, "actor": "B", "event": "turnover"}] and two_runs.events(0) == []


def test_cooperation_shares_are_nan_where_no_edge_of_that_kind_played():
    shares = record(2, [1, 6], [1, 0], [1, 0]).cooperation_shares()
    assert shares[:, 0].tolist() == [0.5, 0.0]
    assert np.isnan(shares[:, 1:]).all()


def test_without_member_edges_there_is_no_member_cooperation():
    outsiders = society(("A", "Cooperator", False), ("B", "Cooperator", False), regime=rl.Regime(turns=3))
    result = run_society(outsiders, 2, 1)
    assert result.mean_member_cooperation is None and result.mean_member_cooperation_ci95 is None
    assert result.survival is None
    assert result.periods.outsider_cooperation.tolist() == [1.0, 1.0, 1.0]


def test_the_scenario_is_named_in_the_json_only_when_there_is_one(two_runs):
    assert "scenario" not in two_runs.to_dict()
    named = SocietyResult(society=PAIR, repetitions=2, seed=5, runs=two_runs.runs, name="pair", title="A pair",
                          variant="baseline")
    data = named.to_dict()
    assert data["scenario"] == {"name": "pair", "title": "A pair", "variant": "baseline"}
    assert data["repetitions"] == 2 and data["survival"] == 1
    assert data["society"]["edges"] == 1 and data["society"]["turnover"] is None
    assert data["actors"][0]["ci95"] is not None and not math.isnan(data["actors"][0]["ci95"][0])
