"""Write the package's locale tables for money from CLDR, through Babel.

Run by hand to refresh them (``pip install babel``, then ``python tools/make_locale_money.py``).
The package does not need Babel: it reads the three tables this writes, each for the
locales of every country's official languages (CLDR's territory information, de facto
official ones included):

- ``locale_number_marks.csv``: each locale's decimal and grouping marks (the country
  settles "45.000" when all its locales agree on what a dot is);
- ``locale_currency_symbols.csv``: the symbols and names each locale writes for
  currencies ("R$", "د.إ.‏", "сом", "Schweizer Franken"), where they differ from the code;
- ``locale_scale_words.csv``: the scale words of each locale's compact number formats
  ("Mio.", "Mrd.", "milyon", "mil", "लाख", "万"), with their power of ten;
- ``country_currencies.csv``: each country's legal tender today, so that a country
  settles a symbol many currencies share ("$" in Mexico is the peso);
- ``currency_digits.csv``: the currencies whose minor units are not hundredths (JPY 0,
  BHD 3), so that "¥1.500" is grouping and "7.500 د.ب." in Bahrain a decimal.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
from babel import Locale, languages, localedata
from babel.numbers import get_currency_precision, get_territory_currencies

# Currencies whose names every locale's table gives (besides each country's own): the
# ones trade invoices and news quote across borders, and those of the India-Russia trade.
WIDELY_QUOTED = (
    "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "RUB", "INR", "AED", "HKD", "TRY", "KZT",
    "KGS", "BYN", "UZS", "AMD", "SAR",
)  # fmt: skip
DATA = Path(__file__).resolve().parent.parent / "src" / "sanctionscreen" / "data"
_QUOTED = re.compile(r"'([^']*)'")


def country_locales() -> dict[str, list[str]]:
    """Return each country's locales: one per official language, its own variant if any."""
    known = set(localedata.locale_identifiers())
    territories = sorted({ident.split("_")[-1] for ident in known if "_" in ident})
    found: dict[str, list[str]] = {}
    for territory in territories:
        if not (len(territory) == 2 and territory.isalpha() and territory.isupper()):
            continue
        chosen = []
        for language in languages.get_official_languages(territory, de_facto=True):
            own = f"{language}_{territory}"
            if own in known:
                chosen.append(own)
            elif language in known:
                chosen.append(language)
        if chosen:
            found[territory] = chosen
    return found


def _marks(locale: Locale) -> tuple[str, str]:
    symbols = locale.number_symbols["latn"]
    return symbols["decimal"], symbols["group"]


def _scale_words(locale: Locale) -> dict[str, int]:
    words: dict[str, int] = {}
    for kind in ("compact_decimal_formats", "compact_currency_formats"):
        for width in locale._data.get(kind, {}).values():  # width -> plural -> magnitude
            for forms in width.values():
                for magnitude, pattern in forms.items():
                    text = str(getattr(pattern, "pattern", pattern)).split(";")[0]
                    zeros = text.count("0")
                    if not zeros:
                        continue
                    word = _QUOTED.sub(r"\1", text).replace("¤", " ").replace("0", " ")
                    word = " ".join(word.replace("\xa0", " ").split())
                    if not word or " " in word:
                        continue  # "mil M" is two scale words, each read on its own
                    exponent = len(magnitude) - 1 - (zeros - 1)
                    words[word] = exponent
    return words


def main() -> None:
    """Write the three tables."""
    version = f"CLDR {babel.core.get_cldr_version()} (Babel {babel.__version__})"
    per_country = country_locales()
    current = {code for c in per_country for code in get_territory_currencies(c, tender=True)}
    current |= set(WIDELY_QUOTED)
    marks_rows = []
    tender = []
    symbols: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    scales: dict[tuple[str, int], set[str]] = defaultdict(set)
    for country, idents in per_country.items():
        local = set(get_territory_currencies(country, tender=True))
        tender.append((country, ";".join(get_territory_currencies(country, tender=True))))
        for ident in idents:
            locale = Locale.parse(ident)
            decimal, group = _marks(locale)
            marks_rows.append((country, ident, decimal, group))
            for code, symbol in locale.currency_symbols.items():
                if code not in current or symbol in current:
                    continue  # a withdrawn currency, or a symbol that is another's code
                if symbol != code and not any(ch.isdigit() for ch in symbol):
                    symbols[(symbol, code, "symbol")].add(country)
            for code in local | set(WIDELY_QUOTED):
                names = {locale.currencies.get(code)}
                names |= set(locale._data["currency_names_plural"].get(code, {}).values())
                for name in names - {None, code}:
                    symbols[(str(name), code, "name")].add(country)
            for word, exponent in _scale_words(locale).items():
                scales[(word, exponent)].add(country)
    header = f"# Generated by tools/make_locale_money.py from {version}"
    _write(
        "locale_number_marks.csv",
        header,
        ["country", "locale", "decimal", "group"],
        sorted(marks_rows),
    )
    _write(
        "locale_currency_symbols.csv",
        header,
        ["token", "currency", "kind", "countries"],
        sorted((t, c, k, ";".join(sorted(v))) for (t, c, k), v in symbols.items()),
    )
    _write(
        "locale_scale_words.csv",
        header,
        ["word", "exponent", "countries"],
        sorted((w, str(e), ";".join(sorted(v))) for (w, e), v in scales.items()),
    )
    _write("country_currencies.csv", header, ["country", "currencies"], sorted(tender))
    digits = sorted((c, str(get_currency_precision(c))) for c in current)
    not_hundredths = [row for row in digits if row[1] != "2"]
    _write("currency_digits.csv", header, ["currency", "digits"], not_hundredths)
    print(version, len(per_country), "countries")


def _write(name: str, header: str, columns: list[str], rows: list[tuple[str, ...]]) -> None:
    del header  # provenance lives in MANIFEST.json, as for every data file
    with (DATA / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([unicodedata.normalize("NFC", cell) for cell in row])
    print(name, len(rows), "rows")


if __name__ == "__main__":
    main()
