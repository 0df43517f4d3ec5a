"""`regimelab sensitivity`: which regime function moves a metric most, from a sampled sweep's indices."""

from __future__ import annotations

import click

from ..errors import InvalidParameter, RegimelabError
from ..limits import check_resamples
from ..sensitivity import CONFIDENCE, DEFAULT_RESAMPLES, METHODS, METRICS_TEXT
from .options import CliError, checked_by, input_error
from .output import FORMATS, check_output_path, format_number, render_table, to_csv, to_json, wrap

#: The options named by the library's errors.
OPTIONS = {"sweep": "SWEEP", "metric": "--metric", "method": "--method", "second-order": "--second-order",
           "plot": "--plot", "output": "--output", "resamples": "--resamples"}
#: Each analysis' columns after the parameter: (key, header, width).
COLUMNS = {
    "sobol": [("ST", "ST", 6), ("ST_conf", "±95%", 6), ("S1", "S1", 6), ("S1_conf", "±95%", 6)],
    "morris": [("mu_star", "mu*", 8), ("mu_star_conf", "±95%", 7), ("sigma", "sigma", 8), ("mu", "mu", 8)],
    "rbd-fast": [("S1", "S1", 6), ("S1_conf", "±95%", 6)],
}
TITLES = {"sobol": "Sobol' indices", "morris": "Morris screening", "rbd-fast": "First-order indices (RBD-FAST)"}
NOTES = {
    "sobol": "ST: the share of the metric's variance the parameter accounts for, with its interactions; S1: "
             "alone. ST - S1 is what it does through interactions.",
    "morris": "mu*: the mean absolute change of the metric as the parameter crosses its whole range; sigma: how "
              "much that change varies (non-linear, or interacting with others); mu: its mean with sign.",
    "rbd-fast": "S1: the share of the metric's variance the parameter accounts for alone (no interactions).",
}


@click.command()
@click.argument("sweep", metavar="SWEEP")
@click.option("--metric", "metric", default="cooperation", show_default=True, metavar="METRIC",
              help=f"What to explain: {METRICS_TEXT} (one player's rank or score per turn; the name as in the "
              "table, case-insensitive). margin: V(Grim vs Grim) - V(Always Defect vs Grim), the super-game's "
              "margin (model page §5).")
@click.option("--method", "method", type=click.Choice(METHODS), default=None,
              help="The analysis; it must be the design's (default): sobol for --design sobol, morris for "
              "--design morris, rbd-fast for --design lhs.")
@click.option("--second-order", "second_order", is_flag=True,
              help="Also the second-order indices S2 of every pair (a sweep made with --design sobol "
              "--second-order).")
@click.option("--resamples", "resamples", type=int, default=DEFAULT_RESAMPLES, show_default=True, metavar="N",
              callback=checked_by(check_resamples, "--resamples"),
              help="Bootstrap resamples of the 95% intervals, 10 to 100,000 (drawn from the sweep's seed).")
@click.option("--output", "-o", "output", metavar="FILE", default=None,
              help="Also write the indices to FILE (.json, or .csv: one row per parameter), atomically.")
@click.option("--plot", "plot", metavar="FILE", default=None,
              help="Draw the indices to FILE (.png or .svg): bars with their 95% intervals, or for Morris the "
              "mu*-sigma plane.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the indices on standard output.")
def sensitivity(**options):
    """Rank the swept parameters of a sampled sweep by how much they move a metric.

    SWEEP is a table written by `regimelab sweep --design lhs|sobol|morris`
    (its .manifest.json beside it). The indices are computed with SALib, for
    the metric in every cell: Sobol' first-order S1 and total ST (S2 with
    --second-order), Morris mu* and sigma, or RBD-FAST's S1 for a Latin
    hypercube; each with its 95% interval (bootstrap, from the sweep's seed,
    so the same file gives the same numbers). The table ranks the parameters,
    each named with the regime function it belongs to, and says whether the
    first is ahead of the second beyond the intervals.

    \b
    Examples:
      regimelab sweep -s tft -s grim -s alld --shadow 0.9 --design sobol --samples 32 \\
        --param transparency=0.3:1 --param fine=0:4 --param noise=0:0.1 -o sobol.parquet
      regimelab sensitivity sobol.parquet
      regimelab sensitivity sobol.parquet --metric rank:alld --plot sobol.png --output sobol.json
      regimelab sweep -s tft -s grim -s alld --shadow 0.9 --design morris --samples 10 \\
        --param transparency=0.3:1 --param fine=0:4 --param noise=0:0.1 -o morris.parquet
      regimelab sensitivity morris.parquet --metric margin --plot morris.svg
    """
    try:
        output = check_output_path(options["output"], "output", (".json", ".csv"))
        plot = check_output_path(options["plot"], "plot", (".png", ".svg"))
        result = _analyse(options)
        if plot is not None:
            _draw(result, plot)
    except RegimelabError as error:
        raise _error(error) from None
    data = result.to_dict()
    if output is not None:
        _write(output, data, result.table)
    fmt = options["fmt"]
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        click.echo(to_csv(result.table), nl=False)
    else:
        click.echo(render(result))
    for path in (output, plot):
        if path is not None:
            click.echo(f"Wrote {path}", err=True)


