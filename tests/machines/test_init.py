"""Strategies as finite-state machines: the package's API (regimelab/machines/__init__.py).

The central check drives each mapped player and its machine with the same
scripted opponent signals and the same noise flips of the player's own moves,
and asks, at every round, that the machine's probability of intending C is
the probability the player actually used: the player's random generator is
replaced by a probe that records what it is asked (``random_choice(p)``
gives p exactly; a bare ``random()`` draw u must cooperate exactly when
u < P(C)), and a player that draws nothing must play the machine's certain move.
"""

import functools
import random

import axelrod as axl
import numpy as np
import pytest
from regimelab.strategies.alliances import Hedger
from regimelab.strategies.challengers import Spoiler, UnsocialisedNewcomer
from regimelab.strategies.great_powers import Revisionist, StatusQuoPower

import regimelab as rl
from regimelab import exact
from regimelab.declarative import build_strategy, read_definition
from regimelab.errors import StrategyFailed
from regimelab.machines import MAX_STATES, NotFiniteState, exact_strategies, has_machine, to_machine
from regimelab.match import RegimeMatch, SignalView, realised_payoffs, total
from regimelab.players import all_strategy_classes
from regimelab.toml_files import TomlDocument

C, D = axl.Action.C, axl.Action.D
OTHER_GAME = axl.Game(r=3.5, s=0.5, t=4.5, p=1.0)  # a G' a regime could tell them


# -- Players ------------------------------------------------------------------------


def declared(text: str):
    """A TOML strategy built without registering it."""
    return build_strategy(read_definition(TomlDocument("test.toml", text=text)))()


LOOKUP_3 = declared("""
name = "Lookup Three"
description = "A stochastic memory-three table."
kind = "lookup"
[lookup]
memory = 3
first = ["C", 0.25, "D"]
default = 0.6
[lookup.patterns]
"CC,CC,CC" = "C"
"DD,DD,DD" = 0.1
"CD,DC,CD" = "D"
"CC,CD,DD" = 0.3
""")

MACHINE_3 = declared("""
name = "Machine Three"
description = "A stochastic state machine starting in its second state."
kind = "state_machine"
[state_machine]
initial = "wary"
[state_machine.states.trusting]
play = "C"
on_C = "trusting"
on_D = "wary"
[state_machine.states.wary]
play = 0.4
on_C = "trusting"
on_D = "hostile"
[state_machine.states.hostile]
play = "D"
on_C = "wary"
on_D = "hostile"
""")

#: Parameters and classes beyond the defaults, so that each builder's parameters are exercised.
EXTRA_PLAYERS = [
    lambda: axl.Random(0.3),
    lambda: axl.GTFT(0.2),
    lambda: axl.SoftJoss(0.7),
    lambda: axl.StochasticWSLS(0.2),
    lambda: axl.NaiveProber(0.3),
    lambda: axl.RemorsefulProber(0.3),
    lambda: axl.RemorsefulProber(1.0),
    lambda: axl.RemorsefulProber(0.0),
    lambda: axl.RandomTitForTat(0.25),
    lambda: axl.NTitsForMTats(N=2, M=3),
    lambda: axl.NTitsForMTats(N=1, M=0),
    lambda: axl.GeneralSoftGrudger(n=2, d=3, c=1),
    lambda: axl.GeneralSoftGrudger(n=0, d=2, c=2),
    lambda: axl.Detective([D, D]),
    lambda: axl.Handshake([D, D, C]),
    lambda: axl.Cycler("CDDCC"),
    lambda: axl.FirstByDavis(3),
    lambda: axl.FirstByFeld(1.0, 0.2, 30),
    lambda: axl.FirstByFeld(0.5, 0.9, 20),  # rising: keeps changing until it reaches 1
    lambda: axl.GoByMajority(memory_depth=4, soft=False),
    lambda: axl.MemoryOnePlayer((0.2, 0.4, 0.6, 0.8), D),
    lambda: axl.MemoryTwoPlayer(tuple(np.linspace(0, 1, 16)), (D, C)),
    lambda: axl.FSMPlayer(((1, C, 2, D), (1, D, 1, C), (2, C, 1, C), (2, D, 2, D)), 2, D),
    lambda: axl.LookerUp(pattern="CDDCDCCD" * 4, parameters=(1, 2, 2), initial_actions=(D,)),
    lambda: StatusQuoPower(tolerance=0),
    lambda: StatusQuoPower(tolerance=1),
    lambda: UnsocialisedNewcomer(learning_rate=1),
    lambda: Hedger(reserve=1),
    lambda: Revisionist(probe=0.3),
    lambda: Revisionist(probe=0),
    lambda: Revisionist(probe=1),
    lambda: LOOKUP_3,
    lambda: MACHINE_3,
]


