"""`regimelab society`: many actors playing round by round on a shared record (model page §7)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InvalidParameter, RegimelabError
from ..files import PLOT_SUFFIXES
from ..functions import regime_parameters
from ..limits import MAX_TURNS, number_text
from ..regime import Regime
from .common import counted, interval_text, share_text
from .options import (
    CliError,
    allow_large_option,
    check_size,
    input_error,
    repetitions_option,
    seed_option,
    show_progress,
)
from .output import FORMATS, SUFFIXES, check_output_path, emit, format_number, render_table, wrap

#: Engine parameter names -> this command's options, for error messages.
OPTIONS = {
    "turns": "--periods",
    "shadow": "--shadow",
    "repetitions": "--repetitions",
    "seed": "--seed",
    "scope": "--scope",
    "participation": "--participation",
    "exclusion_rounds": "--exclusion-rounds",
    "variant": "--variant",
    "output": "--output",
    "plot": "--plot",
}


#: The horizon's parameters: --periods and --shadow set them here.
HORIZON = ("turns", "shadow")


def _error(error: RegimelabError, default: str | None = None) -> CliError:
    if isinstance(error, InvalidParameter):
        return input_error(error, OPTIONS.get(error.parameter, default))
    return input_error(error)


def dyadic_regime_options(func):
    """The regime options of `run` but the horizon (--periods and --shadow here): each overrides the dyadic
    regime of whichever variant is played (model page §2, from the registered functions)."""
    for parameter in reversed(regime_parameters()):  # bottom-up: --help lists them in the model's order
        if parameter.name in HORIZON:
            continue
        func = click.option(
            parameter.option, parameter.name, type=parameter.kind, default=None,
            metavar="N" if parameter.kind is int else "X", help=parameter.help,
        )(func)
    return func


@click.command()
@click.argument("scenario", metavar="SCENARIO")
@click.option("--variant", metavar="NAME", default=None,
              help="Which of the scenario's variants ([regimes.NAME]) to play (default: the scenario's default).")
@repetitions_option(what="Repetitions", help_default="default: the scenario's")
@seed_option(help_default="default: the scenario's")
@click.option("--periods", type=int, default=None, metavar="N",
              help=f"Play N periods, 1 to {number_text(MAX_TURNS)} (replaces the scenario's turns or shadow; "
              "a [[schedule]] still applies).")
@click.option("--shadow", type=float, default=None, metavar="W",
              help="Go on after each period with probability W, 0 <= W < 1 (replaces turns).")
@dyadic_regime_options
@click.option("--scope", type=click.Choice(["none", "collective_security", "defensive_alliance"]), default=None,
              help="Who answers a signalled violation (replaces the scenario's).")
@click.option("--participation", type=float, default=None, metavar="P",
              help="Probability that a member takes part in an exclusion, 0..1.")
@click.option("--exclusion-rounds", "exclusion_rounds", type=int, default=None, metavar="N",
              help=f"Periods an exclusion lasts, 0 to {number_text(MAX_TURNS)}.")
@click.option("--table", "table", type=click.Choice(["actors", "periods"]), default="actors", show_default=True,
              help="Which table --format csv prints and a .csv/.parquet --output holds.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How to print the result on standard output.")
@click.option("--output", "-o", "output", metavar="FILE", default=None,
              help="Also write the result to FILE (.json, .csv or .parquet; written atomically).")
@click.option("--plot", "plot", metavar="FILE", default=None,
              help="Draw cooperation over time and the exclusions in force to FILE (.png, .svg or .pdf).")
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
@allow_large_option
def society(**options):
    """Play a society: many actors, every edge one round per period, on a shared record.

    SCENARIO is a society scenario: a .toml file with [[actors]] (or the name of a
    built-in scenario in tournaments/ that has them). Each period every pair that plays
    (the edges) plays one round of the stage game under the dyadic regime;
    members see all signals between members, and under collective_security or
    defensive_alliance they exclude signalled violators together (they play
    D against them for --exclusion-rounds periods). The scenario format and the
    model are in docs/model.md.

    Options override the variant played: --periods and --shadow its horizon,
    the regime options (--transparency to --transaction-cost, as in `run`) its
    dyadic regime, --scope, --participation and --exclusion-rounds its rules.

    Prints one row per actor (means over repetitions) and a summary: how long
    cooperation among members survives, and how much of it there is.

    \b
    Examples:
      regimelab society concert-multipolar
      regimelab society concert-multipolar --variant after-1848 --plot concert.png
      regimelab society league-all-for-one --variant covenant -r 20 --seed 3
      regimelab society cis-1992 --participation 0 --format json -o cis.json
      regimelab society counterterror --format csv --table periods
      regimelab society league-all-for-one --transparency 0.5 --fine 2
      regimelab society my_society.toml --periods 500

    `regimelab scenarios` lists the built-in society scenarios (marked [society]).
    """
    from ..society.engine import run_society

    try:
        output = check_output_path(options["output"], "output", tuple(SUFFIXES))
        plot_path = check_output_path(options["plot"], "plot", PLOT_SUFFIXES)
    except RegimelabError as error:
        raise _error(error) from None
    scenario, variant = _scenario_and_variant(options)
    chosen = _override(variant.society, options)
    repetitions = scenario.repetitions if options["repetitions"] is None else options["repetitions"]
    seed = scenario.seed if options["seed"] is None else options["seed"]
    try:
        check_size(options, lambda: _workload(chosen, repetitions))
        result = run_society(chosen, repetitions=repetitions, seed=seed, progress=show_progress(options))
    except RegimelabError as error:
        raise _error(error) from None
    result.name, result.title, result.variant = scenario.name, scenario.title, variant.name
    if plot_path is not None:
        from ..society.plot import plot_society

        plot_society(result, plot_path)
    table = result.actors if options["table"] == "actors" else result.periods
    emit(options["fmt"], result.to_dict(), table, lambda: render(result), output, (plot_path,))


def _scenario_and_variant(options: dict):
    """The society scenario SCENARIO names and the variant --variant chooses.

    A built-in tournament scenario is refused by the name given, not by its
    file's path inside the package, and the error says which command plays it.
    """
    from ..scenario_files import builtin_scenario_files, scenario_kind
    from ..society.scenario import load_society

    name = options["scenario"]
    builtin = builtin_scenario_files().get(name)
    if builtin is not None and not Path(name).exists() and scenario_kind(builtin) == "tournament":
        raise CliError(f"{name} is a tournament scenario (it has [tournament], no [[actors]]), not a society "
                       f"scenario: run it with `regimelab run {name}`")
    try:
        scenario = load_society(name)
    except RegimelabError as error:
        raise _error(error, "SCENARIO") from None
    try:
        return scenario, scenario.variant(options["variant"])
    except RegimelabError as error:
        raise _error(error, "--variant") from None


def _workload(society, repetitions: int):
    from ..workload import society_workload

    return society_workload(society, repetitions)


def _override(chosen, options: dict):
    """The variant's society with the command line's changes: the horizon, the dyadic regime's
    parameters, the society's rules."""
    if options["periods"] is not None and options["shadow"] is not None:
        raise CliError("Invalid value for '--periods': give --periods or --shadow, not both.")
    regime = {parameter.name: options[parameter.name] for parameter in regime_parameters()
              if parameter.name not in HORIZON and options.get(parameter.name) is not None}
    if options["periods"] is not None:
        regime.update(turns=options["periods"], shadow=None)
    if options["shadow"] is not None:
        regime.update(shadow=options["shadow"], turns=None)
    society_options = {
        key: options[key] for key in ("scope", "participation", "exclusion_rounds") if options[key] is not None
    }
    try:
        if regime:
            chosen = chosen.replace(regime=regime)
        if society_options:
            chosen = chosen.replace(options=society_options)
    except RegimelabError as error:
        raise _error(error) from None
    return chosen


