"""Money as each country writes it: CLDR marks, symbols and scale words; the realistic set."""

from __future__ import annotations

import csv
import datetime
import functools
from decimal import Decimal
from pathlib import Path

import pytest
from babel import numbers
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words  # type: ignore[import-untyped]

from sanctionscreen import Money, RateUnavailableError, ValidationError
from sanctionscreen.rates import default_rates

DATA = Path(__file__).resolve().parent.parent / "src" / "sanctionscreen" / "data"
REALISTIC = sorted((Path(__file__).parent / "fixtures" / "money").glob("amounts_set_*.csv"))


@pytest.mark.parametrize(
    ("text", "country", "amount", "currency"),
    [
        ("45.000 EUR", "DE", "45000", "EUR"),  # Germany groups with a dot
        ("1.500 Mio. EUR", "DE", "1500000000", "EUR"),
        ("CHF 1'250.–", "CH", "1250", "CHF"),  # Swiss grouping, a dash for no cents
        ("30‘000 Franken", "CH", "30000", "CHF"),
        ("19.982,83-TL", "TR", "19982.83", "TRY"),
        ("TL 5 B", "TR", "5000", "TRY"),  # Turkish "B" is bin, a thousand
        ("$500", "MX", "500", "MXN"),  # "$" in Mexico is the peso
        ("$500 dólares", "MX", "500", "USD"),  # ... unless it says dollars
        ("٣٬٥٠٠ د.إ.\u200f", "AE", "3500", "AED"),  # Arabic-Indic digits and marks
        ("1،796 درهم", "AE", "1796", "AED"),
        ("R$ 5 mil", "BR", "5000", "BRL"),  # "mil" is a thousand in Portuguese
        ("R$ 5 mil", None, "5000", "BRL"),  # ... as the real's home writes it
        ("TL 5 B", None, "5000", "TRY"),  # bin, as the lira's home writes it
        ("USD 5 B", None, "5000000000", "USD"),
        ("1亿2千万元", "CN", "120000000", "CNY"),
        ("3 mil dólares", "MX", "3000", "USD"),
        ("Rs 5-crore", "IN", "50000000", "INR"),
        ("Rs1.8tr", "PK", "1800000000000", "PKR"),
        ("Rs :- 1,50,000/-", "IN", "150000", "INR"),
        ("5 करोड़ रुपये", None, "50000000", "INR"),
        ("24 करोड़ 14 लाख 88 हजार रुपये", None, "241488000", "INR"),
        ("96 milyar 776 milyon lira", "TR", "96776000000", "TRY"),
        ("6万8800円", None, "68800", "JPY"),
        ("408,592百万円", None, "408592000000", "JPY"),
        ("145 030 руб. 20 коп.", None, "145030.20", "RUB"),
        ("1 lira 29 kuruş", "TR", "1.29", "TRY"),
        ("2,73 mlrd so‘m", None, "2730000000", "UZS"),
    ],
)
def test_amounts_as_each_country_writes_them(
    text: str, country: str | None, amount: str, currency: str
) -> None:
    money = Money.parse(text, country=country)
    assert (money.amount, money.currency) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "country", "reason"),
    [
        ("45.000 EUR", None, "could be read two ways"),  # no country: still refused
        ("1,500 EUR", "DE", "could be read two ways"),  # a German decimal comma, no scale
        ("R$ 7,189", None, "could be read two ways"),  # Brazil's decimal comma
        ("US$ 48.000 millones", "MX", "could be read two ways"),  # three zeros: grouping
        ("1,686 billion soms", "KG", "could be read two ways"),  # English word, Kyrgyz marks
        ("100 руб. 20 kuruş", None, "minor units do not belong"),
        ("130亿元", None, "ambiguous"),  # yuan, or Hong Kong / Taiwan / Macau dollars
        ("5 Mio. EUR 1.500", None, "more than one number"),
        ("$5 mil", None, "may mean"),  # a thousand in Spanish, a million in English slang
        ("tres mil euros", None, "may mean"),  # ... and a million in Czech and Croatian
        ("USD 2 billion", "FR", "may mean"),  # French billion is 10^12, English 10^9
        ("5 tr VND", None, "may mean"),  # Vietnamese triệu (10^6), English trillion
        ("US$ 5 bi", None, "may mean"),  # Brazilian bilhão, Portuguese bilião
    ],
)
def test_what_no_convention_settles_is_refused(text: str, country: str | None, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        Money.parse(text, country=country)


@given(
    st.integers(min_value=1, max_value=10**6 - 1),
    st.sampled_from([("ru", "рублей", "RU"), ("es", "pesos", "MX"), ("fr", "euros", "FR"),
                     ("ar", "ريال", "SA")]),
)  # fmt: skip
def test_any_amount_in_russian_spanish_french_or_arabic_words_reads_back(
    number: int, language: tuple[str, str, str]
) -> None:
    """num2words writes the number in words; it reads back as the same amount."""
    code, currency, country = language
    money = Money.parse(f"{num2words(number, lang=code)} {currency}", country=country)
    assert money.amount == Decimal(number)


@pytest.mark.parametrize(
    ("text", "country", "amount", "currency"),
    [
        ("двенадцать тысяч триста сорок пять рублей 50 копеек", None, "12345.50", "RUB"),
        ("пятнадцать рублей двадцать копеек", None, "15.20", "RUB"),
        ("दो करोड़ रुपये", None, "20000000", "INR"),
        ("9 करोड़ 98 लाख एक हजार रुपये", None, "99801000", "INR"),
        ("iki yüz bin lira", "TR", "200000", "TRY"),
        ("Forty Five Thousand Five Hundred Rupees and Fifty Paise", "IN", "45500.50", "INR"),
        ("Rs.16,50,000/- (Rupees Sixteen Lakhs and Fifty Thousand only)", "IN", "1650000", "INR"),
        ("عشرة (10) ريالات سعودية", None, "10", "SAR"),
        ("dos mil 450 millones de dólares", "MX", "2450000000", "USD"),
        ("mil 890 pesos", "MX", "1890", "MXN"),
        ("2 mlrd. 730 mln. soʻm", "UZ", "2730000000", "UZS"),
        ("550 mdd", "MX", "550000000", "USD"),
        ("437MDH", "MA", "437000000", "MAD"),
        ("50 თეთრი", None, "0.50", "GEL"),
        ("90 Cent", "AT", "0.90", "EUR"),
        ("تريليون درهم", "AE", "1000000000000", "AED"),
        ("1,0969 CHF", None, "1.0969", "CHF"),  # four digits after a comma: no grouping
    ],
)
def test_amounts_in_words_parts_and_minor_units(
    text: str, country: str | None, amount: str, currency: str
) -> None:
    money = Money.parse(text, country=country)
    assert (money.amount, money.currency) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Rs 5,000 (Rupees Fifty Thousand Only)", "is not the amount outside them"),
        ("INR 50 Lakh 5 Crore", "more than one number"),  # rising scales
        ("40 и 46 руб.", "more than one number"),
        ("Rs 5 crore 20 коп.", "minor units do not belong"),
    ],
)
def test_amounts_that_disagree_or_are_two_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        Money.parse(text, country="IN")


