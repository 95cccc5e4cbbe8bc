"""Batch screening speed, scaling and memory on the real 2021 SDN list plus the 2023 CSL.

Run from the project root: ``python benchmarks/batch.py`` (package installed, ``../shared``
present). It generates ``--count`` synthetic shipments (fixed seed): an exporter, a
consignee and an end user each, drawn from a pool of ``--pool`` invented companies, each
with its own country (registers repeat their parties), plus 1% of names taken from the
SDN list itself; 1-3 goods lines of everyday and dual-use goods; the consignee's country
as destination, among 20 countries. It prints:

- the time to load the lists and build the screener;
- shipments per second on one process, and with ``--workers`` processes;
- the peak resident memory of the parent and of the largest worker;
- where the time goes, check by check, from timing each check's ``run``.

The 2023 CSL file is truncated; as in ``lists_load.py`` a copy cut at its last complete
record is used.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from lists_load import SHARED, _complete_records

from sanctionscreen import Entity, GoodsItem, Money, Screener, Shipment, load_list

WORDS = (
    "Alpha", "Beta", "Delta", "Orion", "Nova", "Vertex", "Zenith", "Apex", "Pioneer",
    "Global", "Quantum", "Micro", "Tech", "Systems", "Trading", "Industries", "Logistics",
    "Electronics", "Components", "Solutions", "Export", "Import", "Star", "Sun", "Lotus",
    "Ganga", "Indus", "Himalaya", "Silk", "Eastern", "Western", "Northern", "Prime", "Royal",
    "United", "Allied", "Metro", "Bright", "Green", "Blue", "Crest", "Summit", "Harbor",
    "Bridge", "Falcon", "Eagle", "Tiger",
)  # fmt: skip
FORMS = ("Pvt Ltd", "LLC", "Ltd", "GmbH", "FZE", "OOO", "LLP", "Co", "JSC", "Inc")
COUNTRIES = (
    "IN", "RU", "KG", "KZ", "AE", "TR", "CN", "HK", "DE", "US",
    "GB", "CH", "AM", "GE", "UZ", "SG", "MY", "TH", "VN", "CL",
)  # fmt: skip
GOODS = [
    ("Cotton knitted T-shirts", "6109.10"),
    ("Basmati rice", "1006.30"),
    ("Pharmaceutical tablets", "3004.90"),
    ("Automobile brake pads", "8708.30"),
    ("Microcontrollers STM32F103C8T6", "8542.31"),
    ("Quadcopter drones with FPV camera", "8806.22"),
    ("Telecom switching equipment parts", "8517.62"),
    ("Ball bearings", "8482.10"),
    ("Thermal imaging camera module", "8525.89"),
    ("Wooden office furniture", "9403.30"),
]


def _parties(rng: random.Random, pool: int) -> list[tuple[str, str]]:
    """Invented companies, each with its own country, as a register's parties are."""
    names = set()
    while len(names) < pool:
        words = rng.sample(WORDS, rng.randint(2, 3))
        names.add(f"{' '.join(words)} {rng.choice(FORMS)}")
    return [(name, rng.choice(COUNTRIES)) for name in sorted(names)]


def _shipments(count: int, pool: int, listed: list[str], seed: int) -> Iterator[Shipment]:
    """Yield the shipments one by one: a register is read as a stream, not held whole."""
    rng = random.Random(seed)
    known = _parties(rng, pool)

    def party(role: str | None = None) -> Entity:
        if rng.random() < 0.01:
            return Entity(rng.choice(listed), country=rng.choice(COUNTRIES), role=role)
        name, country = rng.choice(known)
        return Entity(name, country=country, role=role)

    for number in range(count):
        consignee = party()
        destination = consignee.country
        lines = [GoodsItem(d, hs_code=c) for d, c in rng.sample(GOODS, rng.randint(1, 3))]
        yield Shipment(
            id=f"B{number}",
            date="2023-03-24",
            exporter=party(),
            consignee=consignee,
            parties=[party("end_user")],
            origin="IN",
            destination=destination,
            goods=lines,
            value=Money(rng.randint(1_000, 5_000_000), rng.choice(("USD", "INR", "EUR"))),
        )


