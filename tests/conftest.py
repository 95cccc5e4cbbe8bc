"""Shared test setup: a reproducible hypothesis profile and small builders."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Derandomized by default so CI is reproducible; HYPOTHESIS_PROFILE=explore searches wider.
settings.register_profile(
    "ci", derandomize=True, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", max_examples=5_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
