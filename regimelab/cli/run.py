"""`regimelab run`: a tournament under one regime."""

from __future__ import annotations

import click

from ..errors import RegimelabError
from .common import header, interval_text, pairs_table, ranking_table
from .options import (
    allow_large_option,
    check_engine_options,
    check_size,
    chosen_regime,
    engine_option,
    input_error,
    load_strategies_dir,
    output_options,
    players_from_options,
    regime_options,
    show_progress,
    tournament_numbers,
    tournament_options,
)
from .output import check_output_path, emit, wrap


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: which of the scenario's regimes to run (default: the scenario's default).")
@tournament_options
@engine_option
@regime_options
@click.option(
    "--table", "table", type=click.Choice(["ranking", "pairs"]), default="ranking", show_default=True,
    help="Which table to print (and write to .csv/.parquet): one row per player, or per ordered pair.",
)
@output_options
@allow_large_option
def run(**options):
    """Run a round-robin tournament under a regime and print the ranking.

    With no options, nine classic strategies play 200-turn matches under the
    null regime (perfect information, no sanctions): the plain axelrod
    tournament. Add regime options to see who prospers when cheating goes
    unseen, or when it is fined.

    SCENARIO is a scenario: a built-in scenario's name (`regimelab scenarios` lists them) or
    a .toml file. Options given on the command line override the scenario.

    \b
    Examples:
      regimelab run
      regimelab run --transparency 0.6
      regimelab run --transparency 0.6 --fine 3 --compensation 0.5
      regimelab run -s tft -s defector -s grudger --shadow 0.95 --format json
      regimelab run --set basic --noise 0.05 -j 0 --output basic.parquet
      regimelab run concert-1815
      regimelab run league-1935 --variant self-help --repetitions 20
      regimelab run -s tft -s wsls -s grudger -s alld --noise 0.05 --engine exact
    """
    from ..exact_tournament import run_exact_tournament
    from ..tournament import run_tournament

    load_strategies_dir(options)
    check_engine_options(options)
    scenario, variant, regime, game = chosen_regime(options)
    players = players_from_options(options, scenario)
    repetitions, seed = tournament_numbers(options, scenario)
    try:
        output = check_output_path(options["output"])
        check_size(options, lambda: _workload(options, players, regime, game, repetitions))
        if options["engine"] == "exact":
            result = run_exact_tournament(players, regime, game, progress=show_progress(options),
                                          jobs=options["jobs"])
        else:
            result = run_tournament(
                players, regime, game, repetitions=repetitions, seed=seed, jobs=options["jobs"],
                progress=show_progress(options), engine=options["engine"],
            )
    except RegimelabError as error:
        raise input_error(error) from None
    table = result.players if options["table"] == "ranking" else result.pairs
    data = result.to_dict()
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title, "variant": variant}
    title = f"Scenario: {scenario.title} [{variant}]" if scenario is not None else None
    keys = scenario.regime_named(variant).keys if scenario is not None else ()  # shown even at their defaults
    emit(options["fmt"], data, table, lambda: _render(result, options["table"], title, keys), output)


def _workload(options: dict, players, regime, game, repetitions: int):
    from ..workload import run_workload

    return run_workload(players, regime, game, repetitions, options["engine"], options["jobs"])


def _render(result, which: str, title: str | None = None, keys=()) -> str:
    lines = [title] if title else []
    lines += [header(result, keys), ""]
    lines.append(ranking_table(result) if which == "ranking" else pairs_table(result))
    lines.append("")
    if which == "ranking":
        lines.append(RANKING_NOTE_EXACT if result.is_exact else RANKING_NOTE)
    lines.append(overall_text(result))
    if which == "ranking":
        lines.append(wrap(winner_text(result), indent=0))
    return "\n".join(lines)


RANKING_NOTE = (
    "median, mean: score per turn over repetitions; ±95%: half-width of the 95%\n"
    "interval of the mean; first: share of repetitions with the top score (ties\n"
    "shared); match: mean match total; coop: share of moves that complied.\n"
    "Self-play is left out, as in axelrod."
)
RANKING_NOTE_EXACT = (
    "score: expected score per turn; match: expected match total; coop: expected\n"
    "share of moves that complied. Exact values: no sampling uncertainty.\n"
    "Self-play is left out, as in axelrod."
)


def overall_text(result) -> str:
    """The overall line: mean cooperation and payoff per turn, with 95% intervals when there are any."""
    cooperation, payoff = result.mean_cooperation, result.mean_payoff
    if result.is_exact:
        return f"Overall: cooperation {cooperation:.2f}, payoff per turn {payoff:.3f}."
    c_interval = interval_text(*result.mean_cooperation_ci95, digits=2)
    p_interval = interval_text(*result.mean_payoff_ci95)
    if c_interval == "-":  # one repetition: no interval
        return f"Overall: cooperation {cooperation:.2f}, payoff per turn {payoff:.3f}."
    return f"Overall: cooperation {cooperation:.2f} {c_interval}, payoff per turn {payoff:.3f} {p_interval}."


def winner_text(result) -> str:
    """Who won, and whether the lead is beyond the uncertainty."""
    winner = result.ranked_names[0]
    robust = result.winner_robust
    if result.is_exact:
        return f"Winner: {winner}." if robust else f"Winner: {winner}, tied for first."
    share = result.players.first_share.iloc[0]
    text = f"Winner: {winner}, with the top score in {share:.0%} of repetitions"
    if robust is None:
        return text + " (one repetition: no interval to judge the lead by)."
    if robust:
        return text + "; its lead over every other player is beyond the 95% interval."
    return text + "; its lead is within the 95% interval: a near tie, not a clear win."