@pytest.mark.parametrize(
    ("text", "country", "amount", "currency"),
    [
        ("1亿2千万元", "CN", "120000000", "CNY"),  # 1亿 + 2千万, not (1亿 + 2千) × 万
        ("二億三千五百万円", "JP", "235000000", "JPY"),
        ("5亿3百万美元", None, "503000000", "USD"),
        ("deux cents euros", "FR", "200", "EUR"),  # French hundreds, not cents
        ("1,000 ﷼", "SA", "1000", "SAR"),  # the rial sign, as Saudi Arabia writes it
        ("Rs 100 and 5 paise", "IN", "100.05", "INR"),
        ("EUR 1.000 (one thousand euros)", None, "1000", "EUR"),  # the words settle it
    ],
)
def test_forms_a_review_found_read_right(
    text: str, country: str | None, amount: str, currency: str
) -> None:
    money = Money.parse(text, country=country)
    assert (money.amount, money.currency) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("3千-5万円", "JP"),  # a range
        ("5 mil - 10 millones de pesos", "MX"),
        ("пять-десять тысяч рублей", None),
        ("one fifty dollars", None),  # a spoken price: 1.50 or 150
        ("twelve fifty dollars", None),
        ("Rs 5 crore and 10 crore", "IN"),  # two amounts
        ("USD 5 m3", None),  # cubic metres
        ("USD 5 million, 2023", None),  # a year
        ("مليونا دولار", None),  # two million (dual), not a million
        ("a million dollars", None),  # Tongan "a" is no scale word in English
        ("EUR 0,500", None),
        ("1,250 €", None),  # most euro countries write a decimal comma
        ("100,0000元", "CN"),  # grouped in fours
        ("50 fils", "KW"),  # a thousandth of the Kuwaiti dinar
        ("USD 2.50/kg", None),  # a price per unit
        ("USD 1,000+", None),  # more than
        ("USD 500¹", None),  # a footnote
        ("12 kg", None),  # "Kg." is a Caribbean guilder only in Turkmen
        ("USD 1,250.00 CR", None),  # a credit mark
        ("XXX 500", None),  # no currency
    ],
)
def test_forms_a_review_found_misread_are_refused(text: str, country: str | None) -> None:
    with pytest.raises(ValidationError):
        Money.parse(text, country=country)


