"""DBS's move without its tree: ``axelrod.strategies.dbs.move_gen`` folded into a table.

axelrod's DBS (Derived Belief Strategy) chooses each move by a minimax search over a tree
of depth 5 (``axelrod.strategies.dbs.move_gen``), built node by node: some
2,000 recursive calls a move, each on a new node object: 0.4 s a 200-turn match.
Five of axelrod's meta strategies have DBS in their teams, so over the whole
library these searches were most of the object engine's time
(docs/performance.md, "The whole library").

A node's value depends only on its depth and its outcome (the two actions),
not on the path to it, so the tree folds into a table of 4 outcomes by depth
(:func:`dbs_move_gen`): the same sums and maxima, in the same order, on the
same numbers, so the same floats and the same move (``tests/
test_faster_axelrod.py`` checks it against axelrod's search, and
``tests/properties/test_parity.py`` keeps whole matches axelrod's).
"""

from __future__ import annotations

from axelrod.action import Action
from axelrod.strategies import dbs

C, D = Action.C, Action.D
_OUTCOMES = ((C, C), (C, D), (D, C), (D, D))
#: The payoffs DBS's tree scores its outcomes by (``dbs.DeterministicNode.get_value``: the standard game).
_LEAF_VALUES = {(C, C): 3, (C, D): 0, (D, C): 5, (D, D): 1}


def dbs_move_gen(outcome, policy, depth_search_tree=5):
    """``axelrod.strategies.dbs.move_gen``: the best move after ``outcome`` against the opponent's ``policy``
    (C on a tie), by :func:`dbs_choice_values`."""
    if depth_search_tree < 1:  # the root is a leaf: axelrod's search returns no choice; keep its behaviour
        return _AXELROD_MOVE_GEN(outcome, policy, depth_search_tree)
    choices = dbs_choice_values(outcome, policy, depth_search_tree)
    return (C, D)[choices.index(max(choices))]


def dbs_choice_values(outcome, policy, depth: int) -> tuple:
    """The values of playing C and of playing D after ``outcome``: ``dbs.minimax_tree_search`` from its root.

    Bottom up, depth by depth (``depth`` >= 1): a leaf (at ``depth``) is worth
    its outcome's payoff; a node above it its payoff plus the better of
    playing C or D, each worth p V(own, C) + (1 - p) V(own, D) one level
    down, p the policy's chance of C after the node's outcome.
    """
    below = dict(_LEAF_VALUES)
    for _ in range(depth - 1):
        level = {}
        for node in _OUTCOMES:
            p = policy[node]
            cooperate = p * below[(C, C)] + (1 - p) * below[(C, D)]
            defect = p * below[(D, C)] + (1 - p) * below[(D, D)]
            level[node] = max(cooperate, defect) + _LEAF_VALUES[node]
        below = level
    p = policy[outcome]
    value = _LEAF_VALUES[outcome]
    return (p * below[(C, C)] + (1 - p) * below[(C, D)] + value,
            p * below[(D, C)] + (1 - p) * below[(D, D)] + value)


_AXELROD_MOVE_GEN = dbs.move_gen
