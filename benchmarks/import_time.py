"""How long ``import sanctionscreen`` takes, and the first use of a public name.

Run from the project root: ``python benchmarks/import_time.py [RUNS]``. Each figure is
the median of RUNS fresh interpreters (default 15), minus the median start of a bare
interpreter measured in the same run (the baseline), so that a busy machine shifts both.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

CASES = (
    ("bare interpreter (baseline)", "pass"),
    ("import sanctionscreen", "import sanctionscreen"),
    ("... and first use of Screener", "import sanctionscreen as ss; ss.Screener"),
    (
        "... and a screening",
        (
            "import warnings; warnings.simplefilter('ignore'); import sanctionscreen as ss; "
            "ss.Screener().screen(ss.Shipment(exporter='A Pvt Ltd', consignee='B LLC', "
            "origin='IN', destination='AE'))"
        ),
    ),
)


def _median_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    baseline = None
    for label, code in CASES:
        seconds = _median_seconds(code, runs)
        if baseline is None:
            baseline = seconds
            print(f"{label + ':':34} {seconds * 1000:7.1f} ms")
        else:
            print(f"{label + ':':34} {(seconds - baseline) * 1000:7.1f} ms over the baseline")


if __name__ == "__main__":
    main()
