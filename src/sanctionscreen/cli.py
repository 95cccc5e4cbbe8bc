"""The ``sanctionscreen`` command line.

Its exit codes (:data:`EXIT_CODES`, from :mod:`sanctionscreen.exit_codes`) each answer
one question: 0 nothing flagged, 1 something flagged, 2 a usage error or an unreadable
file, and 4 added when some rows of a screened file could not be read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from . import __version__, review
from .batch import FILE_FORMATS, BatchReport, ColumnMap
from .errors import (
    DataError,
    ListUpdateError,
    ListUpdateWarning,
    SanctionScreenError,
    ValidationError,
)
from .exit_codes import (
    EXIT_BAD_ROWS,
    EXIT_CODES,
    EXIT_FLAGGED,
    EXIT_OK,
    EXIT_TABLE,
    EXIT_USAGE,
)
from .lists import FORMATS, SanctionsList, load_list
from .lists.history import cached_versions
from .lists.update import (
    cached_list,
    cached_lists,
    default_cache_dir,
    list_sources,
    update_lists,
)
from .matching.listed import worth_saving
from .matching.matcher import Matcher
from .matching.saved import MIN_SAVED_NAMES, default_index_dir
from .models import Entity
from .results import Severity
from .review.commands import add_review_commands
from .screener import Screener
from .service.commands import add_serve_command

__all__ = ["EXIT_CODES", "build_screener", "exit_code", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.run(args)
    except SanctionScreenError as exc:
        print(f"sanctionscreen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sanctionscreen",
        description="Screen trade shipments for sanctions and export-control risk.",
        epilog=EXIT_TABLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sanctionscreen {__version__}")
    commands = parser.add_subparsers(title="commands")

    _add_lists_commands(commands)
    add_review_commands(commands)
    add_serve_command(commands, _add_list_options, build_screener)

    screen = commands.add_parser(
        "screen",
        help="screen every shipment of a CSV or JSON-lines file",
        description="Screen every row of FILE; write one record per row (bad rows as "
        "error records), or with --explode one per flag.",
        epilog=EXIT_TABLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    screen.add_argument("file", help="CSV or JSON-lines file of shipments")
    _add_list_options(screen)
    screen.add_argument(
        "--format", choices=FILE_FORMATS, help="output format (default: from --out, else jsonl)"
    )
    screen.add_argument("--input-format", choices=FILE_FORMATS, help="input format")
    screen.add_argument("--out", help="write the records here (default: standard output)")
    screen.add_argument(
        "--min-severity",
        default="low",
        help="leave out flags below this severity and flag rows only from it (default: low)",
    )
    screen.add_argument(
        "--explode",
        action="store_true",
        help="one record per flag, with its party, list entry and score in their own columns",
    )
    screen.add_argument(
        "--allowlist",
        metavar="CSV",
        help="known false positives (columns name,entry_id and optionally list_name,reason,"
        "added_by,added_on): their alerts become PARTY_MATCH_ALLOWLISTED (INFO) flags",
    )
    screen.add_argument(
        "--store", help="record the screenings and alerts in this review store (file or URL)"
    )
    screen.add_argument(
        "--batch", help="the batch's name in the store (default: the file's name and sha256)"
    )
    screen.add_argument("--workers", type=int, default=1, help="processes to screen with")
    screen.add_argument(
        "--columns",
        default="default",
        help="column layout: 'default', 'indian-shipping-bill' or a JSON file "
        '{"columns": {"id": "SB_NO", ...}, "date_format": "%%d-%%m-%%Y"}',
    )
    screen.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    screen.set_defaults(run=_screen)

    match = commands.add_parser("match", help="match one name against the lists")
    match.add_argument("name", help="the party's name, in any script")
    match.add_argument("--country", help="the party's country, which weighs in")
    match.add_argument("--review", action="store_true", help="also show possible matches")
    _add_list_options(match)
    match.set_defaults(run=_match)

    demo = commands.add_parser(
        "demo", help="screen example shipments modelled on public reporting of trade via India"
    )
    demo.set_defaults(run=_demo)
    return parser


def _add_lists_commands(commands: Any) -> None:
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
    update.add_argument("--timeout", type=float, default=60.0, help="seconds per wait")
    update.add_argument(
        "--deadline", type=float, default=600.0, help="seconds one file's download may take"
    )
    update.add_argument(
        "--min-keep",
        type=float,
        default=0.5,
        help="refuse a download keeping this share of the cached entries or fewer (0.5)",
    )
    update.add_argument(
        "--store", help="re-screen this review store's parties against what each list changed"
    )
    update.add_argument(
        "--published",
        metavar="DATE",
        help="the publication date (YYYY-MM-DD) of the one list named, for files that carry "
        "none (OFAC's and trade.gov's CSV files); kept with the cached copy",
    )
    update.set_defaults(run=_lists_update)

    show = list_commands.add_parser("show", help="show the cached lists and their dates")
    show.add_argument("--cache-dir", help=f"cache folder (default: {default_cache_dir()})")
    show.set_defaults(run=_lists_show)

    formats = list_commands.add_parser("formats", help="list the file formats load_list reads")
    formats.set_defaults(run=_lists_formats)

    index = list_commands.add_parser(
        "index",
        help="build and save the name index of the lists ahead of screening",
        description="Index every name of the lists (--list, else the cached lists) and save "
        "the index in the cache, so that screening loads it instead of building it. It is "
        "saved per list content and library version, and rebuilt when either changes.",
    )
    _add_list_options(index)
    index.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    index.set_defaults(run=_lists_index)


def _add_list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--list",
        action="append",
        dest="lists",
        metavar="PATH",
        help="a list file or folder (repeatable); default: the cached lists, else the sample",
    )
    parser.add_argument(
        "--published",
        action="append",
        metavar="DATE",
        help="publication date (YYYY-MM-DD) of the lists given with --list, one per --list "
        "in the same order; '-' for a list whose files carry their own (UN, EU, UK)",
    )
    parser.add_argument("--cache-dir", help="list cache folder for the default lists")


def _chosen_lists(args: argparse.Namespace) -> list[SanctionsList]:
    """Return the lists given with --list, else the cached ones (none when there are none)."""
    paths, dates = args.lists or [], args.published or []
    if dates and len(dates) != len(paths):
        raise ValidationError(
            "--published",
            " ".join(dates),
            f"give one date per --list, in order ('-' for a list that carries its own): "
            f"{len(paths)} list(s), {len(dates)} date(s)",
        )
    dates = [None if when == "-" else when for when in dates]
    lists = [
        load_list(path, published=when)
        for path, when in zip(paths, dates or [None] * len(paths), strict=True)
    ]
    if not lists:
        lists = [
            cached_list(item.source, cache_dir=args.cache_dir)
            for item in cached_lists(args.cache_dir)
        ]
    return lists


def build_screener(args: argparse.Namespace) -> Screener:
    """Build the screener the options ask for: --list files, else cached, else the sample."""
    allowlist = getattr(args, "allowlist", None)
    lists = _chosen_lists(args)
    if not lists:
        print(
            "sanctionscreen: no --list given and no cached lists: screening against the "
            "bundled SAMPLE list, which is not a compliance list",
            file=sys.stderr,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Screener(allowlist=allowlist)
    progress = _progress(not getattr(args, "no_progress", False), unit="entry")
    return Screener(lists, allowlist=allowlist, build_progress=progress)


def _columns(value: str) -> ColumnMap:
    if not Path(value).is_file():
        return ColumnMap.preset(value)
    try:
        spec = json.loads(Path(value).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"--columns {value}: not a JSON layout ({exc})") from None
    if not isinstance(spec, dict):
        raise DataError(f"--columns {value}: not a JSON object")
    return ColumnMap(
        spec.get("columns", {}), date_format=spec.get("date_format"), currency=spec.get("currency")
    )


def _progress(enabled: bool, unit: str = "row") -> Any:
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # progress is a nicety; screening goes on without it
        return None

    def bar(items: Iterable[Any], total: int | None = None) -> Iterable[Any]:
        wrapped: Iterable[Any] = tqdm(items, total=total, unit=unit, file=sys.stderr, disable=None)
        return wrapped

    return bar


def _screen(args: argparse.Namespace) -> int:
    floor = Severity.parse(args.min_severity, field="--min-severity")
    if args.workers < 1:
        print("sanctionscreen: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    columns = _columns(args.columns)
    if args.out:
        _writable(Path(args.out))  # before screening, not after an hour of it
    screener = build_screener(args)
    progress = _progress(not args.no_progress)
    store = review.ReviewStore(args.store) if args.store else None
    if store is not None:  # recorded chunk by chunk as the rows are screened
        batch = args.batch or _batch_name(Path(args.file), screener.lists)
        progress = store.recording(lists=screener.lists, batch=batch, then=progress)
    try:
        report = screener.screen_file(
            args.file,
            format=args.input_format,
            columns=columns,
            progress=progress,
            workers=args.workers,
            keep_results=False,
        )
    finally:
        if store is not None:
            done = store.recorded
            print(
                f"recorded in {args.store}: {done.recorded} shipment(s), {done.skipped} already "
                f"there, {done.alerts} alert(s) ({done.suppressed} suppressed)",
                file=sys.stderr,
            )
            store.close()
    kind = args.format or ("csv" if args.out and args.out.lower().endswith(".csv") else "jsonl")
    write = report.to_csv if kind == "csv" else report.to_jsonl
    if args.out:
        write(args.out, min_severity=floor, explode=args.explode)
    else:
        sys.stdout.write(write(min_severity=floor, explode=args.explode))
    print(report.summary(), file=sys.stderr)
    return exit_code(report, floor)


def _batch_name(path: Path, lists: Sequence[SanctionsList]) -> str:
    """Name a batch after its file, its content and the lists: the same resumes it."""
    try:
        digest = hashlib.sha256(path.read_bytes())
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    digest.update("\n".join(item.version for item in lists).encode())
    return f"{path.name}@{digest.hexdigest()[:12]}"


def _writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK) or path.is_dir():
        raise ValidationError(
            "--out", str(path), "cannot be written (no such folder, or not writable)"
        )


def exit_code(report: BatchReport, floor: Severity) -> int:
    """Return the exit code for a screened file: flagged (1) plus bad rows (4), else 0."""
    code = EXIT_FLAGGED if report.flagged(floor) else EXIT_OK
    return code | EXIT_BAD_ROWS if report.errors else code


def _match(args: argparse.Namespace) -> int:
    screener = build_screener(args)
    matches = screener.match(Entity(args.name, country=args.country), include_review=args.review)
    if not matches:
        print(f"no match for {args.name!r}")
        return EXIT_OK
    for found in matches:
        entry = found.entry
        where = ", ".join(part for part in (entry.sublist, *entry.countries) if part)
        print(
            f"{found.score:.2f} {found.level:<6} {found.matched_name!r} = {entry.name!r} "
            f"[{found.list_name} {entry.id}; {where}]"
        )
    return EXIT_FLAGGED


def _demo(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        screener = Screener()
    data = resources.files("sanctionscreen") / "data" / "demo_shipments.csv"
    with resources.as_file(data) as path:
        report = screener.screen_file(path)
    for outcome in report:
        print(repr(outcome.result) if outcome.result is not None else outcome.error)
        print()
    print(report.summary())
    return EXIT_OK


def _lists_update(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        # Each result is printed below; the library's warnings would say it twice.
        warnings.simplefilter("ignore", ListUpdateWarning)
        results = update_lists(
            args.names or None,
            cache_dir=args.cache_dir,
            mirror=args.mirror,
            timeout=args.timeout,
            deadline=args.deadline,
            min_keep=args.min_keep,
            published=args.published,
        )
    for result in results:
        counts = "" if result.entries is None else f" {result.entries} entries"
        if result.previous_entries is not None and result.entries != result.previous_entries:
            counts += f" (was {result.previous_entries})"
        reason = f": {result.reason}" if result.reason else ""
        print(f"{result.source:<14} {result.status:<9}{counts}{reason}")
    if args.store:
        _rescreen_updated(args.store, [r.source for r in results if r.status == "updated"], args)
    return EXIT_OK if all(result.ok for result in results) else EXIT_FLAGGED


def _rescreen_updated(target: str, names: list[str], args: argparse.Namespace) -> None:
    """Re-screen the store's parties against each updated list's changes."""
    with review.ReviewStore(target) as store:
        for name in names:
            try:
                old, new = cached_versions(name, cache_dir=args.cache_dir)
            except ListUpdateError:
                continue  # a first download: nothing to compare it with
            summary = store.rescreen(old, new)
            print(f"  {summary.change}: {summary.alerts} new alert(s), {summary.closed} closed")


def _lists_show(args: argparse.Namespace) -> int:
    cached = cached_lists(args.cache_dir)
    if not cached:
        print(f"no lists cached in {args.cache_dir or default_cache_dir()}")
        return EXIT_OK
    for item in cached:
        print(
            f"{item.source:<14} {item.entries:>7} entries  published {item.published or '?'}  "
            f"retrieved {item.retrieved}  checked {item.checked}  {item.list_version}"
        )
        for file in item.files:
            print(f"    {file['name']:<22} {file['size']:>11,} bytes  sha256 {file['sha256'][:16]}")
    return EXIT_OK


def _lists_index(args: argparse.Namespace) -> int:
    lists = _chosen_lists(args)
    if not lists:
        print("sanctionscreen: error: no --list given and no cached lists", file=sys.stderr)
        return EXIT_USAGE
    folder = default_index_dir()
    started = time.perf_counter()
    names = len(
        Matcher(lists, saved_in=folder, progress=_progress(not args.no_progress, unit="entry"))
    )
    elapsed = time.perf_counter() - started
    labels = ", ".join(item.version for item in lists)
    if not worth_saving(lists):
        print(
            f"{labels}: {names:,} names, indexed in {elapsed:.1f} s; not saved (fewer than "
            f"{MIN_SAVED_NAMES:,} names build faster than a saved index loads)"
        )
    else:
        print(f"{labels}: {names:,} names, ready in {elapsed:.1f} s; index saved in {folder}")
    return EXIT_OK


def _lists_formats(args: argparse.Namespace) -> int:
    for name, description in FORMATS.items():
        print(f"{name:<22} {description}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
