"""What screening returns: severities, flags, per-check results and the shipment result.

A :class:`Flag` is one finding with its reason: the rule (``code``) and the check that
raised it (``check``, with its version), a one-line ``message`` for a person and the
``evidence`` behind it (which country, which authority and date, which list entry and
score...). A :class:`ScreeningResult` gathers the flags of every check for one
shipment, with the versions of the data they used, in a fixed order, so that the same
shipment screened on the same data gives the same ``to_json()`` byte for byte.
"""

from __future__ import annotations

import datetime
import enum
import html
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from .errors import FieldTypeError
from .severity import Severity, to_severity

if TYPE_CHECKING:
    from .models import Shipment
    from .rates.base import Conversion

__all__ = [
    "CheckResult",
    "Evidence",
    "Flag",
    "ScreeningResult",
    "Severity",
    "settings_of",
    "to_evidence",
    "to_severity",
]


class Evidence(dict[str, Any]):
    """A read-only mapping of JSON-safe values: the evidence of a flag cannot be edited.

    Nested mappings are Evidence too and lists are stored as tuples; ``thaw()`` returns
    plain dicts and lists for ``json`` or for editing a copy.
    """

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("flag evidence is read-only; use thaw() for an editable copy")

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse  # type: ignore[assignment]
    clear = _refuse
    pop = _refuse
    popitem = _refuse  # type: ignore[assignment]
    setdefault = _refuse
    update = _refuse

    def __reduce__(self) -> tuple[object, ...]:
        return (Evidence, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(json.dumps(_thaw(self), sort_keys=True))

    def thaw(self) -> dict[str, Any]:
        """Return an editable deep copy made of plain dicts and lists."""
        thawed: dict[str, Any] = _thaw(self)
        return thawed


# Types stored as they are; checked by exact type, which is what makes freezing cheap.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _freeze(value: object, field: str = "evidence") -> Any:
    """Evidence is stored JSON-ready and read-only, so results serialize the same way."""
    kind = type(value)
    if kind in _PLAIN or kind is Evidence:
        return value  # Evidence is frozen all the way down: shared, not copied
    if kind is dict:
        return Evidence(
            {
                str(key): item if type(item) in _PLAIN else _freeze(item, field)
                for key, item in value.items()  # type: ignore[attr-defined]
            }
        )
    if kind is list or kind is tuple:
        return tuple([item if type(item) in _PLAIN else _freeze(item, field) for item in value])  # type: ignore[attr-defined]
    return _freeze_other(value, field)


def _freeze_other(value: object, field: str) -> Any:
    """Freeze what is not a plain dict, list or scalar: subclasses, enums, dates, Decimals."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, enum.Enum):
        return _freeze(value.value, field)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return Evidence({str(key): _freeze(item, field) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(item, field) for item in value)
    raise FieldTypeError(field, value, "evidence values must be JSON-safe")


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


def settings_of(config: object) -> dict[str, Any]:
    """Return an attrs config object's fields as JSON-safe settings (severities by name)."""
    if not attrs.has(type(config)):
        return {}

    def plain(instance: object, field: attrs.Attribute[Any], value: object) -> object:
        return value.name if isinstance(value, Severity) else value

    settings: dict[str, Any] = attrs.asdict(config, value_serializer=plain)  # type: ignore[arg-type]
    return settings


def to_evidence(value: object) -> Evidence:
    """Freeze a mapping of JSON-safe values into read-only :class:`Evidence`."""
    frozen = _freeze(value)
    if not isinstance(frozen, Evidence):
        raise FieldTypeError("evidence", value, "evidence must be a mapping")
    return frozen


@attrs.frozen
class Flag:
    """One finding: which rule (``code``), how serious, why, and the evidence.

    ``check`` names the check and its version that raised it, e.g. ``"routes-v1"``.
    ``evidence`` holds JSON-safe data only (dates and Decimals become strings) and is
    read-only, so a result cannot be altered after screening.
    """

    code: str
    severity: Severity = attrs.field(converter=to_severity)
    message: str
    evidence: Evidence = attrs.field(factory=Evidence, converter=to_evidence)
    check: str = ""

    def to_dict(self, *, thaw: bool = True) -> dict[str, Any]:
        """Return the flag as JSON-safe data, keys in a fixed order.

        ``thaw=False`` leaves the evidence read-only (it serializes to the same JSON, and
        skipping the copy is what makes writing large batches fast).
        """
        return {
            "code": self.code,
            "severity": self.severity.name,
            "message": self.message,
            "check": self.check,
            "evidence": self.evidence.thaw() if thaw else self.evidence,
        }

    def __repr__(self) -> str:
        # The evidence is long; flag.evidence shows it.
        return f"<Flag {self.severity.name} {self.code} ({self.check}): {self.message}>"


def _sorted_flags(flags: object) -> tuple[Flag, ...]:
    if not isinstance(flags, list | tuple) or not all(isinstance(f, Flag) for f in flags):
        raise FieldTypeError("flags", flags, "must be a list or tuple of Flag")
    # Most serious first; ties broken by code and message so the order never varies.
    return tuple(sorted(flags, key=lambda f: (-f.severity, f.code, f.message)))


@attrs.frozen
class CheckResult:
    """What one check found for one shipment, and the data it based that on."""

    check: str
    flags: tuple[Flag, ...] = ()
    data_versions: tuple[str, ...] = ()


_SEVERITY_COLOURS = {
    Severity.NONE: "#2e7d32",
    Severity.INFO: "#546e7a",
    Severity.LOW: "#8d6e00",
    Severity.ELEVATED: "#e65100",
    Severity.HIGH: "#c62828",
    Severity.CRITICAL: "#6a1b9a",
}


@attrs.frozen
class ScreeningResult:
    """The outcome of screening one shipment.

    ``flags`` are sorted most serious first; ``risk`` is the highest severity among
    them (``Severity.NONE`` when there are none). ``checks``, ``data_versions`` and
    ``lists`` record exactly which rules, reference data and list versions produced the
    result, ``settings`` the thresholds and severities they ran with, and ``list_files``
    the full sha256 of every list file read; ``notes`` says
    what a reader must know (screening on the sample list, an undated or old list...).
    """

    shipment: Shipment
    flags: tuple[Flag, ...] = attrs.field(converter=_sorted_flags)
    checks: tuple[str, ...] = ()
    data_versions: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    library_version: str = ""
    list_files: tuple[str, ...] = ()
    value_usd: Conversion | None = None
    """The shipment's value in US dollars at its date, with the rate used; None when it
    has no value or no rate was found (a ``VALUE_UNCONVERTED`` flag then says why)."""
    settings: Evidence = attrs.field(factory=Evidence, converter=to_evidence)
    """The screener's settings that shaped the result: the matching algorithm and its
    thresholds and weights, how places in addresses weigh, each check's config."""

    @property
    def risk(self) -> Severity:
        """The highest severity among the flags, or ``Severity.NONE``."""
        return self.flags[0].severity if self.flags else Severity.NONE

    @property
    def shipment_id(self) -> str | None:
        """The screened shipment's id, if it had one."""
        return self.shipment.id

    @property
    def flagged(self) -> bool:
        """Whether any flag was raised."""
        return bool(self.flags)

    def codes(self) -> tuple[str, ...]:
        """Return the distinct flag codes raised, most serious first."""
        return tuple(dict.fromkeys(flag.code for flag in self.flags))

    def at_least(self, severity: Severity | str) -> tuple[Flag, ...]:
        """Return the flags of ``severity`` or above."""
        floor = Severity.parse(severity)
        return tuple(flag for flag in self.flags if flag.severity >= floor)

    def to_dict(self, *, thaw: bool = True) -> dict[str, Any]:
        """Return the result as JSON-safe data, keys and lists in a fixed order.

        ``thaw=False`` leaves each flag's evidence read-only (see :meth:`Flag.to_dict`).
        """
        return {
            "shipment_id": self.shipment_id,
            "risk": self.risk.name,
            "flags": [flag.to_dict(thaw=thaw) for flag in self.flags],
            "checks": list(self.checks),
            "settings": self.settings.thaw() if thaw else self.settings,
            "data_versions": list(self.data_versions),
            "lists": list(self.lists),
            "list_files": list(self.list_files),
            "notes": list(self.notes),
            "library_version": self.library_version,
            "value_usd": self.value_usd.to_dict() if self.value_usd else None,
            "shipment": self.shipment.to_dict(),
        }

    def to_json(self) -> str:
        """Return ``to_dict()`` as compact JSON: identical input and data give identical bytes."""
        # Read-only evidence is a dict of dicts and tuples: JSON writes it as it is.
        return json.dumps(self.to_dict(thaw=False), ensure_ascii=False, separators=(",", ":"))

    def __repr__(self) -> str:
        head = f"<ScreeningResult id={self.shipment_id!r} risk={self.risk.name}"
        if not self.flags:
            return head + " no flags" + "".join(f"; note: {note}" for note in self.notes) + ">"
        lines = [f"{head} flags={len(self.flags)}"]
        lines += [f"  {flag.severity.name:<8} {flag.code}: {flag.message}" for flag in self.flags]
        if self.value_usd is not None:
            lines.append(f"  value: {self.value_usd}")
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines) + ">"

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = _SEVERITY_COLOURS[self.risk]

        def evidence(flag: Flag) -> str:
            return esc(json.dumps(flag.evidence.thaw(), ensure_ascii=False, indent=2))

        rows = "".join(
            "<tr>"
            f"<td style='color:{_SEVERITY_COLOURS[flag.severity]};font-weight:bold'>"
            f"{esc(flag.severity.name)}</td>"
            f"<td><code>{esc(flag.code)}</code></td>"
            f"<td>{esc(flag.message)}"
            f"<details><summary>evidence</summary><pre>"
            f"{evidence(flag)}</pre></details></td>"
            f"<td>{esc(flag.check)}</td>"
            "</tr>"
            for flag in self.flags
        )
        table = (
            "<table><thead><tr><th>severity</th><th>code</th><th>why</th><th>check</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
            if self.flags
            else "<p>No flags.</p>"
        )
        return (
            "<div class='sanctionscreen-result'>"
            f"<p><strong>Shipment {esc(str(self.shipment_id))}</strong>: risk "
            f"<span style='color:{colour};font-weight:bold'>{esc(self.risk.name)}</span>, "
            f"{len(self.flags)} flag(s)"
            + (f"; value {esc(str(self.value_usd))}" if self.value_usd else "")
            + f"</p>{table}"
            + "".join(f"<p><em>{esc(note)}</em></p>" for note in self.notes)
            + f"<p style='font-size:smaller'>checks: {esc(', '.join(self.checks))}; lists: "
            f"{esc(', '.join(self.lists))}; data: {esc(', '.join(self.data_versions))}</p></div>"
        )
