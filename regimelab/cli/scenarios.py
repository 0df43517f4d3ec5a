"""`regimelab scenarios`: the shipped built-in scenarios, and what each one is about."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import click

from ..bibliography import SOURCES_PAGE, format_source, work
from ..errors import RegimelabError
from .common import counted, game_text, horizon_text
from .options import input_error, output_options
from .output import check_output_path, emit, wrap
from .society import rules_text, society_horizon_text, society_regime_text

if TYPE_CHECKING:
    import pandas as pd


@click.group(invoke_without_command=True)
@output_options
@click.pass_context
def scenarios(ctx, fmt, output):
    """List the built-in scenarios: name, kind, title and a one-line summary.

    A built-in scenario is of one of two kinds. A built-in tournament scenario is a tournament and
    the regimes to compare it under: run it with `regimelab run NAME`,
    compare its regimes with `regimelab compare NAME`. A built-in society scenario is a
    society of actors playing round by round on a shared record, and its
    variants: play it with `regimelab society NAME`. Read either with
    `regimelab scenarios show NAME`.

    \b
    Examples:
      regimelab scenarios
      regimelab scenarios --format json
      regimelab scenarios show concert-1815
      regimelab scenarios show concert-multipolar
    """
    if ctx.invoked_subcommand is not None:
        return
    import pandas as pd

    from ..scenarios import scenario_listing

    try:
        path = check_output_path(output)
        listing = scenario_listing()
    except RegimelabError as error:
        raise input_error(error) from None
    frame = pd.DataFrame(listing, columns=["name", "kind", "title", "summary", "regimes"])
    data = {"scenarios": frame.to_dict(orient="records"), "count": len(frame)}

    def render() -> str:
        blocks = []
        for row in frame.to_dict(orient="records"):
            mark = "  [society]" if row["kind"] == "society" else ""
            blocks.append(wrap(f"{row['name']:<26}{row['title']}{mark}", indent=26))
            blocks.append(wrap(" " * 26 + row["summary"], indent=26))
        societies = int((frame["kind"] == "society").sum())
        blocks.append(
            f"\n{counted(len(frame), 'scenario')}, {societies} of them built-in society scenarios (play those with "
            "`regimelab society NAME`).\n`regimelab scenarios show NAME` tells one's story."
        )
        return "\n".join(blocks)

    emit(fmt, data, frame, render, path)


@scenarios.command()
@click.argument("name", metavar="NAME")
@output_options
def show(name, fmt, output):
    """Show a scenario: its narrative, its sources and its parameters.

    NAME is a built-in scenario's name or the path of a scenario file, of either kind
    (tournament or society).

    \b
    Examples:
      regimelab scenarios show league-1935
      regimelab scenarios show csto-hub-and-spoke
      regimelab scenarios show my_scenario.toml --format json
    """
    import pandas as pd

    from ..scenarios import load_any_scenario

    try:
        path = check_output_path(output, suffixes=(".json", ".csv"))
        scenario = load_any_scenario(name)
    except RegimelabError as error:
        raise input_error(error, "NAME") from None
    if hasattr(scenario, "variants"):  # a society scenario
        emit(fmt, _society_data(scenario), _society_frame(scenario), lambda: _render_society(scenario, name), path)
        return
    data = {"kind": "tournament", **scenario.to_dict()}
    frame = pd.DataFrame(
        [{"regime": n.name, **n.regime.to_dict(), **n.game.to_dict()} for n in scenario.regimes]
    )
    emit(fmt, data, frame, lambda: _render(scenario, name), path)


def _render(scenario, given: str) -> str:
    """The story, the players and the variants; ``given``: NAME as the user wrote it (a built-in name or a path)."""
    lines = [f"{scenario.title}  ({scenario.name})", "", scenario.summary, ""]
    lines += _story(scenario)
    players = ", ".join(
        f"{entry.cls.name}" + (f" x{entry.count}" if entry.count > 1 else "")
        + (f" {list(entry.args) or entry.kwargs}" if entry.args or entry.kwargs else "")
        for entry in scenario.players
    )
    lines.append(wrap(f"Players: {players}", indent=9))
    lines.append(f"Repetitions: {scenario.repetitions}; seed {scenario.seed}")
    lines.append("")
    for named in scenario.regimes:
        default = " (default)" if named.name == scenario.default else ""
        lines.append(wrap(f"[{named.name}]{default} {named.label().replace(',', ', ')}; "
                          f"{horizon_text(named.regime)}; game {game_text(named.game)} "
                          f"({named.game.describe()} -> G' {named.regime.expected_game(named.game).describe()})",
                          indent=4))
        if named.description:
            lines.append(wrap("    " + named.description, indent=4))
    lines.append("")
    lines.append(f"Compare them: regimelab compare {shlex.quote(given)}")
    return "\n".join(lines)


def _story(scenario) -> list[str]:
    """The narrative's paragraphs and the sources, as lines."""
    lines = []
    for paragraph in scenario.narrative.split("\n\n"):
        if paragraph.strip():
            lines.append(wrap(" ".join(paragraph.split()), indent=0))
            lines.append("")
    if not scenario.sources:
        return lines
    lines.append("Sources:")
    for source in scenario.sources:
        lines.append(wrap(f"  {format_source(source)}", indent=4))
    keys = list(dict.fromkeys(source["key"] for source in scenario.sources if source["key"]))
    if keys:
        lines.append(f"Works cited (full references: {SOURCES_PAGE}):")
        for key in keys:
            lines.append(wrap(f"  [{key}] {work(key).short()}", indent=4))
    lines.append("")
    return lines


