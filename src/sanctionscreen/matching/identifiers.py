"""Comparing a party's identifiers with a list entry's: schemes, values and conflicts.

Callers write schemes as they know them ("IMO", "IMO Number", "TIN", "Tax ID") and
values with or without the scheme in front ("IMO 9310018"). Schemes are read through
the same label table the list loaders use (``data/identifier_labels.csv``), and values
are compared in compact form (letters and digits, upper-case) without a leading scheme
name. Two identifiers are the same when their values are and their schemes are
compatible: the same scheme, a generic one on either side ("tax ID" for an INN), or
any scheme for values of :data:`CROSS_SCHEME_LENGTH` characters or more, which do not
coincide by chance.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._caching import cache
from .._data import read_table
from .._text import fold
from ..models import Identifier

__all__ = [
    "CROSS_SCHEME_LENGTH",
    "MIN_IDENTIFIER_LENGTH",
    "canonical_scheme",
    "compare_identifiers",
    "identifier_key",
    "same_identifier",
]

# Identifiers this short are too likely to coincide to alert on their own.
MIN_IDENTIFIER_LENGTH = 5
CROSS_SCHEME_LENGTH = 8
# Schemes whose numbers identify one legal entity or vessel: a different number under
# the same scheme is another party.
UNIQUE_SCHEMES = frozenset({"INN", "OGRN", "OGRNIP", "LEI", "IMO", "USCC", "GSTIN", "IEC"})
GENERIC_SCHEMES = frozenset({"REGISTRATION", "TAX_ID", "ID_NUMBER", "NATIONAL_ID"})


@cache
def _schemes() -> Mapping[str, str]:
    table: dict[str, str] = {}
    for row in read_table("identifier_labels.csv"):
        table[fold(row["label"])] = row["scheme"]
        table.setdefault(fold(row["scheme"]), row["scheme"])
    return table


def canonical_scheme(scheme: str) -> str:
    """Return the scheme a label stands for ("IMO Number" -> "IMO", "TIN" -> "TAX_ID")."""
    return _schemes().get(fold(scheme), scheme.upper())


def identifier_key(identifier: Identifier) -> str:
    """Return the value compared: compact, without a leading scheme name ("IMO9310018")."""
    value = identifier.compact
    for prefix in dict.fromkeys((canonical_scheme(identifier.scheme), identifier.scheme)):
        prefix = "".join(ch for ch in prefix.upper() if ch.isalnum())
        rest = value[len(prefix) :]
        long_enough = len(rest) >= MIN_IDENTIFIER_LENGTH
        if prefix and value.startswith(prefix) and long_enough and any(c.isdigit() for c in rest):
            return rest
    return value


def same_identifier(ours: Identifier, theirs: Identifier) -> bool:
    """Whether two identifiers name the same number (see the module docstring)."""
    key = identifier_key(ours)
    if len(key) < MIN_IDENTIFIER_LENGTH or key != identifier_key(theirs):
        return False
    a, b = canonical_scheme(ours.scheme), canonical_scheme(theirs.scheme)
    return a == b or a in GENERIC_SCHEMES or b in GENERIC_SCHEMES or len(key) >= CROSS_SCHEME_LENGTH


def compare_identifiers(
    ours: tuple[Identifier, ...], theirs: tuple[Identifier, ...]
) -> dict[str, list[str]]:
    """Return the identifiers both sides share and those that conflict.

    A conflict is a different number under the same entity-unique scheme (two INNs).
    """
    same: list[str] = []
    different: list[str] = []
    for mine in ours:
        if len(identifier_key(mine)) < MIN_IDENTIFIER_LENGTH:
            continue
        scheme = canonical_scheme(mine.scheme)
        for listed in theirs:
            if same_identifier(mine, listed):
                same.append(f"{listed.scheme} {listed.value}")
            elif scheme in UNIQUE_SCHEMES and scheme == canonical_scheme(listed.scheme):
                different.append(f"{scheme} {mine.value} vs {listed.value}")
    return {"same": same, "different": different}
