"""regimelab in a notebook: the script twin of docs/how-to/use-from-a-notebook.md.

Each ``# %%`` cell is a cell of a notebook (VS Code runs them directly; Jupyter
opens this file as a notebook with jupytext; or paste the cells one by one); a
cell's last line is what the notebook displays. tests/content/test_notebook_example.py
runs this script and checks its results, and checks that every code block of
the page is a piece of this file, so the page shows code that runs.
"""

# %% Imports
import matplotlib.pyplot as plt
import pandas as pd

import regimelab as rl
from regimelab.evolution import evolve

# %% A regime and the stage game it creates
regime = rl.Regime(shadow=0.95, transparency=0.5, fine=3)
expected = regime.expected_game(rl.Game())  # G' = (R', S', T', P'), the fine averaged over what is seen
expected, expected.classify()

# %% Where cooperation becomes rational: the super-game and its thresholds
limits = rl.thresholds(regime)  # w*, p*, F* and F*sg for Grim Trigger against Always Defect
supergame = rl.super_game(regime)  # expected match totals of the two strategies against each other
limits, supergame.matrix, supergame.game.classify()

# %% The same for another pair of finite-state strategies
tit_for_tat = rl.StrategyPair(*rl.make_players(["tft", "alld"]))
unfined = rl.Regime(shadow=0.95, transparency=0.5)
tft_limits = rl.thresholds(unfined, pair=tit_for_tat)
tft_limits["transparency"]  # p*: Tit For Tat needs more transparency than this regime's 0.5

# %% Everything `regimelab explain` shows, as plain data
explanation = rl.explain_regime(regime)
explanation["game"]["class"], explanation["methods"]

# %% A tournament: exact expected values (finite-state strategies only)
names = ["tft", "grim", "wsls", "gtft", "alld", "stft"]
exact = rl.run_exact_tournament(names, regime)  # names, axelrod strategy classes or players, mixed
exact.players[["rank", "name", "mean_score_per_turn", "cooperation_rate"]]

# %% A tournament: simulated matches, with their uncertainty
simulated = rl.run_tournament(names, regime, repetitions=20, seed=1)
simulated.winner_robust, simulated.players[["rank", "name", "mean_score_per_turn", "ci95_low", "ci95_high"]]

# %% Regimes side by side
regimes = [rl.Regime(shadow=0.95), unfined, regime]
labels = ["long shadow", "half seen", "half seen, fined"]
comparison = rl.compare_regimes(names, regimes, labels=labels, engine="exact")
comparison.regimes()  # one row per regime: cooperation, payoff, class of G', winner

# %% Per strategy: the score and rank under each regime, and the change against the first
comparison.strategies()[["name", "score[long shadow]", "change[half seen]", "change[half seen, fined]"]]

# %% One tidy table of every regime's ranking, for pandas and plotting
rankings = comparison.table  # one row per regime and strategy: its ranking row, the regime's parameters, R, S, T, P
rankings.pivot(index="name", columns="regime", values="rank")

# %% A sweep by hand: the Defector's rank as transparency rises
rows = []
for p in [0.0, 0.25, 0.5, 0.75, 1.0]:
    result = rl.run_exact_tournament(names, rl.Regime(shadow=0.95, transparency=p))
    rows.append({"transparency": p, "defector_rank": result.ranked_names.index("Defector") + 1})
sweep = pd.DataFrame(rows)
sweep

# %% Evolution: which strategies spread under a regime
evolution = evolve(rl.make_players(names), unfined)
shares = pd.DataFrame(evolution.replicator.shares, index=evolution.replicator.times,
                      columns=evolution.replicator.names)
shares.iloc[-1].sort_values(ascending=False)

# %% The shares over time, drawn
axes = shares.plot(xlabel="time", ylabel="share of the population")
plt.close(axes.figure)  # in a notebook, leave this line out: the figure shows under the cell

# %% The Moran process: can one newcomer (column) take over nine residents (row)?
fixation = pd.DataFrame(evolution.fixation.matrix, index=evolution.fixation.names,
                        columns=evolution.fixation.names)
fixation.round(3), evolution.fixation.method

# %% A built-in scenario: its players, regimes and seed, as `regimelab compare concert-1815` plays them
concert = rl.load_scenario("concert-1815")  # a built-in scenario's name, or a scenario file's path
concert_comparison = rl.compare_regimes(
    concert.make_players(),
    [variant.regime for variant in concert.regimes],
    game=[variant.game for variant in concert.regimes],
    labels=concert.regime_names,
    repetitions=concert.repetitions,
    seed=concert.seed,
)
concert_comparison.regimes()[["regime", "mean_cooperation", "winner", "winner_robust"]]
