"""Hostile input at scale: every parser on many junk and hostile inputs, and disguised SDN names.

Run from the project root with the package installed: ``python benchmarks/adversarial.py``
(``--inputs N`` per parser, default 5,000; ``--quick`` skips the SDN sweep). Prints, per
parser: inputs tried, the worst CPU time of one call with the size of that input, the
worst time per 1,000 characters, the peak memory allocated (tracemalloc) and whether any
call raised something other than the library's documented errors. Then, with
``../shared`` present, every name and alias of the 2021 OFAC SDN in each disguise of
``tests/adversarial/test_evasion.py`` (and digits for half the letters), and how many
were not found at the level the name itself gets.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sanctionscreen as ss
from sanctionscreen.batch import DEFAULT_COLUMNS, ColumnMap, shipment_from_row
from sanctionscreen.geography.mentions import find_embargoed_country_mentions
from sanctionscreen.geography.regions import find_region_mentions
from sanctionscreen.goods.descriptions import read_description
from sanctionscreen.lists._identifiers import identifier_in_text
from sanctionscreen.names import normalize_name, visual_readings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "adversarial"))
from test_evasion import VARIANTS  # noqa: E402
from test_fuzz import ATOMS  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "lists"


def junk(rng: random.Random) -> str:
    """Random code points of every plane, up to 2,000."""
    size = rng.choice((5, 20, 100, 500, 2_000))
    return "".join(chr(rng.choice((rng.randrange(32, 0x3000), rng.randrange(0x110000))))
                   for _ in range(rng.randrange(size)))  # fmt: skip


def hostile(rng: random.Random) -> str:
    """Atoms an attacker repeats, mixed, or one repeated thousands of times."""
    if rng.random() < 0.5:
        return "".join(rng.choice(ATOMS) for _ in range(rng.randrange(400)))
    atom = rng.choice(ATOMS)
    return rng.choice(ATOMS) + atom * rng.randrange(500, 5_000) + rng.choice(ATOMS)


PARSERS: dict[str, Callable[[str], Any]] = {
    "normalize_name": normalize_name,
    "visual_readings": visual_readings,
    "HSCode.parse": ss.HSCode.parse,
    "Money.parse": lambda t: ss.Money.parse(t, country="India"),
    "normalize_country": ss.normalize_country,
    "read_description": read_description,
    "embargoed country mentions": find_embargoed_country_mentions,
    "region mentions": find_region_mentions,
    "identifier remarks": lambda t: identifier_in_text("Passport " + t, lambda c: None),
    "batch row": lambda t: shipment_from_row(dict.fromkeys(DEFAULT_COLUMNS[:6], t), ColumnMap()),
}


def parsers(count: int) -> None:
    rng = random.Random(12)
    print(f"{'parser':<28} {'inputs':>7} {'worst call':>11} {'at size':>8} "
          f"{'per 1k chars':>12} {'peak MiB':>9} undocumented")  # fmt: skip
    for name, parse in PARSERS.items():
        worst = (0.0, 0)
        per_k = 0.0
        undocumented = 0
        ss.reset_caches()
        # Load the tables first, on other inputs: the first calls pay for loading them.
        warm = random.Random(99)
        for _ in range(200):
            with contextlib.suppress(ss.SanctionScreenError):
                parse(junk(warm) if warm.random() < 0.5 else hostile(warm)[:300])
        tracemalloc.start()
        for _ in range(count):
            text = junk(rng) if rng.random() < 0.5 else hostile(rng)
            started = time.process_time()
            try:
                parse(text)
            except ss.SanctionScreenError:
                pass
            except Exception:
                undocumented += 1
            spent = time.process_time() - started
            worst = max(worst, (spent, len(text)))
            per_k = max(per_k, spent * 1000 / max(len(text), 100))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{name:<28} {count:>7,} {worst[0] * 1000:>9.1f}ms {worst[1]:>8,} "
              f"{per_k * 1000:>10.2f}ms {peak / 2**20:>9.1f} {undocumented}")  # fmt: skip


def evasion() -> None:
    folder = SHARED / "ofac_sdn_2021"
    if not folder.exists():
        print("SDN sweep: skipped (../shared absent)")
        return
    from sanctionscreen.matching.matcher import Matcher

    sdn = ss.load_list(folder)
    matcher = Matcher([sdn])
    rank = {None: 0, "review": 1, "alert": 2}
    names = [(e, n) for e in sdn for n in (e.name, *(a.name for a in e.aliases))]
    print(f"2021 SDN: {len(names):,} names and aliases, each in every disguise")
    own = {}
    for entry, name in names:
        found = matcher.match(ss.Entity(name, kind=entry.kind), include_review=True)
        own[(entry.id, name)] = next((m.level for m in found if m.entry.id == entry.id), None)
    disguises = [*VARIANTS, ("digits for half the letters", _half_digits)]
    for label, disguise in disguises:
        started = time.perf_counter()
        missed = []
        for count, (entry, name) in enumerate(names):
            variant = disguise(name, random.Random(count))
            party = ss.Entity(variant, kind=entry.kind)
            found = {m.entry.id: m.level for m in matcher.match(party, include_review=True)}
            if rank[found.get(entry.id)] < rank[own[(entry.id, name)]]:
                missed.append((name, variant))
        spent = time.perf_counter() - started
        example = f"  e.g. {missed[0]!r}" if missed else ""
        print(f"  {label:<28} missed {len(missed):>4} of {len(names):,} "
              f"({len(names) / spent:,.0f} names/s){example}")  # fmt: skip


_DIGITS = str.maketrans("oOiIeEaAsStT", "001133445577")


def _half_digits(name: str, rng: random.Random) -> str:
    return "".join(ch.translate(_DIGITS) if rng.random() < 0.5 else ch for ch in name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=5_000, help="inputs per parser")
    parser.add_argument("--quick", action="store_true", help="skip the SDN sweep")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    parsers(args.inputs)
    if not args.quick:
        evasion()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