def society_regime_text(regime) -> str:
    """The dyadic regime's parameters that differ from the null regime, horizon aside."""
    changes = {k: v for k, v in regime.changes_from(Regime()).items() if k not in ("turns", "shadow")}
    return ", ".join(f"{key}={value:g}" for key, value in changes.items()) or "null regime"


def society_horizon_text(society) -> str:
    """The society's horizon: fixed periods, or the shadow and the expected periods; then any schedule."""
    regime = society.regime
    if regime.shadow is not None:
        text = f"shadow {regime.shadow:g} ({regime.horizon.expected_length:.3g} periods on average)"
    else:
        text = counted(regime.turns, "period")
    if society.schedule:
        text += "; from period " + ", ".join(f"{c.start} shadow {c.shadow:g}" for c in society.schedule)
    return text


def rules_text(options) -> str:
    """The society-level rules in one line: scope, exclusion, outsiders' transparency."""
    if options.scope == "none":
        rules = "scope none: violations are not answered together"
    else:
        rules = (f"scope {options.scope}: exclusion for {options.exclusion_rounds} periods, "
                 f"participation {options.participation:g}, enforcement cost {options.enforcement_cost:g} per period")
    if options.outsider_transparency is not None:
        rules += f"; outsider transparency {options.outsider_transparency:g}"
    return rules


