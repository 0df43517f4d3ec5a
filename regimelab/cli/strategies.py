"""`regimelab strategies`: what can play."""

from __future__ import annotations

import re
import textwrap

import axelrod as axl
import click
import pandas as pd

from ..errors import RegimelabError
from ..players import all_strategy_classes, describe, is_ours, touches_source
from .options import input_error, load_strategies_dir, output_options, regime_from_options, regime_options
from .output import check_output_path, emit, render_table

DESCRIPTION_WIDTH = 33


@click.command()
@click.option("--search", "search", metavar="TEXT", default=None,
              help="Only strategies whose name or description contains TEXT.")
@click.option("--ours", is_flag=True, help="Only regimelab's strategies of state actors.")
@click.option("--exact", "exact_only", is_flag=True,
              help="Only strategies with a finite-state form, which the exact engine can compute "
              "(run/sweep --engine exact, explain --strategy/--against, evolve).")
@click.option(
    "--strategies-dir", "strategies_dir", metavar="DIR", default=None,
    help="Also load every declarative strategy (*.toml) in DIR.",
)
@regime_options
@output_options
def strategies(**options):
    """List the strategies available, with a one-line description.

    Shows whether each strategy is stochastic and its memory depth (how many
    past rounds it looks at; inf: all). regimelab's own strategies of state
    actors are marked, with the source passage they come from. The column
    "exact" says whether the exact engine can compute the strategy (it has a
    finite-state form). With regime options, strategies that would be refused
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
    emit(options["fmt"], data, frame, lambda: _render(frame), output)


def _render(frame: pd.DataFrame) -> str:
    rows = []
    for row in frame.to_dict(orient="records"):
        text = row["description"]
        if row["source"] == "regimelab":
            # Seed files by their number in the table (002 for 002_23e7...txt); JSON keeps the full name.
            cited = re.sub(r"(\d{3})_[0-9a-f]{16}\.txt", r"seed \1", row["citation"])
            text = f"[regimelab; {cited}] {text}" if cited else f"[regimelab] {text}"
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
    return f"{table}\n\n{len(frame)} strategies. Use a name with -s/--strategy (case-insensitive)."


def _depth(value) -> str:
    return "inf" if value == float("inf") else str(int(value))


def strategy_table(search: str | None, regime, ours_only: bool = False, exact_only: bool = False) -> pd.DataFrame:
    """One row per strategy class known, with what ``regimelab strategies`` shows of it.

    ``search`` keeps the strategies whose name, class name or description
    contains it (any case); ``ours_only`` keeps regimelab's, ``exact_only``
    those with a finite-state machine. ``allowed`` is whether ``regime`` accepts
    the strategy (one that reads its opponent's source needs perfect monitoring).
    """
    from ..machines import has_machine

    rows = []
    for cls in all_strategy_classes():
        if ours_only and not is_ours(cls):
            continue
        description = describe(cls)
        if search and search.lower() not in f"{cls.name} {cls.__name__} {description}".lower():
            continue
        player = cls()
        finite = has_machine(player)
        if exact_only and not finite:
            continue
        rows.append(
            {
                "name": cls.name,
                "source": "regimelab" if is_ours(cls) else "axelrod",
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