def _label(player) -> str:
    return f"{player} ({type(player).__name__})"


@functools.lru_cache(maxsize=None)
def outcomes() -> dict:
    """label -> (player, machine or NotFiniteState), built once for the whole file."""
    players = [cls() for cls in all_strategy_classes()] + [make() for make in EXTRA_PLAYERS]
    result = {}
    for player in players:
        try:
            result[_label(player)] = (player, to_machine(player))
        except NotFiniteState as refusal:
            result[_label(player)] = (player, refusal)
    return result


MAPPED = [label for label, (_, built) in outcomes().items() if isinstance(built, exact.StateMachine)]


# -- Driving a player and its machine together ----------------------------------------


class ProbeRandom:
    """Stands in for a player's random generator and records what it is asked."""

    def __init__(self, seed):
        self._rng = random.Random(seed)
        self.calls = []

    def random_choice(self, p=0.5):
        self.calls.append(("choice", p))
        if p == 0:
            return D
        if p == 1:
            return C
        return C if self._rng.random() < p else D

    def random(self, *args, **kwargs):
        u = self._rng.random()
        self.calls.append(("random", u))
        return u

    def uniform(self, low, high):
        self.calls.append(("uniform", (low, high)))
        return low + (high - low) * self._rng.random()


def clip(p) -> float:
    return 0.0 if not p > 0 else min(float(p), 1.0)


def check_round(calls, intended, p, where):
    """The player's move this round agrees with the machine's P(C) = ``p``."""
    kinds = [kind for kind, _ in calls]
    if not kinds:
        assert p == (1.0 if intended == C else 0.0), f"{where}: played {intended} without a draw, machine P(C) = {p}"
    elif kinds == ["choice"]:
        assert abs(clip(calls[0][1]) - p) <= 1e-12, f"{where}: drew with P(C) = {calls[0][1]}, machine {p}"
    elif kinds == ["random"]:  # a threshold draw: C exactly when u < P(C)
        u = calls[0][1]
        assert (intended == C) == (u < p), f"{where}: u = {u} gave {intended}, machine P(C) = {p}"
    elif kinds == ["uniform", "choice"] and calls[0][1] == (3, 7):
        # First by Anonymous: C with probability r ~ U(0.3, 0.7), so P(C) = 0.5 each round.
        assert p == 0.5, f"{where}: machine P(C) = {p}"
    else:
        raise AssertionError(f"{where}: unexpected draws {calls}")


def drive(player, machine, signals, flips, attributes, seed=0):
    """Play ``player`` and ``machine`` on the same inputs; the player is reset
    and told ``attributes`` first, as ``RegimeMatch.play`` does."""
    player.reset()
    player.set_match_attributes(**attributes)
    probe = ProbeRandom(seed)
    player._random = probe
    opponent = SignalView(axl.Cooperator())  # what the player sees: the scripted signals
    state = machine.initial
    for turn, (seen, flip) in enumerate(zip(signals, flips)):
        probe.calls.clear()
        intended = player.strategy(opponent)
        check_round(probe.calls, intended, machine.cooperate[state], f"{player}, round {turn}")
        own = intended.flip() if flip else intended
        player.update_history(own, seen)
        opponent.history.append(seen, own)
        state = machine.next_state[state][own == D][seen == D]


