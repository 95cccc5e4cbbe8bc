"""From rows of a file or a DataFrame to shipments: the column layout and its mapping.

A row is a mapping of column names to text. The default layout has the columns

``id, date, exporter, exporter_country, consignee, consignee_country, origin,
destination, transit, description, hs_code, value, currency``

and optionally ``end_user``, ``end_user_country``, ``exporter_address``,
``consignee_address``, ``end_user_address``, ``quantity`` and ``unit``. ``transit`` holds
countries separated by ";". One row is one shipment; several goods lines go in one
row with ``description``, ``hs_code`` and ``quantity`` separated by "|" (as many parts in
each). ``value`` is a number with ``currency`` beside it, or text such as
"Rs 8,200 crore" with ``currency`` left empty. Empty cells mean "not given".

Other layouts are read through a :class:`ColumnMap` that says which column holds each
field, and how dates are written: ``ColumnMap({"id": "SB_NO", ...}, date_format="%d-%m-%Y")``.
``ColumnMap.preset("indian-shipping-bill")`` is a layout commonly seen in extracts of
Indian shipping bills; check it against your file's headers.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from .._fields import date_problem
from ..errors import FieldTypeError, SanctionScreenError, ValidationError
from ..geography.countries import lookup_country
from ..models import Entity, GoodsItem, Money, Shipment
from ..money import parse_money

__all__ = ["DEFAULT_COLUMNS", "OPTIONAL_COLUMNS", "ColumnMap", "RowError", "shipment_from_row"]

DEFAULT_COLUMNS = (
    "id",
    "date",
    "exporter",
    "exporter_country",
    "consignee",
    "consignee_country",
    "origin",
    "destination",
    "transit",
    "description",
    "hs_code",
    "value",
    "currency",
)
OPTIONAL_COLUMNS = (
    "end_user",
    "end_user_country",
    "exporter_address",
    "consignee_address",
    "end_user_address",
    "quantity",
    "unit",
)
_FIELDS = frozenset(DEFAULT_COLUMNS + OPTIONAL_COLUMNS)
_REQUIRED = ("exporter", "consignee")

# name: (columns, date format, currency of bare values)
_PRESETS: dict[str, tuple[dict[str, str], str | None, str | None]] = {
    # Column names as commonly seen in data-vendor extracts of Indian shipping bills.
    "indian-shipping-bill": (
        {
            "id": "SB_NO",
            "date": "SB_DATE",
            "exporter": "EXPORTER_NAME",
            "exporter_address": "EXPORTER_ADDRESS",
            "consignee": "CONSIGNEE_NAME",
            "consignee_country": "COUNTRY_OF_DESTINATION",
            "destination": "COUNTRY_OF_DESTINATION",
            "description": "ITEM_DESCRIPTION",
            "hs_code": "HS_CODE",
            "quantity": "QUANTITY",
            "unit": "UNIT",
            "value": "FOB_INR",
            "currency": "",
        },
        "%d-%m-%Y",
        "INR",  # FOB values in rupees
    ),
}


@attrs.frozen
class RowError:
    """A row that could not be screened: where, which field, which value and why."""

    row: int
    field: str
    value: str
    message: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the error as JSON-safe data."""
        return {
            "row": self.row,
            "id": self.id,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }


