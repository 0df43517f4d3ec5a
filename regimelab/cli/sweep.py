"""`regimelab sweep`: a grid, or a sampled design, of tournaments over regime parameters and payoffs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import RegimelabError
from ..sweeps.designs import DESIGNS, SAMPLES_MEANING, Design, build_design, parse_range
from ..sweeps.grid import MODES, SWEEPABLE, build_grid, parse_param
from ..wording import counted
from .options import (
    CliError,
    allow_large_option,
    check_engine_options,
    check_size,
    chosen_regime,
    engine_option,
    input_error,
    load_strategies_dir,
    players_from_options,
    regime_options,
    show_progress,
    tournament_numbers,
    tournament_options,
)
from .output import FORMATS, check_output_path, format_number, render_table, to_csv, to_json

if TYPE_CHECKING:
    from ..sweeps.runner import SweepDefinition


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: the scenario's regime to sweep around (default: its default).")
@click.option("--param", "params", multiple=True, metavar="NAME=RANGE",
              help="A swept parameter: NAME=START:STOP:COUNT (inclusive) or NAME=V1,V2,... for a grid, "
              f"NAME=LOW:HIGH for a sampled design; repeatable. NAME is one of {', '.join(SWEEPABLE)}.")
@click.option("--mode", type=click.Choice(MODES), default="grid", show_default=True,
              help="With --design grid: every combination (grid), or one parameter at a time from the base "
              "(oneway).")
@click.option("--design", "design", type=click.Choice(DESIGNS), default="grid", show_default=True,
              help="grid: the --param values; lhs, sobol, morris: points drawn (with SALib, from --seed) between "
              "each --param's LOW and HIGH, for `regimelab sensitivity` (lhs: first-order indices by RBD-FAST; "
              "sobol: Sobol' S1 and ST; morris: mu* and sigma).")
@click.option("--samples", "samples", type=int, default=None, metavar="N",
              help="With a sampled design, its N: " + "; ".join(f"{name}: {text}" for name, text in
                                                                SAMPLES_MEANING.items()) + " (sobol: a power of 2).")
@click.option("--second-order", "second_order", is_flag=True,
              help="With --design sobol: also the points second-order indices S2 need (2k + 2 cells per sample).")
@click.option("--resume", is_flag=True, help="Finish an interrupted sweep, skipping the cells already done.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run the cells on a Dask distributed cluster instead of local processes (tcp:// only, "
              "no TLS; a cluster runs what it is sent: use only one you control).")
@tournament_options
@engine_option
@regime_options
@click.option("--output", "-o", "output", metavar="FILE", default="sweep.parquet", show_default=True,
              help="The tidy table (.parquet or .csv), written atomically; a manifest (.manifest.json) goes beside it.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the per-cell summary on standard output.")
@allow_large_option
def sweep(**options):
    """Sweep regime parameters (and payoffs): one tournament per cell of a grid or a sampled design.

    The table has one row per (cell, player): every swept parameter, the
    player's rank, score and cooperation, and per cell the mean cooperation,
    mean payoff, class of G', winner and super-game margin. Each cell's seed
    derives from --seed and the cell's values, so results do not depend on -j
    or on a cluster. Finished cells are saved as they complete; after an
    interruption, run the same command with --resume.

    A sampled design (--design lhs, sobol or morris, --samples N, each
    --param NAME=LOW:HIGH) draws its points from --seed, so the same command
    gives the same points, and every cell plays with --seed itself (common
    random numbers); `regimelab sensitivity` computes its indices. Unless
    --engine or --repetitions is given, it runs on the exact engine when every
    player has a finite-state form.

    \b
    Examples:
      regimelab sweep --param transparency=0:1:11 --param fine=0,1,2,4 -j 0
      regimelab sweep --shadow 0.9 --param transparency=0:1:21 --output p.parquet
      regimelab sweep anarchy --param shadow=0.5:0.95:10 --mode oneway --param transparency=0.2:1:5
      regimelab sweep --param T=4:8:5 --output temptation.csv --resume
      regimelab sweep --param fine=0:5:21 --scheduler tcp://10.0.0.5:8786
      regimelab sweep -s tft -s wsls -s alld --param noise=0:0.1:11 --param shadow=0.5:0.99:12 --engine exact
      regimelab sweep -s tft -s grim -s alld --shadow 0.9 --design sobol --samples 16 \
        --param transparency=0.3:1 --param fine=0:4 --param noise=0:0.1 -o sobol.parquet
    """
    from ..sweeps.runner import SweepDefinition, cell_summary, check_scheduler_address, manifest_path, run_sweep

    load_strategies_dir(options)
    sampled = _check_design_options(options)
    # A sampled design's points are drawn from --seed, so the exact engine takes one there.
    check_engine_options({**options, "seed": None} if sampled else options)
    scenario, _, base_regime, base_game = chosen_regime(options)
    if not options["params"]:
        wanted = "NAME=LOW:HIGH" if sampled else "NAME=START:STOP:COUNT or NAME=V1,V2,..."
        raise CliError(f"Missing option '--param': give at least one {wanted} (see 'regimelab sweep --help').")
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    try:
        if options["scheduler"]:
            check_scheduler_address(options["scheduler"])
        output = check_output_path(options["output"], suffixes=(".parquet", ".csv"))
        grid = _grid(options, seed, base_regime, base_game)
        engine = _default_engine(options, SweepDefinition(tuple(players), base_regime, base_game, grid, repetitions,
                                                          seed, "exact"))
        definition = SweepDefinition(tuple(players), base_regime, base_game, grid, repetitions, seed,
                                     _engine(engine, grid, base_regime, base_game))
        check_size(options, lambda: _workload(definition, options["jobs"]))
        # run_sweep checks every cell's players, the seed and the partial file before writing anything.
        table = run_sweep(definition, output, jobs=options["jobs"], scheduler=options["scheduler"],
                          resume=options["resume"], progress=show_progress(options), notify=_warn)
    except RegimelabError as error:
        raise input_error(error) from None
    summary = cell_summary(table, grid.names)
    fmt = options["fmt"]
    if fmt == "json":
        click.echo(to_json({"cells": summary.to_dict(orient="records"), "output": str(output),
                            "manifest": str(manifest_path(output)), "grid": grid.to_dict(),
                            "engine": definition.engine,
                            "seed": None if definition.engine == "exact" and not sampled else seed}))
    elif fmt == "csv":
        click.echo(to_csv(summary), nl=False)
    else:
        click.echo(_render(summary, grid.names, "g" if grid.design is None else ".4g"))
    if sampled and definition.engine == "exact" and options["engine"] != "exact":
        click.echo("Engine: exact (every player has a finite-state form; --engine or --repetitions to simulate).",
                   err=True)
    click.echo(f"Wrote {output} ({counted(len(table), 'row')}) and {manifest_path(output)}", err=True)


def _check_design_options(options: dict) -> bool:
    """Whether the design is sampled; --samples only with one (and needed), --mode and --second-order only where
    they mean something."""
    source = click.get_current_context().get_parameter_source
    sampled = options["design"] != "grid"
    if sampled and options["samples"] is None:
        raise CliError(f"Missing option '--samples': --design {options['design']} needs its N "
                       f"({SAMPLES_MEANING[options['design']]}).")
    if not sampled and options["samples"] is not None:
        raise CliError("Invalid value for '--samples': it sizes a sampled design; add --design lhs, sobol or "
                       "morris, or leave --samples out.")
    if sampled and source("mode") is not click.core.ParameterSource.DEFAULT:
        raise CliError("Invalid value for '--mode': it arranges a grid's values; a sampled design draws its "
                       "points (leave --mode out, or use --design grid).")
    if options["second_order"] and options["design"] != "sobol":
        raise CliError("Invalid value for '--second-order': used only with --design sobol.")
    return sampled


def _grid(options: dict, seed: int, base_regime, base_game):
    """The cells: the grid of the --param values, or the points of a sampled design drawn from ``seed``."""
    if options["design"] == "grid":
        return build_grid([parse_param(text) for text in options["params"]], options["mode"], base_regime, base_game)
    design = Design(options["design"], options["samples"], seed, options["second_order"])
    return build_design([parse_range(text) for text in options["params"]], design, base_regime, base_game)


def _default_engine(options: dict, exact: SweepDefinition) -> str:
    """--engine; for a sampled design without --engine or --repetitions, exact when the players allow it.

    A Sobol' design needs thousands of cells, and the exact engine is fast and has no sampling noise
    to blur the indices.
    """
    from ..sweeps.runner import exact_engine_fits

    given = click.get_current_context().get_parameter_source("engine") is not click.core.ParameterSource.DEFAULT
    if exact.grid.design is None or given or options["repetitions"] is not None:
        return options["engine"]
    return "exact" if exact_engine_fits(exact) else options["engine"]


def _engine(engine: str, grid, base_regime, base_game) -> str:
    """The engine every cell plays: --engine, with "auto" decided once for the whole grid."""
    from ..tournament import simulation_engine

    if engine == "exact":
        return engine
    return simulation_engine(engine, [cell.regime_and_game(base_regime, base_game)[0] for cell in grid.cells])


def _workload(definition: SweepDefinition, jobs: int):
    from ..workload import sweep_workload

    return sweep_workload(definition, jobs)


def _warn(text: str) -> None:
    click.echo(f"Warning: {text}", err=True)


def _render(summary, names, value_format: str = "g") -> str:
    columns = [(name, name, max(8, len(name)), ">") for name in names]
    columns += [("coop", "coop", 5, ">"), ("payoff", "payoff", 6, ">"), ("class", "class of G'", 17, "<"),
                ("winner", "winner", 22, "<")]
    rows = []
    for record in summary.to_dict(orient="records"):
        row = {name: format(record[name], value_format) for name in names}  # a design's points: 4 digits
        row.update(coop=format_number(record["cell_mean_cooperation"], 2),
                   payoff=format_number(record["cell_mean_payoff"], 2),
                   **{"class": record["expected_class"],
                      "winner": record["winner"] + ("" if record["winner_robust"] is not False else " ~")})
        rows.append(row)
    return render_table(columns, rows) + (
        "\n~: the winner's lead over some player is within its 95% interval (a near tie)."
        if any(record is False for record in summary["winner_robust"]) else ""
    )