def letters(text: str, length: int) -> list:
    return [C if letter == "C" else D for letter in (text * length)[:length]]


PATTERNS = ["C", "D", "CD", "DC", "CCD", "DDC", "CCCCCCD", "CDDCCD", "DDCDDC", "CCCCCCCCCCCCDDDDDDD", "CCDCCCD"]
ROUNDS = 64


def random_script(seed, rate, length=ROUNDS):
    rng = random.Random(seed)
    return [D if rng.random() < rate else C for _ in range(length)]


def scripts(seed, flip_rate):
    """(signals, own flips) pairs: patterns, and random signals at several defection rates."""
    rng = random.Random(seed)
    signals = [letters(pattern, ROUNDS) for pattern in PATTERNS]
    signals += [random_script(seed * 100 + i, rate) for i, rate in enumerate((0.05, 0.2, 0.4, 0.6, 0.8, 0.95))]
    return [(s, [rng.random() < flip_rate for _ in s]) for s in signals]


NOISE = 0.1


# -- Every strategy maps or is refused by name ---------------------------------------------


def test_every_strategy_maps_or_is_refused_naming_it():
    assert len(outcomes()) >= len(axl.all_strategies)
    for label, (player, built) in outcomes().items():
        if isinstance(built, NotFiniteState):
            assert str(player) in str(built) and "--engine simulate" in str(built), label
            continue
        machine = built
        assert 1 <= machine.size <= MAX_STATES, label
        assert machine.initial == 0 and len(machine.next_state) == machine.size, label
        assert all(0 <= p <= 1 for p in machine.cooperate), label
        assert all(0 <= t < machine.size for row in machine.next_state for pair in row for t in pair), label


def test_the_families_and_named_strategies_are_mapped():
    mapped = {label.rsplit(" (", 1)[1][:-1] for label in MAPPED}  # class names
    expected = {
        # families
        "GTFT", "ZDGTFT2", "ZDExtort2", "ZDMischief", "FirstByJoss", "SoftJoss", "StochasticWSLS",
        "WinShiftLoseStay", "FirmButFair", "StochasticCooperator", "AON2", "DelayedAON1",
        "Fortress3", "Fortress4", "Predator", "Pun1", "Raider", "Ripoff", "SolutionB1", "SolutionB5",
        "Thumper", "EvolvedFSM4", "EvolvedFSM16", "TF1", "TF2", "TF3", "SecondByColbert",
        "EvolvedLookerUp2_2_2", "Winner12", "PSOGambler2_2_2", "ZDMem2", "CyclerCCD", "CyclerDC",
        # named
        "Cooperator", "Defector", "Random", "TitForTat", "SuspiciousTitForTat", "Grudger",
        "TitFor2Tats", "TwoTitsForTat", "Bully", "AntiTitForTat", "Alternator", "HardTitForTat",
        "HardTitFor2Tats", "Appeaser", "WinStayLoseShift", "ALLCorALLD", "Prober", "Prober4", "Capri",
        "ContriteTitForTat", "APavlov2006", "APavlov2011", "MEM2", "FirstByNydegger", "FirstByTullock",
        "SecondByLeyvraz", "SecondByBlack", "DoubleCrosser", "GradualKiller", "SelfSteem",
        # regimelab
        "Revisionist", "MyopicState", "Spoiler", "ConcertDiplomat", "GrimGuarantor", "CautiousAlly",
    }
    assert expected <= mapped, sorted(expected - mapped)


# -- Faithfulness: the machine does what the player does ------------------------------------


