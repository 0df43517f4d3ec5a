"""`regimelab plot`: a picture of a sweep, with the model's thresholds on it."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidParameter, RegimelabError
from .options import allow_large_option, check_size, input_error
from .output import check_output_path


def _workload(sweep, selection, pair):
    from ..workload import plot_workload

    return plot_workload(sweep, selection, pair)


def _error(error: RegimelabError):
    if isinstance(error, InvalidParameter) and error.parameter == "sweep":
        return input_error(error, "SWEEP")
    if isinstance(error, InvalidParameter) and error.parameter in ("strategy", "against"):
        return input_error(error, f"--{error.parameter}")  # not run's -s/--strategy
    return input_error(error)


@click.command()
@click.argument("sweep", metavar="SWEEP")
@click.option("--metric", "metric", default=None, metavar="METRIC",
              help="What to show: cooperation, payoff, or rank:STRATEGY (one player's rank; "
              "the name as in the table, case-insensitive). Default: rank:Defector if the sweep "
              "has the Defector (first where defecting pays, last where the regime has made it a "
              "losing move), else payoff.")
@click.option("--strategy", "strategy", metavar="NAME", default=None,
              help="The cooperative strategy of the super-game whose thresholds are drawn, as in "
              "`regimelab explain` (default: Tit For Tat; explain's default, Grudger, punishes for ever "
              "and so needs a smaller fine). Any finite-state strategy: `regimelab strategies --exact` "
              "lists them.")
@click.option("--against", "against", metavar="NAME", default=None,
              help="The strategy that challenges it (default: Defector).")
@click.option("--x", "x", metavar="NAME", default=None, help="The swept parameter on the x axis.")
@click.option("--y", "y", metavar="NAME", default=None, help="The swept parameter on the y axis (a heatmap).")
@click.option("--at", "at", multiple=True, metavar="NAME=VALUE",
              help="Hold a swept parameter that is not on an axis at one of its values (repeatable).")
@click.option("--output", "-o", "output", metavar="FILE", default=None,
              help="The picture (.png or .svg), written atomically. Default: SWEEP with .png.")
@click.option("--title", "title", metavar="TEXT", default=None, help="The picture's title.")
@allow_large_option
def plot(**options):
    """Draw a sweep written by `regimelab sweep` (.parquet or .csv).

    Two swept parameters give a heatmap of the metric over the grid; one gives
    a line per strategy. The model's thresholds of a parameter on an axis are
    drawn from the sweep's base regime and game, as `regimelab explain`
    computes them: a vertical line, or on a heatmap a curve (the threshold at
    each value of the other axis), named in the legend.

    \b
    Two kinds of threshold:
      stage game  F*: the fine that makes complying a best reply in one round
                  of G', with no shadow of the future;
      super-game  w*, p*, F*sg: where --strategy in self-play is a best reply
                  to --against over the match (default: Tit For Tat against
                  the Defector), so the shadow does part of the work.
    The super-game's three are one condition solved for w, p or F: on a
    heatmap of two of them it is drawn once (F*sg beside F* when the fine is
    on an axis).

    With more than two swept parameters choose the axes with --x/--y and hold
    the others with --at.

    \b
    Examples:
      regimelab sweep --shadow 0.9 --param transparency=0:1:11 --param fine=0,1,2,3,4 -o p.parquet
      regimelab plot p.parquet
      regimelab plot p.parquet --strategy grim --against alld
      regimelab plot p.parquet --metric payoff --output payoff.svg
      regimelab plot p.parquet --metric rank:tft --at fine=2
      regimelab sweep --param transparency=0:1:6 --param fine=0,2,4 --param noise=0,0.05 -o grid3.parquet
      regimelab plot grid3.parquet --x transparency --y fine --at noise=0.05
    """
    source = Path(options["sweep"])
    try:
        sweep, output = _read(source, options["output"])
        metric, selection, pair = _choices(sweep, options)
        check_size(options, lambda: _workload(sweep, selection, pair))
        _draw(sweep, metric, selection, output, options["title"], pair)
    except RegimelabError as error:
        raise _error(error) from None
    if sweep.base_regime is None:
        click.echo(f"Note: no manifest beside {source}: the model's thresholds are not drawn.", err=True)
    click.echo(f"Wrote {output}", err=True)


# The sweep modules are imported inside the steps below, for start-up time: they and the exact
# engine's machines they load take about 0.15 s (measured with -X importtime), which every other
# command would pay for.


def _read(source: Path, output: str | None):
    """The sweep table at ``source`` (an existing .parquet or .csv) and the picture's path (default: beside it)."""
    from ..sweeps.plot import IMAGE_SUFFIXES, TABLE_SUFFIXES, load_sweep

    if not source.is_file():
        raise InvalidParameter("sweep", "an existing sweep table (.parquet or .csv)", str(source))
    if source.suffix.lower() not in TABLE_SUFFIXES:
        raise InvalidParameter("sweep", "a sweep table ending in .parquet or .csv", str(source))
    path = check_output_path(output or str(source.with_suffix(".png")), "output", IMAGE_SUFFIXES)
    return load_sweep(source), path


def _choices(sweep, options: dict):
    """What to draw: the metric (--metric, or the default), the axes (--x, --y, --at) and the super-game's pair."""
    from ..sweeps.plot import choose_axes, default_metric, parse_metric, strategy_pair

    metric = default_metric(sweep) if options["metric"] is None else parse_metric(options["metric"], sweep.players)
    pair = strategy_pair(options["strategy"], options["against"], sweep.base_regime, sweep.base_game)
    selection = choose_axes(sweep, options["x"], options["y"], options["at"])
    return metric, selection, pair


def _draw(sweep, metric, selection, output: Path, title: str | None, pair) -> None:
    from ..sweeps.plot import plot_sweep

    plot_sweep(sweep, metric, selection, output, title, pair=pair)
