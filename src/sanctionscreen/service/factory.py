"""The service built in each uvicorn worker process from the options ``serve`` was given.

With ``--workers`` above 1 uvicorn starts the processes itself and needs an import
path; the options travel in ``$SANCTIONSCREEN_SERVE`` (JSON), and each worker loads the
lists (their saved index) and opens the store on its own.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import TYPE_CHECKING, Any

from .. import cli, review, service
from .commands import SPEC_ENV

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["from_environment"]


def from_environment() -> FastAPI:
    """Build the service from ``$SANCTIONSCREEN_SERVE`` (uvicorn's factory, per worker)."""
    spec: dict[str, Any] = json.loads(os.environ[SPEC_ENV])
    args = argparse.Namespace(**spec, no_progress=True, allowlist=None)
    return service.create_app(
        cli.build_screener(args),
        rebuild=lambda: cli.build_screener(args),
        store=review.ReviewStore(args.store) if args.store else None,
        max_batch=args.max_batch,
    )
