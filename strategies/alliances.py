"""Partners that commit only in part: alliances with an exit kept open."""

from axelrod.action import Action
from axelrod.player import Player

C, D = Action.C, Action.D


class Hedger(Player):
    """A hedger: complies about as often as its partner is seen complying, and never fully commits.

    Each round it complies with probability equal to the share of its
    partner's moves signalled as compliance so far, capped at ``1 - reserve``
    (on the first move, ``1 - reserve`` itself). So it follows a partner's
    record without answering any single move, and even with a perfectly
    compliant partner it keeps defecting now and then: the reserve is its
    independence, the option to walk away.

    Istomin notes that Moscow "did not conclude a bilateral alliance with
    Syria in order to preserve the ability to withdraw support at any time"
    [Istomin2021]_, and that Uzbekistan was "an inconsistent partner" because
    of "its desire to diversify relations" [Istomin2021]_. A quasi-alliance is
    chosen by states that want "a limited security cooperation and meanwhile
    keep a certain degree of independent action" [Sun2007]_.

    Names:

    - Hedger: regimelab, after [Istomin2021]_ and [Sun2007]_ (Abstract)
    """

    name = "Hedger"
    citation = 'Istomin2021, "an inconsistent partner"; Sun2007, Abstract'
    classifier = {
        "memory_depth": float("inf"),  # the partner's whole record
        "stochastic": True,
        "makes_use_of": set(),
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
    }

    #: The default ``reserve``.
    RESERVE = 0.1

    def __init__(self, reserve: float | None = None) -> None:
        """
        Parameters
        ----------
        reserve: float
            The share of rounds it keeps out of any commitment (None: ``RESERVE``).
        """
        super().__init__()
        self.reserve = self.RESERVE if reserve is None else reserve
        if not 0 <= self.reserve <= 1:
            raise ValueError(f"reserve must be between 0 and 1, got {self.reserve}")

    def strategy(self, opponent: Player) -> Action:
        """Comply with probability min(share of the partner's moves seen complying (1 at first), 1 - ``reserve``)."""
        seen_compliance = opponent.cooperations / len(opponent.history) if opponent.history else 1.0
        p = min(seen_compliance, 1 - self.reserve)
        if p <= 0 or p >= 1:  # no draw needed
            return C if p >= 1 else D
        return self._random.random_choice(p)
