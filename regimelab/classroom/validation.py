"""Every value a request brings, checked before anything changes.

A refused request gets a 4xx status and one sentence saying what is accepted
(:class:`Refused`); the regime's own checks (regimelab.functions) decide
whether a regime is valid, so the classroom accepts exactly what the CLI does,
within the narrower ranges that live play needs (students click each round).
"""

from __future__ import annotations

import math
import re

from ..errors import RegimelabError
from ..game import Game
from ..players import check_players, find_strategy, make_player
from ..regime import PARAMETERS, Regime

#: The largest request body accepted, in bytes (a session's settings fit in a few hundred).
MAX_BODY = 16 * 1024
#: Live play: at most this many rounds in a fixed-horizon match, and at most this shadow (100 rounds on average).
MAX_LIVE_TURNS = 500
MAX_LIVE_SHADOW = 0.99
#: Strategies in a random pool or a sandbox tournament.
MAX_STRATEGIES = 16
OPPONENT_MODES = ("strategy", "random", "student")
NICKNAME = re.compile(r"^[^\x00-\x1f\x7f<>&\"']{1,24}$")
CODE = re.compile(r"^[A-Z0-9]{4,8}$")


class Refused(Exception):
    """A request the server will not carry out: its HTTP status and the reason, in one sentence."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def invalid(message: str) -> Refused:
    """A 422 refusal: the request is well formed but a value is out of range."""
    return Refused(422, message)


def require_object(body, what: str = "the request body") -> dict:
    """``body`` if it is a JSON object, else a 400 refusal."""
    if not isinstance(body, dict):
        raise Refused(400, f"{what} must be a JSON object")
    return body


def regime_from(values, live: bool = False) -> Regime:
    """A :class:`Regime` from a JSON object of parameters (model names); ``live`` adds live play's limits."""
    values = require_object(values, "regime")
    unknown = [key for key in values if key not in PARAMETERS]
    if unknown:
        raise invalid(f"regime: unknown parameter {unknown[0][:40]!r}; known: {', '.join(PARAMETERS)}")
    for key, value in values.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise invalid(f"{key} must be a number")
    try:
        regime = Regime(**values)
    except RegimelabError as error:
        raise invalid(str(error)) from None
    if live:
        if regime.shadow is None and regime.turns > MAX_LIVE_TURNS:
            raise invalid(f"turns must be an integer from 1 to {MAX_LIVE_TURNS} for live play")
        if regime.shadow is not None and not 0 < regime.shadow <= MAX_LIVE_SHADOW:
            raise invalid(f"shadow must be a number with 0 < shadow <= {MAX_LIVE_SHADOW} for live play")
    return regime


def game_from(payoffs) -> Game:
    """The stage game from ``[R, S, T, P]`` (default 3, 0, 5, 1)."""
    if payoffs is None:
        return Game()
    if not isinstance(payoffs, list) or len(payoffs) != 4 or not all(_is_number(v) for v in payoffs):
        raise invalid("payoffs must be a list of four numbers [R, S, T, P]")
    try:
        return Game(*payoffs)
    except RegimelabError as error:
        raise invalid(str(error)) from None


def strategy_class(name) -> type:
    """The strategy class called ``name`` (as ``-s`` takes it)."""
    if not isinstance(name, str) or not 0 < len(name) <= 80:
        raise invalid("strategy must be a strategy's name")
    try:
        return find_strategy(name)
    except RegimelabError as error:
        raise invalid(str(error)) from None


def strategy_names(names, regime: Regime, least: int = 1) -> list[str]:
    """Names of strategies that can play under ``regime`` (a list, ``least`` to MAX_STRATEGIES of them)."""
    if not isinstance(names, list) or not least <= len(names) <= MAX_STRATEGIES:
        raise invalid(f"strategies must be a list of {least} to {MAX_STRATEGIES} strategy names")
    classes = [strategy_class(name) for name in names]
    try:
        check_players([make_player(cls) for cls in classes], regime)
    except RegimelabError as error:
        raise invalid(str(error)) from None
    return [cls.name for cls in classes]


def opponents_from(spec, regime: Regime) -> dict:
    """Who the students play: ``{"mode": "strategy", "strategy": NAME}``, ``{"mode": "random", "pool": [...]}``
    or ``{"mode": "student", "strategy": NAME}`` (the strategy plays whoever has no partner)."""
    spec = require_object(spec, "opponents")
    mode = spec.get("mode")
    if mode not in OPPONENT_MODES:
        raise invalid(f"opponents.mode must be one of {', '.join(OPPONENT_MODES)}")
    if mode == "random":
        return {"mode": mode, "pool": strategy_names(spec.get("pool"), regime, least=2)}
    name = strategy_names([spec.get("strategy", "Tit For Tat")], regime)[0]
    return {"mode": mode, "strategy": name}


def nickname_from(value) -> str:
    """A nickname: 1 to 24 characters, no control characters or markup."""
    if not isinstance(value, str) or not NICKNAME.match(value.strip()):
        raise invalid("nickname must be 1 to 24 characters, without control characters or < > & \" '")
    return value.strip()


def code_from(value) -> str:
    """A join code as typed (any case); an impossible one is as unknown as a wrong one (404)."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if not CODE.match(code):
        raise Refused(404, "unknown join code")
    return code


def move_from(body: dict) -> tuple[str, int]:
    """A move ("C" or "D") and the number of rounds the student has seen played (so a repeated click is refused)."""
    move, played = body.get("move"), body.get("round")
    if move not in ("C", "D"):
        raise invalid("move must be \"C\" (comply) or \"D\" (defect)")
    if isinstance(played, bool) or not isinstance(played, int) or played < 0:
        raise invalid("round must be the number of rounds played so far, an integer >= 0")
    return move, played


def _is_number(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
