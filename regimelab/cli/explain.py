"""`regimelab explain`: what a regime does to the game, for the whiteboard."""

from __future__ import annotations

import click
import pandas as pd

from ..errors import InvalidParameter, RegimelabError
from ..game import CLASS_MEANINGS, Game
from ..players import find_strategy
from ..supergame import StrategyPair, explain_regime, simulate_super_game
from .common import horizon_text
from .options import (
    DEFAULT_SEED,
    chosen_regime,
    input_error,
    load_strategies_dir,
    output_options,
    regime_options,
)
from .output import check_output_path, emit, matrix_lines, wrap


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: which of the scenario's regimes to explain (default: the scenario's default).")
@click.option("--strategy", "strategy", metavar="NAME", default=None,
              help="The cooperative strategy of the super-game (default: Grudger, i.e. Grim Trigger). "
              "Any finite-state strategy: `regimelab strategies --exact` lists them.")
@click.option("--against", "against", metavar="NAME", default=None,
              help="The strategy that challenges it (default: Defector, i.e. Always Defect).")
@click.option("--strategies-dir", "strategies_dir", metavar="DIR", default=None,
              type=click.Path(file_okay=False),
              help="Also load the declarative .toml strategies in DIR.")
@regime_options
@click.option(
    "--simulate", "simulate", type=int, default=None, metavar="N",
    help="Also estimate the super-game by playing N matches per cell, to set beside the exact values.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Random seed for --simulate.")
@click.option("-j", "--jobs", "jobs", type=int, default=1, show_default=True,
              help="Processes for --simulate (0: all cores).")
@output_options
def explain(**options):
    """Explain what a regime does to the Prisoner's Dilemma.

    Shows the base game and the expected stage game G' the regime creates, the
    super-game of Grim Trigger against Always Defect (expected match totals
    under the regime, from the exact engine), and the thresholds: the critical
    shadow w*, the critical transparency p*, the critical fine F* of the stage
    game and the fine that the super-game needs at this horizon. Thresholds
    without a closed form (noise, false alarms, other strategies) are found by
    root finding on the exact payoff difference.

    --strategy and --against replace Grim Trigger and Always Defect by any two
    finite-state strategies: is the first, in self-play, a best reply to the
    second?

    SCENARIO is a scenario (a built-in scenario's name or a .toml file): its regime (see
    --variant) and payoffs are explained; regime options override them.

    \b
    Examples:
      regimelab explain
      regimelab explain --shadow 0.9 --transparency 0.7
      regimelab explain --shadow 0.9 --transparency 0.5 --fine 3 --compensation 0.5
      regimelab explain --shadow 0.95 --transparency 0.9 --false-alarm 0.05 --format json
      regimelab explain --shadow 0.9 --transparency 0.7 --noise 0.02 --simulate 5000
      regimelab explain league-1935 --variant league-1935
      regimelab explain --shadow 0.9 --noise 0.05 --strategy tft --against alld
      regimelab explain --shadow 0.95 --strategy wsls --against "Suspicious Tit For Tat"
    """
    load_strategies_dir(options)
    scenario, variant, regime, game = chosen_regime(options)
    try:
        output = check_output_path(options["output"], suffixes=(".json", ".csv"))
        pair = _strategy_pair(options)
        data = explain_regime(regime, game, pair)
    except RegimelabError as error:
        raise input_error(error) from None
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title, "variant": variant}
    if options["simulate"] is not None:
        try:
            if options["simulate"] < 2:
                raise InvalidParameter("simulate", "an integer >= 2 (matches per cell)", options["simulate"])
            data["simulation"] = simulate_super_game(
                regime, game, options["simulate"], options["seed"], options["jobs"], pair
            ).to_dict()
        except RegimelabError as error:
            raise input_error(error) from None
    emit(options["fmt"], data, _long_table(data), lambda: render(data, regime, game), output)


def _strategy_pair(options: dict) -> StrategyPair:
    """The two strategies of the super-game; each is checked to have a finite-state form."""
    players = []
    for option in ("strategy", "against"):
        name = options[option]
        if name is None:
            players.append(None)
            continue
        try:
            players.append(find_strategy(name)())
        except RegimelabError as error:
            raise input_error(error, f"--{option}") from None
    return StrategyPair(*players)


def _long_table(data: dict) -> pd.DataFrame:
    """explain's numbers as (quantity, value) rows, for CSV."""
    rows = []
    for which in ("base", "expected"):
        for key, value in data["game"][which].items():
            rows.append((f"game.{which}.{key}", value))
    labels = ["SS", "ST", "TS", "TT"]
    flat = [v for row in data["supergame"]["matrix"] for v in row]
    rows += [(f"supergame.{label}", value) for label, value in zip(labels, flat)]
    rows += [(f"thresholds.{key}", value) for key, value in data["thresholds"].items()]
    if "simulation" in data:
        sim = data["simulation"]
        flat = [v for row in sim["matrix"] for v in row]
        errors = [v for row in sim["standard_errors"] for v in row]
        rows += [(f"simulation.{label}", value) for label, value in zip(labels, flat)]
        rows += [(f"simulation.{label}.standard_error", value) for label, value in zip(labels, errors)]
    return pd.DataFrame(rows, columns=["quantity", "value"])


