"""How sure a simulated result is: intervals over repetitions and shares of wins.

A tournament's repetitions are independent draws of the same experiment (each
pairing's matches draw from their own seeds), so a player's score per turn in
a repetition is one sample, and the usual Student-t interval of the mean over
repetitions applies. Two regimes compared with the same seed play the same
match seeds, so their repetitions are *paired*: the interval of a change is
the t interval of the per-repetition differences, far narrower than the two
intervals side by side when most of the noise is shared.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from scipy import stats

#: The confidence level of every interval regimelab prints.
LEVEL = 0.95
#: Scores this close count as a tie for first (sums of the same payoffs in
#: another order differ in the last bits).
TIE_TOLERANCE = 1e-9


@lru_cache(maxsize=256)
def t_quantile(degrees_of_freedom: int) -> float:
    """The Student-t quantile of the 95% two-sided interval (cached: scipy takes 0.1 ms a call, and a
    tournament's table asks it once per pair for the same few degrees of freedom)."""
    return float(stats.t.ppf(0.5 + LEVEL / 2, degrees_of_freedom))


def mean_intervals(samples) -> np.ndarray:
    """The 95% t interval of the mean of each row of ``samples``, shape (rows, 2).

    Rows with fewer than two samples have no interval (NaN, NaN); rows whose
    samples are all equal have the zero-width interval at that value.
    """
    samples = np.atleast_2d(np.asarray(samples, dtype=float))
    count = samples.shape[1]
    if count < 2:
        return np.full((samples.shape[0], 2), np.nan)
    mean = samples.mean(axis=1)
    half = t_quantile(count - 1) * samples.std(axis=1, ddof=1) / np.sqrt(count)
    return np.column_stack([mean - half, mean + half])


def mean_interval(samples) -> tuple[float, float]:
    """The 95% t interval of the mean of ``samples`` (NaN, NaN with fewer than two)."""
    low, high = mean_intervals(np.asarray(samples, dtype=float)[None, :])[0]
    return float(low), float(high)


def ratio_interval(numerators, denominators) -> tuple[float, float]:
    """The 95% interval of sum(numerators) / sum(denominators) over repetitions.

    A pooled share (C moves over all moves, when repetitions differ in length)
    is a ratio estimator; its standard error is the delta method's,
    sd(n_r - ratio * d_r) / (sqrt(R) * mean(d_r)) (Cochran, *Sampling
    Techniques*, 1977, §6.4). (NaN, NaN) with fewer than two repetitions.
    """
    numerators, denominators = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    count = len(numerators)
    if count < 2 or denominators.sum() <= 0:
        return (np.nan, np.nan)
    ratio = numerators.sum() / denominators.sum()
    error = np.std(numerators - ratio * denominators, ddof=1) / (np.sqrt(count) * denominators.mean())
    half = t_quantile(count - 1) * error
    return (float(ratio - half), float(ratio + half))


def excludes_zero(interval) -> bool:
    """True when the interval lies wholly above or wholly below 0 (a distinguishable change)."""
    low, high = interval
    return bool(low > 0 or high < 0)


def first_shares(scores) -> np.ndarray:
    """Per row, the share of columns (repetitions) in which it has the top score.

    ``scores`` is players x repetitions. Players tied for the top of a
    repetition share it equally, so the shares sum to 1 over players.
    """
    scores = np.asarray(scores, dtype=float)
    top = np.nanmax(scores, axis=0)
    leaders = scores >= top - TIE_TOLERANCE * np.maximum(1.0, np.abs(top))
    return (leaders / leaders.sum(axis=0)).mean(axis=1)


def leads_clearly(scores, leader: int) -> bool | None:
    """Whether ``leader``'s paired lead over every other row has a 95% interval above 0.

    ``scores`` is players x repetitions. None with fewer than two repetitions
    (there is no interval to judge by).
    """
    scores = np.asarray(scores, dtype=float)
    if scores.shape[1] < 2:
        return None
    others = np.delete(np.arange(len(scores)), leader)
    lows = mean_intervals(scores[leader] - scores[others])[:, 0]
    return bool(np.all(lows > 0))
