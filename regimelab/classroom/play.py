"""Live play: sessions, joining, moving, and what a student may see.

Each request is one database transaction under the store's lock: it checks
everything first (:class:`.validation.Refused` leaves the database as it was),
then plays the round and records it; a move is acknowledged only once
committed. Matches in play are kept in memory and replayed from their seed and
moves when the server has restarted (:func:`.live_match.replay`).
"""

from __future__ import annotations

import json
import secrets

from ..game import Game
from ..players import find_strategy, make_player
from ..regime import Regime
from . import store as db
from .events import Changes
from .live_match import LiveMatch, Round, replay
from .student_view import student_view
from .validation import Refused

#: Join codes: letters and digits that cannot be mistaken for each other on a projector.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5


def regime_of(conn, session, position: int | None = None) -> Regime:
    """The session's regime number ``position`` (default: the one in force)."""
    position = session.regime_position if position is None else position
    row = db.session_regimes(conn, session.id)[position]
    return Regime(**json.loads(row.values))


def game_of(session) -> Game:
    """The session's stage game."""
    return Game(*json.loads(session.payoffs))


class Classroom:
    """The live-play service over a :class:`.store.Store`; ``changes`` tells the event streams what changed."""

    def __init__(self, store: db.Store, changes: Changes | None = None):
        self.store = store
        self.changes = changes or Changes()
        self._live: dict[int, LiveMatch] = {}

    # -- the teacher ---------------------------------------------------------------

    def create_session(self, regime_name: str, regime: Regime, game: Game, opponents: dict) -> str:
        """A new session; its join code."""
        with self.store.transaction() as conn:
            code = self._new_code(conn)
            session_id = db.add_session(conn, code, opponents, list(game.to_dict().values()), regime_name,
                                        regime.to_dict())
        self.changes.bump(f"session:{session_id}")
        return code

    def next_play_round(self, code: str, regime_name: str | None = None, regime: Regime | None = None) -> None:
        """Start the next round of play (every student a new match), under a new regime when one is given."""
        with self.store.transaction() as conn:
            session = self._open_session(conn, code)
            position = session.regime_position
            if regime is not None:
                position = len(db.session_regimes(conn, session.id))
                db.add_regime(conn, session.id, position, regime_name, regime.to_dict())
            self._stop_unfinished(conn, session)
            db.set_session(conn, session.id, play_round=session.play_round + 1, regime_position=position)
        self._bump_session(session.id)

    def close_session(self, code: str) -> None:
        """Close the session: no more moves; everything played stays (and exports)."""
        with self.store.transaction() as conn:
            session = self._open_session(conn, code)
            self._stop_unfinished(conn, session)
            db.set_session(conn, session.id, status="closed")
        self._bump_session(session.id)

    # -- a student -----------------------------------------------------------------

    def join(self, code: str, nickname: str) -> str:
        """Add a student to the session with join code ``code``; the student's token."""
        with self.store.transaction() as conn:
            session = db.session_by_code(conn, code)
            if session is None:
                raise Refused(404, "unknown join code")
            if session.status != "open":
                raise Refused(409, "this session is closed")
            if db.nickname_taken(conn, session.id, nickname):
                raise Refused(409, f"the nickname {nickname!r} is taken in this session; choose another")
            token = db.add_student(conn, session.id, nickname)
        self.changes.bump(f"session:{session.id}")
        return token

    def state(self, token: str) -> dict:
        """What the student sees now (a match is started for the current play round when there is none)."""
        with self.store.transaction() as conn:
            student, session = self._student(conn, token)
            match = self._ensure_match(conn, session, student)
            return student_view(conn, session, student, match)

    def student_keys(self, token: str) -> tuple[str, str]:
        """The change counters a student's event stream watches (the student's match, the teacher's actions)."""
        with self.store.transaction() as conn:
            student, session = self._student(conn, token)
        return f"student:{student.id}", f"control:{session.id}"

    def play_computer(self, token: str) -> dict:
        """A student who waits for a partner plays the session's strategy instead."""
        with self.store.transaction() as conn:
            student, session = self._student(conn, token)
            match = db.match_of(conn, session, student.id)
            if match is None or match.status != "waiting":
                raise Refused(409, "you are not waiting for a partner")
            strategy = json.loads(session.opponents).get("strategy", "Tit For Tat")
            db.set_match(conn, match.id, opponent=strategy, status="active")
            self._live.pop(match.id, None)
            view = student_view(conn, session, student, db.match_by_id(conn, match.id))
        self._bump_session(session.id)
        return view

    def move(self, token: str, move: str, played: int) -> dict:
        """Play ``move`` in the student's match, whose ``played`` rounds the student has seen; the new view."""
        with self.store.transaction() as conn:
            student, session = self._student(conn, token)
            if session.status != "open":
                raise Refused(409, "this session is closed")
            match = self._ensure_match(conn, session, student)
            if match is None or match.status == "stopped":
                raise Refused(409, "you have no match in play; wait for the teacher to start the next round")
            if match.status == "finished":
                raise Refused(409, "this match is over")
            if match.status == "waiting":
                raise Refused(409, "you are waiting for a partner")
            if played != match.rounds:
                raise Refused(409, f"out of turn: the next round is round {match.rounds + 1}, "
                                   f"you sent a move for round {played + 1}")
            side = 0 if match.student1 == student.id else 1
            try:
                self._record(conn, session, match, side, move)
            except Exception:
                self._live.pop(match.id, None)  # the transaction rolls back: replay from what was stored
                raise
            match = db.match_by_id(conn, match.id)
            view = student_view(conn, session, student, match)
        self.changes.bump(f"session:{session.id}", f"student:{match.student1}", f"student:{match.student2}")
        return view

    # -- inside a transaction --------------------------------------------------------

    def _record(self, conn, session, match, side: int, move: str) -> None:
        live = self._live_match(conn, session, match)
        if match.opponent is not None:
            played = live.play_round(move)
            self._store_round(conn, match, played, new_sides=(0, 1))
            return
        waiting = [row for row in db.match_moves(conn, match.id) if row.round == match.rounds]
        if any(row.side == side for row in waiting):
            raise Refused(409, "you have already chosen this round's move; waiting for your partner")
        if not waiting:
            db.add_move(conn, match.id, match.rounds, side, move)
            return
        pair = (move, waiting[0].intended) if side == 0 else (waiting[0].intended, move)
        played = live.play_round(*pair)
        db.set_move(conn, match.id, match.rounds, 1 - side, **_played(played, 1 - side))
        self._store_round(conn, match, played, new_sides=(side,))

    def _store_round(self, conn, match, played: Round, new_sides) -> None:
        for side in new_sides:
            db.add_move(conn, match.id, match.rounds, side, "CD"[played.intended[side]], **_played(played, side))
        live = self._live[match.id]
        db.set_match(conn, match.id, rounds=match.rounds + 1, score1=match.score1 + played.payoffs[0],
                     score2=match.score2 + played.payoffs[1], status="finished" if live.finished else "active")

    def _live_match(self, conn, session, match) -> LiveMatch:
        live = self._live.get(match.id)
        if live is None or len(live.rounds) != match.rounds:
            live = replay(regime_of(conn, session, match.regime_position), game_of(session), match.seed,
                          _opponent(match.opponent), _played_moves(conn, match))
            self._live[match.id] = live
        return live

    def _ensure_match(self, conn, session, student):
        match = db.match_of(conn, session, student.id)
        if match is not None or session.status != "open":
            return match
        opponents = json.loads(session.opponents)
        regime, game = regime_of(conn, session), game_of(session)
        seed = secrets.randbelow(2**31)
        if opponents["mode"] == "student":
            partner = db.waiting_match(conn, session, student.id)
            if partner is not None:
                db.set_match(conn, partner.id, student2=student.id, status="active")
                self.changes.bump(f"student:{partner.student1}", f"session:{session.id}")
                return db.match_by_id(conn, partner.id)
            length = LiveMatch(regime, game, seed, None).length
            match_id = db.add_match(conn, session, student.id, seed, length, None, "waiting")
        else:
            name = opponents["strategy"] if opponents["mode"] == "strategy" else secrets.choice(opponents["pool"])
            length = LiveMatch(regime, game, seed, _opponent(name)).length
            match_id = db.add_match(conn, session, student.id, seed, length, name, "active")
        self.changes.bump(f"session:{session.id}")
        return db.match_by_id(conn, match_id)

    def _student(self, conn, token: str):
        student = db.student_by_token(conn, token) if isinstance(token, str) and token else None
        if student is None:
            raise Refused(401, "unknown student: join the session again")
        return student, db.session_by_id(conn, student.session_id)

    def _open_session(self, conn, code: str):
        session = db.session_by_code(conn, code)
        if session is None:
            raise Refused(404, "unknown join code")
        if session.status != "open":
            raise Refused(409, "this session is closed")
        return session

    def _stop_unfinished(self, conn, session) -> None:
        for match in db.session_matches(conn, session.id):
            if match.play_round == session.play_round and match.status in ("waiting", "active"):
                db.set_match(conn, match.id, status="stopped")
                self._live.pop(match.id, None)

    def _new_code(self, conn) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if db.session_by_code(conn, code) is None:
                return code

    def _bump_session(self, session_id: int) -> None:
        self.changes.bump(f"session:{session_id}", f"control:{session_id}")


def _opponent(name: str | None):
    return None if name is None else make_player(find_strategy(name))


def _played_moves(conn, match) -> list[tuple[str, str | None]]:
    """The moves of the rounds played, as :func:`.live_match.replay` takes them."""
    rounds: dict[int, list] = {}
    for row in db.match_moves(conn, match.id):
        if row.realised is not None:
            rounds.setdefault(row.round, [None, None])[row.side] = row.intended
    against_strategy = match.opponent is not None
    return [(sides[0], None if against_strategy else sides[1]) for _, sides in sorted(rounds.items())]


def _played(played: Round, side: int) -> dict:
    return {"realised": "CD"[played.realised[side]], "signal": "cd"[played.signals[side]],
            "payoff": played.payoffs[side], "adjustment": played.adjustments[side]}
