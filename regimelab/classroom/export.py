"""A session as data: a pairs table in the shape of ``regimelab run``'s, and the move log.

The pairs table has ``regimelab.results.PAIR_COLUMNS`` after a ``regime``
column (the regime's name in the session): one row per regime and ordered
pair (a student's nickname or a strategy's name, and its opponent), with the
means over that pair's finished matches and the 95% interval of the mean score
per turn over matches (``regimelab.statistics.mean_interval``; NaN with one
match). The move log has one row per side per round.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..results import PAIR_COLUMNS
from ..statistics import mean_interval
from . import store as db

MOVE_COLUMNS = ["session", "play_round", "regime", "match", "round", "player", "opponent", "side", "intended",
                "realised", "signal", "payoff", "regime_part", "time"]


def _names(conn, session):
    students = {s.id: s.nickname for s in db.session_students(conn, session.id)}
    regimes = {r.position: r.name for r in db.session_regimes(conn, session.id)}

    def sides(match):
        first = students[match.student1]
        second = match.opponent if match.opponent is not None else students.get(match.student2, "")
        return first, second

    return sides, regimes


def move_log(conn, session) -> pd.DataFrame:
    """Every move of the session: who played it against whom, in which round, and how it came out."""
    sides, regimes = _names(conn, session)
    matches = {m.id: m for m in db.session_matches(conn, session.id)}
    records = []
    for row in db.session_moves(conn, session.id):
        match = matches[row.match_id]
        names = sides(match)
        records.append([session.code, match.play_round, regimes[match.regime_position], match.id, row.round + 1,
                        names[row.side], names[1 - row.side], row.side, row.intended, row.realised, row.signal,
                        row.payoff, row.adjustment, row.created_at])
    return pd.DataFrame(records, columns=MOVE_COLUMNS)


def pairs_table(conn, session) -> pd.DataFrame:
    """One row per regime and ordered pair over the session's finished matches (module docstring)."""
    sides, regimes = _names(conn, session)
    records = []
    for match in db.session_matches(conn, session.id):
        if match.status != "finished" or not match.rounds:
            continue
        first, second = sides(match)
        cooperation = _cooperation(conn, match)
        for name, opponent, score, side in ((first, second, match.score1, 0), (second, first, match.score2, 1)):
            records.append({"regime": regimes[match.regime_position], "player": name, "opponent": opponent,
                            "score": score, "turns": match.rounds, "cooperation": cooperation[side]})
    columns = ["regime"] + PAIR_COLUMNS
    if not records:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(records)
    rows = []
    for (regime, player, opponent), group in frame.groupby(["regime", "player", "opponent"], sort=False):
        per_turn = (group["score"] / group["turns"]).to_numpy()
        low, high = mean_interval(per_turn) if len(per_turn) > 1 else (float("nan"), float("nan"))
        rows.append([regime, player, opponent, group["score"].mean(), per_turn.mean(), low, high,
                     group["turns"].mean(), (group["cooperation"] * group["turns"]).sum() / group["turns"].sum()])
    return pd.DataFrame(rows, columns=columns)


def _cooperation(conn, match) -> tuple[float, float]:
    played = [row for row in db.match_moves(conn, match.id) if row.realised is not None]
    shares = []
    for side in (0, 1):
        mine = [row for row in played if row.side == side]
        shares.append(sum(row.realised == "C" for row in mine) / len(mine) if mine else float("nan"))
    return shares[0], shares[1]


def as_bytes(frame: pd.DataFrame, fmt: str, session_code: str) -> bytes:
    """The table as CSV or Parquet bytes (Parquet keeps the session's code in its metadata)."""
    if fmt == "csv":
        return frame.to_csv(index=False).encode()

    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           b"regimelab_classroom": json.dumps({"session": session_code}).encode()})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()
