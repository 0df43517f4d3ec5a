"""What a student may see: exactly what the model says a state sees (model page §3).

A state knows its own choices and realised actions and sees both public
signals; it does not see its partner's true actions when monitoring is
imperfect. Its stage-game payoff depends on the partner's true action, so under
imperfect monitoring a round shows only the regime's part of the payoff
(fines, compensation and costs, which depend on the student's own action and
the signals) and the score comes at the end of the match. Under a shadow the
match length is never sent; under fixed turns it is. The partner's identity is
told when the match is over. Nothing else of the partner is ever in a response
(``tests/classroom/test_app.py`` checks the responses).
"""

from __future__ import annotations

import json

from ..game import Game
from ..regime import Regime
from . import store as db
from .comparison import against_moves, against_strategy


def regime_text(regime: Regime) -> dict:
    """The rules of the game as a student reads them: the horizon and what monitoring shows."""
    if regime.shadow is not None:
        horizon = (f"After each round, another round follows with probability {regime.shadow:g}: "
                   "nobody knows when the match ends.")
    else:
        horizon = f"The match lasts {regime.turns} rounds."
    return {
        "horizon": horizon,
        "known_length": regime.shadow is None,
        "perfect_monitoring": regime.perfect_monitoring,
        "values": regime.to_dict(),
    }


def student_view(conn, session, student, match) -> dict:
    """The student's page data: the session, the rules, and the student's match as the student may see it."""
    regime = Regime(**json.loads(db.session_regimes(conn, session.id)[
        match.regime_position if match is not None else session.regime_position].values))
    view = {
        "nickname": student.nickname,
        "session": {"code": session.code, "status": session.status, "play_round": session.play_round},
        "payoffs": json.loads(session.payoffs),
        "rules": regime_text(regime),
        "match": None,
    }
    if match is not None:
        view["match"] = _match_view(conn, session, student, match, regime)
    return view


def _match_view(conn, session, student, match, regime: Regime) -> dict:
    side = 0 if match.student1 == student.id else 1
    rows = db.match_moves(conn, match.id)
    perfect = regime.perfect_monitoring
    history = []
    for mine, theirs in _rounds(rows, side):
        entry = {"you_chose": mine.intended, "you_played": mine.realised, "your_signal": mine.signal,
                 "their_signal": theirs.signal, "regime_part": mine.adjustment}
        if perfect:
            entry["payoff"] = mine.payoff
        history.append(entry)
    view = {
        "status": match.status,
        "rounds_played": match.rounds,
        "history": history,
        "waiting_for_partner": match.status == "waiting" or any(
            row.round == match.rounds and row.side == side and row.realised is None for row in rows),
    }
    if regime.shadow is None:
        view["length"] = match.length
    if match.status in ("finished", "stopped"):
        view["result"] = _result(conn, session, match, side, rows, regime)
    return view


def _rounds(rows, side: int):
    """(mine, theirs) for every round played, in order."""
    by_round: dict[int, list] = {}
    for row in rows:
        if row.realised is not None:
            by_round.setdefault(row.round, [None, None])[row.side] = row
    for _, sides in sorted(by_round.items()):
        yield sides[side], sides[1 - side]


def _result(conn, session, match, side: int, rows, regime: Regime) -> dict:
    played = [row for row in rows if row.realised is not None and row.side == side]
    score = match.score1 if side == 0 else match.score2
    turns = len(played)
    result = {
        "score": score,
        "per_turn": score / turns if turns else None,
        "cooperation": sum(row.realised == "C" for row in played) / turns if turns else None,
        "opponent": _opponent_name(conn, match, side),
        "comparison": [],
        "comparison_kind": None,
    }
    if match.status == "finished":
        result["comparison"], result["comparison_kind"] = comparison(session, match, side, rows, regime)
    return result


def comparison(session, match, side: int, rows, regime: Regime) -> tuple[list[dict], str]:
    """What classic strategies would have scored in this side's place, and how that was found."""
    game = Game(*json.loads(session.payoffs))
    if match.opponent is not None:
        return against_strategy(regime, game, match.opponent), "strategy"
    partner = "".join(row.intended for row in rows if row.side == 1 - side and row.realised is not None)
    return against_moves(regime, game, match.seed, partner, side), "moves"


def _opponent_name(conn, match, side: int) -> str:
    if match.opponent is not None:
        return match.opponent
    partner_id = match.student2 if side == 0 else match.student1
    partner = next((s for s in db.session_students(conn, match.session_id) if s.id == partner_id), None)
    return partner.nickname if partner is not None else "nobody"
