"""Simulated students for the classroom's load and restart tests, and a command that reports the load test.

Each student is a thread with its own HTTP connection: it joins, reads its
match and plays every round (a move, then the next), as a browser would. The
numbers are the server's response times as the students saw them.

    python tests/classroom_load.py --students 60 --turns 20
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from classroom_server import Server  # noqa: E402


class SimulatedStudent(threading.Thread):
    """One student: join, then play until the match is over (or ``stop`` is set); keeps every acknowledged move."""

    def __init__(self, base: str, code: str, nickname: str, stop: threading.Event | None = None):
        super().__init__(daemon=True)
        self.base, self.code, self.nickname = base, code, nickname
        self.stop = stop or threading.Event()
        self.timings: list[float] = []
        self.acknowledged: list[tuple[int, str]] = []  # (round index, move) the server answered 200 to
        self.sent = 0
        self.errors: list[str] = []

    def request(self, client, method, path, **kwargs):
        started = time.perf_counter()
        response = client.request(method, path, **kwargs)
        self.timings.append(time.perf_counter() - started)
        return response

    def run(self):
        try:
            with httpx.Client(base_url=self.base, timeout=30) as client:
                self.play(client)
        except httpx.HTTPError as error:  # the server was killed under us: that is the restart test's point
            self.errors.append(type(error).__name__)

    def play(self, client):
        joined = self.request(client, "POST", "/api/join", json={"code": self.code, "nickname": self.nickname})
        if joined.status_code != 201:
            self.errors.append(joined.text)
            return
        headers = {"X-Student-Token": joined.json()["token"]}
        state = self.request(client, "GET", "/api/me", headers=headers).json()
        while state["match"]["status"] == "active" and not self.stop.is_set():
            played = state["match"]["rounds_played"]
            move = "CD"[(played + len(self.nickname)) % 3 == 0]
            self.sent += 1
            response = self.request(client, "POST", "/api/me/move", json={"move": move, "round": played},
                                    headers=headers)
            if response.status_code != 200:
                self.errors.append(response.text)
                return
            self.acknowledged.append((played, move))
            state = response.json()


def create_session(base: str, token: str, regime: dict, opponents: dict | None = None) -> str:
    response = httpx.post(f"{base}/api/sessions", headers={"X-Teacher-Token": token}, timeout=30,
                          json={"regime": regime, "opponents": opponents or {"mode": "strategy", "strategy": "tft"}})
    response.raise_for_status()
    return response.json()["code"]


def stored_student_moves(db_path) -> int:
    """Moves of the students (side 0 against a strategy) in the database file, read directly."""
    from regimelab.classroom import store as db

    store = db.Store(db_path)
    try:
        with store.transaction() as conn:
            return db.count_moves(conn, side=0)
    finally:
        store.close()


def load_test(server: Server, students: int, turns: int, limit: float) -> dict:
    """``students`` threads each play a ``turns``-round match at once; the numbers of the run."""
    code = create_session(server.base, server.token, {"turns": turns, "transparency": 0.8, "noise": 0.02})
    crowd = [SimulatedStudent(server.base, code, f"student{i:02d}") for i in range(students)]
    started = time.perf_counter()
    for student in crowd:
        student.start()
    for student in crowd:
        student.join(timeout=max(0.0, limit - (time.perf_counter() - started)))
    elapsed = time.perf_counter() - started
    timings = sorted(t for student in crowd for t in student.timings)
    return {
        "students": students,
        "turns": turns,
        "seconds": elapsed,
        "finished": sum(not student.is_alive() for student in crowd),
        "requests": len(timings),
        "p50": statistics.median(timings),
        "p95": timings[int(0.95 * (len(timings) - 1))],
        "max": timings[-1],
        "sent": sum(student.sent for student in crowd),
        "acknowledged": sum(len(student.acknowledged) for student in crowd),
        "stored": stored_student_moves(server.db_path),
        "errors": [error for student in crowd for error in student.errors],
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds the run may take")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "load.sqlite").start()
        try:
            numbers = load_test(server, options.students, options.turns, options.limit)
        finally:
            server.stop()
    print(f"{numbers['students']} students x {numbers['turns']} rounds on loopback in {numbers['seconds']:.1f} s: "
          f"{numbers['requests']} requests, p50 {1000 * numbers['p50']:.0f} ms, p95 {1000 * numbers['p95']:.0f} ms, "
          f"max {1000 * numbers['max']:.0f} ms; moves sent {numbers['sent']}, acknowledged "
          f"{numbers['acknowledged']}, stored {numbers['stored']}; errors {len(numbers['errors'])}")


if __name__ == "__main__":
    main()
