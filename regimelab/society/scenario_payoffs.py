"""``[[payoffs]]`` of a society scenario: the stage game of one edge, in one of three forms.

Model page §7.3 and §7.10: each entry names an edge of the graph with
``between`` and gives its payoffs as ``game = [R, S, T, P]`` (symmetric),
as ``benefit`` and ``cost`` (exchange terms, per direction), or as ``row``
and ``column`` matrices. A variant's ``[[regimes.NAME.payoffs]]`` are read
the same way.
"""

from __future__ import annotations

from ..errors import InvalidParameter
from ..game import Game
from ..toml_files import TomlDocument
from .model_payoffs import EdgePayoffs
from .scenario_checks import Where, actor_names, is_number

PAYOFF_KEYS = ("between", "game", "benefit", "cost", "row", "column")
#: The forms of an entry, each with the keys that make it.
FORMS = (("game", ("game",)), ("exchange", ("benefit", "cost")), ("matrices", ("row", "column")))


def read_edge_payoffs(
    doc: TomlDocument, entries: list, table: str, names: list[str], playing: set
) -> list[EdgePayoffs]:
    """The entries of ``[[table]]``: each on an edge in ``playing`` (sets of two names), each edge once."""
    out = []
    seen: dict = {}
    for index, entry in enumerate(entries):
        place = Where(doc, table, index, f"[[{table}]] #{index + 1}")
        a, b = _edge(place, entry, table, names, playing, seen)
        seen[frozenset((a, b))] = index
        form = _form(place, entry)
        try:
            out.append(_READERS[form](place, entry, a, b))
        except InvalidParameter as error:
            raise place.invalid(error, form if form == "game" else None) from None
    return out


def _edge(place: Where, entry: dict, table: str, names: list[str], playing: set, seen: dict) -> tuple[str, str]:
    """The entry's keys checked, and its ``between``: two different actors that play, not given before."""
    place.check_keys(entry, PAYOFF_KEYS)
    if "between" not in entry:
        raise place.error(f"{place.label} needs between = [\"A\", \"B\"]")
    a, b = actor_names(place, entry["between"], "between", 2, names)
    if a == b:
        raise place.error(f"between must name two different actors, got {[a, b]!r}", "between")
    if frozenset((a, b)) not in playing:
        raise place.error(f"between: {a!r} and {b!r} do not play each other (not an edge of the graph)", "between")
    if frozenset((a, b)) in seen:
        earlier = seen[frozenset((a, b))] + 1
        raise place.error(f"between: {a!r} and {b!r} already have [[{table}]] #{earlier}", "between")
    return a, b


def _form(place: Where, entry: dict) -> str:
    """The one form of payoffs the entry gives."""
    forms = [form for form, keys in FORMS if any(k in entry for k in keys)]
    if len(forms) != 1:
        raise place.error(
            f"{place.label} needs exactly one form of payoffs: game = [R, S, T, P]; benefit = [b_A, b_B] "
            f"with cost = [c_A, c_B]; or row = [[..], [..]] with column = [[..], [..]] (got {forms or 'none'})",
            "between",
        )
    return forms[0]


def _game(place: Where, entry: dict, a: str, b: str) -> EdgePayoffs:
    values = entry["game"]
    if not isinstance(values, list) or len(values) != 4 or not all(is_number(v) for v in values):
        raise place.error(f"game must be four numbers [R, S, T, P], got {values!r}", "game")
    return EdgePayoffs.symmetric(a, b, Game(*values))


def _exchange(place: Where, entry: dict, a: str, b: str) -> EdgePayoffs:
    for key in ("benefit", "cost"):
        values = entry.get(key)
        if not isinstance(values, list) or len(values) != 2 or not all(is_number(v) for v in values):
            raise place.error(
                f"{key} must be two numbers [{a!r}'s, {b!r}'s] (given with "
                f"{'cost' if key == 'benefit' else 'benefit'}), got {values!r}",
                key if key in entry else "between",
            )
    return EdgePayoffs.exchange(a, b, entry["benefit"], entry["cost"])


def _matrices(place: Where, entry: dict, a: str, b: str) -> EdgePayoffs:
    for key in ("row", "column"):
        values = entry.get(key)
        if not (isinstance(values, list) and len(values) == 2 and all(
            isinstance(r, list) and len(r) == 2 and all(is_number(v) for v in r) for r in values
        )):
            raise place.error(
                f"{key} must be a 2x2 matrix [[CC, CD], [DC, DD]] indexed by {a!r}'s action then "
                f"{b!r}'s (given with {'column' if key == 'row' else 'row'}), got {values!r}",
                key if key in entry else "between",
            )
    return EdgePayoffs.matrices(a, b, entry["row"], entry["column"])


_READERS = {"game": _game, "exchange": _exchange, "matrices": _matrices}
