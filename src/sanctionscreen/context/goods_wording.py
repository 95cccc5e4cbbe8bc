"""Wording the goods check shares: declared codes, partner countries, lists of lines."""

from __future__ import annotations

from .._text import join_words
from ..geography.countries import country_names_phrase
from ..geography.jurisdictions import partner_country
from ..goods.descriptions import TermHit
from ..goods.placement import Misplacement
from .lines import GoodsLine

__all__ = [
    "all_partners",
    "declared",
    "lines_phrase",
    "misplaced",
    "partner_evidence",
    "partner_note",
]


def declared(line: GoodsLine) -> str:
    """Return the declared code's official text, for a goods flag's message."""
    text = line.official_text
    return f" Declared as {text}." if text else ""


def all_partners(receiving: dict[str, list[str]]) -> bool:
    """Whether there are receiving countries and every one of them is a partner country."""
    return bool(receiving) and all(partner_country(country) for country in receiving)


def partner_note(receiving: dict[str, list[str]]) -> str:
    """Say that every receiving country controls such goods itself (a partner country)."""
    partners = [partner_country(country) for country in receiving]
    controls_on = country_names_phrase(c for p in partners if p is not None for c in p.controls_on)
    return (
        f" Every receiving country ({', '.join(receiving)}) applies export controls on "
        f"{controls_on} like the EU's and the US's, so this is recorded as context."
    )


def partner_evidence(receiving: dict[str, list[str]]) -> dict[str, str]:
    """Return each partner country with the list that names it, as evidence."""
    listed = {country: partner_country(country) for country in receiving}
    return {country: p.listed_by for country, p in listed.items() if p is not None}


def lines_phrase(lines: list[GoodsLine]) -> str:
    """Say "line 1 (HS 8542.31) and line 2 (HS 8806.22)"."""
    return join_words([f"line {line.number} (HS {line.code})" for line in lines], "and")


def misplaced(misplacement: Misplacement) -> str:
    """Say what goods were found and where they belong, for a mismatch message."""
    category = misplacement.category
    words = ", ".join(
        repr(hit.found if isinstance(hit, TermHit) else hit.part_number)
        for hit in misplacement.hits
    )
    if misplacement.whole_as_parts:
        return f"{category.title} ({words}), a complete apparatus that no word calls a part"
    return f"{category.title} ({words}), which belong in HS {misplacement.where()}"
