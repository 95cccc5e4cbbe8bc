"""Record and compare the results of a fixed corpus of shipments, to prove a refactor moved nothing.

Usage, from the project root with the package installed:

    python tools/regression_corpus.py record /tmp/before      # at the old commit
    python tools/regression_corpus.py record /tmp/after       # at the new one
    python tools/regression_corpus.py compare /tmp/before /tmp/after

``record`` builds ``--count`` varied shipments (fixed seed; parties drawn from the real 2021
OFAC SDN list in ``../shared`` and from invented companies, addresses that name embargoed
places and occupied regions, dual-use and everyday goods in many HS notations, values in
several currencies and as text, dates or none) and screens every one under several screener
configurations, writing one JSON-lines file per configuration: the result's ``to_json()``,
or the error a shipment raised.

``compare`` reads two recordings and prints, per configuration, how many results are
byte-identical and, for the others, what changed once data version labels are reduced to
their file names (a data file's new checksum is expected after editing it) and the keys
given with ``--ignore`` are left out: top-level paths, and per flag code either a count
that changed or the evidence paths that did (list indices folded to ``*``), with one
example shipment each, so that every difference can be explained. ``show`` prints one
recorded result.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import random
import re
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sanctionscreen as ss

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "lists"

COUNTRIES = (
    "IN", "RU", "BY", "KG", "KZ", "AE", "TR", "CN", "HK", "DE", "US", "GB", "CH", "AM",
    "GE", "UZ", "IR", "KP", "CU", "SY", "UA", "RS", "FR", "JP", "SG",
)  # fmt: skip
PLACES = ("Crimea", "UA-43", "Sevastopol", "Mariupol", "Donetsk oblast", "UA-14", "Kherson")
ADDRESSES = (
    "ul. Lenina 5, Moscow",
    "Sevastopol, ul. Bolshaya Morskaya 10",
    "Russia Street 4, Berlin",
    "12 Main St, Moscow, Idaho",
    "Chuy Avenue 100, Bishkek",
    "Khreshchatyk 1, Kyiv",
    "Donetsk, Artema 12",
    "Mariupol",
    "Tehran, Valiasr St",
    "Pyongyang",
    "Havana, Calle 23",
    "Minsk, pr. Nezavisimosti 4",
    "Dubai Silicon Oasis, Dubai",
    "Electronic City, Bengaluru",
    "ул. Примерная 1, г. Москва",
    "Simferopol, Kyivska 3",
    "Rue de Cuba 3, Paris",
    "Damascus",
    "Almaty, Abay 1",
    "Luhansk",
)
WORDS = (
    "Alpha", "Orion", "Nova", "Vertex", "Zenith", "Apex", "Global", "Quantum", "Micro",
    "Tech", "Systems", "Trading", "Electronics", "Components", "Export", "Star", "Lotus",
    "Ganga", "Indus", "Silk", "Eastern", "Prime", "Royal", "United", "Metro", "Falcon",
    "Sertal", "Mikron", "Radio", "Telecom", "Avia", "Marine", "Energo", "Stroy",
)  # fmt: skip
FORMS = ("Pvt Ltd", "LLC", "Ltd", "GmbH", "FZE", "OOO", "ООО", "AO", "JSC", "Inc", "")
GOODS = (
    ("Cotton knitted T-shirts", "6109.10"),
    ("Basmati rice", "1006.30"),
    ("Automobile brake pads", "8708.30"),
    ("Microcontrollers STM32F103C8T6", "8542.31"),
    ("Quadcopter drones with FPV camera", "8806.22"),
    ("Telecom switching equipment parts", "8517.62"),
    ("Ball bearings", "8482.10"),
    ("Thermal imaging camera module", "8525.89"),
    ("Plastic parts XC7A35T-1CPG236C", "3926.90.99"),
    ("Helicopter parts", "8803.30"),
    ("Radio transceivers", "8525.60"),
    ("Printed circuit boards", "8534.00"),
    ("Wood router", "8467.29"),
    ("Полётный контроллер", "8526.91"),
    ("GNSS receiver modules", "HS 8526.91"),
    ("Server racks", "8471.50"),
    ("Toy drone", "9503.00"),
    ("Oscilloscopes", "9030.20"),
    ("Machine tools", "8457.10"),
    ("Wooden office furniture", "9403.30"),
    ("Integrated circuits", "8542"),
    ("Semiconductor devices", "854140"),
    ("Gas turbine parts", "8411.99"),
    ("", "8542.39"),
    ("Network router", ""),
)
VALUES = (
    "USD 1,000", "Rs 8,20,00,000", "EUR 48,500", "RUB 1,500,000", "1,5 млн руб.",
    "AED 250,000", "CNY 80,000", "KGS 500,000", "USD 12", "INR 45,00,000", "$ 2,500",
    "GBP 9,999.99", "KZT 1,000,000", "Rs 8,200 crore",
)  # fmt: skip
LINE_VALUES = ("USD 500", "USD 250.50", "EUR 100", "INR 10,000", "RUB 70,000", "AED 3,672.50")


def _listed_names(rng: random.Random) -> list[tuple[str, str]]:
    """Names and aliases of real SDN entries, with their kind."""
    sdn = ss.load_list(SHARED / "ofac_sdn_2021")
    entries = sorted(sdn.entries, key=lambda e: e.id)
    picked = rng.sample(entries, 600)
    names = []
    for entry in picked:
        names.append((entry.name, entry.kind.value))
        names.extend((alias.name, entry.kind.value) for alias in entry.aliases[:2])
    return names


def _variant(rng: random.Random, name: str) -> str:
    """The same name as a register might write it."""
    choice = rng.randrange(6)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return name.title()
    if choice == 2 and len(name) > 6:
        i = rng.randrange(1, len(name) - 2)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if choice == 3:
        return f"{name} {rng.choice(('LLC', 'Ltd', 'OOO', 'Trading'))}"
    return name


def _entity(rng: random.Random, listed: list[tuple[str, str]], role: str | None) -> ss.Entity:
    kind = "unknown"
    if rng.random() < 0.12:
        name, kind = rng.choice(listed)
        name = _variant(rng, name)
        if rng.random() < 0.5:
            kind = "unknown"
    else:
        name = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
        form = rng.choice(FORMS)
        name = f"{name} {form}".strip()
    country: str | None = rng.choice(COUNTRIES) if rng.random() < 0.9 else None
    if country == "UA" and rng.random() < 0.4:
        country = rng.choice(PLACES)
    address = rng.choice(ADDRESSES) if rng.random() < 0.35 else None
    identifiers = {"INN": f"77{rng.randrange(10**8):08d}"} if rng.random() < 0.05 else None
    return ss.Entity(
        name, country=country, address=address, role=role, kind=kind, identifiers=identifiers
    )


def shipments(count: int, seed: int) -> Iterator[tuple[int, ss.Shipment | str]]:
    """Yield (number, shipment) or (number, error text) for ``count`` varied shipments."""
    rng = random.Random(seed)
    listed = _listed_names(rng)
    for number in range(count):
        try:
            yield number, _shipment(rng, listed, number)
        except ss.SanctionScreenError as exc:
            yield number, f"{type(exc).__name__}: {exc}"


def _shipment(rng: random.Random, listed: list[tuple[str, str]], number: int) -> ss.Shipment:
    parties = []
    for role in ("end_user", "notify_party", "freight_forwarder"):
        if rng.random() < 0.3:
            parties.append(_entity(rng, listed, role))
    goods = []
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        description, code = rng.choice(GOODS)
        quantity = str(rng.choice((1, 10, 200, 5000))) if rng.random() < 0.4 else None
        value = rng.choice(LINE_VALUES) if rng.random() < 0.3 else None
        item = ss.GoodsItem(description, hs_code=code or None, quantity=quantity, value=value)
        goods.append(item)
    exporter = _entity(rng, listed, "exporter")
    if rng.random() < 0.5:
        value: object = rng.choice(VALUES)
        if exporter.country not in ("IN", None) and "Rs" in str(value):
            value = "INR 1,00,000"
    elif rng.random() < 0.3:
        value = ss.Money(str(rng.randrange(1, 10**7)), rng.choice(("USD", "EUR", "INR", "RUB")))
    else:
        value = None
    date = None
    if rng.random() < 0.85:
        date = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
    destination: str | None = rng.choice(COUNTRIES) if rng.random() < 0.93 else None
    if destination == "UA" and rng.random() < 0.5:
        destination = rng.choice(PLACES)
    transit = [rng.choice(COUNTRIES) for _ in range(rng.choice((0, 0, 0, 1, 2)))]
    return ss.Shipment(
        id=f"C-{number:05d}",
        date=date,
        exporter=exporter,
        consignee=_entity(rng, listed, "consignee"),
        parties=parties,
        goods=goods,
        value=value,
        origin=rng.choice(("IN", "IN", "CN", "DE", "US", "RU", "IR", None)),
        destination=destination,
        transit=transit,
        destination_locality=rng.choice((None, None, None, "Sevastopol", "Bishkek", "Moscow")),
    )


def _rates_table(folder: Path) -> ss.TableRates:
    path = folder / "pinned_rates.csv"
    path.write_text(
        "date,currency,units_per_usd\n"
        + "".join(
            f"{day},{currency},{rate}\n"
            for day in ("2022-03-24", "2023-03-24", "2024-01-15")
            for currency, rate in (("RUB", "81.5"), ("KGS", "87.4"), ("INR", "82.3"))
        ),
        encoding="utf-8",
    )
    return ss.TableRates.from_csv(path, name="pinned", max_days_back=400)


def configurations(folder: Path) -> dict[str, Callable[[], ss.Screener]]:
    """The screeners the corpus is run under, by name; built only when used."""
    from sanctionscreen import checks

    sdn = ss.load_list(SHARED / "ofac_sdn_2021")
    un = ss.load_list(SHARED / "un_2026" / "UN_consolidated.xml")
    table = _rates_table(folder)
    allowlist = folder / "allowlist.csv"
    allowlist.write_text(
        "name,entry_id,reason\nBANCO NACIONAL DE CUBA,306,corpus test\n", encoding="utf-8"
    )
    new_api = hasattr(ss, "PlaceConfig")

    def addresses_elsewhere_info() -> ss.Screener:
        if new_api:
            return ss.Screener([sdn], places=ss.PlaceConfig(address_elsewhere="info"))
        return ss.Screener(
            [sdn],
            checks=[
                lambda m: checks.PartyCheck(m),
                checks.RouteCheck(checks.RouteConfig(address_elsewhere="info")),
                checks.GoodsCheck(),
                checks.ValueCheck(),
            ],
        )

    def own_checks_and_rates() -> ss.Screener:
        value_config = checks.ValueConfig(threshold_usd=decimal.Decimal("10000"))
        goods_config = checks.GoodsConfig(top_tier="critical", transshipment="high")
        if new_api:
            party = checks.PartyCheck(checks.PartyConfig(max_matches_per_party=2))
        else:
            party = lambda m: checks.PartyCheck(m, checks.PartyConfig(max_matches_per_party=2))  # noqa: E731
        return ss.Screener(
            [sdn, un],
            checks=[party, checks.GoodsCheck(goods_config), checks.ValueCheck(config=value_config)],
            rates=[table, ss.PegRates(), ss.EcbRates()],
            allowlist=allowlist,
        )

    return {
        "default-sdn": lambda: ss.Screener([sdn]),
        "sample-list": ss.Screener,
        "addresses-elsewhere-info": addresses_elsewhere_info,
        "own-checks-and-rates": own_checks_and_rates,
    }


def record(out: Path, count: int, seed: int) -> None:
    """Screen the corpus under every configuration and write one JSON-lines file each."""
    out.mkdir(parents=True, exist_ok=True)
    warnings.simplefilter("ignore")
    corpus = list(shipments(count, seed))
    with tempfile.TemporaryDirectory() as scratch:
        for name, build in configurations(Path(scratch)).items():
            screener = build()
            start = time.perf_counter()
            with (out / f"{name}.jsonl").open("w", encoding="utf-8") as file:
                for number, item in corpus:
                    if isinstance(item, str):
                        line = {"n": number, "error": item}
                    else:
                        line = {"n": number, "json": screener.screen(item).to_json()}
                    file.write(json.dumps(line, ensure_ascii=False) + "\n")
            elapsed = time.perf_counter() - start
            print(f"{name}: {len(corpus)} shipments in {elapsed:.1f} s")


def _paths(a: Any, b: Any, path: str = "") -> Iterator[str]:
    """Yield the JSON paths where ``a`` and ``b`` differ, list indices folded to ``*``."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                yield f"{path}.{key} ({'added' if key not in a else 'removed'})"
            else:
                yield from _paths(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for x, y in zip(a, b, strict=True):
            yield from _paths(x, y, f"{path}[*]")
    elif a != b:
        yield path or "."


# A data version label: "embargoes.csv@2025-10-23#a74e0981a1af".
_LABEL = re.compile(r"([\w.-]+\.(?:csv|json))@[\w.-]+#[0-9a-f]{12}")


def _normalized(value: Any, ignore: frozenset[str]) -> Any:
    """Drop the keys in ``ignore`` and reduce data version labels to the file name."""
    if isinstance(value, dict):
        return {k: _normalized(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        kept = [_normalized(v, ignore) for v in value]
        return [v for v in kept if not (isinstance(v, str) and v in ignore)]
    if isinstance(value, str):
        return _LABEL.sub(r"\1", value)
    return value


def _classes(old: dict[str, Any], new: dict[str, Any]) -> Iterator[str]:
    """Name each difference: a top-level path, or a flag code with what changed in it."""
    for key in sorted(set(old) | set(new)):
        if key != "flags":
            yield from (f"result{path}" for path in _paths(old.get(key), new.get(key), f".{key}"))
    by_code: dict[str, tuple[list[Any], list[Any]]] = defaultdict(lambda: ([], []))
    for side, result in ((0, old), (1, new)):
        for flag in result["flags"]:
            by_code[flag["code"]][side].append(flag)
    for code, (olds, news) in sorted(by_code.items()):
        if olds == news:
            continue
        if len(olds) != len(news):
            yield f"{code}: {len(olds)} -> {len(news)} flags"
            continue
        for x, y in zip(olds, news, strict=True):
            yield from (f"{code}: {path}" for path in set(_paths(x, y)))


def compare(before: Path, after: Path, ignore: frozenset[str]) -> int:
    """Print what differs between two recordings; return 1 when anything does."""
    differing = 0
    for old_file in sorted(before.glob("*.jsonl")):
        olds = old_file.read_text(encoding="utf-8").splitlines()
        news = (after / old_file.name).read_text(encoding="utf-8").splitlines()
        same = sum(a == b for a, b in zip(olds, news, strict=True))
        classes: Counter[str] = Counter()
        examples: dict[str, int] = {}
        for a, b in zip(olds, news, strict=True):
            if a == b:
                continue
            old, new = json.loads(a), json.loads(b)
            if "json" not in old or "json" not in new:
                found = {"error record changed"}
            else:
                x = _normalized(json.loads(old["json"]), ignore)
                y = _normalized(json.loads(new["json"]), ignore)
                found = set(_classes(x, y))
            for name in found:
                classes[name] += 1
                examples.setdefault(name, old["n"])
            differing += bool(found)
        changed = sum(1 for a, b in zip(olds, news, strict=True) if a != b)
        print(
            f"{old_file.stem}: {same}/{len(olds)} byte-identical; of the {changed} others, "
            "these differences remain once data labels are reduced to file names:"
        )
        for name, n in sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:>6}  {name}  (e.g. shipment {examples[name]})")
    return 1 if differing else 0


def show(recording: Path, config: str, number: int) -> None:
    """Print one shipment's result from a recording, for reading a difference."""
    for line in (recording / f"{config}.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["n"] == number:
            print(json.dumps(json.loads(record.get("json", "{}")), indent=1, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("out", type=Path)
    rec.add_argument("--count", type=int, default=10_000)
    rec.add_argument("--seed", type=int, default=11)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    cmp.add_argument(
        "--ignore",
        action="append",
        default=[],
        help="a key (or list item) to leave out of both sides, e.g. a new evidence field",
    )
    one = sub.add_parser("show")
    one.add_argument("recording", type=Path)
    one.add_argument("config")
    one.add_argument("number", type=int)
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} is missing: the corpus needs the real SDN list", file=sys.stderr)
        return 2
    if args.command == "record":
        record(args.out, args.count, args.seed)
        return 0
    if args.command == "show":
        show(args.recording, args.config, args.number)
        return 0
    return compare(args.before, args.after, frozenset(args.ignore))


if __name__ == "__main__":
    raise SystemExit(main())
