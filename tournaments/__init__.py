"""TournamentScenario presets (regimelab.builtin_scenarios): one TOML spec per file."""
