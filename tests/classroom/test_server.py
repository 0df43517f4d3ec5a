"""The classroom server under load and after a crash (issue 15, §4): `regimelab classroom` in a subprocess.

The load test: 60 simulated students play a session at once on loopback,
within a time limit; every move sent is acknowledged and stored. Its numbers
go to docs/performance.md (`python tests/classroom_load.py`), not here.
The restart test kills the server with SIGKILL mid-session and checks, after
a restart on the same file, that every acknowledged move is there and the
matches go on.
"""

import threading
import time

import httpx
import pytest
from classroom_load import SimulatedStudent, create_session, load_test
from classroom_server import Server

from regimelab.classroom.server import is_open_to_network, links

#: Seconds the 60 students may take in all (about 2 s on a quiet two-core machine; CI shares its cores).
LOAD_LIMIT = 120


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "class.sqlite")
    yield running
    running.stop()


def test_sixty_students_play_at_once_and_every_move_is_stored(server):
    server.start()
    numbers = load_test(server, students=60, turns=10, limit=LOAD_LIMIT)
    assert numbers["errors"] == []
    assert numbers["finished"] == 60 and numbers["seconds"] < LOAD_LIMIT
    assert numbers["sent"] == numbers["acknowledged"] == numbers["stored"] == 60 * 10


def test_after_kill_9_every_acknowledged_move_is_there_and_play_goes_on(server):
    server.start()
    code = create_session(server.base, server.token, {"shadow": 0.99, "transparency": 0.7, "noise": 0.05},
                          {"mode": "strategy", "strategy": "GTFT"})
    stop = threading.Event()
    crowd = [SimulatedStudent(server.base, code, f"kid{i}", stop) for i in range(8)]
    for student in crowd:
        student.start()
    deadline = time.monotonic() + 60
    while sum(len(s.acknowledged) for s in crowd) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # mid-session: the students are still sending moves
    for student in crowd:
        student.join(timeout=30)
    acknowledged = {s.nickname: list(s.acknowledged) for s in crowd}
    assert sum(map(len, acknowledged.values())) >= 40

    server.start()
    with httpx.Client(base_url=server.base, timeout=30) as client:
        tokens = _tokens(client, server, code)
        for nickname, moves in acknowledged.items():
            history = client.get("/api/me", headers={"X-Student-Token": tokens[nickname]}).json()["match"]["history"]
            assert len(history) >= len(moves)  # a move in flight at the kill may be stored unacknowledged
            assert [entry["you_chose"] for entry in history[: len(moves)]] == [move for _, move in moves]
        # Each match goes on from where it stood (replayed from its seed and moves).
        for nickname, token in tokens.items():
            state = client.get("/api/me", headers={"X-Student-Token": token}).json()["match"]
            if state["status"] == "active":
                response = client.post("/api/me/move", headers={"X-Student-Token": token},
                                       json={"move": "C", "round": state["rounds_played"]})
                assert response.status_code == 200
                assert response.json()["match"]["rounds_played"] == state["rounds_played"] + 1


def _tokens(client, server, code):
    """The students' tokens: a test reads them from the database, as a student's browser keeps its own."""
    from regimelab.classroom import store as db

    store = db.Store(server.db_path)
    try:
        with store.transaction() as conn:
            session = db.session_by_code(conn, code)
            return {s.nickname: s.token for s in db.session_students(conn, session.id)}
    finally:
        store.close()


def test_the_server_says_who_can_reach_it():
    assert not is_open_to_network("127.0.0.1") and not is_open_to_network("localhost")
    assert not is_open_to_network("::1")
    assert is_open_to_network("0.0.0.0") and is_open_to_network("192.168.1.20")
    found = links("127.0.0.1", 8000, "secret")
    assert found == {"student": "http://127.0.0.1:8000/", "teacher": "http://127.0.0.1:8000/teacher?token=secret",
                     "sandbox": "http://127.0.0.1:8000/sandbox?token=secret"}
