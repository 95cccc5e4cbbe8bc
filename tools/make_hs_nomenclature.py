"""Write src/sanctionscreen/data/hs_nomenclature.csv: the HS 2022 texts of every code.

Run by hand to refresh it: ``python tools/make_hs_nomenclature.py PATH`` where PATH is
``harmonized-system.csv`` of the public ``datasets/harmonized-system`` data package
(PDDL 1.0; texts from the UN Comtrade API, short forms of the WCO's). Keeps the 97
chapters, the headings and the 6-digit subheadings; drops blank rows, the odd 5-digit
row and national codes; folds line breaks inside texts.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "src" / "sanctionscreen" / "data"
TABLE = TABLE / "hs_nomenclature.csv"
_LEVELS = {"2": 2, "4": 4, "6": 6}


def main(source: str) -> None:
    """Read the data package's CSV and write the package's table."""
    rows = []
    with open(source, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code, level = (row.get("hscode") or "").strip(), (row.get("level") or "").strip()
            if level not in _LEVELS or len(code) != _LEVELS[level] or not code.isdigit():
                continue
            text = " ".join((row.get("description") or "").split())
            rows.append((code, level, row["section"].strip(), text))
    rows.sort()
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "level", "section", "text"])
        writer.writerows(rows)
    print(f"{TABLE.name}: {len(rows)} codes")


if __name__ == "__main__":
    main(sys.argv[1])
