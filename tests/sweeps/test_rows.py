"""The rows of a sweep's table (regimelab/sweeps/rows.py): their columns, and what is wrong with
a cell's rows read back from a partial file."""

import copy

import pytest

from regimelab.sweeps.rows import CELL_COLUMNS, ROW_COLUMNS, SAVED_ROW_KEYS, rows_problem

NAMES = ["Tit For Tat", "Defector"]


def row(player: str, rank: int) -> dict:
    return {
        "player": player, "rank": rank, "mean_score_per_turn": 2.5, "ci95_low": None, "ci95_high": None,
        "median_score_per_turn": 2.5, "first_share": 0.5, "mean_match_score": 25, "cooperation_rate": 0.5,
        "cell_mean_cooperation": 0.25, "cell_mean_payoff": 2.0, "expected_class": "prisoners_dilemma",
        "winner": "Defector", "winner_robust": None, "supergame_margin": 1.5,
    }


GOOD = [row("Defector", 1), row("Tit For Tat", 2)]


def test_the_columns():
    assert ROW_COLUMNS[0] == "cell" and set(CELL_COLUMNS) <= set(ROW_COLUMNS)
    assert SAVED_ROW_KEYS == frozenset(ROW_COLUMNS) - {"cell"} == frozenset(GOOD[0])


def test_good_rows_have_no_problem():
    assert rows_problem(GOOD, NAMES) is None
    numbers = copy.deepcopy(GOOD)
    numbers[0].update(ci95_low=1.0, ci95_high=3.0, winner_robust=True)
    numbers[1].update(winner_robust=True)
    assert rows_problem(numbers, NAMES) is None


def changed(index: int, **changes) -> list:
    rows = copy.deepcopy(GOOD)
    rows[index].update(changes)
    return rows


@pytest.mark.parametrize("rows,problem", [
    ({"rows": GOOD}, "rows is a dict, not a list"),
    (GOOD[:1], "1 rows, not one for each of the 2 players"),
    ([GOOD[0], "Tit For Tat"], "row 2: a str, not a record"),
    ([{k: v for k, v in GOOD[0].items() if k != "rank"}, GOOD[1]], "row 1: missing rank"),
    ([{**GOOD[0], "cell": 0}, GOOD[1]], "row 1: unexpected cell"),
    (changed(1, player="Grudger"), "row 2: player 'Grudger' is not in this sweep"),
    (changed(0, winner="Grudger"), "row 1: winner 'Grudger' is not in this sweep"),
    (changed(0, rank=3), "row 1: rank 3 is not 1 to 2"),
    (changed(0, rank=True), "row 1: rank True is not 1 to 2"),
    (changed(0, mean_score_per_turn="2.5"), "row 1: mean_score_per_turn '2.5' is not a number"),
    (changed(0, first_share=False), "row 1: first_share False is not a number"),
    (changed(0, expected_class=3), "row 1: expected_class 3 is not a name"),
    (changed(0, winner_robust="yes"), "row 1: winner_robust 'yes' is not true, false or null"),
    ([GOOD[0], GOOD[0]], "the rows are not one for each player"),
    (changed(1, cell_mean_payoff=2.5), "the rows disagree on cell_mean_payoff"),
])
def test_each_problem_is_named(rows, problem):
    assert rows_problem(rows, NAMES) == problem
