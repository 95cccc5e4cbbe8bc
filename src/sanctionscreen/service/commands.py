"""The ``sanctionscreen serve`` command: the service under uvicorn, on the chosen lists."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from typing import Any

from .. import review, service
from ..screener import Screener

__all__ = ["OPTIONS", "SPEC_ENV", "add_serve_command"]


def add_serve_command(
    commands: Any,
    add_list_options: Callable[[argparse.ArgumentParser], None],
    build_screener: Callable[[argparse.Namespace], Screener],
) -> None:
    """Add ``serve``; the list options and the screener are the command line's own."""
    serve = commands.add_parser(
        "serve",
        help="run the screening service: a yente-compatible match API and /screen",
        description="Serve POST /match/{dataset} (yente's protocol), POST /screen, "
        "GET /healthz, /readyz and /lists, and the OpenAPI description at /openapi.json, "
        "on the lists given with --list (else the cached lists, else the sample).",
    )
    add_list_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--max-batch", type=int, default=100, help="queries or shipments in one request"
    )
    serve.add_argument("--store", help="record what /screen screens in this review store")
    serve.add_argument("--workers", type=int, default=1, help="processes to serve with")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.set_defaults(run=lambda args: _serve(args, build_screener))


Build = Callable[[argparse.Namespace], Screener]

# The options a worker process needs, and where they travel (read by .factory, which
# uvicorn imports by name in each worker).
SPEC_ENV = "SANCTIONSCREEN_SERVE"
OPTIONS = ("lists", "published", "cache_dir", "store", "max_batch")


def _serve(args: argparse.Namespace, build_screener: Build) -> int:
    try:
        import uvicorn
    except ImportError as exc:
        raise ImportError("serve needs uvicorn: pip install 'sanctionscreen[server]'") from exc
    if args.workers > 1:  # uvicorn starts the workers; each builds the service itself
        os.environ[SPEC_ENV] = json.dumps({k: getattr(args, k) for k in OPTIONS})
        target = "sanctionscreen.service.factory:from_environment"
        uvicorn.run(
            target,
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            access_log=args.access_log,
        )
        return 0
    app = service.create_app(
        build_screener(args),  # the lists loaded and indexed before the port opens
        rebuild=lambda: build_screener(args),
        store=review.ReviewStore(args.store) if args.store else None,
        max_batch=args.max_batch,
    )
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.access_log)
    return 0
