"""yente's match protocol, read and written: FollowTheMoney examples in, scored entities out.

A query is an example entity: ``schema`` (Person, Company, Organization, LegalEntity,
Vessel, Airplane) and ``properties``, each a list of strings (a single string is read
as a list of one). ``name`` is required; ``alias``, ``weakAlias`` and ``previousName``
are more names; ``country``, ``jurisdiction``, ``nationality``, ``citizenship`` and
``mainCountry`` give the country (the first that resolves); registration, tax and
vessel numbers become identifiers. Properties this library does not match on (birth
dates, addresses) are accepted and listed in the response's ``ignored`` so a client
can see they did not count.

A result is a list entry as yente shows an entity: ``id``, ``caption``, ``schema``,
``properties``, ``datasets``, plus ``score``, ``match`` (score at or above the
threshold) and ``features``, the parts of the score (name, token and whole-string
scores, and each adjustment).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import ValidationError
from ..geography.countries import normalize_country
from ..kinds import EntityKind
from ..lists.model import SanctionsList
from ..lists.opensanctions import (
    FTM_COUNTRY_PROPERTIES,
    FTM_IDENTIFIER_SCHEMES,
    FTM_KINDS,
    FTM_NAME_PROPERTIES,
)
from ..matching.matcher import PartyMatch
from ..models import Entity, Identifier

__all__ = ["MAX_NAMES", "NAME_PROPERTIES", "SCHEMAS", "dataset_name", "entity_of", "result_of"]

MAX_NAMES = 50
"""Names (name, alias, weakAlias, previousName) in one query example, at most."""

SCHEMAS = FTM_KINDS
"""The FollowTheMoney schemata a query may name, and the kind of party each is."""

_SCHEMA_OF = {
    EntityKind.PERSON: "Person",
    EntityKind.ORGANIZATION: "Organization",
    EntityKind.VESSEL: "Vessel",
    EntityKind.AIRCRAFT: "Airplane",
    EntityKind.UNKNOWN: "LegalEntity",
}
# Read as the OpenSanctions loader reads a list's records; a query may also give the
# country it is mainly tied to.
NAME_PROPERTIES = tuple(FTM_NAME_PROPERTIES)
"""The properties that give a query's names."""
_NAMES = NAME_PROPERTIES
_COUNTRIES = (*FTM_COUNTRY_PROPERTIES, "mainCountry")
# FollowTheMoney's codes beyond ISO 3166-1: lower-case, two letters with a region after
# a hyphen, or four letters for a former state.
_FTM_TERRITORY = re.compile(r"[a-z]{2}(-[a-z0-9]{1,4})?|[a-z]{4}")


def dataset_name(item: SanctionsList) -> str:
    """Return a list's dataset name in the protocol: its name, lower-case, ``_`` for gaps."""
    return "".join(ch if ch.isalnum() else "_" for ch in item.name.lower()).strip("_")


def entity_of(key: str, example: object) -> tuple[Entity, list[str]]:
    """Read one query example as an Entity; return it with the properties not used.

    Raises :class:`ValidationError` naming ``queries.KEY.FIELD`` and the value.
    """
    where = f"queries.{key}"
    if not isinstance(example, Mapping):
        raise ValidationError(where, example, "must be an object with schema and properties")
    schema = example.get("schema")
    if not isinstance(schema, str) or schema not in SCHEMAS:
        raise ValidationError(f"{where}.schema", schema, f"must be one of {', '.join(SCHEMAS)}")
    properties = example.get("properties")
    if not isinstance(properties, Mapping):
        raise ValidationError(f"{where}.properties", properties, "must be an object")
    values = {
        name: _strings(f"{where}.properties.{name}", value) for name, value in properties.items()
    }
    names = [v for name in _NAMES for v in values.get(name, [])]
    if not values.get("name"):
        raise ValidationError(f"{where}.properties.name", None, "at least one name is required")
    if len(names) > MAX_NAMES:  # each is matched: a bound on the work one query asks for
        raise ValidationError(f"{where}.properties", len(names), f"at most {MAX_NAMES} names")
    countries = [
        _country(f"{where}.properties.{name}", v)
        for name in _COUNTRIES
        for v in values.get(name, [])
    ]
    country = next((code for code in countries if code), None)
    identifiers = [
        Identifier(scheme, value)
        for name, scheme in FTM_IDENTIFIER_SCHEMES.items()
        for value in values.get(name, [])
    ]
    used = {*_NAMES, *_COUNTRIES, *FTM_IDENTIFIER_SCHEMES}
    try:
        entity = Entity(
            names[0],
            aliases=names[1:],
            country=country,
            kind=SCHEMAS[schema],
            identifiers=identifiers,
        )
    except ValidationError as exc:  # named from the query: which of its names, say
        raise ValidationError(f"{where}.properties.{exc.field}", exc.value, exc.reason) from None
    return entity, sorted(set(values) - used)


def result_of(
    match: PartyMatch, dataset: str, threshold: float, *, explain: bool = False
) -> dict[str, Any]:
    """Return a match as a scored entity of the protocol.

    ``explain`` adds the library's whole explanation, as ``explanation``.
    """
    entry = match.entry
    explanation = match.explanation
    properties: dict[str, list[str]] = {"name": [entry.name]}
    if entry.aliases:
        properties["alias"] = [alias.name for alias in entry.aliases]
    if entry.countries:
        properties["country"] = [code.lower() for code in entry.countries]
    if entry.programs:
        properties["program"] = list(entry.programs)
    if entry.remarks:
        properties["notes"] = [entry.remarks]
    features = {
        "name_score": float(explanation.get("name_score", 0.0)),
        "token_score": float(explanation.get("token_score", 0.0)),
        "joined_score": float(explanation.get("joined_score", 0.0)),
    }
    for adjustment in explanation.get("adjustments", ()):
        effect = adjustment.get("effect")
        if isinstance(effect, int | float):  # a bonus or a cap; a verdict is in "explanation"
            features[str(adjustment.get("adjustment"))] = float(effect)
    result = {
        "id": f"{dataset}-{entry.id}",
        "caption": entry.name,
        "schema": _SCHEMA_OF[entry.kind],
        "properties": properties,
        "datasets": [dataset],
        "referents": [],
        "target": True,
        "score": round(match.score, 4),
        "match": match.score >= threshold,
        "features": features,
    }
    if explain:
        result["explanation"] = explanation.thaw()
    return result


def _strings(field: str, value: object) -> list[str]:
    items: list[object] = value if isinstance(value, list) else [value]
    texts = [item for item in items if isinstance(item, str)]
    if len(texts) != len(items):
        raise ValidationError(field, value, "must be a string or a list of strings")
    return [text for text in texts if text.strip()]


def _country(field: str, value: str) -> str | None:
    """Return the country a value names, or refuse it.

    FollowTheMoney's own territory codes (``xk``, ``zz``, ``ua-cri``, ``suhh``) name no
    ISO country: None.
    """
    try:
        return normalize_country(value, field=field)
    except ValidationError:
        if _FTM_TERRITORY.fullmatch(value):
            return None
        raise
