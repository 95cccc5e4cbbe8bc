from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from importlib import resources

import pytest

import sanctionscreen as ss
from sanctionscreen import DataError, _data

DATA = resources.files("sanctionscreen").joinpath("data")


def _files() -> list[str]:
    return sorted(p.name for p in DATA.iterdir() if p.is_file() and p.name != "MANIFEST.json")


def test_every_bundled_file_has_a_complete_manifest_entry() -> None:
    manifest = json.loads(DATA.joinpath("MANIFEST.json").read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == _files()
    for name, entry in manifest.items():
        raw = DATA.joinpath(name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(raw).hexdigest(), name
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert entry["records"] == len(rows), name
        for key in ("title", "source", "licence"):
            assert entry[key].strip(), (name, key)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["as_of"]), name


def test_bundled_data_reports_provenance() -> None:
    entries = ss.bundled_data()
    assert {e.name for e in entries} == set(_files())
    for entry in entries:
        assert entry.version.startswith(f"{entry.name}@{entry.as_of}#")


def test_every_fact_row_cites_a_source() -> None:
    for name in ("embargoes.csv", "embargoed_regions.csv", "transshipment_countries.csv"):
        for row in _data.read_table(name):
            assert row["source"].strip(), (name, row)
    for row in _data.read_table("transshipment_countries.csv"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["named_on"]), row
        assert "VERIFY" not in row["source"]


def test_tampered_data_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _data._read_bytes

    def tampered(name: str) -> bytes:
        raw = real(name)
        return raw + b"XX,extra,row\n" if name == "embargoes.csv" else raw

    ss.reset_caches()
    monkeypatch.setattr(_data, "_read_bytes", tampered)
    try:
        with pytest.raises(DataError, match="does not match its manifest"):
            _data.read_table("embargoes.csv")
    finally:
        monkeypatch.undo()
        ss.reset_caches()


def test_unknown_table_is_a_data_error() -> None:
    with pytest.raises(DataError, match="no bundled data file"):
        _data.read_table("nope.csv")
