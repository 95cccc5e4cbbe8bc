from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

import sanctionscreen as ss
from sanctionscreen import Entity, Flag, Screener, Severity, Shipment
from sanctionscreen.checks import PartyCheck, PartyConfig, RouteCheck
from sanctionscreen.lists import Alias, AliasType, ListEntry, ListType, SanctionsList
from sanctionscreen.matching.allowlist import Allowlist, AllowlistEntry

FIXTURES = Path(__file__).parent / "fixtures" / "lists"


def listed(list_type: ListType, *entries: ListEntry) -> SanctionsList:
    return SanctionsList(
        name=f"{list_type.value} list",
        publisher="tests",
        list_type=list_type,
        format="csv",
        entries=entries,
    )


SANCTIONS = listed(
    ListType.SANCTIONS,
    ListEntry(
        id="S1",
        name="OOO Testkomplekt",
        list_type=ListType.SANCTIONS,
        aliases=(Alias("ООО «Тесткомплект»", AliasType.ORIGINAL_SCRIPT),),
        countries=("RU",),
        programs=("RUSSIA-EO14024",),
    ),
)
EXPORT = listed(
    ListType.EXPORT_CONTROL,
    ListEntry(id="E1", name="Example Avionics FZE", list_type=ListType.EXPORT_CONTROL),
)


def only(flags: Sequence[Flag], code: str) -> list[Flag]:
    return [flag for flag in flags if flag.code == code]


def ship(**kwargs: object) -> Shipment:
    base: dict[str, object] = {"exporter": "Example Exports Pvt Ltd", "consignee": "Nobody GmbH"}
    return Shipment(**{**base, **kwargs})  # type: ignore[arg-type]


def screen(shipment: Shipment, **kwargs: object) -> tuple[Flag, ...]:
    return Screener([SANCTIONS, EXPORT], **kwargs).screen(shipment).flags  # type: ignore[arg-type]


def test_sanctioned_consignee_is_critical_with_its_evidence() -> None:
    flags = screen(ship(consignee=Entity("Тesтkomplekt LLC", country="Russia")))
    [flag] = only(flags, "SANCTIONED_PARTY")
    assert flag.severity is Severity.CRITICAL
    assert flag.check == "parties-v1"
    assert "consignee" in flag.message
    assert "OOO Testkomplekt" in flag.message
    evidence = flag.evidence
    assert evidence["role"] == "consignee"
    assert evidence["entry_id"] == "S1"
    assert evidence["list"] == "sanctions list"
    assert evidence["list_version"] == SANCTIONS.version
    assert evidence["score"] >= evidence["thresholds"]["alert"]
    assert evidence["query_normalizations"]


def test_restricted_party_on_an_export_control_list_is_high() -> None:
    flags = screen(ship(parties=[Entity("Example Avionics F.Z.E.", role="end_user")]))
    [flag] = only(flags, "RESTRICTED_PARTY")
    assert flag.severity is Severity.HIGH
    assert flag.evidence["role"] == "end_user"


def test_every_party_is_screened() -> None:
    shipment = ship(
        exporter=Entity("Testkomplekt OOO"),
        parties=[Entity("Example Avionics", role="freight_forwarder")],
    )
    flags = screen(shipment)
    assert [f.evidence["role"] for f in only(flags, "SANCTIONED_PARTY")] == ["exporter"]
    assert [f.evidence["role"] for f in only(flags, "RESTRICTED_PARTY")] == ["freight_forwarder"]


def test_possible_matches_are_elevated_for_review() -> None:
    flags = screen(ship(consignee="Testkomplekt Trading"))
    [flag] = only(flags, "SANCTIONED_PARTY")
    assert flag.severity is Severity.ELEVATED
    assert "review" in flag.message


def test_allowlisted_matches_are_recorded_not_raised() -> None:
    allowlist = Allowlist(
        [AllowlistEntry("Testkomplekt LLC", "S1", reason="other company, audit 7")]
    )
    flags = screen(ship(consignee="Testkomplekt LLC"), allowlist=allowlist)
    assert not only(flags, "SANCTIONED_PARTY")
    [flag] = only(flags, "PARTY_MATCH_ALLOWLISTED")
    assert flag.severity is Severity.INFO
    assert "audit 7" in flag.message


def test_identifier_match_alerts_whatever_the_name() -> None:
    sanctions = listed(
        ListType.SANCTIONS,
        ListEntry(
            id="S9",
            name="Totally Other Name",
            list_type=ListType.SANCTIONS,
            identifiers=(ss.Identifier("INN", "7701234567"),),
        ),
    )
    party = Entity("Renamed Front Company", identifiers={"INN": "7701234567"})
    flags = Screener(sanctions).screen(ship(consignee=party)).flags
    [flag] = only(flags, "SANCTIONED_PARTY")
    assert flag.evidence["identifiers"]["same"] == ("INN 7701234567",)


def test_party_config_and_custom_checks() -> None:
    config = PartyConfig(sanctioned="high", max_matches_per_party=1)
    screener = Screener([SANCTIONS], checks=[PartyCheck(config), RouteCheck()])
    [flag] = only(screener.screen(ship(consignee="OOO Testkomplekt")).flags, "SANCTIONED_PARTY")
    assert flag.severity is Severity.HIGH
    assert [c.id for c in screener.checks] == ["parties-v1", "routes-v1"]


def test_screener_match_returns_alerts_best_first() -> None:
    screener = Screener([SANCTIONS, EXPORT])
    [match] = screener.match("ООО Тесткомплект")
    assert (match.entry.id, match.list_name, match.list_version) == (
        "S1",
        "sanctions list",
        SANCTIONS.version,
    )
    assert match.matched_name == "OOO Testkomplekt" or match.matched_name_type == "original_script"
    assert screener.match("Nobody GmbH") == []
    assert screener.match("Testkomplekt Trading") == []
    assert screener.match("Testkomplekt Trading", include_review=True)
    with pytest.raises(ss.FieldTypeError):
        screener.match(42)  # type: ignore[arg-type]


def test_bundled_sample_catches_the_story() -> None:
    screener = Screener()
    assert screener.match("ООО «Сертал»")[0].entry.name == "OOO Sertal"
    assert screener.match("Shreya Life Sciences Pvt. Ltd.")
    assert screener.match("TSMD GLOBAL PVT LTD")
    assert screener.match(Entity("Mikron JSC", country="RU"))


def test_results_record_the_list_versions_in_data_versions() -> None:
    result = Screener([SANCTIONS]).screen(ship())
    assert SANCTIONS.version in result.data_versions
    assert result.checks == ("parties-v1", "routes-v1", "goods-v1", "value-v1")
