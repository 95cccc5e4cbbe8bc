"""Party matching speed alone, for before/after comparisons on a noisy machine.

Run from the project root: ``python benchmarks/matching_speed.py [N]``. Screens the
first N (default 20,000) yente global negatives against the 2021 OFAC SDN list, one
core: alerts only (a first pass, then the same names again) and with possible matches,
as ``screen()`` asks, each after clearing the matcher's cache of answers. To compare
with older code, run it interleaved with ``PYTHONPATH=<worktree>/src`` (see the README
of this folder). Needs ``../shared``.
"""

from __future__ import annotations

import csv
import sys
import time
import warnings
from pathlib import Path

import sanctionscreen as ss
from sanctionscreen.matching.matcher import Matcher

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SDN = SHARED / "lists" / "ofac_sdn_2021"
NEGATIVES = SHARED / "screening_fixtures" / "yente_candidate_generation" / "negatives_global.csv"


def main() -> int:
    if not (SDN.exists() and NEGATIVES.exists()):
        print("matching speed: skipped (../shared absent)")
        return 0
    warnings.simplefilter("ignore")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    matcher = Matcher([ss.load_list(SDN)])
    with NEGATIVES.open(encoding="utf-8") as handle:
        names = [row["full_name"] for row in csv.DictReader(handle)][:count]
    figures = []
    for label, review in (("alerts, first pass", False), ("again", False), ("with reviews", True)):
        matcher.clear_cache()
        start = time.perf_counter()
        for name in names:
            matcher.match(name, include_review=review)
        figures.append(f"{label} {len(names) / (time.perf_counter() - start):,.0f}")
    print(f"{len(names)} names/s against the 2021 SDN, one core: " + " | ".join(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
