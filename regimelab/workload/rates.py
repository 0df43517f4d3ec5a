"""The rates that turn an estimate's work into seconds and bytes.

Each was measured on the development machine with
``benchmarks/bench_workload.py`` and then taken on the slow side
(``docs/performance.md``, "The size guards"); the estimates of
:mod:`regimelab.workload` multiply the work they count by these.
"""

#: Seconds per simulated round (both moves, the engine's work and a typical strategy's), by
#: monitoring: perfect, or signals (each round also records what each player is shown).
ROUND_SECONDS = {"perfect": 1 / 100_000, "signalled": 1 / 90_000}
#: Extra seconds per move of a strategy that axelrod classifies ``long_run_time`` (DBS, the only one: its move's
#: cost grows with the match, to 453 us at 5,000 turns against Random; 52 us at 200).
SLOW_MOVE_SECONDS = 1 / 1_000
#: Extra seconds per move per member of a meta strategy's team (axelrod's ``Meta*``: each move asks every member;
#: 6 to 10 us measured, the teams built without reading source files: regimelab.faster_axelrod).
TEAM_MOVE_SECONDS = 1 / 50_000
#: Vectorised engine: seconds per round of one repetition (a row of the arrays; the draws included),
#: and per step of a batch of rows (one round of all of them: the numpy calls' own cost).
VECTOR_ROUND_SECONDS = 2e-7
VECTOR_STEP_SECONDS = 6e-5
#: Seconds per match played (reset, seeding, scoring) and per pairing (clones, its rows in the tables).
MATCH_SECONDS = 2e-4
PAIRING_SECONDS = 6e-4
#: Bytes per round of the match in flight: the players' histories (and, with signals, what each is shown).
HISTORY_BYTES = {"perfect": 55, "signalled": 100}
#: Bytes kept per record (one per player per match) and per pairing, until the tables are built.
RECORD_BYTES = 550
PAIRING_BYTES = 1_100

#: Society: seconds per edge per period, by monitoring (as :data:`ROUND_SECONDS`).
SOCIETY_ROUND_SECONDS = {"perfect": 1 / 80_000, "signalled": 1 / 60_000}
#: Seconds to make one strategy instance (two per edge per repetition), and its bytes.
INSTANCE_SECONDS = 3e-4
INSTANCE_BYTES = 6_000
#: Bytes per edge per period of the histories (and, with signals, of what each instance is shown).
SOCIETY_HISTORY_BYTES = {"perfect": 45, "signalled": 90}
#: Bytes kept per period of each repetition (cooperation by kind of edge, exclusions in force).
PERIOD_BYTES = 200

#: Exact engine: seconds per pairing whatever its size, and per joint state to build its chain.
EXACT_PAIR_SECONDS = 1e-3
EXACT_STATE_SECONDS = 6e-6
#: Seconds per round of the round-by-round sum (sparse chains, or short matches), and per non-zero entry.
EXACT_STEP_SECONDS = 1.5e-5
NONZERO_SECONDS = 2e-9
#: Seconds per floating-point operation of dense linear algebra (matrix products, solves).
FLOP_SECONDS = 1e-9
#: A sparse solve of a chain of S joint states takes about this times S**1.5 seconds (LU fill-in).
SPARSE_SOLVE_SECONDS = 1e-7
#: Under a shadow (regimelab.exact_solve): seconds per step of a quasi-triangular substitution (all shifts at
#: once), and per level of a sparse chain's sweep over its classes.
SUBSTITUTION_STEP_SECONDS = 1e-5
SWEEP_LEVEL_SECONDS = 2e-4
#: Bytes per joint state while a chain is built and kept (its outcomes, keys, transitions), and per
#: S**1.5 of a sparse solve's factors.
EXACT_STATE_BYTES = 2_500
SPARSE_SOLVE_BYTES = 40

#: Evolution: seconds and bytes per number of the replicator path kept and written (lists, JSON, tables).
PATH_NUMBER_SECONDS = 2e-6
PATH_NUMBER_BYTES = 120
#: Seconds per state of the Moran chain per pair, and per state and integration node where match
#: lengths are random (:mod:`regimelab.evolution.births`).
MORAN_STATE_SECONDS = 5e-7
MORAN_NODE_SECONDS = 5e-8