# -- the realistic set ----------------------------------------------------------------


def _realistic() -> list[dict[str, str]]:
    found = []
    for path in REALISTIC:
        with path.open(encoding="utf-8", newline="") as handle:
            found += list(csv.DictReader(handle))
    return found


# Read differently from the label for a reason the text cannot show: Belarus
# redenominated in 2016 (10,000 BYR = 1 BYN) and a document's date is not in the string.
KNOWN_MISREADINGS = {("141 015 941 595 тыс.\nрублей", "BY"), ("88,4 млрд р.", "BY")}


def test_the_realistic_set_has_no_silent_misreading_and_reads_mostly_exactly() -> None:
    table = _realistic()
    assert len(table) >= 250
    exact = valued = 0
    misread = []
    for row in table:
        for country, expected in ((row["country"] or None, row["with_country"]),
                                  (None, row["without_country"])):  # fmt: skip
            if country is None and expected is row["with_country"]:
                continue
            if expected.startswith("-"):
                expected = "refuse"  # negative amounts are refused by contract
            try:
                money = Money.parse(row["text"], country=country)
            except ValidationError:
                valued += expected not in ("ambiguous", "refuse")
                continue
            if expected in ("ambiguous", "refuse"):
                misread.append((row["text"], country))
                continue
            valued += 1
            amount, currency = expected.split()
            if (money.amount, money.currency) == (Decimal(amount), currency):
                exact += 1
            else:
                misread.append((row["text"], country))
    assert set(misread) <= KNOWN_MISREADINGS, misread
    assert exact / valued >= 0.80  # measured 83%; the goal of 97% is not reached yet


# -- CLDR: every locale of every currency the default chain converts -----------------


@functools.cache
def _cldr_cases() -> list[tuple[str, str, str, int]]:
    """(country, locale, currency, decimal digits) for every official locale's currency."""
    chain = default_rates()
    with (DATA / "country_currencies.csv").open(encoding="utf-8") as handle:
        tender = {r["country"]: r["currencies"].split(";") for r in csv.DictReader(handle)}
    with (DATA / "locale_number_marks.csv").open(encoding="utf-8") as handle:
        locales = [(r["country"], r["locale"]) for r in csv.DictReader(handle)]
    converted = set()
    for code in {c for codes in tender.values() for c in codes}:
        try:
            chain.convert(Money("1", code), datetime.date(2023, 3, 24))
        except (RateUnavailableError, ValidationError):
            continue
        converted.add(code)
    return [
        (country, locale, code, numbers.get_currency_precision(code))
        for country, locale in locales
        for code in tender.get(country, ())
        if code in converted
    ]


def _forms(amount: Decimal, code: str, locale: str) -> list[tuple[str, str]]:
    write = functools.partial(numbers.format_currency, amount, code, locale=locale)
    return [
        ("standard", write()),
        ("accounting", write(format_type="accounting")),
        ("native digits", write(numbering_system="default")),
    ]


def _check(country: str, locale: str, code: str, digits: int, amount: Decimal) -> str:
    amount = amount.quantize(Decimal(1).scaleb(-digits))
    outcome = "exact"
    for kind, text in _forms(amount, code, locale):
        try:
            money = Money.parse(text, country=country)
        except ValidationError:
            outcome = "refused"
            continue
        assert (money.amount, money.currency) == (amount, code), (locale, kind, text)
    compact = numbers.format_compact_currency(amount, code, locale=locale, fraction_digits=2)
    try:
        money = Money.parse(compact, country=country)
    except ValidationError:
        return "refused"
    # Compact forms round ("1.2M"): the reading must be the amount to that rounding.
    assert money.currency == code, (locale, compact)
    assert abs(money.amount - amount) <= amount / 100 + 1, (locale, compact, money)
    return outcome


@settings(max_examples=400, deadline=None)
@given(
    case=st.sampled_from(_cldr_cases()),
    amount=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
)
def test_any_amount_babel_writes_reads_back_or_is_refused(
    case: tuple[str, str, str, int], amount: Decimal
) -> None:
    _check(*case, amount)


def test_the_cldr_sweep_covers_every_locale_and_reads_most_exactly() -> None:
    cases = _cldr_cases()
    outcomes = [_check(*case, Decimal("1234567.891")) for case in cases]
    assert len({locale for _, locale, _, _ in cases}) >= 300
    assert len({code for _, _, code, _ in cases}) >= 130
    assert outcomes.count("exact") / len(outcomes) >= 0.95  # measured 96-97%
