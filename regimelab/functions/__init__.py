"""Lipson's regime functions, one module each, behind :class:`RegimeFunction`."""

from .base import RegimeFunction
from .horizon import DEFAULT_TURNS, Horizon
from .monitoring import Monitoring
from .noise import Noise
from .sanctions import Sanctions
from .transaction_costs import TransactionCost

__all__ = [
    "DEFAULT_TURNS",
    "Horizon",
    "Monitoring",
    "Noise",
    "RegimeFunction",
    "Sanctions",
    "TransactionCost",
]
