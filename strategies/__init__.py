"""Strategies of state actors (regimelab.strategies).

Python strategies are modules here; declarative strategies are the TOML files
beside them. Both are registered by :mod:`regimelab.shipped_strategies`.
"""
