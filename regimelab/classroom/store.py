"""The classroom's database: opening it, one transaction at a time, and the queries play needs.

SQLite in WAL mode with ``synchronous=FULL``: a move is acknowledged only
after its transaction is committed to the file, so a server killed at any
moment loses no acknowledged move (``tests/classroom/test_server.py``). Writes
are serialised by one lock: a classroom's load is small, and SQLite has a
single writer anyway.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, func, insert, or_, select, update

from .schema import matches, metadata, moves, regimes, sessions, settings, students


class Store:
    """The database at ``path`` (created if missing), with the tables of :mod:`.schema`."""

    def __init__(self, path):
        self.path = Path(path)
        self.engine = create_engine(
            f"sqlite:///{self.path}", connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(self.engine, "connect", _configure_sqlite)
        metadata.create_all(self.engine)
        self.lock = threading.RLock()

    @contextmanager
    def transaction(self):
        """A connection inside one transaction, committed on leaving (rolled back on an error)."""
        with self.lock, self.engine.begin() as connection:
            yield connection

    def teacher_token(self) -> str:
        """The teacher's secret token, made on first use and kept (the teacher's link survives a restart)."""
        with self.transaction() as conn:
            token = conn.scalar(select(settings.c.value).where(settings.c.key == "teacher_token"))
            if token is None:
                token = secrets.token_urlsafe(18)
                conn.execute(insert(settings).values(key="teacher_token", value=token))
            return token

    def close(self) -> None:
        """Release the database's connections."""
        self.engine.dispose()


def _configure_sqlite(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# -- sessions -------------------------------------------------------------------


def add_session(conn, code: str, opponents: dict, payoffs: list, regime_name: str, regime_values: dict) -> int:
    """A new open session at play round 1 under its first regime; its id."""
    session_id = conn.execute(insert(sessions).values(
        code=code, created_at=time.time(), status="open", opponents=json.dumps(opponents),
        payoffs=json.dumps(payoffs), play_round=1, regime_position=0,
    )).inserted_primary_key[0]
    add_regime(conn, session_id, 0, regime_name, regime_values)
    return session_id


def add_regime(conn, session_id: int, position: int, name: str, values: dict) -> None:
    """Record the session's regime number ``position``."""
    conn.execute(insert(regimes).values(session_id=session_id, position=position, name=name,
                                        values=json.dumps(values)))


def session_by_code(conn, code: str):
    """The session row with join code ``code``, or None."""
    return conn.execute(select(sessions).where(sessions.c.code == code)).first()


def session_by_id(conn, session_id: int):
    """The session row ``session_id``."""
    return conn.execute(select(sessions).where(sessions.c.id == session_id)).one()


def all_sessions(conn) -> list:
    """Every session, newest first."""
    return conn.execute(select(sessions).order_by(sessions.c.id.desc())).all()


def session_regimes(conn, session_id: int) -> list:
    """The session's regimes in order."""
    return conn.execute(select(regimes).where(regimes.c.session_id == session_id)
                        .order_by(regimes.c.position)).all()


def set_session(conn, session_id: int, **values) -> None:
    """Change a session's status, play round or regime."""
    conn.execute(update(sessions).where(sessions.c.id == session_id).values(**values))


# -- students -------------------------------------------------------------------


def add_student(conn, session_id: int, nickname: str) -> str:
    """A new student in the session; the student's secret token."""
    token = secrets.token_urlsafe(18)
    conn.execute(insert(students).values(session_id=session_id, nickname=nickname, token=token,
                                         joined_at=time.time()))
    return token


def nickname_taken(conn, session_id: int, nickname: str) -> bool:
    """Whether a student of the session already has this nickname (any case)."""
    return conn.scalar(select(func.count()).select_from(students).where(
        students.c.session_id == session_id, func.lower(students.c.nickname) == nickname.lower())) > 0


def student_by_token(conn, token: str):
    """The student row with this token, or None."""
    return conn.execute(select(students).where(students.c.token == token)).first()


def session_students(conn, session_id: int) -> list:
    """The session's students in the order they joined."""
    return conn.execute(select(students).where(students.c.session_id == session_id)
                        .order_by(students.c.id)).all()


# -- matches and moves ------------------------------------------------------------


def add_match(conn, session, student_id: int, seed: int, length: int, opponent: str | None, status: str) -> int:
    """A new match of the student in the session's current play round; its id."""
    return conn.execute(insert(matches).values(
        session_id=session.id, play_round=session.play_round, regime_position=session.regime_position,
        seed=seed, opponent=opponent, student1=student_id, length=length, rounds=0, status=status,
        score1=0.0, score2=0.0, created_at=time.time(),
    )).inserted_primary_key[0]


def match_of(conn, session, student_id: int):
    """The student's match in the session's current play round, or None."""
    return conn.execute(select(matches).where(
        matches.c.session_id == session.id, matches.c.play_round == session.play_round,
        or_(matches.c.student1 == student_id, matches.c.student2 == student_id))).first()


def waiting_match(conn, session, student_id: int):
    """A match of the current play round whose student waits for a partner (not this student), or None."""
    return conn.execute(select(matches).where(
        matches.c.session_id == session.id, matches.c.play_round == session.play_round,
        matches.c.status == "waiting", matches.c.student1 != student_id).order_by(matches.c.id)).first()


def set_match(conn, match_id: int, **values) -> None:
    """Change a match's partner, status, rounds played or scores."""
    conn.execute(update(matches).where(matches.c.id == match_id).values(**values))


def match_by_id(conn, match_id: int):
    """The match row ``match_id``."""
    return conn.execute(select(matches).where(matches.c.id == match_id)).one()


def session_matches(conn, session_id: int) -> list:
    """Every match of the session, in order."""
    return conn.execute(select(matches).where(matches.c.session_id == session_id).order_by(matches.c.id)).all()


def match_moves(conn, match_id: int) -> list:
    """The match's moves by round and side."""
    return conn.execute(select(moves).where(moves.c.match_id == match_id)
                        .order_by(moves.c.round, moves.c.side)).all()


def session_moves(conn, session_id: int) -> list:
    """Every move of the session's matches, by match, round and side."""
    return conn.execute(select(moves).join(matches, moves.c.match_id == matches.c.id)
                        .where(matches.c.session_id == session_id)
                        .order_by(moves.c.match_id, moves.c.round, moves.c.side)).all()


def add_move(conn, match_id: int, round_number: int, side: int, intended: str, **played) -> None:
    """Record a side's move; ``played`` (realised, signal, payoff, adjustment) once the round is played."""
    conn.execute(insert(moves).values(match_id=match_id, round=round_number, side=side, intended=intended,
                                      created_at=time.time(), **played))


def set_move(conn, match_id: int, round_number: int, side: int, **played) -> None:
    """Fill in how a waiting move was played."""
    conn.execute(update(moves).where(moves.c.match_id == match_id, moves.c.round == round_number,
                                     moves.c.side == side).values(**played))


def count_moves(conn, session_id: int | None = None, side: int | None = None) -> int:
    """The number of stored moves (of a session, of a side)."""
    query = select(func.count()).select_from(moves.join(matches, moves.c.match_id == matches.c.id))
    if session_id is not None:
        query = query.where(matches.c.session_id == session_id)
    if side is not None:
        query = query.where(moves.c.side == side)
    return conn.scalar(query)
