"""The classroom's API end to end: a class plays, and the server refuses what it must (issue 15, §2 and §4).

The checks read the server's responses, not a page: a student never receives
the partner's true moves under imperfect monitoring, nor the match length
under a shadow, nor anything of another student; every bad input gets a 4xx
and changes nothing.
"""

import io
import json

import pandas as pd
import pytest
from classroom_clients import TOKEN, Pupil, Teacher
from starlette.testclient import TestClient

from regimelab import Regime
from regimelab.classroom import store as db
from regimelab.classroom.app import create_app
from regimelab.classroom.store import Store
from regimelab.exact_tournament import run_exact_tournament
from regimelab.results import PAIR_COLUMNS


def stored_moves(db_path):
    store = Store(db_path)
    with store.transaction() as conn:
        count = db.count_moves(conn)
    store.close()
    return count


def test_a_student_plays_a_fixed_horizon_match_against_a_strategy_to_the_end(client, teacher):
    code = teacher.create(regime={"turns": 6}, opponents={"mode": "strategy", "strategy": "tft"})
    pupil = Pupil(client, code, "Ada")
    state = pupil.state()
    assert state["match"]["length"] == 6 and state["match"]["status"] == "active"
    assert state["rules"]["known_length"] and state["rules"]["perfect_monitoring"]
    final = pupil.play_out("CD")
    match = final["match"]
    assert match["status"] == "finished" and match["rounds_played"] == 6
    # Tit For Tat answers C D C D C D with C C D C D C: the student earns 3, 5, 0, 5, 0, 5.
    assert [r["their_signal"] for r in match["history"]] == list("ccdcdc")
    assert [r["payoff"] for r in match["history"]] == [3, 5, 0, 5, 0, 5]
    result = match["result"]
    assert result["score"] == 18 and result["per_turn"] == 3 and result["cooperation"] == 0.5
    assert result["opponent"] == "Tit For Tat" and result["comparison_kind"] == "strategy"
    exact = run_exact_tournament(["Tit For Tat", "Grudger", "Win-Stay Lose-Shift", "Cooperator", "Defector"],
                                 Regime(turns=6)).pairs.set_index(["player", "opponent"])
    for row in result["comparison"]:
        assert row["engine"] == "exact"
        assert row["per_turn"] == pytest.approx(exact.loc[(row["name"], "Tit For Tat"), "mean_score_per_turn"])


def test_under_imperfect_monitoring_no_response_holds_the_partners_true_moves(client, teacher):
    # Always Defect under p = 0.5: its true moves are all D, but about half are signalled c.
    code = teacher.create(regime={"turns": 40, "transparency": 0.5, "fine": 2},
                          opponents={"mode": "strategy", "strategy": "Defector"})
    pupil = Pupil(client, code, "Bo")
    bodies = [pupil.client.get("/api/me", headers=pupil.headers).text]
    for t in range(40):
        response = pupil.move("C", t)
        bodies.append(response.text)
    match = response.json()["match"]
    assert {"c", "d"} == {r["their_signal"] for r in match["history"]}  # the signals do hide moves
    for entry in match["history"]:
        assert set(entry) == {"you_chose", "you_played", "your_signal", "their_signal", "regime_part"}
    # While the match was on, nothing named the strategy or carried a payoff that would reveal its move.
    for body in bodies[:-1]:
        assert "Defector" not in body and '"payoff"' not in body and '"score"' not in body
    assert match["result"]["opponent"] == "Defector"  # told when the match is over


def test_under_a_shadow_the_match_length_is_never_sent(client, teacher):
    code = teacher.create(regime={"shadow": 0.9}, opponents={"mode": "strategy", "strategy": "Cooperator"})
    pupil = Pupil(client, code, "Cy")
    state = pupil.state()
    assert "length" not in state["match"] and not state["rules"]["known_length"]
    final = pupil.play_out("C")
    assert "length" not in final["match"] and final["match"]["rounds_played"] >= 1


def test_two_students_play_each_other_and_each_sees_the_others_signals(client, teacher):
    code = teacher.create(regime={"turns": 3, "transparency": 0.6, "false_alarm": 0.1},
                          opponents={"mode": "student", "strategy": "tft"})
    ann, ben = Pupil(client, code, "Ann"), Pupil(client, code, "Ben")
    assert ann.state()["match"]["status"] == "waiting"
    assert ben.state()["match"]["status"] == "active"
    for t, (a, b) in enumerate(["CD", "DD", "CC"]):
        first = ann.move(a, t)
        assert first.status_code == 200 and first.json()["match"]["waiting_for_partner"]
        again = ann.move(a, t)
        assert again.status_code == 409 and "already" in again.json()["error"]
        assert ben.move(b, t).status_code == 200
    a_view, b_view = ann.state()["match"], ben.state()["match"]
    assert a_view["status"] == b_view["status"] == "finished"
    assert [r["their_signal"] for r in a_view["history"]] == [r["your_signal"] for r in b_view["history"]]
    assert [r["you_chose"] for r in b_view["history"]] == list("DDC")
    assert a_view["result"]["opponent"] == "Ben" and a_view["result"]["comparison_kind"] == "moves"


