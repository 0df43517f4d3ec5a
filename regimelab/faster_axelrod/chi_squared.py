"""The chi-squared test of an opponent's counts, worked out once per pair of counts (two first-tournament strategies).

First by Graaskamp tests at every move after the 56th, and First by Stein and
Rapoport every 15th, whether the opponent plays at random: scipy's
``chisquare`` on (its cooperations, its defections). In a 200-turn match
those counts take a few hundred values, and scipy's test costs some 0.2 ms a
call. The p-value depends only on the two counts, so it is computed once per
pair of counts and kept: scipy's own result, the same float
(``tests/test_faster_axelrod.py``).
"""

from __future__ import annotations

from functools import lru_cache

from axelrod.strategies import axelrod_first

_SCIPY_CHISQUARE = axelrod_first.chisquare


def chisquare(f_obs, *args, **kwargs):
    """``scipy.stats.chisquare``, kept per pair of integer counts (any other call is scipy's own)."""
    if not args and not kwargs and len(f_obs) == 2 and all(type(count) is int for count in f_obs):
        return _two_counts(*f_obs)
    return _SCIPY_CHISQUARE(f_obs, *args, **kwargs)


@lru_cache(maxsize=4096)
def _two_counts(first: int, second: int):
    return _SCIPY_CHISQUARE([first, second])
