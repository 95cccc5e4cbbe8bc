"""The ``sanctionscreen review`` commands: list, show, decide, confirm, export, verify, rescreen.

Each takes the store as its first argument: an SQLite file's path or a PostgreSQL URL.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import review
from ..batch.exports import safe_cell
from ..errors import AuditError, DataError, ValidationError
from ..lists import load_list
from ..lists.history import cached_versions
from .models import ALERT_STATUSES, OUTCOMES, Alert

if TYPE_CHECKING:
    from .store import ReviewStore

__all__ = ["EXPORT_COLUMNS", "add_review_commands"]

EXPORT_COLUMNS = (
    "id",
    "status",
    "severity",
    "code",
    "party",
    "role",
    "list_name",
    "list_version",
    "entry_id",
    "matched_name",
    "score",
    "shipment_id",
    "source",
    "cause",
    "reviewer",
    "decision",
    "decided_by",
    "decided_at",
    "decision_reason",
    "confirmed_by",
    "opened_at",
    "message",
)


def add_review_commands(commands: Any) -> None:
    """Add ``review`` and its subcommands to the command line's subparsers."""
    review = commands.add_parser("review", help="review alerts recorded in a store")
    actions = review.add_subparsers(title="review commands")

    init = actions.add_parser("init", help="create a review store, with its settings")
    _store(init)
    init.add_argument(
        "--four-eyes", action="store_true", help="decisions wait for a second reviewer"
    )
    init.add_argument(
        "--alert-severity", default="HIGH", help="least severity of a flag that is an alert"
    )
    init.set_defaults(run=_init)

    listing = actions.add_parser("list", help="list alerts (the open queue by default)")
    _store(listing)
    _filters(listing, default_status="open,escalated,awaiting_second_review")
    listing.set_defaults(run=_list)

    show = actions.add_parser("show", help="show one alert, its events and its list entry")
    _store(show)
    show.add_argument("alert", type=int)
    show.set_defaults(run=_show)

    decide = actions.add_parser("decide", help="decide an alert")
    _store(decide)
    decide.add_argument("alert", type=int)
    decide.add_argument("--outcome", required=True, choices=OUTCOMES)
    decide.add_argument("--reviewer", required=True)
    decide.add_argument("--reason", required=True)
    decide.add_argument("--seen", type=int, help="the number of events you saw on the alert")
    decide.set_defaults(run=_decide)

    confirm = actions.add_parser("confirm", help="confirm another reviewer's decision")
    _store(confirm)
    confirm.add_argument("alert", type=int)
    confirm.add_argument("--reviewer", required=True)
    confirm.add_argument("--reason", required=True)
    confirm.set_defaults(run=_confirm)

    export = actions.add_parser("export", help="write alerts as CSV or JSON lines")
    _store(export)
    _filters(export, default_status="")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--out", help="file to write (default: standard output)")
    export.set_defaults(run=_export)

    verify = actions.add_parser("verify", help="check the audit log and every recorded row")
    _store(verify)
    verify.add_argument(
        "--head", help="N:HASH printed by an earlier verify: entry N must still be there"
    )
    verify.set_defaults(run=_verify)

    again = actions.add_parser(
        "rescreen",
        help="re-screen the stored parties against what changed in a list",
        description="Compare two versions of a list (--old and --new files or folders, or "
        "--cached NAME: the cache's previous and current copies) and re-screen every stored "
        "party against the added and changed entries; close alerts on removed entries.",
    )
    _store(again)
    again.add_argument("--old", help="the previous version's file or folder")
    again.add_argument("--new", help="the new version's file or folder")
    again.add_argument("--cached", metavar="NAME", help="a cached list: previous vs current")
    again.add_argument("--cache-dir", help="list cache folder")
    again.set_defaults(run=_rescreen)


def _store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", help="SQLite file or postgresql:// URL")


