"""The ``sanctionscreen serve`` command: the service under uvicorn, on the chosen lists."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import review, service
from ..screener import Screener
from .collector import settle
from .serving import Announcements
from .workers import REPLACEMENT_ENV, port_taken, run_workers

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["OPTIONS", "SPEC_ENV", "TARGET", "add_serve_command", "service_app"]


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
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="processes to serve with, each with its own lists and socket on the port",
    )
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.set_defaults(run=lambda args: _serve(args, build_screener))


Build = Callable[[argparse.Namespace], Screener]


def _positive(text: str) -> int:
    number = int(text) if text.strip().isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number


# The options a worker process needs, and where they travel (read by .factory, which
# uvicorn imports by name in each worker).
SPEC_ENV = "SANCTIONSCREEN_SERVE"
OPTIONS = ("lists", "published", "cache_dir", "store", "max_batch")
TARGET = "sanctionscreen.service.factory:from_environment"


def service_app(args: argparse.Namespace, build_screener: Build, announce: str | None) -> FastAPI:
    """Build the service this process serves: the lists the options name, indexed.

    The process is the service's own, so the garbage collector is settled for serving
    (:mod:`.collector`), and a reload freezes the new lists too. ``announce`` is the
    file through which the processes of one service tell each other of a reload.
    """
    # Made before the lists are read, so a reload announced meanwhile is still followed.
    announcements = Announcements(Path(announce)) if announce else None
    app = service.create_app(
        build_screener(args),  # the lists loaded and indexed before the port opens
        rebuild=lambda: build_screener(args),
        store=review.ReviewStore(args.store) if args.store else None,
        max_batch=args.max_batch,
        announcements=announcements,
        freeze=True,
    )
    if announcements is not None and os.environ.get(REPLACEMENT_ENV):
        announcements.announce()  # started in place of a process that died: all reload
    settle()
    return app


def _serve(args: argparse.Namespace, build_screener: Build) -> int:
    try:
        import uvicorn
    except ImportError as exc:
        raise ImportError("serve needs uvicorn: pip install 'sanctionscreen[server]'") from exc
    if args.workers > 1:  # each process builds the service itself, from these options
        with tempfile.TemporaryDirectory(prefix="sanctionscreen-serve-") as shared:
            spec = {k: getattr(args, k) for k in OPTIONS}
            os.environ[SPEC_ENV] = json.dumps({**spec, "announce": f"{shared}/reload"})
            return run_workers(TARGET, args.host, args.port, args.workers, args.access_log)
    taken = port_taken(args.host, args.port)  # before the lists take their time to load
    if taken is not None:
        print(f"sanctionscreen serve: {taken}", file=sys.stderr)
        return 1
    app = service_app(args, build_screener, None)
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.access_log)
    return 0
