"""One edge's payoffs (regimelab/society/model_payoffs.py, model page §7.3): a symmetric game,
exchange terms or two matrices, each actor's own view."""

from __future__ import annotations

import numpy as np
import pytest
from society_helpers import actor_row, society

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import EdgePayoffs, run_society
from regimelab.society.model_payoffs import exchange_matrix


def test_exchange_payoffs_give_each_side_its_own_game():
    """Patron (b=4, c=1.5) and client (b=2, c=0.5), both complying: the patron gets
    2 - 1.5 = 0.5, the client 4 - 0.5 = 3.5 per period; a third, default edge pays R=3."""
    s = society(("Patron", "Cooperator"), ("Client", "Cooperator"), ("Other", "Cooperator"),
                payoffs=(EdgePayoffs.exchange("Patron", "Client", benefit=(4, 2), cost=(1.5, 0.5)),),
                regime=rl.Regime(turns=10))
    result = run_society(s, 1, 1)
    assert actor_row(result, "Patron")["mean_score_per_period"] == pytest.approx(0.5 + 3)
    assert actor_row(result, "Client")["mean_score_per_period"] == pytest.approx(3.5 + 3)


def test_matrices_follow_axelrods_asymmetric_game_convention():
    row = [[1, 2], [3, 4]]  # the first actor's payoffs, [first's action][second's action]
    column = [[10, 20], [30, 40]]  # the second actor's, same indexing
    s = society(("First", "Defector"), ("Second", "Cooperator"),
                payoffs=(EdgePayoffs.matrices("First", "Second", row, column),), regime=rl.Regime(turns=1))
    result = run_society(s, 1, 1)
    assert actor_row(result, "First")["total_score"] == 3  # (D, C): row[1][0]
    assert actor_row(result, "Second")["total_score"] == 30  # column[1][0]


def test_exchange_matrix_is_r_s_t_p_from_benefit_and_cost():
    # R = received - cost, S = -cost, T = received, P = 0
    assert exchange_matrix(4.0, 1.5).tolist() == [[2.5, -1.5], [4.0, 0.0]]


def test_exchange_gives_each_side_what_the_other_complying_brings():
    edge = EdgePayoffs.exchange("A", "B", benefit=(4, 2), cost=(1.5, 0.5))
    assert edge.form == "exchange" and edge.between == ("A", "B")
    assert edge.first.tolist() == [[0.5, -1.5], [2.0, 0.0]]  # A receives B's benefit 2, pays its own cost 1.5
    assert edge.second.tolist() == [[3.5, -0.5], [4.0, 0.0]]  # B receives A's benefit 4, pays 0.5


def test_symmetric_edge_gives_both_the_games_matrix():
    edge = EdgePayoffs.symmetric("A", "B", rl.Game(4, 0, 6, 1))
    assert edge.form == "game"
    assert edge.first.tolist() == edge.second.tolist() == [[4, 0], [6, 1]]
    assert edge.first is not edge.second


def test_matrices_turn_the_column_players_matrix_to_its_own_view():
    edge = EdgePayoffs.matrices("A", "B", [[1, 2], [3, 4]], [[10, 20], [30, 40]])
    assert edge.first.tolist() == [[1, 2], [3, 4]]
    assert edge.second.tolist() == [[10, 30], [20, 40]]  # [B's action][A's action]


def test_for_pair_follows_the_order_asked():
    edge = EdgePayoffs.exchange("A", "B", benefit=(4, 2), cost=(1.5, 0.5))
    first, second = edge.for_pair("B", "A")
    assert first is edge.second and second is edge.first
    assert edge.for_pair("A", "B") == (edge.first, edge.second)


def test_equal_edges_compare_and_hash_by_value():
    one = EdgePayoffs.symmetric("A", "B", rl.Game())
    two = EdgePayoffs(("A", "B"), np.array(rl.Game().matrix()), rl.Game().matrix().tolist())
    assert one == two and hash(one) == hash(two)
    assert one != EdgePayoffs.symmetric("B", "A", rl.Game())
    assert one.to_dict() == {"between": ["A", "B"], "first": [[3, 0], [5, 1]], "second": [[3, 0], [5, 1]]}


@pytest.mark.parametrize("build,parameter", [
    (lambda: EdgePayoffs.symmetric("A", "A", rl.Game()), "between"),
    (lambda: EdgePayoffs(("A",), [[1, 2], [3, 4]], [[1, 2], [3, 4]]), "between"),
    (lambda: EdgePayoffs.exchange("A", "B", benefit=(1,), cost=(0, 0)), "benefit"),
    (lambda: EdgePayoffs.exchange("A", "B", benefit=(1, 1), cost="00"), "cost"),
    (lambda: EdgePayoffs.exchange("A", "B", benefit=(1, float("inf")), cost=(0, 0)), "benefit"),
    (lambda: EdgePayoffs.matrices("A", "B", [[1, 2], [3]], [[1, 2], [3, 4]]), "row"),
    (lambda: EdgePayoffs.matrices("A", "B", [[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]]), "column"),
    (lambda: EdgePayoffs.matrices("A", "B", [[1, True], [3, 4]], [[1, 2], [3, 4]]), "row"),
    (lambda: EdgePayoffs(("A", "B"), [[1, 2], [3, float("nan")]], [[1, 2], [3, 4]]), "payoffs"),
])
def test_bad_payoffs_name_the_parameter(build, parameter):
    with pytest.raises(InvalidParameter) as caught:
        build()
    assert caught.value.parameter == parameter
