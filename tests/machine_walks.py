"""Walking a deterministic machine through a script of the opponent's signals (the machines' unit tests)."""


def plays(machine, seen: str) -> str:
    """The moves a deterministic machine intends against the signals ``seen`` ("CDC..."), its own moves realised
    as intended; "?" for a state that draws."""
    state, moves = machine.initial, ""
    for letter in seen:
        p = machine.cooperate[state]
        moves += "C" if p == 1 else "D" if p == 0 else "?"
        state = machine.next_state[state][0 if p == 1 else 1][letter == "D"]
    return moves


def form(machine) -> tuple:
    """A machine without its name: what it does."""
    return machine.cooperate, machine.next_state, machine.initial
