"""The built-in scenarios that ship with regimelab (the repository's tournaments/).

A built-in scenario is of one of two kinds:

* a **tournament** built-in scenario (``[tournament]``): players and the regimes to
  compare them under, played with `regimelab run/compare/explain/sweep NAME`
  (:func:`load_tournament_scenario` gives its :class:`~regimelab.tournament_scenario.TournamentScenario`);
* a **society** built-in scenario (``[[actors]]``, model page §7): a society of actors
  and its variants, played with `regimelab society NAME`
  (:func:`regimelab.society.scenario.load_society` gives its ``SocietyScenario``).

:func:`load_scenario` (``regimelab.load_scenario``) loads either kind, by
built-in name or by path. :func:`load_tournament_scenario` refuses a society
scenario with :class:`SocietyScenarioGiven`, a one-line error naming the
command to use.
"""

from __future__ import annotations

import os

from .errors import RegimelabError
from .scenario_files import KINDS, builtin_scenario_files, resolve_scenario, scenario_kind  # noqa: F401  (KINDS: part of this API)
from .society.scenario import SocietyScenario, load_society_scenario
from .tournament_scenario import TournamentScenario, read_tournament_scenario


class SocietyScenarioGiven(RegimelabError):
    """A society scenario where a tournament scenario was expected (`run`, `compare`, `explain`, `sweep`...)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"{name} is a society scenario (it has [[actors]]), not a tournament scenario: "
            f"play it with `regimelab society {name}`"
        )

    def __reduce__(self):
        return (type(self), (self.name,))


def builtin_scenario_kinds() -> dict[str, str]:
    """Built-in scenario name -> kind (``"tournament"`` or ``"society"``)."""
    return {name: scenario_kind(path) for name, path in builtin_scenario_files().items()}


def load_tournament_scenario(name_or_path: str) -> TournamentScenario:
    """A tournament scenario by path or built-in name; a society scenario raises :class:`SocietyScenarioGiven`."""
    path = resolve_scenario(name_or_path)
    if scenario_kind(path) == "society":
        raise SocietyScenarioGiven(name_or_path)
    return read_tournament_scenario(path)


def load_scenario(name_or_path: str | os.PathLike) -> TournamentScenario | SocietyScenario:
    """A scenario of either kind, by built-in name (``"concert-1815"``) or by the path of a ``.toml`` file.

    A tournament scenario (``[tournament]``) is a
    :class:`~regimelab.tournament_scenario.TournamentScenario`: its
    ``make_players()``, its ``regimes`` (each a ``regime``, a ``game`` and a
    ``description``), ``regime_names``, ``repetitions`` and ``seed`` are what
    `regimelab run/compare NAME` play. A society scenario (``[[actors]]``) is a
    :class:`~regimelab.society.SocietyScenario`: ``society(variant)`` is a
    variant's society, played with :func:`regimelab.society.run_society`
    (``repetitions`` and ``seed`` are the scenario's). ``regimelab scenarios`` lists the
    built-in names; an unknown one is an :class:`~regimelab.errors.InvalidParameter`
    that suggests the closest.
    """
    path = resolve_scenario(os.fspath(name_or_path))
    if scenario_kind(path) == "society":
        return load_society_scenario(path)
    return read_tournament_scenario(path)


#: The former name of :func:`load_scenario`.
load_any_scenario = load_scenario


def builtin_society_scenarios() -> list:
    """The built-in society scenarios, as ``SocietyScenario`` values."""
    files = builtin_scenario_files().values()
    return [load_society_scenario(path) for path in files if scenario_kind(path) == "society"]


def scenario_listing() -> list[dict]:
    """One entry per built-in scenario, in name order: name, kind, title, summary and its regimes (variants)."""
    out = []
    for name, path in builtin_scenario_files().items():
        kind = scenario_kind(path)
        if kind == "society":
            scenario = load_society_scenario(path)
            regimes = scenario.variant_names
        else:
            scenario = read_tournament_scenario(path)
            regimes = scenario.regime_names
        out.append({"name": scenario.name, "kind": kind, "title": scenario.title, "summary": scenario.summary,
                    "regimes": ",".join(regimes)})
    return out
