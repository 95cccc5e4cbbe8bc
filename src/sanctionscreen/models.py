"""The records that are screened: parties, goods, money and shipments.

All are frozen attrs classes. Converters normalize what they are given (country names
to ISO codes, text to stripped text, amounts to Decimal) and validators reject what
cannot be right with a :class:`~sanctionscreen.errors.ValidationError` that names the
field and the value. Nothing falls back to a default silently: an unknown country, an
empty name or a float amount is an error at construction time.
"""

from __future__ import annotations

import copy
import datetime
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._fields import (
    MAX_TEXT_LENGTH,
    decimal_number,
    each,
    enum_member,
    optional_text,
    parse_date,
    text,
    tuple_of,
)
from .errors import FieldTypeError, ValidationError
from .geography.countries import normalize_country
from .geography.places import normalize_subdivision, resolve_place, settle_place
from .goods.hs import HSCode
from .kinds import EntityKind, PartyRole
from .money import Money, parse_money
from .names import MAX_NAME_LENGTH, normalize_name

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_TEXT_LENGTH",
    "Entity",
    "EntityKind",
    "GoodsItem",
    "Identifier",
    "Money",
    "PartyRole",
    "Shipment",
    "parse_date",
]


# ---------------------------------------------------------------------------


def _scheme(value: object) -> str:
    return text("identifiers.scheme", value, limit=40).upper()


def _identifier_value(value: object) -> str:
    return text("identifiers.value", value, limit=100)


def _identifier_country(value: object) -> str | None:
    return None if value is None else normalize_country(value, field="identifiers.country")


@attrs.frozen
class Identifier:
    """A registration or tax number of a party, e.g. ``Identifier("INN", "7701234567")``.

    ``scheme`` is upper-cased (INN, OGRN, IEC, GSTIN, LEI, IMO, ...); ``value`` keeps its
    characters but loses surrounding and repeated spaces; ``country`` (optional) is the
    issuing country, stored as ISO alpha-2.
    """

    scheme: str = attrs.field(converter=_scheme)
    value: str = attrs.field(converter=_identifier_value)
    country: str | None = attrs.field(default=None, kw_only=True, converter=_identifier_country)

    @property
    def compact(self) -> str:
        """The value without spaces, dots, dashes or slashes, upper-cased: for comparing."""
        return "".join(ch for ch in self.value.upper() if ch.isalnum())


def _identifiers(value: object) -> tuple[Identifier, ...]:
    if value is None:
        return ()
    items: Iterable[object]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = value
    else:
        raise FieldTypeError(
            "identifiers", value, "must be a mapping of scheme to value, or Identifier objects"
        )
    result = []
    for item in items:
        if isinstance(item, Identifier):
            result.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            result.append(Identifier(*item))
        else:
            raise FieldTypeError(
                "identifiers", item, "each must be an Identifier or a (scheme, value) pair"
            )
    return tuple(sorted(set(result), key=lambda i: (i.scheme, i.value, i.country or "")))


def _name(value: object) -> str:
    return text("name", value, limit=MAX_NAME_LENGTH)


def _aliases(value: object) -> tuple[str, ...]:
    return tuple(text("aliases", a, limit=MAX_NAME_LENGTH) for a in tuple_of("aliases", value))


def _kind(value: object) -> EntityKind:
    return enum_member(EntityKind, "kind", value)


def _role(value: object) -> PartyRole | None:
    return None if value is None else enum_member(PartyRole, "role", value)


def _address(value: object) -> str | None:
    return optional_text("address", value)


def _locality(value: object) -> str | None:
    return optional_text("locality", value)


