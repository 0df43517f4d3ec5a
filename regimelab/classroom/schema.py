"""The classroom database: sessions, their regimes, students, matches and moves (SQLAlchemy Core).

SQLAlchemy Core, not the ORM: the queries are few and plain, and Core keeps
them as SQL while leaving the database a URL away (SQLite by default; a
server database needs only another URL). A match is stored as its seed and
its moves: the rounds can always be replayed from them (:mod:`.live_match`).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

#: Key-value settings of the server (the teacher's token, so that the teacher's link survives a restart).
settings = Table(
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: A class session: its join code, its opponents, its stage game, the play round and regime in force.
sessions = Table(
    "sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("created_at", Float, nullable=False),
    Column("status", String(8), nullable=False),  # open, closed
    Column("opponents", Text, nullable=False),  # JSON: {"mode": ..., "strategy": ..., "pool": [...]}
    Column("payoffs", Text, nullable=False),  # JSON: [R, S, T, P]
    Column("play_round", Integer, nullable=False),  # 1, 2, ...: the teacher starts each one
    Column("regime_position", Integer, nullable=False),  # the regime of the current play round
)

#: The regimes a session has used, in order (switching the regime adds one).
regimes = Table(
    "regimes", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(80), nullable=False),
    Column("values", Text, nullable=False),  # JSON: Regime.to_dict()
    UniqueConstraint("session_id", "position"),
)

students = Table(
    "students", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("nickname", String(40), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("joined_at", Float, nullable=False),
    UniqueConstraint("session_id", "nickname"),
)

#: One match per student per play round; student2 is null against a strategy (or while waiting for a partner).
matches = Table(
    "matches", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("play_round", Integer, nullable=False),
    Column("regime_position", Integer, nullable=False),
    Column("seed", Integer, nullable=False),
    Column("opponent", String(120)),  # the strategy's name; null when a student plays side 2
    Column("student1", ForeignKey("students.id"), nullable=False),
    Column("student2", ForeignKey("students.id")),
    Column("length", Integer, nullable=False),  # drawn at the start; never sent to students under a shadow
    Column("rounds", Integer, nullable=False),  # rounds played
    Column("status", String(8), nullable=False),  # waiting, active, finished
    Column("score1", Float, nullable=False),
    Column("score2", Float, nullable=False),
    Column("created_at", Float, nullable=False),
)
Index("matches_by_student1", matches.c.session_id, matches.c.play_round, matches.c.student1, unique=True)
Index("matches_by_student2", matches.c.student2)

#: Every move: one row per side per round. ``realised`` is null while a student waits for the partner's move.
moves = Table(
    "moves", metadata,
    Column("id", Integer, primary_key=True),
    Column("match_id", ForeignKey("matches.id"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("side", Integer, nullable=False),  # 0: student1, 1: student2 or the strategy
    Column("intended", String(1), nullable=False),
    Column("realised", String(1)),
    Column("signal", String(1)),
    Column("payoff", Float),
    Column("adjustment", Float),
    Column("created_at", Float, nullable=False),
    UniqueConstraint("match_id", "round", "side"),
)
