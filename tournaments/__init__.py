"""Scenario presets (regimelab.presets): one TOML spec per file."""
