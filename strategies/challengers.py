"""Challengers of an established order: a newcomer to its norms, and a spoiler.

Both comply less than the order needs, for reasons a regime can reach: the
newcomer because it has not learned the order's norms yet, the spoiler because
it expects the other side's will to run out before its own.
"""

import math

from axelrod.action import Action
from axelrod.player import Player

C, D = Action.C, Action.D


class UnsocialisedNewcomer(Player):
    """An unsocialised newcomer: tests the other side with a defection, then learns to reciprocate slowly.

    It defects on the first move, to test the other side. Afterwards it
    answers a signalled defection with a defection, and a signalled compliance
    with compliance only with probability ``trust``. Its experience grows by
    one each time it sees the other side comply and is halved (rounded down)
    each time it sees a defection; ``trust = min(1, experience * learning_rate)``. Against
    a partner that forgives its test and keeps complying it becomes, after
    ``1 / learning_rate`` compliances, a reliable reciprocator; against one
    that punishes the test for ever it never learns.

    Jervis, as Lipson reports him, explains the collapse of the Concert of
    Europe: "memories of the destructive Napoleonic Wars slowly faded and new,
    unsocialized leaders came to power in the wake of the 1848 revolutions"
    [Lipson1995]_.

    Names:

    - Unsocialised Newcomer: regimelab, after Jervis in [Lipson1995]_ (The
      Concert of Europe)
    """

    name = "Unsocialised Newcomer"
    citation = "Lipson1995, The Concert of Europe"
    classifier = {
        "memory_depth": float("inf"),  # experience accumulates over the match
        "stochastic": True,
        "makes_use_of": set(),
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    #: The default ``learning_rate``.
    LEARNING_RATE = 0.1

    def __init__(self, learning_rate: float | None = None) -> None:
        """
        Parameters
        ----------
        learning_rate: float
            How much trust each observed compliance adds (None: ``LEARNING_RATE``).
        """
        super().__init__()
        self.learning_rate = self.LEARNING_RATE if learning_rate is None else learning_rate
        if not 0 < self.learning_rate <= 1:
            raise ValueError(f"learning_rate must be above 0 and at most 1, got {self.learning_rate}")
        self.experience = 0  # an integer, so that trust reaches 1 exactly

    def strategy(self, opponent: Player) -> Action:
        """Defect first; then defect after a signalled defection, else comply with probability ``trust``.

        A signalled defection halves ``experience``; a signalled compliance adds one
        to it before ``trust`` is computed.
        """
        if not self.history:
            return D  # the test
        if opponent.history[-1] == D:
            self.experience //= 2
            return D
        self.experience += 1
        trust = self.experience * self.learning_rate
        return C if trust >= 1 else self._random.random_choice(trust)


class Spoiler(Player):
    """A spoiler: reciprocates while the end is far, and defects once the other side's known horizon is near.

    It plays Tit For Tat (complies first, then repeats the opponent's last
    signal), except in the last ``endgame`` share of a match whose length it
    knows (at least the last round whenever ``endgame`` > 0), where it defects
    whatever the other side does: the other side is about to leave and can no
    longer punish. When the length is not known (a regime with a shadow of the
    future tells strategies that it is infinite) it never reaches an endgame
    and stays a reciprocator: an uncertain end disarms it.

    In peacekeeping, attacks continued "as their perpetrators hoped to
    convince the American public that it was high time to withdraw", and
    "spoilers today have plenty of reason to believe that credible
    alternatives to internationally mandated solutions exist, if they just
    hold on long enough" [Marten2004]_, because intervening states "do not
    have the will to ensure that major occupations last indefinitely"
    [Marten2004]_. Lipson's shadow of the future is the remedy: "Such
    iteration often creates powerful incentives for states to keep their
    bargains" [Lipson1995]_.

    Names:

    - Spoiler: regimelab, after [Marten2004]_ (Why Germany and Japan Don't
      Work as Models)
    """

    name = "Spoiler"
    citation = "Marten2004, Why Germany and Japan Don't Work as Models"
    classifier = {
        "memory_depth": float("inf"),  # counts the rounds played
        "stochastic": False,
        "makes_use_of": {"length"},
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    #: The default ``endgame``.
    ENDGAME = 0.1

    def __init__(self, endgame: float | None = None) -> None:
        """
        Parameters
        ----------
        endgame: float
            The share of a known match length, at its end, in which it defects
            (None: ``ENDGAME``).
        """
        super().__init__()
        self.endgame = self.ENDGAME if endgame is None else endgame
        if not 0 <= self.endgame <= 1:
            raise ValueError(f"endgame must be between 0 and 1, got {self.endgame}")

    def strategy(self, opponent: Player) -> Action:
        """Defect in the endgame of a known length; otherwise Tit For Tat on the opponent's signals."""
        length = self.match_attributes["length"]
        if 0 < length < math.inf:  # axelrod says -1 when it is not told
            # round(): 0.1 * 30 is 3.0000000000000004, whose ceiling is 4
            endgame_rounds = math.ceil(round(self.endgame * length, 9))
            if length - len(self.history) <= endgame_rounds:
                return D
        if not opponent.history:
            return C
        return opponent.history[-1]
