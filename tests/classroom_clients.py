"""Clients of the classroom's API for the tests: a teacher and a student (tests/classroom/)."""

TOKEN = "teacher-secret"


class Teacher:
    """The teacher's side of the API."""

    def __init__(self, client):
        self.client = client
        self.headers = {"X-Teacher-Token": TOKEN}

    def create(self, **body):
        response = self.client.post("/api/sessions", json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return response.json()["code"]

    def view(self, code):
        response = self.client.get(f"/api/sessions/{code}", headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path, body=None):
        return self.client.post(path, json=body or {}, headers=self.headers)


class Pupil:
    """A student's side of the API."""

    def __init__(self, client, code, nickname):
        self.client = client
        response = client.post("/api/join", json={"code": code, "nickname": nickname})
        assert response.status_code == 201, response.text
        self.token = response.json()["token"]
        self.headers = {"X-Student-Token": self.token}

    def state(self):
        response = self.client.get("/api/me", headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def move(self, move, played=None):
        if played is None:
            played = self.state()["match"]["rounds_played"]
        return self.client.post("/api/me/move", json={"move": move, "round": played}, headers=self.headers)

    def play_out(self, moves="C"):
        """Play until the match is over, cycling through ``moves``; the final state."""
        state = self.state()
        while state["match"]["status"] == "active":
            response = self.move(moves[state["match"]["rounds_played"] % len(moves)],
                                 state["match"]["rounds_played"])
            assert response.status_code == 200, response.text
            state = response.json()
        return state
