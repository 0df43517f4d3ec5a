"""Evolution under a regime: replicator dynamics, Moran fixation, `regimelab evolve`."""

import json

import numpy as np
import pytest

from regimelab import Regime, RegimelabError, make_players
from regimelab.errors import InvalidParameter
from regimelab.evolution import (
    FitnessNotPositive,
    LengthScores,
    PayoffMatrix,
    birth_probabilities,
    fitnesses,
    fixation_matrix,
    fixation_probability,
    match_laws,
    payoff_matrix,
    replicator_dynamics,
    replicator_rate,
    simulate_fixation,
    transition_probabilities,
)
from regimelab.evolution.replicator import project

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


# -- replicator dynamics ----------------------------------------------------------

RPS = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]


@pytest.mark.parametrize("seed", range(4))
def test_replicator_shares_sum_to_one_and_stay_in_unit_interval(seed):
    rng = np.random.default_rng(seed)
    matrix = rng.normal(0, 3, size=(5, 5)) - 4  # negative payoffs, as under heavy fines
    start = rng.dirichlet(np.ones(5))
    start[rng.integers(5)] = 0  # a strategy absent from the start stays absent
    start /= start.sum()
    run = replicator_dynamics(matrix, initial=start, time=200, steps=400)
    assert run.shares.shape == (401, 5)
    assert np.allclose(run.shares.sum(axis=1), 1, atol=1e-12)
    assert run.shares.min() >= 0 and run.shares.max() <= 1
    assert np.all(run.shares[:, start == 0] == 0)
    assert np.allclose(run.times, np.linspace(0, 200, 401))


def test_projection_clips_round_off():
    shares = project(np.array([[1 + 1e-13, -1e-15, 0.0], [0.5, 0.5 + 1e-12, -2e-14]]))
    assert shares.min() >= 0 and shares.max() <= 1
    assert np.allclose(shares.sum(axis=1), 1, atol=1e-15)


def test_cycles_are_not_at_rest_but_stay_on_the_simplex():
    run = replicator_dynamics(RPS, initial=[0.5, 0.3, 0.2], time=50, steps=500)
    assert not run.at_rest
    assert np.allclose(run.shares.sum(axis=1), 1)
    # x1*x2*x3 is a constant of motion of zero-sum rock-paper-scissors
    product = run.shares.prod(axis=1)
    assert np.allclose(product, product[0], rtol=1e-6)


def test_replicator_ignores_a_constant_added_to_the_payoffs():
    matrix = np.array([[3, 0], [5, 1.0]])
    one = replicator_dynamics(matrix, [0.6, 0.4], time=3, steps=30)
    other = replicator_dynamics(matrix - 10, [0.6, 0.4], time=3, steps=30)
    assert np.allclose(one.shares, other.shares, atol=1e-8)


def test_replicator_rate_vanishes_at_vertices_and_uniform_default():
    assert np.allclose(replicator_rate(RPS, [1, 0, 0]), 0)
    run = replicator_dynamics(RPS, time=10, steps=10)
    assert np.allclose(run.shares[0], 1 / 3) and run.at_rest  # the interior rest point


