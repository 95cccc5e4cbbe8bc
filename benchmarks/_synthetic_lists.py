"""Realistic synthetic sanctions lists of any size, for the scale benchmark.

Names are drawn from real name parts, not random letters, so that word frequencies,
lengths and shared words behave as in real lists (half of the draws follow how often
the lists use a part, half pick any distinct part, so that a large list is not a small
one repeated):

- people: given names and surnames of the real lists in ``../shared`` (2021 SDN, 2023
  CSL, UN, DPL, non-SDN: Arabic, Russian, Spanish, Chinese, Korean... as the lists
  romanize them), given names of every language in the
  package's ``given_name_equivalents.csv``, Chinese and Korean surnames of the package's
  tables; written "SURNAME, Given [Middle]" as the SDN writes them, sometimes with a
  patronymic;
- organizations: the words of those lists' organization names, with a legal form of the
  package's ``legal_forms.csv`` (OOO, LLC, GmbH, Pvt Ltd...) and sometimes a place;
- aliases: other spellings of a given name, a shortened or reordered form, another
  organization name; 2.3 names per entry on average, as the consolidated lists have.

Everything comes from one ``random.Random(seed)``: the same size and seed give the same
list. Needs ``../shared`` (the SDN list).
"""

from __future__ import annotations

import csv
import math
import random
import warnings
from importlib import resources
from pathlib import Path

import sanctionscreen as ss

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
LISTS = [
    SHARED / "lists" / name
    for name in (
        "ofac_sdn_2021",
        "us_csl_2019/csl.csv",
        "un_2026",
        "us_bis_dpl_2022",
        "ofac_non_sdn_2025",
    )
]
NAMES_PER_ENTRY = 2.3


class NameParts:
    """The real name parts synthetic names are drawn from."""

    def __init__(self) -> None:
        warnings.simplefilter("ignore")
        self.surnames: list[str] = []
        self.given: list[str] = []
        self.org_words: list[str] = []
        for entry in (e for path in LISTS if path.exists() for e in ss.load_list(path).entries):
            for name in (entry.name, *(alias.name for alias in entry.aliases)):
                if entry.kind is ss.EntityKind.PERSON and ", " in name:
                    surname, given = name.split(", ", 1)
                    self.surnames.append(surname.title())
                    self.given += [word for word in given.split() if word.isalpha()]
                elif entry.kind is ss.EntityKind.ORGANIZATION:
                    self.org_words += [w for w in name.replace(",", " ").split() if w.isalpha()]
        self.spellings: list[list[str]] = []
        for row in _package_table("given_name_equivalents.csv"):
            latin = [s for s in row["spellings"].split("|") if s.isascii()]
            self.spellings.append(latin)
            self.given += latin
        for table in ("chinese_surnames.csv", "korean_surnames.csv"):
            for row in _package_table(table):
                first = next(iter(row.values()))
                self.surnames.append(first.title())
        self.legal_forms = [
            row["form"] for row in _package_table("legal_forms.csv") if row["form"].isascii()
        ]
        self.places = ["Moscow", "Dubai", "Hong Kong", "Delhi", "Bishkek", "Tehran", "Minsk"]
        self.distinct = {
            "surnames": sorted(set(self.surnames)),
            "given": sorted(set(self.given)),
            "org_words": sorted(set(self.org_words)),
        }

    def draw(self, rng: random.Random, kind: str) -> str:
        """Draw a part: half as often as the lists use it, half from the distinct parts."""
        pool = getattr(self, kind) if rng.random() < 0.5 else self.distinct[kind]
        return str(rng.choice(pool))


def _package_table(name: str) -> list[dict[str, str]]:
    text = resources.files("sanctionscreen").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def synthetic_list(
    size: int, seed: int = 20261204, parts: NameParts | None = None
) -> ss.SanctionsList:
    """Return a list of ``size`` entries (60% people, 40% organizations) with aliases."""
    parts = parts or NameParts()
    rng = random.Random(seed)
    entries = []
    for number in range(size):
        person = rng.random() < 0.6
        name, aliases = _person(rng, parts) if person else _organization(rng, parts)
        entries.append(
            ss.ListEntry(
                id=f"SYN-{number}",
                name=name,
                list_type=ss.ListType.SANCTIONS,
                aliases=tuple(ss.Alias(alias) for alias in aliases if alias != name),
                kind=ss.EntityKind.PERSON if person else ss.EntityKind.ORGANIZATION,
            )
        )
    return ss.SanctionsList(
        name=f"Synthetic list of {size:,} entries",
        publisher="sanctionscreen benchmarks",
        list_type=ss.ListType.SANCTIONS,
        format="synthetic",
        entries=tuple(entries),
    )


def _extra_names(rng: random.Random) -> int:
    """How many aliases an entry has: 1.3 on average, many with none."""
    # The floor of an exponential variable of this mean has NAMES_PER_ENTRY - 1 as its mean.
    mean = 1 / math.log(1 + 1 / (NAMES_PER_ENTRY - 1))
    return min(int(rng.expovariate(1 / mean)), 12)


def _person(rng: random.Random, parts: NameParts) -> tuple[str, list[str]]:
    surname = parts.draw(rng, "surnames")
    given = [parts.draw(rng, "given") for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    name = f"{surname}, {' '.join(given)}"
    aliases = []
    for _ in range(_extra_names(rng)):
        kind = rng.random()
        if kind < 0.4:  # another spelling of the given name
            spellings = rng.choice(parts.spellings)
            aliases.append(f"{surname}, {rng.choice(spellings)} {' '.join(given[1:])}".strip())
        elif kind < 0.7:  # the name in the other order, or shortened
            aliases.append(f"{given[0]} {surname}")
        else:  # another surname (a married name, a nom de guerre)
            aliases.append(f"{parts.draw(rng, 'surnames')}, {' '.join(given)}")
    return name, aliases


def _organization(rng: random.Random, parts: NameParts) -> tuple[str, list[str]]:
    words = [parts.draw(rng, "org_words").title() for _ in range(rng.choice((1, 2, 2, 3, 4)))]
    form = rng.choice(parts.legal_forms)
    name = f"{' '.join(words)} {form}"
    if rng.random() < 0.2:
        name += f" ({rng.choice(parts.places)})"
    aliases = []
    for _ in range(_extra_names(rng)):
        if rng.random() < 0.5:
            aliases.append(" ".join(words))
        else:
            aliases.append(" ".join(parts.draw(rng, "org_words").title() for _ in words))
    return name, aliases
