"""`regimelab compare`: the same players under several regimes, side by side."""

from __future__ import annotations

import click

from ..errors import RegimelabError
from ..files import PLOT_SUFFIXES
from ..regime import parse_assignments
from .common import counted, game_text, horizon_text
from .options import (
    CliError,
    allow_large_option,
    check_engine_options,
    check_size,
    engine_option,
    game_from_options,
    input_error,
    load_strategies_dir,
    output_options,
    override,
    players_from_options,
    regime_from_options,
    regime_options,
    regime_overrides,
    scenario_from_options,
    show_progress,
    tournament_numbers,
    tournament_options,
)
from .output import check_output_path, emit, format_number, render_table, wrap


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@tournament_options
@engine_option
@regime_options
@click.option(
    "--regime", "regime_specs", multiple=True, metavar="KEY=VALUE,...",
    help="A regime as changes to the base regime set by the other options (repeatable; "
    "'base' for the base itself). The first is the baseline; with one --regime, the base is the baseline.",
)
@click.option("--plot", "plot", metavar="FILE", default=None, help="Draw the comparison (.png, .svg or .pdf).")
@output_options
@allow_large_option
def compare(**options):
    """Compare regimes: the same players and seed under each regime.

    Per strategy: the score and rank under each regime, and the change
    against the baseline; per regime: mean cooperation, mean payoff, the class
    of the expected stage game G' and the winner. Changes come with 95%
    intervals from the paired repetitions (JSON); a change that is within its
    interval of 0, and a winner whose lead is within the uncertainty, are
    marked ~ in the table. --engine exact removes sampling noise altogether.

    SCENARIO is a scenario (a built-in scenario's name or a .toml file): its named regimes
    are compared, the first as the baseline; --regime adds more, as changes
    to that baseline. Options given on the command line override the scenario.

    \b
    Examples:
      regimelab compare --regime transparency=0.5 --regime transparency=0.5,fine=3
      regimelab compare --regime fine=3            # null regime vs fines
      regimelab compare --shadow 0.9 --regime base --regime transparency=0.4 \\
          --regime transparency=0.4,fine=4,compensation=1 --plot compare.png
      regimelab compare concert-1815
      regimelab compare league-1935 --repetitions 20 --plot league.png
      regimelab compare -s tft -s alld -s grudger --shadow 0.9 --regime transparency=0.6 \\
          --engine exact
    """
    from ..compare import compare_regimes
    from ..results import json_records

    load_strategies_dir(options)
    check_engine_options(options)
    scenario = scenario_from_options(options)
    regimes, games, labels, keys = regimes_to_compare(options, scenario)
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    try:
        output = check_output_path(options["output"])
        plot = check_output_path(options["plot"], "plot", PLOT_SUFFIXES)
        check_size(options, lambda: _workload(options, players, regimes, games, repetitions))
        comparison = compare_regimes(
            players, regimes, games, labels=labels, repetitions=repetitions, seed=seed,
            jobs=options["jobs"], progress=show_progress(options), engine=options["engine"],
        )
    except RegimelabError as error:
        raise input_error(error) from None
    strategies_frame = comparison.strategies()
    data = comparison.to_dict()
    data["strategies"] = json_records(strategies_frame)
    data["summary"] = json_records(comparison.regimes())
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title}
    if plot is not None:
        from ..comparison_plot import plot_comparison

        plot_comparison(comparison, plot)
    title = f"Scenario: {scenario.title}" if scenario is not None else None
    emit(options["fmt"], data, strategies_frame, lambda: _render(comparison, strategies_frame, title, keys), output,
         (plot,))


def _workload(options: dict, players, regimes, games, repetitions: int):
    from ..workload import comparison_workload

    return comparison_workload(players, regimes, games, repetitions, options["engine"], options["jobs"])


def regimes_to_compare(options: dict, scenario) -> tuple[list, list, list, list]:
    """The regimes, games and labels that --regime (and SCENARIO, if any) ask to compare, the baseline first.

    The fourth list: per regime, the parameters set for it (by SCENARIO's variant or its
    --regime), which its description shows even at the null regime's values.
    """
    specs = list(options["regime_specs"])
    if scenario is None:
        base = regime_from_options(options)
        game = game_from_options(options)
        if len(specs) < 2:
            specs.insert(0, "base")
        regimes, games, labels, keys = [], [], [], []
        base_keys = ()
    else:
        overrides = regime_overrides(options)
        regimes = [override(named.regime, overrides) for named in scenario.regimes]
        games = [game_from_options(options, named.game) for named in scenario.regimes]
        labels = list(scenario.regime_names)
        keys = [named.keys for named in scenario.regimes]
        base, game, base_keys = regimes[0], games[0], keys[0]
    for spec in specs:
        try:
            changes = parse_assignments(spec)
            regimes.append(base.replace(**changes))
        except RegimelabError as error:
            raise CliError(f"Invalid value for '--regime' {spec!r}: {error}.") from None
        games.append(game)
        keys.append(base_keys + tuple(changes))
        first = not labels
        labels.append("baseline" if spec in ("base", "baseline", "") and first else spec.replace(" ", ""))
    return regimes, games, labels, keys


