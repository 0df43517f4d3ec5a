"""`regimelab scenarios`: the shipped presets, and what each one is about."""

from __future__ import annotations

import click
import pandas as pd

from ..errors import RegimelabError
from ..scenarios import all_presets, load_preset_or_file
from .common import game_text, horizon_text
from .options import input_error, output_options
from .output import check_output_path, emit, wrap


@click.group(invoke_without_command=True)
@output_options
@click.pass_context
def scenarios(ctx, fmt, output):
    """List the scenario presets: name, title and a one-line summary.

    A preset is a tournament and the regimes to compare it under, grounded in
    the source texts. Run one with `regimelab run NAME`, compare its regimes
    with `regimelab compare NAME`, read it with `regimelab scenarios show NAME`.

    \b
    Examples:
      regimelab scenarios
      regimelab scenarios --format json
      regimelab scenarios show concert-1815
    """
    if ctx.invoked_subcommand is not None:
        return
    try:
        path = check_output_path(output)
        presets = all_presets()
    except RegimelabError as error:
        raise input_error(error) from None
    frame = pd.DataFrame(
        [{"name": s.name, "title": s.title, "summary": s.summary, "regimes": ",".join(s.regime_names)} for s in presets],
        columns=["name", "title", "summary", "regimes"],
    )
    data = {"scenarios": frame.to_dict(orient="records"), "count": len(frame)}

    def render() -> str:
        blocks = []
        for row in frame.to_dict(orient="records"):
            blocks.append(f"{row['name']:<26}{row['title']}")
            blocks.append(wrap(" " * 26 + row["summary"], indent=26))
        blocks.append(f"\n{len(frame)} scenarios. `regimelab scenarios show NAME` tells one's story.")
        return "\n".join(blocks)

    emit(fmt, data, frame, render, path)


@scenarios.command()
@click.argument("name", metavar="NAME")
@output_options
def show(name, fmt, output):
    """Show a scenario: its narrative, its sources and its parameters.

    NAME is a preset's name or the path of a spec file.

    \b
    Examples:
      regimelab scenarios show league-1935
      regimelab scenarios show my_scenario.toml --format json
    """
    try:
        path = check_output_path(output, suffixes=(".json", ".csv"))
        scenario = load_preset_or_file(name)
    except RegimelabError as error:
        raise input_error(error, "NAME") from None
    data = scenario.to_dict()
    frame = pd.DataFrame(
        [{"regime": n.name, **n.regime.to_dict(), **{k: v for k, v in n.game.to_dict().items()}} for n in scenario.regimes]
    )
    emit(fmt, data, frame, lambda: _render(scenario), path)


def _render(scenario) -> str:
    lines = [f"{scenario.title}  ({scenario.name})", "", scenario.summary, ""]
    for paragraph in scenario.narrative.split("\n\n"):
        lines.append(wrap(" ".join(paragraph.split()), indent=0))
        lines.append("")
    lines.append("Sources:")
    for source in scenario.sources:
        note = f": {source['note']}" if source["note"] else ""
        lines.append(wrap(f"  {source['file']}:{source['lines']}{note}", indent=4))
    lines.append("")
    players = ", ".join(
        f"{spec.cls.name}" + (f" x{spec.count}" if spec.count > 1 else "")
        + (f" {list(spec.args) or spec.kwargs}" if spec.args or spec.kwargs else "")
        for spec in scenario.players
    )
    lines.append(wrap(f"Players: {players}", indent=9))
    lines.append(f"Repetitions: {scenario.repetitions}; seed {scenario.seed}")
    lines.append("")
    for named in scenario.regimes:
        default = " (default)" if named.name == scenario.default else ""
        lines.append(wrap(f"[{named.name}]{default} {named.regime.label().replace(',', ', ')}; "
                          f"{horizon_text(named.regime)}; game {game_text(named.game)} "
                          f"({named.game.describe()} -> G' {named.regime.expected_game(named.game).describe()})",
                          indent=4))
        if named.description:
            lines.append(wrap("    " + named.description, indent=4))
    lines.append("")
    lines.append(f"Compare them: regimelab compare {scenario.name}")
    return "\n".join(lines)