def test_a_waiting_student_may_play_the_computer_instead(client, teacher):
    code = teacher.create(regime={"turns": 2}, opponents={"mode": "student", "strategy": "Defector"})
    solo = Pupil(client, code, "Solo")
    assert solo.state()["match"]["status"] == "waiting"
    response = client.post("/api/me/computer", json={}, headers=solo.headers)
    assert response.status_code == 200 and response.json()["match"]["status"] == "active"
    assert solo.play_out("C")["match"]["result"]["opponent"] == "Defector"


def test_the_teacher_switches_the_regime_and_the_dashboard_shows_each(client, teacher):
    code = teacher.create(regime={"turns": 4}, opponents={"mode": "strategy", "strategy": "Grudger"})
    pupils = [Pupil(client, code, name) for name in ("Al", "Bea")]
    for pupil in pupils:
        pupil.play_out("C")
    response = teacher.post(f"/api/sessions/{code}/next", {"regime": {"turns": 4, "fine": 3}, "name": "fines"})
    assert response.status_code == 200
    for pupil in pupils:
        assert pupil.state()["match"]["status"] == "active" and pupil.state()["rules"]["values"]["fine"] == 3
        pupil.play_out("D")
    view = teacher.view(code)
    assert [row["name"] for row in view["regimes"]] == ["turns=4", "fines"]
    first, second = view["regimes"]
    assert first["class_per_turn"] == 3 and first["class_cooperation"] == 1
    # Defecting against Grudger from the start: 5, then 1, 1, 1, less a fine of 3 each round.
    assert second["class_per_turn"] == pytest.approx((5 + 1 + 1 + 1) / 4 - 3)
    assert {row["nickname"] for row in view["students"]} == {"Al", "Bea"}
    assert all(row["matches_finished"] == 2 for row in view["students"])
    assert {s["name"] for s in first["strategies"]} >= {"Tit For Tat", "Defector"}
    assert teacher.post(f"/api/sessions/{code}/close").status_code == 200
    assert pupils[0].move("C", 0).status_code == 409  # closed


def test_the_export_has_the_pairs_table_shape_and_every_move(client, teacher, db_path):
    code = teacher.create(regime={"turns": 5, "noise": 0.1}, opponents={"mode": "random",
                                                                         "pool": ["tft", "alld", "allc"]})
    for name in ("Di", "Ed", "Flo"):
        Pupil(client, code, name).play_out("CCD")
    pairs_csv = client.get(f"/api/sessions/{code}/export/pairs.csv", headers=teacher.headers)
    assert pairs_csv.status_code == 200 and "attachment" in pairs_csv.headers["content-disposition"]
    pairs = pd.read_csv(io.StringIO(pairs_csv.text))
    assert list(pairs.columns) == ["regime"] + PAIR_COLUMNS
    assert set(pairs["player"]) >= {"Di", "Ed", "Flo"} and (pairs["mean_turns"] == 5).all()
    parquet = client.get(f"/api/sessions/{code}/export/moves.parquet?token={TOKEN}")
    moves = pd.read_parquet(io.BytesIO(parquet.content))
    assert len(moves) == stored_moves(db_path) == 3 * 5 * 2
    assert set(moves["player"]) >= {"Di", "Ed", "Flo"} and set(moves["intended"]) == {"C", "D"}
    parquet_pairs = pd.read_parquet(io.BytesIO(client.get(f"/api/sessions/{code}/export/pairs.parquet",
                                                          headers=teacher.headers).content))
    assert list(parquet_pairs.columns) == ["regime"] + PAIR_COLUMNS


def test_a_restarted_server_continues_every_match_where_it_stood(db_path):
    """A new application over the same file has no match in memory: it replays them from seed and moves."""
    regime = {"turns": 12, "noise": 0.1, "transparency": 0.7}
    with TestClient(create_app(Store(db_path), TOKEN)) as first:
        code = Teacher(first).create(regime=regime, opponents={"mode": "strategy", "strategy": "GTFT"})
        pupil = Pupil(first, code, "Kim")
        for t in range(5):
            assert pupil.move("CDCCD"[t], t).status_code == 200
        before = pupil.state()
    with TestClient(create_app(Store(db_path), TOKEN)) as second:
        pupil.client = second
        assert pupil.state() == before
        final = pupil.play_out("CD")
    assert final["match"]["history"][:5] == before["match"]["history"]
    assert final["match"]["rounds_played"] == 12