def _games_text(comparison) -> str:
    games = {result.game for result in comparison.results}
    first = comparison.baseline.game
    if len(games) == 1:
        return f"{game_text(first)} ({first.describe()})"
    return "differs by regime (below)"


def _horizons_text(comparison) -> str:
    horizons = {horizon_text(result.regime) for result in comparison.results}
    return horizons.pop() if len(horizons) == 1 else "differs by regime (below)"


def _render(comparison, frame, title: str | None = None, keys=None) -> str:
    """The table output: the header and the regimes, the summary per regime, the strategies, the notes.

    ``keys``: per regime, the parameters its description shows even at their defaults.
    """
    return "\n".join([
        *([title] if title else []),
        *_header_lines(comparison),
        *_regime_lines(comparison, keys or [()] * len(comparison.results)),
        "",
        _summary_table(comparison),
        "",
        _strategy_table(comparison, frame),
        "",
        *_notes(comparison),
    ])


def _header_lines(comparison) -> list[str]:
    """The game and the horizon (or "differs by regime"), with the repetitions and seed."""
    first = comparison.baseline
    return [
        f"Game:    {_games_text(comparison)}",
        f"Horizon: {_horizons_text(comparison)}; " + (
            "exact expected values (no seed, no repetitions)" if comparison.is_exact
            else f"{counted(first.repetitions, 'repetition')}; seed {first.seed}"
        ),
        "",
    ]


def _regime_lines(comparison, keys) -> list[str]:
    """``Regimes:`` and one line per regime: its index, its name (not for a --regime change), its parameters."""
    first = comparison.baseline
    lines = ["Regimes:"]
    for index, (label, result, shown) in enumerate(zip(comparison.labels, comparison.results, keys)):
        described = result.regime.label(keys=shown).replace(",", ", ")
        if result.game != first.game:
            described += f"; game {game_text(result.game)}"
        name = "" if "=" in label else f"{label}: "  # names, not --regime changes
        lines.append(wrap(f"  [{index}] {name}{described}", indent=6))
    return lines


def _summary_table(comparison) -> str:
    """One row per regime: cooperation, payoff, the class of G' and the winner (~: a near tie)."""
    rows = [
        {
            "index": f"[{i}]",
            "coop": format_number(row["mean_cooperation"], 2),
            "payoff": format_number(row["mean_payoff"]),
            "class": row["expected_class"],
            "winner": row["winner"] + ("" if row["winner_robust"] else " ~"),
        }
        for i, row in enumerate(comparison.regimes().to_dict(orient="records"))
    ]
    return render_table(
        [("index", "regime", 6, "<"), ("coop", "cooperation", 11, ">"), ("payoff", "payoff", 7, ">"),
         ("class", "class of G'", 17, "<"), ("winner", "winner", 28, "<")],
        rows,
    )


def _strategy_table(comparison, frame) -> str:
    """Per strategy: the score (rank) under the baseline, then the change against it (rank) under each regime."""
    columns = [("name", "strategy", 24, "<")]
    columns += [(f"r{i}", f"[{i}]", 10, ">") for i in range(len(comparison.labels))]
    rows = []
    for record in frame.to_dict(orient="records"):
        row = {"name": record["name"]}
        for i, label in enumerate(comparison.labels):
            score = format_number(record[f"score[{label}]"])
            change = "" if i == 0 else f"{record[f'change[{label}]']:+.2f}" + (
                "" if record[f"distinguishable[{label}]"] else "~"
            )
            row[f"r{i}"] = f"{score if i == 0 else change} ({record[f'rank[{label}]']})"
        rows.append(row)
    return render_table(columns, rows)


def _notes(comparison) -> list[str]:
    """What the columns and the marks mean."""
    lines = ["[0]: mean score per turn (rank); later columns: change against [0] (rank)."]
    if comparison.is_exact:
        lines.append("Exact expected values. ~: a change of 0, or a winner tied for first.")
    else:
        lines.append("Ranks follow axelrod's rule (the median over repetitions), so they can differ")
        lines.append("from the order of the means. ~: a change whose paired 95% interval contains 0")
        lines.append("(not distinguishable), or a winner whose lead over some player is within its")
        lines.append("95% interval (a near tie). Intervals are in --format json.")
    return lines
