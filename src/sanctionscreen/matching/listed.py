"""The lists' names as the matcher reads them: normalized, weighed by rarity, indexed.

Built from the lists (:func:`build`), or loaded from a saved copy when the lists and the
code are the same as when it was saved (:func:`saved_or_built`, :mod:`.saved`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import ValidationError
from ..kinds import EntityKind
from ..lists.model import AliasType, ListEntry, SanctionsList
from ..models import Identifier
from ..names import NormalizedName, normalize_name
from .caps import mostly_own_words
from .compare import rarity_of
from .identifiers import MIN_IDENTIFIER_LENGTH, identifier_key
from .index import NameIndex
from .saved import MIN_SAVED_NAMES, index_key, load_index, save_index

__all__ = ["ListedName", "ListedNames", "build", "saved_or_built", "worth_saving"]


@attrs.frozen
class ListedName:
    """One indexed name: which list and entry it belongs to and what kind of name it is.

    The entry by its position in its list, so that a saved index holds no entries.
    """

    list_index: int
    entry_index: int
    text: str
    alias_type: AliasType | None


@attrs.frozen
class ListedNames:
    """Every indexed name, the index, word rarity, identifiers and the names left out.

    ``by_identifier`` maps an identifier's key to (name position, identifier) pairs;
    ``skipped`` says which names could not be normalized (``"LIST ID: 'name'"``).
    """

    names: list[ListedName]
    index: NameIndex
    rarity: dict[str, float]
    by_identifier: dict[str, list[tuple[int, Identifier]]]
    skipped: list[str]


def saved_or_built(
    lists: Sequence[SanctionsList],
    folder: str | os.PathLike[str] | None,
    progress: Callable[..., Iterable[Any]] | None = None,
) -> ListedNames:
    """Load the saved index of ``lists`` from ``folder``, or build it and save it there.

    Lists of fewer than :data:`~.saved.MIN_SAVED_NAMES` names are built every time: that
    is faster than reading and checking a file. ``folder`` None never saves.
    """
    if folder is None or not worth_saving(lists):
        return build(lists, progress)
    path = Path(folder) / f"{index_key(lists)}.index"
    loaded = load_index(path)
    if isinstance(loaded, ListedNames):
        return loaded
    built = build(lists, progress)
    save_index(path, built)
    return built


def worth_saving(lists: Sequence[SanctionsList]) -> bool:
    """Whether the index of ``lists`` is saved: they have :data:`~.saved.MIN_SAVED_NAMES` names.

    Names and aliases as listed; fewer build faster than a saved index is read.
    """
    count = sum(1 + len(entry.aliases) for item in lists for entry in item.entries)
    return count >= MIN_SAVED_NAMES


def build(
    lists: Sequence[SanctionsList], progress: Callable[..., Iterable[Any]] | None = None
) -> ListedNames:
    """Normalize every name and alias of ``lists`` and index them.

    ``progress`` wraps the entries as they are read (``tqdm.tqdm``, or any callable
    taking an iterable and ``total=``).
    """
    names: list[ListedName] = []
    normalized: list[NormalizedName] = []
    kinds: list[EntityKind] = []
    by_identifier: dict[str, list[tuple[int, Identifier]]] = {}
    skipped: list[str] = []
    entry_words: Counter[str] = Counter()
    entries = 0
    every: Iterable[tuple[int, int, ListEntry]] = (
        (list_index, entry_index, entry)
        for list_index, item in enumerate(lists)
        for entry_index, entry in enumerate(item.entries)
    )
    if progress is not None:
        every = progress(every, total=sum(len(item.entries) for item in lists))
    for list_index, entry_index, entry in every:
        first = len(names)
        for name, alias_type in _names_of(entry):
            try:
                norm = normalize_name(name, kind=entry.kind)
            except ValidationError:
                skipped.append(f"{lists[list_index].name} {entry.id}: {name!r}")
                continue
            names.append(ListedName(list_index, entry_index, name, alias_type))
            normalized.append(norm)
            kinds.append(entry.kind)
        if len(names) == first:
            continue  # no usable name: noted in skipped
        entry_words.update({t.text for n in normalized[first:] for t in n.tokens})
        entries += 1
        for ident in entry.identifiers:
            key = identifier_key(ident)
            if len(key) >= MIN_IDENTIFIER_LENGTH:
                by_identifier.setdefault(key, []).append((first, ident))
    # How common each word is across the lists' entries: common words ("Mohammad",
    # "Trading") weigh less in a comparison than rare ones ("Rosoboronexport").
    rarity: dict[str, float] = {}
    for word, count in entry_words.items():
        factor = rarity_of(count, entries)
        if factor < 1.0:
            rarity[word] = factor
    index = NameIndex(
        normalized,
        rarity,
        containable=[
            kind is EntityKind.ORGANIZATION and mostly_own_words(norm)
            for kind, norm in zip(kinds, normalized, strict=True)
        ],
        kinds=kinds,
    )
    return ListedNames(names, index, rarity, by_identifier, skipped)


def _names_of(entry: ListEntry) -> Iterator[tuple[str, AliasType | None]]:
    yield entry.name, None
    for alias in entry.aliases:
        yield alias.name, alias.type
