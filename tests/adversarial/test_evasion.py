"""A name that looks like a listed name is screened as that name, however it is written.

Variants are made the way an attacker makes them: from the Unicode confusables data
(Cyrillic, Greek, Armenian and Cherokee letters that look like Latin ones), digits for
letters, and names stored backwards inside a right-to-left override.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen.lists import ListEntry, ListType, SanctionsList
from sanctionscreen.matching.matcher import Matcher
from sanctionscreen.names import normalize_name, visual_readings

SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


def _confusables() -> dict[str, dict[str, list[str]]]:
    """Per script, each Latin letter and the letters of that script that look like it."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    table: dict[str, dict[str, list[str]]] = {script: {} for script in SCRIPTS}
    for ch, glyphs in json.loads(raw.read_text(encoding="utf-8")).items():
        script = unicodedata.name(ch, "").split(" ")[0] if len(ch) == 1 else ""
        if script not in table:
            continue
        for glyph in glyphs:
            if len(glyph["c"]) == 1 and glyph["n"].startswith("LATIN"):
                table[script].setdefault(glyph["c"], []).append(ch)
    return table


CONFUSABLES = _confusables()


def swap(name: str, script: str, share: float, rng: random.Random) -> str:
    """Replace ``share`` of the letters that have a look-alike in ``script`` with one."""
    table = CONFUSABLES[script]
    out = []
    for ch in name:
        options = table.get(ch, [])
        if ch == "I":  # the data's prototype for upright strokes is "l"
            options = [c for c in table.get("l", []) if c.isupper()] + options
        out.append(rng.choice(sorted(options)) if options and rng.random() < share else ch)
    return "".join(out)


_DIGITS = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5", "t": "7"}


def leet(name: str) -> str:
    """Write one letter inside each word as the digit that looks like it ("M3lli")."""
    words = []
    for word in name.split(" "):
        for i in range(1, len(word) - 1):
            digit = _DIGITS.get(word[i].lower())
            if digit and word[i - 1].isalpha() and word[i + 1].isalpha():
                word = word[:i] + digit + word[i + 1 :]
                break
        words.append(word)
    return " ".join(words)


def override(name: str) -> str:
    """Store the name backwards inside a right-to-left override: it displays forwards."""
    return "\u202e" + name[::-1] + "\u202c"


LISTED = ("Oleg Deripaska", "Bank Melli Iran", "Testkomplekt", "Rosoboronexport", "Sertal")


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    entries = tuple(
        ListEntry(id=f"E{i}", name=name, list_type=ListType.SANCTIONS)
        for i, name in enumerate(LISTED)
    )
    listed = SanctionsList(
        name="evasion", publisher="tests", list_type=ListType.SANCTIONS, format="csv",
        entries=entries,
    )  # fmt: skip
    return Matcher([listed])


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Оlеg Dеrіраskа", "Oleg Deripaska"),  # most letters Cyrillic look-alikes
        ("Ваnk Меllі Іrаn", "Bank Melli Iran"),
        ("ΒΑΝΚ ΜΕLLΙ ΙRΑΝ", "Bank Melli Iran"),  # Greek capitals
        ("ᎢᎬՏᎢKՕᎷᏢᏞᎬKᎢ", "Testkomplekt"),  # Cherokee and Armenian
        ("B4nk M3ll1 1r4n", "Bank Melli Iran"),  # digits for letters
        ("$ertal", "Sertal"),
        ("R0s0b0r0n3xp0rt", "Rosoboronexport"),
        ("\u202enari illem knab\u202c", "Bank Melli Iran"),  # backwards in an override
    ],
)
def test_a_name_that_looks_listed_alerts(matcher: Matcher, written: str, listed: str) -> None:
    [match] = matcher.match(written)
    assert match.entry.name == listed
    assert match.is_alert
    # Found in a reading as it looks, unless the usual reading already finds it.
    seen = match.explanation.get("read_as_seen")
    assert seen is None or seen in visual_readings(written)


def test_a_word_that_reads_both_ways_is_read_both_ways() -> None:
    # "Васк" is a Cyrillic word and a look-alike of "Back": the usual reading stays.
    assert normalize_name("Васк").text == "vask"
    assert "Back" in visual_readings("Васк")
    # An upright stroke that starts a word may be a capital I or an l.
    assert {"lgor", "Igor"} <= set(visual_readings("Іgor"))
    # Numbers stay numbers; a name written plainly has no other reading.
    assert visual_readings("Trading 2000 Ltd") == ()
    assert visual_readings("lucky12345") == ()


def _sdn(shared: Callable[..., Path]) -> ss.SanctionsList:
    return ss.load_list(shared("lists", "ofac_sdn_2021"))


VARIANTS: tuple[tuple[str, Callable[[str, random.Random], str]], ...] = (
    ("cyrillic, every letter", lambda n, r: swap(n, "CYRILLIC", 1.0, r)),
    ("cyrillic, three in four", lambda n, r: swap(n, "CYRILLIC", 0.75, r)),
    ("greek, every letter", lambda n, r: swap(n, "GREEK", 1.0, r)),
    ("armenian, every letter", lambda n, r: swap(n, "ARMENIAN", 1.0, r)),
    ("cherokee, every letter", lambda n, r: swap(n, "CHEROKEE", 1.0, r)),
    ("digits inside words", lambda n, r: leet(n)),
    ("right-to-left override", lambda n, r: override(n)),
)


def test_every_sdn_name_written_to_look_the_same_is_still_found(
    shared: Callable[..., Path],
) -> None:
    """The property over the whole 2021 SDN: each name and alias, in one disguise each.

    A strong name must alert on its own entry; a weak alias (a review by design when
    met exactly) must at least come back for review.
    """
    sdn = _sdn(shared)
    matcher = Matcher([sdn])
    missed = []
    count = 0
    for entry in sdn:
        names = [(entry.name, False)] + [
            (alias.name, alias.type is ss.AliasType.WEAK_AKA) for alias in entry.aliases
        ]
        for name, weak in names:
            label, disguise = VARIANTS[count % len(VARIANTS)]
            variant = disguise(name, random.Random(count))
            count += 1
            # Alerts only where an alert is owed: the review floor would cost a third more.
            party = ss.Entity(variant, kind=entry.kind)
            found = {m.entry.id: m.level for m in matcher.match(party, include_review=weak)}
            level = found.get(entry.id)
            if level != "alert" and not (weak and level == "review"):
                missed.append((label, name, variant, level))
    assert count == 23_325
    assert missed == []