# -- built-in society scenarios ---------------------------------------------------------------


def _actor_text(actor) -> str:
    notes = []
    if not actor.member:
        notes.append("outsider")
    if actor.joins is not None:
        notes.append(f"joins in period {actor.joins}")
    if actor.leaves is not None:
        notes.append(f"leaves in period {actor.leaves}")
    return f"{actor.name} ({', '.join([actor.strategy_name] + notes)})"


def _actor_changes(society, baseline) -> dict:
    """Actors of ``society`` that differ from the baseline's: name -> description."""
    before = {actor.name: actor for actor in baseline.actors}
    return {actor.name: _actor_text(actor) for actor in society.actors if actor != before.get(actor.name)}


def _time_text(society) -> str:
    text = society_horizon_text(society)
    turnover = society.turnover
    if turnover is not None:
        who = "each actor" if turnover.actors is None else ", ".join(turnover.actors)
        text += (f"; leader turnover {turnover.probability:g} per period from period {turnover.start} "
                 f"({who}; newcomers: {', '.join(c.name for c in turnover.pool)})")
    return text


def _society_data(scenario) -> dict:
    baseline = scenario.baseline.society
    data = {"kind": "society", **scenario.to_dict()}
    data["actors"] = [
        {"name": a.name, "strategy": a.strategy_name, "member": a.member, "joins": a.joins, "leaves": a.leaves}
        for a in baseline.actors
    ]
    data["graph"] = baseline.graph
    data["hub"] = baseline.hub
    data["edges"] = len(baseline.edge_indices())
    data["variants"] = [
        {
            "name": variant.name,
            "description": variant.description,
            "society": variant.society.options.to_dict(),
            "regime": variant.society.regime.to_dict(),
            "schedule": [{"from": c.start, "shadow": c.shadow} for c in variant.society.schedule],
            "turnover": None if variant.society.turnover is None else variant.society.turnover.to_dict(),
            "actor_changes": _actor_changes(variant.society, baseline),
        }
        for variant in scenario.variants
    ]
    return data


def _society_frame(scenario) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for variant in scenario.variants:
        society = variant.society
        # The society's enforcement_cost (of exclusions) and the regime's (of fines) differ: prefix the regime's.
        regime = {f"regime_{key}": value for key, value in society.regime.to_dict().items()}
        rows.append({"variant": variant.name, **society.options.to_dict(), **regime,
                     "turnover": None if society.turnover is None else society.turnover.probability,
                     "schedule": "; ".join(f"from {c.start}: {c.shadow:g}" for c in society.schedule) or None})
    return pd.DataFrame(rows)


def _render_society(scenario, given: str) -> str:
    """As :func:`_render`, for a society scenario."""
    baseline = scenario.baseline.society
    heading = f"{scenario.title}  ({scenario.name}, a society scenario)"
    lines = [wrap(heading, indent=0), "", wrap(scenario.summary, indent=0), ""]
    lines += _story(scenario)
    lines.append(wrap("Actors:  " + ", ".join(_actor_text(a) for a in baseline.actors), indent=9))
    graph = {"complete": "complete (every pair plays)", "hub": f"hub and spokes around {baseline.hub}",
             "edges": "an edge list"}[baseline.graph]
    lines.append(f"Graph:   {graph}; {counted(len(baseline.edge_indices()), 'edge')}")
    lines.append(f"Repetitions: {scenario.repetitions}; seed {scenario.seed}")
    lines.append("")
    for variant in scenario.variants:
        society = variant.society
        default = " (default)" if variant.name == scenario.default else ""
        lines.append(wrap(f"[{variant.name}]{default} {rules_text(society.options)}; regime "
                          f"{society_regime_text(society.regime)}; {_time_text(society)}", indent=4))
        changes = _actor_changes(society, baseline)
        if changes:
            lines.append(wrap("    actors: " + ", ".join(changes.values()), indent=4))
        if variant.description:
            lines.append(wrap("    " + variant.description, indent=4))
    lines.append("")
    lines.append(f"Play it: regimelab society {shlex.quote(given)} [--variant NAME]")
    return "\n".join(lines)
