"""`regimelab sweep`: a grid of tournaments over regime parameters and payoffs."""

from __future__ import annotations

import click

from ..errors import RegimelabError
from ..sweeps.grid import MODES, SWEEPABLE, build_grid, parse_param
from ..sweeps.runner import SweepDefinition, cell_summary, check_scheduler_address, manifest_path, run_sweep
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


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: the scenario's regime to sweep around (default: its default).")
@click.option("--param", "params", multiple=True, metavar="NAME=RANGE",
              help="A swept parameter: NAME=START:STOP:COUNT (inclusive) or NAME=V1,V2,...; repeatable. "
              f"NAME is one of {', '.join(SWEEPABLE)}.")
@click.option("--mode", type=click.Choice(MODES), default="grid", show_default=True,
              help="grid: every combination; oneway: one parameter at a time from the base.")
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
    """Sweep regime parameters (and payoffs): one tournament per cell of a grid.

    The table has one row per (cell, player): every swept parameter, the
    player's rank, score and cooperation, and per cell the mean cooperation,
    mean payoff, class of G' and winner. Each cell's seed derives from --seed
    and the cell's values, so results do not depend on -j or on a cluster.
    Finished cells are saved as they complete; after an interruption, run the
    same command with --resume.

    \b
    Examples:
      regimelab sweep --param transparency=0:1:11 --param fine=0,1,2,4 -j 0
      regimelab sweep --shadow 0.9 --param transparency=0:1:21 --output p.parquet
      regimelab sweep anarchy --param shadow=0.5:0.95:10 --mode oneway --param transparency=0.2:1:5
      regimelab sweep --param T=4:8:5 --output temptation.csv --resume
      regimelab sweep --param fine=0:5:21 --scheduler tcp://10.0.0.5:8786
      regimelab sweep -s tft -s wsls -s alld --param noise=0:0.1:11 --param shadow=0.5:0.99:12 --engine exact
    """
    load_strategies_dir(options)
    check_engine_options(options)
    scenario, _, base_regime, base_game = chosen_regime(options)
    if not options["params"]:
        raise CliError("Missing option '--param': give at least one NAME=START:STOP:COUNT or NAME=V1,V2,... "
                       "(see 'regimelab sweep --help').")
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    try:
        if options["scheduler"]:
            check_scheduler_address(options["scheduler"])
        output = check_output_path(options["output"], suffixes=(".parquet", ".csv"))
        grid = build_grid([parse_param(text) for text in options["params"]], options["mode"], base_regime, base_game)
        definition = SweepDefinition(tuple(players), base_regime, base_game, grid, repetitions, seed, options["engine"])
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
                            "engine": options["engine"],
                            "seed": None if options["engine"] == "exact" else seed}))
    elif fmt == "csv":
        click.echo(to_csv(summary), nl=False)
    else:
        click.echo(_render(summary, grid.names))
    click.echo(f"Wrote {output} ({counted(len(table), 'row')}) and {manifest_path(output)}", err=True)


def _workload(definition: SweepDefinition, jobs: int):
    from ..workload import sweep_workload

    return sweep_workload(definition, jobs)


def _warn(text: str) -> None:
    click.echo(f"Warning: {text}", err=True)


def _render(summary, names) -> str:
    columns = [(name, name, max(8, len(name)), ">") for name in names]
    columns += [("coop", "coop", 5, ">"), ("payoff", "payoff", 6, ">"), ("class", "class of G'", 17, "<"),
                ("winner", "winner", 22, "<")]
    rows = []
    for record in summary.to_dict(orient="records"):
        row = {name: f"{record[name]:g}" for name in names}
        row.update(coop=format_number(record["cell_mean_cooperation"], 2),
                   payoff=format_number(record["cell_mean_payoff"], 2),
                   **{"class": record["expected_class"],
                      "winner": record["winner"] + ("" if record["winner_robust"] is not False else " ~")})
        rows.append(row)
    return render_table(columns, rows) + (
        "\n~: the winner's lead over some player is within its 95% interval (a near tie)."
        if any(record is False for record in summary["winner_robust"]) else ""
    )
