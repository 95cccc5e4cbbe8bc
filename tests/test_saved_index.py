"""The saved name index: reused while nothing changed, rebuilt when anything did."""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen.cli import main
from sanctionscreen.errors import FieldTypeError
from sanctionscreen.kinds import EntityKind
from sanctionscreen.lists.model import Alias, ListEntry, ListType, SanctionsList
from sanctionscreen.matching import listed
from sanctionscreen.matching.hashed import HashedTable, pack, stable_hash
from sanctionscreen.matching.matcher import Matcher
from sanctionscreen.matching.saved import MIN_SAVED_NAMES

FIRST = ["Ivan", "Olga", "Pavel", "Anna", "Sergei", "Marina", "Oleg", "Irina", "Yuri", "Nina"]
LAST = ["Petrov", "Sokolova", "Volkov", "Morozova", "Lebedev", "Kozlova", "Novikov", "Orlova"]
FIRMS = ["Radiotekh", "Elektronsnab", "Mikrosystemy", "Aerotrade", "Signalprom", "Kvantum"]
FORMS = ["OOO", "AO", "LLC", "Ltd", "GmbH"]


def _entries() -> list[ListEntry]:
    """Enough entries (people and firms, each with an alias) for the index to be saved."""
    entries = []
    people = itertools.product(FIRST, LAST, ["", "Jr"])
    for number, (first, last, suffix) in enumerate(itertools.islice(people, 150)):
        name = f"{last}, {first} {suffix}".strip()
        entries.append(
            ListEntry(
                id=f"P{number}",
                name=name,
                list_type=ListType.SANCTIONS,
                aliases=(Alias(f"{first} {last}"),),
                kind=EntityKind.PERSON,
            )
        )
    firms = itertools.product(FIRMS, FIRMS, FORMS, range(8))
    for number, (a, b, form, branch) in enumerate(firms):
        if a == b:
            continue
        entries.append(
            ListEntry(
                id=f"F{number}",
                name=f"{form} {a}-{b} {branch + 1}",
                list_type=ListType.SANCTIONS,
                aliases=(Alias(f"{a} {b} Trading {branch + 1}"),),
                kind=EntityKind.ORGANIZATION,
                countries=("RU",),
            )
        )
    entries.append(
        ListEntry(
            id="R1",
            name="Rosoboronexport",
            list_type=ListType.SANCTIONS,
            aliases=(Alias("Rosoboroneksport OAO"),),
            kind=EntityKind.ORGANIZATION,
        )
    )
    return entries


def _list(entries: list[ListEntry] | None = None) -> SanctionsList:
    return SanctionsList(
        name="saved test list",
        publisher="tests",
        list_type=ListType.SANCTIONS,
        format="csv",
        entries=tuple(_entries() if entries is None else entries),
    )


QUERIES = ["Rosoboronexport", "Ivan Petrov", "Radiotekh Elektronsnab 3 LLC", "Olga Sokolova", "x"]


def _answers(matcher: Matcher) -> list[list[tuple[object, ...]]]:
    found = [matcher.match(query, include_review=True) for query in QUERIES]
    return [[(m.entry.id, m.score, m.level, m.explanation) for m in each] for each in found]


