from __future__ import annotations

import datetime
import json
import pickle
import warnings
from pathlib import Path

import attrs
import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sanctionscreen as ss
from sanctionscreen import (
    CheckResult,
    Entity,
    FieldTypeError,
    GoodsItem,
    SampleListWarning,
    Screener,
    Severity,
    Shipment,
    ValidationError,
    load_list,
)
from sanctionscreen.checks import BaseCheck, RouteCheck
from sanctionscreen.context import ScreeningContext


def mission_shipment() -> Shipment:
    return Shipment(
        id="IN-KG-1",
        date="2023-03-24",
        exporter=Entity("Example Electronics Pvt Ltd", country="India"),
        consignee=Entity("Example Asia Trade LLC", country="Kyrgyz Republic"),
        parties=[Entity("OOO Primer", country="Россия", role="end_user")],
        origin="India",
        destination="Kirghizia",
        goods=[GoodsItem("microcontrollers", hs_code="8542.31")],
    )


FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def test_default_screener_runs_the_registered_checks() -> None:
    screener = Screener()
    assert [check.id for check in screener.checks] == [
        "parties-v1",
        "routes-v1",
        "goods-v1",
        "value-v1",
    ]
    assert "routes-v1" in repr(screener)


def test_default_lists_are_the_sample_and_say_so() -> None:
    with pytest.warns(SampleListWarning, match="not a compliance list"):
        screener = Screener()
    assert [item.is_sample for item in screener.lists] == [True]
    result = screener.screen(mission_shipment())
    assert result.lists == (screener.lists[0].version,)
    assert any("SAMPLE" in note for note in result.notes)
    assert "note: Screened against the bundled SAMPLE list" in repr(result)
    assert "SAMPLE" in result._repr_html_()


def test_lists_given_as_objects_paths_or_several() -> None:
    un = load_list(FIXTURES / "un.xml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no sample warning when lists are given
        assert Screener(un).lists == (un,)
        assert [item.format for item in Screener(FIXTURES / "un.xml").lists] == ["un"]
        both = Screener([un, str(FIXTURES / "csl.csv")])
    assert [item.format for item in both.lists] == ["un", "csl"]
    result = both.screen(mission_shipment())
    assert result.lists == tuple(item.version for item in both.lists)
    # trade.gov's CSV carries no date: the result says so rather than staying silent.
    assert result.notes == (
        "US Consolidated Screening List carries no date: make sure it is current "
        "(lists change weekly).",
    )
    assert len(result.list_files) == 2
    assert all(len(line.split("sha256:")[1].split()[0]) == 64 for line in result.list_files)


def test_a_list_older_than_the_shipment_is_noted() -> None:
    screener = Screener(load_list(FIXTURES / "un.xml"))  # published 2026-02-27
    late = attrs.evolve(mission_shipment(), date=datetime.date(2026, 6, 1))
    [note] = screener.screen(late).notes
    assert note.startswith("UN Security Council Consolidated List is dated 2026-02-27, 94 days")
    assert screener.screen(mission_shipment()).notes == ()  # the 2023 shipment: not stale
    undated = attrs.evolve(mission_shipment(), date=None)
    [note] = screener.screen(undated).notes
    assert "the shipment has no date" in note


@pytest.mark.parametrize("lists", [[], 42, [42]])
def test_bad_lists_argument(lists: object) -> None:
    with pytest.raises(ValidationError):
        Screener(lists)  # type: ignore[arg-type]


def test_screen_gathers_flags_versions_and_risk() -> None:
    result = Screener().screen(mission_shipment())
    # Tier-1 chips for an end user in Russia, via Kyrgyzstan: the gravest goods finding.
    assert result.risk is Severity.CRITICAL
    assert set(result.codes()) == {
        "EMBARGOED_DESTINATION",
        "TRANSSHIPMENT_COUNTRY",
        "DESTINATION_MISMATCH",
        "HIGH_PRIORITY_ITEM",
        "DUAL_USE_GOODS",
        "DIVERSION_RISK",
    }
    assert result.checks == ("parties-v1", "routes-v1", "goods-v1", "value-v1")
    assert result.data_versions == Screener().data_versions()
    assert result.library_version == ss.__version__


def test_same_input_same_bytes() -> None:
    first = Screener().screen(mission_shipment()).to_json()
    ss.reset_caches()
    second = Screener().screen(mission_shipment()).to_json()
    assert first == second


def test_results_pickle() -> None:
    result = Screener().screen(mission_shipment())
    assert pickle.loads(pickle.dumps(result)).to_json() == result.to_json()


class _Always(BaseCheck):
    """Raises one flag on every shipment."""

    NAME = "always"
    VERSION = 3
    TITLE = "Always"

    def run(self, context: ScreeningContext) -> CheckResult:
        flag = self.flag("ALWAYS", Severity.LOW, "always", {"id": context.shipment.id})
        return self.result([flag], context)


def test_custom_checks() -> None:
    screener = Screener(checks=[_Always()])
    result = screener.screen(mission_shipment())
    assert [(f.code, f.check) for f in result.flags] == [("ALWAYS", "always-v3")]
    assert result.data_versions == ()


def test_duplicate_or_bogus_checks_are_refused() -> None:
    with pytest.raises(ValidationError, match="twice"):
        Screener(checks=[RouteCheck(), RouteCheck()])
    with pytest.raises(FieldTypeError):
        Screener(checks=[object()])  # type: ignore[list-item]
    with pytest.raises(FieldTypeError):
        Screener(checks="routes")  # type: ignore[arg-type]
    # The old factories that took the matcher name what changed.
    with pytest.raises(FieldTypeError, match="no longer take the matcher"):
        Screener(checks=[lambda matcher: RouteCheck()])  # type: ignore[list-item]


def test_screen_refuses_what_is_not_a_shipment() -> None:
    with pytest.raises(FieldTypeError) as caught:
        Screener().screen({"exporter": "A"})  # type: ignore[arg-type]
    assert caught.value.field == "shipment"


_countries = st.sampled_from([*sorted(c.alpha_2 for c in pycountry.countries), "Crimea", "UA-14"])
# Valid text: some letter or digit, and no control characters (which are refused).
_text = st.text(
    st.characters(blacklist_categories=["Cc", "Cs"]) | st.sampled_from(" \t\n"),
    min_size=1,
    max_size=40,
).filter(lambda s: any(c.isalnum() and c.isascii() for c in s))
_entities = st.builds(
    Entity,
    _text,
    country=st.none() | _countries,
    address=st.none() | _text,
    role=st.none() | st.sampled_from(["end_user", "notify_party", "freight_forwarder"]),
)


@st.composite
def shipments(draw: st.DrawFn) -> Shipment:
    return Shipment(
        exporter=draw(_text),
        consignee=draw(
            st.builds(Entity, _text, country=st.none() | _countries, address=st.none() | _text)
        ),
        parties=draw(st.lists(_entities, max_size=3)),
        origin=draw(st.none() | _countries),
        destination=draw(st.none() | _countries),
        transit=draw(st.lists(_countries, max_size=3)),
        date=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        id=draw(st.none() | _text),
    )


@given(shipments())
def test_any_valid_shipment_screens_to_json_deterministically(shipment: Shipment) -> None:
    screener = Screener()
    result = screener.screen(shipment)
    data = json.loads(result.to_json())
    assert data["risk"] == result.risk.name
    assert result.to_json() == screener.screen(shipment).to_json()
    for flag in result.flags:
        assert flag.message
        assert flag.check in ("parties-v1", "routes-v1")
