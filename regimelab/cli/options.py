"""Options shared by the commands, and turning them into engine values."""

from __future__ import annotations

import sys

import click

from ..errors import InvalidParameter, RegimelabError, StrategyFailed, StrategyRefused, UnknownStrategy
from ..functions import regime_parameters
from ..game import Game
from ..players import DEFAULT_STRATEGIES, NAMED_SETS, make_players
from ..regime import PARAMETERS, Regime
from .output import FORMATS

#: Option names for the engine's parameter names, for error messages.
OPTION_NAMES = {
    "strategy": "-s/--strategy",
    "jobs": "-j/--jobs",
    "set": "--set",
    "turns": "--turns",
}

DEFAULT_SEED = 1
DEFAULT_REPETITIONS = 10


class CliError(click.ClickException):
    """A one-line error with exit status 2 (bad input)."""

    exit_code = 2


def option_name(parameter: str) -> str:
    """The option for an engine parameter name: ``--fine`` for ``fine``, ``-s/--strategy`` for ``strategy``."""
    return OPTION_NAMES.get(parameter, "--" + parameter.replace("_", "-"))


def input_error(error: RegimelabError, option: str | None = None) -> CliError:
    """Turn an engine validation error into a CLI error that names the option."""
    if isinstance(error, InvalidParameter):
        name = option or option_name(error.parameter)
        got = "" if error.value is None else f" (got {error.value!r})"
        return CliError(f"Invalid value for '{name}': must be {error.accepted}{got}.")
    if isinstance(error, UnknownStrategy):
        return CliError(f"Invalid value for '{option or '-s/--strategy'}': {error}.")
    if isinstance(error, StrategyRefused):
        return CliError(f"Refused strategies: {error}.")
    if isinstance(error, StrategyFailed):
        return CliError(f"Strategy failed: {error}.")
    return CliError(str(error))


def output_options(func):
    """--format and --output."""
    func = click.option(
        "--output", "-o", "output", metavar="FILE", default=None,
        help="Also write the result to FILE (.json, .csv or .parquet; written atomically).",
    )(func)
    func = click.option(
        "--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="How to print the result on standard output.",
    )(func)
    return func


def regime_options(func):
    """One option per regime parameter (model page §2, from the registered functions), and --payoffs."""
    # Decorators apply bottom-up: add them in reverse so --help lists them in the model's order.
    for parameter in reversed(regime_parameters()):
        func = click.option(
            parameter.option, parameter.name, type=parameter.kind, default=None,
            metavar="N" if parameter.kind is int else "X", help=parameter.help,
        )(func)
    func = click.option(
        "--payoffs", "payoffs", default=None, metavar="R,S,T,P",
        help="Stage game payoffs (default 3,0,5,1: Axelrod's PD).",
    )(func)
    return func


def tournament_options(func):
    """Players, repetitions, seed, jobs, progress."""
    func = click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")(func)
    func = click.option(
        "-j", "--jobs", "jobs", type=int, default=1, show_default=True,
        help="Parallel processes (0: all cores); at most one per pairing (per cell for sweep) and 4 per core. "
        "Results do not depend on it.",
    )(func)
    func = click.option(
        "--seed", type=int, default=None, help=f"Random seed (0 .. 2**32-1; default {DEFAULT_SEED} or the scenario's)."
    )(func)
    func = click.option(
        "--repetitions", "-r", type=int, default=None,
        help=f"Repetitions of every pairing (default {DEFAULT_REPETITIONS} or the scenario's).",
    )(func)
    func = click.option(
        "--strategies-dir", "strategies_dir", metavar="DIR", default=None,
        help="Load every declarative strategy (*.toml) in DIR, usable by name with -s.",
    )(func)
    func = click.option(
        "--set", "sets", multiple=True, metavar="NAME",
        help=f"Add a named set of strategies ({', '.join(NAMED_SETS)}); repeatable.",
    )(func)
    func = click.option(
        "-s", "--strategy", "strategies", multiple=True, metavar="NAME",
        help="A strategy by name, case-insensitive (repeatable). "
        f"Default: {', '.join(DEFAULT_STRATEGIES)}.",
    )(func)
    return func


ENGINES = ("simulate", "exact")


def engine_option(func):
    """--engine: play matches, or compute expectations from the strategies' machines."""
    return click.option(
        "--engine", "engine", type=click.Choice(ENGINES), default="simulate", show_default=True,
        help="simulate: play the matches; exact: expected values from the strategies' Markov chain "
        "(finite-state strategies only: `regimelab strategies --exact`; no seed, no repetitions).",
    )(func)