@attrs.frozen
class Entity:
    """A party to a shipment: a company, a person, a vessel or an aircraft.

    ``country`` accepts names, ISO codes and aliases and is stored as ISO alpha-2; a
    region or city such as "Crimea", "Mariupol" or "UA-43" is stored as its country
    ("UA") with ``subdivision`` set ("UA-43") and, when named, ``locality`` ("Mariupol").
    ``address`` and ``locality`` are free text, scanned for embargoed places.
    """

    name: str = attrs.field(converter=_name)
    aliases: tuple[str, ...] = attrs.field(
        default=(),
        kw_only=True,
        converter=_aliases,
    )
    country: str | None = attrs.field(default=None, kw_only=True)
    subdivision: str | None = attrs.field(default=None, kw_only=True)
    kind: EntityKind = attrs.field(
        default=EntityKind.UNKNOWN,
        kw_only=True,
        converter=_kind,
    )
    identifiers: tuple[Identifier, ...] = attrs.field(
        default=(), kw_only=True, converter=_identifiers
    )
    address: str | None = attrs.field(default=None, kw_only=True, converter=_address)
    locality: str | None = attrs.field(default=None, kw_only=True, converter=_locality)
    role: PartyRole | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_role,
    )

    def __attrs_post_init__(self) -> None:
        # A name that normalizes to nothing ("!!!", invisible characters) cannot be
        # screened: refuse it now rather than fail or pass silently later.
        normalize_name(self.name, kind=self.kind, field="name")
        for alias in self.aliases:
            normalize_name(alias, kind=self.kind, field="aliases")
        country, subdivision, locality = settle_place(
            "country", "subdivision", self.country, self.subdivision, self.locality
        )
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "subdivision", subdivision)
        object.__setattr__(self, "locality", locality)

    def with_role(self, role: PartyRole) -> Entity:
        """Return a copy of the entity with ``role`` set.

        The copy is not validated again: every other field is already valid, and a
        shipment gives roles to its exporter and consignee on every construction.
        """
        entity = copy.copy(self)
        object.__setattr__(entity, "role", role)
        return entity

    def to_dict(self) -> dict[str, Any]:
        """Return the entity as JSON-safe data, fields in a fixed order."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "country": self.country,
            "subdivision": self.subdivision,
            "kind": self.kind.value,
            "identifiers": [[i.scheme, i.value, i.country] for i in self.identifiers],
            "address": self.address,
            "locality": self.locality,
            "role": self.role.value if self.role else None,
        }


def _hs_code(value: object) -> HSCode | None:
    return None if value is None else HSCode.parse(value)


def _quantity(value: object) -> Decimal | None:
    if value is None:
        return None
    number = decimal_number("quantity", value)
    if number == 0:
        raise ValidationError("quantity", value, "must be greater than zero")
    return number


def _money(field: str, value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    if isinstance(value, str):
        hint = "write the currency code (INR): a goods line has no country to settle it"
        return parse_money(value, field=field, hint=hint)
    raise FieldTypeError(
        field, value, "must be a Money or text, e.g. Money('1000', 'USD') or 'USD 1,000'"
    )


def _shipment_value(value: object) -> Any:
    # Text is read in __attrs_post_init__, where the exporter's country can settle
    # an ambiguous currency ("Rs" from an Indian exporter are rupees of India).
    return value if isinstance(value, str) else _money("value", value)


def _description(value: object) -> str:
    if not isinstance(value, str):
        raise FieldTypeError("description", value, "must be text (it may be empty)")
    text = " ".join(value.split())
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError("description", value, f"is longer than {MAX_TEXT_LENGTH} characters")
    if not text.isascii() and len(unicodedata.normalize("NFKC", text)) > 2 * MAX_TEXT_LENGTH:
        # One ligature can expand to eighteen letters; reading it would cost as much.
        raise ValidationError(
            "description", value, f"is longer than {2 * MAX_TEXT_LENGTH} characters once expanded"
        )
    return text


def _unit(value: object) -> str | None:
    return optional_text("unit", value)


def _value(value: object) -> Money | None:
    return _money("value", value)


@attrs.frozen
class GoodsItem:
    """One line of goods: a description and, where declared, its HS code and value.

    The description may be empty (customs extracts often lack one); the HS code, when
    given, must be a valid code in any common notation ("8542.31.00", "HS 854231").
    """

    description: str = attrs.field(converter=_description)
    hs_code: HSCode | None = attrs.field(default=None, kw_only=True, converter=_hs_code)
    quantity: Decimal | None = attrs.field(default=None, kw_only=True, converter=_quantity)
    unit: str | None = attrs.field(default=None, kw_only=True, converter=_unit)
    value: Money | None = attrs.field(default=None, kw_only=True, converter=_value)

    def to_dict(self) -> dict[str, Any]:
        """Return the goods line as JSON-safe data."""
        return {
            "description": self.description,
            "hs_code": self.hs_code.digits if self.hs_code else None,
            "quantity": None if self.quantity is None else str(self.quantity),
            "unit": self.unit,
            "value": self.value.to_dict() if self.value else None,
        }


def _party(field: str, role: PartyRole, value: object) -> Entity:
    if isinstance(value, str):
        return Entity(value, role=role)
    if not isinstance(value, Entity):
        raise FieldTypeError(field, value, "must be an Entity or a name")
    if value.role is None:
        return value.with_role(role)
    if value.role is not role:
        raise ValidationError(field, value.name, f"has role {value.role.value}, not {role.value}")
    return value


def _shipment_id(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return optional_text("id", value)


def _exporter(value: object) -> Entity:
    return _party("exporter", PartyRole.EXPORTER, value)


def _consignee(value: object) -> Entity:
    return _party("consignee", PartyRole.CONSIGNEE, value)


def _other_parties(value: object) -> tuple[Entity, ...]:
    return each("parties", value, Entity, "an Entity")


def _goods(value: object) -> tuple[GoodsItem, ...]:
    return each("goods", value, GoodsItem, "a GoodsItem")


def _shipment_date(value: object) -> datetime.date | None:
    return parse_date("date", value)


def _transit(value: object) -> tuple[str, ...]:
    return each("transit", value, str, "text")


def _transit_subdivisions(value: object) -> tuple[str, ...]:
    return each("transit_subdivisions", value, str, "text")


def _origin_locality(value: object) -> str | None:
    return optional_text("origin_locality", value)


def _destination_locality(value: object) -> str | None:
    return optional_text("destination_locality", value)


def _transit_localities(value: object) -> tuple[str, ...]:
    return tuple(text("transit_localities", v) for v in tuple_of("transit_localities", value))


@attrs.frozen(kw_only=True)
class Shipment:
    """A shipment to screen: its parties, goods, value, date and route.

    ``origin``, ``destination`` and each ``transit`` country accept names, ISO codes and
    aliases and are stored as ISO alpha-2. A region or city given instead of a country
    ("Crimea", "UA-43", "Mariupol") is stored as its country, with the region kept in
    ``origin_subdivision``, ``destination_subdivision`` or ``transit_subdivisions`` and
    a named place in ``origin_locality``, ``destination_locality`` or
    ``transit_localities``. The localities may also be given directly (a port, a city)
    and are scanned for embargoed places.
    ``exporter`` and ``consignee`` may be given as names.
    """

    exporter: Entity = attrs.field(converter=_exporter)
    consignee: Entity = attrs.field(converter=_consignee)
    parties: tuple[Entity, ...] = attrs.field(default=(), converter=_other_parties)
    goods: tuple[GoodsItem, ...] = attrs.field(default=(), converter=_goods)
    value: Money | None = attrs.field(default=None, converter=_shipment_value)
    date: datetime.date | None = attrs.field(default=None, converter=_shipment_date)
    origin: str | None = None
    destination: str | None = None
    transit: tuple[str, ...] = attrs.field(default=(), converter=_transit)
    id: str | None = attrs.field(default=None, converter=_shipment_id)
    origin_subdivision: str | None = None
    destination_subdivision: str | None = None
    transit_subdivisions: tuple[str, ...] = attrs.field(default=(), converter=_transit_subdivisions)
    origin_locality: str | None = attrs.field(default=None, converter=_origin_locality)
    destination_locality: str | None = attrs.field(default=None, converter=_destination_locality)
    transit_localities: tuple[str, ...] = attrs.field(default=(), converter=_transit_localities)

    def __attrs_post_init__(self) -> None:
        for name in ("origin", "destination"):
            country, subdivision, locality = settle_place(
                name,
                f"{name}_subdivision",
                getattr(self, name),
                getattr(self, f"{name}_subdivision"),
                getattr(self, f"{name}_locality"),
            )
            object.__setattr__(self, name, country)
            object.__setattr__(self, f"{name}_subdivision", subdivision)
            object.__setattr__(self, f"{name}_locality", locality)
        countries: list[str] = []
        subdivisions = [
            normalize_subdivision(s, field="transit_subdivisions", country=None)
            for s in self.transit_subdivisions
        ]
        localities = list(self.transit_localities)
        for position, value in enumerate(self.transit):
            place = resolve_place(value, field=f"transit[{position}]")
            countries.append(place.country)
            if place.subdivision is not None and place.subdivision not in subdivisions:
                subdivisions.append(place.subdivision)
            if place.locality is not None and place.locality not in localities:
                localities.append(place.locality)
        for subdivision in subdivisions:
            if subdivision[:2] not in countries:
                raise ValidationError(
                    "transit_subdivisions", subdivision, "is not in any transit country"
                )
        object.__setattr__(self, "transit", tuple(countries))
        object.__setattr__(self, "transit_subdivisions", tuple(subdivisions))
        object.__setattr__(self, "transit_localities", tuple(localities))
        if isinstance(self.value, str):
            context = self.exporter.country or self.origin
            object.__setattr__(
                self, "value", parse_money(self.value, country=context, field="value")
            )

    @property
    def all_parties(self) -> tuple[Entity, ...]:
        """Exporter, consignee and the other parties, in that order."""
        return (self.exporter, self.consignee, *self.parties)

    @property
    def route(self) -> tuple[str, ...]:
        """The countries the goods pass through in order: origin, transit, destination."""
        stops = [self.origin, *self.transit, self.destination]
        return tuple(stop for stop in stops if stop is not None)

    def to_dict(self) -> dict[str, Any]:
        """Return the shipment as JSON-safe data, fields in a fixed order."""
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "exporter": self.exporter.to_dict(),
            "consignee": self.consignee.to_dict(),
            "parties": [p.to_dict() for p in self.parties],
            "goods": [g.to_dict() for g in self.goods],
            "value": self.value.to_dict() if self.value else None,
            "origin": self.origin,
            "origin_subdivision": self.origin_subdivision,
            "destination": self.destination,
            "destination_subdivision": self.destination_subdivision,
            "transit": list(self.transit),
            "transit_subdivisions": list(self.transit_subdivisions),
            "origin_locality": self.origin_locality,
            "destination_locality": self.destination_locality,
            "transit_localities": list(self.transit_localities),
        }