def _error(error: RegimelabError) -> CliError:
    if isinstance(error, InvalidParameter) and error.parameter in OPTIONS:
        return input_error(error, OPTIONS[error.parameter])
    return input_error(error)


# SALib, pandas and matplotlib are imported in the steps below, so that `regimelab --help` and every
# other command do not pay for them.


def _analyse(options: dict):
    from ..sensitivity.indices import analyse
    from ..sensitivity.metrics import parse_metric
    from ..sweeps.sweep_file import load_sweep

    sweep = load_sweep(options["sweep"])
    metric = parse_metric(options["metric"], sweep)
    return analyse(sweep, metric, options["method"], options["second_order"], options["resamples"])


def _draw(result, path) -> None:
    from ..sensitivity.figures import write_sensitivity_figure

    write_sensitivity_figure(result, path)


def _write(path, data: dict, table) -> None:
    from .output import write_output

    write_output(path, data, table)


def render(result) -> str:
    """The indices as a table, the leader's line, and what the indices mean."""
    design = result.design
    lines = [
        f"{TITLES[result.method]} of {result.metric.label}",
        f"Design:  {design.name}, N = {design.samples} ({result.cells:,} cells), seed {design.seed}; "
        f"{CONFIDENCE:.0%} intervals from {result.resamples:,} bootstrap resamples",
        "",
    ]
    columns = [("rank", "rank", 4, ">"), ("parameter", "parameter", 18, "<"), ("function", "function", 26, "<")]
    columns += [(key, header, width, ">") for key, header, width in COLUMNS[result.method]]
    rows = []
    for record in result.table.to_dict(orient="records"):
        row = {"rank": record["rank"], "parameter": f"{record['parameter']} {record['symbol']}"
               if record["symbol"] != record["parameter"] else record["parameter"], "function": record["function"]}
        for key, _, _ in COLUMNS[result.method]:
            digits = 3 if result.method != "morris" else 4
            row[key] = ("±" if key.endswith("_conf") else "") + _number(record[key], digits)
        rows.append(row)
    lines.append(render_table(columns, rows))
    if result.pairs is not None:
        lines += ["", "Second order (S2: what a pair does together beyond each alone):", render_table(
            [("pair", "pair", 34, "<"), ("S2", "S2", 6, ">"), ("conf", "±95%", 6, ">")],
            [{"pair": f"{pair['parameter']} x {pair['other']}", "S2": _number(pair["S2"], 3),
              "conf": "±" + _number(pair["S2_conf"], 3)} for pair in result.pairs.to_dict(orient="records")])]
    lines += ["", wrap(NOTES[result.method], 0), wrap(_leader_line(result), 0)]
    return "\n".join(lines)


def _number(value, digits: int) -> str:
    return format_number(value, digits if abs(value or 0) < 1000 else 0)


def _leader_line(result) -> str:
    leader = result.leader()
    first = result.table.iloc[0]
    key = result.key
    shown = {"ST": "ST", "mu_star": "mu*", "S1": "S1"}[key]
    text = f"Most influential: {leader['parameter']} ({shown} {format_number(first[key], 3)} " \
           f"±{format_number(first[key + '_conf'], 3)})"
    if leader["runner_up"] is None:
        return text + "."
    if leader["clear"]:
        return text + f", ahead of {leader['runner_up']} beyond the 95% intervals."
    return text + f"; its lead over {leader['runner_up']} is within the 95% intervals: a near tie."
