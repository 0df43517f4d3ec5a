"""The rows of a sweep's table: their columns, and checking a cell's rows read back from a file.

A cell's rows are made by :func:`regimelab.sweeps.runner.run_cell`, one per
player, and saved as JSON in the partial file; the cell's index and swept
values are added from the grid when the table is assembled, never from a
saved row.
"""

from __future__ import annotations

ROW_COLUMNS = [
    "cell", "player", "rank", "mean_score_per_turn", "ci95_low", "ci95_high", "median_score_per_turn",
    "first_share", "mean_match_score", "cooperation_rate", "cell_mean_cooperation", "cell_mean_payoff",
    "expected_class", "winner", "winner_robust", "supergame_margin",
]
CELL_COLUMNS = ["cell", "cell_mean_cooperation", "cell_mean_payoff", "expected_class", "winner", "winner_robust",
                "supergame_margin"]
#: Columns a table written before regimelab recorded them may lack (it is still a sweep's table).
LATER_COLUMNS = ("supergame_margin",)

#: The keys of a saved row: every column but the cell's index (and its swept values), which the grid gives.
SAVED_ROW_KEYS = frozenset(ROW_COLUMNS) - {"cell"}
_NUMBERS = ("mean_score_per_turn", "median_score_per_turn", "mean_match_score", "cooperation_rate",
            "cell_mean_cooperation", "cell_mean_payoff", "supergame_margin")
_NUMBERS_OR_NONE = ("ci95_low", "ci95_high", "first_share")  # None: no interval (exact, or one repetition)
_SAME_IN_EVERY_ROW = ("cell_mean_cooperation", "cell_mean_payoff", "expected_class", "winner", "winner_robust",
                      "supergame_margin")


def rows_problem(rows, names: list[str]) -> str | None:
    """What is wrong with ``rows`` as one cell's saved rows for players ``names``; None if nothing.

    The rows must be a list of one dict per player, each with exactly the
    saved columns, values of the right types, every player once, ranks 1 to
    the number of players, and the same cell-level values in every row.
    """
    if not isinstance(rows, list):
        return f"rows is a {type(rows).__name__}, not a list"
    if len(rows) != len(names):
        return f"{len(rows)} rows, not one for each of the {len(names)} players"
    for number, row in enumerate(rows, 1):
        problem = _row_problem(row, names)
        if problem:
            return f"row {number}: {problem}"
    if sorted(row["player"] for row in rows) != sorted(names):
        return "the rows are not one for each player"
    for key in _SAME_IN_EVERY_ROW:
        if len({repr(row[key]) for row in rows}) != 1:
            return f"the rows disagree on {key}"
    return None


def _row_problem(row, names: list[str]) -> str | None:
    if not isinstance(row, dict):
        return f"a {type(row).__name__}, not a record"
    if set(row) != SAVED_ROW_KEYS:
        missing, extra = SAVED_ROW_KEYS - set(row), set(row) - SAVED_ROW_KEYS
        return "; ".join(part for part in (
            f"missing {', '.join(sorted(missing))}" if missing else "",
            f"unexpected {', '.join(sorted(extra))}" if extra else "",
        ) if part)
    if row["player"] not in names:
        return f"player {row['player']!r} is not in this sweep"
    if row["winner"] not in names:
        return f"winner {row['winner']!r} is not in this sweep"
    if not (_is_int(row["rank"]) and 1 <= row["rank"] <= len(names)):
        return f"rank {row['rank']!r} is not 1 to {len(names)}"
    for key in _NUMBERS:
        if not _is_number(row[key]):
            return f"{key} {row[key]!r} is not a number"
    for key in _NUMBERS_OR_NONE:
        if row[key] is not None and not _is_number(row[key]):
            return f"{key} {row[key]!r} is not a number"
    if not isinstance(row["expected_class"], str):
        return f"expected_class {row['expected_class']!r} is not a name"
    if not any(row["winner_robust"] is allowed for allowed in (True, False, None)):
        return f"winner_robust {row['winner_robust']!r} is not true, false or null"
    return None


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
