"""The ``sanctionscreen`` command line.

Exit codes: 0 when all went well (and, for screening, nothing was flagged), 1 when
something was flagged or a list could not be updated, 2 on a usage or data error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import SanctionScreenError
from .lists import FORMATS
from .lists.update import cached_lists, default_cache_dir, list_sources, update_lists

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except SanctionScreenError as exc:
        print(f"sanctionscreen: error: {exc}", file=sys.stderr)
        return 2
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sanctionscreen",
        description="Screen trade shipments for sanctions and export-control risk.",
    )
    parser.add_argument("--version", action="version", version=f"sanctionscreen {__version__}")
    commands = parser.add_subparsers(title="commands")

    lists = commands.add_parser("lists", help="download and inspect sanctions lists")
    list_commands = lists.add_subparsers(title="list commands")

    update = list_commands.add_parser(
        "update", help="download the current official lists into the cache"
    )
    update.add_argument(
        "names",
        nargs="*",
        help=f"lists to update (default: all default lists); known: {', '.join(list_sources())}",
    )
    update.add_argument("--cache-dir", help=f"cache folder (default: {default_cache_dir()})")
    update.add_argument(
        "--mirror", help="fetch {MIRROR}/{list}/{file} instead of the official URLs"
    )
    update.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    update.set_defaults(run=_lists_update)

    show = list_commands.add_parser("show", help="show the cached lists and their dates")
    show.add_argument("--cache-dir", help=f"cache folder (default: {default_cache_dir()})")
    show.set_defaults(run=_lists_show)

    formats = list_commands.add_parser("formats", help="list the file formats load_list reads")
    formats.set_defaults(run=_lists_formats)
    return parser


def _lists_update(args: argparse.Namespace) -> int:
    results = update_lists(
        args.names or None, cache_dir=args.cache_dir, mirror=args.mirror, timeout=args.timeout
    )
    for result in results:
        counts = "" if result.entries is None else f" {result.entries} entries"
        if result.previous_entries is not None and result.entries != result.previous_entries:
            counts += f" (was {result.previous_entries})"
        reason = f": {result.reason}" if result.reason else ""
        print(f"{result.source:<14} {result.status:<9}{counts}{reason}")
    return 0 if all(result.ok for result in results) else 1


def _lists_show(args: argparse.Namespace) -> int:
    cached = cached_lists(args.cache_dir)
    if not cached:
        print(f"no lists cached in {args.cache_dir or default_cache_dir()}")
        return 0
    for item in cached:
        print(
            f"{item.source:<14} {item.entries:>7} entries  retrieved {item.retrieved}  "
            f"checked {item.checked}  {item.list_version}"
        )
        for file in item.files:
            print(f"    {file['name']:<22} {file['size']:>11,} bytes  sha256 {file['sha256'][:16]}")
    return 0


def _lists_formats(args: argparse.Namespace) -> int:
    for name, description in FORMATS.items():
        print(f"{name:<22} {description}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
