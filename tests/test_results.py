from __future__ import annotations

import collections
import datetime
import enum
import json
import pickle
from decimal import Decimal

import pytest

from sanctionscreen import (
    FieldTypeError,
    Flag,
    ScreeningResult,
    Severity,
    Shipment,
    ValidationError,
)


def _flag(code: str, severity: Severity, message: str = "m") -> Flag:
    return Flag(code=code, severity=severity, message=message, evidence={}, check="test-v1")


def test_severity_is_ordered_and_parses_names() -> None:
    assert Severity.NONE < Severity.INFO < Severity.LOW < Severity.ELEVATED < Severity.HIGH
    assert Severity.HIGH < Severity.CRITICAL
    assert Severity.parse("elevated") is Severity.ELEVATED
    assert Severity.parse(" HIGH ") is Severity.HIGH
    assert Severity.parse(30) is Severity.ELEVATED
    assert str(Severity.LOW) == "LOW"
    with pytest.raises(ValidationError, match="unknown severity"):
        Severity.parse("severe")


def test_flag_evidence_is_stored_json_safe() -> None:
    flag = Flag(
        code="X",
        severity="high",
        message="m",
        evidence={"when": datetime.date(2022, 10, 14), "amount": Decimal("1.50"), "list": ("a", 1)},
    )
    assert flag.severity is Severity.HIGH
    assert flag.evidence == {"when": "2022-10-14", "amount": "1.50", "list": ("a", 1)}
    assert flag.to_dict()["evidence"] == {"when": "2022-10-14", "amount": "1.50", "list": ["a", 1]}
    assert json.loads(json.dumps(flag.to_dict())) == flag.to_dict()
    assert hash(flag) == hash(Flag(code="X", severity="HIGH", message="m", evidence=flag.evidence))


def test_evidence_freezes_subclasses_and_nested_values_as_plain_ones() -> None:
    class Colour(enum.Enum):
        RED = "red"

    class Tags(list[object]):
        pass

    plain = {"a": [{"b": ("x", 1, 2.5, None, True)}], "3": "three", "c": ["red", "1.50"]}
    odd = collections.OrderedDict(
        [
            ("a", Tags([collections.UserDict({"b": ["x", 1, 2.5, None, True]})])),
            (3, "three"),
            ("c", (Colour.RED, Decimal("1.50"))),
        ]
    )
    frozen = Flag(code="X", severity="low", message="m", evidence=odd).evidence
    assert frozen == Flag(code="X", severity="low", message="m", evidence=plain).evidence
    assert type(frozen["a"]) is tuple
    assert type(frozen["a"][0]) is type(frozen)
    dated = Flag(
        code="X", severity="low", message="m", evidence={"d": [[datetime.date(2024, 2, 1)]]}
    )
    assert dated.evidence == {"d": (("2024-02-01",),)}


def test_flag_evidence_is_read_only_but_thaws_into_a_copy() -> None:
    flag = Flag(code="X", severity="low", message="m", evidence={"a": {"b": [1]}})
    with pytest.raises(TypeError, match="read-only"):
        flag.evidence["a"] = 2  # type: ignore[index]
    with pytest.raises(TypeError, match="read-only"):
        flag.evidence["a"]["c"] = 2
    copy = flag.evidence.thaw()
    copy["a"]["b"].append(2)
    assert flag.evidence["a"]["b"] == (1,)
    assert pickle.loads(pickle.dumps(flag)) == flag


def test_flag_refuses_evidence_that_is_not_json() -> None:
    with pytest.raises(FieldTypeError, match="JSON-safe"):
        Flag(code="X", severity=Severity.LOW, message="m", evidence={"x": object()})
    with pytest.raises(FieldTypeError, match="mapping"):
        Flag(code="X", severity=Severity.LOW, message="m", evidence=["x"])  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["severe", 35, None, True])
def test_bad_severities_are_library_errors(value: object) -> None:
    with pytest.raises(ValidationError):
        Severity.parse(value)
    with pytest.raises(ValidationError):
        Flag(code="X", severity=value, message="m")  # type: ignore[arg-type]


def test_result_sorts_flags_and_reports_risk() -> None:
    shipment = Shipment(exporter="A", consignee="B", id="S1")
    result = ScreeningResult(
        shipment=shipment,
        flags=(_flag("B", Severity.LOW), _flag("A", Severity.HIGH), _flag("A", Severity.LOW, "a")),
        checks=("test-v1",),
        data_versions=("x@2026-01-01#abc",),
        library_version="0",
    )
    assert [(f.code, f.severity) for f in result.flags] == [
        ("A", Severity.HIGH),
        ("A", Severity.LOW),
        ("B", Severity.LOW),
    ]
    assert result.risk is Severity.HIGH
    assert result.codes() == ("A", "B")
    assert len(result.at_least("low")) == 3
    assert len(result.at_least(Severity.HIGH)) == 1
    assert result.flagged
    with pytest.raises(ValidationError):
        result.at_least("severe")


def test_empty_result() -> None:
    result = ScreeningResult(shipment=Shipment(exporter="A", consignee="B"), flags=())
    assert result.risk is Severity.NONE
    assert not result.flagged
    assert "no flags" in repr(result)
    assert "No flags" in result._repr_html_()


def test_repr_and_html_are_readable_and_escaped() -> None:
    shipment = Shipment(exporter="A", consignee="B", id="<script>")
    flag = Flag(code="X", severity=Severity.HIGH, message="<b>bad</b> & worse", evidence={})
    result = ScreeningResult(shipment=shipment, flags=(flag,))
    assert "HIGH     X: <b>bad</b> & worse" in repr(result)
    html = result._repr_html_()
    assert "<script>" not in html
    assert "&lt;b&gt;bad&lt;/b&gt; &amp; worse" in html
    assert "&lt;script&gt;" in html


def test_to_dict_order_and_json() -> None:
    result = ScreeningResult(shipment=Shipment(exporter="A", consignee="B", id="S"), flags=())
    assert list(result.to_dict()) == [
        "shipment_id",
        "risk",
        "flags",
        "checks",
        "settings",
        "data_versions",
        "lists",
        "list_files",
        "notes",
        "library_version",
        "value_usd",
        "shipment",
    ]
    assert json.loads(result.to_json()) == result.to_dict()
    # to_json writes the read-only evidence directly: the very bytes of the thawed copy.
    assert result.to_json() == json.dumps(
        result.to_dict(), ensure_ascii=False, separators=(",", ":")
    )
