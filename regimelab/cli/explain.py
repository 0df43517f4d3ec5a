"""`regimelab explain`: what a regime does to the game, for the whiteboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..errors import RegimelabError
from ..game import CLASS_MEANINGS, Game
from ..limits import MAX_MAGNITUDE, MAX_REPETITIONS, check_integer, integer_range, number_text
from .common import counted, horizon_text
from .options import (
    DEFAULT_SEED,
    allow_large_option,
    check_size,
    checked_by,
    chosen_regime,
    input_error,
    jobs_option,
    load_strategies_dir,
    output_options,
    regime_options,
    seed_option,
    strategies_dir_option,
)
from .output import check_output_path, emit, matrix_lines, wrap

if TYPE_CHECKING:
    import pandas as pd

    from ..supergame import StrategyPair

#: explain --simulate: matches per cell (two at least, for a standard error).
SIMULATE_RANGE = f"{integer_range(2, MAX_REPETITIONS)} (matches per cell)"


def check_simulate(matches) -> int:
    """``--simulate``'s matches per cell: an integer from 2 to MAX_REPETITIONS."""
    return check_integer("simulate", matches, 2, MAX_REPETITIONS, SIMULATE_RANGE)


@click.command()
@click.argument("scenario", required=False, metavar="[SCENARIO]")
@click.option("--variant", "variant", metavar="NAME", default=None,
              help="With SCENARIO: which of the scenario's regimes to explain (default: the scenario's default).")
@click.option("--strategy", "strategy", metavar="NAME", default=None,
              help="The cooperative strategy of the super-game (default: Grudger, i.e. Grim Trigger). "
              "Any finite-state strategy: `regimelab strategies --exact` lists them.")
@click.option("--against", "against", metavar="NAME", default=None,
              help="The strategy that challenges it (default: Defector, i.e. Always Defect).")
@strategies_dir_option(help_text="Also load the declarative .toml strategies in DIR.")
@regime_options
@click.option(
    "--simulate", "simulate", type=int, default=None, metavar="N",
    callback=checked_by(check_simulate, "--simulate"),
    help=f"Also estimate the super-game by playing N matches per cell, 2 to {number_text(MAX_REPETITIONS)}, "
    "to set beside the exact values.",
)
@seed_option(default=DEFAULT_SEED, help_default="for --simulate")
@jobs_option(help_text="Processes for --simulate", cap="at most 4 per core")
@output_options
@allow_large_option
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
    from ..explanation import explain_regime
    from ..supergame import simulate_super_game

    if options["strategy"] or options["against"] or options.get("strategies_dir"):
        load_strategies_dir(options)  # the default pair is built in: without a named one, no strategies load
    scenario, variant, regime, game = chosen_regime(options)
    try:
        output = check_output_path(options["output"], suffixes=(".json", ".csv"))
        pair = _strategy_pair(options)
        check_size(options, lambda: _workload(options, regime, game, pair))
        data = explain_regime(regime, game, pair)
    except RegimelabError as error:
        raise input_error(error) from None
    if scenario is not None:
        data["scenario"] = {"name": scenario.name, "title": scenario.title, "variant": variant}
    if options["simulate"] is not None:
        try:
            data["simulation"] = simulate_super_game(
                regime, game, options["simulate"], options["seed"], options["jobs"], pair
            ).to_dict()
        except RegimelabError as error:
            raise input_error(error) from None
    emit(options["fmt"], data, lambda: _long_table(data), lambda: render(data, regime, game), output)


def _workload(options: dict, regime, game, pair: StrategyPair):
    from ..workload import explain_workload

    return explain_workload(regime, game, pair, options["simulate"], options["jobs"])


def _strategy_pair(options: dict) -> StrategyPair:
    """The two strategies of the super-game; each is checked to have a finite-state form."""
    from ..supergame import StrategyPair

    players = []
    for option in ("strategy", "against"):
        name = options[option]
        if name is None:
            players.append(None)
            continue
        from ..players import find_strategy

        try:
            players.append(find_strategy(name)())
        except RegimelabError as error:
            raise input_error(error, f"--{option}") from None
    return StrategyPair(*players)


def _long_table(data: dict) -> pd.DataFrame:
    """explain's numbers as (quantity, value) rows, for CSV."""
    import pandas as pd

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
    parts = (_game_lines(data, game), _expected_game_lines(data, regime, game), _super_game_lines(data, regime),
             _threshold_lines(data, regime))
    return "\n\n".join("\n".join(lines) for lines in parts)


