"""`regimelab compare`: the same players under several regimes, side by side."""

from __future__ import annotations

import click

from ..compare import compare_regimes
from ..errors import RegimelabError
from ..regime import parse_assignments
from .common import game_text, horizon_text
from .options import (
    CliError,
    game_from_options,
    input_error,
    output_options,
    players_from_options,
    regime_from_options,
    regime_options,
    show_progress,
    tournament_options,
)
from .output import PLOT_SUFFIXES, check_output_path, emit, format_number, render_table, wrap


@click.command()
@tournament_options
@regime_options
@click.option(
    "--regime", "regime_specs", multiple=True, metavar="KEY=VALUE,...",
    help="A regime as changes to the base regime set by the other options (repeatable; "
    "'base' for the base itself). The first is the baseline; with one --regime, the base is the baseline.",
)
@click.option("--plot", "plot", metavar="FILE", default=None, help="Draw the comparison (.png, .svg or .pdf).")
@output_options
def compare(**options):
    """Compare regimes: the same players and seed under each regime.

    Per strategy: the score and rank under each regime, and the change
    against the baseline; per regime: mean cooperation, mean payoff, the class
    of the expected stage game G' and the winner.

    \b
    Examples:
      regimelab compare --regime transparency=0.5 --regime transparency=0.5,fine=3
      regimelab compare --regime fine=3            # null regime vs fines
      regimelab compare --shadow 0.9 --regime base --regime transparency=0.4 \\
          --regime transparency=0.4,fine=4,compensation=1 --plot compare.png
    """
    base = regime_from_options(options)
    game = game_from_options(options)
    players = players_from_options(options)
    specs = list(options["regime_specs"])
    if len(specs) < 2:
        specs.insert(0, "base")
    regimes = []
    for spec in specs:
        try:
            regimes.append(base.replace(**parse_assignments(spec)))
        except RegimelabError as error:
            raise CliError(f"Invalid value for '--regime' {spec!r}: {error}.") from None
    labels = ["baseline" if spec in ("base", "baseline", "") and i == 0 else spec.replace(" ", "") for i, spec in enumerate(specs)]
    try:
        output = check_output_path(options["output"])
        plot = check_output_path(options["plot"], "plot", PLOT_SUFFIXES)
        comparison = compare_regimes(
            players, regimes, game, labels=labels,
            repetitions=options["repetitions"], seed=options["seed"], jobs=options["jobs"],
            progress=show_progress(options),
        )
    except RegimelabError as error:
        raise input_error(error) from None
    strategies_frame = comparison.strategies()
    data = comparison.to_dict()
    data["strategies"] = _records(strategies_frame)
    data["summary"] = _records(comparison.regimes())
    if plot is not None:
        from ..plots import plot_comparison

        plot_comparison(comparison, plot)
    emit(options["fmt"], data, strategies_frame, lambda: _render(comparison, strategies_frame), output, (plot,))


def _records(frame):
    return frame.to_dict(orient="records")


def _render(comparison, frame) -> str:
    first = comparison.baseline
    lines = [
        f"Game:    {game_text(first.game)} ({first.game.describe()})",
        f"Horizon: {horizon_text(first.regime)}; {first.repetitions} repetitions; seed {first.seed}",
        "",
        "Regimes:",
    ]
    for index, (label, result) in enumerate(zip(comparison.labels, comparison.results)):
        lines.append(wrap(f"  [{index}] {result.regime.label().replace(',', ', ')}", indent=6))
    lines.append("")
    summary_rows = [
        {
            "index": f"[{i}]",
            "coop": format_number(row["mean_cooperation"], 2),
            "payoff": format_number(row["mean_payoff"]),
            "class": row["expected_class"],
            "winner": row["winner"],
        }
        for i, row in enumerate(comparison.regimes().to_dict(orient="records"))
    ]
    lines.append(
        render_table(
            [("index", "regime", 6, "<"), ("coop", "cooperation", 11, ">"), ("payoff", "payoff", 7, ">"),
             ("class", "class of G'", 17, "<"), ("winner", "winner", 28, "<")],
            summary_rows,
        )
    )
    lines.append("")
    # Per strategy: score (rank) under each regime; the change against the baseline.
    columns = [("name", "strategy", 24, "<")]
    rows = []
    for i, label in enumerate(comparison.labels):
        columns.append((f"r{i}", f"[{i}]", 10, ">"))
    for record in frame.to_dict(orient="records"):
        row = {"name": record["name"]}
        for i, label in enumerate(comparison.labels):
            score = format_number(record[f"score[{label}]"])
            change = "" if i == 0 else f"{record[f'change[{label}]']:+.2f}"
            row[f"r{i}"] = f"{score if i == 0 else change} ({record[f'rank[{label}]']})"
        rows.append(row)
    lines.append(render_table(columns, rows))
    lines.append("")
    lines.append("[0]: mean score per turn (rank); later columns: change against [0] (rank).")
    return "\n".join(lines)