BAD_SESSIONS = [
    ({"regime": {"transparency": 1.5}}, 422, "transparency"),
    ({"regime": {"fine": -1}}, 422, "fine"),
    ({"regime": {"shadow": 0.999}}, 422, "shadow"),
    ({"regime": {"turns": 100000}}, 422, "turns"),
    ({"regime": {"transparancy": 0.5}}, 422, "unknown parameter"),
    ({"regime": {"fine": "lots"}}, 422, "fine"),
    ({"regime": {}, "opponents": {"mode": "strategy", "strategy": "No Such Strategy"}}, 422, "unknown strategy"),
    ({"regime": {}, "opponents": {"mode": "everyone"}}, 422, "mode"),
    ({"regime": {"transparency": 0.5}, "opponents": {"mode": "strategy", "strategy": "Darwin"}}, 422, "Darwin"),
    ({"scenario": "no-such-scenario"}, 422, "scenario"),
    ({"regime": {}, "payoffs": [3, 0, 5]}, 422, "payoffs"),
]


@pytest.mark.parametrize("body,status,words", BAD_SESSIONS, ids=[str(b[0])[:50] for b in BAD_SESSIONS])
def test_a_bad_session_is_refused_and_nothing_is_created(client, teacher, body, status, words):
    response = teacher.post("/api/sessions", body)
    assert response.status_code == status and words in response.json()["error"]
    assert client.get("/api/sessions", headers=teacher.headers).json() == []


def test_bad_student_input_is_refused_and_changes_nothing(client, teacher, db_path):
    code = teacher.create(regime={"turns": 2}, opponents={"mode": "strategy", "strategy": "tft"})
    assert client.post("/api/join", json={"code": "ZZZZZ", "nickname": "X"}).status_code == 404
    assert client.post("/api/join", json={"code": "no!", "nickname": "X"}).status_code == 404
    assert client.post("/api/join", json={"code": code, "nickname": "<script>"}).status_code == 422
    assert client.post("/api/join", json={"code": code, "nickname": ""}).status_code == 422
    pupil = Pupil(client, code, "Gus")
    duplicate = client.post("/api/join", json={"code": code.lower(), "nickname": "gus"})
    assert duplicate.status_code == 409 and "taken" in duplicate.json()["error"]
    assert pupil.move("X", 0).status_code == 422
    assert pupil.move("C", 1).status_code == 409  # out of turn: round 2 before round 1
    assert pupil.move("C", -1).status_code == 422
    assert client.post("/api/me/move", json={"move": "C", "round": 0},
                       headers={"X-Student-Token": "forged"}).status_code == 401
    assert stored_moves(db_path) == 0
    pupil.play_out("C")
    assert stored_moves(db_path) == 4
    over = pupil.move("C", 2)
    assert over.status_code == 409 and "over" in over.json()["error"]
    assert stored_moves(db_path) == 4


def test_oversized_and_malformed_bodies_are_refused(client, teacher):
    code = teacher.create(regime={"turns": 2})
    big = client.post("/api/join", content=b'{"code": "' + b"A" * 20000 + b'"}',
                      headers={"Content-Type": "application/json"})
    assert big.status_code == 413
    chunked = client.post("/api/join", content=iter([b"{" + b" " * 9000, b" " * 9000 + b"}"]))
    assert chunked.status_code == 413
    assert client.post("/api/join", content=b"not json").status_code == 400
    assert client.post("/api/join", content=b"[1, 2]").status_code == 400
    assert client.get("/api/sessions", headers=teacher.headers).json()[0]["code"] == code
    assert teacher.view(code)["students"] == []


TEACHER_ACTIONS = [
    ("post", "/api/sessions", {"regime": {}}),
    ("get", "/api/sessions", None),
    ("get", "/api/sessions/{code}", None),
    ("post", "/api/sessions/{code}/next", {}),
    ("post", "/api/sessions/{code}/close", {}),
    ("get", "/api/sessions/{code}/export/moves.csv", None),
    ("get", "/api/sessions/{code}/events", None),
    ("get", "/api/sandbox/options", None),
    ("post", "/api/sandbox/evaluate", {"regime": {}}),
]


@pytest.mark.parametrize("method,path,body", TEACHER_ACTIONS, ids=[a[1] + " " + a[0] for a in TEACHER_ACTIONS])
def test_teacher_actions_need_the_teachers_token(client, teacher, method, path, body):
    code = teacher.create(regime={"turns": 2})
    pupil = Pupil(client, code, "Hal")
    url = path.format(code=code)
    for headers in ({}, {"X-Teacher-Token": "guess"}, {"X-Teacher-Token": pupil.token},
                    {"X-Student-Token": pupil.token}):
        kwargs = {"json": body} if method == "post" else {}
        response = getattr(client, method)(url, headers=headers, **kwargs)
        assert response.status_code == 403, (headers, response.text)
        response = getattr(client, method)(url + f"?token={pupil.token}", **kwargs)
        assert response.status_code == 403
    assert teacher.view(code)["session"]["status"] == "open"


def test_a_student_sees_only_their_own_match(client, teacher):
    code = teacher.create(regime={"turns": 3}, opponents={"mode": "strategy", "strategy": "tft"})
    ivy, jo = Pupil(client, code, "Ivy"), Pupil(client, code, "Jo")
    ivy.play_out("D")
    seen = json.dumps(jo.state())
    assert "Ivy" not in seen and '"D"' not in seen
