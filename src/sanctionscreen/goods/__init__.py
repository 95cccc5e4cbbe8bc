"""Goods: HS codes, the Common High Priority List and what descriptions give away.

- :mod:`.hs`: :class:`HSCode`, codes as customs records write them;
- :mod:`.hs2022`: declared codes read in the HS 2022 edition (deleted HS 2017
  subheadings converted, and said so);
- :mod:`.nomenclature`: the HS 2022 text of any code (:func:`describe`), and unknown
  codes refused with the nearest valid ones;
- :mod:`.chpl`: the Common High Priority List and its tiers;
- :mod:`.descriptions`: dual-use words, chip part numbers and accessories in a
  description.
"""

from __future__ import annotations

from .chpl import ChplItem, chpl_items, chpl_version, high_priority_items
from .descriptions import (
    DescriptionReading,
    DualUseCategory,
    categories_indicated_by,
    read_description,
)
from .hs import HSCode
from .hs2022 import HSReading, read_as_hs2022
from .nomenclature import describe

__all__ = [
    "ChplItem",
    "DescriptionReading",
    "DualUseCategory",
    "HSCode",
    "HSReading",
    "categories_indicated_by",
    "chpl_items",
    "chpl_version",
    "describe",
    "high_priority_items",
    "read_as_hs2022",
    "read_description",
]
