"""`regimelab strategies`: what can play."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from ..errors import RegimelabError
from .common import counted
from .options import (
    input_error,
    load_strategies_dir,
    output_options,
    regime_from_options,
    regime_options,
    strategies_dir_option,
)
from .output import check_output_path, emit, render_table

if TYPE_CHECKING:
    import pandas as pd

DESCRIPTION_WIDTH = 33


@click.command()
@click.option("--search", "search", metavar="TEXT", default=None,
              help="Only strategies whose name or description contains TEXT.")
@click.option("--ours", is_flag=True, help="Only regimelab's strategies of state actors.")
@click.option("--exact", "exact_only", is_flag=True,
              help="Only strategies with a finite-state form, which the exact engine can compute "
              "(run/sweep --engine exact, explain --strategy/--against, evolve).")
@strategies_dir_option(help_text="Also load every declarative strategy (*.toml) in DIR.")
@regime_options
@output_options
def strategies(**options):
    """List the strategies available, with a one-line description.

    Shows whether each strategy is stochastic and its memory depth (how many
    past rounds it looks at; inf: all). regimelab's own strategies of state
    actors are marked, with the works they come from: a bibliography key
    (Lipson1995: docs/sources.md lists them) with a section or a quotation.
    The column "exact" says whether the exact engine can compute the strategy
    (it has a finite-state form). With regime options, strategies that would be refused
    under that regime (they read their opponent's source, bypassing imperfect
    monitoring) are marked.

    \b
    Examples:
      regimelab strategies
      regimelab strategies --search "tit for tat"
      regimelab strategies --transparency 0.8 --format csv
      regimelab strategies --ours
      regimelab strategies --exact
    """
    regime = regime_from_options(options)
    load_strategies_dir(options)
    try:
        output = check_output_path(options["output"])
    except RegimelabError as error:
        raise input_error(error) from None
    frame = strategy_table(options["search"], regime, options["ours"], options["exact_only"])
    data = {"strategies": frame.to_dict(orient="records"), "count": len(frame)}
    emit(options["fmt"], data, frame, lambda: _render(frame) if len(frame) else _no_match(options), output)


def _render(frame: pd.DataFrame) -> str:
    rows = []
    for row in frame.to_dict(orient="records"):
        text = row["description"]
        if row["source"] == "regimelab":
            # The works by bibliography key, with a section or a quotation (docs/sources.md lists them).
            cited = row["citation"]
            text = f"[regimelab; {cited}] {text}" if cited else f"[regimelab] {text}"
        if row["source"] not in ("regimelab", "axelrod"):  # loaded by the user: named by its file
            text = f"[{row['source']}] {text}"
        if not row["allowed"]:
            text += " [refused under this regime]"
        lines = textwrap.wrap(text, DESCRIPTION_WIDTH) or [""]
        rows.append({
            "name": row["name"],
            "stochastic": "yes" if row["stochastic"] else "no",
            "memory": _depth(row["memory_depth"]),
            "exact": "yes" if row["exact"] else "no",
            "description": lines[0],
        })
        rows += [{"name": "", "stochastic": "", "memory": "", "exact": "", "description": more}
                 for more in lines[1:]]
    table = render_table(
        [("name", "name", 24, "<"), ("stochastic", "stoch", 5, "<"), ("memory", "memory", 6, ">"),
         ("exact", "exact", 5, "<"), ("description", "description", DESCRIPTION_WIDTH, "<")],
        rows,
    )
    count = counted(len(frame), "strategy", "strategies")
    return f"{table}\n\n{count}. Use a name with -s/--strategy (case-insensitive)."


def _no_match(options: dict) -> str:
    """What an empty listing says instead of a bare header: the filters that matched nothing."""
    filters = [f"--search {options['search']!r}"] if options["search"] else []
    filters += [flag for flag, key in (("--ours", "ours"), ("--exact", "exact_only")) if options[key]]
    return f"No strategy matches {' '.join(filters) or 'these options'}. `regimelab strategies` lists them all."


def _depth(value) -> str:
    return "inf" if value == float("inf") else str(int(value))


def strategy_table(search: str | None, regime, ours_only: bool = False, exact_only: bool = False) -> pd.DataFrame:
    """One row per strategy class known, with what ``regimelab strategies`` shows of it.

    ``search`` keeps the strategies whose name, class name or description
    contains it (any case); ``ours_only`` keeps regimelab's, ``exact_only``
    those with a finite-state machine. ``allowed`` is whether ``regime`` accepts
    the strategy (one that reads its opponent's source needs perfect monitoring).
    ``name`` is readable (``Phi`` for axelrod's ``$\\phi$``); ``source`` is ``axelrod``,
    ``regimelab`` (shipped with it) or the file a user loaded the strategy from.
    """
    import axelrod as axl
    import pandas as pd

    from ..machines import has_machine
    from ..players import all_strategy_classes, describe, is_ours, loaded_from, readable_name, touches_source

    rows = []
    for cls in all_strategy_classes():
        if ours_only and (not is_ours(cls) or loaded_from(cls)):  # a user's file is not regimelab's
            continue
        description = describe(cls)
        name = readable_name(cls.name)  # Phi, not axelrod's $\phi$ (both find it)
        if search and search.lower() not in f"{name} {cls.name} {cls.__name__} {description}".lower():
            continue
        player = cls()
        finite = has_machine(player)
        if exact_only and not finite:
            continue
        rows.append(
            {
                "name": name,
                "source": loaded_from(cls) or ("regimelab" if is_ours(cls) else "axelrod"),
                "citation": getattr(cls, "citation", "") or "",
                "description": description,
                "stochastic": bool(axl.Classifiers["stochastic"](player)),
                "memory_depth": float(axl.Classifiers["memory_depth"](player)),
                "exact": finite,
                "allowed": regime.perfect_monitoring or not touches_source(player),
            }
        )
    columns = ["name", "source", "citation", "description", "stochastic", "memory_depth", "exact", "allowed"]
    return pd.DataFrame(rows, columns=columns)
