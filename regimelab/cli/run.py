"""`regimelab run`: a tournament under one regime."""

from __future__ import annotations

import click

from ..errors import RegimelabError
from ..exact_tournament import run_exact_tournament
from ..tournament import run_tournament
from .common import header, pairs_table, ranking_table
from .options import (
    check_engine_options,
    chosen_regime,
    engine_option,
    load_strategies_dir,
    tournament_numbers,
    input_error,
    output_options,
    players_from_options,
    regime_options,
    show_progress,
    tournament_options,
)
from .output import check_output_path, emit


@click.command()
@click.argument("spec", required=False, metavar="[SPEC]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SPEC: which of the scenario's regimes to run (default: the spec's default).")
@tournament_options
@engine_option
@regime_options
@click.option(
    "--table", "table", type=click.Choice(["ranking", "pairs"]), default="ranking", show_default=True,
    help="Which table to print (and write to .csv/.parquet): one row per player, or per ordered pair.",
)
@output_options
def run(**options):
    """Run a round-robin tournament under a regime and print the ranking.

    With no options, nine classic strategies play 200-turn matches under the
    null regime (perfect information, no sanctions): the plain axelrod
    tournament. Add regime options to see who prospers when cheating goes
    unseen, or when it is fined.

    SPEC is a scenario: a preset's name (`regimelab scenarios` lists them) or
    a .toml file. Options given on the command line override the spec.

    \b
    Examples:
      regimelab run
      regimelab run --transparency 0.6
      regimelab run --transparency 0.6 --fine 3 --compensation 0.5
      regimelab run -s tft -s defector -s grudger --shadow 0.95 --format json
      regimelab run --set basic --noise 0.05 -j 0 --output basic.parquet
      regimelab run concert-1815
      regimelab run league-1935 --variant baseline --repetitions 20
      regimelab run -s tft -s wsls -s grudger -s alld --noise 0.05 --engine exact
    """
    load_strategies_dir(options)
    check_engine_options(options)
    scenario, variant, regime, game = chosen_regime(options)
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    try:
        output = check_output_path(options["output"])
        if options["engine"] == "exact":
            result = run_exact_tournament(players, regime, game, progress=show_progress(options))
        else:
            result = run_tournament(
                players, regime, game, repetitions=repetitions, seed=seed, jobs=options["jobs"],
                progress=show_progress(options),
            )
    except RegimelabError as error:
        raise input_error(error) from None
    table = result.players if options["table"] == "ranking" else result.pairs
    data = result.to_dict()
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title, "variant": variant}
    title = f"Scenario: {scenario.title} [{variant}]" if scenario is not None else None
    emit(options["fmt"], data, table, lambda: _render(result, options["table"], title), output)


def _render(result, which: str, title: str | None = None) -> str:
    lines = [title] if title else []
    lines += [header(result), ""]
    lines.append(ranking_table(result) if which == "ranking" else pairs_table(result))
    lines.append("")
    if which == "ranking":
        lines.append(
            "median, mean: score per turn over repetitions; match: mean match total;\n"
            "coop: share of moves that complied. Self-play is left out, as in axelrod."
        )
    lines.append(
        f"Overall: cooperation {result.mean_cooperation:.2f}, "
        f"payoff per turn {result.mean_payoff:.3f}."
    )
    return "\n".join(lines)
