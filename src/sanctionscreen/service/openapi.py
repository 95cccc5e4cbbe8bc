"""The request and error shapes of the service, for its OpenAPI description.

The endpoints read their bodies themselves (to refuse bad input with the field and the
value, and to answer the library's own bytes), so the shapes are described here for
``/openapi.json``, from which clients in other languages are generated.
"""

from __future__ import annotations

from typing import Any

from ..batch.records import DEFAULT_COLUMNS, OPTIONAL_COLUMNS
from ..lists.opensanctions import FTM_KINDS

__all__ = ["ERRORS", "MATCH_BODY", "SCREEN_BODY"]

_ERROR = {
    "type": "object",
    "required": ["detail", "field", "value"],
    "properties": {
        "detail": {"type": "string", "description": "what is wrong"},
        "field": {"type": "string", "description": "the field, e.g. queries.q1.schema"},
        "value": {"description": "the value given"},
    },
}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "bad input: the field and the value",
        "content": {"application/json": {"schema": _ERROR}},
    },
    413: {
        "description": "the body is over the size cap",
        "content": {"application/json": {"schema": _ERROR}},
    },
}
"""The error answers, for ``responses=`` of a route."""

_EXAMPLE = {
    "type": "object",
    "required": ["schema", "properties"],
    "properties": {
        "schema": {"type": "string", "enum": sorted(FTM_KINDS)},
        "properties": {
            "type": "object",
            "description": "FollowTheMoney properties, each a list of strings: name "
            "(required), alias, country, jurisdiction, registrationNumber, birthDate, ...",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _body(schema: dict[str, Any], example: Any) -> dict[str, Any]:
    content = {"application/json": {"schema": schema, "example": example}}
    return {"requestBody": {"required": True, "content": content}}


MATCH_BODY = _body(
    {
        "type": "object",
        "required": ["queries"],
        "properties": {"queries": {"type": "object", "additionalProperties": _EXAMPLE}},
    },
    {"queries": {"q1": {"schema": "Company", "properties": {"name": ["OOO Sertal"]}}}},
)
"""yente's match request, for ``openapi_extra=`` of ``POST /match/{dataset}``."""

_SHIPMENT = {
    "type": "object",
    "required": ["exporter", "consignee"],
    "properties": {
        field: {"type": ["string", "number", "null"]}
        for field in (*DEFAULT_COLUMNS, *OPTIONAL_COLUMNS)
    },
}
SCREEN_BODY = _body(
    {"oneOf": [_SHIPMENT, {"type": "array", "items": _SHIPMENT}]},
    {"id": "S1", "exporter": "Example Electronics Pvt Ltd", "consignee": "OOO Sertal"},
)
"""One shipment or an array of them, for ``openapi_extra=`` of ``POST /screen``."""
