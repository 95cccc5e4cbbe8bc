"""The service built in each worker process from the options ``serve`` was given.

With ``--workers`` above 1 each process builds its own service (uvicorn imports
:func:`from_environment` by name): the options travel in ``$SANCTIONSCREEN_SERVE``
(JSON), and each process loads the lists (their saved index) and opens the store itself.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

from .. import cli
from .commands import SPEC_ENV, service_app

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["from_environment"]


def from_environment() -> FastAPI:
    """Build the service from ``$SANCTIONSCREEN_SERVE`` (uvicorn's factory, per process)."""
    spec: dict[str, Any] = json.loads(os.environ[SPEC_ENV])
    announce = spec.pop("announce", None)
    args = argparse.Namespace(**spec, no_progress=True, allowlist=None)
    return service_app(args, cli.build_screener, announce)
