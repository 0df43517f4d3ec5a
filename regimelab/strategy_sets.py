"""The named sets of strategies and the built-in default, as names and words only.

Kept apart from :mod:`regimelab.players` (which builds the sets, and imports
axelrod to do so) because the command line shows them in ``--help``, which
must start without importing axelrod.
"""

from __future__ import annotations

#: A built-in default for `regimelab run`: classic strategies chosen so that the
#: regime matters. Reciprocators (TFT, Grudger, GTFT, WSLS) prosper when
#: defections are seen; Defector and the probing strategies gain when they are
#: not; Cooperator is exploited unless fines protect it.
DEFAULT_STRATEGIES = (
    "Cooperator",
    "Defector",
    "Tit For Tat",
    "Grudger",
    "GTFT",
    "Win-Stay Lose-Shift",
    "Suspicious Tit For Tat",
    "Prober",
    "Random",
)

#: Every named set (``--set NAME``) with its one-line description; ``regimelab.players.NAMED_SETS``
#: gives each its builder.
SET_DESCRIPTIONS = {
    "basic": "axelrod's basic strategies",
    "axelrod-first": "the strategies of Axelrod's first tournament",
    "demo": "axelrod's demonstration strategies",
    "default": "regimelab's built-in default",
    "all": "every strategy, axelrod's and regimelab's",
    "finite": "every strategy with a finite-state form (those the exact engine computes)",
}
