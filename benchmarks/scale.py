"""Party matching as lists grow: build time, peak memory, names/s, candidates per query.

Run from the project root: ``python benchmarks/scale.py [--sizes 25000,100000,300000]``
(add ``1000000`` for the issue's million entries: about 6 minutes and 12 GiB today).
Each size runs in a fresh process, so its peak memory (``ru_maxrss``) is its own:

- the list is built by ``_synthetic_lists.py`` (real name parts, 2.3 names per entry);
- build: the ``Matcher`` over it (normalization and index), CPU seconds;
- queries: 1,000 yente global negatives and 1,000 list names disguised as documents
  write them (a letter dropped, words swapped, a legal form changed), with possible
  matches as ``screen()`` asks; names per second (CPU), the mean number of candidates
  the index hands to the comparison per query, and of results (alerts and possible
  matches: the true near matches, which candidates may grow with);
- baseline, same process: rapidfuzz ``process.extractOne`` (``fuzz.ratio``) over the
  same names for 20 of the queries, the brute-force floor a list of that size costs.

The growth exponent is the log-log slope between the smallest and largest size. Needs
``../shared``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import resource
import subprocess
import sys
import time
import warnings

from _synthetic_lists import SHARED, synthetic_list
from rapidfuzz import fuzz, process

from sanctionscreen.matching.matcher import Matcher

NEGATIVES = SHARED / "screening_fixtures" / "yente_candidate_generation" / "negatives_global.csv"
QUERIES = 1_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="25000,100000,300000")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not NEGATIVES.exists():
        print("scale: skipped (../shared absent)")
        return 0
    if args.child:
        print(json.dumps(_measure(args.child)))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        _print(row)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        for key in ("build_s", "peak_mib", "candidates", "query_ms"):
            slope = math.log(last[key] / first[key]) / math.log(last["names"] / first["names"])
            print(f"growth of {key} with the number of names: exponent {slope:.2f}")
    return 0


def _measure(size: int) -> dict[str, float]:
    warnings.simplefilter("ignore")
    listed = synthetic_list(size)
    start = time.process_time()
    matcher = Matcher([listed])
    build = time.process_time() - start
    names = [n for e in listed.entries for n in (e.name, *(a.name for a in e.aliases))]
    queries = _queries(names)
    counted: list[int] = []
    index = matcher._index  # the benchmark counts what the index hands on
    original = index.candidates

    def candidates(*args: object, **kwargs: object) -> list[int]:
        found = original(*args, **kwargs)  # type: ignore[arg-type]
        counted.append(len(found))
        return found

    index.candidates = candidates  # type: ignore[method-assign]
    start = time.process_time()
    results = sum(len(matcher.match(query, include_review=True)) for query in queries)
    seconds = time.process_time() - start
    start = time.process_time()
    for query in queries[:20]:
        process.extractOne(query, names, scorer=fuzz.ratio)
    baseline = (time.process_time() - start) / 20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "entries": size,
        "names": len(names),
        "build_s": build,
        "peak_mib": peak,
        "names_per_s": len(queries) / seconds,
        "query_ms": 1000 * seconds / len(queries),
        "candidates": sum(counted) / max(len(counted), 1),
        "results": results / len(queries),
        "baseline_query_ms": 1000 * baseline,
    }


def _queries(names: list[str]) -> list[str]:
    rng = random.Random(7)
    with NEGATIVES.open(encoding="utf-8") as handle:
        negatives = [row["full_name"] for row in csv.DictReader(handle)][:QUERIES]
    disguised = []
    for name in rng.sample(names, QUERIES):
        words = name.replace(",", "").split()
        trick = rng.random()
        if trick < 0.4 and len(words) > 1:
            words.reverse()
        elif trick < 0.7:
            word = rng.randrange(len(words))
            if len(words[word]) > 4:
                cut = rng.randrange(1, len(words[word]) - 1)
                words[word] = words[word][:cut] + words[word][cut + 1 :]
        disguised.append(" ".join(words))
    return negatives + disguised


def _print(row: dict[str, float]) -> None:
    print(
        f"{row['entries']:>9,} entries, {row['names']:>9,} names: "
        f"build {row['build_s']:6.1f} s CPU, peak {row['peak_mib']:7,.0f} MiB, "
        f"{row['names_per_s']:7,.0f} names/s ({row['query_ms']:.2f} ms/query, "
        f"{row['candidates']:.1f} candidates and {row['results']:.1f} results/query); "
        f"baseline extractOne {row['baseline_query_ms']:.1f} ms/query"
    )


if __name__ == "__main__":
    sys.exit(main())
