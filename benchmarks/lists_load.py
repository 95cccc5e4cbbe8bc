"""Load time, memory and entry counts of the real official list files in ../shared.

Run from the project root: ``python benchmarks/lists_load.py`` (with the package
installed). Each file is loaded once to warm caches (country tables), then timed over
``--repeat`` runs (best and median printed); memory is the peak of Python allocations
during one load (tracemalloc) and what stays allocated while the list is kept.
Files that are not there are skipped; the truncated 2023 CSL is measured on a copy cut
at its last complete record, as the loader refuses the original.

Last, a synthetic OpenSanctions FollowTheMoney export (``--ftm-records``, 300,000 by
default: the test fixture's records with new ids, nine in ten of them addresses and
other records that are not screening targets, as in the real export) shows what
loading costs in memory against the file's size.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from sanctionscreen import load_list
from sanctionscreen.lists import detect_format

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"
FTM_FIXTURE = (
    Path(__file__).resolve().parents[1] / "tests/fixtures/lists/opensanctions_entities.ftm.json"
)
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


SDN_2021 = SHARED / "ofac_sdn_2021"
CSL_2023 = SHARED / "us_csl_2023" / "csl.csv"


def sdn_and_csl(folder: Path) -> tuple[Path, Path] | None:
    """The 2021 SDN folder and a complete copy of the 2023 CSL in ``folder``; None
    (after saying so) when ../shared lacks them. The batch, review and server
    benchmarks screen against these two."""
    if not SDN_2021.exists() or not CSL_2023.exists():
        print(f"skipped: {SDN_2021} or {CSL_2023} not found")
        return None
    return SDN_2021, _complete_records(CSL_2023, folder)


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
    parser.add_argument("--ftm-records", type=int, default=300_000)
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
        _synthetic_ftm(Path(scratch) / "entities.ftm.json", args.ftm_records)
    return 0


def _synthetic_ftm(path: Path, count: int) -> None:
    """Write and load an FtM export of ``count`` records; print size, time and memory."""
    records = [json.loads(line) for line in FTM_FIXTURE.read_text(encoding="utf-8").splitlines()]
    targets = [r for r in records if r.get("target")]
    others = [r for r in records if not r.get("target")]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            pool = targets if number % 10 == 0 else others
            record = dict(pool[number % len(pool)], id=f"NK-synthetic-{number}")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    loaded = load_list(path, format="opensanctions")
    elapsed = time.perf_counter() - start
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = path.stat().st_size
    print(
        f"synthetic FtM export, {count:,} records ({size / 2**20:,.0f} MiB): "
        f"{len(loaded):,} entries in {elapsed:.1f} s (traced); allocation peak "
        f"{peak / 2**20:,.0f} MiB, kept {kept / 2**20:,.0f} MiB"
    )


if __name__ == "__main__":
    raise SystemExit(main())
