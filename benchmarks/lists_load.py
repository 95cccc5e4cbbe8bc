"""Load time, memory and entry counts of the real official list files in ../shared.

Run from the project root: ``python benchmarks/lists_load.py`` (with the package
installed). Each file is loaded once to warm caches (country tables), then timed over
``--repeat`` runs (best and median printed); memory is the peak of Python allocations
during one load (tracemalloc) and what stays allocated while the list is kept.
Files that are not there are skipped; the truncated 2023 CSL is measured on a copy cut
at its last complete record, as the loader refuses the original.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sanctionscreen import load_list
from sanctionscreen.lists import detect_format

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"
FILES = [
    "ofac_sdn_2019",
    "ofac_sdn_2021",
    "ofac_non_sdn_2025",
    "ofac_sdn_sample_2025",
    "us_csl_2019/csl.csv",
    "us_csl_2023/csl.csv",
    "us_csl_sample_2025/consolidated.csv",
    "us_bis_dpl_2022/dpl.txt",
    "us_csl_2023/dpl.txt",
    "un_2026/UN_consolidated.xml",
]


def _complete_records(path: Path, folder: Path) -> Path:
    """A copy of a truncated CSV cut after its last complete line."""
    raw = path.read_bytes()
    cut = raw[: raw.rfind(b'\n"') + 1]
    copy = folder / path.name
    copy.write_bytes(cut)
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    print(
        f"{'file':<38} {'format':<10} {'entries':>7} {'names':>7} {'best s':>7} "
        f"{'median s':>8} {'peak MiB':>8} {'kept MiB':>8}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for name in FILES:
            path = SHARED / name
            if not path.exists():
                print(f"{name:<38} skipped (absent)")
                continue
            note = ""
            if name == "us_csl_2023/csl.csv":
                path = _complete_records(path, Path(scratch))
                note = "  (cut at the last complete record: the original is truncated)"
            load_list(path)  # warm-up: country tables, label tables
            times = []
            for _ in range(args.repeat):
                gc.collect()
                start = time.perf_counter()
                loaded = load_list(path)
                times.append(time.perf_counter() - start)
            del loaded
            gc.collect()
            tracemalloc.start()
            loaded = load_list(path)
            kept, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            names = sum(len(entry.names) for entry in loaded)
            print(
                f"{name:<38} {detect_format(path):<10} {len(loaded):>7} {names:>7} "
                f"{min(times):>7.3f} {statistics.median(times):>8.3f} "
                f"{peak / 2**20:>8.1f} {kept / 2**20:>8.1f}{note}"
            )
            del loaded
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