@pytest.mark.parametrize("label", MAPPED)
def test_machine_plays_as_the_player(label):
    player, machine = outcomes()[label]
    player = player.clone()  # one clone, reset for each script
    attributes = {"length": -1, "game": axl.DefaultGame, "noise": 0}
    for signals, flips in scripts(seed=1, flip_rate=0):
        drive(player, machine, signals, flips, attributes)
    # Noise: the player's own history holds its realised (sometimes flipped) moves.
    try:
        noisy = to_machine(player, told_game=axl.DefaultGame, noise=NOISE)
    except NotFiniteState as refusal:
        assert "intended" in str(refusal), label  # only the strategies whose state hides an intention
    else:
        attributes = {"length": -1, "game": axl.DefaultGame, "noise": NOISE}
        for seed, (signals, flips) in enumerate(scripts(seed=2, flip_rate=0.15)[::2]):
            drive(player, noisy, signals, flips, attributes, seed=seed)
    # Another stage game G' and an infinite horizon (a shadow of the future).
    try:
        other = to_machine(player, told_game=OTHER_GAME, length=float("inf"))
    except (StrategyFailed, NotFiniteState):  # some read the game, and may not play this one
        pass
    else:
        attributes = {"length": float("inf"), "game": OTHER_GAME, "noise": 0}
        for signals, flips in scripts(seed=3, flip_rate=0)[-3:]:
            drive(player, other, signals, flips, attributes)
    # Long matches for the strategies that count rounds (turn counters saturate late).
    if machine.size > 50:
        signals = letters("C", 10) + random_script(7, 0.3, 1100)
        drive(player, machine, signals, [False] * len(signals), {"length": -1, "game": axl.DefaultGame, "noise": 0})


def test_probe_catches_a_wrong_machine():
    """The faithfulness check fails when the machine is not the player's."""
    with pytest.raises(AssertionError):
        drive(axl.TitForTat(), exact.win_stay_lose_shift(), letters("CDDC", 20), [False] * 20,
              {"length": -1, "game": axl.DefaultGame, "noise": 0})
    with pytest.raises(AssertionError):
        drive(axl.GTFT(0.2), to_machine(axl.GTFT(0.3)), letters("D", 5), [False] * 5,
              {"length": -1, "game": axl.DefaultGame, "noise": 0})


# -- What the strategy is told -------------------------------------------------------------


def test_to_machine_does_not_change_the_player():
    player = axl.ZDGTFT2()
    before = dict(player.match_attributes)
    to_machine(player, told_game=OTHER_GAME, noise=0.1, length=50)
    assert player.match_attributes == before and not player.history


def test_a_player_keeps_what_it_was_told():
    player = axl.ZDGTFT2()
    player.set_match_attributes(game=OTHER_GAME)
    assert to_machine(player) == to_machine(axl.ZDGTFT2(), told_game=OTHER_GAME)


def test_a_game_the_strategy_cannot_play_fails_naming_it():
    with pytest.raises(StrategyFailed, match="ZD-GEN-2"):
        to_machine(axl.ZDGen2(), told_game=axl.Game(r=1, s=0, t=5, p=2))


def test_length_decides_for_strategies_with_final_moves():
    tft = to_machine(axl.TitForTat())
    for cls in (axl.Alexei, Spoiler):
        assert to_machine(cls(), length=float("inf")) == to_machine(cls(), length=-1)
        assert to_machine(cls()).cooperate == tft.cooperate
        with pytest.raises(NotFiniteState, match="length it knows"):
            to_machine(cls(), length=200)
    assert to_machine(Spoiler(endgame=0), length=50).cooperate == tft.cooperate
    assert to_machine(axl.KnowledgeableWorseAndWorse(), length=float("inf")).cooperate == (1.0,)


# -- Refusals --------------------------------------------------------------------------------


class CountingTitForTat(axl.TitForTat):
    """A subclass that changes the strategy: not Tit For Tat any more."""

    name = "Counting Tit For Tat"

    def strategy(self, opponent):
        return D if len(self.history) % 7 == 6 else super().strategy(opponent)


