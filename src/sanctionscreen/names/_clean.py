"""Unicode clean-up: compatibility forms, invisible and control characters, case."""

from __future__ import annotations

import unicodedata

__all__ = ["clean"]

# Zero-width characters, soft hyphens, bidi controls and the BOM are Unicode category
# Cf ("format"): invisible, so they vanish. Control characters (Cc) and line or
# paragraph separators become spaces: they separate words.
_REMOVED = frozenset({"Cf"})
_SPACED = frozenset({"Cc", "Zl", "Zp"})


def clean(text: str) -> tuple[str, list[str]]:
    """Return ``text`` in NFKC with invisible characters removed, and the steps that fired."""
    if text.isascii() and text.isprintable():  # nothing to fold or remove
        return text, []
    steps: list[str] = []
    normalized = unicodedata.normalize("NFKC", text)
    if normalized != text:
        steps.append("unicode compatibility forms folded (NFKC)")
    kept: list[str] = []
    removed = spaced = 0
    for ch in normalized:
        category = unicodedata.category(ch)
        if category in _REMOVED:
            removed += 1
        elif category in _SPACED:
            spaced += 1
            kept.append(" ")
        else:
            kept.append(ch)
    if removed:
        steps.append(f"{removed} invisible character(s) removed")
    if spaced:
        steps.append(f"{spaced} control character(s) read as spaces")
    return "".join(kept), steps
