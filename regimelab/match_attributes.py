"""Telling a strategy what its match is (axelrod's ``set_match_attributes``), without numpy's warnings.

A strategy told the expected game G' may divide by a difference of payoffs
that the regime made 0: ZD-GTFT-2 at T' = R' (a fine of 2), ZD-Extort-2 at
P' = S' (axelrod's ``zero_determinant.py``, line 93). On numpy numbers that is
a ``RuntimeWarning`` on the terminal in the middle of a run, not an error. The
strategy then either copes (ZD-GTFT-2) or refuses the game with an error,
which regimelab names up front (``checks.check_told_game``), so the warning
adds nothing a user can act on: it is silenced here, and only here.
"""

from __future__ import annotations

import numpy as np


def tell(player, attributes: dict) -> None:
    """``player.set_match_attributes(**attributes)`` with numpy's divide and invalid warnings silenced."""
    with np.errstate(divide="ignore", invalid="ignore"):
        player.set_match_attributes(**attributes)
