"""`regimelab plot`: a picture of a sweep, with the model's thresholds on it."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidParameter, RegimelabError
from .options import input_error
from .output import check_output_path


def _error(error: RegimelabError):
    if isinstance(error, InvalidParameter) and error.parameter == "sweep":
        return input_error(error, "SWEEP")
    return input_error(error)


@click.command()
@click.argument("sweep", metavar="SWEEP")
@click.option("--metric", "metric", default="cooperation", show_default=True, metavar="METRIC",
              help="What to show: cooperation, payoff, or rank:STRATEGY (one player's rank; "
              "the name as in the table, case-insensitive).")
@click.option("--x", "x", metavar="NAME", default=None, help="The swept parameter on the x axis.")
@click.option("--y", "y", metavar="NAME", default=None, help="The swept parameter on the y axis (a heatmap).")
@click.option("--at", "at", multiple=True, metavar="NAME=VALUE",
              help="Hold a swept parameter that is not on an axis at one of its values (repeatable).")
@click.option("--output", "-o", "output", metavar="FILE", default=None,
              help="The picture (.png or .svg), written atomically. Default: SWEEP with .png.")
@click.option("--title", "title", metavar="TEXT", default=None, help="The picture's title.")
def plot(**options):
    """Draw a sweep written by `regimelab sweep` (.parquet or .csv).

    Two swept parameters give a heatmap of the metric over the grid; one gives
    a line per strategy. Where the model has a threshold for a parameter on an
    axis (w* for shadow, p* for transparency, F* for fine; see `regimelab
    explain`), it is drawn from the sweep's base regime and game: a vertical
    line, or on a heatmap a curve (the threshold at each value of the other
    axis), so the simulation can be held against the theory.

    With more than two swept parameters choose the axes with --x/--y and hold
    the others with --at.

    \b
    Examples:
      regimelab sweep --shadow 0.9 --param transparency=0:1:11 --param fine=0,1,2,3,4 -o p.parquet
      regimelab plot p.parquet
      regimelab plot p.parquet --metric payoff --output payoff.svg
      regimelab plot p.parquet --metric rank:tft --at fine=2
      regimelab plot grid3.parquet --x transparency --y fine --at noise=0.05
    """
    from ..sweeps.plot import TABLE_SUFFIXES, IMAGE_SUFFIXES, choose_axes, load_sweep, parse_metric, plot_sweep

    source = Path(options["sweep"])
    try:
        if not source.is_file():
            raise InvalidParameter("sweep", "an existing sweep table (.parquet or .csv)", str(source))
        if source.suffix.lower() not in TABLE_SUFFIXES:
            raise InvalidParameter("sweep", "a sweep table ending in .parquet or .csv", str(source))
        output = check_output_path(options["output"] or str(source.with_suffix(".png")), "output", IMAGE_SUFFIXES)
        sweep = load_sweep(source)
        metric = parse_metric(options["metric"], sweep.players)
        selection = choose_axes(sweep, options["x"], options["y"], options["at"])
        plot_sweep(sweep, metric, selection, output, options["title"])
    except RegimelabError as error:
        raise _error(error) from None
    if sweep.base_regime is None:
        click.echo(f"Note: no manifest beside {source}: the model's thresholds are not drawn.", err=True)
    click.echo(f"Wrote {output}", err=True)