@pytest.mark.parametrize(
    "kwargs,parameter",
    [({"initial": [0.5, 0.4]}, "initial"), ({"initial": [1.2, -0.2]}, "initial"), ({"initial": [1.0]}, "initial"),
     ({"time": -1}, "time"), ({"time": 0}, "time"), ({"steps": 0}, "steps")],
)
def test_replicator_bad_input(kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        replicator_dynamics([[3, 0], [5, 1]], **kwargs)
    assert caught.value.parameter == parameter


# -- Moran process ----------------------------------------------------------------


def constant_fitness_rho(r, n):
    return (1 - 1 / r) / (1 - 1 / r**n)


@pytest.mark.parametrize("r,n", [(1.5, 10), (0.8, 6), (2.0, 2)])
def test_constant_fitness_closed_form(r, n):
    matrix = [[1, 1], [r, r]]  # residents earn 1, mutants r, whoever they meet
    assert fixation_probability(matrix, 0, 1, n) == pytest.approx(constant_fitness_rho(r, n), rel=1e-12)


def test_neutral_cases_give_one_over_n():
    assert fixation_probability([[3, 3], [3, 3]], 0, 1, 7) == pytest.approx(1 / 7, rel=1e-12)
    assert fixation_probability([[3, 0], [5, 1]], 0, 1, 7, selection=0) == pytest.approx(1 / 7, rel=1e-12)
    result = fixation_matrix(PayoffMatrix.from_array([[3, 3], [3, 3]], ["A", "B"]), 5)
    assert result.verdicts() == [[None, "neutral"], ["neutral", None]]
    assert np.isnan(result.matrix[0, 0])


def test_transition_probabilities_are_the_birth_death_chain():
    matrix = np.array([[3, 0.5], [3, 1.0]])
    up, down = transition_probabilities(matrix, 0, 1, 5)
    assert up[0] == up[5] == down[0] == down[5] == 0
    assert np.all(up[1:5] + down[1:5] <= 1)
    f_mutant, f_resident = fitnesses(matrix, 0, 1, 5)
    assert np.allclose(down[1:5] / up[1:5], f_resident / f_mutant)
    # k = 1: the mutant earns A[1,0] against all 4 others; a resident A[0,1] + 3 A[0,0]
    assert f_mutant[0] == pytest.approx(4 * 3 / 4) and f_resident[0] == pytest.approx((0.5 + 9) / 4)


CASES = [
    ([[3, 0], [5, 1]], 0, 1, 10, 1.0),  # one-shot PD: Defector among Cooperators
    ([[3, 0.995], [1.02, 1]], 1, 0, 10, 1.0),  # TFT among Defectors, 200 turns
    ([[3, 0.5], [3, 1]], 0, 1, 5, 0.3),  # weak selection
    ([[2, -1], [4, 0.5]], 1, 0, 8, 0.3),  # negative payoffs (fines), s small enough
]


@pytest.mark.parametrize("matrix,resident,mutant,n,s", CASES)
def test_formula_agrees_with_monte_carlo(matrix, resident, mutant, n, s):
    estimate, error = simulate_fixation(matrix, resident, mutant, n, s, runs=20_000, seed=11)
    assert abs(estimate - fixation_probability(matrix, resident, mutant, n, s)) < 3 * error


def test_formula_agrees_with_axelrods_moran_process():
    import axelrod as axl
    from axelrod.deterministic_cache import DeterministicCache

    n, turns, runs = 4, 2, 500
    payoffs = payoff_matrix(make_players(["tft", "alld"]), Regime(turns=turns), engine="simulate", repetitions=1)
    rho = fixation_probability(payoffs, "Tit For Tat", "Defector", n)
    cache, game = DeterministicCache(), axl.Game()
    fixed = 0
    for seed in range(runs):
        players = [axl.TitForTat() for _ in range(n - 1)] + [axl.Defector()]
        process = axl.MoranProcess(players, turns=turns, seed=seed, deterministic_cache=cache, game=game)
        process.play()
        fixed += process.winning_strategy_name == "Defector"
    estimate = fixed / runs
    error = np.sqrt(rho * (1 - rho) / runs)
    assert abs(estimate - rho) < 3 * error
    # Fitness with self-play would give 0.29 here: the test can tell the two apart.
    assert rho == pytest.approx(0.4427, abs=1e-4)


def test_zero_fitness_mutant_never_fixes():
    # one Cooperator among Defectors earns S = 0 against everyone: it cannot reproduce
    assert fixation_probability([[3, 0], [5, 1]], 1, 0, 10) == 0.0


def test_negative_fitness_is_a_clear_error_naming_the_limit():
    matrix = PayoffMatrix.from_array([[2, -1], [4, 0.5]], ["Complier", "Cheat"])
    with pytest.raises(FitnessNotPositive, match=r"at most 0\.5"):
        fixation_probability(matrix, "Cheat", "Complier", 8, selection=1.0)
    assert fixation_probability(matrix, "Cheat", "Complier", 8, selection=0.5) == 0.0  # fitness exactly 0
    assert fixation_probability(matrix, "Cheat", "Complier", 8, selection=0.49) > 0


@pytest.mark.parametrize("kwargs,parameter", [({"population": 1}, "population"), ({"selection": 1.5}, "selection")])
def test_moran_bad_input(kwargs, parameter):
    arguments = {"population": 5, "selection": 1.0, **kwargs}
    with pytest.raises(InvalidParameter) as caught:
        fixation_matrix([[3, 0], [5, 1]], **arguments)
    assert caught.value.parameter == parameter


# -- Moran process with random fitness: random match lengths ----------------------
#
# axelrod's MoranProcess plays new matches at every step; under a shadow their
# lengths, hence every fitness, are random, and the chance that a mutant
# reproduces is beta_k = E[X / (X + Y)] over the matches of one step.


def classic_births(matrix, resident, mutant, n, s):
    f_mutant, f_resident = fitnesses(matrix, resident, mutant, n, s)
    k = np.arange(1, n)
    return k * f_mutant / (k * f_mutant + (n - k) * f_resident)


@pytest.mark.parametrize("n,s", [(2, 1.0), (3, 1.0), (6, 0.4), (10, 1.0)])
def test_certain_fitness_gives_the_classic_formula(n, s):
    matrix = np.array([[3, 0.7], [2.2, 1.3]])
    certain = [([1.0], [matrix[0, 0]], [matrix[0, 0]]), ([1.0], [matrix[0, 1]], [matrix[1, 0]]),
               ([1.0], [matrix[1, 1]], [matrix[1, 1]])]
    beta, gamma = birth_probabilities(*certain, n, s)
    assert np.allclose(beta, classic_births(matrix, 0, 1, n, s), rtol=1e-13, atol=0)
    assert np.allclose(beta + gamma, 1, rtol=0, atol=1e-15)
    # the same through fixation_probability: two lengths with equal scores take the integral's path
    scores = LengthScores([5, 9], [0.3, 0.7], np.repeat(matrix[:, :, None], 2, axis=2))
    payoffs = PayoffMatrix(("A", "B"), matrix, engine="exact", length_scores=scores)
    exact = fixation_probability(payoffs, "A", "B", n, s)
    assert exact == pytest.approx(fixation_probability(matrix, 0, 1, n, s), rel=1e-12)
    assert exact == pytest.approx(fixation_probability(payoffs, "A", "B", n, s, method="expected_fitness"),
                                  rel=1e-12)
    up, down = transition_probabilities(payoffs, 0, 1, n, s)
    classic_up, classic_down = transition_probabilities(matrix, 0, 1, n, s)
    assert np.allclose(up, classic_up, rtol=1e-12) and np.allclose(down, classic_down, rtol=1e-12)


def brute_force_births(laws, n, s):
    """E[X / (X + Y)] for k = 1 .. N-1 by summing over every joint outcome of the matches of one step."""
    residents, mixed, mutants = laws
    c = s / (n - 1)
    result = []
    for k in range(1, n):
        matches = ([(residents, 0.0, c)] * ((n - k) * (n - k - 1) // 2) + [(mixed, "mutant", "resident")] * (k * (n - k))
                   + [(mutants, c, 0.0)] * (k * (k - 1) // 2))
        p, x, y = np.ones(()), np.full((), k * (1 - s)), np.full((), (n - k) * (1 - s))
        for axis, (law, to_x, to_y) in enumerate(matches):
            shape = [1] * len(matches)
            shape[axis] = -1
            prob, first, second = (np.asarray(v, dtype=float).reshape(shape) for v in law)
            p = p * prob
            if to_x == "mutant":  # a mixed match: resident first, mutant second
                x, y = x + c * second, y + c * first
            else:
                x, y = x + to_x * (first + second), y + to_y * (first + second)
        result.append(float(np.sum(p * x / (x + y))))
    return np.array(result)


@pytest.mark.parametrize("s", [1.0, 0.5])
def test_births_equal_the_sum_over_every_draw_of_the_matches(s):
    rng = np.random.default_rng(3)
    laws = [(rng.dirichlet(np.ones(3)), rng.uniform(0, 5, 3), rng.uniform(0, 5, 3)) for _ in range(3)]
    laws[0] = (laws[0][0], laws[0][1], laws[0][1])  # two copies of one strategy score alike
    laws[2] = (laws[2][0], laws[2][1], laws[2][1])
    beta, gamma = birth_probabilities(*laws, 4, s)  # k = 2: 1 + 4 + 1 matches, 3^6 joint draws
    assert np.allclose(beta, brute_force_births(laws, 4, s), rtol=1e-13, atol=1e-15)
    assert np.allclose(gamma, 1 - brute_force_births(laws, 4, s), rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("resident,mutant", [("Defector", "Tit For Tat"), ("Tit For Tat", "Defector")])
def test_births_under_a_shadow_equal_the_sum_over_every_length(resident, mutant):
    # N = 3: two or three matches per step, each of one of 73 lengths (0.6^73 < 1e-16)
    payoffs = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.6), engine="exact")
    assert len(payoffs.length_scores.lengths) == 73
    laws = match_laws(payoffs, resident, mutant)
    for s in (1.0, 0.7):
        beta, _ = birth_probabilities(*laws, 3, s)
        assert np.allclose(beta, brute_force_births(laws, 3, s), rtol=1e-13, atol=0)
        assert not np.allclose(beta, classic_births(payoffs.matrix, payoffs.index(resident),
                                                    payoffs.index(mutant), 3, s), rtol=1e-3)


def test_length_scores_average_to_the_engines_score_per_turn():
    players = make_players(["tft", "alld", "wsls", "grudger", "allc"])
    payoffs = payoff_matrix(players, Regime(shadow=0.9, fine=0.5, compensation=0.5), engine="exact")
    scores = payoffs.length_scores
    assert scores.certain.all() and not scores.fixed_length and payoffs.random_reason is None
    assert np.allclose(scores.means(), payoffs.matrix, rtol=0, atol=1e-12)  # E[total / L]
    plain = payoff_matrix(players[:2], Regime(shadow=0.9), engine="exact").length_scores
    lengths = plain.lengths
    assert np.allclose(plain.scores[0, 1], (lengths - 1) / lengths, rtol=0, atol=1e-15)  # S, then P = 1
    assert np.allclose(plain.scores[1, 0], (lengths + 4) / lengths, rtol=0, atol=1e-15)  # T = 5, then P = 1
    fixed = payoff_matrix(players, Regime(turns=30), engine="exact").length_scores
    assert fixed.fixed_length and list(fixed.lengths) == [30]


@pytest.mark.parametrize("regime,why", [
    (Regime(shadow=0.9, noise=0.01), "noise 0.01"),
    (Regime(shadow=0.9, transparency=0.7), "signals are random"),
    (Regime(shadow=0.9999), "too long"),
])
def test_random_matches_fall_back_to_expected_fitness_and_say_why(regime, why):
    payoffs = payoff_matrix(make_players(["tft", "alld"]), regime, engine="exact")
    assert payoffs.length_scores is None and why in payoffs.random_reason
    result = fixation_matrix(payoffs, 4)
    assert result.method == "expected_fitness" and why in result.method_reason
    assert result.methods == ((None, "expected_fitness"), ("expected_fitness", None))
    with pytest.raises(InvalidParameter, match="exact only"):
        fixation_probability(payoffs, 0, 1, 4, method="exact")


def test_a_strategy_that_randomises_leaves_only_its_pairs_approximate():
    payoffs = payoff_matrix(make_players(["tft", "alld", "random"]), Regime(shadow=0.9), engine="exact")
    assert "Random" in payoffs.random_reason
    result = fixation_matrix(payoffs, 4)
    assert result.method == "mixed"
    assert [[m for m in row] for row in result.methods] == [
        [None, "exact", "expected_fitness"], ["exact", None, "expected_fitness"],
        ["expected_fitness", "expected_fitness", None]]
    alone = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="exact")
    assert result.matrix[0, 1] == pytest.approx(fixation_probability(alone, 0, 1, 4), rel=1e-12)


def test_simulated_payoffs_use_expected_fitness():
    payoffs = payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="simulate", repetitions=5)
    assert fixation_matrix(payoffs, 4).method == "expected_fitness"
    assert "simulated" in fixation_matrix(payoffs, 4).method_reason
    assert fixation_matrix([[3, 0], [5, 1]], 4).method == "exact"  # a hand-made matrix: the payoffs as given


def test_a_fitness_negative_in_some_matches_is_refused_naming_the_limit():
    # mean score per turn 0.4 against the resident, but -2 in a match of length 1
    scores = np.array([[[2.0, 2.0], [1.0, 1.0]], [[-2.0, 1.2], [1.0, 1.0]]])
    payoffs = PayoffMatrix(("R", "M"), scores @ [0.2, 0.8], engine="exact",
                           length_scores=LengthScores([1, 2], [0.2, 0.8], scores))
    assert fixation_probability(payoffs, "R", "M", 3, method="expected_fitness") > 0  # mean fitness positive
    with pytest.raises(FitnessNotPositive, match=r"worst matches.*at most 0\.3333") as caught:
        fixation_probability(payoffs, "R", "M", 3)
    assert caught.value.limit == pytest.approx(1 / 3)
    assert fixation_probability(payoffs, "R", "M", 3, selection=0.3) > 0


# The previous values, outside the Monte-Carlo bands below: 0.259 for a TFT
# mutant among Defectors (payoffs per turn as E[total] / E[L]), 0.2742 for a
# Defector among TFTs (E[total / L], but each fitness replaced by its mean).
SHADOW_CASES = [("Defector", "Tit For Tat", 0.15780, 0.259), ("Tit For Tat", "Defector", 0.26633, 0.2742)]


def tft_alld_shadow():
    return payoff_matrix(make_players(["tft", "alld"]), Regime(shadow=0.9), engine="exact")


@pytest.mark.parametrize("resident,mutant,exact,previous", SHADOW_CASES)
def test_random_lengths_agree_with_axelrods_moran_process(resident, mutant, exact, previous):
    import axelrod as axl
    from axelrod.deterministic_cache import DeterministicCache

    n, runs = 4, 1500
    payoffs = tft_alld_shadow()
    rho = fixation_probability(payoffs, resident, mutant, n)
    assert rho == pytest.approx(exact, abs=1e-5)
    kinds = {"Defector": axl.Defector, "Tit For Tat": axl.TitForTat}
    cache, fixed = DeterministicCache(), 0
    for seed in range(runs):
        players = [kinds[mutant]()] + [kinds[resident]() for _ in range(n - 1)]
        process = axl.MoranProcess(players, prob_end=0.1, seed=seed, deterministic_cache=cache)
        process.play()
        fixed += process.winning_strategy_name == mutant
    estimate = fixed / runs
    error = np.sqrt(rho * (1 - rho) / runs)
    assert abs(estimate - rho) < 3 * error
    if mutant == "Tit For Tat":
        assert abs(estimate - previous) > 3 * error  # 0.259 is over 10 standard errors away
    # For the Defector, 0.2742 is 0.7 standard errors (0.011) from the exact value at 1,500 runs:
    # this test cannot tell the two apart; the next one can.


@pytest.mark.parametrize("resident,mutant,exact,previous", SHADOW_CASES)
def test_random_lengths_agree_with_a_monte_carlo_that_draws_every_match(resident, mutant, exact, previous):
    payoffs = tft_alld_shadow()
    rho = fixation_probability(payoffs, resident, mutant, 4)
    mean_fitness = fixation_probability(payoffs, resident, mutant, 4, method="expected_fitness")
    estimate, error = simulate_fixation(payoffs, resident, mutant, 4, runs=200_000, seed=5)
    assert abs(estimate - rho) < 3 * error
    assert abs(estimate - mean_fitness) > 3 * error and abs(estimate - previous) > 3 * error
    assert mean_fitness == pytest.approx(0.15032 if mutant == "Tit For Tat" else 0.27417, abs=1e-5)


# -- the payoff matrix and its engines --------------------------------------------


def test_payoff_matrix_from_the_pairs_table_includes_self_play():
    payoffs = payoff_matrix(make_players(["tft", "alld", "allc"]), Regime(turns=10), engine="simulate",
                            repetitions=1)
    assert payoffs.engine == "simulate"
    expected = [[3, 0.9, 3], [1.4, 1, 5], [3, 0, 3]]
    assert np.allclose(payoffs.matrix, expected)


def test_engine_choice():
    players = make_players(["tft", "alld"])
    with pytest.raises(InvalidParameter):
        payoff_matrix(players, engine="fast")
    auto = payoff_matrix(players, Regime(turns=20), engine="auto", repetitions=1)
    if exact_engine_available():
        assert auto.engine == "exact"
        exact = payoff_matrix(players, Regime(turns=20), engine="exact")
        simulated = payoff_matrix(players, Regime(turns=20), engine="simulate", repetitions=1)
        assert np.allclose(exact.matrix, simulated.matrix, atol=1e-9)
        unbounded = make_players(["tft", "Adaptive"])  # keeps running totals: no finite-state form
        fallback = payoff_matrix(unbounded, Regime(turns=20), engine="auto", repetitions=1)
        assert fallback.engine == "simulate" and "Adaptive" in fallback.reason
        with pytest.raises(RegimelabError, match="Adaptive"):
            payoff_matrix(unbounded, Regime(turns=20), engine="exact")
    else:
        assert auto.engine == "simulate" and "not available" in auto.reason
        with pytest.raises(RegimelabError):
            payoff_matrix(players, engine="exact")


def test_auto_engine_logic_with_a_stand_in_exact_engine(monkeypatch):
    """auto uses the exact engine, and falls back on NotFiniteState (a stand-in engine refuses Adaptive)."""
    import regimelab.evolution.population as population
    from regimelab.machines import NotFiniteState
    from regimelab.tournament import run_tournament

    def stand_in(players, regime=None, game=None, progress=False):
        for player in players:
            if str(player) == "Adaptive":
                raise NotFiniteState("Adaptive", "no finite-state form")
        return run_tournament(players, regime, game, repetitions=1)

    monkeypatch.setattr(population, "run_exact_tournament", stand_in)
    exact = payoff_matrix(make_players(["tft", "alld"]), Regime(turns=10), engine="auto")
    assert exact.engine == "exact" and exact.reason is None and exact.seed is None
    assert np.allclose(exact.matrix, [[3, 0.9], [1.4, 1]])
    fallback = payoff_matrix(make_players(["tft", "Adaptive"]), Regime(turns=10), engine="auto", repetitions=1)
    assert fallback.engine == "simulate" and "Adaptive" in fallback.reason
    with pytest.raises(RegimelabError, match="Adaptive"):
        payoff_matrix(make_players(["tft", "Adaptive"]), Regime(turns=10), engine="exact")


# -- the command line -------------------------------------------------------------


def test_cli_json_and_plot(cli, tmp_path):
    picture = tmp_path / "shares.png"
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "200", "--initial", "tft=0.9,alld=0.1",
                 "--population", "12", "--steps", "20", "--plot", str(picture), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("trajectory", "initial_shares", "final_shares", "at_rest", "payoffs", "engine", "fixation",
                "regime", "game", "versions", "strategies"):
        assert key in data
    assert data["engine"] in ("exact", "simulate")
    assert len(data["trajectory"]["times"]) == 21
    assert set(data["trajectory"]["shares"]) == {"Tit For Tat", "Defector"}
    assert data["initial_shares"] == {"Tit For Tat": 0.9, "Defector": 0.1}
    assert list(data["final_shares"])[0] == "Tit For Tat" and data["at_rest"] is True
    assert data["payoffs"]["names"] == ["Tit For Tat", "Defector"]
    fixation = data["fixation"]
    assert fixation["population"] == 12 and fixation["neutral"] == pytest.approx(1 / 12)
    assert fixation["matrix"][0][0] is None and fixation["matrix"][0][1] < 1 / 12
    # ...and, over 200 turns, one TFT among Defectors is favoured (Nowak et al. 2004)
    assert fixation["verdicts"][0][1] == "disfavoured" and fixation["verdicts"][1][0] == "favoured"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and picture.stat().st_size > 5000
    assert f"Wrote {picture}" in result.stderr


def test_cli_table_and_csv(cli, tmp_path):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "1")
    assert result.exit_code == 0
    text = result.stdout
    assert "at rest" in text and "1/N = 0.100" in text
    assert text.index("Defector") < text.index("Tit For Tat")  # final shares sorted, Defector first
    out = tmp_path / "fixation.csv"
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "1", "--table", "fixation", "-o", str(out),
                 "-f", "csv", "--engine", "simulate")
    assert result.stdout.splitlines()[0] == "resident,mutant,fixation_probability,relative_to_neutral,verdict"
    assert out.read_text() == result.stdout
    result = cli("evolve", "-s", "tft", "-s", "alld", "--steps", "4", "-f", "csv")
    assert result.stdout.splitlines()[0] == "time,Tit For Tat,Defector"
    assert len(result.stdout.splitlines()) == 6