class OverriddenMemoryOne(axl.MemoryOnePlayer):
    name = "Overridden Memory One"

    def strategy(self, opponent):
        return D if len(self.history) > 100 else super().strategy(opponent)


@pytest.mark.parametrize("make, why", [
    (axl.Darwin, ""),
    (axl.Gradual, ""),  # punishments grow with the count of defections
    (axl.WorseAndWorse2, ""),  # P(C) = 20 / round, for ever
    (axl.FirstByShubik, ""),
    (CountingTitForTat, ""),
    (lambda: OverriddenMemoryOne((1, 0, 1, 0)), ""),
    (axl.GoByMajority20, "2**20 states"),
    (axl.GoByMajority, "whole history"),
    (Hedger, "share"),
    (UnsocialisedNewcomer, "experience"),
    (StatusQuoPower, "share of defections"),
])
def test_refused_strategies_are_named(make, why):
    player = make()
    with pytest.raises(NotFiniteState) as refusal:
        to_machine(player)
    assert str(player) in str(refusal.value) and why in str(refusal.value)
    assert "--engine simulate" in str(refusal.value)
    assert not has_machine(player)


@pytest.mark.parametrize("make", [axl.Michaelos, axl.RemorsefulProber])
def test_intention_dependent_strategies_are_refused_under_noise(make):
    assert has_machine(make())
    with pytest.raises(NotFiniteState, match="intended"):
        to_machine(make(), noise=0.01)


def test_exact_strategies_lists_the_mapped_names():
    names = exact_strategies()
    for name in ("Tit For Tat", "GTFT", "Fortress3", "ZD-GTFT-2", "Grim Guarantor", "Revisionist", "Myopic State"):
        assert name in names
    for name in ("Darwin", "Gradual", "Hedger", "Status Quo Power"):
        assert name not in names
    assert has_machine(axl.TitForTat())


# -- The exact engine on mapped machines --------------------------------------------------------


@pytest.mark.parametrize("first, second", [
    (axl.Capri, axl.Fortress4),
    (axl.APavlov2011, axl.CyclerDDC),
    (axl.MEM2, axl.SoftGrudger),
    (axl.Prober, axl.TitFor2Tats),
    (axl.ContriteTitForTat, axl.SneakyTitForTat),
])
def test_exact_totals_equal_a_deterministic_match(first, second):
    regime, game = rl.Regime(turns=60), rl.Game()
    value = exact.evaluate(to_machine(first()), to_machine(second()), regime, game)
    play = RegimeMatch((first(), second()), regime, game, seed=1).play()
    payoffs = realised_payoffs(play, game, regime)
    assert value.totals == pytest.approx((total(payoffs[:, 0]), total(payoffs[:, 1])), abs=1e-9)


def test_exact_totals_match_simulation_under_signals_and_noise():
    """Stochastic machines under imperfect monitoring and noise: the exact
    expectation against the mean of 1500 simulated matches (within 5 standard errors)."""
    regime = rl.Regime(turns=20, transparency=0.7, false_alarm=0.05, noise=0.05, fine=0.5)
    game = rl.Game()
    first = next(cls for cls in all_strategy_classes() if cls.name == "Concert Diplomat")()
    second = Revisionist()
    told = dict(told_game=regime.expected_game(game), noise=regime.noise, length=regime.horizon.known_length)
    value = exact.evaluate(to_machine(first, **told), to_machine(second, **told), regime, game)
    match = RegimeMatch((first.clone(), second.clone()), regime, game, seed=3)
    totals = []
    for _ in range(1500):
        payoffs = realised_payoffs(match.play(), game, regime)
        totals.append(payoffs.sum(axis=0))
    mean = np.mean(totals, axis=0)
    error = np.std(totals, axis=0) / np.sqrt(len(totals))
    assert np.all(np.abs(mean - np.array(value.totals)) < 5 * error), (mean, value.totals, error)
