"""Money.parse: amounts as people write them, ambiguity as errors, its own format round-trips."""

from __future__ import annotations

from decimal import Decimal

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words  # type: ignore[import-untyped]

from sanctionscreen import (
    AmbiguousCurrencyError,
    Entity,
    FieldTypeError,
    GoodsItem,
    InvalidCurrencyError,
    Money,
    Shipment,
    ValidationError,
)
from sanctionscreen.money import parse_money


@pytest.mark.parametrize(
    ("text", "country", "amount", "currency"),
    [
        ("82 billion rupees", "IN", "82000000000", "INR"),
        ("Rs 8,200 crore", "India", "82000000000", "INR"),
        ("82,00,00,00,000 INR", None, "82000000000", "INR"),
        ("INR 82,000,000,000", None, "82000000000", "INR"),
        ("₹1.5 lakh crore", None, "1500000000000", "INR"),
        ("Rs. 5000/-", "IN", "5000", "INR"),
        ("Rs 5 crore only", "IN", "50000000", "INR"),
        ("$976,650", None, "976650", "USD"),
        ("US$ 12.5 mn", None, "12500000", "USD"),
        ("5k USD", None, "5000", "USD"),
        ("USD 5k", None, "5000", "USD"),
        ("1,5 млн руб.", None, "1500000", "RUB"),
        ("1 250 000,50 рублей", None, "1250000.50", "RUB"),
        ("₽ 3 млрд", None, "3000000000", "RUB"),
        ("5 тыс. сом", None, "5000", "KGS"),
        ("₸ 1 000 000", None, "1000000", "KZT"),
        ("200 000 тенге", None, "200000", "KZT"),
        ("HK$ 1,000", None, "1000", "HKD"),
        ("AED 1.250.000", None, "1250000", "AED"),
        ("5 dirhams", "UAE", "5", "AED"),
        ("EUR 1,234.56", None, "1234.56", "EUR"),
        ("1.234,56 €", None, "1234.56", "EUR"),
        ("¥100", "China", "100", "CNY"),
        ("100 yuan", None, "100", "CNY"),
        ("XOF 5", None, "5", "XOF"),
        ("５００ USD", None, "500", "USD"),  # full-width digits
        ("Belarusian rubles 10", None, "10", "BYN"),
        ("£ 2.5m", None, "2500000", "GBP"),
        # Found by a new-user review: leading points, more words and scale words.
        ("USD .5 million", None, "500000", "USD"),
        ("Rs .5 crore", "IN", "5000000", "INR"),
        ("EUR ,25", None, "0.25", "EUR"),
        ("0.500 USD", None, "0.500", "USD"),
        ("1500.000 USD", None, "1500.000", "USD"),
        ("5 Dhs", "AE", "5", "AED"),
        ("Tk 500", None, "500", "BDT"),
        ("500 сомони", None, "500", "TJS"),
        ("10 бел. руб.", None, "10", "BYN"),
        ("US $5 million", None, "5000000", "USD"),
        ("5 Mrd EUR", None, "5000000000", "EUR"),
        ("₹12.5L", None, "1250000", "INR"),
        ("100万元", "CN", "1000000", "CNY"),  # 元 alone is also HK, Taiwan and Macau dollars
        ("5m$", None, "5000000", "USD"),
        # The period of an abbreviation run into the digits is no decimal point.
        ("Rs.12 lakh", "IN", "1200000", "INR"),
        ("Rs.1.5 crore", "IN", "15000000", "INR"),
        ("Rs.12,50,000/-", "IN", "1250000", "INR"),
        ("INR.5000", None, "5000", "INR"),
        ("руб.500", None, "500", "RUB"),
        # In words, and in parts with falling scales.
        ("Rupees Five Lakh Forty Thousand Only", "IN", "540000", "INR"),
        ("Rs. Fourty Thousand only", "IN", "40000", "INR"),
        ("two hundred and fifty thousand dollars", None, "250000", "USD"),
        ("USD one million two hundred thousand", None, "1200000", "USD"),
        ("INR five crore twenty lakh", None, "52000000", "INR"),
        ("one thousand crore rupees", "IN", "10000000000", "INR"),
        ("INR 5 Crore 50 Lakh", None, "55000000", "INR"),
        ("Rs 2 crore 35 lakh 60 thousand only", "IN", "23560000", "INR"),
        ("USD 1 million and 250 thousand", None, "1250000", "USD"),
        ("INR 1.5 crore 20 lakh", None, "17000000", "INR"),
    ],
)
def test_amounts_as_written(text: str, country: str | None, amount: str, currency: str) -> None:
    money = Money.parse(text, country=country)
    assert money == Money(amount, currency)


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("82 billion rupees", ("INR", "LKR", "NPR", "PKR")),
        # "Rs" is also written for the rupees of Mauritius and the Seychelles (CLDR).
        ("Rs 8,200 crore", ("INR", "LKR", "MUR", "NPR", "PKR", "SCR")),
        ("¥100", ("CNY", "JPY")),
        ("500 dirhams", ("AED", "MAD")),
        ("1000 som", ("KGS", "UZS")),
        ("10 pounds", ("EGP", "GBP", "LBP", "SYP")),
        ("5 million won", ("KPW", "KRW")),
    ],
)
def test_ambiguous_currencies_are_errors_listing_the_candidates(
    text: str, candidates: tuple[str, ...]
) -> None:
    with pytest.raises(AmbiguousCurrencyError) as caught:
        Money.parse(text)
    assert caught.value.candidates == candidates
    assert caught.value.field == "money"
    assert "give country= or write the code" in str(caught.value)