def check_engine_options(options: dict, alternatives: str = "--engine simulate") -> None:
    """Refuse --seed and --repetitions with --engine exact: they would be silently meaningless.

    ``alternatives``: the engines the command offers instead, for the message.
    """
    if options.get("engine") != "exact":
        return
    for key, flag in (("seed", "--seed"), ("repetitions", "--repetitions")):
        if options.get(key) is not None:
            raise CliError(
                f"Invalid value for '{flag}': --engine exact computes expected values, "
                f"so it takes no {key}; leave {flag} out or use {alternatives}."
            )


def load_strategies_dir(options: dict) -> None:
    """Register the declarative strategies of ``--strategies-dir``, if given, so ``-s`` can name them."""
    folder = options.get("strategies_dir")
    if folder is None:
        return
    from ..declarative import load_strategy_dir

    try:
        load_strategy_dir(folder)
    except RegimelabError as error:
        raise input_error(error, "--strategies-dir") from None


def scenario_from_options(options: dict):
    """The scenario named by the SCENARIO argument (a path or a built-in scenario), or None."""
    if not options.get("scenario"):
        return None
    from ..scenarios import load_tournament_scenario

    try:
        return load_tournament_scenario(options["scenario"])
    except RegimelabError as error:
        raise input_error(error, "SCENARIO") from None


def chosen_regime(options: dict):
    """The SCENARIO (if any), the chosen regime's name, and the regime and game to use.

    With a SCENARIO: its ``--variant`` (default: the scenario's default), overridden by
    the regime options and --payoffs given; without one: the options alone.
    """
    scenario = scenario_from_options(options)
    if scenario is None:
        if options.get("variant") is not None:
            raise CliError("Invalid value for '--variant': it names a regime of a SCENARIO; give a SCENARIO.")
        return None, None, regime_from_options(options), game_from_options(options)
    try:
        named = scenario.regime_named(options.get("variant") or scenario.default)
    except RegimelabError as error:
        raise input_error(error, "--variant") from None
    regime = override(named.regime, regime_overrides(options))
    return scenario, named.name, regime, game_from_options(options, named.game)


def regime_overrides(options: dict) -> dict:
    """The regime parameters given on the command line (they override a scenario)."""
    values = {key: options[key] for key in PARAMETERS if options.get(key) is not None}
    regime_from_options(options)  # validate them together (e.g. turns and shadow)
    return values


def override(regime: Regime, overrides: dict) -> Regime:
    """``regime`` with ``overrides`` applied; an invalid value is a CLI error naming its option."""
    try:
        return regime.replace(**overrides)
    except RegimelabError as error:
        raise input_error(error) from None


def tournament_numbers(options: dict, scenario) -> tuple[int, int]:
    """Repetitions and seed: the command line's, else the scenario's, else the defaults."""
    repetitions = options.get("repetitions")
    seed = options.get("seed")
    if repetitions is None:
        repetitions = scenario.repetitions if scenario else DEFAULT_REPETITIONS
    if seed is None:
        seed = scenario.seed if scenario else DEFAULT_SEED
    return repetitions, seed


def regime_from_options(options: dict) -> Regime:
    """The regime the regime options give on their own (options not given keep the null regime's values)."""
    values = {key: options[key] for key in PARAMETERS if options.get(key) is not None}
    try:
        return Regime(**values)
    except RegimelabError as error:
        raise input_error(error) from None


def game_from_options(options: dict, default: Game | None = None) -> Game:
    """The stage game of ``--payoffs``, else ``default``, else Axelrod's (3, 0, 5, 1)."""
    if options.get("payoffs") is None:
        return default or Game()
    try:
        return Game.from_sequence(options["payoffs"])
    except RegimelabError as error:
        raise input_error(error, "--payoffs") from None


def players_from_options(options: dict, scenario=None) -> list:
    """Players from -s/--set; else the scenario's; else the built-in default."""
    names = options.get("strategies") or ()
    sets = options.get("sets") or ()
    if not names and not sets:
        if scenario is not None:
            return scenario.make_players()
        names = DEFAULT_STRATEGIES
    try:
        return make_players(names, sets)
    except RegimelabError as error:
        raise input_error(error) from None


def show_progress(options: dict) -> bool:
    """Whether to draw a progress bar: not with ``--no-progress``, and only when standard error is a terminal."""
    return not options.get("no_progress") and sys.stderr.isatty()
