"""What a party is and the part it plays in a shipment.

Kept apart from the models because name normalization and the list loaders need the
kinds too, and they must not depend on the shipment models.
"""

from __future__ import annotations

import enum

__all__ = ["EntityKind", "PartyRole"]


class EntityKind(enum.StrEnum):
    """What a party is; ``UNKNOWN`` matches list entries of every kind."""

    ORGANIZATION = "organization"
    PERSON = "person"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class PartyRole(enum.StrEnum):
    """The part a party plays in a shipment."""

    EXPORTER = "exporter"
    CONSIGNEE = "consignee"
    NOTIFY_PARTY = "notify_party"
    END_USER = "end_user"
    FREIGHT_FORWARDER = "freight_forwarder"
    INTERMEDIARY = "intermediary"
    BUYER = "buyer"
    SELLER = "seller"
    MANUFACTURER = "manufacturer"
    OTHER = "other"