def _rss_mib(who: int) -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pool", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument(
        "--workers-only",
        action="store_true",
        help="skip the one-process run, so the peak memory printed is the parallel run's",
    )
    args = parser.parse_args()
    sdn, csl = SHARED / "ofac_sdn_2021", SHARED / "us_csl_2023" / "csl.csv"
    if not sdn.exists() or not csl.exists():
        print(f"skipped: {sdn} or {csl} not found")
        return 0
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        lists = [load_list(sdn), load_list(_complete_records(csl, Path(scratch)))]
        screener = Screener(lists)
        built = time.perf_counter() - start
    entries = sum(len(item.entries) for item in lists)
    print(f"lists: {entries:,} entries; load and index: {built:.1f} s")
    listed = [entry.name for entry in lists[0].entries]
    print(f"shipments: {args.count:,} (3 parties each, {args.pool:,} names in the pool)")

    if args.workers_only:
        start = time.perf_counter()
        shipments = _shipments(args.count, args.pool, listed, args.seed)
        parallel = screener.screen_many(shipments, workers=args.workers, keep_results=False)
        many = time.perf_counter() - start
        print(f"{args.workers} workers: {len(parallel) / many:,.0f} shipments/s ({many:.1f} s)")
        print(
            f"peak memory: parent {_rss_mib(resource.RUSAGE_SELF):,.0f} MiB, "
            f"largest worker {_rss_mib(resource.RUSAGE_CHILDREN):,.0f} MiB"
        )
        return 0
    timings: dict[str, float] = defaultdict(float)
    for check in screener.checks:
        run = check.run

        def timed(context: object, run: object = run, name: str = check.id) -> object:
            began = time.perf_counter()
            try:
                return run(context)  # type: ignore[operator]
            finally:
                timings[name] += time.perf_counter() - began

        check.run = timed  # type: ignore[method-assign]
    start = time.perf_counter()
    shipments = _shipments(args.count, args.pool, listed, args.seed)
    report = screener.screen_many(shipments, keep_results=False)
    one = time.perf_counter() - start
    print(f"one process: {len(report) / one:,.0f} shipments/s ({one:.1f} s)")
    total = sum(timings.values())
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        print(f"  {name:<11} {seconds:6.1f} s  {seconds / total:5.1%}")
    print(f"  other       {one - total:6.1f} s  (making shipments, results, the report)")
    print(f"peak memory after one process: {_rss_mib(resource.RUSAGE_SELF):,.0f} MiB")
    for check in screener.checks:
        del check.run  # type: ignore[attr-defined]
    # Keep a digest of the records, not the report: the parallel run is measured alone.
    digest = hashlib.sha256(b"".join(o.packed or b"" for o in report)).hexdigest()
    flagged = len(report.flagged("elevated"))
    del report

    screener.matcher.clear_cache()  # the workers start without remembered answers too
    start = time.perf_counter()
    shipments = _shipments(args.count, args.pool, listed, args.seed)
    parallel = screener.screen_many(shipments, workers=args.workers, keep_results=False)
    many = time.perf_counter() - start
    same = hashlib.sha256(b"".join(o.packed or b"" for o in parallel)).hexdigest() == digest
    print(
        f"{args.workers} workers: {len(parallel) / many:,.0f} shipments/s ({many:.1f} s), "
        f"speed-up {one / many:.2f}x, same records: {same}"
    )
    print(f"flagged ELEVATED or above: {flagged:,} of {len(parallel):,}")
    print(
        f"peak memory: parent {_rss_mib(resource.RUSAGE_SELF):,.0f} MiB, "
        f"largest worker {_rss_mib(resource.RUSAGE_CHILDREN):,.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