def _mapping(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise FieldTypeError("columns", value, "must map field names to column names")
    unknown = sorted(set(value) - _FIELDS)
    if unknown:
        raise ValidationError(
            "columns", unknown, f"unknown fields; the fields are {', '.join(sorted(_FIELDS))}"
        )
    return {str(k): str(v) for k, v in value.items()}


# A day, month and year that no format can confuse: 31 January 2023 (a Tuesday).
_PROBE = datetime.date(2023, 1, 31)


def _date_format(_instance: object, _attribute: object, value: str | None) -> None:
    """Refuse a date format that cannot write and read back a whole date."""
    if value is None:
        return
    if not isinstance(value, str):
        raise FieldTypeError("date_format", value, "must be a strptime format such as '%d/%m/%Y'")
    try:
        back = datetime.datetime.strptime(_PROBE.strftime(value), value).date()
    except ValueError:
        back = None
    if back != _PROBE:
        raise ValidationError(
            "date_format",
            value,
            "does not read a whole date (day, month and year), e.g. '%d/%m/%Y'",
        )


@attrs.frozen
class ColumnMap:
    """Which column holds each field, and how dates are written.

    ``columns`` maps field names (those of the default layout) to the file's column
    names; fields not mapped keep their default name, and a field mapped to "" is
    absent. ``date_format`` is a :func:`datetime.datetime.strptime` format for dates not
    written as ISO ("%d-%m-%Y", "%d/%m/%Y"); ``currency`` is the currency of values
    given as bare numbers when the file has no currency column (FOB in rupees).
    """

    columns: dict[str, str] = attrs.field(factory=dict, converter=_mapping)
    date_format: str | None = attrs.field(default=None, validator=_date_format)
    currency: str | None = None

    @classmethod
    def preset(cls, name: str) -> ColumnMap:
        """Return a known layout by name: ``"default"`` or ``"indian-shipping-bill"``."""
        if name == "default":
            return cls()
        if name not in _PRESETS:
            known = ", ".join(["default", *_PRESETS])
            raise ValidationError("columns", name, f"unknown layout; known: {known}")
        columns, date_format, currency = _PRESETS[name]
        return cls(columns, date_format=date_format, currency=currency)

    def column(self, field: str) -> str:
        """Return the column name that holds ``field`` ("" when the layout has none)."""
        return self.columns.get(field, field)

    def missing(self, header: list[str]) -> list[str]:
        """Return the columns a file's ``header`` lacks: required ones and mapped ones.

        A column the map names on purpose and the file lacks is a misspelt header or the
        wrong layout; reading on would screen every row without that field.
        """
        wanted = [self.column(field) for field in _REQUIRED]
        wanted += [name for name in self.columns.values() if name and name not in wanted]
        return [name for name in wanted if name not in header]


def shipment_from_row(row: Mapping[str, object], columns: ColumnMap | None = None) -> Shipment:
    """Build a shipment from one row; raise a ValidationError naming the field on bad input."""
    layout = columns or ColumnMap()

    def cell(field: str) -> str | None:
        name = layout.column(field)
        if not name:
            return None
        value = row.get(name)
        if value is None:
            return None
        text = value if isinstance(value, str) else _plain(value, name)
        text = text.strip()
        return text or None

    exporter = cell("exporter")
    if exporter is None:
        raise ValidationError("exporter", exporter, "is required")
    consignee = cell("consignee")
    if consignee is None:
        raise ValidationError("consignee", consignee, "is required")
    parties = []
    end_user = cell("end_user")
    if end_user is not None:
        parties.append(
            _entity(
                "end_user",
                end_user,
                cell("end_user_country"),
                cell("end_user_address"),
                role="end_user",
            )
        )
    return Shipment(
        id=cell("id"),
        date=_date(cell("date"), layout.date_format),
        exporter=_entity("exporter", exporter, cell("exporter_country"), cell("exporter_address")),
        consignee=_entity(
            "consignee", consignee, cell("consignee_country"), cell("consignee_address")
        ),
        parties=parties,
        origin=cell("origin"),
        destination=cell("destination"),
        transit=_split(cell("transit"), ";"),
        goods=_goods(cell("description"), cell("hs_code"), cell("quantity"), cell("unit")),
        value=_value(
            cell("value"),
            cell("currency"),
            layout.currency,
            exporter_country=cell("exporter_country"),
            origin=cell("origin"),
        ),
    )


def _entity(
    prefix: str, name: str, country: str | None, address: str | None, *, role: str | None = None
) -> Entity:
    """Build a party; an error names the column ("consignee_country"), not just "country"."""
    try:
        return Entity(name, country=country, address=address, role=role)
    except ValidationError as exc:
        field = prefix if exc.field == "name" else f"{prefix}_{exc.field}"
        raise ValidationError(field, exc.value, exc.reason) from exc


def _plain(value: object, column: str) -> str:
    """Text of a non-text cell (a DataFrame's numbers, dates); NaN counts as empty."""
    if isinstance(value, float):
        if value != value:  # NaN: pandas' empty cell
            return ""
        raise FieldTypeError(
            column,
            value,
            "is a float, which may have lost digits (1006.30 becomes 1006.3); read the file "
            "as text: pandas.read_csv(..., dtype=str, keep_default_na=False)",
        )
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return str(value)


def _date(text: str | None, date_format: str | None) -> datetime.date | str | None:
    if text is None or date_format is None:
        return text
    try:
        return datetime.datetime.strptime(text, date_format).date()
    except ValueError as exc:
        reason = date_problem(exc, f"written in the format {date_format!r}")
        raise ValidationError("date", text, reason) from None


def _split(text: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


def _goods(
    description: str | None, hs_code: str | None, quantity: str | None, unit: str | None
) -> list[GoodsItem]:
    descriptions = (description or "").split("|")
    codes = (hs_code or "").split("|")
    quantities = (quantity or "").split("|")
    count = max(len(descriptions), len(codes), len(quantities))
    if count == 1 and description is None and hs_code is None:
        return []
    for field, parts, given in (
        ("description", descriptions, description),
        ("hs_code", codes, hs_code),
        ("quantity", quantities, quantity),
    ):
        if given is not None and len(parts) != count:
            raise ValidationError(field, given, f"has {len(parts)} goods lines, expected {count}")
    goods = []
    for index in range(count):
        code = codes[index].strip() if hs_code is not None else ""
        amount = quantities[index].strip() if quantity is not None else ""
        goods.append(
            GoodsItem(
                descriptions[index].strip() if description is not None else "",
                hs_code=code or None,
                quantity=amount or None,
                unit=unit,
            )
        )
    return goods


def _value(
    value: str | None,
    currency: str | None,
    default_currency: str | None,
    *,
    exporter_country: str | None,
    origin: str | None,
) -> Money | None:
    if value is None:
        if currency is not None:
            raise ValidationError(
                "value", value, f"is empty, but the currency {currency!r} is given"
            )
        return None  # an empty cell is no value, whatever the layout's default currency
    try:
        if currency or default_currency:
            return parse_money(f"{currency or default_currency} {value}", field="value")
        # Free text ("Rs 8,20,00,000"): the exporter's country settles "Rs" or "$".
        hint = "fill exporter_country, or write the currency code (INR) in the value or currency"
        context = _known_country(exporter_country) or _known_country(origin)
        return parse_money(value, country=context, field="value", hint=hint)
    except ValidationError as exc:
        if currency:
            _check_currency(currency)  # a bad code is the currency column's fault
        # Name the cell as written, not the text the parser was given ("USD -100").
        raise ValidationError("value", value, exc.reason) from exc


def _check_currency(code: str) -> None:
    try:
        Money("1", code)
    except ValidationError as exc:
        raise ValidationError("currency", code, exc.reason) from None


def _known_country(text: str | None) -> str | None:
    """Return the country a cell names, or None (a bad one is reported by its own column)."""
    try:
        return lookup_country(text) if text else None
    except ValidationError:
        return None


def row_error(
    number: int, row: Mapping[str, object], error: Exception, columns: ColumnMap
) -> RowError:
    """Describe why a row failed, naming the field and value when the error does."""
    ident = row.get(columns.column("id")) if columns.column("id") else None
    shown = None if ident is None else str(ident)
    if isinstance(error, ValidationError):
        field = error.field.split(".")[0].split("[")[0]
        column = columns.column(field) if field in _FIELDS else field
        return RowError(number, column, _shown(error.value), error.reason, shown)
    if isinstance(error, SanctionScreenError):
        return RowError(number, "", "", str(error), shown)
    return RowError(number, "", "", f"internal error ({type(error).__name__}): {error}", shown)


def _shown(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