def _game_lines(data: dict, game: Game) -> list[str]:
    """The scenario's title (if any), then the base game G and its class."""
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
    return lines


def _expected_game_lines(data: dict, regime, game: Game) -> list[str]:
    """The regime, its horizon, and the expected stage game G' (and the noisy one) with its class."""
    expected = regime.expected_game(game)
    lines = [wrap(f"Regime: {regime.label().replace(',', ', ')}", indent=8), f"Horizon: {horizon_text(regime)}",
             "Expected stage game G' (signals averaged, intended actions):"]
    lines += ["  " + line for line in matrix_lines(expected.matrix())]
    lines.append(_class_line(expected.describe()))
    if "noisy" in data["game"]:
        noisy = regime.noisy_expected_game(game)
        lines.append(f"With noise {regime.noise:g} also averaged:")
        lines += ["  " + line for line in matrix_lines(noisy.matrix())]
    return lines


def _super_game_lines(data: dict, regime) -> list[str]:
    """The super-game's matrix of expected match totals and its class, then any simulated matrix."""
    sg = data["supergame"]
    (r, s), (t, p) = sg["matrix"]
    lines = [f"Super-game: expected match totals over {horizon_text(regime)}:"]
    lines += ["  " + line for line in matrix_lines(sg["matrix"], labels=tuple(sg["strategies"]), width=11, digits=2)]
    lines.append(_class_line(Game(r, s, t, p).describe()))
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
    return lines


#: Each searched threshold's symbol and what its search moves, for the note on values it left out.
_SEARCHED = {"shadow": ("w*", "shadows"), "transparency": ("p*", "transparencies"), "fine_supergame": ("F*sg", "fines")}


def _threshold_lines(data: dict, regime) -> list[str]:
    """w*, p*, F* and F*sg with their meanings and methods, and any values a search left out."""
    t, methods = data["thresholds"], data["methods"]
    cooperator, challenger = data["supergame"]["strategies"]
    pair = f"{cooperator} in self-play is a best reply to {challenger}"
    not_pair = f"{cooperator} in self-play is not a best reply to {challenger}"
    lines = [f"Thresholds ({cooperator} in self-play against {challenger}):"]
    lines.append(_threshold(
        "w*", t["shadow"], methods["shadow"],
        f"shadow (continuation probability) at and above which {pair}",
        f"{not_pair} as the shadow nears 1",
    ))
    lines.append(_threshold(
        "p*", t["transparency"], methods["transparency"],
        f"transparency (detection rate) at and above which {pair} at this horizon",
        f"{not_pair} at this horizon, even at transparency 1",
    ))
    lines.append(_threshold(
        "F*", t["fine"], methods["fine"],
        "least fine per signalled defection at which complying is a best reply to "
        "complying in G' (the stage game)",
        "no fine deters: compliance is signalled as a defection as often as cheating (p <= a)",
    ))
    lines.append(_threshold(
        "F*sg", t["fine_supergame"], methods["fine_supergame"],
        f"fine at and above which {pair} at this horizon{_repeated_game_note(regime, t)}",
        f"{not_pair} at this horizon, even at the largest fine ({number_text(MAX_MAGNITUDE)})",
    ))
    for key, exclusion in data.get("excluded", {}).items():
        symbol, moved = _SEARCHED[key]
        ranges = ", ".join(f"{low:.4g} to {high:.4g}" for low, high in exclusion["ranges"])
        lines.append(wrap(f"{'':17}{symbol} is searched without the {moved} {ranges}: {exclusion['reason']}",
                          indent=17))
    return lines


def _repeated_game_note(regime, t: dict) -> str:
    """Why F*sg is below F*, when it is: the shadow of the future, or the repeated game's fixed turns.

    Below by more than the search's accuracy: over one turn F*sg is F*, found to 1e-13 (not quite equal).
    """
    supergame, stage = t["fine_supergame"], t["fine"]
    if supergame is None or (stage is not None and supergame >= stage - 1e-9 * max(1.0, stage)):
        return ""
    if regime.shadow is not None:
        return " (the shadow of the future does part of the work)"
    return f" (repeating the game over {counted(regime.turns, 'turn')} does part of the work)"


def _threshold(symbol: str, value, method: str, meaning: str, missing: str) -> str:
    if value is None:
        return wrap(f"  {symbol:<4} = none    {missing} ({method})", indent=17)
    return wrap(f"  {symbol:<4} = {value:<8.4f}{meaning} ({method})", indent=17)
