"""Uncertainty on simulated results (regimelab/statistics.py): the intervals and the shares of wins.

The interval formulas are checked against scipy's and against their coverage
on data with a known mean; the tournament's intervals against the exact
engine's expected values (they must cover them about 95% of the time). The
paired intervals of `compare` are tested in tests/test_compare.py; the JSON
and tables of `run`, `compare` and `society`, with the fields the model page
(§3, "uncertainty") promises, in tests/cli/.
"""


import numpy as np
import pytest
from scipy import stats

import regimelab as rl
from regimelab.statistics import (
    excludes_zero,
    first_shares,
    leads_clearly,
    mean_interval,
    mean_intervals,
    ratio_interval,
)


def test_mean_interval_is_students_t_interval():
    samples = np.random.default_rng(1).normal(2.0, 0.5, 12)
    low, high = mean_interval(samples)
    expected = stats.t.interval(0.95, len(samples) - 1, loc=samples.mean(), scale=stats.sem(samples))
    assert (low, high) == pytest.approx(expected, abs=1e-12)


def test_mean_intervals_of_constant_rows_and_single_samples():
    intervals = mean_intervals([[1.5, 1.5, 1.5], [0.0, 1.0, 2.0]])
    assert intervals[0].tolist() == [1.5, 1.5]
    assert intervals[1][0] < 1 < intervals[1][1]
    assert np.isnan(mean_intervals([[3.0]])).all()


def test_first_shares_split_ties_and_sum_to_one():
    scores = np.array([[3.0, 1.0, 2.0, 2.0], [1.0, 3.0, 2.0, 1.0], [0.0, 0.0, 2.0, 2.0]])
    shares = first_shares(scores)
    assert shares.tolist() == pytest.approx([(1 + 0 + 1 / 3 + 1 / 2) / 4, (0 + 1 + 1 / 3 + 0) / 4,
                                             (0 + 0 + 1 / 3 + 1 / 2) / 4])
    assert shares.sum() == pytest.approx(1.0)


def test_leads_clearly_needs_every_paired_lead_above_zero():
    clear = np.array([[2.0, 2.1, 2.2, 2.0], [1.0, 1.2, 1.1, 1.0], [0.5, 0.4, 0.6, 0.5]])
    assert leads_clearly(clear, 0) is True
    tied = np.array([[2.0, 2.1, 2.2, 2.0], [2.1, 2.0, 2.2, 1.9]])
    assert leads_clearly(tied, 0) is False
    assert leads_clearly(np.array([[2.0], [1.0]]), 0) is None
    assert excludes_zero((0.1, 0.2)) and excludes_zero((-0.2, -0.1)) and not excludes_zero((-0.1, 0.1))


def test_intervals_cover_the_true_mean_about_95_percent_of_the_time():
    # 4,000 normal data sets of 10 samples with a known mean: coverage 0.95 within 3 SE (0.0034 each)
    rng = np.random.default_rng(2)
    data = rng.normal(1.0, 2.0, (4000, 10))
    intervals = mean_intervals(data)
    covered = np.mean((intervals[:, 0] <= 1.0) & (1.0 <= intervals[:, 1]))
    assert abs(covered - 0.95) < 0.011
    # the ratio estimator: C moves out of a random number of moves, true share 0.3
    hits = 0
    for _ in range(2000):
        moves = rng.geometric(0.1, 30)
        cooperations = rng.binomial(moves, 0.3)
        low, high = ratio_interval(cooperations, moves)
        hits += low <= 0.3 <= high
    assert abs(hits / 2000 - 0.95) < 0.02


def test_simulated_intervals_cover_the_exact_values():
    # The exact engine gives the expectation that each simulated mean estimates (E[total/L]
    # under a shadow): over 40 seeds, every player's 95% interval covers it about 95% of the time.
    players = ["tft", "alld", "wsls", "grudger"]
    regime = rl.Regime(shadow=0.8, noise=0.05, transparency=0.8, fine=1)
    exact = rl.run_exact_tournament(rl.make_players(players), regime).players.set_index("name")
    covered = total = 0
    for seed in range(40):
        result = rl.run_tournament(rl.make_players(players), regime, repetitions=20, seed=seed)
        for row in result.players.itertuples():
            covered += row.ci95_low <= exact.loc[row.name, "mean_score_per_turn"] <= row.ci95_high
            total += 1
    assert 0.88 <= covered / total <= 0.995, covered / total
