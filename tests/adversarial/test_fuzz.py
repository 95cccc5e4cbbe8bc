"""Every parser, fed junk and hostile text: a documented error or a result, in bounded time.

Each test asserts a time bound that grows linearly with the input's size, so that a
parser whose cost grows faster (catastrophic backtracking, quadratic normalization,
keys that grow with the square of a word) fails here on a few thousand characters.
CI runs a modest number of examples; ``benchmarks/adversarial.py`` runs many more and
reports the worst time per call and the peak memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen.batch import DEFAULT_COLUMNS, OPTIONAL_COLUMNS, ColumnMap, shipment_from_row
from sanctionscreen.geography.mentions import find_embargoed_country_mentions
from sanctionscreen.geography.regions import find_region_mentions
from sanctionscreen.goods.descriptions import read_description
from sanctionscreen.lists._identifiers import identifier_in_text
from sanctionscreen.names import normalize_name, visual_readings

# Pieces an attacker (or a corrupt file) repeats: spaces, combining marks in an order
# that must be sorted, look-alikes, digits, separators, ligatures that expand under NFKC.
ATOMS = [
    " ", "  ", "\t", "\u0316\u0301", "\u0301", "а", "Ι", "ᏚᎢ", "0", "1.", ",", ";", "(", ")",
    "Passport ", "OOO ", "GmbH ", "&", "\ufdfc", "\ufdfa", "\u202e", "\u200b", "ß", "İ",
    "Москва ", "Sevastopol ", "crore ", "lakh ", "₹", "$", "8542.", "-", "'", "\x00",
]  # fmt: skip
MIXED = st.lists(st.sampled_from(ATOMS), max_size=200).map("".join)
# One atom repeated thousands of times between two short pieces: where backtracking and
# quadratic work show ("Passport A" + 3,000 spaces + "x").
REPEATED = st.builds(
    lambda head, atom, count, tail: head + atom * count + tail,
    MIXED.map(lambda text: text[:20]),
    st.sampled_from(ATOMS),
    st.integers(min_value=500, max_value=3_000),
    MIXED.map(lambda text: text[:20]),
)
HOSTILE = st.one_of(MIXED, REPEATED)
JUNK = st.text(max_size=2_000)
TEXT = st.one_of(JUNK, HOSTILE)

# Seconds a call may take: a fixed allowance and a share per character. Generous for a
# noisy shared machine, yet a superlinear parser blows through it on a few KB of input.
ALLOWANCE = 0.25
PER_CHARACTER = 20e-6

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bounded(call: Callable[[Any], Any], value: Any, size: int) -> Any:
    """Run ``call(value)``: a result or a documented error, within the time bound."""
    started = time.process_time()
    try:
        outcome = call(value)
    except ss.SanctionScreenError as exc:
        outcome = exc
    spent = time.process_time() - started
    assert spent <= ALLOWANCE + PER_CHARACTER * size, f"{spent:.3f} s on {size} characters"
    return outcome


@FUZZ
@given(TEXT)
def test_name_normalization(text: str) -> None:
    outcome = bounded(normalize_name, text, len(text))
    if not isinstance(outcome, ss.SanctionScreenError):
        # Idempotent: normalizing the normalized text changes nothing.
        assert normalize_name(outcome.text).text == outcome.text
    bounded(visual_readings, text, len(text))


@FUZZ
@given(TEXT)
def test_hs_codes(text: str) -> None:
    bounded(ss.HSCode.parse, text, len(text))


@FUZZ
@given(TEXT, st.sampled_from([None, "India", "Russia"]))
def test_money(text: str, country: str | None) -> None:
    outcome = bounded(lambda t: ss.Money.parse(t, country=country), text, len(text))
    if isinstance(outcome, ss.Money):
        assert len(str(outcome)) < 100  # amounts stay in range, printing stays cheap


@FUZZ
@given(TEXT)
def test_countries(text: str) -> None:
    bounded(ss.normalize_country, text, len(text))


@FUZZ
@given(TEXT)
def test_descriptions_and_places(text: str) -> None:
    bounded(read_description, text, len(text))
    bounded(find_embargoed_country_mentions, text, len(text))
    bounded(find_region_mentions, text, len(text))


@FUZZ
@given(TEXT)
def test_identifier_remarks(text: str) -> None:
    bounded(lambda t: identifier_in_text(t, lambda c: None), "Passport " + text, len(text))


@FUZZ
@given(st.dictionaries(st.sampled_from([*DEFAULT_COLUMNS, *OPTIONAL_COLUMNS]), TEXT, max_size=8))
def test_batch_rows(row: dict[str, str]) -> None:
    size = sum(len(value) for value in row.values())
    bounded(lambda r: shipment_from_row(r, ColumnMap()), row, size)


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("list.csv", "csv"),
        ("sdn.csv", "ofac_sdn"),
        ("consolidated.xml", "un"),
        ("entities.ftm.json", "opensanctions"),
        ("consolidated.csv", "csl"),
    ],
)
@FUZZ
@given(data=st.binary(max_size=4_000) | HOSTILE.map(str.encode))
def test_list_files(
    tmp_path_factory: pytest.TempPathFactory, name: str, format: str, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("list")
    path: Path = folder / name
    path.write_bytes(data)
    if format == "ofac_sdn":
        path = folder
    bounded(lambda p: ss.load_list(p, format=format), path, len(data))