def _saved(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.index"))


def test_the_test_list_is_large_enough_to_be_saved() -> None:
    assert sum(len(e.names) for e in _list().entries) >= MIN_SAVED_NAMES


def test_a_saved_index_is_loaded_and_answers_as_the_built_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = Matcher([_list()], saved_in=tmp_path)
    assert len(_saved(tmp_path)) == 1
    expected = _answers(built)
    assert [found[0] for found in expected[0]] == ["R1"]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was built instead of loaded")

    monkeypatch.setattr(listed, "build", refuse)
    loaded = Matcher([_list()], saved_in=tmp_path)
    assert _answers(loaded) == expected
    assert (len(loaded), loaded.skipped) == (len(built), built.skipped)
    for query in QUERIES:  # the loaded index still finds all that a full scan finds
        fast = [(m.entry.id, m.score) for m in loaded.match(query, include_review=True)]
        full = [
            (m.entry.id, m.score) for m in loaded.match(query, include_review=True, exhaustive=True)
        ]
        assert fast == full


def test_the_screener_saves_in_the_cache_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIONSCREEN_CACHE", str(tmp_path))
    shipment = ss.Shipment(
        id="S1",
        exporter=ss.Entity("Acme Exports Pvt Ltd", country="IN"),
        consignee=ss.Entity("Rosoboronexport", country="RU"),
    )
    first = ss.Screener([_list()]).screen(shipment).to_json()
    assert len(_saved(tmp_path / "indexes")) == 1
    monkeypatch.setattr(listed, "build", None)  # calling it would fail
    assert ss.Screener([_list()]).screen(shipment).to_json() == first


def test_a_changed_entry_gets_an_index_of_its_own(tmp_path: Path) -> None:
    entries = _entries()
    Matcher([_list(entries)], saved_in=tmp_path)
    entries[-1] = attrs.evolve(entries[-1], name="Rostec", aliases=())
    changed = Matcher([_list(entries)], saved_in=tmp_path)
    assert len(_saved(tmp_path)) == 2
    assert [m.entry.id for m in changed.match("Rostec")] == ["R1"]
    assert not changed.match("Rosoboronexport")


def test_small_lists_and_false_are_never_saved(tmp_path: Path) -> None:
    Matcher([_list(_entries()[:10])], saved_in=tmp_path)
    ss.Screener([_list()], index_cache=False)
    assert not _saved(tmp_path)


def test_index_cache_must_be_a_flag_or_a_folder() -> None:
    with pytest.raises(FieldTypeError, match="index_cache"):
        ss.Screener([_list()], index_cache=3)  # type: ignore[arg-type]


@pytest.mark.parametrize("damage", ["truncated", "edited", "other format", "empty"])
def test_a_damaged_index_is_rebuilt(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _answers(Matcher([_list()], saved_in=tmp_path))
    (path,) = _saved(tmp_path)
    raw = path.read_bytes()
    broken = {
        "truncated": raw[: len(raw) // 2],
        "edited": raw[:-10] + b"0123456789",
        "other format": b"something else\n" + raw,
        "empty": b"",
    }[damage]
    path.write_bytes(broken)
    with caplog.at_level(logging.WARNING):
        assert _answers(Matcher([_list()], saved_in=tmp_path)) == expected
    assert "building it again" in caplog.text
    assert path.read_bytes() == raw  # saved again, whole


class _Planted:
    """What an attacker would plant: unpickling it would run a shell command."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_pickle_is_refused_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    expected = _answers(Matcher([_list()], saved_in=tmp_path))
    (path,) = _saved(tmp_path)
    payload = pickle.dumps(_Planted())
    header = path.read_bytes().partition(b" ")[0]  # a valid header, with the payload's hash
    path.write_bytes(header + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    with caplog.at_level(logging.WARNING):
        assert _answers(Matcher([_list()], saved_in=tmp_path)) == expected
    assert "may not refer to" in caplog.text
    assert not (tmp_path / "planted.txt").exists()


def test_an_unwritable_folder_only_costs_the_saving(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        matcher = Matcher([_list()], saved_in=blocker / "indexes")
    assert [m.entry.id for m in matcher.match("Rosoboronexport")] == ["R1"]
    assert "index not saved" in caplog.text


def test_lists_index_builds_ahead_and_screening_then_loads(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SANCTIONSCREEN_CACHE", str(tmp_path / "cache"))
    listed_csv = tmp_path / "list.csv"
    rows = [f'{e.id},"{e.name}","{e.aliases[0].name}",{e.kind.value}' for e in _entries()]
    listed_csv.write_text("id,name,aliases,kind\n" + "\n".join(rows) + "\n")
    assert main(["lists", "index", "--list", str(listed_csv), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert f"index saved in {tmp_path / 'cache' / 'indexes'}" in out
    monkeypatch.setattr(listed, "build", None)  # calling it would fail
    assert main(["match", "Rosoboronexport", "--list", str(listed_csv)]) == 1
    assert "Rosoboronexport" in capsys.readouterr().out


def test_lists_index_says_when_a_list_is_too_small_to_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SANCTIONSCREEN_CACHE", str(tmp_path))
    small = tmp_path / "small.csv"
    small.write_text("id,name,kind\nR1,Rosoboronexport,organization\n")
    assert main(["lists", "index", "--list", str(small), "--no-progress"]) == 0
    assert "not saved" in capsys.readouterr().out
    assert not (tmp_path / "indexes").exists()


class TestHashedTable:
    def test_every_key_finds_its_positions(self) -> None:
        table = {"alpha": [3, 1], "beta": [2], "gamma": [7, 8, 9]}
        hashed = HashedTable(
            [pack(key, value) for key, values in table.items() for value in values]
        )
        assert len(hashed) == 6
        for key, values in table.items():
            assert sorted(hashed.get(key)) == sorted(values)
        assert hashed.get("delta") == []

    def test_the_hash_is_stable_across_processes(self) -> None:
        # Fixed values: a saved index is read by other processes (and PYTHONHASHSEEDs).
        assert stable_hash("rosoboronexport") == stable_hash("rosoboronexport")
        assert stable_hash("") == 1
        assert stable_hash("a") == (0xE8B7BE43 << 32) | 0x00620062

    @given(st.dictionaries(st.text(max_size=12), st.lists(st.integers(0, 2**32 - 1), max_size=4)))
    def test_lookups_never_lose_a_position(self, table: dict[str, list[int]]) -> None:
        hashed = HashedTable(
            [pack(key, value) for key, values in table.items() for value in values]
        )
        for key, values in table.items():
            found = hashed.get(key)
            assert set(values) <= set(found)  # a hash collision may only add positions
