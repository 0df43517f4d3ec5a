"""`regimelab evolve`: which strategies spread under a regime, and which resist invasion."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import click

from ..errors import InvalidParameter, RegimelabError
from ..files import PLOT_SUFFIXES
from ..limits import MAX_POPULATION, MAX_STEPS, MAX_TIME, number_text
from .common import counted, expected_game_text, game_text, horizon_text
from .options import (
    CliError,
    allow_large_option,
    check_engine_options,
    check_size,
    chosen_regime,
    input_error,
    load_strategies_dir,
    output_options,
    players_from_options,
    regime_options,
    show_progress,
    tournament_numbers,
    tournament_options,
)
from .output import check_output_path, emit, format_number, render_table, wrap

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_POPULATION = 10
DEFAULT_TIME = 100.0
DEFAULT_STEPS = 100


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: which of the scenario's regimes to use (default: the scenario's default).")
@tournament_options
@regime_options
@click.option(
    "--engine", "engine", type=click.Choice(["auto", "exact", "simulate"]), default="auto", show_default=True,
    help="Payoff matrix: exact (Markov chains; finite-state strategies only), simulate (a tournament of "
    "--repetitions), or auto (exact when every strategy allows it).",
)
@click.option("--population", "-N", "population", type=int, default=DEFAULT_POPULATION, show_default=True,
              metavar="N", help=f"Moran process: population size N, 2 to {number_text(MAX_POPULATION)}.")
@click.option("--selection", "selection", type=float, default=1.0, show_default=True, metavar="S",
              help="Moran process: selection intensity s in [0, 1]; fitness 1 - s + s*payoff "
              "(1: proportional to payoff, as axelrod's MoranProcess). Fines can make payoffs negative: then "
              "s must be smaller (the error says how small).")
@click.option("--time", "time", type=float, default=DEFAULT_TIME, show_default=True, metavar="T",
              help=f"Replicator dynamics: how long to integrate, above 0 and at most {number_text(MAX_TIME)}.")
@click.option("--steps", "steps", type=int, default=DEFAULT_STEPS, show_default=True, metavar="K",
              help=f"Replicator dynamics: report the shares at K + 1 evenly spaced times, K from 1 to "
              f"{number_text(MAX_STEPS)}.")
@click.option("--initial", "initial", default=None, metavar="NAME=SHARE,...",
              help="Replicator dynamics: starting shares (summing to 1; strategies not named start at 0). "
              "Default: equal shares.")
@click.option("--plot", "plot", metavar="FILE", default=None, help="Draw the shares over time (.png, .svg or .pdf).")
@click.option(
    "--table", "table", type=click.Choice(["trajectory", "fixation"]), default="trajectory", show_default=True,
    help="The table for --format csv and .csv/.parquet output: shares over time, or one row per "
    "(resident, mutant) pair.",
)
@output_options
@allow_large_option
def evolve(**options):
    """Evolution under a regime: which strategies spread, which resist invasion.

    Computes the payoff matrix of the strategies under the regime (exact when
    every strategy has a finite-state form, else by a simulated tournament),
    then runs two dynamics on it:

    \b
    - replicator dynamics: shares of a large population over time, from
      equal shares or --initial; the end state, and whether it is at rest;
    - the Moran process: the probability that one mutant of each strategy
      takes over a population of N - 1 residents of each other strategy
      (axelrod's MoranProcess, solved exactly when every match is certain
      given its length; otherwise with each fitness replaced by its mean, and
      the output says so); above 1/N it is favoured.

    SCENARIO is a scenario (a built-in scenario's name or a .toml file); options override it.

    \b
    Examples:
      regimelab evolve
      regimelab evolve -s tft -s alld --shadow 0.95 --initial tft=0.9,alld=0.1
      regimelab evolve -s tft -s alld --shadow 0.1 --population 20
      regimelab evolve --transparency 0.6 --fine 3 --selection 0.5 --plot shares.png
      regimelab evolve -s tft -s wsls -s alld -s allc --noise 0.05 --format json
      regimelab evolve --set basic --engine simulate -r 20 --table fixation -o fixation.csv
      regimelab evolve concert-1815 --time 200
    """
    import pandas as pd

    load_strategies_dir(options)
    check_engine_options(options, "--engine auto or simulate")
    scenario, variant, regime, game = chosen_regime(options)
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    initial, output, plot = _checked_inputs(options, players, regime, game, repetitions)
    outcome = _run(options, players, regime, game, initial, repetitions, seed)
    if plot is not None:
        from ..evolution.plot import plot_shares

        plot_shares(outcome.replicator, plot)
    data = outcome.to_dict()
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title, "variant": variant}
    table = trajectory_frame(outcome) if options["table"] == "trajectory" else pd.DataFrame(outcome.fixation.pairs())
    title = f"Scenario: {scenario.title} [{variant}]" if scenario is not None else None
    emit(options["fmt"], data, table, lambda: render(outcome, options, title), output, (plot,))


def _checked_inputs(options: dict, players, regime, game, repetitions: int):
    """The --initial shares, the --output and --plot paths, all checked, and the run's size checked: before
    any work, each problem a one-line error naming its option."""
    from ..evolution import shares_by_name
    from ..evolution.moran import check_population, check_selection
    from ..evolution.replicator import check_shares, check_time
    from ..players import unique_names

    try:
        check_population(options["population"])
        check_selection(options["selection"])
        check_time(options["time"], options["steps"])
        initial = parse_initial(options["initial"], players)
        if initial is not None:
            check_shares(shares_by_name(initial, unique_names(players)), len(players))
        output = check_output_path(options["output"])
        plot = check_output_path(options["plot"], "plot", PLOT_SUFFIXES)
        check_size(options, lambda: _workload(options, players, regime, game, repetitions))
    except RegimelabError as error:
        raise input_error(error) from None
    return initial, output, plot


def _run(options: dict, players, regime, game, initial, repetitions: int, seed: int):
    """The payoff matrix and both dynamics (:func:`regimelab.evolution.evolve`); errors name the option."""
    from ..evolution import evolve as run_evolution
    from ..evolution.moran import FitnessNotPositive
    from ..machines import NotFiniteState

    try:
        return run_evolution(
            players, regime, game, engine=options["engine"], population=options["population"],
            selection=options["selection"], initial=initial, time=options["time"], steps=options["steps"],
            repetitions=repetitions, seed=seed, jobs=options["jobs"], progress=show_progress(options),
        )
    except FitnessNotPositive as error:
        raise CliError(f"Invalid value for '--selection': {error}.") from None
    except RegimelabError as error:
        if options["engine"] == "exact" and isinstance(error, NotFiniteState):
            raise CliError(f"Invalid value for '--engine': {error}; or --engine auto, which simulates "
                           "only when it must.") from None
        raise input_error(error) from None


def _workload(options: dict, players, regime, game, repetitions: int):
    from ..workload import evolution_workload

    return evolution_workload(players, regime, game, options["engine"], options["population"], options["steps"],
                              repetitions, options["jobs"])


def parse_initial(text: str | None, players) -> dict | None:
    """``NAME=SHARE,...`` as shares by the players' display names.

    A NAME is a display name (any case or punctuation) or any name of a
    strategy that ``-s`` accepts (``tft``), if it is in the population once.
    """
    from ..players import unique_names
    from ..strategy_registry import strategy_key

    if text is None:
        return None
    names = unique_names(players)
    by_key = {strategy_key(name): name for name in names}
    shares: dict[str, float] = {}
    for item in [part for part in text.split(",") if part.strip()]:
        if "=" not in item:
            raise InvalidParameter("initial", "NAME=SHARE pairs separated by commas", item.strip())
        name, value = (part.strip() for part in item.rsplit("=", 1))
        resolved = _resolve(name, names, by_key, players)
        try:
            share = float(value)
        except ValueError:
            raise InvalidParameter("initial", f"a number for the share of {resolved}", value) from None
        if resolved in shares:
            raise InvalidParameter("initial", "each strategy named once", resolved)
        shares[resolved] = share
    if not shares:
        raise InvalidParameter("initial", "NAME=SHARE pairs separated by commas", text)
    return shares


def _resolve(name: str, names, by_key, players) -> str:
    from ..players import find_strategy
    from ..strategy_registry import strategy_key

    if strategy_key(name) in by_key:
        return by_key[strategy_key(name)]
    population = ", ".join(names)
    try:
        cls = find_strategy(name)
    except RegimelabError:
        cls = None
    matches = [names[k] for k, player in enumerate(players) if cls is not None and type(player) is cls]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InvalidParameter("initial", f"one name per strategy; {name!r} could be {', '.join(matches)}", name)
    raise InvalidParameter("initial", f"names of strategies in the population ({population})", name)


def trajectory_frame(outcome) -> pd.DataFrame:
    """The replicator trajectory as a table: a ``time`` column, then each strategy's share."""
    import pandas as pd

    run = outcome.replicator
    frame = pd.DataFrame(run.shares, columns=list(run.names))
    frame.insert(0, "time", run.times)
    return frame


def render(outcome, options: dict, title: str | None = None) -> str:
    """The text report of ``evolve``: header, replicator shares and the Moran fixation table.

    The replicator table lists each strategy's start and final share and its
    score per turn against the final population, largest final share first.
    """
    lines = [title] if title else []
    lines += _header_lines(outcome.payoffs) + [""]
    lines += _replicator_lines(outcome, options) + [""]
    lines += _moran_lines(outcome.fixation)
    return "\n".join(lines)


def _header_lines(payoffs) -> list[str]:
    """The regime, horizon, game (and G') and which engine computed the payoffs."""
    regime, game = payoffs.regime, payoffs.game
    if payoffs.engine == "exact":
        engine = "exact (expected payoffs)"
    else:
        engine = f"simulated ({counted(payoffs.repetitions, 'repetition')}, seed {payoffs.seed})"
    lines = [
        wrap(f"Regime:  {regime.label().replace(',', ', ')}", indent=9),
        f"Horizon: {horizon_text(regime)}",
        f"Game:    {game_text(game)} ({game.describe()})",
    ]
    expected = regime.expected_game(game)
    if expected != game:
        lines.append(f"G':      {expected_game_text(expected)} ({expected.describe()})")
    lines.append(wrap(f"Payoffs: {engine}" + (f"; not exact: {payoffs.reason}" if payoffs.reason else ""), indent=9))
    return lines


def _replicator_lines(outcome, options: dict) -> list[str]:
    """Where the replicator dynamics ended (settled or not), and each strategy's shares and payoff."""
    payoffs, run = outcome.payoffs, outcome.replicator
    start = "equal shares" if options.get("initial") is None else "the --initial shares"
    lines = [wrap(f"Replicator dynamics from {start}, up to time {run.times[-1]:g}: {rest_text(run)}.", indent=0)]
    payoff_now = payoffs.matrix @ run.final
    rows = [
        {
            "name": run.names[i],
            "start": share_text(float(run.shares[0, i])),
            "final": share_text(float(run.final[i])),
            "payoff": format_number(float(payoff_now[i])),
        }
        for i in sorted(range(len(run.names)), key=lambda i: -run.final[i])
    ]
    columns = [("name", "strategy", 26, "<"), ("start", "start", 7, ">"), ("final", "final", 7, ">"),
               ("payoff", "payoff", 8, ">")]
    lines.append(render_table(columns, rows))
    lines.append("payoff: score per turn against the final population.")
    return lines


def rest_text(run) -> str:
    """At rest, or why the run has not settled: the fastest change of a share (max |dx/dt|), and the
    strategies still growing (d log x/dt above the tolerance, fastest first), however small their share."""
    if run.at_rest:
        return "at rest"
    growing = f"; still growing: {', '.join(run.growing)}" if run.growing else ""
    return f"not settled (max |dx/dt| = {run.max_rate:.2g}{growing}); try a longer --time"


def share_text(share: float) -> str:
    """A population share: 3 decimals, or a share too small for them in scientific notation (``4e-22``,
    not ``0.000``, which reads as extinct); ``0`` only for a strategy that is absent."""
    if share == 0:
        return "0"
    return f"{share:.3f}" if share >= 0.0005 else f"{share:.0e}"


def _moran_lines(fixation) -> list[str]:
    """The Moran process: its heading, the fixation table and how the probabilities were computed."""
    lines = [wrap(
        f"Moran process, N = {fixation.population}, selection {fixation.selection:g}: probability that one "
        f"mutant (column) takes over N - 1 residents (row). Neutral drift: 1/N = {fixation.neutral:.3f}; "
        "* marks a favoured mutant (above 1/N).", indent=0)]
    lines += fixation_lines(fixation)
    lines.append(wrap(fixation_note(fixation), indent=0))
    return lines


def fixation_note(fixation) -> str:
    """The line under the fixation table: exact for axelrod's process, or which approximation."""
    if fixation.method == "exact":
        return f"Fixation method: exact: {fixation.method_reason}."
    if fixation.method == "mixed":
        return f"Fixation method: mixed, {fixation.method_reason} (docs/evolution.md §3)."
    return (f"Fixation method: expected fitness, an approximation: {fixation.method_reason} "
            "(docs/evolution.md §3).")


def fixation_lines(fixation, width: int = 80) -> list[str]:
    """The fixation table as lines: residents in rows, mutants in numbered columns.

    Columns are split into blocks that fit ``width`` characters; ``-`` marks the
    diagonal and ``*`` a favoured mutant (probability above 1/N).
    """
    names = fixation.names
    count = len(names)
    label = min(24, max(len(f"{k + 1} {name}") for k, name in enumerate(names)) + 1)
    cell = 7
    per_block = max(1, (width - label - 9) // cell)
    out = []
    for first in range(0, count, per_block):
        block = range(first, min(count, first + per_block))
        out.append(f"{'resident':<{label}}" + " mutant" + "".join(f"{k + 1:>{cell}}" for k in block))
        for i in range(count):
            text = f"{i + 1} {names[i]}"
            text = text if len(text) <= label - 1 else text[: label - 2] + "~"
            cells = [
                f"{'-' if i == j else _probability(fixation.matrix[i, j], fixation.population):>{cell}}"
                for j in block
            ]
            out.append(f"{text:<{label}}" + " " * 7 + "".join(cells))
        out.append("")
    return out[:-1]


def _probability(rho: float, population: int) -> str:
    from ..evolution import verdict

    if math.isnan(rho):
        return "-"
    text = f"{rho:.3f}" if rho >= 0.001 or rho == 0 else f"{rho:.0e}"
    return text + ("*" if verdict(rho, population) == "favoured" else " ")