def test_a_country_that_does_not_settle_it_is_still_an_error() -> None:
    with pytest.raises(AmbiguousCurrencyError, match="write the code"):
        Money.parse("82 billion rupees", country="Germany")
    assert Money.parse("Rs 500", country="Pakistan").currency == "PKR"
    assert Money.parse("Rs 500", country="Bhutan").currency == "INR"


@pytest.mark.parametrize(
    ("text", "country", "currency"),
    [
        ("500 000 сом", "Uzbekistan", "UZS"),
        ("500 000 сом", None, "KGS"),
        ("1 000 руб.", "Belarus", "BYN"),
        ("1 000 руб.", None, "RUB"),
        ("$ 1000", "Canada", "CAD"),
        ("$ 1000", "India", "USD"),
    ],
)
def test_a_country_overrides_a_documented_default(
    text: str, country: str | None, currency: str
) -> None:
    assert Money.parse(text, country=country).currency == currency


def test_documented_defaults() -> None:
    assert Money.parse("$5").currency == "USD"
    assert Money.parse("5 dollars").currency == "USD"
    assert Money.parse("£5").currency == "GBP"
    assert Money.parse("5 roubles").currency == "RUB"
    assert Money.parse("C$5").currency == "CAD"
    assert Money.parse("S$5").currency == "SGD"


@pytest.mark.parametrize(
    ("value", "error", "reason"),
    [
        ("-5 USD", ValidationError, "must not be negative"),
        ("USD -5", ValidationError, "must not be negative"),
        ("(5 USD)", ValidationError, "must not be negative"),
        ("NaN USD", ValidationError, "must be a finite number"),
        ("inf EUR", ValidationError, "must be a finite number"),
        ("USD 5 and EUR 6", ValidationError, "more than one number"),
        ("5", InvalidCurrencyError, "has no currency"),
        ("dollars only", ValidationError, "has no amount"),
        ("", ValidationError, "is empty"),
        ("try 5", ValidationError, "does not read as money: 'try'"),
        ("USD 1,2,3", ValidationError, "cannot tell the decimal separator"),
        ("USD 1 25 000", ValidationError, "not grouped in threes"),
        ("1.500 EUR", ValidationError, "could be read two ways"),
        ("1,500 руб.", ValidationError, "could be read two ways"),
        ("USD 1 000.000", ValidationError, "could be read two ways"),
        ("1e6 USD", ValidationError, "scientific notation is not accepted"),
        ("INR 50 Lakh 5 Crore", ValidationError, "holds more than one number (50, 5)"),
        ("5 million dinars", AmbiguousCurrencyError, "KWD (Kuwait)"),
        ("5 USD EUR", InvalidCurrencyError, "names different currencies"),
        ("5 million billion thousand USD", ValidationError, "too many scale words"),
        ("USD " + "9" * 300, ValidationError, "longer than 200 characters"),
        (5.0, FieldTypeError, "floats are not accepted"),
        (5, FieldTypeError, "must be text"),
    ],
)
def test_refusals_name_the_value_and_why(
    value: object, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error) as caught:
        Money.parse(value)
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValidationError)


