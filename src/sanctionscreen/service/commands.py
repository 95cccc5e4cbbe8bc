"""The ``sanctionscreen serve`` command: the service under uvicorn, on the chosen lists."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .. import service
from ..screener import Screener

__all__ = ["add_serve_command"]


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
    serve.set_defaults(run=lambda args: _serve(args, build_screener))


def _serve(
    args: argparse.Namespace, build_screener: Callable[[argparse.Namespace], Screener]
) -> int:
    try:
        import uvicorn
    except ImportError as exc:
        raise ImportError("serve needs uvicorn: pip install 'sanctionscreen[server]'") from exc
    screener = build_screener(args)  # lists loaded and indexed before the port opens
    app = service.create_app(screener, max_batch=args.max_batch)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
