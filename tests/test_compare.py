"""The same players under several regimes, side by side (regimelab/compare.py)."""

import pytest

import regimelab as rl


def test_paired_changes_are_narrower_than_the_two_intervals_side_by_side():
    players = rl.make_players(["tft", "alld", "wsls", "random"])
    comparison = rl.compare_regimes(players, [rl.Regime(noise=0.05), rl.Regime(noise=0.05, fine=0.5)],
                                    repetitions=15, seed=3)
    frame = comparison.strategies().set_index("name")
    label = comparison.labels[1]
    base = comparison.baseline.players.set_index("name")
    for name, row in frame.iterrows():
        paired = row[f"change_ci95_high[{label}]"] - row[f"change_ci95_low[{label}]"]
        unpaired = base.loc[name, "ci95_high"] - base.loc[name, "ci95_low"]
        assert paired <= unpaired + 1e-12, name
    # the fine falls on each of the Defector's realised Ds (95% of its moves under noise 0.05)
    assert frame.loc["Defector", f"change[{label}]"] == pytest.approx(-0.5 * 0.95, abs=0.01)
    assert frame.loc["Defector", f"distinguishable[{label}]"]


PLAYERS = ["tft", "alld", "grudger"]


def test_labels_default_to_the_baseline_and_the_changes_and_repeats_are_numbered():
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=3), rl.Regime(turns=10, fine=3)]
    comparison = rl.compare_regimes(rl.make_players(PLAYERS), regimes, engine="exact")
    assert comparison.labels == ["baseline", "fine=3", "fine=3 (2)"]
    given = rl.compare_regimes(rl.make_players(PLAYERS), regimes[:2], labels=["a", "b"], engine="exact")
    assert given.labels == ["a", "b"]


def test_exact_changes_are_differences_of_expected_scores():
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=3)]
    comparison = rl.compare_regimes(rl.make_players(PLAYERS), regimes, engine="exact")
    frame = comparison.strategies().set_index("name")
    # the Defector is fined 3 on each of its 10 moves, signalled with certainty: its score per turn falls by 3
    assert frame.loc["Defector", "change[fine=3]"] == pytest.approx(-3.0, abs=1e-12)
    assert frame.loc["Defector", "distinguishable[fine=3]"]
    assert frame["change_ci95_low[fine=3]"].isna().all()
    summary = comparison.regimes()
    assert summary.regime.tolist() == ["baseline", "fine=3"]
    assert summary.expected_class.tolist() == ["prisoners_dilemma", "harmony"]
    data = comparison.to_dict()
    assert data["engine"] == "exact" and data["seed"] is None and data["labels"] == ["baseline", "fine=3"]


def test_one_game_per_regime_or_one_for_all():
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=1)]
    games = [rl.Game(), rl.Game(3, -5, 7, 0)]
    comparison = rl.compare_regimes(rl.make_players(PLAYERS), regimes, games, engine="exact")
    assert [result.game for result in comparison.results] == games


@pytest.mark.parametrize(
    "regimes, games, engine, parameter",
    [
        ([rl.Regime()], None, "simulate", "regime"),
        ([rl.Regime(), rl.Regime(fine=1)], [rl.Game()], "simulate", "payoffs"),
        ([rl.Regime(), rl.Regime(fine=1)], None, "guess", "engine"),
    ],
)
def test_bad_comparisons_are_refused(regimes, games, engine, parameter):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.compare_regimes(rl.make_players(PLAYERS), regimes, games, engine=engine)
    assert info.value.parameter == parameter


def test_the_table_is_every_regimes_ranking_with_its_parameters_and_game():
    regimes = [rl.Regime(turns=10), rl.Regime(shadow=0.9, fine=3)]
    games = [rl.Game(), rl.Game(3, -1, 4, 0)]
    comparison = rl.compare_regimes(PLAYERS, regimes, games, labels=["a", "b"], repetitions=3, seed=2)
    table = comparison.table
    assert table.shape == (2 * 3, 1 + len(rl.PARAMETERS) + 4 + len(comparison.baseline.players.columns))
    assert table.regime.tolist() == ["a"] * 3 + ["b"] * 3
    for label, result, regime, game in zip(comparison.labels, comparison.results, regimes, games):
        rows = table[table.regime == label].reset_index(drop=True)
        assert rows[list(result.players.columns)].equals(result.players)  # score, rank, ci95 ... exactly
        for name, value in regime.to_dict().items():
            assert rows[name].isna().all() if value is None else (rows[name] == value).all(), name
        assert (rows[["R", "S", "T", "P"]] == list(game.payoffs)).all().all()
    # one horizon each: whole turns, empty under a shadow
    assert str(table.turns.dtype) == "Int64" and table.turns.isna().tolist() == [False] * 3 + [True] * 3
    assert table.shadow.isna().tolist() == [True] * 3 + [False] * 3


def test_players_may_be_names_classes_or_players_for_every_regime():
    import axelrod as axl

    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=3)]
    mixed = rl.compare_regimes(["tft", axl.Defector, axl.Grudger()], regimes, engine="exact")
    made = rl.compare_regimes(rl.make_players(PLAYERS), regimes, engine="exact")
    assert mixed.table.equals(made.table)
    with pytest.raises(TypeError, match="axelrod players; got 3 \\(int\\)"):
        rl.compare_regimes(["tft", 3], regimes)


def test_the_repr_is_a_summary_and_str_has_the_tables():
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=3)]
    comparison = rl.compare_regimes(PLAYERS, regimes, engine="exact")
    assert repr(comparison) == (
        "Comparison(engine='exact', players=3, regimes=['baseline', 'fine=3'], "
        "winners=['Tit For Tat', 'Tit For Tat'])"
    )
    simulated = rl.compare_regimes(PLAYERS, regimes, repetitions=2, seed=5)
    assert repr(simulated).startswith("Comparison(engine='vector', players=3, repetitions=2, seed=5, regimes=")
    text = str(comparison)
    assert text.startswith(repr(comparison))
    assert comparison.regimes().to_string(index=False) in text
    assert comparison.strategies().to_string(index=False) in text