def _filters(parser: argparse.ArgumentParser, *, default_status: str) -> None:
    parser.add_argument(
        "--status",
        default=default_status,
        help=f"statuses, comma-separated (of {', '.join(ALERT_STATUSES)}); 'all' for every one",
    )
    parser.add_argument("--severity", help="least severity (LOW, ELEVATED, HIGH, CRITICAL)")
    parser.add_argument("--list", dest="list_name", help="alerts on this list only")
    parser.add_argument("--reviewer", help="alerts last decided by this reviewer")


def _selected(args: argparse.Namespace, store: ReviewStore) -> list[Alert]:
    asked = [s.strip().lower() for s in args.status.split(",") if s.strip()]
    statuses = [s for s in asked if s != "all"]
    unknown = [s for s in statuses if s not in ALERT_STATUSES]
    if unknown:
        raise ValidationError(
            "--status", ",".join(unknown), f"unknown; known: {', '.join(ALERT_STATUSES)}, all"
        )
    return store.alerts(
        status=statuses or None,
        severity=args.severity,
        list_name=args.list_name,
        reviewer=args.reviewer,
    )


def _init(args: argparse.Namespace) -> int:
    with review.ReviewStore(
        args.store, four_eyes=args.four_eyes, alert_severity=args.alert_severity
    ) as store:
        print(f"{store!r}: alerts from {store.alert_severity.name}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        found = _selected(args, store)
    for alert in found:
        about = (
            f"{alert.party!r} ~ {alert.list_name} {alert.entry_id} ({alert.score:.2f})"
            if (alert.entry_id and alert.score is not None)
            else (alert.shipment_id or "")
        )
        print(f"{alert.id:>6} {alert.status:<22} {alert.severity:<8} {alert.code:<24} {about}")
    print(f"{len(found)} alert(s)", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        alert = store.alert(args.alert)
        content = store.entry_content(alert.entry_digest) if alert.entry_digest else None
    print(json.dumps(alert.to_dict(), ensure_ascii=False, indent=2))
    if content is not None:
        print("list entry:", json.dumps(content, ensure_ascii=False, indent=2))
    return 0


def _decide(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        alert = store.decide(
            args.alert, args.outcome, reviewer=args.reviewer, reason=args.reason, seen=args.seen
        )
    print(f"alert {alert.id}: {alert.status}")
    return 0


def _confirm(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        alert = store.confirm(args.alert, reviewer=args.reviewer, reason=args.reason)
    print(f"alert {alert.id}: {alert.status}")
    return 0


def _export(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        found = _selected(args, store)
    if args.format == "jsonl":
        text = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in found)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for alert in found:
            data = {**alert.to_dict(), "reviewer": alert.reviewer, **alert.decision()}
            writer.writerow(
                {k: safe_cell("" if data[k] is None else str(data[k])) for k in EXPORT_COLUMNS}
            )
        text = buffer.getvalue()
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise DataError(f"--out {args.out}: cannot be written ({exc.strerror})") from None
    else:
        sys.stdout.write(text)
    return 0


def _verify(args: argparse.Namespace) -> int:
    with review.ReviewStore(args.store, create=False) as store:
        try:
            checked = store.verify(head=args.head)
        except AuditError as exc:
            print(f"audit log broken: {exc}")
            return 1
    print(f"audit log verified: {checked} entries, every recorded row as written")
    print(f"head {store.head} (note it elsewhere; --head checks it next time)", file=sys.stderr)
    return 0


def _rescreen(args: argparse.Namespace) -> int:
    if args.cached:
        old, new = cached_versions(args.cached, cache_dir=args.cache_dir)
    elif args.old and args.new:
        old, new = load_list(args.old), load_list(args.new)
    else:
        print("sanctionscreen: error: give --old and --new, or --cached NAME", file=sys.stderr)
        return 2
    with review.ReviewStore(args.store, create=False) as store:
        summary = store.rescreen(old, new)
    print(summary.change)
    print(
        f"{summary.parties} stored parties re-screened: {summary.alerts} new alert(s) "
        f"({summary.suppressed} suppressed by earlier decisions), {summary.closed} closed"
    )
    return 1 if summary.alerts > summary.suppressed else 0
