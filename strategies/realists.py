"""States that read only the payoffs: two of Lipson's obstacles to security regimes.

"If states view politics as a zero-sum struggle ... if they fail to recognize
their policy choices are interdependent ... then the prospects for security
regimes will be poor indeed" [Lipson1995]_. Both strategies read the stage game
they are told, which under a regime is the expected stage game G'
(docs/model.md §4), so a regime reaches them only through its payoffs.
"""

from axelrod.action import Action
from axelrod.player import Player

C, D = Action.C, Action.D

#: Payoffs that differ by floating-point rounding only count as equal, so that
#: a regime set exactly at its threshold (say F = F*) gives the threshold's answer.
ROUNDING = 1e-9


class ZeroSumRealist(Player):
    """A zero-sum realist: it maximises its score relative to its opponent's, not its own score.

    It keeps the running difference between its payoff and its opponent's in
    the stage game it is told (G' under a regime), scoring what it did against
    what it saw. Relative to its opponent, cheating a complier gains T - S and
    being cheated loses as much; mutual compliance and mutual defection leave
    the difference unchanged. So it

    - complies whenever T < S: the regime makes cheating a relative loss (the
      cheater pays more, or the victim is compensated more, than cheating
      gains);
    - otherwise complies only while it can afford to be cheated: while its
      lead exceeds T - S, so that it would still be strictly ahead after being
      cheated this round; and defects otherwise, in particular at the start.

    This is the relative-gains obstacle: a state that views politics "as a
    zero-sum struggle" [Lipson1995]_ cannot be brought to comply by mutual
    gains, only by a regime that makes cheating cost the cheater more than it
    costs the victim. With detection p, false alarms a, fine F, compensation
    k, enforcement cost s and transaction cost c, that is
    (p - a)(F(1 + k) - s) > T - S + c: unlike the threshold F* of the myopic
    state, compensation matters.

    Names:

    - Zero-Sum Realist: regimelab, after [Lipson1995]_ (Conclusions: The
      Possibilities of Security Regimes)
    """

    name = "Zero-Sum Realist"
    citation = "Lipson1995, Conclusions: The Possibilities of Security Regimes"
    classifier = {
        "memory_depth": float("inf"),  # the running score difference
        "stochastic": False,
        "makes_use_of": {"game"},
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    def strategy(self, opponent: Player) -> Action:
        """Comply if T < S in the game told; else comply only while its lead exceeds T - S.

        The lead is counted from its own history: (rounds it defected on a seen
        complier, less rounds it complied and saw a defection) times T - S.
        """
        R, P, S, T = self.match_attributes["game"].RPST()
        relative_gain = T - S  # of cheating a complier; being cheated loses as much
        if relative_gain < -ROUNDING:
            return C
        # (own, seen) pairs: only DC and CD move the difference.
        rounds = self.history.state_distribution
        lead = (rounds[(D, C)] - rounds[(C, D)]) * relative_gain
        return C if lead - relative_gain > ROUNDING else D


class MyopicState(Player):
    """A myopic state: it ignores history and plays the best reply to compliance in the stage game it is told.

    It complies exactly when complying is a best reply to the other side's
    compliance in the stage game it is told, R >= T (which includes the case
    where complying is dominant), and defects otherwise. It never looks at
    what either side did. In a plain Prisoner's Dilemma it always defects;
    under a regime it complies once the regime's payoffs make compliance a
    best reply in G' (for fines: F >= F*, docs/model.md §5).

    Such a state has failed "to recognize their policy choices are
    interdependent" [Lipson1995]_: no shadow of the future and no
    reciprocity reach it, only a regime that changes the payoffs themselves,
    "transforming the original PD payoffs (which encourage defection)"
    [Lipson1995]_.

    Names:

    - Myopic State: regimelab, after [Lipson1995]_ (Conclusions: The
      Possibilities of Security Regimes; The Study of Regimes)
    """

    name = "Myopic State"
    citation = "Lipson1995, Conclusions: The Possibilities of Security Regimes; Lipson1995, The Study of Regimes"
    classifier = {
        "memory_depth": 0,
        "stochastic": False,
        "makes_use_of": {"game"},
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    def strategy(self, opponent: Player) -> Action:
        """Comply iff R >= T in the stage game it is told (within ``ROUNDING``)."""
        R, P, S, T = self.match_attributes["game"].RPST()
        return C if R >= T - ROUNDING else D
