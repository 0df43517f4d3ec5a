"""The classroom's web application (Starlette): pages, the JSON API and the event streams.

Who may do what: teacher actions (creating, steering and exporting a session,
the sandbox) need the teacher's token, sent as the ``X-Teacher-Token`` header
or a ``token`` query parameter (the dashboard's event stream and the export
links cannot set headers); a student acts only on the student's own match,
with the token given at joining (``X-Student-Token`` or ``token``). Every
request body is JSON of at most :data:`.validation.MAX_BODY` bytes, checked
before anything changes; refusals are ``{"error": "..."}`` with a 4xx status.
"""

from __future__ import annotations

import json
import secrets
from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..regime import Regime
from ..scenarios import builtin_scenario_kinds, load_tournament_scenario
from . import sandbox
from . import store as db
from .dashboard import teacher_view
from .events import event_stream
from .export import as_bytes, move_log, pairs_table
from .play import Classroom
from .validation import (
    MAX_BODY,
    Refused,
    code_from,
    game_from,
    invalid,
    move_from,
    nickname_from,
    opponents_from,
    regime_from,
    require_object,
    strategy_names,
)

STATIC = resources.files("regimelab.classroom") / "static"
PAGES = {"/": "student.html", "/teacher": "teacher.html", "/sandbox": "sandbox.html"}
EXPORTS = {"pairs": pairs_table, "moves": move_log}
MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def create_app(store: db.Store, teacher_token: str | None = None) -> Starlette:
    """The application over ``store``; the teacher's token is the store's unless given."""
    classroom = Classroom(store)
    token = teacher_token or store.teacher_token()
    api = Api(classroom, token)
    routes = [Route(path, _page(name)) for path, name in PAGES.items()] + [
        Route("/api/join", api.join, methods=["POST"]),
        Route("/api/me", api.me),
        Route("/api/me/move", api.move, methods=["POST"]),
        Route("/api/me/computer", api.computer, methods=["POST"]),
        Route("/api/me/events", api.student_events),
        Route("/api/sessions", api.create_session, methods=["POST"]),
        Route("/api/sessions", api.list_sessions),
        Route("/api/sessions/{code}", api.session),
        Route("/api/sessions/{code}/next", api.next_round, methods=["POST"]),
        Route("/api/sessions/{code}/close", api.close, methods=["POST"]),
        Route("/api/sessions/{code}/events", api.teacher_events),
        Route("/api/sessions/{code}/export/{table}.{fmt}", api.export),
        Route("/api/sandbox/options", api.sandbox_options),
        Route("/api/sandbox/scenario/{name}", api.sandbox_scenario),
        Route("/api/sandbox/evaluate", api.sandbox_evaluate, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    handlers = {Refused: _refused, HTTPException: _http_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.classroom = classroom
    return app


def _page(name: str):
    async def page(_request):
        return FileResponse(str(STATIC / name), headers={"Cache-Control": "no-store"})
    return page


async def _refused(_request, error: Refused):
    return JSONResponse({"error": error.message}, status_code=error.status)


async def _http_error(_request, error: HTTPException):
    return JSONResponse({"error": error.detail}, status_code=error.status_code)


async def read_json(request: Request) -> dict:
    """The request's JSON object, refusing a body over MAX_BODY bytes (413) before reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise Refused(413, f"the request body must be at most {MAX_BODY} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, f"the request body must be at most {MAX_BODY} bytes")
    try:
        return require_object(json.loads(body or b"{}"))
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "the request body must be JSON") from None


class Api:
    """The JSON endpoints; each checks who asks and what is asked before calling :class:`.play.Classroom`."""

    def __init__(self, classroom: Classroom, teacher_token: str):
        self.classroom = classroom
        self.teacher_token = teacher_token

    # -- who asks --------------------------------------------------------------------

    def require_teacher(self, request: Request) -> None:
        """Refuse (403) a request without the teacher's token."""
        given = request.headers.get("x-teacher-token") or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), self.teacher_token.encode()):
            raise Refused(403, "this needs the teacher's link (its secret token)")

    @staticmethod
    def student_token(request: Request) -> str:
        """The student's token from the header or the query."""
        return request.headers.get("x-student-token") or request.query_params.get("token") or ""

    # -- students ----------------------------------------------------------------------

    async def join(self, request: Request):
        """Join a session with its code and a nickname: the student's token."""
        body = await read_json(request)
        code, nickname = code_from(body.get("code")), nickname_from(body.get("nickname"))
        token = await run_in_threadpool(self.classroom.join, code, nickname)
        return JSONResponse({"token": token}, status_code=201)

    async def me(self, request: Request):
        """What the student sees now."""
        return JSONResponse(await run_in_threadpool(self.classroom.state, self.student_token(request)))

    async def move(self, request: Request):
        """Play a move (C or D) in the student's match."""
        body = await read_json(request)
        move, played = move_from(body)
        view = await run_in_threadpool(self.classroom.move, self.student_token(request), move, played)
        return JSONResponse(view)

    async def computer(self, request: Request):
        """Stop waiting for a partner: play the session's strategy."""
        await read_json(request)
        return JSONResponse(await run_in_threadpool(self.classroom.play_computer, self.student_token(request)))

    async def student_events(self, request: Request):
        """The student's view, pushed on every change of the student's match or of the session."""
        token = self.student_token(request)
        keys = await run_in_threadpool(self.classroom.student_keys, token)  # refuses an unknown token (401)
        return event_stream(request, self.classroom.changes, lambda: keys, lambda: self.classroom.state(token))

    # -- the teacher -------------------------------------------------------------------

    async def create_session(self, request: Request):
        """Create a session from a regime (custom values or a scenario's variant), opponents and payoffs."""
        self.require_teacher(request)
        body = await read_json(request)
        name, regime, game = _session_regime(body)
        opponents = opponents_from(body.get("opponents", {"mode": "strategy", "strategy": "Tit For Tat"}), regime)
        code = await run_in_threadpool(self.classroom.create_session, name, regime, game, opponents)
        return JSONResponse({"code": code}, status_code=201)

    async def list_sessions(self, request: Request):
        """Every session: code, status, play round."""
        self.require_teacher(request)
        with self.classroom.store.transaction() as conn:
            rows = db.all_sessions(conn)
        return JSONResponse([{"code": r.code, "status": r.status, "play_round": r.play_round} for r in rows])

    async def session(self, request: Request):
        """The dashboard's data."""
        self.require_teacher(request)
        return JSONResponse(await run_in_threadpool(self._teacher_view, code_from(request.path_params["code"])))

    async def next_round(self, request: Request):
        """Start the next round of play, optionally under a new regime (``regime`` or ``scenario``)."""
        self.require_teacher(request)
        code = code_from(request.path_params["code"])
        body = await read_json(request)
        name, regime = None, None
        if "regime" in body or "scenario" in body:
            name, regime, _ = _session_regime(body)
        await run_in_threadpool(self.classroom.next_play_round, code, name, regime)
        return JSONResponse(await run_in_threadpool(self._teacher_view, code))

    async def close(self, request: Request):
        """Close the session."""
        self.require_teacher(request)
        code = code_from(request.path_params["code"])
        await read_json(request)
        await run_in_threadpool(self.classroom.close_session, code)
        return JSONResponse(await run_in_threadpool(self._teacher_view, code))

    async def teacher_events(self, request: Request):
        """The dashboard's data, pushed on every change in the session."""
        self.require_teacher(request)
        code = code_from(request.path_params["code"])
        keys = (f"session:{await run_in_threadpool(_session_id, self.classroom, code)}",)
        return event_stream(request, self.classroom.changes, lambda: keys, lambda: self._teacher_view(code),
                            interval=0.5)

    async def export(self, request: Request):
        """The session's pairs table or move log as CSV or Parquet."""
        self.require_teacher(request)
        code = code_from(request.path_params["code"])
        table, fmt = request.path_params["table"], request.path_params["fmt"]
        if table not in EXPORTS or fmt not in MEDIA:
            raise Refused(404, "exports are pairs.csv, pairs.parquet, moves.csv and moves.parquet")

        def build():
            with self.classroom.store.transaction() as conn:
                session = _session_row(conn, code)
                return as_bytes(EXPORTS[table](conn, session), fmt, code)

        content = await run_in_threadpool(build)
        filename = f"regimelab-classroom-{code}-{table}.{fmt}"
        return Response(content, media_type=MEDIA[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    def _teacher_view(self, code: str) -> dict:
        with self.classroom.store.transaction() as conn:
            return teacher_view(conn, _session_row(conn, code))

    # -- the sandbox -------------------------------------------------------------------

    async def sandbox_options(self, request: Request):
        """The controls' choices."""
        self.require_teacher(request)
        return JSONResponse(await run_in_threadpool(sandbox.options))

    async def sandbox_scenario(self, request: Request):
        """A tournament scenario: texts, sources, players, regimes."""
        self.require_teacher(request)
        name = request.path_params["name"]
        if builtin_scenario_kinds().get(name) != "tournament":
            raise Refused(404, "unknown tournament scenario")
        return JSONResponse(await run_in_threadpool(sandbox.scenario_details, name))

    async def sandbox_evaluate(self, request: Request):
        """The sandbox's numbers for the controls' values."""
        self.require_teacher(request)
        body = await read_json(request)
        regime, game = regime_from(body.get("regime", {})), game_from(body.get("payoffs"))
        scenario = body.get("scenario") or None
        if scenario is not None and builtin_scenario_kinds().get(scenario) != "tournament":
            raise invalid("scenario must be the name of a built-in tournament scenario")
        names = body.get("strategies") or []
        strategies = tuple(strategy_names(names, regime, least=2)) if names or scenario is None else ()
        baseline = _baseline(body.get("baseline"), scenario)
        data = await run_in_threadpool(sandbox.evaluate, regime, game, strategies, scenario, baseline)
        return JSONResponse(data)


def _baseline(kind, scenario):
    if kind in (None, "", "none"):
        return None
    if kind == "null":
        return Regime()
    if kind == "scenario" and scenario is not None:
        return load_tournament_scenario(scenario).regimes[0].regime
    raise invalid("baseline must be none, null, or scenario (with a scenario)")


def _session_regime(body: dict):
    """The regime's name, the regime and the game a session (or its next round) asks for."""
    scenario = body.get("scenario")
    if scenario is not None:
        if not isinstance(scenario, str) or builtin_scenario_kinds().get(scenario) != "tournament":
            raise invalid("scenario must be the name of a built-in tournament scenario")
        loaded = load_tournament_scenario(scenario)
        variant = body.get("variant") or loaded.default
        if variant not in loaded.regime_names:
            raise invalid(f"variant must be one of {', '.join(loaded.regime_names)}")
        named = loaded.regime_named(variant)
        regime = regime_from(named.regime.to_dict(), live=True)
        return f"{scenario}: {variant}", regime, named.game
    regime = regime_from(body.get("regime", {}), live=True)
    name = body.get("name") or regime.label()
    if not isinstance(name, str) or len(name) > 80:
        raise invalid("name must be a text of at most 80 characters")
    return name, regime, game_from(body.get("payoffs"))


def _session_row(conn, code: str):
    session = db.session_by_code(conn, code)
    if session is None:
        raise Refused(404, "unknown join code")
    return session


def _session_id(classroom: Classroom, code: str) -> int:
    with classroom.store.transaction() as conn:
        return _session_row(conn, code).id
