"""Great powers of a concert: one that keeps the status quo, one that tests it.

Lipson's Concert of Europe rested on "the fundamentally status quo goals of all
the major powers except France" [Lipson1995]_. These two strategies are the two
sides of that sentence.
"""

from axelrod.action import Action
from axelrod.player import Player

C, D = Action.C, Action.D


class StatusQuoPower(Player):
    """A status-quo great power: complies, and punishes defection only once it is a pattern.

    It complies on the first move and after every signalled compliance. After
    a signalled defection it retaliates only if the opponent's share of
    signalled defections over the whole relationship exceeds ``tolerance``:
    an isolated lapse (or a false alarm under imperfect monitoring) is let
    pass, a pattern is punished, and punishment ends as soon as the opponent
    is seen complying again. It never defects first.

    Jervis, as Lipson reports him, reads the Concert of Europe as a regime
    because its members made "policy choices with an eye toward long-term
    benefits rather than short-term advantages", in an order where
    "reciprocity and self-restraint could flourish because they were
    profitable, now and into the future" [Lipson1995]_. Judging a partner by
    its long record rather than its last move is that self-restraint;
    answering a pattern of defection is the reciprocity. Lipson adds that
    noncompliance can be observed while "the reasons for that behavior are
    murky" [Lipson1995]_, which is why one signal is not enough.

    Names:

    - Status Quo Power: regimelab, after Jervis in [Lipson1995]_ (The Concert
      of Europe; The Study of Regimes)
    """

    name = "Status Quo Power"
    citation = "Lipson1995, The Concert of Europe; Lipson1995, The Study of Regimes"
    classifier = {
        "memory_depth": float("inf"),  # the whole record of signals
        "stochastic": False,
        "makes_use_of": set(),
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    #: The default ``tolerance``.
    TOLERANCE = 0.1

    def __init__(self, tolerance: float | None = None) -> None:
        """
        Parameters
        ----------
        tolerance: float
            The largest share of signalled defections it lets pass unpunished
            (None: ``TOLERANCE``; None keeps the default out of the player's name).
        """
        super().__init__()
        self.tolerance = self.TOLERANCE if tolerance is None else tolerance
        if not 0 <= self.tolerance <= 1:
            raise ValueError(f"tolerance must be between 0 and 1, got {self.tolerance}")

    def strategy(self, opponent: Player) -> Action:
        """Comply, unless the last signal was a defection and the share of signalled ones exceeds ``tolerance``."""
        if not opponent.history or opponent.history[-1] == C:
            return C
        defection_share = opponent.defections / len(opponent.history)
        return D if defection_share > self.tolerance else C


class Revisionist(Player):
    """A revisionist power: probes with occasional defections and keeps cheating while it goes unpunished.

    It starts by complying. While both sides comply it probes: it defects with
    probability ``probe`` each round. Once it has defected it goes on
    defecting for as long as the opponent does not answer; a defection
    answered by a signalled defection one round later means it was caught, and
    it returns to compliance, accepting the punishment for its own defections
    without answering it. A defection that answers none of its own it does
    answer, with a defection.

    What it sees of its opponent are signals, so under low transparency its
    defections go unseen, are not punished, and it settles into cheating a
    partner that keeps complying. Lipson: "Greater transparency does not make
    betrayal impossible, but it lowers the gains from cheating and deception"
    [Lipson1995]_; among the obstacles to regimes are states that "actually
    desire wars of expansion" and are "unwilling to reassure other states by
    permitting adequate verification" [Lipson1995]_. In the Concert, France
    was the power that did not share the status quo goals [Lipson1995]_.

    Names:

    - Revisionist: regimelab, after [Lipson1995]_ (The Study of Regimes;
      Conclusions: The Possibilities of Security Regimes)
    """

    name = "Revisionist"
    citation = "Lipson1995, The Study of Regimes; Lipson1995, Conclusions: The Possibilities of Security Regimes"
    classifier = {
        "memory_depth": 2,  # its last two moves and the opponent's last signal
        "stochastic": True,
        "makes_use_of": set(),
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    #: The default ``probe``.
    PROBE = 0.1

    def __init__(self, probe: float | None = None) -> None:
        """
        Parameters
        ----------
        probe: float
            The probability of a probing defection in a round of mutual
            compliance (None: ``PROBE``).
        """
        super().__init__()
        self.probe = self.PROBE if probe is None else probe
        if not 0 <= self.probe <= 1:
            raise ValueError(f"probe must be between 0 and 1, got {self.probe}")
        self.classifier["stochastic"] = 0 < self.probe < 1

    def strategy(self, opponent: Player) -> Action:
        """Comply first; probe in mutual compliance, keep cheating while unanswered, stop once caught.

        After a signalled defection it complies if that answers its own defection
        of the round before (caught), and defects otherwise; after its own
        unanswered defection it defects again; otherwise it defects with
        probability ``probe``.
        """
        if not self.history:
            return C
        if opponent.history[-1] == D:
            # An opponent's move answers ours of the round before.
            caught = len(self.history) >= 2 and self.history[-2] == D
            return C if caught else D
        if self.history[-1] == D:
            return D  # not (yet) answered: the defection went unseen or was tolerated
        if self.probe <= 0 or self.probe >= 1:  # no draw: unseeded when deterministic
            return D if self.probe >= 1 else C
        return self._random.random_choice(1 - self.probe)
