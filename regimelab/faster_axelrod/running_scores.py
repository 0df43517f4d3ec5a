"""A match's score so far by counting outcomes: ``compute_final_score`` as Second by Tranquilizer calls it.

Second by Tranquilizer (``axelrod.strategies.axelrod_second``) asks at every
move for its score and its opponent's over the whole match so far
(``axelrod.interaction_utils.compute_final_score``), which scores each past
round through ``Game.score`` one at a time: a 200-turn match costs some 20,000
such calls. It sits in the meta teams of long-memory strategies, so every such
team pays it at every move.

The default game's total is its payoffs times the counts of the four outcomes:
integers, so the same sums; returned as axelrod's are, numpy integers from
the game's matrices, so everything computed from them is the same to the bit
(``tests/test_faster_axelrod.py``).
"""

from __future__ import annotations

from axelrod.action import Action
from axelrod.game import Game
from axelrod.interaction_utils import compute_final_score as _axelrod_compute_final_score

C, D = Action.C, Action.D
_SCORES = Game().scores  # (own action, other's) -> (own payoff, other's), numpy integers


def compute_final_score(interactions, game=None):
    """Both players' totals over ``interactions`` (pairs of actions), or None for none; a given game is axelrod's."""
    rounds = list(interactions)
    if game:
        return _axelrod_compute_final_score(rounds, game)
    cc = cd = dc = dd = 0
    for own, other in rounds:
        if own is C:
            if other is C:
                cc += 1
            elif other is D:
                cd += 1
            else:
                return _axelrod_compute_final_score(rounds)  # not two Actions (axelrod also takes 0 and 1)
        elif own is D and other is C:
            dc += 1
        elif own is D and other is D:
            dd += 1
        else:
            return _axelrod_compute_final_score(rounds)
    if not cc + cd + dc + dd:
        return None
    counts = ((C, C), cc), ((C, D), cd), ((D, C), dc), ((D, D), dd)
    return tuple(sum(_SCORES[outcome][side] * count for outcome, count in counts) for side in (0, 1))