def test_cli_reports_the_exact_fixation_under_a_shadow(cli):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--shadow", "0.9", "--population", "4", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"] == "exact" and data["fixation_method"] == "exact"
    assert "match lengths" in data["fixation_method_reason"]
    fixation = data["fixation"]
    assert fixation["method"] == "exact" and fixation["methods"] == [[None, "exact"], ["exact", None]]
    assert fixation["matrix"][1][0] == pytest.approx(0.15780, abs=1e-5)  # TFT among Defectors
    assert fixation["matrix"][0][1] == pytest.approx(0.26633, abs=1e-5)  # Defector among TFTs
    text = cli("evolve", "-s", "tft", "-s", "alld", "--shadow", "0.9", "--population", "4").stdout
    assert "Fixation method: exact: fitness is random only through the match lengths" in text
    assert "0.158" in text and "0.266*" in text


def test_cli_says_when_fixation_is_approximate(cli):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--noise", "0.05", "--format", "json")
    data = json.loads(result.stdout)
    assert data["fixation_method"] == "expected_fitness" and "noise 0.05" in data["fixation_method_reason"]
    text = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--noise", "0.05").stdout
    assert "Fixation method: expected fitness, an approximation: noise 0.05" in " ".join(text.split())
    data = json.loads(cli("evolve", "-s", "tft", "-s", "alld", "--turns", "20", "--format", "json").stdout)
    assert data["fixation_method"] == "exact" and data["fixation_method_reason"].startswith("every match is certain")


