"""Errors that regimelab raises for bad input.

Every validation error names the parameter it is about, so that the CLI can
name the option (``--transparency``) and a notebook user the argument.
"""


#: A refused value longer than this is cut in messages (10**400 would fill the screen).
SHOWN_LENGTH = 60


def shown(value) -> str:
    """``repr(value)`` for a message, cut to :data:`SHOWN_LENGTH` characters with "..." (a number
    too long to show gives its digits' count instead)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**SHOWN_LENGTH:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"  # str() may refuse it
    text = repr(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


class RegimelabError(ValueError):
    """Base class of regimelab's input errors."""


class InvalidParameter(RegimelabError):
    """A parameter has a value outside its accepted range or type.

    ``parameter`` is the model name (``transparency``); ``accepted`` says what
    is accepted, in words a user can act on.
    """

    def __init__(self, parameter: str, accepted: str, value=None):
        self.parameter = parameter
        self.accepted = accepted
        self.value = value
        got = "" if value is None else f", got {shown(value)}"
        super().__init__(f"{parameter} must be {accepted}{got}")

    def __reduce__(self):  # errors raised in worker processes must unpickle
        return (type(self), (self.parameter, self.accepted, self.value))


class UnknownStrategy(RegimelabError):
    """A strategy name that matches no known strategy."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(
            f"unknown strategy {name!r}{hint} (`regimelab strategies` lists them)"
        )

    def __reduce__(self):
        return (type(self), (self.name, self.suggestions))


class StrategyRefused(RegimelabError):
    """Strategies that cannot take part under the chosen regime."""


class StrategyFailed(RegimelabError):
    """A strategy raised an error while playing under the regime.

    Some axelrod strategies derive probabilities from the game they are told
    (G'); a regime can make those fall outside [0, 1].
    """


class NotFiniteState(StrategyRefused):
    """A strategy that the exact engine cannot play: it has no (small enough) finite-state form."""

    def __init__(self, name: str, reason: str = ""):
        self.name = name
        self.reason = reason
        why = f" ({reason})" if reason else ""
        super().__init__(
            f"{name} has no finite-state form the exact engine knows{why}; "
            "use the simulation engine (--engine simulate) or leave it out"
        )

    def __reduce__(self):  # errors raised in worker processes must unpickle
        return (type(self), (self.name, self.reason))
