"""The teacher's live view of a session: every student, the class against the strategies, each regime.

Scores are per turn (a match's total over its rounds, as regimelab reports
them); cooperation is the share of realised C among a student's moves. "The
strategies" are the classic strategies of :mod:`.comparison` in the students'
place against the same opponents, averaged over the same matches.
"""

from __future__ import annotations

import json
from statistics import mean

from . import store as db
from .comparison import CLASSICS
from .play import regime_of
from .student_view import comparison


def session_summary(session, regime_rows) -> dict:
    """The session's settings as the dashboard heads them."""
    return {
        "code": session.code,
        "status": session.status,
        "play_round": session.play_round,
        "regime_position": session.regime_position,
        "opponents": json.loads(session.opponents),
        "payoffs": json.loads(session.payoffs),
        "regimes": [{"position": r.position, "name": r.name, "values": json.loads(r.values)} for r in regime_rows],
    }


def teacher_view(conn, session) -> dict:
    """Everything the dashboard shows, from the database."""
    regime_rows = db.session_regimes(conn, session.id)
    students = db.session_students(conn, session.id)
    matches = db.session_matches(conn, session.id)
    moves_by_match: dict[int, list] = {}
    for row in db.session_moves(conn, session.id):
        moves_by_match.setdefault(row.match_id, []).append(row)
    sides = [side for match in matches for side in _sides(match, moves_by_match.get(match.id, []))]
    return {
        "session": session_summary(session, regime_rows),
        "students": [_student_row(student, session, sides) for student in students],
        "regimes": [_regime_row(conn, session, row, sides) for row in regime_rows],
        "moves_stored": sum(len(rows) for rows in moves_by_match.values()),
    }


def _sides(match, rows) -> list[dict]:
    """One record per student side of a match: who, where, how it went."""
    found = []
    for side, student_id in ((0, match.student1), (1, match.student2)):
        if student_id is None:
            continue
        played = [row for row in rows if row.side == side and row.realised is not None]
        score = match.score1 if side == 0 else match.score2
        found.append({"student": student_id, "side": side, "match": match, "rows": rows, "turns": len(played),
                      "per_turn": score / len(played) if played else None,
                      "cooperation": sum(r.realised == "C" for r in played) / len(played) if played else None})
    return found


def _student_row(student, session, sides) -> dict:
    mine = [side for side in sides if side["student"] == student.id]
    current = next((s for s in mine if s["match"].play_round == session.play_round), None)
    finished = [s for s in mine if s["match"].status == "finished"]
    return {
        "nickname": student.nickname,
        "status": current["match"].status if current else "not started",
        "rounds": current["turns"] if current else 0,
        "per_turn": current["per_turn"] if current else None,
        "cooperation": current["cooperation"] if current else None,
        "matches_finished": len(finished),
        "mean_per_turn": mean(s["per_turn"] for s in finished) if finished else None,
    }


def _regime_row(conn, session, regime_row, sides) -> dict:
    finished = [s for s in sides if s["match"].regime_position == regime_row.position
                and s["match"].status == "finished" and s["turns"]]
    row = {"position": regime_row.position, "name": regime_row.name, "matches": len(finished),
           "class_per_turn": mean(s["per_turn"] for s in finished) if finished else None,
           "class_cooperation": mean(s["cooperation"] for s in finished) if finished else None,
           "strategies": []}
    if finished:
        regime = regime_of(conn, session, regime_row.position)
        scores = {name: [] for name in CLASSICS}
        for side in finished:
            rows, _ = comparison(session, side["match"], side["side"], side["rows"], regime)
            for entry in rows:
                scores[entry["name"]].append(entry["per_turn"])
        row["strategies"] = [{"name": name, "per_turn": mean(values)} for name, values in scores.items()]
    return row
