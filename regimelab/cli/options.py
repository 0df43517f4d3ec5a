"""Options shared by the commands, and turning them into engine values."""

from __future__ import annotations

import sys

import click

from ..errors import InvalidParameter, RegimelabError, StrategyFailed, StrategyRefused, UnknownStrategy, shown
from ..functions import regime_parameters
from ..game import Game
from ..limits import MAX_JOBS, MAX_MAGNITUDE, MAX_REPETITIONS, check_jobs, check_repetitions, check_seed, number_text
from ..regime import PARAMETERS, Regime
from ..strategy_sets import DEFAULT_STRATEGIES, SET_DESCRIPTIONS
from .output import FORMATS

#: Option names for the engine's parameter names, for error messages.
OPTION_NAMES = {
    "strategy": "-s/--strategy",
    "jobs": "-j/--jobs",
    "set": "--set",
    "without": "--without",
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
        got = "" if error.value is None else f" (got {shown(error.value)})"
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
        help=f"Stage game payoffs, each within ±{number_text(MAX_MAGNITUDE)} (default 3,0,5,1: Axelrod's PD).",
    )(func)
    return func


def checked_by(check, option: str):
    """A click callback that checks an option's value with the library's ``check`` (regimelab.limits).

    The value is refused while the options are parsed, before any work, with the
    library's message naming ``option``: every command that takes the option
    refuses the same values the same way, and the library refuses them too.
    """
    def callback(ctx, param, value):
        if value is None:
            return None
        try:
            check(value)
        except InvalidParameter as error:
            raise input_error(error, option) from None
        return value

    return callback


def jobs_option(func=None, *, help_text: str = "Parallel processes",
                cap: str = "at most one per pairing (per cell for sweep) and 4 per core"):
    """-j/--jobs: 0 (all cores) to MAX_JOBS, checked the same in every command (a decorator, or a factory)."""
    if func is None:
        return lambda f: jobs_option(f, help_text=help_text, cap=cap)
    return click.option(
        "-j", "--jobs", "jobs", type=int, default=1, show_default=True,
        callback=checked_by(check_jobs, OPTION_NAMES["jobs"]),
        help=f"{help_text}, 0 to {number_text(MAX_JOBS)} (0: all cores); {cap}. Results do not depend on it.",
    )(func)


def seed_option(func=None, *, default=None, help_default: str = f"default {DEFAULT_SEED} or the scenario's"):
    """--seed: 0 .. 2**32 - 1, checked the same in every command (a decorator, or a factory)."""
    if func is None:
        return lambda f: seed_option(f, default=default, help_default=help_default)
    return click.option(
        "--seed", type=int, default=default, show_default=default is not None,
        callback=checked_by(check_seed, "--seed"),
        help=f"Random seed, 0 .. 2**32-1 ({help_default}).",
    )(func)


def repetitions_option(func=None, *, what: str = "Repetitions of every pairing",
                       help_default: str = f"default {DEFAULT_REPETITIONS} or the scenario's"):
    """--repetitions/-r: 1 .. MAX_REPETITIONS, checked the same in every command (a decorator, or a factory)."""
    if func is None:
        return lambda f: repetitions_option(f, what=what, help_default=help_default)
    return click.option(
        "--repetitions", "-r", type=int, default=None,
        callback=checked_by(check_repetitions, "--repetitions"),
        help=f"{what}, 1 to {number_text(MAX_REPETITIONS)} ({help_default}).",
    )(func)


def strategies_dir_option(func=None, *, help_text: str = "Load every declarative strategy (*.toml) in DIR: "
                          "-s can name them, and with no -s, --set or SCENARIO they play beside the default "
                          "strategies."):
    """--strategies-dir: a folder's name (an empty one, the current folder, is refused); decorator or factory."""
    if func is None:
        return lambda f: strategies_dir_option(f, help_text=help_text)
    return click.option(
        "--strategies-dir", "strategies_dir", metavar="DIR", default=None,
        callback=checked_by(_check_folder_name, "--strategies-dir"), help=help_text,
    )(func)


def _check_folder_name(path) -> None:
    from ..declarative_loading import check_folder_name

    check_folder_name(path)