def render(result) -> str:
    """The text report of ``society``: regime, rules, actors and runs, then the actor table.

    Under the table: its legend, the survival period (model page §7.9) and the
    mean member cooperation, exclusions and leader changes per repetition.
    """
    lines = _heading_lines(result) + [""] + [actor_table(result), "", ACTOR_LEGEND] + _summary_lines(result)
    return "\n".join(lines)


def _heading_lines(result) -> list[str]:
    """The scenario's title and variant, the regime and horizon, the rules, the actors and the runs."""
    society = result.society
    members = sum(1 for actor in society.actors if actor.member)
    lines = []
    if result.title:
        lines.append(f"Society: {result.title} [{result.variant}]")
    lines.append(wrap(f"Regime:  {society_regime_text(society.regime)}; {society_horizon_text(society)}", indent=9))
    lines.append(wrap(f"Rules:   {rules_text(society.options)}", indent=9))
    graph = {"complete": "complete graph", "hub": f"hub and spokes around {society.hub}", "edges": "edge list"}
    lines.append(f"Actors:  {len(society.actors)} ({counted(members, 'member')}); "
                 f"{counted(len(society.edge_indices()), 'edge')} "
                 f"({graph[society.graph]})")
    if society.turnover is not None:
        lines.append(wrap(f"Leaders: replaced with probability {society.turnover.probability:g} per period from "
                          f"period {society.turnover.start} by one of "
                          f"{', '.join(c.name for c in society.turnover.pool)}", indent=9))
    lines.append(f"Runs:    {counted(result.repetitions, 'repetition')}; seed {result.seed}; "
                 f"{result.mean_periods:.1f} periods on average")
    return lines


#: The actor table's columns: (key, header, width, align).
ACTOR_COLUMNS = [
    ("name", "actor", 11, "<"),
    ("strategy", "strategy", 16, "<"),
    ("member", "mbr", 3, "<"),
    ("score", "score", 7, ">"),
    ("ci", "±95%", 6, ">"),
    ("first", "first", 5, ">"),
    ("coop", "coop", 5, ">"),
    ("violations", "viol.", 5, ">"),
    ("excluded", "excl.", 5, ">"),
]

ACTOR_LEGEND = (
    "Means over repetitions. score: payoff per period (fines and enforcement costs\n"
    "included); ±95%: half-width of its 95% interval; first: share of repetitions\n"
    "with the top score (ties shared); coop: share of the actor's moves that\n"
    "complied; viol.: unprovoked signalled defections against members; excl.:\n"
    "periods in which at least one member excluded the actor. mbr: a member in\n"
    "some period. Totals over the run are in --format json and csv."
)


def actor_table(result) -> str:
    """One row per actor: means over repetitions (model page §7.9)."""
    rows = [
        {
            "name": row["name"],
            "strategy": row["strategy"],
            "member": "yes" if row["member"] else "no",
            "score": format_number(row["mean_score_per_period"]),
            "ci": interval_text(row["ci95_low"], row["ci95_high"]),
            "first": share_text(row["first_share"]),
            "coop": format_number(row["cooperation_rate"], 2),
            "violations": format_number(row["violations"], 1),
            "excluded": format_number(row["periods_excluded"], 1),
        }
        for row in result.actors.to_dict(orient="records")
    ]
    return render_table(ACTOR_COLUMNS, rows)


def _summary_lines(result) -> list[str]:
    """How long cooperation among members survives, and how much of it there is, with exclusions and
    leader changes per repetition."""
    summary = result.summary()
    survival = result.survival
    cooperation = summary["mean_member_cooperation"]
    if cooperation is None:
        lines = ["Survival: no edges between members."]
    elif survival is None:
        lines = ["Survival: cooperation among members does not end below one half."]
    else:
        lines = [f"Survival: cooperation among members stays below one half after period {survival}."]
    interval = result.mean_member_cooperation_ci95
    if cooperation is not None and interval is not None and interval_text(*interval) != "-":
        cooperation_text = f"{format_number(cooperation, 2)} {interval_text(*interval)}"
    else:
        cooperation_text = format_number(cooperation, 2)
    lines.append(wrap(
        f"Mean cooperation among members {cooperation_text}; per repetition, "
        f"{summary['exclusions_declared']:.1f} exclusions declared and {summary['leader_changes']:.1f} "
        "leader changes.", indent=0))
    return lines