def _class_line(name: str) -> str:
    return wrap(f"  class: {name}: {CLASS_MEANINGS[name.split(' ')[0]]}", indent=4)


def render(data: dict, regime, game: Game) -> str:
    """The text report of ``explain`` from its JSON ``data``.

    The game G and G' (model page §4) with their classes, the super-game matrix
    and its class, any simulated check, and the thresholds w*, p*, F* and F*sg
    (model page §5).
    """
    expected = regime.expected_game(game)
    lines = []
    if "scenario" in data:
        scenario = data["scenario"]
        lines += [f"Scenario: {scenario['title']} [{scenario['variant']}]", ""]
    lines.append("Base game G (row player's payoffs):")
    lines += ["  " + line for line in matrix_lines(game.matrix())]
    lines.append(_class_line(game.describe()))
    if game.classify() == "prisoners_dilemma" and not game.is_iterated_pd():
        lines.append(wrap("  note: 2R <= T + S, so taking turns at exploiting each other pays as "
                          "well as steady cooperation in the repeated game", indent=8))
    lines.append("")
    lines.append(wrap(f"Regime: {regime.label().replace(',', ', ')}", indent=8))
    lines.append(f"Horizon: {horizon_text(regime)}")
    lines.append("Expected stage game G' (signals averaged, intended actions):")
    lines += ["  " + line for line in matrix_lines(expected.matrix())]
    lines.append(_class_line(expected.describe()))
    if "noisy" in data["game"]:
        noisy = regime.noisy_expected_game(game)
        lines.append(f"With noise {regime.noise:g} also averaged:")
        lines += ["  " + line for line in matrix_lines(noisy.matrix())]
    lines.append("")
    sg = data["supergame"]
    lines.append(f"Super-game: expected match totals over {horizon_text(regime)}:")
    lines += ["  " + line for line in matrix_lines(sg["matrix"], labels=tuple(sg["strategies"]), width=11, digits=2)]
    lines.append(_class_line(sg["class"]))
    if "simulation" in data:
        sim = data["simulation"]
        lines.append(f"Simulated ({sim['repetitions']} matches per cell, seed {sim['seed']}; "
                     "mean +- standard error):")
        cells = [[f"{m:.2f}+-{e:.2f}" for m, e in zip(mrow, erow)]
                 for mrow, erow in zip(sim["matrix"], sim["standard_errors"])]
        width = max(11, max(len(c) for row in cells for c in row) + 2)
        lines.append("  " + " " * 10 + "".join(f"{name:>{width}}" for name in sim["strategies"]))
        for name, row in zip(sim["strategies"], cells):
            lines.append(f"  {name:<10}" + "".join(f"{c:>{width}}" for c in row))
    lines.append("")
    t = data["thresholds"]
    methods = data["methods"]
    cooperator, challenger = sg["strategies"]
    lines.append(f"Thresholds ({cooperator} in self-play against {challenger}):")
    lines.append(_threshold(
        "w*", t["shadow"], methods["shadow"],
        f"least shadow (continuation probability) at which {cooperator} in self-play "
        f"is a best reply to {challenger}",
        f"no shadow w < 1 makes {cooperator} a best reply to {challenger}",
    ))
    lines.append(_threshold(
        "p*", t["transparency"], methods["transparency"],
        f"least transparency (detection rate) at which {cooperator} is a best reply "
        f"to {challenger} at this horizon",
        f"no transparency makes {cooperator} a best reply to {challenger} at this horizon",
    ))
    lines.append(_threshold(
        "F*", t["fine"], methods["fine"],
        "least fine per signalled defection at which complying is a best reply to "
        "complying in G' (the stage game)",
        "no fine deters: compliance is signalled as a defection as often as cheating (p <= a)",
    ))
    lines.append(_threshold(
        "F*sg", t["fine_supergame"], methods["fine_supergame"],
        f"least fine at which {cooperator} is a best reply to {challenger} at this "
        "horizon (the shadow of the future does part of the work)",
        f"no fine makes {cooperator} a best reply to {challenger} at this horizon",
    ))
    return "\n".join(lines)


def _threshold(symbol: str, value, method: str, meaning: str, missing: str) -> str:
    if value is None:
        return wrap(f"  {symbol:<4} = none    {missing} ({method})", indent=17)
    return wrap(f"  {symbol:<4} = {value:<8.4f}{meaning} ({method})", indent=17)