def tournament_options(func):
    """Players, repetitions, seed, jobs, progress."""
    func = click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")(func)
    func = jobs_option(func)
    func = seed_option(func)
    func = repetitions_option(func)
    func = strategies_dir_option(func)
    func = click.option(
        "--without", "without", multiple=True, metavar="NAME",
        help="Leave a strategy out of the players: of a --set, a scenario's or the default ones "
        "(repeatable; for a strategy that cannot play under the regime, say).",
    )(func)
    func = click.option(
        "--set", "sets", multiple=True, metavar="NAME",
        help=f"Add a named set of strategies ({', '.join(SET_DESCRIPTIONS)}); repeatable.",
    )(func)
    func = click.option(
        "-s", "--strategy", "strategies", multiple=True, metavar="NAME",
        help="A strategy by name, case-insensitive (repeatable). "
        f"Default: {', '.join(DEFAULT_STRATEGIES)}.",
    )(func)
    return func


ENGINES = ("auto", "simulate", "vector", "exact")


def engine_option(func):
    """--engine: play matches (object by object, or as arrays), or compute expectations from machines."""
    return click.option(
        "--engine", "engine", type=click.Choice(ENGINES), default="auto", show_default=True,
        help="simulate: play the matches with axelrod's players and draws; vector: play the pairings of "
        "finite-state strategies as arrays (same distribution, own draws, many times faster; other pairings "
        "as simulate); auto: simulate under a regime axelrod can play itself (perfect monitoring, no payoff "
        "changes), vector otherwise; exact: expected values from the strategies' Markov chain "
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
    """Register the declarative strategies of ``--strategies-dir``, if given, so ``-s`` can name them.

    The classes loaded are kept in ``options["loaded_strategies"]``, for
    :func:`players_from_options`. First of all, a module of shipped strategies that
    failed to load is a one-line error naming it (every command that plays strategies calls this first).
    """
    from ..players import check_strategies_loaded

    try:
        check_strategies_loaded()
    except RegimelabError as error:
        raise CliError(f"{error}.") from None
    folder = options.get("strategies_dir")
    if folder is None:
        return
    from ..declarative import load_strategy_dir

    try:
        options["loaded_strategies"] = load_strategy_dir(folder)
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
    variant = options.get("variant")
    try:  # an empty --variant is a name no variant has, not the default
        named = scenario.regime_named(scenario.default if variant is None else variant)
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
    """Players from -s/--set; else the scenario's; else the built-in default and the --strategies-dir's
    strategies; less those of --without."""
    from ..players import make_players, without

    names = options.get("strategies") or ()
    sets = options.get("sets") or ()
    try:
        if names or sets:
            players = make_players(names, sets)
        elif scenario is not None:
            players = scenario.make_players()
        else:
            players = make_players(DEFAULT_STRATEGIES + tuple(options.get("loaded_strategies") or ()))
    except RegimelabError as error:
        raise input_error(error) from None
    try:
        return without(players, options.get("without") or ())
    except RegimelabError as error:
        raise input_error(error, "--without") from None


def show_progress(options: dict) -> bool:
    """Whether to draw a progress bar: not with ``--no-progress``, and only when standard error is a terminal."""
    return not options.get("no_progress") and sys.stderr.isatty()


#: The size guard's option, the same for every command (README, "Limits").
ALLOW_LARGE = "--allow-large"


def allow_large_option(func):
    """--allow-large: run even when the estimate is above the size limit (see :func:`check_size`)."""
    return click.option(
        ALLOW_LARGE, "allow_large", is_flag=True,
        help="Run even when it is estimated to take more than ~10 minutes on one core or more than "
        "4 GB of memory; without it such a run is refused before it starts, with its estimate.",
    )(func)


def check_size(options: dict, estimate) -> None:
    """Refuse the run (exit 2, one line with the estimate) when ``estimate()`` is above the limit.

    ``estimate``: a function returning a :class:`regimelab.workload.Workload`;
    it is not called with --allow-large. Call this after the inputs are
    checked and before any work starts.
    """
    if options.get("allow_large"):
        return
    from ..workload import TooLarge, check_workload

    try:
        check_workload(estimate())
    except TooLarge as error:
        raise CliError(f"{error}; pass {ALLOW_LARGE} to run it anyway") from None
