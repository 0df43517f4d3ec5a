"""Random machines and regimes, and the exact engine's first version (plain loops over the full product
chain): the independent computations the exact engine's tests check it against.
"""

import numpy as np

import regimelab as rl
from regimelab import exact

GAME = rl.Game()


def random_machine(rng, size, deterministic=False):
    if deterministic:
        cooperate = tuple(float(x) for x in rng.integers(0, 2, size))
    else:
        cooperate = tuple(float(x) for x in rng.choice([0.0, 1.0, rng.random()], size))
    next_state = tuple(
        tuple(tuple(int(rng.integers(size)) for _ in (0, 1)) for _ in (0, 1)) for _ in range(size)
    )
    return exact.StateMachine(f"random{size}", cooperate, next_state, int(rng.integers(size)))


def random_regime(rng, shadow):
    values = dict(
        transparency=float(rng.choice([1.0, rng.random()])),
        false_alarm=float(rng.choice([0.0, 0.2 * rng.random()])),
        noise=float(rng.choice([0.0, 0.1 * rng.random()])),
        fine=float(rng.choice([0.0, 3 * rng.random()])),
        compensation=float(rng.random()),
        enforcement_cost=float(rng.choice([0.0, rng.random()])),
        transaction_cost=float(rng.choice([0.0, rng.random()])),
    )
    if shadow:
        values["shadow"] = float(rng.uniform(0.1, 0.98))
    else:
        values["turns"] = int(rng.integers(1, 80))
    return rl.Regime(**values)


def dense_full_chain(first, second, regime):
    """The product chain over all n1*n2 states, by plain loops (the engine's first version)."""
    n1, n2 = first.size, second.size
    size = n1 * n2
    transition = np.zeros((size, size))
    rewards = np.zeros((size, 2))
    base = GAME.matrix()
    e = regime.noise
    signal_d = regime.monitoring.signal_d()
    for x in range(n1):
        for y in range(n2):
            s = x * n2 + y
            c1 = first.cooperate[x] * (1 - e) + (1 - first.cooperate[x]) * e
            c2 = second.cooperate[y] * (1 - e) + (1 - second.cooperate[y]) * e
            for a1, p1 in ((0, c1), (1, 1 - c1)):
                for a2, p2 in ((0, c2), (1, 1 - c2)):
                    for g1 in (0, 1):
                        for g2 in (0, 1):
                            q1 = signal_d[a1] if g1 else 1 - signal_d[a1]
                            q2 = signal_d[a2] if g2 else 1 - signal_d[a2]
                            p = p1 * p2 * q1 * q2
                            u1 = (base[a1, a2] - regime.transaction_cost * (a1 == 0) - regime.fine * g1
                                  + regime.sanctions.partner_transfer * g2)
                            rewards[s, 0] += p * u1
                            transition[s, first.next_state[x][a1][g2] * n2 + second.next_state[y][a2][g1]] += p
    initial = np.zeros(size)
    initial[first.initial * n2 + second.initial] = 1
    return transition, rewards, initial
