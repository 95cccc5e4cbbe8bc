"""Review store speed: recording a batch, listing the queue, re-screening on a list change.

Run from the project root: ``python benchmarks/review.py`` (package installed with the
``review`` extra, ``../shared`` present). Against the 2021 SDN list and the 2023 CSL, on
the synthetic shipments of ``batch.py`` (``--count``, drawn from ``--pool`` parties), it
prints, each beside its baseline from the same run:

1. screening the batch in one process (keep_results=False), then recording the same
   outcomes into a fresh SQLite store: shipments per second of each, and their ratio
   (the goal: recording at no less than half the speed of screening);
2. listing the open alerts (``store.alerts(status="open")``) and the queue DataFrame;
3. re-screening every stored party after a list update that adds ``--added`` entries
   (invented names, a few of them the register's own parties), against matching every
   stored party against the whole updated lists (a full re-screen);
4. verifying the audit log.

Pass ``--url postgresql://...`` to measure PostgreSQL instead of SQLite.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import warnings
from pathlib import Path

import attrs
from batch import _shipments
from lists_load import sdn_and_csl

from sanctionscreen import ReviewStore, Screener, load_list
from sanctionscreen.lists import ListEntry, ListType
from sanctionscreen.matching.matcher import Matcher


def _added(count: int, parties: list[str], seed: int) -> list[ListEntry]:
    """New designations: invented names, and every tenth one a party of the register."""
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        name = (
            rng.choice(parties)
            if number % 10 == 0
            else f"Novaya Kompaniya {number} {rng.choice(['OOO', 'AO', 'LLC', 'FZE'])}"
        )
        entries.append(
            ListEntry(
                id=f"NEW-{number}",
                name=name,
                list_type=ListType.SANCTIONS,
                countries=("RU",),
            )
        )
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pool", type=int, default=100_000)
    parser.add_argument("--added", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--url", help="a PostgreSQL URL (default: an SQLite file)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    files = sdn_and_csl(scratch)
    if files is None:
        return 0
    warnings.simplefilter("ignore")
    lists = [load_list(path) for path in files]
    screener = Screener(lists)
    listed = [entry.name for entry in lists[0].entries]

    start = time.perf_counter()
    report = screener.screen_many(
        _shipments(args.count, args.pool, listed, args.seed), keep_results=False
    )
    screened = time.perf_counter() - start
    store = ReviewStore(args.url or scratch / "reviews.db")
    start = time.perf_counter()
    summary = store.record_outcomes(report, lists=screener.lists, batch="benchmark")
    recorded = time.perf_counter() - start
    print(f"shipments: {len(report):,}; store: {store!r}")
    print(
        f"1. screening (one process): {len(report) / screened:,.0f} shipments/s ({screened:.1f} s)"
    )
    print(
        f"   recording into the store: {summary.recorded / recorded:,.0f} shipments/s "
        f"({recorded:.1f} s; {summary.alerts:,} alerts): {screened / recorded:.2f}x the speed "
        "of screening (goal: at least 0.5x)"
    )

    start = time.perf_counter()
    open_alerts = store.alerts(status="open")
    listed_in = time.perf_counter() - start
    start = time.perf_counter()
    queue = store.queue(status="open")
    queued_in = time.perf_counter() - start
    print(
        f"2. open queue: {len(open_alerts):,} alerts listed in {listed_in:.2f} s, as a "
        f"DataFrame ({len(queue):,} rows) in {queued_in:.2f} s (goal: 10,000 under 1 s)"
    )

    old = lists[0]
    parties = [alert.party for alert in open_alerts if alert.party][:1000] or ["Nobody"]
    new = attrs.evolve(old, entries=(*old.entries, *_added(args.added, parties, args.seed)))
    start = time.perf_counter()
    change = store.rescreen(old, new)
    rescreened = time.perf_counter() - start
    print(
        f"3. list update adding {args.added} entries: {change.parties:,} stored parties "
        f"re-screened in {rescreened:.1f} s ({change.alerts} new alerts)"
    )
    full = Matcher([new, lists[1]], config=screener.matcher.config)
    parties_seen = store.parties()  # the same parties, matched against the whole lists
    start = time.perf_counter()
    for party in parties_seen:
        full.match(party, include_review=True)
    everything = time.perf_counter() - start
    print(
        f"   a full re-screen of the same {len(parties_seen):,} parties against the whole lists: "
        f"{everything:.1f} s ({everything / rescreened:.0f}x longer)"
    )
    start = time.perf_counter()
    checked = store.verify()
    print(f"4. audit log: {checked:,} entries verified in {time.perf_counter() - start:.1f} s")
    store.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
