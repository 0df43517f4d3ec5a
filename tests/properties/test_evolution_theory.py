"""What theory says of evolution under the shadow of the future (docs/evolution.md §4): with
a long shadow Tit For Tat resists Always Defect, with a short one Always Defect invades, by
both the Moran process and the replicator dynamics, on either engine's payoff matrix."""

import pytest

from regimelab import Regime, make_players
from regimelab.evolution import fixation_probability, payoff_matrix, replicator_dynamics

N = 10
TFT, ALLD = 0, 1


def tft_alld(regime, engine="simulate"):
    return payoff_matrix(make_players(["tft", "alld"]), regime, engine=engine, repetitions=200, seed=7)


def exact_engine_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("regimelab.exact_tournament", "regimelab.machines"))


# -- what theory says: the shadow of the future -----------------------------------


ENGINES = ["simulate", pytest.param("exact", marks=pytest.mark.skipif(
    not exact_engine_available(), reason="the exact engine is not there yet"))]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("regime", [Regime(turns=200), Regime(shadow=0.95)], ids=["turns200", "shadow0.95"])
def test_long_shadow_tft_resists_invasion_by_always_defect(regime, engine):
    payoffs = tft_alld(regime, engine)
    assert payoffs.engine == engine
    assert payoffs.names == ("Tit For Tat", "Defector")
    assert fixation_probability(payoffs, "Tit For Tat", "Defector", N) < 1 / N
    run = replicator_dynamics(payoffs, initial=[0.9, 0.1], time=100)
    assert run.final[TFT] > 0.999
    assert run.at_rest


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("regime", [Regime(turns=1), Regime(shadow=0.1)], ids=["turns1", "shadow0.1"])
def test_short_shadow_always_defect_invades_tft(regime, engine):
    payoffs = tft_alld(regime, engine)
    assert fixation_probability(payoffs, TFT, ALLD, N) > 1 / N
    assert fixation_probability(payoffs, ALLD, TFT, N) < 1 / N
    run = replicator_dynamics(payoffs, initial=[0.9, 0.1], time=100)
    assert run.final[ALLD] > 0.999