def test_values_given_as_text_in_models() -> None:
    exporter = Entity("Example Pvt Ltd", country="India")
    shipment = Shipment(exporter=exporter, consignee="B", value="Rs 8,200 crore")
    assert shipment.value == Money("82000000000", "INR")  # the exporter's country settles it
    with pytest.raises(AmbiguousCurrencyError) as caught:
        Shipment(exporter=Entity("X GmbH", country="Germany"), consignee="B", value="Rs 5")
    assert caught.value.field == "value"
    assert GoodsItem("chips", value="USD 1,000").value == Money("1000", "USD")
    with pytest.raises(AmbiguousCurrencyError, match="a goods line has no country to settle it"):
        GoodsItem("cables", value="Rs 40,000")
    with pytest.raises(FieldTypeError):
        GoodsItem("chips", value=12.5)  # type: ignore[arg-type]


# Every ISO 4217 code but XXX ("no currency") and XTS (testing), which are refused.
_CODES = sorted(c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in ("XXX", "XTS"))


@given(
    st.decimals(
        min_value=0, max_value=Decimal("1e18") - Decimal("0.0001"), places=4, allow_nan=False
    ),
    st.sampled_from(_CODES),
)
def test_its_own_format_round_trips(amount: Decimal, currency: str) -> None:
    money = Money(amount, currency)
    assert Money.parse(str(money)) == money


def test_amounts_that_would_read_as_thousands_are_shown_unambiguously() -> None:
    assert str(Money("1.500", "USD")) == "USD 1.5000"
    assert Money.parse("USD 1.5000") == Money("1.500", "USD")
    assert str(Money("1234.500", "USD")) == "USD 1,234.500"


@given(st.text(max_size=60))
def test_never_crashes_and_reads_its_output_back(text: str) -> None:
    try:
        money = Money.parse(text, country="IN")
    except ValidationError:
        return
    assert Money.parse(str(money)) == money


@given(
    st.sampled_from(["Rs", "INR", "USD", "EUR", "руб", "Tk", "Dhs"]),
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["", " lakh", " crore", " million"]),
)
def test_an_abbreviation_with_its_period_reads_as_with_a_space(
    abbreviation: str, number: int, scale: str
) -> None:
    """Whatever the abbreviation, "Rs.12" is "Rs 12": never 0.12."""
    country = {"Rs": "IN", "Tk": "BD", "Dhs": "AE"}.get(abbreviation)
    try:
        spaced = parse_money(f"{abbreviation} {number}{scale}", country=country)
    except ValidationError:
        return  # a form the parser refuses either way
    joined = parse_money(f"{abbreviation}.{number}{scale}", country=country)
    assert (joined.amount, joined.currency) == (spaced.amount, spaced.currency)


@given(st.integers(min_value=1, max_value=10**9 - 1), st.sampled_from(["en", "en_IN"]))
def test_any_amount_in_english_words_reads_back(number: int, system: str) -> None:
    """num2words writes the number in the international or the Indian system."""
    words = num2words(number, lang=system)
    money = parse_money(f"USD {words} only")
    assert money.amount == Decimal(number)
