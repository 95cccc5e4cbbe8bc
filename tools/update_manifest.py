"""Refresh the sha256 and record counts in src/sanctionscreen/data/MANIFEST.json.

Provenance fields (title, source, as_of, licence) are edited by hand; this script only
recomputes what can be computed, so a reviewer sees data changes in the manifest diff.
Run it after editing a bundled data file: ``python tools/update_manifest.py``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "sanctionscreen" / "data"


def _records(raw: bytes) -> int:
    return sum(1 for _ in csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def main() -> int:
    path = DATA / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    listed = set(manifest["files"])
    present = {p.name for p in DATA.iterdir() if p.is_file() and p.name != "MANIFEST.json"}
    if present - listed:
        print(f"not in the manifest (add provenance first): {sorted(present - listed)}")
        return 1
    if listed - present:
        print(f"in the manifest but missing: {sorted(listed - present)}")
        return 1
    for name, entry in manifest["files"].items():
        raw = (DATA / name).read_bytes()
        entry["sha256"] = hashlib.sha256(raw).hexdigest()
        entry["records"] = _records(raw)
    manifest["files"] = dict(sorted(manifest["files"].items()))
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"updated {len(listed)} entries in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
