"""Party matching on the names of this trade: disguised listed names found, innocent names quiet.

Run from the project root with the package installed: ``python benchmarks/trade_names.py``
(``--sample N`` screens N names per class, default 2,000). Reads the 2021 OFAC SDN and
2019 US Consolidated Screening List from ``../shared/data/lists`` and the project's own
negative set, ``benchmarks/data/negative_companies.csv`` (real listed companies of India,
Türkiye, the UAE, China and Kazakhstan; sources in ``benchmarks/data/SOURCE.md``). Every
name goes through a :class:`Matcher` as ``screen()`` asks (possible matches included),
so rarity weights, features and thresholds all count. Prints:

1. real company names that alert, and that get any result (alert or review), per country;
2. listed names in each disguise of a trade document (a word cut short or reduced to
   its consonants, generic additions, a short name with a diacritic, a look-alike letter
   or in Cyrillic, company words in Russian or English, another romanization of a
   Russian name, a person's first family name only) found as an alert;
3. innocent look-alikes built from listed names (the distinctive word left out, a bare
   legal form or generic word, the listed name's initials as a company) that alert.

The disguises are generated from the list itself with a fixed seed, so before and after
figures of a change compare like with like.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import sanctionscreen as ss
from sanctionscreen.matching.matcher import Matcher
from sanctionscreen.names import normalize_name

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data" / "lists"
NEGATIVES = HERE / "data" / "negative_companies.csv"
RUSSIAN_PROGRAMS = re.compile(r"RUSSIA|UKRAINE|CYBER|BELARUS")
# Names romanized from Russian (BGN/PCGN as OFAC writes them), not English names.
_RUSSIAN_LOOKING = re.compile(r"(?:OV|EV|IN|IY|YY|SKY|SKIY|AYA|OVICH|EVICH|OVNA|EVNA)\b|KH|ZH")
_ENGLISH_LOOKING = re.compile(r"\b(?:THE|OF|AND|FOR|COMPANY|LIMITED|INTERNATIONAL)\b|TH|W")

# Business words lists spell out and documents shorten, with the Russian word for some.
_TRANSLATED = {
    "plant": "Zavod",
    "concern": "Kontsern",
    "institute": "Institut",
    "research": "Issledovatelskiy",
    "scientific": "Nauchnyy",
    "production": "Proizvodstvennoye",
    "enterprise": "Predpriyatiye",
    "corporation": "Korporatsiya",
    "technologies": "Tekhnologii",
    "mechanical": "Mekhanicheskiy",
    "shipbuilding": "Sudostroitelnyy",
    "zavod": "Plant",
    "kontsern": "Concern",
    "institut": "Institute",
}
_ADDITIONS = (" Holding", " Group of Companies", " (Moscow)", " Moscow Branch", " Group")
_CYRILLIC = {
    "shch": "щ", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "zh": "ж", "yu": "ю",
    "ya": "я", "ye": "е", "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е",
    "z": "з", "i": "и", "y": "ы", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о",
    "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "c": "к", "x": "кс",
    "w": "в", "h": "х", "j": "й", "q": "к",
}  # fmt: skip
_LOOK_ALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х"}
_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}


def _rate(found: int, total: int) -> str:
    return f"{found}/{total} = {100 * found / total:.2f}%" if total else "none"


def _matcher(*folders: str) -> tuple[Matcher, list[ss.SanctionsList]] | None:
    paths = [SHARED / folder for folder in folders]
    if not all(path.exists() for path in paths):
        return None
    lists = [ss.load_list(path) for path in paths]
    return Matcher(lists), lists


def negatives(matcher: Matcher) -> None:
    rows = list(csv.DictReader(NEGATIVES.open(encoding="utf-8")))
    alerts: Counter[str] = Counter()
    results: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    shown: list[str] = []
    for row in rows:
        country = row["country"]
        totals[country] += 1
        party = ss.Entity(row["name"], country=country)
        found = matcher.match(party, include_review=True)
        if found:
            results[country] += 1
            best = found[0]
            if best.is_alert:
                alerts[country] += 1
            if len(shown) < 12:
                shown.append(
                    f"     {best.level:<6} {best.score:.2f} {row['name']!r} = {best.matched_name!r}"
                )
    print(f"1. real company names ({len(rows)}, {NEGATIVES.name}) against the SDN and CSL")
    for country in [*sorted(totals, key=lambda c: -totals[c]), "all"]:
        total = sum(totals.values()) if country == "all" else totals[country]
        alert = sum(alerts.values()) if country == "all" else alerts[country]
        any_result = sum(results.values()) if country == "all" else results[country]
        if total >= 40 or country == "all":
            shown_rate = _rate(alert, total)
            print(f"   {country:<4} alert {shown_rate:<22} any result {_rate(any_result, total)}")
    print("   first results, for inspection:")
    print("\n".join(shown))


def _words(name: str) -> list[str]:
    return name.split()


def _cut_short(name: str, rng: random.Random) -> str | None:
    """Cut a generic word short ("Concern" -> "Conc.") or to its consonants ("Cncrn")."""
    words = _words(name)
    generic = [
        i
        for i, word in enumerate(words)
        if len(word) >= 6 and word.isalpha() and _is_filler(word) and not _is_legal_form(word)
    ]
    if not generic:
        return None
    i = rng.choice(generic)
    word = words[i]
    if rng.random() < 0.5:
        words[i] = word[: rng.randint(4, len(word) - 2)] + rng.choice((".", ""))
    else:
        words[i] = word[0] + re.sub(r"[aeiouyAEIOUY]", "", word[1:])
    return " ".join(words)


def _is_filler(word: str) -> bool:
    try:
        tokens = normalize_name(word, kind=ss.EntityKind.ORGANIZATION).tokens
    except ss.ValidationError:
        return False
    return len(tokens) == 1 and tokens[0].kind == "filler"


def _added(name: str, rng: random.Random) -> str | None:
    """The name with a group word, a city or a branch added before its legal form."""
    words = _words(name)
    cut = len(words)
    while cut > 1 and _is_legal_form(words[cut - 1]):
        cut -= 1
    return " ".join([*words[:cut], rng.choice(_ADDITIONS).strip(), *words[cut:]])


def _is_legal_form(word: str) -> bool:
    try:
        return bool(normalize_name(f"Name {word}", kind=ss.EntityKind.ORGANIZATION).legal_forms)
    except ss.ValidationError:
        return False


def _short_name(name: str, rng: random.Random) -> str | None:
    """A one-word name of six to nine letters with an accent, a look-alike or in Cyrillic."""
    words = _words(name)
    if len(words) != 1 or not 6 <= len(name) <= 9 or not name.isalpha():
        return None
    choice = rng.randrange(3)
    if choice == 2:
        return _to_cyrillic(name)
    return _swap_one(name, _ACCENTED if choice == 0 else _LOOK_ALIKE, rng)


def _swap_one(name: str, table: dict[str, str], rng: random.Random) -> str | None:
    """Write one letter of the name otherwise (in the same case), if the table has one."""
    spots = [i for i, ch in enumerate(name.lower()) if ch in table]
    if not spots:
        return None
    i = rng.choice(spots)
    other = table[name[i].lower()]
    return name[:i] + (other.upper() if name[i].isupper() else other) + name[i + 1 :]


def _to_cyrillic(name: str) -> str:
    out, lower, i = [], name.lower(), 0
    while i < len(lower):
        for size in (4, 2, 1):
            piece = lower[i : i + size]
            if piece in _CYRILLIC:
                out.append(_CYRILLIC[piece])
                i += size
                break
        else:
            out.append(lower[i])
            i += 1
    return "".join(out).capitalize()


def _translated(name: str, rng: random.Random) -> str | None:
    words = _words(name)
    spots = [i for i, word in enumerate(words) if word.lower().strip(",.") in _TRANSLATED]
    if not spots:
        return None
    for i in spots:
        words[i] = _TRANSLATED[words[i].lower().strip(",.")]
    return " ".join(words)


def _romanized(name: str, rng: random.Random) -> str | None:
    """The name through Cyrillic and back by another system (needs ``iuliia``)."""
    try:
        import iuliia  # type: ignore[import-untyped]
    except ImportError:
        return None
    schemas = (iuliia.ICAO_DOC_9303, iuliia.GOST_779, iuliia.ISO_9_1968, iuliia.SCIENTIFIC,
               iuliia.GOST_52535, iuliia.YANDEX_MONEY, iuliia.MOSMETRO)  # fmt: skip
    if not _RUSSIAN_LOOKING.search(name) or _ENGLISH_LOOKING.search(name):
        return None
    parts = re.split(r"([ ,.-]+)", name)
    cyrillic = "".join(_to_cyrillic(part) if part.isalpha() else part for part in parts)
    return str(rng.choice(schemas).translate(cyrillic))


def _first_family_name(name: str, rng: random.Random) -> str | None:
    """ "RODRIGUEZ OREJUELA, Gilberto Jose" -> "Gilberto Rodriguez"."""
    match = re.fullmatch(r"([A-Z'-]+) ([A-Z'-]+), ([A-Za-z'-]+)(?: .*)?", name)
    if match is None or len(match.group(1)) < 3 or len(match.group(2)) < 3:
        return None  # "AL RAWI", "DE LA ...": a particle, not two family names
    return f"{match.group(3)} {match.group(1).title()}"


Disguise = Callable[[str, random.Random], "str | None"]
DISGUISES: tuple[tuple[str, Disguise, str], ...] = (
    ("word cut short", _cut_short, "organization"),
    ("generic additions", _added, "organization"),
    ("short name, accent/look-alike/Cyrillic", _short_name, "organization"),
    ("company words translated", _translated, "organization"),
    ("another romanization (Russian programs)", _romanized, "russian"),
    ("first family name only", _first_family_name, "person"),
)


def _names(sdn: ss.SanctionsList, scope: str) -> Iterator[tuple[ss.ListEntry, str]]:
    for entry in sdn:
        if scope == "russian":
            if not any(RUSSIAN_PROGRAMS.search(p) for p in entry.programs):
                continue
        elif entry.kind is not ss.EntityKind(scope):
            continue
        for name in (entry.name, *(a.name for a in entry.aliases if a.type is ss.AliasType.AKA)):
            yield entry, name


def disguised(matcher: Matcher, sdn: ss.SanctionsList, sample: int) -> None:
    print("2. 2021 OFAC SDN names in a trade document's disguises, found as an alert (seed 13)")
    for label, disguise, scope in DISGUISES:
        rng = random.Random(13)
        cases = []
        for entry, name in _names(sdn, scope):
            variant = disguise(name, rng)
            if variant and variant != name:
                cases.append((entry, name, variant))
        rng.shuffle(cases)
        cases = cases[:sample]
        missed = []
        for entry, name, variant in cases:
            kind = entry.kind if rng.random() < 0.5 else ss.EntityKind.UNKNOWN
            found = {m.entry.id for m in matcher.match(ss.Entity(variant, kind=kind))}
            if entry.id not in found:
                missed.append((name, variant))
        total = len(cases)
        print(f"   {label:<42} {_rate(total - len(missed), total)}")
        for name, variant in missed[:3]:
            print(f"       missed: {variant!r} (listed {name!r})")


def look_alikes(matcher: Matcher, sdn: ss.SanctionsList, sample: int) -> None:
    rng = random.Random(13)
    made: dict[str, list[str]] = defaultdict(list)
    for _entry, name in _names(sdn, "organization"):
        try:
            norm = normalize_name(name, kind=ss.EntityKind.ORGANIZATION)
        except ss.ValidationError:
            continue
        words = [t for t in norm.tokens if t.kind == "word"]
        generic = [t.text for t in norm.tokens if t.kind == "filler"]
        if words and generic:
            # "Northern Star Cargo Shipping LLC" -> "Cargo Shipping LLC"
            made["its own words left out"].append(" ".join(generic).title() + " LLC")
        if len(norm.tokens) >= 3:
            initials = "".join(t.text[0] for t in norm.tokens[:3]).upper()
            made["the listed name's initials as a company"].append(
                f"{initials} {rng.choice(('Trading', 'Industries', 'Exports'))} Pvt Ltd"
            )
    made["a bare legal form or generic word"] = [
        "LLC", "Ltd", "Pvt Ltd", "OOO", "JSC", "GmbH", "FZE", "International", "Trading",
        "Group", "Holding", "Industries", "Global", "Enterprises", "Company", "Corporation",
    ]  # fmt: skip
    print("3. innocent look-alikes built from the 2021 SDN's organizations that alert")
    for label, names in made.items():
        names = sorted(set(names))
        rng.shuffle(names)
        names = names[:sample]
        hits = [(n, m[0]) for n in names if (m := matcher.match(ss.Entity(n)))]
        print(f"   {label:<42} {_rate(len(hits), len(names))}")
        for name, match in hits[:3]:
            print(f"       {name!r} = {match.matched_name!r} ({match.score:.2f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=2000, help="names per class")
    args = parser.parse_args()
    built = _matcher("ofac_sdn_2021", "us_csl_2019/csl.csv")
    if built is None:
        print("skipped: ../shared/data/lists is absent")
        return 0
    matcher, lists = built
    negatives(matcher)
    sdn_only = Matcher(lists[:1])
    disguised(sdn_only, lists[0], args.sample)
    look_alikes(sdn_only, lists[0], args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