BAD = [
    (["--population", "1"], "--population"),
    (["--time", "-5"], "--time"),
    (["--steps", "0"], "--steps"),
    (["--selection", "1.5"], "--selection"),
    (["--initial", "tft=0.5,alld=0.4"], "--initial"),
    (["--initial", "grudger=1"], "--initial"),  # a strategy, but not in the population
    (["--initial", "nonsense=1"], "--initial"),
    (["--initial", "tft=half"], "--initial"),
    (["--initial", "tft"], "--initial"),
    (["--engine", "exact", "--seed", "3"], "--seed"),
    (["--engine", "fast"], "--engine"),
    (["--plot", "shares.txt"], "--plot"),
    (["--fine", "10"], "--selection"),  # payoffs below zero: fitness would be negative
]


@pytest.mark.parametrize("args,option", BAD)
def test_cli_bad_input_is_one_line_naming_the_option(cli, args, option):
    result = cli("evolve", "-s", "tft", "-s", "alld", "--turns", "5", *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and option in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_fixation_matrix_names_the_limit_for_the_whole_population():
    matrix = PayoffMatrix.from_array([[3, -2, 1], [1, 0.5, 0], [-4, 1, 1]], ["A", "B", "C"])
    with pytest.raises(FitnessNotPositive) as caught:
        fixation_matrix(matrix, 6)
    limit = caught.value.limit
    fixation_matrix(matrix, 6, selection=limit * (1 - 1e-9))  # no error just below it
    with pytest.raises(FitnessNotPositive):
        fixation_matrix(matrix, 6, selection=limit * (1 + 1e-6))
